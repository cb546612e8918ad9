"""Reading a lender's backup events, and local wall-clock time in the vault's zone.

An event belongs to a lender when its number is one of the lender's numbers (see
:mod:`vault.db.case_models`). Rows come back as light named tuples, oldest first:
statistics and rules walk 100,000+ of them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from vault.backup.xml_reader import INBOUND
from vault.db.models import Lender, LenderNumber, parse_utc

logger = logging.getLogger(__name__)

NIGHT_START_HOUR = 22  # night-time contacts: 22:00 (inclusive) to 08:00 (exclusive)
NIGHT_END_HOUR = 8
EVENT_TIME_SOURCE = "backup_record"


class EventRow(NamedTuple):
    """One backup event with what the analysis asks of it worked out once, on load."""

    id: int
    item_id: str
    kind: str
    direction: str
    type_code: int
    number: str | None
    at: datetime  # UTC
    local: datetime  # naive wall-clock time in the vault's zone
    day: date  # local day
    duration_s: int | None
    body: str | None
    contact_name: str | None
    inbound: bool  # the collector reached (or tried to reach) the phone
    call_attempt: bool  # an inbound call of any outcome
    answered: bool  # an inbound call picked up (Android call type 1 or 7)
    message: bool  # a received SMS or MMS

    @property
    def at_night(self) -> bool:
        hour = self.local.hour
        return hour >= NIGHT_START_HOUR or hour < NIGHT_END_HOUR


class LocalClock:
    """UTC -> naive local time in ``tz``, with the zone lookup cached per hour."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self._offsets: dict[int, timedelta] = {}

    def offset(self, at: datetime) -> timedelta:
        hour = int(at.timestamp()) // 3600
        offset = self._offsets.get(hour)
        if offset is None:
            offset = at.astimezone(self.tz).utcoffset() or timedelta(0)
            self._offsets[hour] = offset
        return offset

    def local(self, at: datetime) -> datetime:
        return (at + self.offset(at)).replace(tzinfo=None)


def lender_numbers(session: Session, lender_id: int | None) -> dict[str, tuple[str, ...]]:
    """Number -> names of the lenders it is assigned to (all lenders when ``lender_id`` is None)."""
    query = select(LenderNumber.number, Lender.name).join(Lender)
    if lender_id is not None:
        query = query.where(LenderNumber.lender_id == lender_id)
    owners: dict[str, list[str]] = {}
    for number, name in session.execute(query.order_by(Lender.name)):
        owners.setdefault(number, []).append(name)
    return {number: tuple(names) for number, names in owners.items()}


_SELECT = (
    "SELECT e.id, e.item_id, e.kind, e.direction, e.type_code, e.number, e.occurred_at, "
    "e.duration_s, {text} FROM backup_events AS e JOIN items AS i ON i.id = e.item_id "
    "WHERE e.number IN ({marks}) AND i.purged_at IS NULL{withdrawn} "
    "ORDER BY e.occurred_at, e.id"
)


def events_for_numbers(
    session: Session,
    numbers: Iterable[str],
    tz: ZoneInfo,
    *,
    with_text: bool = True,
    withdrawn: bool = False,
) -> list[EventRow]:
    """Events showing any of ``numbers``, oldest first, from backups not withdrawn.

    A plain SQL query: statistics walk 100,000+ rows, and the stored UTC text sorts
    chronologically, so SQLite orders them. ``with_text=False`` leaves out message
    bodies and contact names, which counting does not need.
    """
    wanted = sorted(set(numbers))
    if not wanted:
        return []
    sql = _SELECT.format(
        text="e.body, e.contact_name" if with_text else "NULL, NULL",
        marks=", ".join("?" * len(wanted)),
        withdrawn="" if withdrawn else " AND i.withdrawn_at IS NULL",
    )
    offsets: dict[str, timedelta] = {}  # "YYYY-MM-DDTHH" -> UTC offset of the vault's zone
    rows = []
    for (
        event_id,
        item_id,
        kind,
        direction,
        code,
        number,
        text,
        duration,
        body,
        name,
    ) in session.connection().exec_driver_sql(sql, tuple(wanted)):
        at = parse_utc(text) if len(text) != _UTC_LENGTH else _fast_utc(text)
        offset = offsets.get(text[:13])
        if offset is None:
            offset = offsets[text[:13]] = at.astimezone(tz).utcoffset() or timedelta(0)
        local = (at + offset).replace(tzinfo=None)
        inbound = direction in INBOUND
        call_attempt = inbound and kind == "call"
        rows.append(
            EventRow(
                event_id,
                item_id,
                kind,
                direction,
                code,
                number,
                at,
                local,
                local.date(),
                duration,
                body,
                name,
                inbound,
                call_attempt,
                call_attempt and direction == "incoming",
                kind != "call" and direction == "incoming",
            )
        )
    return rows


_UTC_LENGTH = 27


def _fast_utc(text: str) -> datetime:
    """The stored form ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` read without the regex check."""
    try:
        return datetime.fromisoformat(text[:-1] + "+00:00")
    except ValueError:
        return parse_utc(text)  # raises the typed error


__all__ = [
    "EVENT_TIME_SOURCE",
    "NIGHT_END_HOUR",
    "NIGHT_START_HOUR",
    "EventRow",
    "LocalClock",
    "events_for_numbers",
    "lender_numbers",
]
