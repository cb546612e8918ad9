"""What to do first, where the evidence list would be empty: a plain sentence and a button.

With no lender yet, the platforms borrowers most often name stand here as buttons: one
click on a familiar name opens the add-lender dialog with it chosen, and only the
collectors' numbers are left to write. The buttons exist only while they are offered: a
lender's name stays nowhere in the window once the vault has lenders or is locked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.views.add_lender import SUGGESTIONS

COLUMNS = 4


class EmptyHint(QWidget):
    add_lender_requested = Signal(str)  # the platform picked here ("": another one)
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setFixedWidth(420)  # a centred label does not grow to fit its lines: we do
        self.platforms = QWidget(self)
        self._grid = QGridLayout(self.platforms)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.platform_buttons: list[QPushButton] = []
        self.button = QPushButton(self)
        self.button.clicked.connect(self._clicked)
        self._no_lenders = True
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.platforms, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.show_for(no_lenders=True)

    def show_for(self, *, no_lenders: bool) -> None:
        """No lender yet: add one first. A lender without evidence: import files."""
        self._no_lenders = no_lenders
        if no_lenders and not self.platform_buttons:
            for n, name in enumerate(SUGGESTIONS):
                pick = QPushButton(name, self.platforms)
                pick.clicked.connect(
                    lambda _c=False, name=name: self.add_lender_requested.emit(name)
                )
                self._grid.addWidget(pick, n // COLUMNS, n % COLUMNS)
                self.platform_buttons.append(pick)
        elif not no_lenders:
            self.forget()
        self.platforms.setVisible(no_lenders)
        if no_lenders:
            self.text.setText(
                self.tr(
                    "Start by adding the lending platform whose collectors call or message "
                    "you. Then import your screenshots, call recordings and messages into it."
                )
                + "\n"
                + self.tr("Which platform is it? Click its name:")
            )
            self.button.setText(self.tr("Another platform…"))
        else:
            self.text.setText(
                self.tr(
                    "No evidence here yet. Import screenshots, call recordings, text "
                    "messages or a phone backup, or drop the files onto this window."
                )
            )
            self.button.setText(self.tr("Import files…"))
        self.text.setMinimumHeight(self.text.heightForWidth(self.text.width()))

    def forget(self) -> None:
        """Drop the platform buttons (a lock, or a vault with lenders)."""
        for pick in self.platform_buttons:
            pick.hide()
            pick.deleteLater()
        self.platform_buttons = []

    def _clicked(self) -> None:
        if self._no_lenders:
            self.add_lender_requested.emit("")
        else:
            self.import_requested.emit()
