"""The OCR queue: which images wait, reading them on every core, recording the text.

An image item (a screenshot or a photo) waits while it has no ``ocr_texts`` row, so an
import queues it just by recording it, whichever way it came in (files, the phone,
drag-and-drop), and a vault written before OCR existed has all its images waiting.
:func:`read_waiting` reads what waits with one Tesseract child process per core
(:mod:`vault.ocr.worker`): a thread per child decrypts one blob into memory and pipes it
to its child, which prepares and recognises it; the calling thread records
the results in groups, so an interrupted run keeps what it recorded and the next run
goes on from there. A row is never overwritten.

An image Tesseract cannot use (damaged, truncated) is recorded as unreadable, with no
text, and is not tried again; its blob stays exactly as it was imported. A blob that
cannot be decrypted is not recorded at all (``evault check`` is the place for that).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Select, exists, insert, select
from sqlalchemy.orm import Session

from vault.db.models import Item
from vault.db.ocr import READ, UNREADABLE, OcrRecord
from vault.errors import VaultError
from vault.ocr.engine import Engine, OcrFailedError, UnreadableImageError, find_engine
from vault.ocr.script import fold
from vault.ocr.worker import workers as tesseract_workers

if TYPE_CHECKING:
    from vault.handle import OpenVault

logger = logging.getLogger(__name__)

IMAGE_KINDS = ("screenshot", "photo")
GROUP_ITEMS = 20
GROUP_SECONDS = 5.0
MAX_BLOB = 256 << 20  # larger than any phone capture; not read into memory

Progress = Callable[[int, int], None]


class ImageReader(Protocol):
    """Anything that reads an image's text: a :class:`~vault.ocr.engine.Tesseract` in this
    process, or :class:`~vault.ocr.worker.Workers` in child processes."""

    def read(self, data: bytes) -> str: ...


@dataclass(frozen=True, slots=True)
class Reading:
    """What one image gave: its text, or why it has none."""

    item_id: str
    text: str | None
    problem: str | None = None  # one sentence, for an image recorded as unreadable


@dataclass(frozen=True, slots=True)
class OcrRun:
    """What a pass did: how many images it read, which it could not, what still waits."""

    read: int
    unreadable: tuple[Reading, ...]
    skipped: tuple[str, ...]  # blobs that could not be decrypted; not recorded
    waiting: int
    cancelled: bool


def waiting_query(item_ids: Iterable[str] | None = None) -> Select[tuple[str]]:
    query = select(Item.id).where(
        Item.kind.in_(IMAGE_KINDS),
        Item.purged_at.is_(None),
        ~exists().where(OcrRecord.item_id == Item.id),
    )
    if item_ids is not None:
        query = query.where(Item.id.in_(list(item_ids)))
    return query.order_by(Item.imported_at, Item.id)


def waiting(session: Session, item_ids: Iterable[str] | None = None) -> list[str]:
    """Image items (of ``item_ids``, or all) whose text has not been read yet."""
    return [str(i) for i in session.scalars(waiting_query(item_ids))]


def waiting_ids(vault: OpenVault, item_ids: Iterable[str] | None = None) -> list[str]:
    with vault.sessions() as session:
        return waiting(session, item_ids)


def read_item(vault: OpenVault, reader: ImageReader, item_id: str) -> Reading:
    """Decrypt one item into memory and read its text with ``reader`` (no plaintext file
    anywhere).

    Raises ``AgeError``/``OSError`` when the blob cannot be decrypted.
    """
    with vault.store.open(item_id, [vault.keys.identity]) as blob:
        if blob.size > MAX_BLOB:
            return Reading(item_id, None, "The image is too large to be read.")
        data = blob.pread(0, blob.size)
    try:
        return Reading(item_id, reader.read(data))
    except (UnreadableImageError, OcrFailedError) as error:
        return Reading(item_id, None, str(error))


def record(session: Session, engine: Engine, readings: Iterable[Reading], now: datetime) -> int:
    """Store each reading whose item has no row yet (nothing committed); returns how many."""
    stored = 0
    for reading in readings:
        if session.get(OcrRecord, reading.item_id) is not None:
            continue
        session.execute(
            insert(OcrRecord).values(
                item_id=reading.item_id,
                status=READ if reading.text is not None else UNREADABLE,
                text=reading.text,
                folded=fold(reading.text) if reading.text is not None else None,
                engine=engine.name,
                engine_version=engine.version,
                languages=engine.languages,
                read_at=now,
            )
        )
        stored += 1
    return stored


def record_readings(vault: OpenVault, engine: Engine, readings: list[Reading]) -> int:
    if not readings:
        return 0
    with vault.sessions() as session, session.begin():
        return record(session, engine, readings, datetime.now(UTC))


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def read_waiting(
    vault: OpenVault,
    item_ids: Iterable[str] | None = None,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> OcrRun:
    """Read every waiting image (of ``item_ids``, or all) and record the text.

    ``progress(done, total)`` is called on the calling thread; ``cancel`` stops the pass
    after the images being read (what was read is recorded). Raises
    :class:`~vault.ocr.engine.OcrEngineMissingError` before anything when Tesseract or
    a language is missing.
    """
    engine = find_engine()
    todo = waiting_ids(vault, item_ids)
    stop = cancel or threading.Event()
    read = 0
    unreadable: list[Reading] = []
    skipped: list[str] = []
    group: list[Reading] = []
    since = time.monotonic()
    if progress is not None:
        progress(0, len(todo))
    pool = _in_pool(vault, engine, todo, workers or default_workers(), stop)
    for done, (item_id, outcome) in enumerate(pool, start=1):
        if isinstance(outcome, BaseException):
            logger.warning("an image could not be decrypted for OCR: %s", type(outcome).__name__)
            skipped.append(item_id)
        else:
            group.append(outcome)
            if outcome.text is None:
                unreadable.append(outcome)
        if len(group) >= GROUP_ITEMS or time.monotonic() - since >= GROUP_SECONDS:
            read += record_readings(vault, engine, group)
            group, since = [], time.monotonic()
        if progress is not None:
            progress(done, len(todo))
    read += record_readings(vault, engine, group)
    return OcrRun(
        read=read - len(unreadable),
        unreadable=tuple(unreadable),
        skipped=tuple(skipped),
        waiting=len(waiting_ids(vault, item_ids)),
        cancelled=stop.is_set(),
    )


def _in_pool(
    vault: OpenVault, engine: Engine, todo: list[str], workers: int, cancel: threading.Event
) -> Iterator[tuple[str, Reading | BaseException]]:
    """Results as they finish, at most ``workers`` images in flight (one Tesseract child
    each); none started after ``cancel`` is set."""
    queue = iter(todo)
    workers = max(1, min(workers, len(todo)))
    with (
        tesseract_workers(engine, workers) as readers,
        ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool,
    ):
        running: dict[Future[Reading], str] = {}

        def fill() -> None:
            while len(running) < workers and not cancel.is_set():
                item_id = next(queue, None)
                if item_id is None:
                    return
                running[pool.submit(read_item, vault, readers, item_id)] = item_id

        fill()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                item_id = running.pop(future)
                error = future.exception()
                if error is not None and not isinstance(error, VaultError | OSError):
                    raise error
                yield item_id, error if error is not None else future.result()
            fill()
