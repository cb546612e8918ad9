"""Lenders: the platforms whose collectors the user documents, with their numbers.

Every change is one custody event in the same transaction as the change
(``lender_added``, ``lender_updated``), so ``evault check`` can replay a lender's
name, app, company, loan reference, notes and numbers from the log.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vault import custody
from vault.custody import ledger
from vault.db.backup import BackupEvent
from vault.db.models import Item, Lender, LenderNumber
from vault.dto import LenderDTO
from vault.errors import UsageError
from vault.phones import canonical, normalize, stored_spellings

if TYPE_CHECKING:
    from vault.handle import OpenVault


class LenderExistsError(UsageError):
    code = "lender_exists"


class UnknownLenderError(UsageError):
    code = "unknown_lender"


def add_lender(
    vault: OpenVault,
    name: str,
    *,
    numbers: Iterable[str] = (),
    app: str | None = None,
    company: str | None = None,
    loan_ref: str | None = None,
    notes: str | None = None,
) -> LenderDTO:
    name = name.strip()
    if not name:
        raise UsageError("A lender needs a name.")
    normalized = sorted({normalize(n) for n in numbers})
    with vault.sessions() as session, session.begin():
        if session.scalar(select(Lender.id).where(Lender.name == name)) is not None:
            raise LenderExistsError(f"A lender named {name!r} already exists.")
        now = datetime.now(UTC)
        lender = Lender(
            name=name,
            app=app,
            company=company,
            loan_ref=loan_ref,
            notes=notes,
            created_at=now,
            numbers=[LenderNumber(number=n) for n in normalized],
        )
        session.add(lender)
        session.flush()
        payload: dict[str, object] = {
            "name": name,
            "numbers": list(normalized),
            "app": app,
            "company": company,
            "loan_ref": loan_ref,
            "notes": notes,
        }
        ledger.append(
            session,
            custody.Action.LENDER_ADDED,
            at=now,
            lender_id=lender.id,
            payload=payload,
        )
        return lender_dto(session, lender)


def add_lender_numbers(vault: OpenVault, name: str, numbers: Iterable[str]) -> LenderDTO:
    normalized = sorted({normalize(n) for n in numbers})
    with vault.sessions() as session, session.begin():
        lender = lender_by_name(session, name)
        known = {canonical(n.number) for n in lender.numbers}  # earlier versions' forms too
        added = [n for n in normalized if n not in known]
        lender.numbers.extend(LenderNumber(number=n) for n in added)
        ledger.append(
            session,
            custody.Action.LENDER_UPDATED,
            at=datetime.now(UTC),
            lender_id=lender.id,
            payload={"added_numbers": added},
        )
        return lender_dto(session, lender)


def set_lender_company(vault: OpenVault, name: str, company: str) -> LenderDTO:
    """Record the lender's company (被投诉机构全称); logged as lender_updated, old and new."""
    company = company.strip()
    if not company:
        raise UsageError("The company's full name is empty.")
    with vault.sessions() as session, session.begin():
        lender = lender_by_name(session, name)
        if company != lender.company:
            ledger.append(
                session,
                custody.Action.LENDER_UPDATED,
                at=datetime.now(UTC),
                lender_id=lender.id,
                payload={"company": {"from": lender.company, "to": company}},
            )
            lender.company = company
        return lender_dto(session, lender)


def list_lenders(vault: OpenVault) -> list[LenderDTO]:
    with vault.sessions() as session:
        rows = session.scalars(select(Lender).order_by(Lender.name)).all()
        return [lender_dto(session, lender) for lender in rows]


def lender_id_of(vault: OpenVault, name: str) -> int:
    with vault.sessions() as session:
        return lender_by_name(session, name).id


def rename_lender(vault: OpenVault, old_name: str, new_name: str) -> LenderDTO:
    """Give a lender a new name; items and notes follow; logged as lender_updated."""
    new_name = new_name.strip()
    if not new_name:
        raise UsageError("A lender needs a name.")
    with vault.sessions() as session, session.begin():
        lender = lender_by_name(session, old_name)
        if new_name == lender.name:
            return lender_dto(session, lender)
        if session.scalar(select(Lender.id).where(Lender.name == new_name)) is not None:
            raise LenderExistsError(f"A lender named {new_name!r} already exists.")
        previous = lender.name
        lender.name = new_name
        ledger.append(
            session,
            custody.Action.LENDER_UPDATED,
            at=datetime.now(UTC),
            lender_id=lender.id,
            payload={"renamed": {"from": previous, "to": new_name}},
        )
        return lender_dto(session, lender)


def lender_by_name(session: Session, name: str) -> Lender:
    lender = session.scalar(select(Lender).where(Lender.name == name.strip()))
    if lender is None:
        raise UnknownLenderError(f"There is no lender named {name!r} in this vault.")
    return lender


def lender_dto(session: Session, lender: Lender) -> LenderDTO:
    moment = func.coalesce(Item.incident_at, Item.captured_at)
    count, first, last = session.execute(
        select(func.count(Item.id), func.min(moment), func.max(moment)).where(
            Item.lender_id == lender.id, Item.withdrawn_at.is_(None), Item.purged_at.is_(None)
        )
    ).one()
    return LenderDTO(
        id=lender.id,
        name=lender.name,
        app=lender.app,
        company=lender.company,
        loan_ref=lender.loan_ref,
        numbers=tuple(n.number for n in lender.numbers),
        agencies=tuple(lender.agencies or ()),
        notes=lender.notes,
        item_count=int(count or 0),
        first_at=first,
        last_at=last,
    )


def assign_number(vault: OpenVault, lender: str, numbers: Iterable[str]) -> tuple[LenderDTO, int]:
    """Add collector numbers to ``lender``; returns it and how many backup events now follow.

    The change is a ``lender_updated`` custody event (via the vault's lender update).
    """
    wanted = sorted({normalize(n) for n in numbers})
    if not wanted:
        raise UsageError("Give at least one phone number to assign.")
    with vault.sessions() as session:
        lender_by_name(session, lender)
    updated = add_lender_numbers(vault, lender, wanted)
    with vault.sessions() as session:
        count = session.scalar(
            select(func.count(BackupEvent.id)).where(
                BackupEvent.number.in_(stored_spellings(wanted))
            )
        )
    return updated, int(count or 0)
