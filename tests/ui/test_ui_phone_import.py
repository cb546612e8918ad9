"""从手机导入…: the phones on USB, their evidence folders with counts, ticked and imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui.main_window import MainWindow
from ui.views.phone_import import PhoneImportDialog
from ui.views.vault_view import VaultView
from vault.handle import create_vault
from vault.lenders import add_lender

PHONE = "mtp:host=Xiaomi_Redmi_Note_12_a1b2c3d4e5"


def _shots(folder: Path, count: int, shade: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        Image.new("RGB", (20, 40), (shade, n, 9)).save(folder / f"Screenshot_20240315_14300{n}.png")


@pytest.fixture
def phone_tree(tmp_path: Path) -> Path:
    storage = tmp_path / "gvfs" / PHONE / "内部共享存储空间"
    _shots(storage / "DCIM" / "Screenshots", 3, 10)
    _shots(storage / "Pictures" / "WeiXin", 2, 20)
    return tmp_path / "gvfs"


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> VaultView:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "度小满")
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.passphrase.returnPressed.emit()
    qtbot.waitUntil(lambda: len(window.vault_view.sidebar.lenders()) == 1, timeout=10_000)
    return window.vault_view


def test_the_ticked_folders_of_the_phone_are_imported(
    qtbot: QtBot, view: VaultView, phone_tree: Path
) -> None:
    view.phone_roots = [phone_tree]
    dialog = view.import_from_phone()
    assert isinstance(dialog, PhoneImportDialog)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1, timeout=10_000)
    phone = dialog.tree.topLevelItem(0)
    assert phone is not None
    assert phone.text(0).startswith("Xiaomi Redmi Note 12 · 内部共享存储空间")
    children = [phone.child(i) for i in range(phone.childCount())]
    rows = {row.text(0): row.text(1) for row in children if row is not None}
    assert rows == {
        "Screenshots · Android  (DCIM/Screenshots)": "3",
        "Chat images · WeChat  (Pictures/WeiXin)": "2",
    }
    assert "5 files" in dialog.status.text()
    wechat = children[1]
    assert wechat is not None
    wechat.setCheckState(0, Qt.CheckState.Unchecked)  # only the screenshots
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=20_000)


def test_no_phone_says_what_to_do_and_offers_no_import(
    qtbot: QtBot, view: VaultView, tmp_path: Path
) -> None:
    view.phone_roots = [tmp_path / "nothing-mounted"]
    dialog = view.import_from_phone()
    assert dialog is not None
    qtbot.waitUntil(lambda: "No phone found" in dialog.status.text(), timeout=10_000)
    assert not dialog.import_button.isEnabled()
    assert dialog.again_button.isEnabled()
    dialog.reject()
