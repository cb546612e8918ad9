"""Tables of the case analysis (backup events, complaints); see revision 0002.

``backup_events`` holds one row per call, SMS or MMS read from an imported "SMS Backup
& Restore" XML file; ``item_id`` names the stored XML item the row came from and
``seq`` its position in that file, so every event can be traced back to the evidence.
Events carry no lender: an event belongs to every lender whose numbers
(``lender_numbers``) include the event's number, so assigning a number to a lender
after an import makes its events follow at once.

The foreign key from an event to its item is checked at commit (``DEFERRABLE
INITIALLY DEFERRED``): the events of a backup are written while the XML is parsed,
before the item row — whose hash is known only at the end of the same pass — is added
in the same transaction.

Only ``item_id`` is indexed: a backup adds 100,000+ rows in one go and every index
doubles the cost of writing them, while the queries (events of a lender's few
numbers) scan the table in tens of milliseconds.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from vault.db.models import Base


class BackupEvent(Base):
    """One call, SMS or MMS from a phone backup."""

    __tablename__ = "backup_events"
    __table_args__ = (
        CheckConstraint("kind IN ('call', 'sms', 'mms')", name="kind"),
        CheckConstraint("duration_s IS NULL OR duration_s >= 0", name="duration_not_negative"),
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
    occurred_at: Mapped[datetime]
    occurred_offset_min: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str | None] = mapped_column(Text)


class Complaint(Base):
    """A complaint or report filed about a lender (12378, NIFA, 黑猫投诉, police, court …)."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lender_id: Mapped[int] = mapped_column(ForeignKey("lenders.id"), index=True)
    channel: Mapped[str] = mapped_column(Text)
    filed_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    next_follow_up: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ComplaintItem(Base):
    """An evidence item attached to a complaint."""

    __tablename__ = "complaint_items"

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), primary_key=True, index=True)


__all__ = ["BackupEvent", "Complaint", "ComplaintItem"]
