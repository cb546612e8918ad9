"""What to do first, where the evidence list would be empty: a plain sentence and a button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyHint(QWidget):
    add_lender_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setFixedWidth(420)  # a centred label does not grow to fit its lines: we do
        self.button = QPushButton(self)
        self.button.clicked.connect(self._clicked)
        self._no_lenders = True
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.show_for(no_lenders=True)

    def show_for(self, *, no_lenders: bool) -> None:
        """No lender yet: add one first. A lender without evidence: import files."""
        self._no_lenders = no_lenders
        if no_lenders:
            self.text.setText(
                self.tr(
                    "Start by adding the lending platform whose collectors call or message "
                    "you. Then import your screenshots, call recordings and messages into it."
                )
            )
            self.button.setText(self.tr("Add lender…"))
        else:
            self.text.setText(
                self.tr(
                    "No evidence here yet. Import screenshots, call recordings, text "
                    "messages or a phone backup, or drop the files onto this window."
                )
            )
            self.button.setText(self.tr("Import files…"))
        self.text.setMinimumHeight(self.text.heightForWidth(self.text.width()))

    def _clicked(self) -> None:
        if self._no_lenders:
            self.add_lender_requested.emit()
        else:
            self.import_requested.emit()
