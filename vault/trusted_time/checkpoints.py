"""Signed Merkle checkpoints: one root over every item and note, made after each import
batch and each note.

Every item, and every note (leaf id ``note-<id>``, the SHA-256 of the file it becomes in
a bundle, the time it was written: :mod:`vault.note_file`), gets a fixed position (leaf
index) in an append-only RFC 9162 tree the first time a checkpoint covers it; new ones
go at the end, items in import order, then notes in the order they were written. A vault
made before notes were leaves keeps its checkpoints: its notes join at the end. A checkpoint is
a small canonical JSON statement naming the vault, the tree size and root, the time and
the previous checkpoint, signed as OpenSSH SSHSIG (namespace ``evidence-vault``) with the
vault's Ed25519 key, so a receiver checks it with ``ssh-keygen -Y verify``. Before a new
checkpoint is stored, the stored leaves are hashed again and a consistency proof from the
last checkpoint's root to the new one is checked (RFC 9162 §2.1.4): a changed, removed
or reordered item stops the checkpoint instead of being silently re-signed.

The exact bytes of leaves and statements are defined in docs/trusted-time.md.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, String, insert, select, type_coerce
from sqlalchemy.orm import Session

from vault import custody, merkle, sshsig
from vault.custody import JSONValue, canonical_json, ledger
from vault.db.base import metadata
from vault.db.models import Item, Note
from vault.db.trusted_time import (
    Checkpoint,
    CheckpointLeaf,
    CheckpointNoteLeaf,
    StampQueueEntry,
)
from vault.dto import CheckpointDTO
from vault.errors import VaultError
from vault.note_file import NOTE_ID_PREFIX, note_item_id, note_sha256
from vault.times import format_utc
from vault.trusted_time.statement import NAMESPACE, STATEMENT_TYPE, leaf_bytes

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from vault.handle import OpenVault

logger = logging.getLogger(__name__)

_LEAVES = metadata.tables[CheckpointLeaf.__tablename__]
_NOTE_LEAVES = metadata.tables[CheckpointNoteLeaf.__tablename__]


class CheckpointError(VaultError):
    """A checkpoint cannot be made or does not hold."""

    code = "checkpoint"
    exit_code = 1


class CheckpointInconsistentError(CheckpointError):
    code = "checkpoint_inconsistent"


def create_checkpoint(vault: OpenVault, *, at: datetime | None = None) -> CheckpointDTO | None:
    """Checkpoint every item not yet covered; return it, or None when nothing is new.

    Runs in one transaction: leaf positions, the signed statement, its queue entry for a
    timestamp and the ``checkpoint`` custody event are stored together or not at all.
    """
    now = at or datetime.now(UTC)
    key = vault.keys.signing_key
    with vault.sessions() as session, session.begin():
        latest = session.scalar(select(Checkpoint).order_by(Checkpoint.id.desc()).limit(1))
        rows = _leaf_rows(session)
        new_items = session.execute(
            select(Item.id, Item.sha256, _imported_text())
            .outerjoin(CheckpointLeaf, CheckpointLeaf.item_id == Item.id)
            .where(CheckpointLeaf.item_id.is_(None))
            .order_by(Item.imported_at, Item.id)
        ).all()
        new_notes = session.execute(
            select(Note.id, Note.text, type_coerce(Note.created_at, String))
            .outerjoin(CheckpointNoteLeaf, CheckpointNoteLeaf.note_id == Note.id)
            .where(CheckpointNoteLeaf.note_id.is_(None))
            .order_by(Note.created_at, Note.id)
        ).all()
        if (
            not new_items
            and not new_notes
            and (not rows or (latest is not None and latest.tree_size == len(rows)))
        ):
            return None
        start = len(rows)
        if new_items:
            session.connection().execute(
                insert(_LEAVES),
                [{"item_id": r[0], "leaf_index": start + n} for n, r in enumerate(new_items)],
            )
        start += len(new_items)
        if new_notes:
            session.connection().execute(
                insert(_NOTE_LEAVES),
                [{"note_id": r[0], "leaf_index": start + n} for n, r in enumerate(new_notes)],
            )
        fresh = [(r[0], r[1], r[2]) for r in new_items] + [_note_leaf(*r) for r in new_notes]
        hashes = merkle.hash_leaves(leaf_bytes(*row) for row in [*rows, *fresh])
        root = merkle.root(hashes)
        previous: dict[str, JSONValue] | None = None
        proof: list[bytes] = []
        if latest is not None:
            _check_signed(latest, key.public_key())
            proof = _consistent_with(latest, hashes, root)
            previous = {
                "checkpoint": latest.id,
                "tree_size": latest.tree_size,
                "root": latest.root,
                "statement_sha256": hashlib.sha256(latest.statement).hexdigest(),
            }
        number = (latest.id if latest else 0) + 1
        document: dict[str, JSONValue] = {
            "type": STATEMENT_TYPE,
            "vault_id": vault.info.vault_id,
            "checkpoint": number,
            "tree_size": len(hashes),
            "root": root.hex(),
            "created_at": format_utc(now),
            "signer": sshsig.fingerprint(key.public_key()),
            "previous": previous,
            "consistency_proof": [p.hex() for p in proof],
        }
        statement = canonical_json(document) + b"\n"
        signature = sshsig.sign(key, statement, NAMESPACE)
        row = Checkpoint(
            id=number,
            created_at=now,
            tree_size=len(hashes),
            root=root.hex(),
            statement=statement,
            signature=signature,
        )
        session.add(row)
        session.add(
            StampQueueEntry(checkpoint_id=number, queued_at=now, attempts=0, next_attempt_at=now)
        )
        ledger.append(
            session,
            custody.Action.CHECKPOINT,
            at=now,
            payload={
                "checkpoint": number,
                "tree_size": len(hashes),
                "root": root.hex(),
                "statement_sha256": hashlib.sha256(statement).hexdigest(),
            },
        )
        logger.info("checkpoint %d over %d items", number, len(hashes))
        return _dto(row)


def checkpoints(vault: OpenVault) -> list[CheckpointDTO]:
    with vault.sessions() as session:
        return [_dto(c) for c in session.scalars(select(Checkpoint).order_by(Checkpoint.id))]


def leaf_hashes(session: Session, tree_size: int | None = None) -> list[bytes]:
    """The leaf hashes of the vault's tree in leaf order (its first ``tree_size`` leaves)."""
    rows = _leaf_rows(session, tree_size)
    return merkle.hash_leaves(leaf_bytes(*row) for row in rows)


def leaf_indexes(session: Session, item_ids: Iterable[str]) -> dict[str, int]:
    """Leaf index by id, for the ids that have one (items, and notes as ``note-<id>``)."""
    wanted: list[str] = []
    notes: dict[int, str] = {}
    for item_id in item_ids:
        number = item_id.removeprefix(NOTE_ID_PREFIX)
        if number != item_id and number.isdigit():
            notes[int(number)] = item_id
        else:
            wanted.append(item_id)
    found: dict[str, int] = {}
    note_ids = list(notes)
    for start in range(0, len(note_ids), 500):
        numbers = note_ids[start : start + 500]
        for note_id, index in session.execute(
            select(CheckpointNoteLeaf.note_id, CheckpointNoteLeaf.leaf_index).where(
                CheckpointNoteLeaf.note_id.in_(numbers)
            )
        ):
            found[notes[note_id]] = index
    for chunk in range(0, len(wanted), 500):
        part = wanted[chunk : chunk + 500]
        for item_id, index in session.execute(
            select(CheckpointLeaf.item_id, CheckpointLeaf.leaf_index).where(
                CheckpointLeaf.item_id.in_(part)
            )
        ):
            found[item_id] = index
    return found


def _imported_text() -> ColumnElement[str]:
    """``imported_at`` as stored: already the leaf's UTC text form (vault.db.models)."""
    return type_coerce(Item.imported_at, String)


def _note_leaf(note_id: int, text: str, created_utc: str) -> tuple[str, str, str]:
    return note_item_id(note_id), note_sha256(text), created_utc


def _leaf_rows(session: Session, limit: int | None = None) -> list[tuple[str, str, str]]:
    """``(id, sha256, imported_at UTC text)`` of every leaf, items and notes, in leaf order."""
    items = select(Item.id, Item.sha256, _imported_text(), CheckpointLeaf.leaf_index).join(
        CheckpointLeaf, CheckpointLeaf.item_id == Item.id
    )
    notes = select(
        Note.id, Note.text, type_coerce(Note.created_at, String), CheckpointNoteLeaf.leaf_index
    ).join(CheckpointNoteLeaf, CheckpointNoteLeaf.note_id == Note.id)
    if limit is not None:
        items = items.where(CheckpointLeaf.leaf_index < limit)
        notes = notes.where(CheckpointNoteLeaf.leaf_index < limit)
    rows = [(r[3], (r[0], r[1], r[2])) for r in session.execute(items)]
    rows += [(r[3], _note_leaf(r[0], r[1], r[2])) for r in session.execute(notes)]
    rows.sort(key=lambda row: row[0])
    if any(index != n for n, (index, _) in enumerate(rows)):
        raise CheckpointInconsistentError(
            "The positions of the vault's items in its Merkle tree have gaps; run a vault check."
        )
    return [leaf for _, leaf in rows]


def _check_signed(row: Checkpoint, key: Ed25519PublicKey) -> None:
    try:
        sshsig.verify(row.signature, row.statement, NAMESPACE, key)
    except sshsig.SignatureError:
        raise CheckpointInconsistentError(
            f"Checkpoint {row.id} no longer matches its signature; run a vault check."
        ) from None


def _consistent_with(latest: Checkpoint, hashes: list[bytes], root: bytes) -> list[bytes]:
    old_root = bytes.fromhex(latest.root)
    if latest.tree_size > len(hashes):
        raise CheckpointInconsistentError(
            f"Checkpoint {latest.id} covers {latest.tree_size} items but only {len(hashes)} "
            "are left in the tree; run a vault check."
        )
    proof = merkle.consistency_proof(hashes, latest.tree_size)
    if not merkle.verify_consistency(latest.tree_size, len(hashes), old_root, root, proof):
        raise CheckpointInconsistentError(
            f"The vault's items no longer match checkpoint {latest.id}: an item's hash, "
            "id or import time was changed; run a vault check."
        )
    return proof


def _dto(row: Checkpoint) -> CheckpointDTO:
    return CheckpointDTO(
        id=row.id,
        created_at=row.created_at,
        tree_size=row.tree_size,
        root=row.root,
        statement=row.statement,
        signature=row.signature,
    )
