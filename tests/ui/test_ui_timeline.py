# mypy: disable-error-code="no-untyped-call"
"""A lender's timeline in the window: every call, file and note in order, with its time source."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from tests.ingest.ingest_images import save_image
from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui.dialogs import Script
from ui.main_window import MainWindow
from ui.views.timeline_view import TimelineView
from vault.demo.backup_sample import collector_numbers, write_calls
from vault.handle import create_vault
from vault.importing import import_backup, import_paths
from vault.lenders import add_lender
from vault.notes import add_note
from vault.phones import normalize

ZONE = ZoneInfo("Asia/Shanghai")
COLLECTORS = collector_numbers(3)
FAMILY = ["13900001111"]


def _collector_calls(backup: Path) -> list[tuple[datetime, str]]:
    """(time, number) of every call with a collector, read straight from the XML."""
    wanted = {normalize(n) for n in COLLECTORS}
    calls = []
    for call in ET.parse(backup).getroot().iter("call"):  # noqa: S314 - the test's own file
        number = normalize(call.get("number", ""))
        if number in wanted:
            calls.append((datetime.fromtimestamp(int(call.get("date", "0")) / 1000, UTC), number))
    return sorted(calls)


@pytest.fixture
def timeline_view(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> tuple[TimelineView, Path]:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "分期乐", numbers=COLLECTORS)
    backup = tmp_path / "calls-20260212.xml"
    write_calls(backup, 60, days=6, numbers=COLLECTORS + FAMILY)
    import_backup(vault, backup, lender="分期乐")
    shot = save_image(tmp_path / "上门照片.jpg", "JPEG", original="2026:02:03 23:15:00")
    import_paths(vault, [shot], lender="分期乐")
    add_note(
        vault,
        "分期乐",
        "催收员上门，说要找我父母",
        occurred_at=datetime(2026, 2, 4, 9, 30, tzinfo=ZONE),
    )
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.vault_view.sidebar.lenders()) == 1, timeout=10_000)
    view = window.vault_view
    row = view.sidebar.list.findItems("分期乐", Qt.MatchFlag.MatchStartsWith)[0]
    view.sidebar.list.setCurrentItem(row)
    view.middle_tabs.setCurrentWidget(view.case)
    view.case.tabs.setCurrentWidget(view.case.timeline)
    return view.case.timeline, backup


def _column(view: TimelineView, column: int) -> list[str]:
    model = view.model
    return [str(model.data(model.index(row, column))) for row in range(model.rowCount())]


def test_the_timeline_holds_every_call_file_and_note_in_order(
    qtbot: QtBot, timeline_view: tuple[TimelineView, Path], dialogs: Script
) -> None:
    view, backup = timeline_view
    calls = _collector_calls(backup)
    expected = len(calls) + 3  # the backup file itself, the photo, the note
    qtbot.waitUntil(lambda: view.model.rowCount() == expected, timeout=10_000)
    assert not dialogs, dialogs
    times = [entry.at for entry in view.model.entries]
    assert times == sorted(times), "oldest first"
    events = [e for e in view.model.entries if e.source == "event"]
    assert [(e.at, e.number) for e in events] == calls
    sources = dict(zip(_column(view, 1), _column(view, 4), strict=False))
    assert sources["Photo"] == "Photo's EXIF data"
    assert sources["Note"] == "Entered by you"
    assert sources["SMS / call backup"] == "Newest row of the backup"
    assert {s for w, s in sources.items() if "call" in w.lower() and "backup" not in w} == {
        "Phone's own record"
    }
    photo = _column(view, 1).index("Photo")
    assert _column(view, 0)[photo] == "2026-02-03 23:15 (UTC+8)", "local time, zone shown"
    assert "找我父母" in _column(view, 3)[_column(view, 1).index("Note")]
    assert f"Entries: {expected}" in view.count.text()


def test_filters_narrow_the_timeline_and_a_lock_empties_it(
    qtbot: QtBot,
    window: MainWindow,
    timeline_view: tuple[TimelineView, Path],
    dialogs: Script,
) -> None:
    view, backup = timeline_view
    calls = _collector_calls(backup)
    qtbot.waitUntil(lambda: view.model.rowCount() == len(calls) + 3, timeout=10_000)

    view.kind.setCurrentIndex(view.kind.findText("Calls"))
    qtbot.waitUntil(lambda: view.model.rowCount() == len(calls), timeout=10_000)
    assert {e.kind for e in view.model.entries} == {"call"}

    number = calls[0][1]
    view.number.setText(number)
    mine = [c for c in calls if c[1] == number]
    qtbot.waitUntil(lambda: view.model.rowCount() == len(mine), timeout=10_000)
    assert set(_column(view, 2)) == {number}

    first_day = mine[0][0].astimezone(ZONE).date()
    view.since.setDate(QDate(first_day.year, first_day.month, first_day.day))
    view.until.setDate(QDate(first_day.year, first_day.month, first_day.day))
    view.use_dates.setChecked(True)
    on_day = [c for c in mine if c[0].astimezone(ZONE).date() == first_day]
    qtbot.waitUntil(lambda: view.model.rowCount() == len(on_day), timeout=10_000)

    view.number.setText("不是号码")
    qtbot.waitUntil(lambda: "not look like a phone number" in view.count.text(), timeout=10_000)
    assert view.model.rowCount() == 0 and not dialogs, "said under the filters, not in a dialog"

    view.number.clear()
    view.use_dates.setChecked(False)
    view.kind.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.model.rowCount() == len(calls) + 3, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.vault is None)
    assert view.model.rowCount() == 0 and not view.count.text(), "nothing stays after a lock"
    assert not dialogs, dialogs


def test_a_backup_imported_in_the_window_shows_in_the_open_timeline(
    qtbot: QtBot,
    window: MainWindow,
    timeline_view: tuple[TimelineView, Path],
    tmp_path: Path,
    dialogs: Script,
) -> None:
    view, backup = timeline_view
    before = len(_collector_calls(backup)) + 3
    qtbot.waitUntil(lambda: view.model.rowCount() == before, timeout=10_000)
    second = tmp_path / "calls-20260301.xml"
    write_calls(second, 30, seed=7, days=3, numbers=COLLECTORS)
    window.vault_view.case.import_backup(second)
    after = before + len(_collector_calls(second)) + 1  # its calls and the file itself
    qtbot.waitUntil(lambda: view.model.rowCount() == after, timeout=10_000)
    qtbot.waitUntil(lambda: bool(dialogs.texts("inform")))
    assert not dialogs.texts("warn", "failure"), dialogs
