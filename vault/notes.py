"""Notes: what the user writes down about a lender (a home visit, a threat by phone).

A note has the time it happened, in the vault's zone unless it says otherwise, and is
recorded whole in a ``note_added`` custody event, so ``evault check`` compares it. Once
written it is checkpointed like an import batch (a leaf of the vault's Merkle tree, see
:mod:`vault.trusted_time.checkpoints`), so a bundle can prove when it existed.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from vault import custody
from vault.custody import ledger
from vault.db.models import Note
from vault.dto import NoteDTO
from vault.errors import UsageError, VaultError
from vault.items import item_by_id
from vault.lenders import lender_by_name
from vault.times import offset_minutes
from vault.trusted_time.checkpoints import create_checkpoint

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from vault.handle import OpenVault


# A note travels whole in its custody event and in a bundle's manifest.json, whose single
# values a verifier bounds at 1 MiB; a hundred thousand characters is some forty pages.
MAX_NOTE_CHARS = 100_000


class NoteTooLongError(UsageError):
    code = "note_too_long"


def add_note(
    vault: OpenVault,
    lender: str,
    text: str,
    *,
    occurred_at: datetime | None = None,
    item_id: str | None = None,
) -> NoteDTO:
    """Write down a note about ``lender``, and about one of the vault's items when
    ``item_id`` is given (the evidence list then shows the note as that item's 内容)."""
    if not text.strip():
        raise UsageError("A note needs some text.")
    if len(text) > MAX_NOTE_CHARS:
        raise NoteTooLongError(
            f"A note holds at most {MAX_NOTE_CHARS:,} characters; split it into several notes."
        )
    now = datetime.now(UTC)
    moment = occurred_at or now.astimezone(vault.tz)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=vault.tz)  # a wall-clock time in the vault's zone
    offset = offset_minutes(moment)
    with vault.sessions() as session, session.begin():
        lender_row = lender_by_name(session, lender)
        if item_id is not None:
            item_by_id(session, item_id)  # an unknown or purged item is refused
        note = Note(
            lender_id=lender_row.id,
            item_id=item_id,
            text=text,
            occurred_at=moment,
            occurred_offset_min=offset,
            created_at=now,
        )
        session.add(note)
        session.flush()
        ledger.append(
            session,
            custody.Action.NOTE_ADDED,
            at=now,
            lender_id=lender_row.id,
            payload={
                "note_id": note.id,
                "occurred_at": moment.isoformat(),
                "text": text,
                **({"about_item": item_id} if item_id is not None else {}),
            },
        )
        added = NoteDTO(
            note.id, lender_row.name, text, note.occurred_at, offset, note.created_at, item_id
        )
    _checkpoint(vault)
    return added


def _checkpoint(vault: OpenVault) -> None:
    """Checkpoint the new note, never failing it: it is already committed; a checkpoint
    that cannot be made is logged and reported by ``evault stamp`` or ``evault check``."""
    try:
        create_checkpoint(vault)
    except VaultError as error:
        logger.warning("no checkpoint after the note: %s", error.code)


def list_notes(vault: OpenVault, lender: str) -> list[NoteDTO]:
    with vault.sessions() as session:
        lender_row = lender_by_name(session, lender)
        rows = session.scalars(
            select(Note).where(Note.lender_id == lender_row.id).order_by(Note.occurred_at)
        ).all()
        return [_dto(n, lender_row.name) for n in rows]


def _dto(note: Note, lender: str) -> NoteDTO:
    return NoteDTO(
        note.id,
        lender,
        note.text,
        note.occurred_at,
        note.occurred_offset_min,
        note.created_at,
        note.item_id,
    )
