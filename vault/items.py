"""Items: the evidence files, their description, the trash and purging.

An item's bytes never change; what the user edits is its description (title, purpose,
incident time, categories, number, lender), each real change recorded old and new in
one ``metadata_edited`` custody event. Everything returned is a frozen ``ItemDTO``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vault import custody
from vault.age import AgeReader
from vault.categories import Category
from vault.custody import ledger
from vault.db.models import Item, Lender, Transcript
from vault.db.search import SECURE_DELETE
from vault.dto import ItemDTO
from vault.errors import UsageError
from vault.lenders import lender_by_name
from vault.phones import normalize
from vault.times import offset_minutes

if TYPE_CHECKING:
    from vault.handle import OpenVault


class UnknownItemError(UsageError):
    code = "unknown_item"


EDITABLE_FIELDS = frozenset(
    {"title", "purpose", "incident_at", "categories", "counterpart", "lender"}
)


def list_items(
    vault: OpenVault, *, lender: str | None = None, include_withdrawn: bool = False
) -> list[ItemDTO]:
    with vault.sessions() as session:
        query = select(Item, Lender.name).outerjoin(Lender, Item.lender_id == Lender.id)
        if lender is not None:
            query = query.where(Item.lender_id == lender_by_name(session, lender).id)
        if not include_withdrawn:
            query = query.where(Item.withdrawn_at.is_(None))
        query = query.where(Item.purged_at.is_(None)).order_by(Item.captured_at, Item.id)
        return [item_dto(item, name) for item, name in session.execute(query).all()]


def get_item(vault: OpenVault, item_id: str) -> ItemDTO:
    with vault.sessions() as session:
        row = session.execute(
            select(Item, Lender.name)
            .outerjoin(Lender, Item.lender_id == Lender.id)
            .where(Item.id == item_id, Item.purged_at.is_(None))
        ).one_or_none()
        if row is None:
            raise UnknownItemError(f"There is no item {item_id!r} in this vault.")
        return item_dto(row[0], row[1])


def item_history(vault: OpenVault, item_id: str) -> list[custody.CustodyEventDTO]:
    get_item(vault, item_id)
    return item_history_raw(vault, item_id)


def item_history_raw(vault: OpenVault, item_id: str) -> list[custody.CustodyEventDTO]:
    """Custody events naming ``item_id``, also for a purged item's tombstone."""
    with vault.sessions() as session:
        return list(ledger.iter_events(session, item_id=item_id))


def edit_item(vault: OpenVault, item_id: str, changes: Mapping[str, object]) -> ItemDTO:
    """Change an item's description; the original bytes never change.

    ``changes`` maps field names (title, purpose, incident_at, categories,
    counterpart, lender) to new values; each real change is recorded, old and new
    value, in one ``metadata_edited`` custody event.
    """
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise UsageError(f"These item fields cannot be edited: {', '.join(sorted(unknown))}.")
    now = datetime.now(UTC)
    with vault.sessions() as session, session.begin():
        item = item_by_id(session, item_id)
        recorded: dict[str, object] = {}
        for name, value in changes.items():
            old, new = _apply_edit(session, item, name, value, vault.tz)
            if old != new:
                recorded[name] = {"from": old, "to": new}
        if recorded:
            ledger.append(
                session,
                custody.Action.METADATA_EDITED,
                at=now,
                item_id=item.id,
                lender_id=item.lender_id,
                payload={"changes": recorded},
            )
    return get_item(vault, item_id)


def withdraw_item(vault: OpenVault, item_id: str, *, reason: str = "") -> ItemDTO:
    """Move an item to the trash: hidden from lists and exports, logged, reversible."""
    return _set_withdrawn(vault, item_id, withdrawn=True, reason=reason)


def restore_item(vault: OpenVault, item_id: str) -> ItemDTO:
    return _set_withdrawn(vault, item_id, withdrawn=False, reason="")


def _set_withdrawn(vault: OpenVault, item_id: str, *, withdrawn: bool, reason: str) -> ItemDTO:
    now = datetime.now(UTC)
    with vault.sessions() as session, session.begin():
        item = item_by_id(session, item_id)
        if (item.withdrawn_at is not None) == withdrawn:
            return item_dto_in(session, item)
        item.withdrawn_at = now if withdrawn else None
        ledger.append(
            session,
            custody.Action.ITEM_WITHDRAWN if withdrawn else custody.Action.ITEM_RESTORED,
            at=now,
            item_id=item.id,
            lender_id=item.lender_id,
            payload={"reason": reason} if withdrawn else {},
        )
        return item_dto_in(session, item)


def purge_item(vault: OpenVault, item_id: str) -> None:
    """Destroy a withdrawn item's contents for good, keeping a tombstone row.

    The row keeps its hashes, so the custody chain and earlier checkpoints stay
    verifiable; the blob is deleted only after the tombstone is committed. What was
    derived from the contents goes in the same transaction: every saved version of a
    recording's transcript here, and its machine-read text and search entry by the
    ``items_purged_drop_ocr_text`` trigger (:mod:`vault.db.ocr`). A deleted full-text
    row leaves its trigrams, positions and all, in the index's segments until they are
    merged, so FTS5's ``secure-delete`` takes them out with the row; and SQLite's ``secure_delete`` zeroes the
    deleted rows and freed pages of this transaction instead of leaving them in the
    file. The ``item_purged`` event records the hashes and size only; ``evault check``
    expects a purged item's transcripts gone (:mod:`vault.check`).

    What stays is what the custody log recorded, which cannot change without breaking
    its chain: every ``transcript_saved`` event holds that version's words.
    """
    now = datetime.now(UTC)
    with vault.sessions() as session, session.begin():
        connection = session.connection()  # its own: the vault's engine pools none
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
        item = item_by_id(session, item_id)
        if item.withdrawn_at is None:
            raise UsageError("Only an item in the trash can be purged; withdraw it first.")
        # FTS5's own secure delete: a row deleted from now on takes its trigrams out of
        # the segments at once (about 30 ms), where a merge of the index takes a second
        for statement in SECURE_DELETE:
            connection.exec_driver_sql(statement)
        item.purged_at = now
        item.content_key = None  # the same file may be imported again later
        session.execute(delete(Transcript).where(Transcript.item_id == item.id))
        session.flush()  # the trigger drops the text and its index row
        ledger.append(
            session,
            custody.Action.ITEM_PURGED,
            at=now,
            item_id=item.id,
            lender_id=item.lender_id,
            payload={"sha256": item.sha256, "size": item.size},
        )
    vault.store.remove(item_id)


def item_dto_in(session: Session, item: Item) -> ItemDTO:
    """The DTO of an item row, with its lender's name, inside an open session."""
    lender = session.get(Lender, item.lender_id) if item.lender_id is not None else None
    return item_dto(item, lender.name if lender else None)


def open_item(vault: OpenVault, item_id: str) -> AgeReader:
    """Random-access plaintext of an item (thread-safe ``pread``; close when done)."""
    get_item(vault, item_id)
    return vault.store.open(item_id, [vault.keys.identity])


def item_by_id(session: Session, item_id: str) -> Item:
    item = session.get(Item, item_id)
    if item is None or item.purged_at is not None:
        raise UnknownItemError(f"There is no item {item_id!r} in this vault.")
    return item


def _apply_edit(
    session: Session, item: Item, name: str, value: object, tz: ZoneInfo
) -> tuple[object, object]:
    """Set one field; returns (old, new) in JSON-friendly form for the custody log."""
    if name in {"title", "purpose"}:
        text = str(value).strip() if value is not None else None
        old = getattr(item, name)
        setattr(item, name, text or None)
        return old, text or None
    if name == "counterpart":
        number = normalize(str(value)) if value else None
        old = item.counterpart
        item.counterpart = number
        return old, number
    if name == "categories":
        if not isinstance(value, list | tuple | set | frozenset):
            raise UsageError("Categories must be a list.")
        try:
            codes = sorted({Category(str(v)).value for v in value})
        except ValueError:
            raise UsageError(f"Unknown category in {sorted(map(str, value))}.") from None
        old_codes = sorted(item.categories or [])
        item.categories = codes
        return old_codes, codes
    if name == "incident_at":
        old_text = item.incident_at.isoformat() if item.incident_at else None
        if value is None:
            item.incident_at, item.incident_offset_min = None, None
            return old_text, None
        if not isinstance(value, datetime):
            raise UsageError("The incident time must be a date and time.")
        moment = value if value.tzinfo else value.replace(tzinfo=tz)
        item.incident_at, item.incident_offset_min = moment, offset_minutes(moment)
        return old_text, moment.astimezone(UTC).isoformat()
    # lender
    old_lender = item.lender_id
    item.lender_id = lender_by_name(session, str(value)).id if value else None
    return old_lender, item.lender_id


def item_dto(item: Item, lender: str | None) -> ItemDTO:
    times = item.times
    return ItemDTO(
        id=item.id,
        lender=lender,
        kind=item.kind,
        media_type=item.media_type,
        original_name=item.original_name,
        size=item.size,
        sha256=item.sha256,
        sm3=item.sm3,
        imported_at=item.imported_at,
        captured_at=item.captured_at,
        captured_offset_min=item.captured_offset_min,
        time_source=item.time_source,
        incident_at=item.incident_at,
        counterpart=item.counterpart,
        contact_name=item.contact_name,
        source_app=item.source_app,
        categories=tuple(item.categories or ()),
        title=item.title,
        purpose=item.purpose,
        withdrawn=item.withdrawn_at is not None,
        name_time=times.name_time if times else None,
        name_offset_min=times.name_offset_min if times else None,
        file_modified_at=times.file_modified_at if times else None,
        call_direction=times.call_direction if times else None,
    )
