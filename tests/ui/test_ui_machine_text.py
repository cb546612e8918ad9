# mypy: disable-error-code="no-untyped-call"
"""The window reads screenshots in the background and shows the text, labelled
machine-read, with its phrases highlighted and suggestions the user accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ocr.screens import Bubble, chat
from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ui.ui_helpers import unlock_window
from ui.dialogs import Script
from ui.main_window import MainWindow
from vault.handle import create_vault, unlock_vault
from vault.importing import import_paths
from vault.items import list_items
from vault.lenders import add_lender
from vault.ocr import item_text
from vault.ocr.reading import waiting_ids
from vault.ocr.script import fold

LENDER = "微粒贷"


@pytest.mark.slow
def test_the_window_reads_waiting_screenshots_and_the_user_accepts_a_suggestion(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: Script
) -> None:
    vault_dir = tmp_path / "vault"
    vault, _ = create_vault(vault_dir, PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, LENDER, numbers=["13912345678"])
    shot = tmp_path / "Screenshot_20240317_093000_com.tencent.mm.png"
    shot.write_bytes(
        chat([Bubble("再不还钱我们就上门找你"), Bubble("催收专员 13912345678")], title="催收")
    )
    import_paths(vault, [shot], lender=LENDER)  # as evault import leaves it: waiting
    assert len(waiting_ids(vault)) == 1
    vault.lock()

    view = unlock_window(qtbot, window, vault_dir)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    view.table.selectRow(0)
    panel = view.detail.machine_text
    qtbot.waitUntil(lambda: "找你" in panel.text.toPlainText(), timeout=60_000)
    shown = fold(panel.text.toPlainText())
    # the phrase as read, then the category it suggests beside it
    assert "我们就上门 [Home visit]找你" in shown, shown
    assert view.detail.isTabVisible(view.detail.indexOf(panel))
    qtbot.waitUntil(lambda: view.status.text() == "Text read from 1 of 1 images.", timeout=10_000)
    assert "Machine-read text (tesseract" in panel.label.text()
    assert "background-color:#ffe08a" in panel.text.toHtml().replace(" ", "")
    assert "13912345678 — a collector number of 微粒贷" in panel.numbers.text()
    buttons = panel.findChildren(type(view.import_button))
    accept = next(b for b in buttons if "Home visit" in b.text())
    accept.click()
    assert view.detail.categories["home_visit"].isChecked()
    qtbot.waitUntil(
        lambda: (
            not any(
                "Home visit" in b.text() for b in panel.findChildren(type(accept)) if b.isVisible()
            )
        ),
        timeout=10_000,
    )
    window.vault_view.clear()
    reopened = unlock_vault(vault_dir, PASSPHRASE)
    try:
        (item,) = list_items(reopened)
        assert item.categories == ("home_visit",), "accepted, saved, logged as an edit"
        read = item_text(reopened, item.id)
        assert read is not None and read.machine_read
    finally:
        reopened.lock()
