"""The text machine-read from an image, labelled as such, with what it suggests.

Phrases of the phrase pack are highlighted where they stand, each with the category it
suggests in its tooltip; under the text, one button per suggested category files the
item under it when the user clicks (nothing is filed by itself), and the phone numbers
found are listed with the lender whose collectors use them.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ui.format import category_names
from vault.categories import Category
from vault.ocr.phrases import ItemReading

HIGHLIGHT = "#ffe08a"


class MachineText(QWidget):
    accept_requested = Signal(str, str)  # item id, category code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item_id: str | None = None
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.numbers = QLabel(self)
        self.numbers.setWordWrap(True)
        self._buttons = QWidget(self)
        self._buttons_layout = QVBoxLayout(self._buttons)
        self._buttons_layout.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.numbers)
        layout.addWidget(self._buttons)
        self.show_reading(None, None)

    def show_reading(self, item_id: str | None, reading: ItemReading | None) -> None:
        self._item_id = item_id
        while self._buttons_layout.count():
            taken = self._buttons_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.numbers.clear()
        self.numbers.setVisible(False)
        text = reading.text if reading is not None else None
        if reading is None or text is None:
            self.label.setText(
                self.tr("No machine-read text yet: the image waits to be read.")
                if item_id is not None
                else ""
            )
            self.text.clear()
            self.text.setVisible(False)
            return
        how = f"{text.engine} {text.version}, {text.languages}"
        if text.text is None:
            self.label.setText(
                self.tr("Machine-read (%1): the image could not be read.").replace("%1", how)
            )
            self.text.setVisible(False)
            return
        self.label.setText(
            self.tr(
                "Machine-read text (%1). It may contain mistakes; the image is the evidence."
            ).replace("%1", how)
        )
        self.text.setVisible(True)
        self.text.setHtml(self._marked(text.text, reading))
        names = category_names()
        for category in reading.suggestions.categories:
            phrases = "、".join(
                dict.fromkeys(
                    p.phrase for p in reading.suggestions.phrases if p.category is category
                )
            )
            button = QPushButton(
                self.tr("File under “%1” (the text says: %2)")
                .replace("%1", names[category.value])
                .replace("%2", phrases),
                self._buttons,
            )
            button.clicked.connect(lambda _c=False, code=category.value: self._accept(code))
            self._buttons_layout.addWidget(button)
        found = reading.suggestions.numbers
        if found:
            lines = [
                self.tr("%1 — a collector number of %2")
                .replace("%1", n.number)
                .replace("%2", n.lender)
                if n.lender
                else n.number
                for n in found
            ]
            self.numbers.setText(
                self.tr("Phone numbers in the text: %1").replace("%1", "; ".join(lines))
            )
            self.numbers.setVisible(True)

    def _marked(self, text: str, reading: ItemReading) -> str:
        names = category_names()
        out, at = [], 0
        for phrase in reading.suggestions.phrases:
            out.append(html.escape(text[at : phrase.start]))
            tip = html.escape(names[phrase.category.value])
            out.append(
                f'<span style="background-color:{HIGHLIGHT}" title="{tip}">'
                f"{html.escape(text[phrase.start : phrase.end])}</span>"
                f'<span style="color:#8a5a00; font-size:small"> [{tip}]</span>'
            )
            at = phrase.end
        out.append(html.escape(text[at:]))
        return "<div style='white-space:pre-wrap'>" + "".join(out) + "</div>"

    def _accept(self, code: str) -> None:
        if self._item_id is not None:
            self.accept_requested.emit(self._item_id, Category(code).value)
