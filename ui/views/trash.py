"""The one question asked before evidence is destroyed for good."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

# Test seam: tests replace this to answer without a modal box.
answer: Callable[[str], bool] | None = None


def confirm_purge(parent: QWidget, name: str) -> bool:
    """Ask before purging; the default button is the safe one."""
    text = QCoreApplication.translate(
        "Trash",
        "Delete “%1” for good?\n\nIts contents are destroyed and cannot be recovered, not "
        "even with the recovery key. Its hashes stay in the custody log, so the log still "
        "verifies.",
    ).replace("%1", name)
    if answer is not None:
        return answer(text)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Trash", "Delete for good"),
        text,
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    delete = box.addButton(
        QCoreApplication.translate("Trash", "Delete for good"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is delete
