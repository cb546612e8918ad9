# mypy: disable-error-code="no-untyped-call"
"""Complaint material from the tracker: the channel and the company asked, the pack made
off the GUI thread, the result saying where it is and what next, the filing recorded."""

from __future__ import annotations

import html
import random
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui import tasks
from ui.dialogs import Script
from ui.main_window import MainWindow
from ui.views.complaints import ComplaintDialog
from ui.views.pack_dialog import PackDialog
from vault.case.complaint_pack import TEXT_FILE
from vault.case.complaints import complaints
from vault.case.pack_channels import CHANNELS, PackChannel
from vault.handle import create_vault
from vault.importing import import_paths
from vault.lenders import add_lender, list_lenders

COMPANY = "深圳市分期乐网络科技有限公司"


def test_material_is_made_from_the_tracker_and_the_filing_recorded(
    qtbot: QtBot, window: MainWindow, dialogs: Script, tmp_path: Path
) -> None:
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, "分期乐")
    shot = tmp_path / "shot.jpg"
    rng = random.Random(3)
    Image.frombytes("RGB", (2000, 1500), rng.randbytes(2000 * 1500 * 3)).save(shot, quality=95)
    import_paths(vault, [shot], lender="分期乐")
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.vault_view.sidebar.lenders()) == 1, timeout=10_000)
    view = window.vault_view
    row = view.sidebar.list.findItems("分期乐", Qt.MatchFlag.MatchStartsWith)[0]
    view.sidebar.list.setCurrentItem(row)
    view.middle_tabs.setCurrentWidget(view.case)
    panel = view.case.complaints
    view.case.tabs.setCurrentWidget(panel)
    out = tmp_path / "out"
    out.mkdir()

    def choose(dialog: QDialog) -> bool:
        assert isinstance(dialog, PackDialog)
        assert dialog.company_hint.isVisibleTo(dialog), "a lender without company is asked"
        assert not dialog.make.isEnabled(), "no material without the company's name"
        dialog.channel.setCurrentIndex(dialog.channel.findData("nifa"))
        assert "jubao" not in dialog.demands.toPlainText()
        dialog.company.setText(COMPANY)
        dialog.folder.setText(str(out))
        return True

    dialogs.answer(choose)
    qtbot.waitUntil(panel.pack_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(panel.pack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result_dialog is not None, timeout=60_000)
    result = panel.result_dialog
    assert result is not None
    texts = " ".join(label.text() for label in result.findChildren(QLabel))
    (folder,) = out.iterdir()
    assert str(folder) in texts
    assert html.escape(CHANNELS[PackChannel.NIFA].next_steps["en"]) in texts, (
        "what to do next is said"
    )
    assert COMPANY in (folder / TEXT_FILE).read_bytes().decode("utf-8-sig")
    qtbot.waitUntil(tasks.worker().idle)
    live = window.vault
    assert live is not None
    assert [x.company for x in list_lenders(live)] == [COMPANY], "the company is kept"

    def record(dialog: QDialog) -> bool:
        assert isinstance(dialog, ComplaintDialog)
        assert dialog.channel.currentData() == "nifa", "the channel of the material"
        dialog.reference.setText("JB20261203001")
        return True

    dialogs.answer(record)
    qtbot.mouseClick(result.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 1, timeout=10_000)
    qtbot.waitUntil(tasks.worker().idle)
    (filed,) = complaints(live, "分期乐")
    assert (filed.channel, filed.reference) == ("nifa", "JB20261203001")
    assert filed.item_ids == tuple(result.pack.copied_items) and filed.item_ids, "items linked"
    assert not dialogs, dialogs
