# mypy: disable-error-code="no-untyped-call"
"""A lender's case in the window: import a call log, tick its numbers, read the counts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QTableWidget
from pytestqt.qtbot import QtBot

from tests.case import case_xml
from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui import tasks
from ui.dialogs import Script
from ui.format import category_names
from ui.main_window import MainWindow
from ui.views import case_view
from ui.views.complaints import ComplaintDialog
from ui.views.timeline_view import what_happened
from ui.views.vault_view import VaultView
from vault.case.complaints import complaints
from vault.categories import Category
from vault.custody.ledger import iter_events
from vault.demo.backup_sample import collector_numbers, write_calls
from vault.dto import TimelineEntry
from vault.handle import create_vault
from vault.lenders import add_lender
from vault.phones import normalize

ZONE = ZoneInfo("Asia/Shanghai")
COLLECTORS = collector_numbers(5)
FAMILY = ["13900001111", "13900002222"]


@pytest.fixture
def offered(dialogs: Script) -> list[tuple[str, ...]]:
    """Answers the question which numbers are collectors: ticks the known ones, and
    records the numbers offered."""
    seen: list[tuple[str, ...]] = []
    wanted = {normalize(n) for n in COLLECTORS}

    def tick_collectors(dialog: QDialog) -> bool:
        assert isinstance(dialog, case_view.AssignNumbersDialog)
        rows = [dialog.list.item(i) for i in range(dialog.list.count())]
        seen.append(tuple(str(row.data(Qt.ItemDataRole.UserRole)) for row in rows))
        for row in rows:
            if row.data(Qt.ItemDataRole.UserRole) in wanted:
                row.setCheckState(Qt.CheckState.Checked)
        return True

    dialogs.answer(tick_collectors)
    return seen


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> VaultView:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "分期乐")
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.vault_view.sidebar.lenders()) == 1, timeout=10_000)
    view = window.vault_view
    row = view.sidebar.list.findItems("分期乐", Qt.MatchFlag.MatchStartsWith)[0]
    view.sidebar.list.setCurrentItem(row)
    view.middle_tabs.setCurrentWidget(view.case)
    qtbot.waitUntil(lambda: "Import" in view.case.summary.text() or bool(view.case.summary.text()))
    return view


def _expected(backup: Path) -> tuple[int, set[str]]:
    """Inbound calls from the collectors, and their local days, read straight from the XML."""
    wanted = {normalize(n) for n in COLLECTORS}
    calls, days = 0, set()
    for call in ET.parse(backup).getroot().iter("call"):  # noqa: S314 - the test's own file
        if normalize(call.get("number", "")) in wanted and call.get("type") != "2":
            calls += 1
            moment = datetime.fromtimestamp(int(call.get("date", "0")) / 1000, UTC)
            days.add(moment.astimezone(ZONE).date().isoformat())
    return calls, days


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def test_a_call_log_becomes_the_lenders_case(
    qtbot: QtBot,
    view: VaultView,
    tmp_path: Path,
    offered: list[tuple[str, ...]],
    dialogs: Script,
) -> None:
    case = view.case
    assert "No collector numbers yet" in case.numbers.text()
    backup = tmp_path / "calls-20260212.xml"
    write_calls(backup, 600, days=10, numbers=COLLECTORS + FAMILY)
    calls, days = _expected(backup)

    case.import_backup(backup)
    qtbot.waitUntil(lambda: bool(dialogs), timeout=30_000)
    ((summary, _),) = dialogs.texts("inform")
    assert not dialogs.texts("warn", "failure"), dialogs
    assert "600 calls" in summary
    assert "5 number(s) added" in summary
    shown = set(offered[0])
    assert {normalize(n) for n in COLLECTORS + FAMILY} <= shown, "busiest numbers are offered"

    qtbot.waitUntil(lambda: f"{calls} calls from 5 numbers" in case.summary.text(), timeout=30_000)
    assert all(normalize(n) in case.numbers.text() for n in COLLECTORS)
    assert case.days.rowCount() == len(days)
    rows = range(case.days.rowCount())
    assert {_cell(case.days, r, 0) for r in rows} == days
    assert sum(int(_cell(case.days, r, 1)) for r in rows) == calls
    found = [case.findings.topLevelItem(i) for i in range(case.findings.topLevelItemCount())]
    assert any(row is not None and "GB/T 45251" in row.text(3) for row in found), [
        row.text(0) for row in found if row is not None
    ]
    qtbot.waitUntil(
        lambda: (
            {lender.name: lender.item_count for lender in view.sidebar.lenders()} == {"分期乐": 1}
        )
    )  # the backup itself is stored as evidence


def test_without_a_lender_there_is_nothing_to_import_into(qtbot: QtBot, view: VaultView) -> None:
    view.sidebar.list.setCurrentRow(0)  # "All lenders"
    qtbot.waitUntil(lambda: not view.case.import_button.isEnabled())
    assert "Choose a lender" in view.case.summary.text()


def test_a_hostile_backup_is_refused_in_one_sentence_and_changes_nothing(
    qtbot: QtBot,
    view: VaultView,
    tmp_path: Path,
    dialogs: Script,
) -> None:
    laughs = tmp_path / "calls.xml"
    laughs.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE calls [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]>\n'
        '<calls count="1"><call number="&b;" date="1" type="1" duration="0"/></calls>\n',
        encoding="utf-8",
    )
    view.case.import_backup(laughs)
    qtbot.waitUntil(lambda: bool(dialogs), timeout=30_000)
    (text, details), *_ = dialogs
    assert "refused" in text and "Nothing was imported" in text and not details
    assert not dialogs.texts("inform"), "no summary"
    assert dialogs.texts("warn") == [(text, details)]
    qtbot.wait(100)
    assert {lender.name: lender.item_count for lender in view.sidebar.lenders()} == {"分期乐": 0}


def test_complaints_are_recorded_updated_and_due_follow_ups_stand_out(
    qtbot: QtBot, window: MainWindow, view: VaultView, dialogs: Script
) -> None:
    panel = view.case.complaints
    view.case.tabs.setCurrentWidget(panel)
    yesterday = QDate.currentDate().addDays(-1)

    def file_it(dialog: QDialog) -> bool:
        assert isinstance(dialog, ComplaintDialog)
        dialog.channel.setCurrentIndex(dialog.channel.findData("12378"))
        dialog.reference.setText("TS2026-0042")
        dialog.follow_up.setDate(yesterday)
        dialog.notes.setPlainText("客服说七个工作日内回复")
        return True

    dialogs.answer(file_it)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 1, timeout=10_000)
    row = panel.list.topLevelItem(0)
    assert row is not None
    assert row.text(0) == "12378 consumer hotline" and row.text(2) == "TS2026-0042"
    assert row.font(4).bold(), "a due follow-up stands out"

    def acknowledge(dialog: QDialog) -> bool:
        assert isinstance(dialog, ComplaintDialog)
        assert not dialog.channel.isEnabled(), "where it was filed does not change"
        dialog.status.setCurrentIndex(dialog.status.findData("acknowledged"))
        dialog.has_follow_up.setChecked(False)
        return True

    dialogs.answer(acknowledge)
    panel.list.setCurrentItem(row)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            (item := panel.list.topLevelItem(0)) is not None
            and item.text(3) == "Acknowledged"
            and item.text(4) == ""
        ),
        timeout=10_000,
    )
    assert len(dialogs.questions()) == 2, "each complaint was asked in its dialog"
    assert not dialogs, dialogs
    qtbot.waitUntil(tasks.worker().idle)
    vault = window.vault
    assert vault is not None
    (stored,) = complaints(vault, "分期乐")
    assert (stored.status, stored.reference, stored.next_follow_up) == (
        "acknowledged",
        "TS2026-0042",
        None,
    )
    with vault.sessions() as session:
        events = [e for e in iter_events(session) if e.action.startswith("complaint")]
    assert [e.action for e in events] == ["complaint_added", "complaint_updated"]
    assert set(events[1].payload["changes"]) == {"status", "next_follow_up"}  # type: ignore[arg-type]


def test_the_case_tab_shows_zero_second_calls_apart_and_where_the_rules_come_from(
    qtbot: QtBot,
    view: VaultView,
    tmp_path: Path,
    offered: list[tuple[str, ...]],
    dialogs: Script,
) -> None:
    case = view.case
    backup = case_xml.write_calls(
        tmp_path / "calls-20260302.xml",
        [
            case_xml.Call(COLLECTORS[0], f"2026-03-02 1{i}:00", case_xml.ANSWERED, 30)
            for i in range(4)
        ]
        + [
            case_xml.Call(COLLECTORS[0], f"2026-03-02 0{i}:30", case_xml.ANSWERED, 0)
            for i in (8, 9)
        ],
    )
    case.import_backup(backup)
    qtbot.waitUntil(lambda: bool(dialogs.texts("inform")), timeout=30_000)
    qtbot.waitUntil(lambda: "(4 connected, 2 of 0 seconds)" in case.summary.text(), timeout=30_000)
    assert [_cell(case.days, 0, c) for c in range(4)] == ["2026-03-02", "6", "4", "2"]
    header = case.days.horizontalHeaderItem(3)
    assert header is not None and header.text() == "0 seconds"
    rows = [case.findings.topLevelItem(i) for i in range(case.findings.topLevelItemCount())]
    texts = [row.text(0) for row in rows if row is not None]
    (calls,) = [t for t in texts if t.startswith("Interactive voice collection")]
    assert "Counted: calls from a collector number that connected (longer than 0 s)." in calls
    assert "0-second calls on those days (not connected, not counted as connected): 2." in calls
    sources = rows[-1]
    assert sources is not None
    assert sources.text(0) == "Where the rules come from, and when each was checked"
    packs = [sources.child(i) for i in range(sources.childCount())]
    assert len(packs) == 4 and all(p is not None and p.childCount() >= 1 for p in packs)
    first = packs[0].child(0) if packs[0] is not None else None
    assert first is not None and first.text(0).startswith("Checked 2026-")


@pytest.mark.parametrize(
    ("direction", "seconds", "said"),
    [
        ("incoming", 30, "Call answered"),
        ("incoming", 0, "Call not connected (0 s)"),
        ("incoming", None, "Call not connected (0 s)"),
        ("missed", 0, "Missed call"),
    ],
)
def test_the_timeline_does_not_call_a_zero_second_call_answered(
    qapp: object, direction: str, seconds: int | None, said: str
) -> None:
    entry = TimelineEntry(
        at=datetime(2026, 3, 2, 2, 0, tzinfo=UTC),
        offset_min=480,
        time_source="backup_record",
        source="event",
        kind="call",
        lender="分期乐",
        ref="1",
        item_id="x",
        direction=direction,
        duration_s=seconds,
    )
    assert what_happened(entry) == said


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_every_category_has_a_name_in_the_window_in_each_language(qapp: object, lang: str) -> None:
    from ui import i18n  # noqa: PLC0415 - installs a translator for this test only

    i18n.install(lang)
    try:
        names = category_names()
        assert set(names) == {str(code) for code in Category}
        english = {"Private phone or social app", "Workplace visit", "Notices posted in public"}
        assert not english & set(names.values()), "the new categories are translated"
    finally:
        i18n.install("en")
