"""Write a note about something that happened (a visit, a call not recorded)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QWidget,
)

from ui.format import from_wall_clock, wall_clock
from ui.views.date_field import DateTimeField


class NoteDialog(QDialog):
    def __init__(self, lender: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        form.addRow(buttons)
        self.resize(480, 320)

    def occurred_at(self) -> datetime:
        return from_wall_clock(self.occurred.dateTime())
