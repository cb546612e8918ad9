"""The vault's time zone, not the computer's: days, nights, hours and rules on a laptop
set to UTC; changing the zone; rules not yet in force said, not silent."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.case.case_xml import MISSED, Call, write_calls
from tests.case.conftest import COLLECTOR
from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from vault.bundle.report.case_sections import analysis_sections
from vault.case import lender_case
from vault.case.rules.detector import find_violations, rule_results
from vault.case.stats import stats_for
from vault.case.timeline import timeline
from vault.cli import main
from vault.handle import OpenVault, create_vault, unlock_vault
from vault.importing import import_backup
from vault.lenders import add_lender
from vault.time_zone import set_time_zone
from vault.times import UnknownZoneError, offset_minutes, system_zone

NIGHT_RULES = ("CBA2026-night", "GBT45251-night", "NIFA2024-night")
# Three mornings of calls: 06:50 is night (before 08:00) on its own Beijing day, 08:30
# is daytime. In UTC they are 22:50 and 00:30, the first on the day before.
MORNINGS = [
    Call(COLLECTOR, f"2026-03-0{d} {t}", MISSED) for d in (2, 3, 4) for t in ("06:50", "08:30")
]


@pytest.fixture
def utc_laptop() -> Iterator[None]:
    """This process's zone is UTC, as on a laptop set to UTC."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def import_calls(vault: OpenVault, tmp_path: Path, calls: list[Call]) -> None:
    import_backup(vault, write_calls(tmp_path / "calls.xml", calls), lender="微粒貸")


def assert_counted_in_beijing(vault: OpenVault) -> None:
    stats = stats_for(vault, "微粒貸")
    assert stats.time_zone == "Asia/Shanghai"
    assert [(d.day.isoformat(), d.calls_attempted, d.night_contacts) for d in stats.days] == [
        ("2026-03-02", 2, 1),
        ("2026-03-03", 2, 1),
        ("2026-03-04", 2, 1),
    ]
    assert stats.hours[6] == 3 and stats.hours[8] == 3 and sum(stats.hours) == 6
    findings = find_violations(vault, "微粒貸")
    for rule in NIGHT_RULES:
        days = [(f.day, f.count) for f in findings if f.rule_id == rule]
        assert days == [(date(2026, 3, d), 1) for d in (2, 3, 4)], rule
    events = [e for e in timeline(vault, "微粒貸") if e.source == "event"]
    shown = [e.at + timedelta(minutes=e.offset_min) for e in events]
    assert [f"{t:%m-%d %H:%M}" for t in shown] == [
        f"03-0{d} {t}" for d in (2, 3, 4) for t in ("06:50", "08:30")
    ]


def test_on_a_utc_laptop_a_beijing_vault_counts_days_nights_and_hours_in_beijing(
    utc_laptop: None, tmp_path: Path
) -> None:
    assert time.localtime(0).tm_hour == 0  # the process's own zone is UTC
    vault, _ = create_vault(
        tmp_path / "v", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "微粒貸", numbers=[COLLECTOR])
    import_calls(vault, tmp_path, MORNINGS)
    assert_counted_in_beijing(vault)
    vault.lock()
    reopened = unlock_vault(tmp_path / "v", PASSPHRASE)
    assert reopened.tz.key == "Asia/Shanghai"
    assert_counted_in_beijing(reopened)
    reopened.lock()


def test_a_vault_made_on_a_utc_laptop_is_put_right_by_choosing_its_zone(
    utc_laptop: None, tmp_path: Path
) -> None:
    assert system_zone().key in {"UTC", "Etc/UTC"}  # what tzlocal finds
    vault, _ = create_vault(tmp_path / "v", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, "微粒貸", numbers=[COLLECTOR])
    import_calls(vault, tmp_path, MORNINGS)
    wrong = stats_for(vault, "微粒貸")
    assert len(wrong.days) == 4 and wrong.hours[22] == 3  # the "4 天" of the report
    assert set_time_zone(vault, "Asia/Shanghai").key == "Asia/Shanghai"
    assert_counted_in_beijing(vault)
    vault.lock()
    reopened = unlock_vault(tmp_path / "v", PASSPHRASE)
    assert reopened.tz.key == "Asia/Shanghai"
    assert_counted_in_beijing(reopened)
    reopened.lock()


@pytest.mark.parametrize("name", ["", "Mars/Olympus", "../../etc/passwd", "Asia/Shanghai\x00"])
def test_a_zone_it_does_not_know_is_refused_and_nothing_changes(
    case_vault: OpenVault, tmp_path: Path, name: str
) -> None:
    import_calls(case_vault, tmp_path, MORNINGS)
    with pytest.raises(UnknownZoneError) as error:
        set_time_zone(case_vault, name)
    assert error.value.code == "unknown_time_zone"
    assert case_vault.tz.key == "Asia/Shanghai"
    assert_counted_in_beijing(case_vault)


def test_a_new_zone_gives_each_event_the_offset_of_its_own_instant_across_dst(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    # New York springs forward at 02:00 on 2026-03-08 and falls back at 02:00 on 2026-11-01.
    zone = ZoneInfo("America/New_York")
    instants = [
        datetime(2026, 3, 8, 6, 0, tzinfo=UTC) + timedelta(minutes=17 * i) for i in range(12)
    ] + [datetime(2026, 11, 1, 5, 0, tzinfo=UTC) + timedelta(minutes=13 * i) for i in range(12)]
    shanghai = ZoneInfo("Asia/Shanghai")
    calls = [Call(COLLECTOR, f"{at.astimezone(shanghai):%Y-%m-%d %H:%M}") for at in instants]
    import_calls(case_vault, tmp_path, calls)
    set_time_zone(case_vault, "America/New_York")
    entries = [e for e in timeline(case_vault, "微粒貸") if e.source == "event"]
    assert len(entries) == len(instants)
    for entry in entries:
        assert entry.offset_min == offset_minutes(entry.at.astimezone(zone))
    stats = stats_for(case_vault, "微粒貸")
    local = [at.astimezone(zone) for at in instants]
    assert [d.day for d in stats.days] == sorted({t.date() for t in local})
    assert list(stats.hours) == [sum(1 for t in local if t.hour == h) for h in range(24)]


# --- rules not yet in force -------------------------------------------------------------

# 51 calls in March 2024, 23 of them at night: before every night rule's date in force.
MARCH_2024 = [
    Call(COLLECTOR, f"2024-03-{day:02d} {hour}", MISSED)
    for day in range(1, 18)
    for hour in (("23:10", "06:40", "12:00") if day <= 7 else ("23:10", "12:00", "15:00"))
][:51]


def test_calls_before_a_rules_date_in_force_are_said_not_counted(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    night = [c for c in MARCH_2024 if c.local[-5:] in ("23:10", "06:40")]
    assert len(MARCH_2024) == 51 and len(night) == 24  # one of them on the next morning
    import_calls(case_vault, tmp_path, MARCH_2024)
    results = rule_results(case_vault, "微粒貸")
    assert not [f for f in results.findings if f.rule_id in NIGHT_RULES]
    early = {n.rule_id: n for n in results.not_in_force}
    assert set(NIGHT_RULES) <= set(early)
    for rule in NIGHT_RULES:
        assert early[rule].count == 24 and early[rule].what == "calls"
        assert (early[rule].first, early[rule].last) == (date(2024, 3, 1), date(2024, 3, 17))
    assert early["GBT45251-night"].source.in_force == date(2025, 2, 28)
    assert lender_case(case_vault, "微粒貸")[1] == results
    (chinese,) = analysis_sections(case_vault, ["微粒貸"], "zh_CN")
    assert "这些来电早于规则生效日（2025-02-28），未计入" in chinese
    assert "2024-03-01 至 2024-03-17，共 24 次" in chinese
    (english,) = analysis_sections(case_vault, ["微粒貸"], "en")
    assert "predate the rule&#x27;s date in force (2024-05-15)" in english


def test_a_rule_in_force_counts_and_says_nothing_is_left_out(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    import_calls(case_vault, tmp_path, [Call(COLLECTOR, "2026-03-02 23:10", MISSED)])
    results = rule_results(case_vault, "微粒貸")
    assert {f.rule_id for f in results.findings} >= set(NIGHT_RULES)
    assert results.not_in_force == ()
    (chinese,) = analysis_sections(case_vault, ["微粒貸"], "zh_CN")
    assert "未计入" not in chinese


def test_evault_violations_says_what_a_rule_not_in_force_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _ = create_vault(
        tmp_path / "v", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "微粒貸", numbers=[COLLECTOR])
    import_calls(vault, tmp_path, MARCH_2024)
    vault.lock()
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    assert main(["violations", "--vault", str(tmp_path / "v"), "--lender", "微粒貸"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "GBT45251-night" in line]
    assert lines and "date in force (2025-02-28) and were not counted: 24" in lines[0]
    assert "这些来电早于规则生效日（2025-02-28），未计入" in out


def test_evault_init_and_time_zone_choose_the_zone_and_refuse_an_unknown_one(
    utc_laptop: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    v = str(tmp_path / "v")
    assert main(["init", "--vault", v, "--time-zone", "Asia/Hong_Kong"]) == 0
    assert "(time zone Asia/Hong_Kong)" in capsys.readouterr().out
    assert main(["time-zone", "--vault", v]) == 0
    assert capsys.readouterr().out.strip().endswith("in Asia/Hong_Kong.")
    assert main(["time-zone", "Mars/Olympus", "--vault", v]) == 2
    capsys.readouterr()
    assert main(["time-zone", "Asia/Shanghai", "--vault", v]) == 0
    assert "Asia/Shanghai" in capsys.readouterr().out
    opened = unlock_vault(Path(v), PASSPHRASE)
    assert opened.tz.key == "Asia/Shanghai"
    opened.lock()
    assert main(["init", "--vault", str(tmp_path / "w"), "--time-zone", "Nowhere"]) == 2
    assert not (tmp_path / "w" / "vault.json").exists()
