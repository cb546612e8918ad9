# mypy: disable-error-code="no-untyped-call"
"""The window's smaller defects (issue 13): edits kept, dates typed, numbers at creation…"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ui.ui_helpers import type_text
from ui import tasks
from ui.main_window import MainWindow
from ui.views.vault_view import VaultView
from vault.handle import create_vault, unlock_vault
from vault.importing import import_paths
from vault.items import get_item
from vault.lenders import add_lender


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> VaultView:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "度小满")
    add_lender(vault, "分期乐")
    files = []
    for n, text in enumerate(("第一条", "第二条")):
        path = tmp_path / f"sms_{n}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    import_paths(vault, files, lender="度小满")
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.vault_view.sidebar.lenders()) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: window.vault_view.model.rowCount() == 2, timeout=10_000)
    return window.vault_view


def _edit_shown(qtbot: QtBot, view: VaultView, row: int, purpose: str) -> str:
    view.table.selectRow(row)
    item = view.model.item_at(row)
    assert item is not None
    qtbot.waitUntil(lambda: view.detail.item is not None and view.detail.item.id == item.id)
    view.detail.setCurrentIndex(1)
    view.detail.categories["threats"].click()
    type_text(view.detail.purpose, purpose)
    return item.id


def _stored(path: Path, item_id: str) -> tuple[tuple[str, ...], str | None]:
    vault = unlock_vault(path, PASSPHRASE)
    try:
        item = get_item(vault, item_id)
        return item.categories, item.purpose
    finally:
        vault.lock()


def test_edits_are_saved_when_another_row_is_selected(qtbot: QtBot, view: VaultView) -> None:
    item_id = _edit_shown(qtbot, view, 0, "催收威胁上门")
    view.table.selectRow(1)  # no click on "Save changes"
    qtbot.waitUntil(lambda: view.status.text() == view.tr("Saved."), timeout=5000)
    row = view.model.row_of(item_id)
    saved = view.model.item_at(row)
    assert saved is not None
    assert saved.categories == ("threats",) and saved.purpose == "催收威胁上门"
    view.table.selectRow(row)
    qtbot.waitUntil(lambda: view.detail.item is not None and view.detail.item.id == item_id)
    assert view.detail.categories["threats"].isChecked()
    assert view.detail.purpose.toPlainText() == "催收威胁上门"


def test_edits_are_saved_when_the_lender_changes(qtbot: QtBot, view: VaultView) -> None:
    item_id = _edit_shown(qtbot, view, 0, "换平台前写的")
    items = view.sidebar.list.findItems("分期乐", Qt.MatchFlag.MatchStartsWith)
    view.sidebar.list.setCurrentItem(items[0])
    qtbot.waitUntil(lambda: view.model.rowCount() == 0 and view.detail.item is None)
    window = view.window()
    assert isinstance(window, MainWindow) and window.vault is not None
    path = window.vault.info.path
    window.lock()
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
    assert _stored(path, item_id) == (("threats",), "换平台前写的")


def test_edits_are_saved_when_the_vault_is_locked(qtbot: QtBot, view: VaultView) -> None:
    item_id = _edit_shown(qtbot, view, 1, "锁定前写的")
    window = view.window()
    assert isinstance(window, MainWindow) and window.vault is not None
    path = window.vault.info.path
    window.close()  # closing locks
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
    assert window.vault is None
    assert _stored(path, item_id) == (("threats",), "锁定前写的")


def test_nothing_is_saved_when_nothing_changed(qtbot: QtBot, view: VaultView) -> None:
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.detail.item is not None)
    assert view.detail.unsaved_changes() == {}
    view.table.selectRow(1)
    qtbot.wait(100)
    assert view.status.text() != view.tr("Saved.")
