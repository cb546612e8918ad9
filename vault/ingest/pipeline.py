"""The import pipeline: each file is read once, hashed while it is encrypted.

Per file: open, sniff the first bytes, read capture metadata (bounded reads), then one
streaming pass computes SHA-256 and SM3 while the age writer encrypts into a temp blob,
which is fsynced. Files are committed in groups: the group's blobs are renamed to their
final names, their folders fsynced, and then one database transaction stores the items
and their custody events. A crash at any point leaves complete items or orphan blobs
(which ``check --repair`` removes), never a row without its blob. Bad files are
refused with a reason and the batch goes on; ``cancel`` stops between files.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from vault import custody
from vault.age import Recipient
from vault.db.models import Item
from vault.dto import ImportProgress, ImportReport, ImportResult, ImportStatus
from vault.errors import VaultError
from vault.ingest.capture import Capture, read_capture
from vault.store import BlobStore, StagedBlob, new_item_id

logger = logging.getLogger(__name__)

GROUP_FILES = 64  # files per durable group commit
GROUP_BYTES = 256 << 20
HEAD_BYTES = 4096

ProgressCallback = Callable[[ImportProgress], None]


@dataclass(frozen=True)
class ImportContext:
    """What the pipeline needs from an unlocked vault."""

    store: BlobStore
    recipient: Recipient
    sessions: sessionmaker[Session]
    content_key: bytes
    tz: ZoneInfo


@dataclass
class _Staged:
    path: Path
    blob: StagedBlob
    capture: Capture
    sha256: str
    sm3: str
    content_key: str


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and every file under named folders (sorted, no symlinks)."""
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
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
    files = list(expand(paths))
    sizes = [_size_or_zero(p) for p in files]
    total_bytes = sum(sizes)
    results: list[ImportResult] = []
    group: list[_Staged] = []
    seen: dict[str, str] = {}  # content key -> item id within this batch
    done_bytes = 0

    def report(index: int, current: Path | None) -> None:
        if progress is not None:
            progress(ImportProgress(index, len(files), done_bytes, total_bytes, current))

    for index, path in enumerate(files):
        if cancel is not None and cancel.is_set():
            results.extend(ImportResult(p, ImportStatus.CANCELLED) for p in files[index:])
            break
        report(index, path)
        try:
            staged = _stage_one(ctx, path)
        except VaultError as error:
            results.append(ImportResult(path, ImportStatus.REFUSED, reason=str(error)))
        except OSError as error:
            results.append(ImportResult(path, ImportStatus.REFUSED, reason=_os_reason(error)))
        else:
            earlier = seen.get(staged.content_key) or _existing(ctx, staged.content_key)
            if earlier is not None:
                ctx.store.discard(staged.blob)
                results.append(ImportResult(path, ImportStatus.DUPLICATE, duplicate_of=earlier))
            else:
                seen[staged.content_key] = staged.blob.item_id
                group.append(staged)
        done_bytes += sizes[index]
        if len(group) >= GROUP_FILES or sum(s.blob.size for s in group) >= GROUP_BYTES:
            results.extend(_commit(ctx, group, lender_id))
            group = []
    results.extend(_commit(ctx, group, lender_id))
    report(len(files), None)
    order = {p: i for i, p in enumerate(files)}
    results.sort(key=lambda r: order.get(r.path, 0))
    return ImportReport(tuple(results))


def _size_or_zero(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _os_reason(error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    return f"The file could not be read: {reason}."


class RefusedFileError(VaultError):
    code = "import_refused"


def _stage_one(ctx: ImportContext, path: Path) -> _Staged:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb", buffering=0) as src:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFileError("Only regular files can be imported.")
        if info.st_size == 0:
            raise RefusedFileError("The file is empty.")
        head = os.pread(fd, HEAD_BYTES, 0)
        capture = read_capture(path, head, ctx.tz)
        sha256, sm3 = hashlib.sha256(), hashlib.new("sm3")

        def observe(view: memoryview) -> None:
            sha256.update(view)
            sm3.update(view)

        blob = ctx.store.stage(new_item_id(), src, ctx.recipient, observe)
    digest = sha256.hexdigest()
    return _Staged(
        path, blob, capture, digest, sm3.hexdigest(), content_key(ctx.content_key, digest)
    )


def _existing(ctx: ImportContext, key: str) -> str | None:
    with ctx.sessions() as session:
        return session.scalar(select(Item.id).where(Item.content_key == key))


def _commit(ctx: ImportContext, group: list[_Staged], lender_id: int | None) -> list[ImportResult]:
    if not group:
        return []
    for staged in group:
        ctx.store.publish(staged.blob)
    ctx.store.sync([s.blob.item_id for s in group])
    now = datetime.now(UTC)
    try:
        with ctx.sessions() as session, session.begin():
            for staged in group:
                session.add(_item_row(staged, lender_id, now))
                custody.append(
                    session,
                    custody.ITEM_IMPORTED,
                    at=now,
                    item_id=staged.blob.item_id,
                    lender_id=lender_id,
                    payload=_event_payload(staged),
                )
    except BaseException:
        for staged in group:
            ctx.store.discard(staged.blob)
        raise
    logger.info("imported %d files", len(group))
    return [ImportResult(s.path, ImportStatus.IMPORTED, item_id=s.blob.item_id) for s in group]


def _item_row(staged: _Staged, lender_id: int | None, now: datetime) -> Item:
    capture = staged.capture
    return Item(
        id=staged.blob.item_id,
        lender_id=lender_id,
        kind=str(capture.kind),
        media_type=capture.media_type,
        original_name=staged.path.name,
        size=staged.blob.size,
        sha256=staged.sha256,
        content_key=staged.content_key,
        sm3=staged.sm3,
        imported_at=now,
        captured_at=capture.captured_at_utc,
        captured_offset_min=capture.captured_offset_min,
        time_source=capture.time_source,
        counterpart=capture.counterpart,
        contact_name=capture.contact_name,
        source_app=capture.source_app,
        device=capture.device,
        categories=[],
    )


def _event_payload(staged: _Staged) -> dict[str, object]:
    capture = staged.capture
    return {
        "sha256": staged.sha256,
        "sm3": staged.sm3,
        "size": staged.blob.size,
        "original_name": staged.path.name,
        "media_type": capture.media_type,
        "kind": str(capture.kind),
        "captured_at": capture.captured_at_utc.isoformat(),
        "captured_offset_min": capture.captured_offset_min,
        "time_source": capture.time_source,
    }
