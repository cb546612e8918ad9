"""A real-sized backup (~100,000 calls, ~20,000 SMS): counts per day and per number agree
with an independent count made here from the XML with the standard library."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from vault.case.stats import stats_for
from vault.demo.backup_sample import collector_numbers, write_calls, write_messages
from vault.handle import OpenVault
from vault.importing import import_backup
from vault.lenders import add_lender_numbers
from vault.phones import normalize

CALLS = 100_000
MESSAGES = 20_000
ZONE = ZoneInfo("Asia/Shanghai")
INBOUND_CALL_TYPES = {"1", "3", "4", "5", "6", "7"}


def independent_counts(
    path: Path, tag: str, number_attr: str
) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str]]:
    """Inbound rows per local day and per number, and connected calls per day (picked up,
    longer than 0 seconds), by ElementTree."""
    per_day: Counter[str] = Counter()
    per_number: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    night: Counter[str] = Counter()
    for _, element in ET.iterparse(path):  # noqa: S314 - our own generated file
        if element.tag != tag:
            continue
        kind = element.get("type")
        inbound = kind in INBOUND_CALL_TYPES if tag == "call" else kind == "1"
        if inbound:
            local = datetime.fromtimestamp(int(element.get("date", "0")) / 1000, UTC).astimezone(
                ZONE
            )
            day = local.date().isoformat()
            per_day[day] += 1
            per_number[normalize(element.get(number_attr, ""))] += 1
            if kind in ("1", "7") and tag == "call" and int(element.get("duration", "0")) > 0:
                answered[day] += 1  # connected: picked up and lasting
            if local.hour >= 22 or local.hour < 8:
                night[day] += 1
        element.clear()
    return per_day, per_number, answered, night


@pytest.mark.slow
def test_counts_per_day_and_per_number_match_an_independent_count(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    numbers = collector_numbers(40)
    calls_xml, sms_xml = tmp_path / "calls.xml", tmp_path / "sms.xml"
    write_calls(calls_xml, CALLS, numbers=numbers, days=90, seed=7)
    write_messages(sms_xml, MESSAGES, numbers=numbers, days=90, seed=8)
    add_lender_numbers(case_vault, "微粒貸", numbers)

    calls_report = import_backup(case_vault, calls_xml, lender="微粒貸")
    sms_report = import_backup(case_vault, sms_xml, lender="微粒貸")
    assert (calls_report.calls, sms_report.sms) == (CALLS, MESSAGES)
    assert calls_report.attached == CALLS and sms_report.attached == MESSAGES

    call_days, call_numbers, answered_days, call_night = independent_counts(
        calls_xml, "call", "number"
    )
    sms_days, sms_numbers, _, sms_night = independent_counts(sms_xml, "sms", "address")
    stats = stats_for(case_vault, "微粒貸")

    assert {d.day.isoformat(): d.calls_attempted for d in stats.days} == dict(call_days)
    assert {d.day.isoformat(): d.calls_answered for d in stats.days if d.calls_answered} == dict(
        answered_days
    )
    assert {d.day.isoformat(): d.sms for d in stats.days if d.sms} == dict(sms_days)
    assert {d.day.isoformat(): d.night_contacts for d in stats.days if d.night_contacts} == dict(
        call_night + sms_night
    )
    assert {n.number: n.calls_attempted for n in stats.numbers} == dict(call_numbers)
    assert {n.number: n.sms for n in stats.numbers if n.sms} == dict(sms_numbers)
    assert stats.calls_attempted == sum(call_days.values())
    assert sum(stats.hours) == stats.calls_attempted + stats.sms
    assert stats.distinct_numbers == len(set(call_numbers) | set(sms_numbers))
