# mypy: disable-error-code="no-untyped-call"
"""Auto-lock, quick hide and the neutral title: after a lock no evidence stays on screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ui.ui_helpers import answer_next_modal, type_text, visible_texts
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.views.note_dialog import NoteDialog
from vault.handle import create_vault
from vault.importing import import_paths
from vault.lenders import add_lender


def _open_vault(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> str:
    vault, _ = create_vault(tmp_path / "v", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, "拍拍贷")
    note = tmp_path / "威胁短信.txt"
    note.write_text("再不还款明天上门", encoding="utf-8")
    item_id = import_paths(vault, [note], lender="拍拍贷").results[0].item_id
    assert item_id is not None
    vault.lock()
    window.show_unlock(tmp_path / "v")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.mouseClick(window.unlock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.vault_view.model.rowCount() == 1, timeout=10_000)
    view = window.vault_view
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: "明天上门" in view.detail.preview.text.toPlainText())
    return item_id


def test_auto_lock_after_idle_clears_every_view(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _open_vault(qtbot, window, tmp_path)
    assert any("明天上门" in t for t in visible_texts())
    window.idle.set_timeout(300)
    window.idle.start()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.unlock, timeout=3000)
    shown = "\n".join(visible_texts())
    for secret in ("明天上门", "威胁短信", "拍拍贷"):
        assert secret not in shown, f"{secret!r} is still on screen after auto-lock"
    assert window.vault is None


def test_input_postpones_auto_lock(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _open_vault(qtbot, window, tmp_path)
    window.idle.set_timeout(1000)
    window.idle.start()
    for _ in range(4):
        qtbot.wait(300)
        qtbot.keyClick(window.vault_view.filters.search, Qt.Key.Key_A)
    assert window.vault is not None, "typing counts as activity"


def test_escape_twice_locks_and_minimises(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _open_vault(qtbot, window, tmp_path)
    window.vault_view.table.setFocus()
    qtbot.keyClick(window.vault_view.table, Qt.Key.Key_Escape)
    qtbot.wait(50)
    assert window.vault is not None, "one Esc alone must not lock"
    qtbot.keyClick(window.vault_view.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.vault is None)
    assert window.isMinimized()
    assert window.stack.currentWidget() is window.unlock


def test_neutral_title_hides_the_app_name(qtbot: QtBot, settings: Settings) -> None:
    settings.neutral_title = True
    window = MainWindow(settings, work_factor=FAST_WORK_FACTOR)
    qtbot.addWidget(window)
    assert "Vault" not in window.windowTitle()
    assert "Evidence" not in window.windowTitle()


def test_auto_lock_closes_a_half_written_note(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _open_vault(qtbot, window, tmp_path)
    view = window.vault_view
    items = view.sidebar.list.findItems("拍拍贷", Qt.MatchFlag.MatchStartsWith)
    view.sidebar.list.setCurrentItem(items[0])

    def write_then_walk_away(dialog: QWidget) -> None:
        assert isinstance(dialog, NoteDialog)
        type_text(dialog.text, "他们拿着我的身份证复印件")
        window.idle.set_timeout(200)
        window.idle.start()

    answer_next_modal(write_then_walk_away)
    qtbot.mouseClick(view.note_button, Qt.MouseButton.LeftButton)  # returns when it closes
    assert window.vault is None
    assert not any("身份证" in text for text in visible_texts())
