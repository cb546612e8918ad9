# mypy: disable-error-code="no-untyped-call"
"""The trash from the window: move an item there, see it, restore it, delete it for good."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QScrollArea
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui.dialogs import Script
from ui.main_window import MainWindow
from ui.views.vault_view import VaultView
from vault.custody.ledger import verify_chain
from vault.handle import create_vault, unlock_vault
from vault.importing import import_paths
from vault.items import UnknownItemError, get_item, item_history_raw, list_items
from vault.lenders import add_lender


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> VaultView:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "安逸花")
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "private photo.txt").write_bytes(b"imported by mistake")
    (folder / "threat.txt").write_bytes("明天上门".encode())
    import_paths(vault, [folder], lender="安逸花")
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.vault_view.model.rowCount() == 2, timeout=10_000)
    return window.vault_view


def _select(qtbot: QtBot, view: VaultView, name: str) -> str:
    row = next(
        r
        for r in range(view.model.rowCount())
        if (item := view.model.item_at(r)) is not None and item.original_name == name
    )
    view.table.selectRow(row)
    qtbot.waitUntil(lambda: view.detail.item is not None and view.detail.item.original_name == name)
    view.detail.setCurrentIndex(1)  # the Details tab, where the buttons are
    assert view.detail.item is not None
    return view.detail.item.id


def _click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible(), button.text()
    parent = button.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(button)  # scroll to it, as the user would
    qtbot.waitUntil(lambda: not button.visibleRegion().isEmpty())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _count(view: VaultView) -> int:
    return {lender.name: lender.item_count for lender in view.sidebar.lenders()}["安逸花"]


def test_trash_restore_and_delete_for_good(
    qtbot: QtBot, window: MainWindow, view: VaultView, tmp_path: Path, dialogs: Script
) -> None:
    item_id = _select(qtbot, view, "private photo.txt")
    assert not view.detail.restore_button.isVisible() and not view.detail.purge_button.isVisible()
    _click(qtbot, view.detail.trash_button)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and _count(view) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "trash" in view.status.text())

    view.filters.trash.setChecked(True)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert _select(qtbot, view, "private photo.txt") == item_id
    assert not view.detail.trash_button.isVisible()
    _click(qtbot, view.detail.restore_button)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=10_000)
    view.filters.trash.setChecked(False)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and _count(view) == 2)

    _select(qtbot, view, "private photo.txt")
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)  # the same, from the keyboard
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    view.filters.trash.setChecked(True)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    _select(qtbot, view, "private photo.txt")
    dialogs.answer(False)  # "Cancel" first
    _click(qtbot, view.detail.purge_button)
    questions = dialogs.questions()
    assert len(questions) == 1 and "private photo.txt" in questions[0]
    qtbot.wait(200)
    assert view.model.rowCount() == 1, "cancelling destroys nothing"
    dialogs.answer(True)
    _click(qtbot, view.detail.purge_button)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=10_000)

    window.lock()
    vault = unlock_vault(tmp_path / "vault", PASSPHRASE)
    try:
        with pytest.raises(UnknownItemError):
            get_item(vault, item_id)
        assert not vault.store.path_for(item_id).exists(), "the contents are gone"
        actions = [e.action for e in item_history_raw(vault, item_id)]
        assert [a for a in actions if a != "sm3_computed"] == [
            "item_imported",
            "item_withdrawn",
            "item_restored",
            "item_withdrawn",
            "item_purged",
        ]
        with vault.sessions() as session:
            assert verify_chain(session) == []
        assert [i.original_name for i in list_items(vault)] == ["threat.txt"]
    finally:
        vault.lock()
