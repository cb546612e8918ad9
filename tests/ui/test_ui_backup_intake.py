# mypy: disable-error-code="no-untyped-call"
"""A phone folder dropped on a lender: the call log among the files is analysed at once,
and the collectors' numbers are asked as the Case tab asks; an XML stored as a plain
file by older versions is analysed from its detail pane."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_ui_case import COLLECTORS, FAMILY, offered, view  # noqa: F401 - fixtures
from tests.ui.ui_helpers import drop_files
from ui.dialogs import Script
from ui.format import shown_title
from ui.main_window import MainWindow
from ui.views.vault_view import VaultView
from vault.demo.backup_sample import write_calls
from vault.dto import ImportStatus
from vault.hashing import SHA256
from vault.importing import import_backup
from vault.ingest.pipeline import ImportContext, import_files
from vault.items import get_item, withdraw_item
from vault.lenders import add_lender_numbers, lender_id_of
from vault.phones import normalize


def test_a_dropped_phone_folder_has_its_call_log_analysed_and_numbers_asked(
    qtbot: QtBot,
    window: MainWindow,
    view: VaultView,  # noqa: F811 - the fixture
    tmp_path: Path,
    media_dir: Path,
    offered: list[tuple[str, ...]],  # noqa: F811 - the fixture
    dialogs: Script,
) -> None:
    phone = tmp_path / "phone"
    shutil.copytree(media_dir, phone)
    write_calls(phone / "calls-20260212.xml", 200, days=5, numbers=COLLECTORS + FAMILY)
    row = view.sidebar.list.findItems("分期乐", Qt.MatchFlag.MatchStartsWith)[0]
    at = view.sidebar.list.visualItemRect(row).center()
    drop_files(view.sidebar.list.viewport(), [phone], at)
    # a clean import: the summary stands in the window, no box to click away
    qtbot.waitUntil(lambda: "Imported: 3" in view.banner.text.text(), timeout=30_000)
    assert not dialogs.texts("inform", "warn", "failure"), dialogs
    summary = view.banner.text.text()
    assert "Imported: 3" in summary and "Not imported: 0" in summary, summary
    assert "Phone backup calls-20260212.xml: 200 calls" in summary
    assert "5 number(s) added" in summary
    assert offered and {normalize(n) for n in COLLECTORS} <= set(offered[0])
    case = view.case
    view.middle_tabs.setCurrentWidget(case)
    qtbot.waitUntil(lambda: "calls from 5 numbers" in case.summary.text(), timeout=30_000)
    view.middle_tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10_000)
    titles = [view.model.index(r, 2).data() for r in range(view.model.rowCount())]
    assert "Phone call log backup (200 calls, 0 messages)" in titles


def test_a_lender_with_numbers_is_not_asked_but_offered_the_backups_other_numbers(
    qtbot: QtBot,
    view: VaultView,  # noqa: F811 - the fixture
    tmp_path: Path,
    media_dir: Path,
    offered: list[tuple[str, ...]],  # noqa: F811 - the fixture
    dialogs: Script,
) -> None:
    vault = view.vault
    assert vault is not None
    add_lender_numbers(vault, "分期乐", COLLECTORS[:1])
    view.refresh_lenders("分期乐")
    qtbot.waitUntil(lambda: bool(view.sidebar.lenders()[0].numbers), timeout=10_000)
    phone = tmp_path / "phone"
    shutil.copytree(media_dir, phone)
    write_calls(phone / "calls-20260213.xml", 120, days=4, numbers=COLLECTORS + FAMILY)
    row = view.sidebar.list.findItems("分期乐", Qt.MatchFlag.MatchStartsWith)[0]
    drop_files(
        view.sidebar.list.viewport(), [phone], view.sidebar.list.visualItemRect(row).center()
    )
    banner = view.banner
    qtbot.waitUntil(lambda: "Imported: 3" in banner.text.text(), timeout=30_000)
    assert not offered and not dialogs.shown, "its calls count already: nothing to answer now"
    assert "6 other number(s) that belong to no lender" in banner.text.text(), banner.text.text()
    assert banner.action.isVisible() and banner.action.text() == "Choose collectors' numbers…"
    qtbot.mouseClick(banner.action, Qt.MouseButton.LeftButton)  # the question, when wanted
    assert offered and {normalize(n) for n in COLLECTORS[1:]} <= set(offered[0])
    qtbot.waitUntil(lambda: "4 number(s) added" in banner.text.text(), timeout=10_000)
    assert not banner.action.isVisible(), "done once"
    qtbot.waitUntil(lambda: len(view.sidebar.lenders()[0].numbers) == 5, timeout=10_000)


def test_a_backup_stored_as_a_plain_file_is_analysed_from_its_detail_pane(
    qtbot: QtBot,
    window: MainWindow,
    view: VaultView,  # noqa: F811 - the fixture
    tmp_path: Path,
    offered: list[tuple[str, ...]],  # noqa: F811 - the fixture
    dialogs: Script,
) -> None:
    vault = view.vault
    assert vault is not None
    xml = tmp_path / "calls-20260101.xml"
    write_calls(xml, 80, days=3, numbers=COLLECTORS)
    context = ImportContext(
        vault.store,
        vault.keys.identity.recipient(),
        vault.session_factory,
        vault.keys.content_key,
        vault.tz,
        (SHA256,),
    )  # as older versions stored it: a plain item, never analysed
    (result,) = import_files(context, [xml], lender_id=lender_id_of(vault, "分期乐")).results
    assert result.status is ImportStatus.IMPORTED
    view.refresh()
    view.middle_tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    view.table.selectRow(0)
    button = view.detail.analyse_button
    qtbot.waitUntil(lambda: not button.isHidden(), timeout=10_000)  # the history is read
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.texts("inform")), timeout=30_000)
    assert not dialogs.texts("warn", "failure"), dialogs
    ((summary, _),) = dialogs.texts("inform")
    assert "80 calls" in summary and "5 number(s) added" in summary, summary
    assert {normalize(n) for n in COLLECTORS} <= set(offered[0])
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)  # no second item
    view.table.selectRow(0)
    history = view.detail.history
    qtbot.waitUntil(
        lambda: any(
            "Calls and messages analysed" in history.item(i).text() for i in range(history.count())
        ),
        timeout=10_000,
    )
    assert button.isHidden()  # analysed: nothing more to do
    view.middle_tabs.setCurrentWidget(view.case)
    qtbot.waitUntil(lambda: "calls from 5 numbers" in view.case.summary.text(), timeout=30_000)


def test_a_backup_title_is_said_from_its_counts() -> None:
    assert shown_title("Phone message backup (0 calls, 7 messages)") == (
        "Phone message backup (0 calls, 7 messages)"
    )
    assert shown_title(None, "a.xml") == "a.xml" and shown_title("我的", "a.xml") == "我的"


def test_the_case_tab_brings_a_backup_in_the_trash_back_and_says_so(
    qtbot: QtBot,
    view: VaultView,  # noqa: F811 - the fixture
    tmp_path: Path,
    offered: list[tuple[str, ...]],  # noqa: F811 - the fixture
    dialogs: Script,
) -> None:
    vault = view.vault
    assert vault is not None
    xml = tmp_path / "calls-20260301.xml"
    write_calls(xml, 40, days=2, numbers=COLLECTORS)
    first = import_backup(vault, xml, lender="分期乐")
    withdraw_item(vault, first.item_id, reason="by mistake")
    view.case.import_backup(xml)
    qtbot.waitUntil(lambda: bool(dialogs.texts("inform")), timeout=30_000)
    assert not dialogs.texts("warn", "failure"), dialogs
    ((summary, _),) = dialogs.texts("inform")
    assert "40 calls" in summary and "It was in the trash and is back in the list." in summary
    assert not get_item(vault, first.item_id).withdrawn
