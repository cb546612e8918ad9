"""SM3 of stored items, derived after the import, off its critical path.

SHA-256 binds an item's content at intake: the custody log, the Merkle leaves and a
bundle's ``SHA256SUMS`` all rest on it. SM3 (GB/T 32905) is what Chinese receivers
quote, a convenience derived afterwards from the stored blob: the blob is decrypted and
SHA-256 and SM3 are computed over the same plaintext in one pass; only when that
SHA-256 and the size are the ones recorded at import is the SM3 recorded, so it provably
belongs to the imported bytes.

Recording is one transaction per group of items: each row's ``sm3`` and one
``sm3_computed`` custody event (its payload names the SM3, the SHA-256 it was checked
against and the engine that computed it) commit together, so a crash at any moment
leaves an item with both or with neither, and the next pass computes what is missing.
A row that already has its SM3 is never overwritten.

This module holds the steps (which items wait, hashing a blob, recording); the use case
that runs them over a vault is :func:`vault.importing.fill_sm3`, and the export computes
the SM3 of what it writes itself (:mod:`vault.bundle.export`).
"""

from __future__ import annotations

import logging
import ssl
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from vault import custody
from vault.age import AgeReader, Identity
from vault.custody import CustodyEventDTO, ledger
from vault.db.models import Item
from vault.hashing import SHA256, SM3, ParallelHasher, SerialHasher
from vault.store import BlobStore

logger = logging.getLogger(__name__)

READ_SIZE = 1 << 20
PARALLEL_FROM = 4 << 20  # from this size SHA-256 and SM3 run on threads of their own
ENGINE = ssl.OPENSSL_VERSION  # hashlib's SM3 is OpenSSL's


@dataclass(frozen=True, slots=True)
class PendingSm3:
    """An item whose SM3 is still to be computed, and what its blob must match."""

    item_id: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class ComputedSm3:
    item_id: str
    sha256: str
    sm3: str


def pending(session: Session, item_ids: Iterable[str] | None = None) -> list[PendingSm3]:
    """Items (of ``item_ids``, or all) whose blob is kept and whose SM3 is not recorded."""
    query = select(Item.id, Item.sha256, Item.size).where(
        Item.sm3.is_(None), Item.purged_at.is_(None)
    )
    if item_ids is not None:
        query = query.where(Item.id.in_(list(item_ids)))
    rows = session.execute(query.order_by(Item.imported_at, Item.id))
    return [PendingSm3(str(i), str(sha), int(size)) for i, sha, size in rows]


def blob_digests(
    reader: AgeReader, algorithms: Sequence[str], *, cancel: threading.Event | None = None
) -> tuple[dict[str, str], int]:
    """Hex digests of the plaintext ``reader`` yields, and its length, in one pass.

    ``cancel`` is looked at between blocks; once set, the pass stops with
    :class:`InterruptedError`.
    """
    large = reader.size >= PARALLEL_FROM
    hasher: SerialHasher | ParallelHasher = (
        ParallelHasher(algorithms, READ_SIZE) if large else SerialHasher(algorithms)
    )
    length = 0
    try:
        while block := reader.read(READ_SIZE):
            if cancel is not None and cancel.is_set():
                raise InterruptedError("the SM3 pass was cancelled")
            hasher.update(memoryview(block))
            length += len(block)
    finally:
        digests = hasher.hexdigests()
    return digests, length


def compute(
    store: BlobStore,
    identities: list[Identity],
    todo: PendingSm3,
    *,
    cancel: threading.Event | None = None,
) -> ComputedSm3 | None:
    """Decrypt ``todo``'s blob and return its SM3, checked against its import SHA-256.

    None when the blob's SHA-256 or size differ: no SM3 is recorded for other bytes than
    the imported ones (``evault check`` reports that blob). Raises ``AgeError`` or
    ``OSError`` when it cannot be read.
    """
    with store.open(todo.item_id, identities) as reader:
        digests, length = blob_digests(reader, (SHA256, SM3), cancel=cancel)
    if digests[SHA256] != todo.sha256 or length != todo.size:
        logger.warning("a blob no longer matches its SHA-256; no SM3 recorded for it")
        return None
    return ComputedSm3(todo.item_id, todo.sha256, digests[SM3])


def record(
    session: Session, computed: Sequence[ComputedSm3], now: datetime
) -> list[CustodyEventDTO]:
    """Store each SM3 still missing and its ``sm3_computed`` event (nothing committed).

    An item that got its SM3 meanwhile (another pass, an export) or whose SHA-256 is no
    longer the one the SM3 was checked against is left as it is. Returns the events.
    """
    events: list[ledger.NewEvent] = []
    for result in computed:
        changed = session.execute(
            update(Item)
            .where(Item.id == result.item_id, Item.sm3.is_(None), Item.sha256 == result.sha256)
            .values(sm3=result.sm3)
            .execution_options(synchronize_session=False)
        )
        if getattr(changed, "rowcount", 0) != 1:
            continue
        events.append(
            ledger.NewEvent(
                custody.Action.SM3_COMPUTED,
                now,
                {"sm3": result.sm3, "sha256": result.sha256, "engine": ENGINE},
                item_id=result.item_id,
            )
        )
    return ledger.append_many(session, events)
