"""The complaints tracker: what was filed about a lender, where, and what became of it.

Channels (DESIGN.md §1, §7): the 12378 banking and insurance consumer hotline, the
Internet Finance Association's online complaint (NIFA), 黑猫投诉 (Heimao), the police
(110, or 12110 by SMS), a court, or other. Every change — adding a complaint, a new
status, reference, follow-up date, notes, or linking and unlinking evidence items — is
one custody event holding the old and new values, in the same transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from vault import custody
from vault.case.complaint_codes import Channel, Status
from vault.custody import JSONValue, ledger
from vault.db.complaints import Complaint, ComplaintItem
from vault.db.models import Item, Lender
from vault.dto import ComplaintDTO
from vault.errors import UsageError
from vault.handle import OpenVault
from vault.items import UnknownItemError
from vault.lenders import UnknownLenderError

logger = logging.getLogger(__name__)


class UnknownComplaintError(UsageError):
    code = "unknown_complaint"


class ComplaintValueError(UsageError):
    code = "complaint_value"


def _channel(value: str) -> Channel:
    try:
        return Channel(value)
    except ValueError:
        names = ", ".join(c.value for c in Channel)
        raise ComplaintValueError(f"{value!r} is not a complaint channel ({names}).") from None


def _status(value: str) -> Status:
    try:
        return Status(value)
    except ValueError:
        names = ", ".join(s.value for s in Status)
        raise ComplaintValueError(f"{value!r} is not a complaint status ({names}).") from None


def add_complaint(
    vault: OpenVault,
    lender: str,
    *,
    channel: str,
    filed_on: date,
    reference: str | None = None,
    status: str = Status.FILED,
    next_follow_up: date | None = None,
    notes: str | None = None,
    items: Iterable[str] = (),
) -> ComplaintDTO:
    chosen_channel, chosen_status = _channel(channel), _status(status)
    now = datetime.now(UTC)
    with vault.sessions() as session, session.begin():
        lender_row = _lender(session, lender)
        item_ids = _checked_items(session, items)
        complaint = Complaint(
            lender_id=lender_row.id,
            channel=chosen_channel.value,
            filed_on=filed_on,
            reference=_clean(reference),
            status=chosen_status.value,
            next_follow_up=next_follow_up,
            notes=_clean(notes),
            created_at=now,
            updated_at=now,
        )
        session.add(complaint)
        session.flush()
        session.add_all(ComplaintItem(complaint_id=complaint.id, item_id=i) for i in item_ids)
        ledger.append(
            session,
            custody.Action.COMPLAINT_ADDED,
            at=now,
            lender_id=lender_row.id,
            payload={
                "complaint_id": complaint.id,
                "channel": complaint.channel,
                "filed_on": filed_on.isoformat(),
                "reference": complaint.reference,
                "status": complaint.status,
                "next_follow_up": next_follow_up.isoformat() if next_follow_up else None,
                "notes": complaint.notes,
                "items": list(item_ids),
            },
        )
        session.flush()
        return _dto(session, complaint, lender_row.name)


def update_complaint(
    vault: OpenVault,
    complaint_id: int,
    *,
    status: str | None = None,
    reference: str | None = None,
    next_follow_up: date | None = None,
    clear_follow_up: bool = False,
    notes: str | None = None,
    add_items: Iterable[str] = (),
    remove_items: Iterable[str] = (),
) -> ComplaintDTO:
    """Change a complaint; only real changes are recorded (old and new value) in custody.

    ``None`` leaves a field as it is; an empty ``reference`` or ``notes`` clears it,
    and ``clear_follow_up`` removes the follow-up date.
    """
    now = datetime.now(UTC)
    with vault.sessions() as session, session.begin():
        complaint = session.get(Complaint, complaint_id)
        if complaint is None:
            raise UnknownComplaintError(f"There is no complaint {complaint_id} in this vault.")
        changes = _field_changes(
            complaint,
            status,
            reference,
            notes,
            None if clear_follow_up else next_follow_up,
            clear_follow_up or next_follow_up is not None,
        )
        changes.update(_link_changes(session, complaint.id, add_items, remove_items))
        if not changes:
            raise ComplaintValueError(f"Nothing would change in complaint {complaint.id}.")
        complaint.updated_at = now
        ledger.append(
            session,
            custody.Action.COMPLAINT_UPDATED,
            at=now,
            lender_id=complaint.lender_id,
            payload={"complaint_id": complaint.id, "changes": changes},
        )
        session.flush()
        lender_name = session.scalar(select(Lender.name).where(Lender.id == complaint.lender_id))
        return _dto(session, complaint, str(lender_name))


def _field_changes(
    complaint: Complaint,
    status: str | None,
    reference: str | None,
    notes: str | None,
    follow_up: date | None,
    follow_up_given: bool,
) -> dict[str, JSONValue]:
    changes: dict[str, JSONValue] = {}
    if status is not None and _status(status).value != complaint.status:
        changes["status"] = {"from": complaint.status, "to": _status(status).value}
        complaint.status = _status(status).value
    if reference is not None and _clean(reference) != complaint.reference:
        changes["reference"] = {"from": complaint.reference, "to": _clean(reference)}
        complaint.reference = _clean(reference)
    if notes is not None and _clean(notes) != complaint.notes:
        changes["notes"] = {"from": complaint.notes, "to": _clean(notes)}
        complaint.notes = _clean(notes)
    if follow_up_given and follow_up != complaint.next_follow_up:
        old = complaint.next_follow_up
        changes["next_follow_up"] = {
            "from": old.isoformat() if old else None,
            "to": follow_up.isoformat() if follow_up else None,
        }
        complaint.next_follow_up = follow_up
    return changes


def _link_changes(
    session: Session, complaint_id: int, add_items: Iterable[str], remove_items: Iterable[str]
) -> dict[str, JSONValue]:
    linked = _linked(session, complaint_id)
    to_remove = set(remove_items)
    unknown = sorted(to_remove - set(linked))
    if unknown:
        raise ComplaintValueError(f"Item {unknown[0]} is not linked to complaint {complaint_id}.")
    added = [i for i in _checked_items(session, add_items) if i not in linked]
    removed = sorted(to_remove)
    session.add_all(ComplaintItem(complaint_id=complaint_id, item_id=i) for i in added)
    for item_id in removed:
        link = session.get(ComplaintItem, (complaint_id, item_id))
        if link is not None:
            session.delete(link)
    changes: dict[str, JSONValue] = {}
    if added:
        changes["items_added"] = list(added)
    if removed:
        changes["items_removed"] = list(removed)
    return changes


# A complaint in one of these states still waits on the channel (or on the user).
OPEN_STATUSES = frozenset({Status.DRAFT, Status.FILED, Status.ACKNOWLEDGED, Status.IN_PROGRESS})


def is_overdue(complaint: ComplaintDTO, today: date) -> bool:
    """Its follow-up date has passed (before ``today``) while it is still open."""
    follow = complaint.next_follow_up
    return follow is not None and follow < today and complaint.status in OPEN_STATUSES


def is_due(complaint: ComplaintDTO, today: date) -> bool:
    """Its follow-up is today, and it is still open."""
    return complaint.next_follow_up == today and complaint.status in OPEN_STATUSES


def overdue(vault: OpenVault, today: date, lender: str | None = None) -> list[ComplaintDTO]:
    """The open complaints whose follow-up date has passed, the longest overdue first."""
    late = [c for c in complaints(vault, lender) if is_overdue(c, today)]
    return sorted(late, key=lambda c: (c.next_follow_up or today, c.id))


def complaints(vault: OpenVault, lender: str | None = None) -> list[ComplaintDTO]:
    """Complaints, newest filing first (all lenders when ``lender`` is None)."""
    with vault.sessions() as session:
        query = select(Complaint, Lender.name).join(Lender, Lender.id == Complaint.lender_id)
        if lender is not None:
            query = query.where(Complaint.lender_id == _lender(session, lender).id)
        rows = session.execute(query.order_by(Complaint.filed_on.desc(), Complaint.id.desc()))
        return [_dto(session, complaint, name) for complaint, name in rows.all()]


def _lender(session: Session, name: str) -> Lender:
    lender = session.scalar(select(Lender).where(Lender.name == name.strip()))
    if lender is None:
        raise UnknownLenderError(f"There is no lender named {name!r} in this vault.")
    return lender


def _checked_items(session: Session, items: Iterable[str]) -> list[str]:
    wanted = list(dict.fromkeys(items))
    for item_id in wanted:
        if (
            session.scalar(select(Item.id).where(Item.id == item_id, Item.purged_at.is_(None)))
            is None
        ):
            raise UnknownItemError(f"There is no item {item_id!r} in this vault.")
    return wanted


def _linked(session: Session, complaint_id: int) -> list[str]:
    return list(
        session.scalars(
            select(ComplaintItem.item_id)
            .where(ComplaintItem.complaint_id == complaint_id)
            .order_by(ComplaintItem.item_id)
        )
    )


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def _dto(session: Session, complaint: Complaint, lender: str) -> ComplaintDTO:
    return ComplaintDTO(
        id=complaint.id,
        lender=lender,
        channel=complaint.channel,
        filed_on=complaint.filed_on,
        reference=complaint.reference,
        status=complaint.status,
        next_follow_up=complaint.next_follow_up,
        notes=complaint.notes,
        item_ids=tuple(_linked(session, complaint.id)),
        created_at=complaint.created_at,
        updated_at=complaint.updated_at,
    )


__all__ = [
    "OPEN_STATUSES",
    "Channel",
    "ComplaintValueError",
    "Status",
    "UnknownComplaintError",
    "add_complaint",
    "complaints",
    "is_due",
    "is_overdue",
    "overdue",
    "update_complaint",
]
