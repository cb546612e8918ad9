"""Qt's own texts that its shipped Chinese catalogs lack for the Qt in use.

Qt 6.11's file dialog says "&Look in:" and "Files of &type:", while qtbase_zh_CN.qm
and qtbase_zh_TW.qm still translate the older "Look in:" and "Files of type:", so a
Chinese file dialog showed those two in English; its Type column's words moved to
QAbstractFileIconProvider, so "Folder" stayed English too. Our own catalogs carry them: Qt asks
every installed translator, and ours answers where Qt's has nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def qt_gaps() -> list[str]:
    """The texts, translated; listed in code so tools/build_translations keeps them."""
    return [
        QCoreApplication.translate("QFileDialog", "&Look in:"),
        QCoreApplication.translate("QFileDialog", "Files of &type:"),
        # the file list's Type column (the strings left QFileDialog for this context)
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "Match OS X Finder"),
        QCoreApplication.translate(
            "QAbstractFileIconProvider", "File Folder", "Match Windows Explorer"
        ),
        QCoreApplication.translate("QAbstractFileIconProvider", "Drive"),
        QCoreApplication.translate("QAbstractFileIconProvider", "%1 File"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Unknown"),
    ]
