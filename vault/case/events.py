"""Reading a lender's backup events, and local wall-clock time in the vault's zone.

An event belongs to a lender when its number is one of the lender's numbers (see
:mod:`vault.db.backup`). Two ways in:

- :func:`events_for_numbers`: the events as light named tuples, oldest first, for the
  timeline, which shows each of them;
- :func:`contact_scope`: a condition on ``backup_events`` choosing a lender's contacts,
  for statistics and rules, which are ``GROUP BY`` queries run by SQLite over the
  integer columns written on import (``local_day``, ``local_minute``, ``contact``)
  rather than Python loops over 100,000+ rows.

Local time is the event's UTC epoch milliseconds plus the offset of the vault's zone
stored with it on import (``occurred_offset_min``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from vault.db.backup import ANSWERED_CALL, from_epoch_ms
from vault.db.models import Lender, LenderNumber
from vault.phones import canonical, stored_spellings

logger = logging.getLogger(__name__)

# A call connected only when it lasted: one the backup logs as picked up (``type`` 1 or
# 7) with ``duration="0"`` (or none) was rejected or cut at once, an attempt like a
# missed call. Conditions on one ``backup_events`` row, for the analysis queries.
CONNECTED = f"(contact = {ANSWERED_CALL} AND duration_s > 0)"
ZERO_SECONDS = f"(contact = {ANSWERED_CALL} AND coalesce(duration_s, 0) = 0)"
NIGHT_START_HOUR = 22  # night-time contacts: 22:00 (inclusive) to 08:00 (exclusive)
NIGHT_END_HOUR = 8
EVENT_TIME_SOURCE = "backup_record"
DAY_MS = 86_400_000
MINUTE_MS = 60_000
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class EventRow(NamedTuple):
    """One backup event, with the UTC offset of the vault's zone stored on import."""

    id: int
    item_id: str
    kind: str
    direction: str
    type_code: int
    number: str | None
    at: datetime  # UTC
    offset_min: int  # the vault's zone at ``at``: local time is ``at`` plus this
    duration_s: int | None
    body: str | None
    contact_name: str | None


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


def day_number(day: date) -> int:
    """``day`` as days since 1970-01-01, the form ``case_events.day`` holds."""
    return day.toordinal() - EPOCH_ORDINAL


def day_of(number: int) -> date:
    return date.fromordinal(number + EPOCH_ORDINAL)


def lender_numbers(session: Session, lender_id: int | None) -> dict[str, tuple[str, ...]]:
    """Number (:func:`vault.phones.canonical` form) -> names of the lenders it is assigned
    to (all lenders when ``lender_id`` is None)."""
    query = select(LenderNumber.number, Lender.name).join(Lender)
    if lender_id is not None:
        query = query.where(LenderNumber.lender_id == lender_id)
    owners: dict[str, list[str]] = {}
    for number, name in session.execute(query.order_by(Lender.name)):
        names = owners.setdefault(canonical(number), [])
        if name not in names:  # one lender holding a number in two stored forms
            names.append(name)
    return {number: tuple(names) for number, names in owners.items()}


FETCH_ROWS = 10_000  # events read from the cursor at a time
# Events of the wanted numbers from backups neither purged nor (unless asked) withdrawn.
_FROM = (
    "FROM backup_events AS e JOIN items AS i ON i.id = e.item_id "
    "WHERE e.number IN ({marks}) AND i.purged_at IS NULL{withdrawn}"
)
_SELECT = (
    "SELECT e.id, e.item_id, e.kind, e.direction, e.type_code, e.number, e.occurred_at, "
    "e.occurred_offset_min, e.duration_s, {text} " + _FROM
)
# The same events as a condition on backup_events alone, for the analysis queries:
# a lookup in a small set per row is cheaper than a join.
_SCOPE = (
    "number IN ({marks}) AND item_id IN "
    "(SELECT i.id FROM items AS i WHERE i.purged_at IS NULL{withdrawn})"
)
CACHE_KIB = 32 << 10  # page cache for the analysis: its queries read the events again


@dataclass(frozen=True)
class Scope:
    """A ``WHERE`` condition on ``backup_events`` choosing a lender's contacts, with its
    parameters: the lender's numbers, backups in force, inbound contacts only, and
    optionally local days ``start``..``end`` (both inclusive)."""

    where: str
    params: tuple[str | int, ...]

    @property
    def empty(self) -> bool:
        return not self.params


def contact_scope(
    numbers: Iterable[str],
    *,
    start: date | None = None,
    end: date | None = None,
    withdrawn: bool = False,
) -> Scope:
    wanted, parts = _from_args(numbers, withdrawn)
    if not wanted:
        return Scope("0", ())
    where = _SCOPE.format(**parts) + " AND contact > 0"
    params: list[str | int] = list(wanted)
    if start is not None:
        where += " AND local_day >= ?"
        params.append(day_number(start))
    if end is not None:
        where += " AND local_day <= ?"
        params.append(day_number(end))
    return Scope(where, tuple(params))


def prepare(conn: Connection) -> None:
    """Give the analysis connection a page cache that holds the events it reads again."""
    conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")


def _from_args(numbers: Iterable[str], withdrawn: bool) -> tuple[list[str], dict[str, str]]:
    wanted = stored_spellings(numbers)  # events stored by earlier versions match too
    parts = {
        "marks": ", ".join("?" * len(wanted)),
        "withdrawn": "" if withdrawn else " AND i.withdrawn_at IS NULL",
    }
    return wanted, parts


def events_for_numbers(
    session: Session,
    numbers: Iterable[str],
    *,
    kinds: Iterable[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    with_text: bool = True,
    withdrawn: bool = False,
) -> list[EventRow]:
    """Events showing any of ``numbers``, oldest first, from backups not withdrawn.

    ``kinds`` keeps only calls, SMS or MMS; ``start``/``end`` only local days (the
    vault's zone, as stored on import) in that range, both inclusive — chosen by the
    query, so a filtered read of a 100,000-row backup reads only what it shows.
    ``with_text=False`` leaves out message bodies and contact names.
    """
    wanted, parts = _from_args(numbers, withdrawn)
    if not wanted:
        return []
    sql = _SELECT.format(text="e.body, e.contact_name" if with_text else "NULL, NULL", **parts)
    params: list[str | int] = list(wanted)
    extra = ""
    if kinds is not None:
        chosen = sorted(set(kinds))
        if not chosen:
            return []
        extra += f" AND e.kind IN ({', '.join('?' * len(chosen))})"
        params += chosen
    if start is not None:
        extra += " AND e.local_day >= ?"
        params.append(day_number(start))
    if end is not None:
        extra += " AND e.local_day <= ?"
        params.append(day_number(end))
    sql += extra + " ORDER BY e.occurred_at, e.id"
    # Read through the driver's cursor in slices: SQLAlchemy's row objects would cost
    # more than the rows themselves for 100,000+ events.
    cursor = session.connection().exec_driver_sql(sql, tuple(params)).cursor
    rows: list[EventRow] = []
    while batch := cursor.fetchmany(FETCH_ROWS):
        rows += [EventRow._make((*row[:6], from_epoch_ms(row[6]), *row[7:])) for row in batch]
    return rows


__all__ = [
    "CONNECTED",
    "EVENT_TIME_SOURCE",
    "NIGHT_END_HOUR",
    "NIGHT_START_HOUR",
    "ZERO_SECONDS",
    "EventRow",
    "LocalClock",
    "Scope",
    "contact_scope",
    "day_number",
    "day_of",
    "events_for_numbers",
    "lender_numbers",
    "prepare",
]
