"""RFC 3161 timestamps for checkpoints: the vault's TSA list and the offline queue.

Every checkpoint enters ``stamp_queue`` when it is made (vault.trusted_time.checkpoints); nothing
here runs during an import. :func:`stamp_pending` sends the newest waiting checkpoint's
statement to the TSAs in order until one gives a reply that passes every check
(vault.rfc3161.protocol), stores that reply (``.tsr``) with the certificates it carried and
a ``timestamp_received`` custody event, and marks older waiting checkpoints as
superseded: the tree only grows, so the newest root covers all their items. When no TSA
answers, the queue keeps the checkpoint with a growing back-off (one minute, doubling,
at most six hours) that ``evault stamp`` ignores: a user's explicit request always tries.

The network is used outside any database transaction, so a slow TSA never holds the
database.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from vault import custody
from vault.custody import ledger
from vault.db.trusted_time import Checkpoint, StampQueueEntry, TimestampToken
from vault.dto import StampReport, TimestampTokenDTO, TsaDTO
from vault.rfc3161.protocol import (
    DEFAULT_TIMEOUT,
    CheckedToken,
    check_url,
    first_token,
)
from vault.trusted_time.servers import roots_for, tsa_list

if TYPE_CHECKING:
    from vault.handle import OpenVault

logger = logging.getLogger(__name__)

FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)


# --- the queue --------------------------------------------------------------------------


def pending_count(vault: OpenVault) -> int:
    with vault.sessions() as session:
        return len(_pending(session))


def stamp_pending(
    vault: OpenVault,
    *,
    urls: Sequence[str] | None = None,
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    now: datetime | None = None,
) -> StampReport:
    """Send the newest waiting checkpoint to the TSAs (or ``urls``); see the module docstring.

    Without ``force``, nothing is sent before the queue's back-off time. Never raises
    for a TSA's fault: the reasons are in the report and in the queue.
    """
    moment = now or datetime.now(UTC)
    with vault.sessions() as session:
        waiting = _pending(session)
        if not waiting or (not force and min(e.next_attempt_at for e in waiting) > moment):
            return StampReport(stamped=(), failures=(), pending=len(waiting), attempted=False)
        target_id = waiting[-1].checkpoint_id
        statement = session.scalars(
            select(Checkpoint.statement).where(Checkpoint.id == target_id)
        ).one()
    listed = tsa_list(vault)
    tsas = [TsaDTO(check_url(u)) for u in urls] if urls else listed
    roots = roots_for(listed)
    answer = first_token(statement, [t.url for t in tsas], roots, timeout=timeout)
    failures = list(answer.failures)
    if not tsas:
        failures.append("No time-stamp server is configured; add one with evault tsa add URL.")
    with vault.sessions() as session, session.begin():
        waiting = [e for e in _pending(session) if e.checkpoint_id <= target_id]
        if answer.url is None or answer.token is None:
            for entry in waiting:
                entry.attempts += 1
                entry.next_attempt_at = moment + backoff(entry.attempts)
                entry.last_error = " ".join(failures)
            return StampReport((), tuple(failures), len(_pending(session)), attempted=True)
        stored = _store(session, target_id, answer.url, answer.token, moment)
        for entry in waiting:
            entry.done_at = moment
            entry.outcome = "stamped" if entry.checkpoint_id == target_id else "superseded"
        session.flush()
        return StampReport((stored,), tuple(failures), len(_pending(session)), attempted=True)


def backoff(attempts: int) -> timedelta:
    """How long the queue waits after ``attempts`` failed rounds (doubling, capped)."""
    delay: timedelta = FIRST_RETRY * (2 ** min(max(attempts - 1, 0), 16))
    return min(delay, LONGEST_RETRY)


def tokens(vault: OpenVault, checkpoint_id: int | None = None) -> list[TimestampTokenDTO]:
    with vault.sessions() as session:
        query = select(TimestampToken).order_by(TimestampToken.id)
        if checkpoint_id is not None:
            query = query.where(TimestampToken.checkpoint_id == checkpoint_id)
        return [_token_dto(t) for t in session.scalars(query)]


def last_error(vault: OpenVault) -> str | None:
    with vault.sessions() as session:
        waiting = _pending(session)
        return waiting[-1].last_error if waiting else None


def _pending(session: Session) -> list[StampQueueEntry]:
    return list(
        session.scalars(
            select(StampQueueEntry)
            .where(StampQueueEntry.done_at.is_(None))
            .order_by(StampQueueEntry.checkpoint_id)
        )
    )


def _store(
    session: Session, checkpoint_id: int, url: str, checked: CheckedToken, now: datetime
) -> TimestampTokenDTO:
    row = TimestampToken(
        checkpoint_id=checkpoint_id,
        tsa_url=url,
        tsa_name=checked.tsa_name,
        gen_time=checked.gen_time,
        received_at=now,
        serial=str(checked.serial),
        nonce=str(checked.nonce),
        response=checked.response,
        chain_pem=checked.chain_pem(),
    )
    session.add(row)
    session.flush()
    ledger.append(
        session,
        custody.Action.TIMESTAMP_RECEIVED,
        at=now,
        payload={
            "checkpoint": checkpoint_id,
            "tsa": url,
            "tsa_name": checked.tsa_name,
            "gen_time": checked.gen_time.isoformat(),
            "serial": str(checked.serial),
            "token_sha256": hashlib.sha256(checked.response).hexdigest(),
        },
    )
    return _token_dto(row)


def _token_dto(row: TimestampToken) -> TimestampTokenDTO:
    return TimestampTokenDTO(
        id=row.id,
        checkpoint_id=row.checkpoint_id,
        tsa_url=row.tsa_url,
        tsa_name=row.tsa_name,
        gen_time=row.gen_time,
        serial=row.serial,
    )
