# mypy: disable-error-code="no-untyped-call"
"""Helpers shared by the desktop-app tests: modal answers, drops, text on screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import PASSPHRASE
from ui import tasks
from ui.main_window import MainWindow
from ui.views.vault_view import VaultView


def answer_next_modal(handle: Callable[[QWidget], None]) -> None:
    """Answer the next modal dialog (as KeePassXC's MessageBox::setNextAnswer)."""

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, poll)
            return
        handle(modal)

    QTimer.singleShot(0, poll)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as a Chinese input method does: one committed string.

    (QTest's key clicks only know ASCII keys; CJK text arrives through the input method.)
    """
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def drop_files(target: QWidget, paths: list[Path], at: QPoint) -> QDropEvent:
    """Deliver a real drag-enter and drop of ``paths`` at ``at`` on ``target``."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    action = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, action, mime, buttons, mods)
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(at.toPointF(), action, mime, buttons, mods)
    QApplication.sendEvent(target, drop)
    return drop


def visible_texts() -> list[str]:
    """Every text any widget holds: labels, fields, buttons, lists, tables, titles."""
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        texts.append(widget.windowTitle())
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root = QModelIndex()
            for row in range(model.rowCount(root)):
                for column in range(_columns(model)):
                    value = model.data(model.index(row, column))
                    if value is not None:
                        texts.append(str(value))
    return [t for t in texts if t]


def _columns(model: QAbstractItemModel) -> int:
    try:
        return model.columnCount(QModelIndex())
    except TypeError:  # list models keep columnCount private: they have one column
        return 1


def sm3_settled(qtbot: QtBot, view: VaultView) -> None:
    """Wait until the window's background SM3 pass has recorded everything it found.

    The pass writes to the vault (on the one database worker); a test that then changes
    the vault itself from its own thread, or counts custody events, waits for it first.
    """
    qtbot.waitUntil(view.sm3_pass.finished.is_set, timeout=60_000)
    qtbot.waitUntil(tasks.worker().idle, timeout=60_000)


def unlock_window(qtbot: QtBot, window: MainWindow, vault_dir: Path) -> VaultView:
    """Unlock ``vault_dir`` in ``window`` as the user does: the passphrase, then Return."""
    window.show_unlock(vault_dir)
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.vault_view.vault is not None, timeout=10_000)
    return window.vault_view
