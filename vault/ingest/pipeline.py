"""The import pipeline: each file is read once, hashed while it is encrypted.

Per file, on a worker thread: open, sniff the first bytes, read capture metadata
(bounded reads), then one streaming pass computes SHA-256 while the age writer
encrypts into a temp blob, which is fsynced, renamed to its final name and its folder
fsynced. SM3 is not on this path: it is derived later from the stored blob
(:mod:`vault.ingest.sm3`). Files are then committed in groups: one database transaction stores the
group's items and their custody events (:mod:`vault.ingest.record`). A crash at any
point leaves complete items or orphan blobs (which ``check --repair`` moves to
quarantine), never a row without its blob. Bad files are refused and the batch goes on:
each refusal carries the error's ``code`` (the window shows its translated sentence) and
an English ``reason`` (the CLI's and JSON's). ``cancel`` stops between files.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import io
import logging
import os
import stat
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, cast
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from vault.age import AgeReader, Identity, Recipient
from vault.db.models import Item
from vault.dto import ImportProgress, ImportReport, ImportResult, ImportStatus
from vault.errors import VaultError
from vault.fsutil import display_name, open_regular
from vault.hashing import SHA256, SM3, ParallelHasher, SerialHasher
from vault.ingest.capture import Capture, read_capture
from vault.ingest.kinds import EmptyFileError
from vault.ingest.record import NewItem, record_items
from vault.portable import pread
from vault.store import BlobStore, StagedBlob, new_item_id

logger = logging.getLogger(__name__)

GROUP_FILES = 64  # files per durable group commit
GROUP_BYTES = 256 << 20
HEAD_BYTES = 4096
# Files staged at once. A durable write is mostly waiting for fsync, and the disk takes
# many concurrent fsyncs far faster than the same fsyncs one after another (see the
# floor in bench/import_throughput.py), so small files are staged several at a time;
# but every thread more contends for the GIL (each file releases it about 35 times):
# on two cores, 4 threads staged 1,000 screenshots at 376-489 files/s where 16 did
# 343-414 (bench/import_throughput.py, runs alternated), with half the context switches.
STAGING_WORKERS = min(16, 2 * (os.cpu_count() or 1))
IN_FLIGHT = 64  # files submitted ahead of the group commit, so staging goes on during it
SMALL_FILE = 4 << 20  # up to this size a file is staged on one thread
LARGE_AT_ONCE = 4  # large files staged at once (each holds a few batches): flat memory
_LARGE_SLOTS = threading.BoundedSemaphore(LARGE_AT_ONCE)
BATCH_BYTES = 1 << 20

ProgressCallback = Callable[[ImportProgress], None]


@dataclass(frozen=True)
class ImportContext:
    """What the pipeline needs from an unlocked vault."""

    store: BlobStore
    recipient: Recipient
    sessions: sessionmaker[Session]
    content_key: bytes
    tz: ZoneInfo
    hashes: tuple[str, ...] = (SHA256,)  # SM3 comes later: vault.ingest.sm3


@dataclass
class _Staged:
    path: Path
    blob: StagedBlob
    capture: Capture
    sha256: str
    sm3: str | None
    content_key: str


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and every file under named folders (sorted).

    Symbolic links are never followed: a link (to a folder, a file, or a loop) found in
    a folder is yielded like a file, so the import refuses it with its reason instead of
    skipping it silently. A folder that cannot be listed yields nothing.
    """
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            for root, dirs, files in os.walk(path):
                links = [name for name in dirs if os.path.islink(os.path.join(root, name))]
                dirs[:] = sorted(name for name in dirs if name not in links)
                for name in sorted([*files, *links]):
                    yield Path(root) / name
        else:
            yield path


def content_key(key: bytes, sha256_hex: str) -> str:
    """Keyed hash used to find duplicates without storing a searchable content hash."""
    return hmac.new(key, bytes.fromhex(sha256_hex), hashlib.sha256).hexdigest()


def import_files(
    ctx: ImportContext,
    paths: Iterable[Path],
    *,
    lender_id: int | None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import ``paths`` (files, folders recursively); one result per file, in order.

    Files are staged by a few worker threads at once (hashing, encryption and fsync
    release the GIL), and committed by this thread in groups, in input order.
    """
    files = list(expand(paths))
    sizes = [_size_or_zero(p) for p in files]
    total_bytes = sum(sizes)
    results: list[ImportResult] = []
    group: list[_Staged] = []
    seen: dict[str, str] = {}  # content key -> item id, within this batch
    done_bytes = 0
    in_flight: deque[tuple[int, Future[_Staged]]] = deque()

    def report(index: int, current: Path | None) -> None:
        if progress is not None:
            progress(ImportProgress(index, len(files), done_bytes, total_bytes, current))

    reached = 0  # files taken from the queue, in order: each has its result
    with ThreadPoolExecutor(STAGING_WORKERS, thread_name_prefix="import") as pool:
        next_index = 0
        while next_index < len(files) or in_flight:
            cancelled = cancel is not None and cancel.is_set()
            if cancelled:  # files not begun yet are not begun at all
                for _, waiting in in_flight:
                    waiting.cancel()
            while not cancelled and next_index < len(files) and len(in_flight) < IN_FLIGHT:
                staging = pool.submit(_stage_one, ctx, files[next_index], cancel)
                in_flight.append((next_index, staging))
                next_index += 1
            if not in_flight:
                results.extend(ImportResult(p, ImportStatus.CANCELLED) for p in files[next_index:])
                break
            index, future = in_flight.popleft()
            report(index, files[index])
            reached = index + 1
            outcome = _outcome(files[index], future)
            if isinstance(outcome, ImportResult):
                results.append(outcome)
            elif (earlier := seen.get(outcome.content_key)) is not None:
                ctx.store.discard(outcome.blob)
                results.append(
                    ImportResult(outcome.path, ImportStatus.DUPLICATE, duplicate_of=earlier)
                )
            else:
                seen[outcome.content_key] = outcome.blob.item_id
                group.append(outcome)
            if not (isinstance(outcome, ImportResult) and outcome.status is ImportStatus.CANCELLED):
                done_bytes += sizes[index]  # a file abandoned on Cancel is not counted done
            if len(group) >= GROUP_FILES or sum(s.blob.size for s in group) >= GROUP_BYTES:
                results.extend(_commit(ctx, group, lender_id))
                group = []
    results.extend(_commit(ctx, group, lender_id))
    report(reached, None)  # after a cancel, the files never begun are not counted
    order = {p: i for i, p in enumerate(files)}
    results.sort(key=lambda r: order.get(r.path, 0))
    return ImportReport(tuple(results))


def import_stream(
    ctx: ImportContext,
    src: BinaryIO,
    name: str,
    identity: Identity,
    *,
    lender_id: int | None,
    mtime: float | None = None,
) -> ImportResult:
    """Import one file that arrives as a stream (an upload) under the name ``name``.

    The stream is read once, hashed while it is encrypted into a temp blob; its capture
    metadata is then read back from that blob (decrypted in memory, by random access),
    so no plaintext reaches the disk and a container whose index is at its end is read
    as well as a file. ``mtime`` is the modification time the sender gave, if any. An
    error while reading the stream (an interrupted upload) removes the temp blob and is
    raised; a file the pipeline refuses is a ``refused`` result, as for a path.
    """
    item_id = new_item_id()
    hasher = ParallelHasher(ctx.hashes, BATCH_BYTES)
    try:
        blob = ctx.store.stage(item_id, src, ctx.recipient, hasher.update, threads=True)
    finally:
        digests = hasher.hexdigests()
    path = Path(name)
    try:
        capture = _blob_capture(ctx, blob, path, identity, mtime)
    except VaultError as error:
        ctx.store.discard(blob)
        return ImportResult(path, ImportStatus.REFUSED, reason=str(error), code=error.code)
    except BaseException:
        ctx.store.discard(blob)
        raise
    ctx.store.publish(blob)
    ctx.store.sync([item_id])
    sha256 = digests[SHA256]
    staged = _Staged(
        path, blob, capture, sha256, digests.get(SM3), content_key(ctx.content_key, sha256)
    )
    return _commit(ctx, [staged], lender_id)[0]


def _blob_capture(
    ctx: ImportContext, blob: StagedBlob, path: Path, identity: Identity, mtime: float | None
) -> Capture:
    if blob.size == 0:
        raise EmptyFileError("The file is empty.")
    with io.BufferedReader(AgeReader(blob.temp_path, [identity])) as plain:
        head = plain.read(HEAD_BYTES)
        plain.seek(0)
        return read_capture(path, head, ctx.tz, opened=plain, mtime=mtime, named_file=False)


def _outcome(path: Path, future: Future[_Staged]) -> _Staged | ImportResult:
    """The staged file, or its refusal: the error's code (the window's sentence) and its
    English sentence (the CLI's)."""
    try:
        return future.result()
    except (CancelledError, _Cancelled):
        return ImportResult(path, ImportStatus.CANCELLED)
    except VaultError as error:
        refusal = error
    except OSError as error:
        refusal = _os_refusal(error)
    return ImportResult(path, ImportStatus.REFUSED, reason=str(refusal), code=refusal.code)


def _size_or_zero(path: Path) -> int:
    try:
        info = path.lstat()
    except OSError:
        return 0
    return info.st_size if stat.S_ISREG(info.st_mode) else 0


# errno values that mean the vault's disk refused the write, not that the source is bad
_WRITE_REFUSED = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS}


_GONE = {errno.ENOENT, errno.ENOTDIR}


class RefusedFileError(VaultError):
    """A file the import could not take; the subclasses say why."""

    code = "import_refused"


class WriteRefusedError(RefusedFileError):
    """The vault's disk is full or refuses the write: the source file is not at fault."""

    code = "import_write_refused"


class UnreadableFileError(RefusedFileError):
    """The source file could not be read (permission denied, an I/O error)."""

    code = "import_unreadable"


class MissingFileError(UnreadableFileError):
    """The source file is gone (moved or deleted after it was chosen)."""

    code = "import_missing"


def _os_refusal(error: OSError) -> RefusedFileError:
    reason = error.strerror or type(error).__name__
    if error.errno in _WRITE_REFUSED:
        return WriteRefusedError(
            f"The vault could not store the file: its disk is full or refuses the write "
            f"({reason}). Nothing of it was kept; free some space and import it again."
        )
    if error.errno in _GONE:
        return MissingFileError(f"The file could not be read: {reason}.")
    return UnreadableFileError(f"The file could not be read: {reason}.")


class _Cancelled(Exception):
    pass


class _StopOnCancel(io.RawIOBase):
    """The source of a file being staged, which stops when the import is cancelled.

    A large recording in flight is abandoned at its next batch (its temp blob removed by
    the store) instead of finished, so Cancel takes effect within a second rather than
    after every file being staged is whole; files already staged are still committed.
    """

    def __init__(self, raw: io.RawIOBase, cancel: threading.Event | None) -> None:
        super().__init__()
        self._raw, self._cancel = raw, cancel

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        if self._cancel is not None and self._cancel.is_set():
            raise _Cancelled
        return self._raw.readinto(buffer)


def _stage_one(ctx: ImportContext, path: Path, cancel: threading.Event | None = None) -> _Staged:
    fd, info = open_regular(path)  # anything but a regular file: NotRegularFileError
    with os.fdopen(fd, "rb", buffering=0) as src:
        if info.st_size == 0:
            raise EmptyFileError("The file is empty.")
        head = pread(fd, HEAD_BYTES, 0)
        # The metadata readers get a buffered twin of the same open file (no reopening by
        # name, so nothing swapped in after the check is read); it shares the offset.
        with open(os.dup(fd), "rb") as twin:
            capture = read_capture(path, head, ctx.tz, opened=twin, mtime=info.st_mtime)
        src.seek(0)
        large = info.st_size > SMALL_FILE
        with _LARGE_SLOTS if large else contextlib.nullcontext():
            hasher: SerialHasher | ParallelHasher = (
                ParallelHasher(ctx.hashes, BATCH_BYTES) if large else SerialHasher(ctx.hashes)
            )
            try:
                blob = ctx.store.stage(
                    new_item_id(),
                    cast("BinaryIO", _StopOnCancel(src, cancel)),
                    ctx.recipient,
                    hasher.update,
                    threads=large,
                    size_hint=info.st_size,
                )
            finally:
                digests = hasher.hexdigests()
    # Published here, on the worker: the rename and the folder fsync overlap other
    # files' work. Until the group's transaction commits, the blob is an orphan that
    # check --repair would quarantine; it never becomes an item without its bytes.
    ctx.store.publish(blob)
    ctx.store.sync([blob.item_id])
    sha256 = digests[SHA256]
    return _Staged(
        path, blob, capture, sha256, digests.get(SM3), content_key(ctx.content_key, sha256)
    )


def _known(ctx: ImportContext, keys: list[str]) -> dict[str, str]:
    """Items already in the vault with these content keys: key -> item id."""
    with ctx.sessions() as session:
        rows = session.execute(select(Item.content_key, Item.id).where(Item.content_key.in_(keys)))
        return {str(key): item_id for key, item_id in rows}


def _commit(ctx: ImportContext, group: list[_Staged], lender_id: int | None) -> list[ImportResult]:
    if not group:
        return []
    known = _known(ctx, [s.content_key for s in group])
    duplicates = [s for s in group if s.content_key in known]
    for staged in duplicates:
        ctx.store.discard(staged.blob)
    group = [s for s in group if s.content_key not in known]
    results = [
        ImportResult(s.path, ImportStatus.DUPLICATE, duplicate_of=known[s.content_key])
        for s in duplicates
    ]
    if not group:
        return results
    now = datetime.now(UTC)
    try:
        with ctx.sessions() as session, session.begin():
            record_items(session, [_new_item(s) for s in group], lender_id, now)
    except BaseException:
        for staged in group:
            ctx.store.discard(staged.blob)
        raise
    logger.info("imported %d files", len(group))
    return results + [
        ImportResult(s.path, ImportStatus.IMPORTED, item_id=s.blob.item_id) for s in group
    ]


def _new_item(staged: _Staged) -> NewItem:
    return NewItem(
        item_id=staged.blob.item_id,
        original_name=display_name(staged.path.name),
        size=staged.blob.size,
        sha256=staged.sha256,
        sm3=staged.sm3,
        content_key=staged.content_key,
        capture=staged.capture,
    )
