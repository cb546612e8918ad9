"""Importing evidence: the one import use case (DESIGN.md §2).

:func:`import_paths` takes files and folders through the ingest pipeline
(:mod:`vault.ingest.pipeline`), except the "SMS Backup & Restore" XMLs among them
(recognised by :mod:`vault.ingest.kinds`), which go through the backup importer
(:mod:`vault.backup.importer`) as :func:`import_backup` takes one: their rows become
events, and the report has a :class:`~vault.dto.BackupImportReport` for each.
:func:`analyse_backup_item` records the rows of a backup XML an older vault stored as a
plain item. :func:`import_upload` takes one file arriving as a stream (from the phone,
:mod:`vault.receive`) the same two ways. A backup imported again is never a dead end: if its item was never
analysed, it is analysed now; if it is in the trash, it is restored. All end the same way:
a batch that stored something is covered by a signed Merkle checkpoint at once, and its
timestamp waits in the queue (:mod:`vault.trusted_time.stamping`), so no TSA can fail or slow an
import. This module is the only caller of either importer and the only place that makes
the checkpoint after an import.

The intake hashes with SHA-256 alone; :func:`fill_sm3` derives the SM3 afterwards from
the stored blobs (:mod:`vault.ingest.sm3`): the window runs it in the background after
an import, ``evault import`` runs it once the import is durable (``--defer-sm3`` leaves
it to the next pass), and the export computes what is still missing.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from vault.backup.importer import (
    DuplicateBackupError,
    analyse_stored_backup,
    backup_report,
    is_analysed,
    store_backup,
)
from vault.dto import (
    BackupImportReport,
    CheckpointDTO,
    ImportProgress,
    ImportReport,
    ImportResult,
    ImportStatus,
)
from vault.errors import VaultError
from vault.fsutil import open_regular
from vault.ingest import sm3
from vault.ingest.kinds import HEAD_SIZE, Family, detect
from vault.ingest.pipeline import (
    ImportContext,
    ProgressCallback,
    expand,
    import_files,
    import_stream,
)
from vault.items import get_item, restore_item
from vault.lenders import lender_id_of
from vault.portable import pread
from vault.trusted_time.checkpoints import create_checkpoint

if TYPE_CHECKING:
    from vault.handle import OpenVault

logger = logging.getLogger(__name__)

SM3_GROUP_SECONDS = 0.5  # a pass commits what it computed at least this often
SM3_GROUP_ITEMS = 64


def import_paths(
    vault: OpenVault,
    paths: Iterable[Path],
    *,
    lender: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import files and folders, hashed with SHA-256 only: their SM3 is left to
    :func:`fill_sm3` (run after the import, or by the export).

    A phone backup among them is imported as :func:`import_backup` does (its result is
    ``imported``, or ``duplicate`` when it was already there, with its
    :class:`BackupImportReport` in ``backups`` whenever its rows are in the vault); a
    malformed one is refused with its reason, and the other files go on. One
    checkpoint covers the whole batch.
    """
    lender_id = lender_id_of(vault, lender) if lender else None
    files = list(expand(paths))
    backups = [path for path in files if _is_backup(path)]
    others = [path for path in files if path not in set(backups)]
    context = _context(vault)
    done_bytes = total_bytes = done_files = 0

    def files_progress(step: ImportProgress) -> None:  # counted among all files, backups too
        nonlocal done_bytes, total_bytes, done_files
        done_bytes, total_bytes, done_files = step.bytes_done, step.bytes_total, step.files_done
        if progress is not None and step.current is not None:
            progress(dataclasses.replace(step, files_total=len(files)))

    report = import_files(
        context, others, lender_id=lender_id, progress=files_progress, cancel=cancel
    )
    results = list(report.results)
    reports: list[BackupImportReport] = []
    for index, path in enumerate(backups, start=len(others)):
        if cancel is not None and cancel.is_set():
            results.append(ImportResult(path, ImportStatus.CANCELLED))
            continue
        if progress is not None:
            progress(ImportProgress(index, len(files), done_bytes, total_bytes, path))
        result, backup = _one_backup(vault, path, lender)
        results.append(result)
        done_files = index + 1
        if backup is not None:
            reports.append(backup)
    if progress is not None:  # after a cancel, the files not taken in are not counted done
        stopped = any(r.status is ImportStatus.CANCELLED for r in results)
        taken = done_files if stopped else len(files)
        progress(ImportProgress(taken, len(files), done_bytes, total_bytes, None))
    order = {path: index for index, path in enumerate(files)}
    results.sort(key=lambda r: order.get(r.path, 0))
    if any(r.status is ImportStatus.IMPORTED for r in results) or reports:
        _checkpoint(vault)
    return ImportReport(tuple(results), tuple(reports))


def import_upload(
    vault: OpenVault,
    src: BinaryIO,
    name: str,
    *,
    lender: str | None = None,
    mtime: float | None = None,
) -> tuple[ImportResult, BackupImportReport | None]:
    """Import one file that arrives as a stream named ``name`` (an upload), read once.

    A phone backup (told by its first bytes) goes through the backup importer, anything
    else through the pipeline (:func:`vault.ingest.pipeline.import_stream`); either way
    nothing of it is on disk but its encrypted blob, and a stream that fails midway
    (raising from its read) leaves nothing and raises. ``mtime`` is the file's
    modification time as the sender gave it (seconds since the epoch), if any. A stored
    item is covered by a checkpoint at once.
    """
    head = _read_head(src)
    source = _Replayed(head, src)
    if head and detect(head, name).family is Family.BACKUP:
        result, backup = _one_backup(vault, source, lender, name)
    else:
        lender_id = lender_id_of(vault, lender) if lender else None
        result = import_stream(
            _context(vault),
            cast(BinaryIO, source),
            name,
            vault.keys.identity,
            lender_id=lender_id,
            mtime=mtime,
        )
        backup = None
    if result.status is ImportStatus.IMPORTED or backup is not None:
        _checkpoint(vault)
    return result, backup


def _context(vault: OpenVault) -> ImportContext:
    vault.check_writable()  # before a file is read: a backup looked at takes in nothing
    return ImportContext(
        store=vault.store,
        recipient=vault.keys.identity.recipient(),
        sessions=vault.session_factory,
        content_key=vault.keys.content_key,
        tz=vault.tz,
    )


def _read_head(src: BinaryIO) -> bytes:
    head = bytearray()
    while len(head) < HEAD_SIZE and (piece := src.read(HEAD_SIZE - len(head))):
        head += piece
    return bytes(head)


class _Replayed(io.RawIOBase):
    """A stream whose first bytes were already read: they come first, then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            count = min(len(view), len(self._head))
            view[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def import_backup(vault: OpenVault, path: Path, *, lender: str | None = None) -> BackupImportReport:
    """Store an "SMS Backup & Restore" XML as an item of ``lender``, its rows as events.

    The same backup again is no dead end: an earlier item of it that was never analysed
    (a file import of older versions stored it as a plain item) gets its rows now, and
    one in the trash is restored; either way the report says so (``existing``,
    ``restored``). Raises a malformed backup's error, or :class:`DuplicateBackupError`
    when the backup is already in the vault, analysed and not in the trash; the vault
    is then unchanged and no checkpoint is made.
    """
    report = _store_or_reuse(vault, path, lender)
    _checkpoint(vault)
    return report


def analyse_backup_item(
    vault: OpenVault, item_id: str, *, lender: str | None = None
) -> BackupImportReport:
    """Record the rows of backup item ``item_id`` (stored as a plain file) as its events.

    No second item is made; the rows are custody-logged and checkpointed. ``lender``
    is the lender whose known numbers the report counts (default: the item's own).
    Raises :class:`vault.backup.importer.BackupAlreadyAnalysedError` when its rows are
    already there, :class:`vault.backup.importer.NotABackupItemError` for another kind,
    or a malformed backup's error; the vault is then unchanged.
    """
    report = analyse_stored_backup(vault, item_id, lender=lender or _lender_of(vault, item_id))
    _checkpoint(vault)
    return report


def _lender_of(vault: OpenVault, item_id: str) -> str | None:
    return get_item(vault, item_id).lender


def _store_or_reuse(
    vault: OpenVault, path: Path | io.RawIOBase, lender: str | None, name: str | None = None
) -> BackupImportReport:
    try:
        return store_backup(vault, path, lender=lender, name=name)
    except DuplicateBackupError as duplicate:
        earlier = duplicate.item_id
        in_trash = get_item(vault, earlier).withdrawn
        analysed = is_analysed(vault, earlier)
        if analysed and not in_trash:
            raise
    if in_trash:
        restore_item(vault, earlier)
    if analysed:
        report = backup_report(vault, earlier, lender=lender)
    else:
        report = analyse_stored_backup(vault, earlier, lender=lender)
    return dataclasses.replace(report, existing=True, restored=in_trash)


def _one_backup(
    vault: OpenVault, source: Path | io.RawIOBase, lender: str | None, name: str | None = None
) -> tuple[ImportResult, BackupImportReport | None]:
    """A backup found among imported files (or uploaded as ``name``): its result, and its
    report if its rows are in."""
    path = source if isinstance(source, Path) else Path(name or "backup.xml")
    try:
        report = _store_or_reuse(vault, source, lender, name)
    except DuplicateBackupError as duplicate:
        return ImportResult(path, ImportStatus.DUPLICATE, duplicate_of=duplicate.item_id), None
    except VaultError as error:
        refused = ImportResult(path, ImportStatus.REFUSED, reason=str(error), code=error.code)
        return refused, None
    if report.existing:
        result = ImportResult(path, ImportStatus.DUPLICATE, duplicate_of=report.item_id)
    else:
        result = ImportResult(path, ImportStatus.IMPORTED, item_id=report.item_id)
    return result, report


def _is_backup(path: Path) -> bool:
    """Whether ``path`` is an "SMS Backup & Restore" XML, by its first bytes (as the
    pipeline's kinds tell); anything unreadable is left to the pipeline to refuse."""
    try:
        fd, _info = open_regular(path)
    except (OSError, VaultError):
        return False
    try:
        head = pread(fd, HEAD_SIZE, 0)
    except OSError:
        return False
    finally:
        os.close(fd)
    return bool(head) and detect(head, path.name).family is Family.BACKUP


def _checkpoint(vault: OpenVault) -> CheckpointDTO | None:
    """Checkpoint a batch that stored something, never failing the import.

    The items are already committed; a checkpoint that cannot be made is logged and
    reported by the next ``evault stamp`` or ``evault check``. No network is used here:
    the new checkpoint waits in the queue for ``stamp_pending``.
    """
    try:
        return create_checkpoint(vault)
    except VaultError as error:
        logger.warning("no checkpoint after the import: %s", error.code)
        return None


# --- SM3, after the import -------------------------------------------------------------


def pending_sm3(vault: OpenVault, item_ids: Iterable[str] | None = None) -> list[sm3.PendingSm3]:
    """The items (of ``item_ids``, or all) whose SM3 is still to be computed."""
    with vault.sessions() as session:
        return sm3.pending(session, item_ids)


def compute_sm3(
    vault: OpenVault, todo: sm3.PendingSm3, *, cancel: threading.Event | None = None
) -> sm3.ComputedSm3 | None:
    """The SM3 of one item's blob, checked against its SHA-256 (None if it no longer
    matches); no database is touched."""
    return sm3.compute(vault.store, [vault.keys.identity], todo, cancel=cancel)


def record_sm3(vault: OpenVault, computed: Sequence[sm3.ComputedSm3]) -> int:
    """Record computed SM3 values with their custody events (one transaction); returns
    how many were recorded (an item that got its SM3 meanwhile is left as it is)."""
    if not computed:
        return 0
    with vault.sessions() as session, session.begin():
        return len(sm3.record(session, computed, datetime.now(UTC)))


def fill_sm3(
    vault: OpenVault,
    item_ids: Iterable[str] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Compute and record every missing SM3 (of ``item_ids``, or all); returns how many.

    Committed in groups (at least every :data:`SM3_GROUP_SECONDS`), so an interrupted
    pass keeps what it recorded and the next one goes on from there. An item whose blob
    no longer matches its SHA-256 is skipped (``evault check`` reports it).
    """
    todo = pending_sm3(vault, item_ids)
    done: list[sm3.ComputedSm3] = []
    recorded = 0
    since = time.monotonic()
    for index, item in enumerate(todo):
        if cancel is not None and cancel.is_set():
            break
        if progress is not None:
            progress(index, len(todo))
        try:
            computed = compute_sm3(vault, item, cancel=cancel)
        except InterruptedError:
            break
        except (VaultError, OSError) as error:
            logger.warning("no SM3 for an item: %s", getattr(error, "code", type(error).__name__))
            continue
        if computed is not None:
            done.append(computed)
        if len(done) >= SM3_GROUP_ITEMS or time.monotonic() - since >= SM3_GROUP_SECONDS:
            recorded += record_sm3(vault, done)
            done, since = [], time.monotonic()
    recorded += record_sm3(vault, done)
    if progress is not None:
        progress(len(todo), len(todo))
    return recorded
