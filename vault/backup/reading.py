"""Reading a backup file once, on a worker thread: hashed, encrypted and parsed.

The worker reads the file in 1 MiB chunks into the encryption loop (which stages the
item's blob, see :meth:`vault.store.BlobStore.stage`); each chunk is also hashed
(SHA-256, see :mod:`vault.hashing`; SM3 comes later, :mod:`vault.ingest.sm3`) and fed to the streaming XML reader, whose
row batches are handed to the caller through a short queue. The caller — the thread
that owns the database transaction — writes each batch while the worker parses the
next: no database connection ever leaves its thread, and inserting (which runs in
SQLite without the GIL) overlaps parsing (which needs it).

The queue is bounded, so memory stays at a few batches whatever the file's size. A
reader error stops the reading (the encryption loop sees the end of the file, releases
its buffers, and the error is raised to the caller once the worker is done);
:meth:`BackupStream.close` stops the worker early when the caller fails.
"""

from __future__ import annotations

import binascii
import contextlib
import hashlib
import io
import logging
import os
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast
from zoneinfo import ZoneInfo

from vault.age import Recipient
from vault.backup.xml_reader import BackupReader, BackupSummary, MmsPart, Row
from vault.errors import UsageError
from vault.fsutil import NotRegularFileError, display_name, open_regular
from vault.hashing import SHA256, ParallelHasher, SerialHasher
from vault.ingest.pipeline import BATCH_BYTES, SMALL_FILE
from vault.store import BlobStore, StagedBlob, new_item_id

logger = logging.getLogger(__name__)

HASHES = (SHA256,)  # SM3 is derived after the import, as for every item
QUEUED_BATCHES = 4  # parsed batches waiting for the database, at most
# Rows per batch, written by one statement with a parameter per field: 12 x 2500 stays
# under SQLite's default limit of 32,766 parameters a statement.
BATCH_ROWS = 2500


_B64_CHUNK = 1 << 16  # base64 characters decoded at a time (a multiple of 4)
_HEAD = 4096  # decoded bytes kept to tell an attachment's format


class NotARegularFileError(UsageError):
    code = "backup_not_a_file"


@dataclass(frozen=True)
class StagedPart:
    """An MMS attachment, decoded and encrypted into a staged blob of its own."""

    staged: StagedBlob
    sha256: str
    head: bytes  # its first bytes, to tell its format
    part: MmsPart


class _Base64Stream(io.RawIOBase):
    """The bytes of a base64 text, decoded a slice at a time: never a second whole copy."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text
        self._at = 0
        self._carry = ""
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and (self._at < len(self._text) or self._carry):
            piece = self._carry + "".join(self._text[self._at : self._at + _B64_CHUNK].split())
            self._at += _B64_CHUNK
            usable = len(piece) if self._at >= len(self._text) else len(piece) // 4 * 4
            self._carry = piece[usable:]
            self._pending = binascii.a2b_base64(piece[:usable], strict_mode=True)
            if self._at >= len(self._text) and self._carry:
                raise binascii.Error("base64 text of a length that is not a multiple of 4")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


@dataclass(frozen=True)
class ReadBackup:
    """What one read of the file produced, besides the rows."""

    staged: StagedBlob
    digests: dict[str, str]  # algorithm -> hex digest
    summary: BackupSummary


class BackupStream:
    """Reads ``source`` on a worker thread; iterate :meth:`batches`, then call :meth:`result`.

    ``source`` is a file's path, or a stream of unknown size (an upload) that is read to
    its end on the worker.

    Always end with :meth:`close` (also after an error): it stops and joins the worker.
    The staged blob is the caller's to publish or discard (:attr:`staged` once the
    worker is done, even when the read failed).
    """

    def __init__(
        self,
        store: BlobStore,
        recipient: Recipient,
        source: Path | io.RawIOBase,
        item_id: str,
        tz: ZoneInfo,
        *,
        queued: int = QUEUED_BATCHES,
        keep_parts: bool = False,
    ) -> None:
        """``keep_parts``: also stage each MMS attachment as a blob of its own (``parts``)."""
        self.staged: StagedBlob | None = None
        self.parts: list[StagedPart] = []  # the caller's to publish or discard, like staged
        self._store, self._recipient = store, recipient
        self._src: io.RawIOBase
        self._size: int | None
        if isinstance(source, Path):
            self._src, self._size = _open_file(source)
        else:
            self._src, self._size = source, None
        self._gate = _Gate(self._src)
        self._queue: queue.Queue[list[Row] | None] = queue.Queue(maxsize=queued)
        self._reader = BackupReader(
            self._queue.put,
            item_id=item_id,
            tz=tz,
            batch_rows=BATCH_ROWS,
            on_part=self._stage_part if keep_parts else None,
        )
        self._result: ReadBackup | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(store, recipient, item_id), name="backup-read", daemon=True
        )
        self._thread.start()

    def batches(self) -> Iterator[list[Row]]:
        """The parsed rows, batch by batch, until the file is read (or reading failed)."""
        while (batch := self._queue.get()) is not None:
            yield batch

    def result(self) -> ReadBackup:
        """Wait for the worker; raises what the read raised (a format error, an OSError)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        if self._result is None:  # pragma: no cover - the worker sets one or the other
            raise RuntimeError("the backup was not read")
        return self._result

    def close(self) -> None:
        """Stop the worker if it still runs and wait for it."""
        self._gate.stopped = True
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):  # unblock a worker waiting for room
                self._queue.get(timeout=0.05)
        self._thread.join()
        self._src.close()

    def _stage_part(self, part: MmsPart) -> None:
        """Decode and encrypt one attachment while the parser holds its text (worker)."""
        staged = stage_part(self._store, self._recipient, part)
        if staged is not None:
            self.parts.append(staged)

    def _run(self, store: BlobStore, recipient: Recipient, item_id: str) -> None:
        try:
            self._result = self._read(store, recipient, item_id)
        except BaseException as error:  # raised again in the caller's thread
            self._error = error
        finally:
            self._queue.put(None)

    def _read(self, store: BlobStore, recipient: Recipient, item_id: str) -> ReadBackup | None:
        large = self._size is None or self._size > SMALL_FILE
        hasher = ParallelHasher(HASHES, BATCH_BYTES) if large else SerialHasher(HASHES)
        gate, reader = self._gate, self._reader

        def observe(view: memoryview) -> None:
            hasher.update(view)
            if gate.error is None and not gate.stopped:
                try:
                    reader.feed(view)
                except Exception as error:  # raised again once the encryption is done
                    # Keep no traceback or context: their frames would pin the chunk's
                    # buffer, which the encryption loop must release.
                    error.__context__ = error.__cause__ = None
                    gate.error = error.with_traceback(None)

        try:
            self.staged = store.stage(
                item_id,
                cast(BinaryIO, gate),
                recipient,
                observe,
                threads=large,
                size_hint=self._size,
            )
        finally:
            digests = hasher.hexdigests()
        if gate.error is not None:
            raise gate.error
        if gate.stopped:
            return None
        return ReadBackup(self.staged, digests, reader.close())


def stage_part(store: BlobStore, recipient: Recipient, part: MmsPart) -> StagedPart | None:
    """Decode ``part`` a slice at a time into an encrypted staged blob of its own;
    ``None`` when its base64 is broken or it is empty (the message is kept anyway)."""
    digest = hashlib.sha256()
    head = bytearray()

    def observe(view: memoryview) -> None:
        digest.update(view)
        if len(head) < _HEAD:
            head.extend(view[: _HEAD - len(head)])

    try:
        staged = store.stage(
            new_item_id(), cast(BinaryIO, _Base64Stream(part.data)), recipient, observe,
            threads=False,
        )  # fmt: skip
    except (binascii.Error, ValueError):
        logger.warning("an MMS attachment is not valid base64; it is left out")
        return None
    if staged.size == 0:
        store.discard(staged)
        return None
    return StagedPart(staged, digest.hexdigest(), bytes(head), part)


def _open_file(path: Path) -> tuple[io.RawIOBase, int]:
    try:  # a FIFO, device, socket or link is refused without being opened to read
        fd, info = open_regular(path)
    except NotRegularFileError as error:
        raise NotARegularFileError(str(error)) from None
    if info.st_size == 0:
        os.close(fd)
        raise NotARegularFileError(f"{display_name(path.name)} is empty.")
    return os.fdopen(fd, "rb", buffering=0), info.st_size


class _Gate(io.RawIOBase):
    """The source file as the encryption loop reads it: it ends early once the XML
    reader failed or the caller stopped the read.

    The reader's error is not raised inside the encryption loop (whose buffers must be
    released first): the loop simply sees the end, and the error is raised after it.
    """

    def __init__(self, src: io.RawIOBase) -> None:
        super().__init__()
        self.error: Exception | None = None
        self.stopped = False
        self.src = src

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.error is not None or self.stopped:
            return 0
        return self.src.readinto(buffer) or 0


__all__ = ["BackupStream", "NotARegularFileError", "ReadBackup", "StagedPart", "stage_part"]
