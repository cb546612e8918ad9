"""``evault backup``: an incremental, verified, atomic copy of the vault into DEST.

The steps, and why a run stopped at any of them leaves DEST's previous backup whole, are
in the package's docstring. :func:`make_backup` is three steps, which the window runs
on two threads so that the vault stays readable while a backup runs: the quick first
one that reads the vault's database (:func:`stage_backup`) on its database worker, the
long copying and reading back (:func:`copy_backup`) beside it, and the publishing with
the custody event (:func:`publish_backup`) on the database worker again.

A published backup always has its custody event: :func:`publish_backup` appends it in
the database transaction that is open while DEST's new state is put in place, and
commits it once that is done. The vault's lock runs on the same database worker, so it
comes before that step (the vault is locked, nothing is published, DEST keeps its
previous backup) or after it (the backup and its event are both there), never between.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from vault import custody
from vault.age import X25519Identity
from vault.custody import ledger
from vault.db.session import open_database, snapshot
from vault.errors import UsageError, VaultError
from vault.fsutil import sync_file_system
from vault.handle import DATABASE_FILE, VAULT_JSON, NotAVaultError, OpenVault, read_info
from vault.keys import IDENTITY_FILE
from vault.lock import LOCK_FILE, VaultLock, acquire
from vault.portable import fsync_dir
from vault.safekeeping import layout, readback, retention
from vault.safekeeping.copying import Blob, copy_file, damage_of, prepare_read_back
from vault.safekeeping.readback import ReadBackChildren
from vault.store import BlobStore
from vault.times import format_utc

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class BackupDestinationError(UsageError):
    code = "backup_destination"


class BackupCancelledError(VaultError):
    code = "backup_cancelled"
    exit_code = 130


class BackupCopyError(VaultError):
    """A copy read back from DEST is not what the vault holds: nothing was published."""

    code = "backup_copy_failed"
    exit_code = 1


@dataclass(frozen=True)
class BackupReport:
    destination: Path
    at: datetime
    items: int  # live items the new snapshot names
    copied: int  # blobs copied by this run (new ones and repaired ones)
    bytes_copied: int
    repaired: tuple[str, ...]  # sentences: copies in DEST found damaged and copied again
    snapshot: str
    snapshots_kept: int
    chain_seq: int
    chain_head: str

    def to_json(self) -> dict[str, object]:
        return {
            "destination": str(self.destination),
            "at": format_utc(self.at),
            "items": self.items,
            "copied": self.copied,
            "bytes_copied": self.bytes_copied,
            "repaired": list(self.repaired),
            "snapshot": self.snapshot,
            "snapshots_kept": self.snapshots_kept,
            "retention": retention.RULE,
            "chain_seq": self.chain_seq,
            "chain_head": self.chain_head,
        }


def make_backup(
    vault: OpenVault,
    dest: Path,
    *,
    verify_all: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    now: datetime | None = None,
) -> BackupReport:
    """Back ``vault`` up into ``dest`` (a new folder, an empty one, or its earlier backup).

    ``verify_all`` reads every copy already in DEST in full as well (otherwise each one's
    size is compared with the vault's file, and a rotating share is opened: header MAC
    and final chunk, see ``ROTATION``). Copies found damaged are copied again and
    named in the report. Raises :class:`BackupCopyError` when a new copy does not read
    back as the item (DEST then keeps its previous backup).

    The backup's custody event is appended to the vault's log. It is
    :func:`stage_backup` (the database snapshot), :func:`copy_backup` (the copies) and
    :func:`publish_backup`, which a caller with a database thread runs on two threads.
    """
    staged = stage_backup(vault, dest, now=now)
    copied = copy_backup(staged, verify_all=verify_all, progress=progress, cancel=cancel)
    return publish_backup(vault, copied)


@dataclass(frozen=True)
class StagedBackup:
    """A backup whose database snapshot is taken: what :func:`copy_backup` needs.

    It holds DEST's lock (given back by :func:`publish_backup`, or by
    :func:`copy_backup` when that fails) and no handle on the vault's database, so the
    copying can run on any thread while the vault is used.
    """

    source: Path  # the vault folder
    destination: Path
    at: datetime
    database_key: bytes = field(repr=False)
    identity: X25519Identity = field(repr=False)
    held: VaultLock = field(repr=False)

    @property
    def staged_db(self) -> Path:
        return layout.incoming_dir(self.destination) / DATABASE_FILE


def stage_backup(vault: OpenVault, dest: Path, *, now: datetime | None = None) -> StagedBackup:
    """Check DEST, take its lock and snapshot the vault's database into it (quick: the
    only step that reads the vault's database). :func:`copy_backup` must follow."""
    dest = Path(os.path.abspath(dest))
    _check_destination(vault, dest)
    layout.make_dir(dest)
    with _running_guard:
        if str(dest) in _running:
            raise BackupDestinationError(f"A backup to {dest} is already under way.")
        held = acquire(dest)
        _running.add(str(dest))
    try:
        for where in (layout.folder(dest), layout.snapshots_dir(dest)):
            layout.make_dir(where)
        incoming = layout.incoming_dir(dest)
        shutil.rmtree(incoming, ignore_errors=True)  # temp copies of an interrupted run
        layout.make_dir(incoming)
        staged = StagedBackup(
            source=Path(os.path.abspath(vault.info.path)),
            destination=dest,
            at=now or datetime.now(UTC),
            database_key=vault.keys.database_key,
            identity=vault.keys.identity,
            held=held,
        )
        snapshot(vault.engine, staged.database_key, staged.staged_db)
    except BaseException:
        _let_go(dest, held)
        raise
    return staged


@dataclass(frozen=True)
class CopiedBackup:
    """A staged backup whose copies are in DEST's ``incoming/``, read back and durable:
    what :func:`publish_backup` makes DEST's backup. It still holds DEST's lock."""

    staged: StagedBackup
    copied: tuple[Blob, ...]
    items: int  # live items the snapshot names
    bytes_copied: int
    repaired: tuple[str, ...]
    chain_seq: int
    chain_head: str


def copy_backup(
    staged: StagedBackup,
    *,
    verify_all: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> CopiedBackup:
    """Copy and read back what DEST lacks of a staged backup (see :func:`make_backup`);
    it touches the vault's files, never its database. When it fails DEST's lock is
    given back; else :func:`publish_backup` must follow."""
    try:
        return _copy(staged, verify_all, progress, cancel)
    except BaseException:
        _let_go(staged.destination, staged.held)
        raise


def publish_backup(vault: OpenVault, copied: CopiedBackup) -> BackupReport:
    """Make the copies DEST's backup and append its custody event to ``vault``, in one
    step (see the module docstring); DEST's lock is given back, whatever happens.

    A vault locked since the copying began raises
    :class:`~vault.handle.VaultLockedError` before anything is published.
    """
    staged = copied.staged
    try:
        with vault.sessions() as session, session.begin():
            name = _publish(staged, list(copied.copied))
            kept = _apply_retention(staged.destination)
            report = BackupReport(
                destination=staged.destination,
                at=staged.at,
                items=copied.items,
                copied=len(copied.copied),
                bytes_copied=copied.bytes_copied,
                repaired=copied.repaired,
                snapshot=name,
                snapshots_kept=kept,
                chain_seq=copied.chain_seq,
                chain_head=copied.chain_head,
            )
            _append_event(session, report)
    finally:
        _let_go(staged.destination, staged.held)
    logger.info("backup made: %d blobs copied", report.copied)
    return report


# DEST folders a backup of this process is writing: DEST's lock is shared within a
# process (vault.lock), so a second backup to the same folder is refused here.
_running_guard = threading.Lock()
_running: set[str] = set()


def _let_go(dest: Path, held: VaultLock) -> None:
    with _running_guard:
        _running.discard(str(dest))
        held.release()


def _append_event(session: Session, report: BackupReport) -> None:
    """The backup's custody event (when, where, how many items, the chain head)."""
    ledger.append(
        session,
        custody.Action.VAULT_BACKED_UP,
        at=report.at,
        payload={
            "to": str(report.destination),
            "items": report.items,
            "copied": report.copied,
            "snapshot": report.snapshot,
            "chain_seq": report.chain_seq,
            "chain_head": report.chain_head,
        },
    )


def _check_destination(vault: OpenVault, dest: Path) -> None:
    source = Path(os.path.abspath(vault.info.path))
    if layout.is_backup(source):
        raise BackupDestinationError(
            "This folder is itself a backup; restore it (evault restore) and back up that vault."
        )
    if dest == source or source in dest.parents or dest in source.parents:
        raise BackupDestinationError(
            "The backup folder must be outside the vault folder, and not contain it."
        )
    if not dest.exists():
        return
    if not dest.is_dir():
        raise BackupDestinationError(f"{dest} is a file, not a folder.")
    if (dest / VAULT_JSON).exists():
        try:
            info = read_info(dest)
        except NotAVaultError:
            raise BackupDestinationError(
                f"{dest} holds a damaged vault; choose another folder."
            ) from None
        if info.vault_id != vault.info.vault_id:
            raise BackupDestinationError(
                f"{dest} holds another vault; choose an empty folder for this one."
            )
        if not layout.is_backup(dest):
            raise BackupDestinationError(f"{dest} is a vault in use, not a backup of it.")
        return
    if {entry.name for entry in dest.iterdir()} - _FIRST_BACKUP_LEAVES:
        raise BackupDestinationError(
            f"{dest} is not empty and holds no backup of this vault; choose an empty folder."
        )


# What a first backup stopped before its vault.json leaves: DEST may go on from there.
_FIRST_BACKUP_LEAVES = frozenset({layout.FOLDER, "blobs", IDENTITY_FILE, DATABASE_FILE, LOCK_FILE})


def _copy(
    staged: StagedBackup,
    verify_all: bool,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> CopiedBackup:
    dest, key, staged_db = staged.destination, staged.database_key, staged.staged_db
    incoming = layout.incoming_dir(dest)
    blobs, seq, head = _snapshot_contents(staged_db, key)
    identities = [staged.identity]
    store, copies = BlobStore(staged.source), BlobStore(dest)
    present = set(copies.iter_ids())
    limit = layout.size_limit(dest)
    to_copy: list[Blob] = []
    repaired: list[str] = []
    rotation = len(layout.snapshot_names(dest)) % ROTATION
    total = len(blobs)
    for done, blob in enumerate(blobs):
        _step(progress, cancel, done, total * 2)
        if blob.item_id not in present:
            to_copy.append(blob)
            continue
        copy = copies.path_for(blob.item_id)
        damage = None
        if verify_all or _slot(blob.item_id) == rotation:
            damage = damage_of(copy, identities, blob, full=verify_all)
        source_size = _size(store.path_for(blob.item_id))
        if damage is None and source_size not in (None, _size(copy)):
            damage = "its size differs from the vault's file"
        if damage is not None:
            repaired.append(f"The copy of item {blob.item_id} in the backup was damaged: {damage}.")
            to_copy.append(blob)
    targets = [incoming / f"{blob.item_id}.age" for blob in to_copy]
    written = _copy_and_read_back(
        [store.path_for(blob.item_id) for blob in to_copy],
        to_copy,
        targets,
        staged.identity,
        limit,
        lambda done: _step(
            progress, cancel, total + done * total // max(2 * len(to_copy), 1), total * 2
        ),
    )
    sync_file_system(dest, targets)  # durable, with their folder, before any is published
    _step(progress, cancel, total * 2, total * 2)
    return CopiedBackup(
        staged=staged,
        copied=tuple(to_copy),
        items=len(blobs),
        bytes_copied=written,
        repaired=tuple(repaired),
        chain_seq=seq,
        chain_head=head,
    )


# Copies already in DEST: every run compares each one's size with the vault's file (a
# truncated or grown copy is found at once) and opens one in ROTATION of them (header
# MAC, final chunk), a different share each run, so all are opened every ROTATION runs
# without a second backup reading the whole stick; --verify-all reads all in full.
ROTATION = 8


def _slot(item_id: str) -> int:
    return sum(item_id.encode("ascii")) % ROTATION


# Copies read back on threads of this process below this many bytes to copy, in child
# processes from it where there are at least two cores (vault.safekeeping.readback):
# decryption holds the GIL, so threads decrypt at one core's speed, while a child costs
# a process start (about 0.1 s of a core).
CHILDREN_FROM = 64 << 20
THREADS = 2
# Copies prepared for reading back (prepare_read_back: their first block asked of the
# device) ahead of the checks that read them, so that one copy's read from the device
# overlaps another's decryption; a bound on what that holds in the page cache.
AHEAD = 8


class _ReadBackThreads:
    """Copies read back on threads of this process (a small backup, or two cores)."""

    def __init__(self, identities: list[X25519Identity]) -> None:
        self._identities = identities
        self._threads = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="read-back")

    def submit(self, blob: Blob, target: Path, ready: Future[None]) -> Future[str | None]:
        return self._threads.submit(self._check, blob, target, ready)

    def _check(self, blob: Blob, target: Path, ready: Future[None]) -> str | None:
        ready.result()
        return damage_of(target, self._identities, blob, full=True)

    def close(self) -> None:
        self._threads.shutdown(wait=True, cancel_futures=True)


class _ReadBack:
    """Each copy prepared for reading back (:func:`prepare_read_back`) in the order of
    :meth:`submit` on one thread, at most :data:`AHEAD` ahead of the checks, then checked
    by ``checks``; :meth:`submit` returns the check's future."""

    def __init__(self, checks: _ReadBackThreads | ReadBackChildren) -> None:
        self._checks = checks
        self._ahead = threading.BoundedSemaphore(AHEAD)
        self._closed = False
        self._preparing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-back-ahead")

    def submit(self, blob: Blob, target: Path) -> Future[str | None]:
        ready = self._preparing.submit(self._prepare, target)
        check = self._checks.submit(blob, target, ready)
        check.add_done_callback(lambda _: self._let_one_more())
        return check

    def _prepare(self, target: Path) -> None:
        self._ahead.acquire()
        if self._closed:
            return
        with contextlib.suppress(OSError):  # advisory: the check finds a missing copy
            prepare_read_back(target)

    def _let_one_more(self) -> None:
        with contextlib.suppress(ValueError):  # released by close already
            self._ahead.release()

    def close(self) -> None:
        self._closed = True
        for _ in range(AHEAD):  # a preparation waiting for its turn goes on, and ends
            self._let_one_more()
        self._preparing.shutdown(wait=True, cancel_futures=True)
        self._checks.close()


def _copy_and_read_back(
    sources: list[Path],
    blobs: list[Blob],
    targets: list[Path],
    identity: X25519Identity,
    limit: int | None,
    step: Callable[[int], None],
) -> int:
    """Copy each blob into ``targets`` and read every copy back from the device; the
    first that is not its item stops it. Returns the bytes written.

    Copies are read back while the next ones are written: copying is the kernel's
    (sendfile) and the device's work, reading back is device reads, decryption and
    SHA-256, so the two overlap, and the next copies' reads are asked of the device
    while one is decrypted (:class:`_ReadBack`). From :data:`CHILDREN_FROM` bytes on, on
    a machine of two cores or more, the reading back is done in child processes, one
    per core, so the decryption uses them all; else on :data:`THREADS` threads. A bad
    copy, or a child that stopped, stops the copying as soon as it is known; it and a
    cancel drop the reads not begun.
    """
    children = sum(_size(source) or 0 for source in sources) >= CHILDREN_FROM
    readers = _ReadBack(
        ReadBackChildren(identity)
        if children and readback.CHILDREN >= 2
        else _ReadBackThreads([identity])
    )
    written, count, answered = 0, len(blobs), 0
    try:
        checks: list[Future[str | None]] = []
        for done, (source, blob, target) in enumerate(zip(sources, blobs, targets, strict=True)):
            step(done)
            written += copy_file(source, target, limit=limit, durable=False)
            checks.append(readers.submit(blob, target))
            while answered < len(checks) and checks[answered].done():  # a bad one stops it now
                _stop_if_damaged(blobs[answered], checks[answered].result())
                answered += 1
        for done, (blob, check) in enumerate(zip(blobs, checks, strict=True)):
            damage = check.result()
            step(count + done)
            _stop_if_damaged(blob, damage)
    finally:
        readers.close()
    return written


def _stop_if_damaged(blob: Blob, damage: str | None) -> None:
    if damage is not None:
        raise BackupCopyError(
            f"The copy of item {blob.item_id} did not read back as the item ({damage}); the "
            "backup folder keeps its previous backup. Run evault check on the vault."
        )


def _step(progress: Progress | None, cancel: threading.Event | None, done: int, total: int) -> None:
    if cancel is not None and cancel.is_set():
        raise BackupCancelledError("The backup was cancelled; the backup folder is as it was.")
    if progress is not None:
        progress(done, total)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _snapshot_contents(db: Path, key: bytes) -> tuple[list[Blob], int, str]:
    """The live items' blobs the snapshot names, and its custody head (seq, hash)."""
    engine = open_database(db, key)
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, sha256, size FROM items WHERE purged_at IS NULL ORDER BY id"
            ).all()
            head = conn.exec_driver_sql("SELECT seq, hash FROM custody_head WHERE id = 1").first()
    finally:
        engine.dispose()
    blobs = [Blob(str(r[0]), str(r[1]), int(r[2])) for r in rows]
    return blobs, int(head[0]) if head else 0, str(head[1]) if head else ""


def _publish(staged: StagedBackup, copied: list[Blob]) -> str:
    """Make the verified copies DEST's backup; ``vault.db``'s rename is the last step."""
    dest, source, staged_db = staged.destination, staged.source, staged.staged_db
    copies = BlobStore(dest)
    ids = {blob.item_id for blob in copied}
    if ids:
        layout.write_pending(dest, layout.pending_ids(dest) | ids)
    incoming = layout.incoming_dir(dest)
    layout.make_dir(copies.root)
    for item_id in sorted(ids):
        final = copies.path_for(item_id)
        if not final.parent.is_dir():
            layout.make_dir(final.parent)
        os.replace(incoming / f"{item_id}.age", final)
    sync_file_system(dest, [copies.path_for(i) for i in sorted(ids)])
    _copy_public(source, dest, IDENTITY_FILE)
    name = _snapshot_name(dest, staged.at)
    kept = layout.snapshots_dir(dest) / name
    copy_file(staged_db, kept)
    fsync_dir(kept.parent)
    os.replace(staged_db, dest / DATABASE_FILE)
    _copy_public(source, dest, VAULT_JSON)  # last: a first backup is a vault from here on
    fsync_dir(dest)
    layout.clear_pending(dest)
    return name


def _copy_public(source: Path, dest: Path, name: str) -> None:
    target = layout.incoming_dir(dest) / name
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    copy_file(source / name, target)
    os.replace(target, dest / name)


def _snapshot_name(dest: Path, at: datetime) -> str:
    stem = at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    name, number = f"{stem}{layout.SNAPSHOT_SUFFIX}", 1
    while (layout.snapshots_dir(dest) / name).exists():
        name, number = f"{stem}-{number}{layout.SNAPSHOT_SUFFIX}", number + 1
    return name


def _apply_retention(dest: Path) -> int:
    names = layout.snapshot_names(dest)
    keep = retention.kept(names)
    for name in names:
        if name not in keep:
            with contextlib.suppress(FileNotFoundError):
                (layout.snapshots_dir(dest) / name).unlink()
    return len(keep)
