"""The custody log as the vault's database stores it: append events, read them, walk them.

Appends run inside the caller's transaction, beside the change they record; the single
``custody_head`` row moves with each. The format of an event and its hash is
:mod:`vault.custody`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, func, insert, select, type_coerce, update
from sqlalchemy.orm import Session

from vault.custody import (
    ACTIONS,
    GENESIS_HASH,
    ChainProblem,
    ChainWalker,
    CustodyChainError,
    CustodyEventDTO,
    CustodyFormatError,
    UnknownActionError,
    canonical_json,
    checked_event,
    clean_payload,
    fields_hash,
)
from vault.db.models import CustodyEvent, CustodyHead
from vault.times import format_utc, parse_utc

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewEvent:
    """An event to append: everything but its place in the chain."""

    action: str
    at: datetime
    payload: Mapping[str, object]
    item_id: str | None = None
    lender_id: int | None = None


def append(
    session: Session,
    action: str,
    *,
    at: datetime,
    item_id: str | None = None,
    lender_id: int | None = None,
    payload: Mapping[str, object],
) -> CustodyEventDTO:
    """Append one event to the log and move the head, inside the session's transaction.

    Nothing is committed: the caller commits the event together with the change it
    records, so that either both are stored or neither. Pending ORM changes are flushed
    first, so the item or lender the event names exists. Run appends on the one
    database worker; a concurrent writer would fail on the sequence number, not fork
    the chain.
    """
    (dto,) = append_many(session, [NewEvent(action, at, payload, item_id, lender_id)])
    return dto


def append_many(session: Session, events: Sequence[NewEvent]) -> list[CustodyEventDTO]:
    """Append ``events`` in order with one read of the head and one batched insert.

    Same contract as :func:`append` (nothing committed); an import group records all
    its items this way.
    """
    prepared = []
    for event in events:
        if event.action not in ACTIONS:
            raise UnknownActionError(f"{event.action!r} is not a custody action.")
        clean = clean_payload(event.payload, 0)
        at_text = format_utc(event.at)  # refuses naive times before anything is written
        prepared.append((event, clean, at_text))
    if not prepared:
        return []
    session.flush()
    head = session.execute(
        select(CustodyHead.seq, CustodyHead.hash).where(CustodyHead.id == 1)
    ).one_or_none()
    last_seq = session.execute(select(func.max(CustodyEvent.seq))).scalar_one()
    if head is None:
        if last_seq is not None:
            raise CustodyChainError("The custody log has events but no head; run a vault check.")
        seq, prev = 0, GENESIS_HASH
    else:
        if last_seq is not None and last_seq > head.seq:
            raise CustodyChainError(
                "The custody log runs past its recorded head; run a vault check."
            )
        seq, prev = head.seq, head.hash
    dtos: list[CustodyEventDTO] = []
    rows: list[dict[str, object]] = []
    for event, clean, at_text in prepared:
        seq += 1
        at = parse_utc(at_text)
        digest = fields_hash(
            seq=seq,
            at=at,
            action=event.action,
            item_id=event.item_id,
            lender_id=event.lender_id,
            payload=clean,
            prev=prev,
        )
        dtos.append(
            CustodyEventDTO(
                seq=seq,
                at=at,
                action=event.action,
                item_id=event.item_id,
                lender_id=event.lender_id,
                payload=clean,
                prev_hash=prev,
                hash=digest,
            )
        )
        rows.append(
            {
                "seq": seq,
                "at": at,
                "action": event.action,
                "item_id": event.item_id,
                "lender_id": event.lender_id,
                "payload": canonical_json(clean).decode("utf-8"),
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    session.execute(insert(CustodyEvent), rows)
    last = dtos[-1]
    if head is None:
        session.execute(insert(CustodyHead).values(id=1, seq=last.seq, hash=last.hash))
    else:
        session.execute(
            update(CustodyHead).where(CustodyHead.id == 1).values(seq=last.seq, hash=last.hash)
        )
    logger.debug("custody events %d..%d appended", dtos[0].seq, last.seq)
    return dtos


# --- verifying --------------------------------------------------------------------------


def verify_chain(session: Session) -> list[ChainProblem]:
    """Walk every stored event in sequence order and the head; return every problem found.

    Rows are read as raw text and checked one by one, so a tampered row is reported
    rather than crashing the walk. Memory stays flat however long the log is.
    """
    walker = ChainWalker(complete=True)
    for row in event_rows(session):
        try:
            event = row_event(row)
        except CustodyFormatError:
            walker.malformed(row[0])
            continue
        walker.visit(event)
    head = session.execute(
        select(CustodyHead.seq, CustodyHead.hash).where(CustodyHead.id == 1)
    ).one_or_none()
    if head is None:
        walker.finish(expected_head=None, expected_seq=None, head_missing=True)
    else:
        walker.finish(expected_head=str(head[1]), expected_seq=head[0])
    if walker.problems:
        logger.warning("custody chain has %d problem(s)", len(walker.problems))
    return walker.problems


def iter_events(
    session: Session, *, item_id: str | None = None, lender_id: int | None = None
) -> Iterator[CustodyEventDTO]:
    """Stored events in sequence order, all of them or those naming an item or a lender.

    A row that cannot be read raises :class:`CustodyFormatError` (:func:`verify_chain`
    reports it instead).
    """
    conditions: list[ColumnElement[bool]] = []
    if item_id is not None:
        conditions.append(CustodyEvent.item_id == item_id)
    if lender_id is not None:
        conditions.append(CustodyEvent.lender_id == lender_id)
    for row in event_rows(session, *conditions):
        yield row_event(row)


def event_rows(session: Session, *conditions: ColumnElement[bool]) -> Iterable[Sequence[Any]]:
    # The time is read as raw text so that a tampered value becomes a reported
    # problem, not an exception inside the result processing.
    return session.execute(
        select(
            CustodyEvent.seq,
            type_coerce(CustodyEvent.at, String),
            CustodyEvent.action,
            CustodyEvent.item_id,
            CustodyEvent.lender_id,
            CustodyEvent.payload,
            CustodyEvent.prev_hash,
            CustodyEvent.hash,
        )
        .where(*conditions)
        .order_by(CustodyEvent.seq)
        .execution_options(yield_per=1000)
    )


def row_event(row: Sequence[Any]) -> CustodyEventDTO:
    seq, at, action, item_id, lender_id, payload_text, prev_hash, hash_ = row
    try:
        payload = json.loads(payload_text) if isinstance(payload_text, str) else None
    except (ValueError, RecursionError):
        raise CustodyFormatError(f"Custody event {seq} has a payload that is not JSON.") from None
    return checked_event(
        seq=seq,
        at=at,
        action=action,
        item_id=item_id,
        lender_id=lender_id,
        payload=payload,
        prev_hash=prev_hash,
        hash_=hash_,
    )


__all__ = ["NewEvent", "append", "append_many", "event_rows", "iter_events", "verify_chain"]
