"""The vault's core tables: lenders and their numbers, items, notes, the custody log,
settings, as typed SQLAlchemy 2.x models on :mod:`vault.db.base`.

Times are aware datetimes stored as the UTC text form of :mod:`vault.times`. Where the
user's wall-clock time matters, a separate ``*_offset_min`` column keeps the original UTC
offset in minutes (DESIGN.md §4: "stored as UTC plus the original offset").

JSON columns (``categories``, ``agencies``, ``settings.value``) hold plain lists and
dicts; in-place changes to the lists are tracked.

The custody tables are written only through :mod:`vault.custody`. Triggers make
``custody_events`` append-only at the database level (an UPDATE or DELETE aborts), so
that no code path edits history by mistake; tampering by someone who bypasses them is
still caught by the hash chain.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Connection,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.ext.mutable import MutableList
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vault.db.base import Base

logger = logging.getLogger(__name__)


class Lender(Base):
    """A lending platform (微粒貸 …) whose collectors the user is documenting."""

    __tablename__ = "lenders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    app: Mapped[str | None] = mapped_column(Text)
    company: Mapped[str | None] = mapped_column(Text)
    loan_ref: Mapped[str | None] = mapped_column(Text)
    agencies: Mapped[list[str]] = mapped_column(MutableList.as_mutable(JSON()), default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]

    numbers: Mapped[list[LenderNumber]] = relationship(
        back_populates="lender", cascade="all, delete-orphan", order_by="LenderNumber.number"
    )


class LenderNumber(Base):
    """A phone number a lender's collectors called from, in :func:`vault.phones.normalize`
    form (or an earlier version's, read by :func:`vault.phones.canonical`)."""

    __tablename__ = "lender_numbers"
    __table_args__ = (UniqueConstraint("lender_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lender_id: Mapped[int] = mapped_column(ForeignKey("lenders.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(Text, index=True)
    label: Mapped[str | None] = mapped_column(Text)

    lender: Mapped[Lender] = relationship(back_populates="numbers")


class Item(Base):
    """One piece of evidence: an imported file, a written note or a row from a backup.

    ``id`` is random and also names the blob file. ``content_key`` is a keyed hash of the
    content used to detect duplicates without revealing content hashes; it is unique
    where set (SQLite allows many NULLs), so a purged item may release it.
    ``purged_at`` marks a tombstone: the row stays, the blob is gone.
    """

    __tablename__ = "items"
    __table_args__ = (
        CheckConstraint("size >= 0", name="size_not_negative"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint(
            "(incident_at IS NULL) = (incident_offset_min IS NULL)", name="incident_offset"
        ),
    )

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    lender_id: Mapped[int | None] = mapped_column(ForeignKey("lenders.id"), index=True)
    kind: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(Text)
    original_name: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content_key: Mapped[str | None] = mapped_column(Text, unique=True)
    sm3: Mapped[str | None] = mapped_column(String(64))
    imported_at: Mapped[datetime]
    captured_at: Mapped[datetime] = mapped_column(index=True)
    captured_offset_min: Mapped[int] = mapped_column(Integer)
    time_source: Mapped[str] = mapped_column(Text)
    incident_at: Mapped[datetime | None]
    incident_offset_min: Mapped[int | None] = mapped_column(Integer)
    counterpart: Mapped[str | None] = mapped_column(Text, index=True)
    contact_name: Mapped[str | None] = mapped_column(Text)
    source_app: Mapped[str | None] = mapped_column(Text)
    device: Mapped[str | None] = mapped_column(Text)
    categories: Mapped[list[str]] = mapped_column(MutableList.as_mutable(JSON()), default=list)
    title: Mapped[str | None] = mapped_column(Text)
    purpose: Mapped[str | None] = mapped_column(Text)
    withdrawn_at: Mapped[datetime | None]
    purged_at: Mapped[datetime | None]

    # Also tells the unit of work to insert the lender before the item.
    lender: Mapped[Lender | None] = relationship()
    # What the name and the file's own time said (read with the item, one query per load).
    times: Mapped[ItemTimes | None] = relationship(viewonly=True, lazy="selectin")


class ItemTimes(Base):
    """The times an imported file offered beside the one that became ``captured_at``.

    What the file name said (UTC, with the offset it was shown in) and the file's own
    modified time when it was imported (a copy over USB or a chat app often resets it);
    the third time, the import, is ``items.imported_at``. Also the call direction a
    recording's name gave. One row per imported file; none for notes or backup rows.
    """

    __tablename__ = "item_times"

    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), primary_key=True)
    name_time: Mapped[datetime | None]
    name_offset_min: Mapped[int | None] = mapped_column(Integer)
    file_modified_at: Mapped[datetime | None]
    call_direction: Mapped[str | None] = mapped_column(Text)


class MmsAttachment(Base):
    """An MMS attachment stored as an item of its own, and the message that carried it:
    the backup item and the message's row (``backup_events.seq``)."""

    __tablename__ = "mms_attachments"

    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), primary_key=True)
    backup_item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)


class Note(Base):
    """Something the user wrote down about a lender (a home visit …), maybe about one item."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lender_id: Mapped[int] = mapped_column(ForeignKey("lenders.id"), index=True)
    item_id: Mapped[str | None] = mapped_column(ForeignKey("items.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime]
    occurred_offset_min: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]

    lender: Mapped[Lender] = relationship()
    item: Mapped[Item | None] = relationship()


class Transcript(Base):
    """One saved version of a recording's transcript; every version is kept.

    ``segments`` is a JSON list of ``{"start_ms", "speaker", "text"}`` objects in time
    order (see :mod:`vault.transcript`); ``origin`` says who wrote it ("manual"). Each
    row is also recorded whole in a ``transcript_saved`` custody event.
    """

    __tablename__ = "transcripts"
    __table_args__ = (
        UniqueConstraint("item_id", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("duration_ms IS NULL OR duration_ms >= 0", name="duration_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(Text)
    segments: Mapped[list[dict[str, Any]]] = mapped_column(JSON())
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    saved_at: Mapped[datetime]


class CustodyEvent(Base):
    """One link of the hash-chained custody log; see :mod:`vault.custody` for the hash.

    ``payload`` holds the canonical JSON text that the event hash covers.
    """

    __tablename__ = "custody_events"
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(Text)
    item_id: Mapped[str | None] = mapped_column(ForeignKey("items.id"), index=True)
    lender_id: Mapped[int | None] = mapped_column(ForeignKey("lenders.id"), index=True)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class CustodyHead(Base):
    """The single row naming the last custody event, updated in the same transaction.

    Deleting the newest events leaves this row pointing past the end of the log.
    """

    __tablename__ = "custody_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """A vault preference (time zone, TSA list, auto-lock …) as a JSON value."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[Any] = mapped_column(JSON())


# Migrations must emit the same statements; tests/db compare sqlite_master text.
CUSTODY_TRIGGERS = (
    "CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events "
    "BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END",
    "CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events "
    "BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END",
)


@event.listens_for(CustodyEvent.__table__, "after_create")
def _create_custody_triggers(target: Table, connection: Connection, **kw: Any) -> None:
    for statement in CUSTODY_TRIGGERS:
        connection.exec_driver_sql(statement)


__all__ = [
    "CUSTODY_TRIGGERS",
    "CustodyEvent",
    "CustodyHead",
    "Item",
    "Lender",
    "LenderNumber",
    "Note",
    "Setting",
    "Transcript",
]
