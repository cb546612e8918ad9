"""Write a note about something that happened (a visit, a call not recorded), or about the
item shown beside it (then the evidence list gives the note as that item's content)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QWidget,
)

from ui.format import from_wall_clock, wall_clock
from ui.views.date_field import DateTimeField


class NoteDialog(QDialog):
    def __init__(
        self,
        lender: str,
        parent: QWidget | None = None,
        *,
        item: tuple[str, str] | None = None,
    ) -> None:
        """``item``: the id and name of the item shown, which the note may be about."""
        super().__init__(parent)
        self._item_id = item[0] if item is not None else None
        self.setWindowTitle(self.tr("Note about %1").replace("%1", lender))
        self.occurred = DateTimeField(wall_clock(), self)  # now, in the vault's zone
        self.occurred.setCalendarPopup(True)
        self.occurred.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("What happened, who said what, who was there."))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.text.textChanged.connect(
            lambda: self.save_button.setEnabled(bool(self.text.toPlainText().strip()))
        )
        form = QFormLayout(self)
        form.addRow(self.tr("Occurred at"), self.occurred)
        form.addRow(self.tr("What happened"), self.text)
        self.about_item = QCheckBox(self)
        if item is not None:
            self.about_item.setText(self.tr("About the item shown: %1").replace("%1", item[1]))
            form.addRow(self.about_item)
        else:
            self.about_item.hide()
        form.addRow(buttons)
        self.resize(480, 320)

    def occurred_at(self) -> datetime:
        return from_wall_clock(self.occurred.dateTime())

    def item_id(self) -> str | None:
        """The item the note is about, when the user ticked it."""
        return self._item_id if self.about_item.isChecked() else None
