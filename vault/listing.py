"""Pages of items for a lazy table: filter, search, sort, count — never the whole vault.

The desktop table asks for ``item_count`` once and then ``item_page`` as the user
scrolls, so a vault of 50,000 items never loads at once. Filters combine with AND;
``text`` searches titles, purposes, file names, counterpart numbers, contact names,
the text of notes attached to an item, its transcript and the text machine-read from
its image, each
through its full-text index (:mod:`vault.db.search`, :mod:`vault.ocr.search`); the
unfiltered view and a lender's read the live items in time order from an index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol, Self, TypeVar

from sqlalchemy import ColumnElement, String, cast, func, select, union
from sqlalchemy.orm import Session

from vault.categories import Category
from vault.db.models import Item, Lender
from vault.db.search import ITEM_SEARCH, NOTE_SEARCH, TRANSCRIPT_SEARCH, matching
from vault.dto import ItemDTO
from vault.errors import UsageError
from vault.handle import OpenVault
from vault.items import item_dto
from vault.lenders import lender_by_name
from vault.ocr.search import items_with_text
from vault.phones import stored_spellings, try_normalize

MAX_PAGE = 1000


class SortKey(StrEnum):
    TIME = "time"  # incident time when the user gave one, else the capture time
    TITLE = "title"
    KIND = "kind"
    SIZE = "size"
    IMPORTED = "imported"
    COUNTERPART = "counterpart"


@dataclass(frozen=True)
class ItemFilter:
    lender: str | None = None
    kinds: frozenset[str] = field(default_factory=frozenset)
    category: str | None = None
    since: datetime | None = None  # inclusive, aware
    until: datetime | None = None  # exclusive, aware
    text: str = ""
    include_withdrawn: bool = False
    only_withdrawn: bool = False  # the trash: withdrawn items, not yet purged


class _Filterable(Protocol):
    def where(self, *clauses: ColumnElement[bool]) -> Self: ...


_Query = TypeVar("_Query", bound=_Filterable)  # a select() of any columns


def _effective_time() -> Any:
    return func.coalesce(Item.incident_at, Item.captured_at)


def _where(session: Session, query: _Query, flt: ItemFilter) -> _Query:
    query = query.where(Item.purged_at.is_(None))
    if flt.only_withdrawn:
        query = query.where(Item.withdrawn_at.is_not(None))
    elif not flt.include_withdrawn:
        query = query.where(Item.withdrawn_at.is_(None))
    if flt.lender is not None:
        query = query.where(Item.lender_id == lender_by_name(session, flt.lender).id)
    if flt.kinds:
        query = query.where(Item.kind.in_(sorted(flt.kinds)))
    if flt.category:
        try:
            code = Category(flt.category).value
        except ValueError:
            raise UsageError(f"Unknown category {flt.category!r}.") from None
        # categories is a JSON list of stable codes; a quoted code cannot match a prefix
        query = query.where(cast(Item.categories, String).contains(f'"{code}"'))
    for moment in (flt.since, flt.until):
        if moment is not None and moment.tzinfo is None:
            raise UsageError("Date filters need a time zone.")
    if flt.since is not None:
        query = query.where(_effective_time() >= flt.since)
    if flt.until is not None:
        query = query.where(_effective_time() < flt.until)
    text = flt.text.strip()
    if text:
        query = query.where(Item.id.in_(_matching_ids(text)))
    return query


def _matching_ids(text: str) -> Any:
    """The ids of the items the search ``text`` finds, as one ``UNION`` of index lookups
    (:mod:`vault.db.search`): the items' own fields, their notes, transcripts, machine-read text
    and, for a phone number however it was written, the numbers stored for it."""
    found = [
        matching(ITEM_SEARCH, text),
        matching(NOTE_SEARCH, text),
        matching(TRANSCRIPT_SEARCH, text),
        items_with_text(text),
    ]
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 3 and digits != text:  # "138 0013 8000" finds 13800138000
        found.append(matching(ITEM_SEARCH, digits))
    number = try_normalize(text)
    if number is not None:  # "+86 10 6552 9988" finds 01065529988 too
        found.append(select(Item.id).where(Item.counterpart.in_(stored_spellings([number]))))
    return union(*found)


def _order(key: SortKey, descending: bool) -> list[Any]:
    column: Any = {
        SortKey.TIME: _effective_time(),
        SortKey.TITLE: func.coalesce(Item.title, Item.original_name),
        SortKey.KIND: Item.kind,
        SortKey.SIZE: Item.size,
        SortKey.IMPORTED: Item.imported_at,
        SortKey.COUNTERPART: Item.counterpart,
    }[key]
    if descending:
        return [column.desc(), Item.id.desc()]
    return [column.asc(), Item.id.asc()]


def item_count(vault: OpenVault, flt: ItemFilter) -> int:
    """How many items match ``flt``."""
    with vault.sessions() as session:
        query = _where(session, select(func.count(Item.id)), flt)
        return int(session.scalar(query) or 0)


def item_page(
    vault: OpenVault,
    flt: ItemFilter,
    offset: int,
    limit: int,
    sort: SortKey = SortKey.TIME,
    descending: bool = False,
) -> list[ItemDTO]:
    """Items ``offset`` … ``offset + limit`` of the matching ones, in a stable order."""
    if offset < 0 or not 0 < limit <= MAX_PAGE:
        raise UsageError(f"A page is 1 to {MAX_PAGE} items from a non-negative offset.")
    with vault.sessions() as session:
        query = select(Item, Lender.name).outerjoin(Lender, Item.lender_id == Lender.id)
        query = _where(session, query, flt).order_by(*_order(sort, descending))
        rows = session.execute(query.offset(offset).limit(limit)).all()
        return [item_dto(item, name) for item, name in rows]
