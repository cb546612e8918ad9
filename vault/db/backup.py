"""The table of phone-backup events (calls, SMS, MMS); see revision 0002.

``backup_events`` holds one row per call, SMS or MMS read from an imported "SMS Backup
& Restore" XML file; ``item_id`` names the stored XML item the row came from and
``seq`` its position in that file, so every event can be traced back to the evidence.
Events carry no lender: an event belongs to every lender whose numbers
(``lender_numbers``) include the event's number, so assigning a number to a lender
after an import makes its events follow at once. Numbers are compared as the same line
(:func:`vault.phones.stored_spellings`), so rows stored by an earlier version's
normal form still belong.

The foreign key from an event to its item is checked at commit (``DEFERRABLE
INITIALLY DEFERRED``): the events of a backup are written while the XML is parsed,
before the item row — whose hash is known only at the end of the same pass — is added
in the same transaction.

``occurred_at`` is the row's own time as epoch milliseconds (UTC), the integer the
backup holds; ``occurred_offset_min`` the vault zone's UTC offset at that instant, found
on import (a vault's zone is fixed when it is created). What the analysis asks of every
row is also worked out on import, as integers, so statistics and rules are plain
``GROUP BY`` queries that SQLite runs without any per-row date work
(see :mod:`vault.case.events`): ``local_day`` (days since 1970-01-01 of the local
date), ``local_minute`` (minute of the local day, 0-1439) and ``contact`` (how the row
reached the debtor: :data:`NOT_CONTACT`, :data:`ANSWERED_CALL`, :data:`UNANSWERED_CALL`
or :data:`MESSAGE`).

The kind check is written with ``OR`` rather than ``IN``: SQLite builds an ``IN`` list
again for every row inserted, which made the check cost as much as the insert itself.

Only ``item_id`` is indexed: a backup adds 100,000+ rows in one go and every index
adds to the cost of writing them, while the queries (events of a lender's few
numbers) scan the table in tens of milliseconds.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import CheckConstraint, Dialect, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from vault.db.base import Base
from vault.times import NaiveDatetimeError

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def epoch_ms(value: datetime) -> int:
    """Epoch milliseconds of an aware time; naive values are refused."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError("A time without a time zone cannot be stored.")
    return (value - EPOCH) // timedelta(milliseconds=1)


def from_epoch_ms(value: int) -> datetime:
    """The aware UTC time of ``value`` epoch milliseconds (exact: no float on the way)."""
    return EPOCH + timedelta(milliseconds=value)


class EpochMillis(TypeDecorator[datetime]):
    """An aware datetime stored as integer milliseconds since 1970-01-01T00:00Z."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> int | None:
        return None if value is None else epoch_ms(value)

    def process_result_value(self, value: int | None, dialect: Dialect) -> datetime | None:
        return None if value is None else from_epoch_ms(value)


# How a row reached the debtor: 0 not at all (the user's own calls and messages, drafts),
# 1 an inbound call picked up (Android call type 1 or 7), 2 an inbound call not picked
# up (missed, rejected, blocked, to voicemail), 3 a received SMS or MMS.
NOT_CONTACT, ANSWERED_CALL, UNANSWERED_CALL, MESSAGE = 0, 1, 2, 3


class BackupEvent(Base):
    """One call, SMS or MMS from a phone backup."""

    __tablename__ = "backup_events"
    __table_args__ = (
        CheckConstraint("kind = 'call' OR kind = 'sms' OR kind = 'mms'", name="kind"),
        CheckConstraint("duration_s IS NULL OR duration_s >= 0", name="duration_not_negative"),
        CheckConstraint("contact >= 0 AND contact <= 3", name="contact"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(
        ForeignKey("items.id", deferrable=True, initially="DEFERRED"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(Text)
    direction: Mapped[str] = mapped_column(Text)
    type_code: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text)
    contact_name: Mapped[str | None] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(EpochMillis)
    occurred_offset_min: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str | None] = mapped_column(Text)
    local_day: Mapped[int] = mapped_column(Integer)
    local_minute: Mapped[int] = mapped_column(Integer)
    contact: Mapped[int] = mapped_column(Integer)


__all__ = [
    "ANSWERED_CALL",
    "MESSAGE",
    "NOT_CONTACT",
    "UNANSWERED_CALL",
    "BackupEvent",
    "EpochMillis",
    "epoch_ms",
    "from_epoch_ms",
]
