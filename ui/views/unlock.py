"""Unlock the last vault (or another one) with the passphrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from ui.views.layout import centered_column, enlarge


class UnlockPage(QWidget):
    unlock_requested = Signal(object, str)  # path, passphrase
    other_requested = Signal()
    create_requested = Signal()
    recovery_requested = Signal(object)  # path: the passphrase is forgotten

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.heading = QLabel(self.tr("This vault is locked."), self)
        self.location = QLabel(self)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setDefault(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.recovery_button = self._recovery_link()
        self.other_button = QPushButton(self.tr("Open another vault…"), self)
        self.create_button = QPushButton(self.tr("Create a new vault"), self)
        self.unlock_button.clicked.connect(self._unlock)
        self.passphrase.returnPressed.connect(self._unlock)
        self.other_button.clicked.connect(self.other_requested)
        self.create_button.clicked.connect(self.create_requested)
        enlarge(self.heading, 1.5)
        self.location.setWordWrap(True)
        centered_column(
            self,
            [self.heading, self.location, self.passphrase, self.unlock_button, self.message,
             self.recovery_button, self.other_button, self.create_button],
        )  # fmt: skip

    def _recovery_link(self) -> QPushButton:
        """The way out of a forgotten passphrase: a flat, link-like button."""
        button = QPushButton(self.tr("Forgot the passphrase? Unlock with the recovery key"), self)
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setStyleSheet("QPushButton { color: palette(link); text-decoration: underline; }")
        button.clicked.connect(self._recover)
        return button

    def _recover(self) -> None:
        if self.path is not None:
            self.recovery_requested.emit(self.path)

    def set_path(self, path: Path) -> None:
        self.path = path
        self.location.setText(str(path))
        self.reset()

    def reset(self) -> None:
        self.passphrase.clear()
        self.message.clear()
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        if busy:
            self.message.setText(self.tr("Unlocking…"))

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.message.setText(text)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _unlock(self) -> None:
        if self.path is not None and self.passphrase.text() and self.unlock_button.isEnabled():
            self.set_busy(True)
            self.unlock_requested.emit(self.path, self.passphrase.text())
