"""First run: what the app does, in two sentences, and the two ways in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ui.views.layout import centered_column, enlarge


class WelcomePage(QWidget):
    create_requested = Signal()
    open_requested = Signal()
    verify_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Evidence Vault"), self)
        enlarge(title, 1.8)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = QLabel(
            self.tr(
                "Evidence Vault keeps your recordings, screenshots and notes about debt "
                "collectors locked and unchanged on this computer. When you complain or go "
                "to court, it makes one package that anyone can check has not been altered."
            ),
            self,
        )
        self.text.setWordWrap(True)
        self.create_button = QPushButton(self.tr("Create a new vault"), self)
        self.open_button = QPushButton(self.tr("Open an existing vault…"), self)
        # a receiver who installed the app only to check a bundle needs no vault
        self.verify_button = QPushButton(self.tr("Verify an evidence bundle…"), self)
        self.verify_button.setObjectName("verifyBundleButton")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.verify_button.clicked.connect(self.verify_requested)
        centered_column(
            self,
            [title, self.text, self.create_button, self.open_button, self.verify_button],
            560,
        )
