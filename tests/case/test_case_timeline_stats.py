"""Timeline (items, notes, events with time sources and filters) and statistics as data."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PIL import Image

from tests.case.case_xml import (
    ANSWERED,
    MISSED,
    OUTGOING,
    REJECTED,
    SHANGHAI,
    Call,
    Sms,
    write_calls,
    write_sms,
)
from tests.case.conftest import COLLECTOR, COLLECTOR_2, MOTHER
from vault.case.stats import stats_for
from vault.case.timeline import timeline
from vault.handle import OpenVault
from vault.importing import import_backup, import_paths
from vault.lenders import add_lender_numbers
from vault.notes import add_note


def test_stats_count_calls_answers_messages_night_numbers_and_bursts(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    add_lender_numbers(case_vault, "微粒貸", [COLLECTOR_2])
    calls = [
        Call(COLLECTOR, "2026-03-02 09:00", ANSWERED, 30),
        Call(COLLECTOR, "2026-03-02 09:05", MISSED),
        Call(COLLECTOR_2, "2026-03-02 09:14", REJECTED),  # 9 min later: same burst
        Call(COLLECTOR, "2026-03-02 09:25", MISSED),  # 11 min later: a new burst
        Call(COLLECTOR, "2026-03-02 23:40", MISSED),
        Call(COLLECTOR, "2026-03-03 07:59", MISSED),
        Call(COLLECTOR, "2026-03-03 12:00", OUTGOING, 60),  # the user's call: not counted
        Call(MOTHER, "2026-03-03 12:30", ANSWERED, 60),  # no lender's number
    ]
    import_backup(case_vault, write_calls(tmp_path / "calls.xml", calls), lender="微粒貸")
    import_backup(
        case_vault,
        write_sms(tmp_path / "sms.xml", [Sms(COLLECTOR_2, "2026-03-03 22:10")]),
        lender="微粒貸",
    )
    stats = stats_for(case_vault, "微粒貸")
    assert (stats.calls_attempted, stats.calls_answered, stats.sms) == (6, 1, 1)
    assert stats.night_contacts == 3 and stats.distinct_numbers == 2
    assert [
        (
            str(d.day),
            d.calls_attempted,
            d.calls_answered,
            d.distinct_numbers,
            d.sms,
            d.night_contacts,
            d.longest_burst,
        )
        for d in stats.days
    ] == [("2026-03-02", 5, 1, 2, 0, 1, 3), ("2026-03-03", 1, 0, 2, 1, 2, 1)]
    assert stats.hours[9] == 4 and stats.hours[23] == 1 and stats.hours[7] == 1
    assert stats.hours[22] == 1 and sum(stats.hours) == 7
    assert stats.longest_burst is not None and stats.longest_burst.contacts == 3
    assert stats.longest_burst.start.astimezone(SHANGHAI).strftime("%H:%M") == "09:00"
    numbers = {n.number: (n.calls_attempted, n.calls_answered, n.sms) for n in stats.numbers}
    assert numbers == {COLLECTOR: (5, 1, 0), COLLECTOR_2: (1, 0, 1)}
    one_day = stats_for(case_vault, "微粒貸", start=date(2026, 3, 3), end=date(2026, 3, 3))
    assert [str(d.day) for d in one_day.days] == ["2026-03-03"]
    json_form = stats.to_json()
    assert json_form["days"][0]["day"] == "2026-03-02"


def test_timeline_merges_items_notes_and_events_in_order_with_time_sources(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    shot = tmp_path / "Screenshot_2026-03-02-09-10-00-123_com.tencent.mm.png"
    Image.new("RGB", (8, 8), "red").save(shot)
    import_paths(case_vault, [shot], lender="微粒貸")
    add_note(
        case_vault, "微粒貸", "上门催收", occurred_at=datetime(2026, 3, 2, 9, 12, tzinfo=SHANGHAI)
    )
    calls = [
        Call(COLLECTOR, "2026-03-02 09:05", MISSED),
        Call(MOTHER, "2026-03-02 09:06", ANSWERED, 5),
    ]
    backup = import_backup(case_vault, write_calls(tmp_path / "calls.xml", calls), lender="微粒貸")
    entries = timeline(case_vault, "微粒貸")
    assert [(e.source, e.kind, e.time_source) for e in entries] == [
        ("event", "call", "backup_record"),
        ("item", "backup", "backup_newest_row"),
        ("item", "screenshot", "file_name"),
        ("note", "note", "user"),
    ]
    event = entries[0]
    assert (event.number, event.direction, event.item_id, event.offset_min) == (
        COLLECTOR,
        "missed",
        backup.item_id,
        480,
    )
    assert [e.source for e in timeline(case_vault, "微粒貸", kinds=["call"])] == ["event"]
    assert [e.kind for e in timeline(case_vault, "微粒貸", number=f"+86{COLLECTOR}")] == ["call"]
    assert timeline(case_vault, "微粒貸", start=date(2026, 3, 3)) == []
    assert len(timeline(case_vault, "微粒貸", end=date(2026, 3, 2))) == 4
    assert timeline(case_vault, "微粒貸", categories=["threats"]) == []
    across = timeline(case_vault)
    assert [e.lender for e in across if e.source == "event"] == ["微粒貸"], (
        "the mother's call belongs to no lender and stays out of every timeline"
    )


def test_timeline_day_filters_use_the_vaults_local_midnight(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    calls = [
        Call(COLLECTOR, "2026-03-01 23:59", MISSED),  # 15:59 UTC on 03-01
        Call(COLLECTOR, "2026-03-02 00:00", MISSED),  # 16:00 UTC on 03-01, local 03-02
        Call(COLLECTOR, "2026-03-02 23:59", ANSWERED, 5),
        Call(COLLECTOR, "2026-03-03 00:00", REJECTED),
    ]
    import_backup(case_vault, write_calls(tmp_path / "calls.xml", calls), lender="微粒貸")
    one_day = timeline(
        case_vault, "微粒貸", kinds=["call"], start=date(2026, 3, 2), end=date(2026, 3, 2)
    )
    assert [e.at.astimezone(SHANGHAI).strftime("%m-%d %H:%M") for e in one_day] == [
        "03-02 00:00",
        "03-02 23:59",
    ]
    later = timeline(case_vault, "微粒貸", start=date(2026, 3, 3))
    assert [(e.source, e.direction) for e in later] == [("item", None), ("event", "rejected")], (
        "the backup file, dated by its newest row, then that row (items first on a tie)"
    )
    assert timeline(case_vault, "微粒貸", number="13900000009") == [], "not the lender's number"
    assert timeline(case_vault, "微粒貸", kinds=["sms"]) == []
