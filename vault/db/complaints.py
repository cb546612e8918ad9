"""The tables of complaints filed about a lender and the evidence attached to each."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from vault.db.base import Base


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


__all__ = ["Complaint", "ComplaintItem"]
