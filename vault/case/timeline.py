"""One ordered stream of a case: items, notes and backup events, each with its time source.

Times: an item is placed at its ``incident_at`` when the user gave one (source
``user``), else at its capture time with the source found on import (EXIF, container,
file name …); a note at the time the user said it happened (``user``); a backup event at
its own record time (``backup_record``). Filters:

- ``kinds``: item kinds (recording, screenshot …), ``note``, ``call``, ``sms``, ``mms``;
- ``categories``: only items filed under one of them (notes and events have none);
- ``number``: items whose counterpart, or events whose number, is this number;
- ``start``/``end``: local days in the vault's zone, both inclusive.

Across lenders (``lender=None``) the stream holds every lender's items and notes, items
without a lender, and the events of every number assigned to some lender; events of
numbers no lender has (the user's own contacts) stay out of every timeline.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from vault.case.events import EVENT_TIME_SOURCE, LocalClock, events_for_numbers, lender_numbers
from vault.db.models import Item, MmsAttachment
from vault.dto import TimelineEntry
from vault.handle import OpenVault
from vault.items import list_items
from vault.lenders import lender_id_of, list_lenders
from vault.notes import list_notes
from vault.phones import canonical, normalize
from vault.times import offset_minutes

logger = logging.getLogger(__name__)

EVENT_KINDS = frozenset({"call", "sms", "mms"})
USER_TIME = "user"


def timeline(
    vault: OpenVault,
    lender: str | None = None,
    *,
    kinds: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    number: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[TimelineEntry]:
    """The case's entries, oldest first (ties keep items, notes, events in that order)."""
    wanted_kinds = set(kinds) if kinds is not None else None
    wanted_categories = set(categories) if categories is not None else None
    wanted_number = normalize(number) if number else None
    clock = LocalClock(vault.tz)

    def keep(entry: TimelineEntry) -> bool:
        if wanted_kinds is not None and entry.kind not in wanted_kinds:
            return False
        if wanted_categories is not None and not wanted_categories & set(entry.categories):
            return False
        if wanted_number is not None and canonical(entry.number or "") != wanted_number:
            return False
        day = clock.local(entry.at).date()
        return (start is None or day >= start) and (end is None or day <= end)

    entries = [e for e in _items(vault, lender) if keep(e)]
    if wanted_number is None and wanted_categories is None:
        entries += [e for e in _notes(vault, lender) if keep(e)]
    if wanted_categories is None and (wanted_kinds is None or wanted_kinds & EVENT_KINDS):
        event_kinds = None if wanted_kinds is None else wanted_kinds & EVENT_KINDS
        entries += _events(vault, lender, event_kinds, wanted_number, start, end)
    order = {"item": 0, "note": 1, "event": 2}
    entries.sort(key=lambda e: (e.at, order[e.source], e.ref))
    return entries


# A recording's name says "in" or "out"; the timeline speaks as backup events do.
_IN_OUT = {"in": "incoming", "out": "outgoing"}


def _items(vault: OpenVault, lender: str | None) -> list[TimelineEntry]:
    entries = []
    for item in list_items(vault, lender=lender):
        if item.incident_at is not None:
            at, source = item.incident_at, USER_TIME
            offset = offset_minutes(item.incident_at.astimezone(vault.tz))
        else:
            at, source, offset = item.captured_at, item.time_source, item.captured_offset_min
        entries.append(
            TimelineEntry(
                at=at.astimezone(UTC),
                offset_min=offset,
                time_source=source,
                source="item",
                kind=item.kind,
                lender=item.lender,
                ref=item.id,
                item_id=item.id,
                number=item.counterpart,
                direction=_IN_OUT.get(item.call_direction or ""),
                text=item.title or item.original_name,
                categories=item.categories,
            )
        )
    return entries


def _notes(vault: OpenVault, lender: str | None) -> list[TimelineEntry]:
    names = [lender] if lender is not None else [lender_.name for lender_ in list_lenders(vault)]
    return [
        TimelineEntry(
            at=note.occurred_at.astimezone(UTC),
            offset_min=note.occurred_offset_min,
            time_source=USER_TIME,
            source="note",
            kind="note",
            lender=note.lender,
            ref=str(note.id),
            item_id=None,
            text=note.text,
        )
        for name in names
        for note in list_notes(vault, name)
    ]


def _events(
    vault: OpenVault,
    lender: str | None,
    kinds: set[str] | None,
    number: str | None,
    start: date | None,
    end: date | None,
) -> list[TimelineEntry]:
    """The lender's backup events, chosen by the query itself (kind, number, local day)."""
    lender_id = lender_id_of(vault, lender) if lender is not None else None
    with vault.sessions() as session:
        owners = lender_numbers(session, lender_id)
        numbers = owners if number is None else [n for n in owners if n == number]
        rows = events_for_numbers(session, numbers, kinds=kinds, start=start, end=end)
        attached = _attachments(session) if any(row.kind == "mms" for row in rows) else {}
    entries = []
    for row in rows:
        line = None if row.number is None else canonical(row.number)
        entries.append(
            TimelineEntry(
                at=row.at,
                offset_min=row.offset_min,
                time_source=EVENT_TIME_SOURCE,
                source="event",
                kind=row.kind,
                lender=lender if lender is not None else ", ".join(owners.get(line or "", ())),
                ref=str(row.id),
                item_id=row.item_id,
                number=line,
                direction=row.direction,
                duration_s=row.duration_s,
                text=row.body,
                attachments=attached.get((row.item_id, row.at), ()) if row.kind == "mms" else (),
            )
        )
    return entries


def _attachments(session: Session) -> dict[tuple[str, datetime], tuple[str, ...]]:
    """MMS attachments stored as items, by (backup item, the message's instant): an
    attachment takes its message's time, so the pair names the message."""
    found: dict[tuple[str, datetime], list[str]] = {}
    query = (
        select(MmsAttachment.backup_item_id, Item.captured_at, Item.id)
        .join(Item, Item.id == MmsAttachment.item_id)
        .where(Item.withdrawn_at.is_(None), Item.purged_at.is_(None))
        .order_by(MmsAttachment.seq, Item.id)
    )
    for backup_id, at, item_id in session.execute(query):
        found.setdefault((backup_id, at), []).append(item_id)
    return {key: tuple(ids) for key, ids in found.items()}


__all__ = ["timeline"]
