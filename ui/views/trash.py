"""The one question asked before evidence is destroyed for good."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui import dialogs


def confirm_purge(parent: QWidget, name: str) -> bool:
    """Ask before purging; the default button is the safe one."""
    text = QCoreApplication.translate(
        "Trash",
        "Delete “%1” for good?\n\nIts contents are destroyed and cannot be recovered, not "
        "even with the recovery key. Its hashes stay in the custody log, so the log still "
        "verifies.",
    ).replace("%1", name)
    title = QCoreApplication.translate("Trash", "Delete for good")
    return dialogs.confirm(
        parent, title, text, yes=QCoreApplication.translate("Trash", "Delete for good")
    )
