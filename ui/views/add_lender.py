"""Add a lender: its name and, when the borrower knows them, the collectors' numbers.

The numbers are what the case analysis counts calls and messages by; asking for them
here saves a second trip to the case tab.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vault.phones import try_normalize

_BETWEEN_NUMBERS = re.compile(r"[,，;；、/\n]+")

# Platforms borrowers most often name; offered when adding a lender.
SUGGESTIONS = (
    "借呗", "微粒贷", "京东金融", "360借条", "美团借钱", "安逸花",
    "分期乐", "好分期", "拍拍贷", "度小满", "招联金融", "洋钱罐",
)  # fmt: skip


def split_numbers(text: str) -> list[str]:
    """The numbers written in ``text``: separated by commas, semicolons or 、 (a number
    itself may contain spaces and dashes, as phones show them)."""
    return [part.strip() for part in _BETWEEN_NUMBERS.split(text) if part.strip()]


class AddLenderDialog(QDialog):
    def __init__(
        self, offered: list[str], parent: QWidget | None = None, *, chosen: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add lender"))
        self.name = QComboBox(self)
        self.name.setEditable(True)
        self.name.addItems(offered)
        self.name.setCurrentIndex(0 if offered else -1)
        if chosen:  # picked on the empty main screen: the numbers are what is left
            self.name.setCurrentText(chosen)
        self.numbers = QLineEdit(self)
        self.numbers.setPlaceholderText(self.tr("e.g. 138 0013 8000, 95188"))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        name_label = QLabel(self.tr("Name of the lending platform (pick one or type another):"))
        name_label.setWordWrap(True)
        numbers_label = QLabel(
            self.tr(
                "Numbers that call or message you for this lender (if you know them; "
                "separate them with commas):"
            )
        )
        numbers_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(name_label)
        layout.addWidget(self.name)
        layout.addWidget(numbers_label)
        layout.addWidget(self.numbers)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.name.editTextChanged.connect(self._check)
        self.numbers.textChanged.connect(self._check)
        self.setMinimumWidth(480)
        self._check()
        if chosen:
            self.numbers.setFocus()

    def lender_name(self) -> str:
        return self.name.currentText().strip()

    def phone_numbers(self) -> list[str]:
        return split_numbers(self.numbers.text())

    def _check(self) -> None:
        """OK only with a name and numbers that are numbers; a wrong one is named."""
        wrong = next((n for n in self.phone_numbers() if try_normalize(n) is None), None)
        if wrong is None:
            self.problem.hide()
        else:
            self.problem.setText(
                self.tr("“%1” is not a phone number. Write it as your phone shows it.").replace(
                    "%1", wrong
                )
            )
            self.problem.show()
        self.ok_button.setEnabled(bool(self.lender_name()) and wrong is None)

    def accept(self) -> None:
        if self.ok_button.isEnabled():
            super().accept()
