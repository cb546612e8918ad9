"""Harassment statistics of a lender, as data (for charts and the report).

Counted over the lender's inbound backup events — what the collectors did to the
phone, not the user's own outgoing calls — by day in the vault's time zone:

- calls attempted: inbound calls of any outcome (answered, missed, rejected, blocked,
  to voicemail); calls answered: those the user picked up;
- SMS: received SMS and MMS;
- night-time contacts: calls attempted and messages between 22:00 and 08:00;
- distinct numbers: collector numbers seen that day;
- longest burst: most contacts in a run where each follows the previous one within
  :data:`BURST_GAP` (counted on the day the run starts);
- hours: inbound contacts by local hour of day (0–23), over the whole period.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, datetime, timedelta

from vault.analysis.events import EventRow, events_for_numbers, lender_numbers
from vault.dto import Burst, DayStats, LenderStats, NumberStats
from vault.service import OpenVault

logger = logging.getLogger(__name__)

BURST_GAP = timedelta(minutes=10)


def stats_for(
    vault: OpenVault, lender: str, *, start: date | None = None, end: date | None = None
) -> LenderStats:
    """Statistics of ``lender`` over local days ``start``..``end`` (inclusive, both optional)."""
    lender_id = vault.lender_id(lender)
    with vault.sessions() as session:
        numbers = lender_numbers(session, lender_id)
        events = events_for_numbers(session, numbers, vault.tz, with_text=False)
    return compute_stats(lender, vault.tz.key, _within(events, start, end))


def _within(events: list[EventRow], start: date | None, end: date | None) -> list[EventRow]:
    if start is None and end is None:
        return events
    return [
        e for e in events if (start is None or e.day >= start) and (end is None or e.day <= end)
    ]


def compute_stats(lender: str, zone: str, events: list[EventRow]) -> LenderStats:
    """The statistics of ``events`` (oldest first); separated out for the report and tests."""
    hours = [0] * 24
    attempted: dict[date, int] = defaultdict(int)
    answered: dict[date, int] = defaultdict(int)
    sms: dict[date, int] = defaultdict(int)
    night: dict[date, int] = defaultdict(int)
    day_numbers: dict[date, set[str]] = defaultdict(set)
    per_number: dict[str, list[int]] = {}
    first_last: dict[str, tuple[datetime, datetime]] = {}
    contacts: list[EventRow] = []
    for event in events:
        is_call = event.call_attempt
        if not (is_call or event.message):
            continue
        day = event.day
        contacts.append(event)
        hours[event.local.hour] += 1
        counts = per_number.setdefault(event.number or "", [0, 0, 0])
        if is_call:
            attempted[day] += 1
            counts[0] += 1
            if event.answered:
                answered[day] += 1
                counts[1] += 1
        else:
            sms[day] += 1
            counts[2] += 1
        if event.at_night:
            night[day] += 1
        if event.number:
            day_numbers[day].add(event.number)
            first, _ = first_last.get(event.number, (event.at, event.at))
            first_last[event.number] = (first, event.at)
    bursts = _bursts(contacts)
    longest_by_day: dict[date, int] = defaultdict(int)
    for burst_start, burst in bursts:
        longest_by_day[burst_start] = max(longest_by_day[burst_start], burst.contacts)
    days = tuple(
        DayStats(
            day=day,
            calls_attempted=attempted[day],
            calls_answered=answered[day],
            distinct_numbers=len(day_numbers[day]),
            sms=sms[day],
            night_contacts=night[day],
            longest_burst=longest_by_day[day],
        )
        for day in sorted({e.day for e in contacts})
    )
    numbers = tuple(
        NumberStats(number, c[0], c[1], c[2], *first_last[number])
        for number, c in sorted(per_number.items())
        if number
    )
    longest = max((b for _, b in bursts), key=lambda b: b.contacts, default=None)
    return LenderStats(
        lender=lender,
        time_zone=zone,
        calls_attempted=sum(attempted.values()),
        calls_answered=sum(answered.values()),
        sms=sum(sms.values()),
        night_contacts=sum(night.values()),
        distinct_numbers=len(first_last),
        days=days,
        hours=tuple(hours),
        numbers=numbers,
        longest_burst=longest,
    )


def _bursts(contacts: list[EventRow]) -> list[tuple[date, Burst]]:
    """Every run of contacts with gaps of at most BURST_GAP, with its local start day."""
    runs: list[tuple[date, Burst]] = []
    if not contacts:
        return runs
    first = last = contacts[0]
    count = 1
    for event in contacts[1:]:
        if event.at - last.at <= BURST_GAP:
            count += 1
        else:
            runs.append((first.day, Burst(first.at, last.at, count)))
            first, count = event, 1
        last = event
    runs.append((first.day, Burst(first.at, last.at, count)))
    return runs


__all__ = ["BURST_GAP", "compute_stats", "stats_for"]
