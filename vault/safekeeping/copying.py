"""Copying one age file into a backup folder, and reading a copy back to prove it.

A copy is written under a new name, fsynced, and dropped from the page cache where the
system allows, so reading it back reads what reached the device. Reading back opens the
age header (its MAC) and authenticates every chunk; for a blob copied now it also
compares the plaintext's SHA-256 and size with the item's record.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from vault.age import AgeReader, Identity
from vault.age.reader import BlockBuffers, iter_file_plaintext
from vault.errors import AgeError, VaultError
from vault.fsutil import PRIVATE_FILE, start_writeback, wait_writeback
from vault.portable import BINARY

CHUNK = 1 << 20


class CopyTooLargeError(VaultError):
    code = "backup_file_too_large"
    exit_code = 2


@dataclass(frozen=True)
class Blob:
    """An item's blob as the snapshot records it."""

    item_id: str
    sha256: str
    size: int


def copy_file(source: Path, target: Path, *, limit: int | None = None, durable: bool = True) -> int:
    """Copy ``source`` to the new file ``target``; returns the bytes written.

    ``durable`` fsyncs it now; a caller copying many files passes False and makes them
    durable together (:func:`vault.fsutil.sync_file_system`), the writeback of each
    started as it is written. ``limit`` is the largest file the target's file system
    holds (FAT32): a larger source is refused before anything is written.
    """
    size = source.stat().st_size
    if limit is not None and size > limit:
        raise CopyTooLargeError(
            f"{source.name} is {size // 1024**2} MiB, larger than the 4 GiB a FAT32 "
            "USB stick can hold in one file; format the stick as exFAT or back up to "
            "another folder."
        )
    written = 0
    with open(source, "rb") as src:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        try:
            with os.fdopen(fd, "wb", buffering=0) as out:
                written = _copy_bytes(src, out, size)
                if durable:
                    os.fsync(out.fileno())
                else:
                    start_writeback(out.fileno(), 0, written)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            raise
    return written


def _copy_bytes(src: BinaryIO, out: BinaryIO, size: int) -> int:
    """Copy ``src`` into ``out``: in the kernel (sendfile) on Linux, else through memory.

    sendfile copies the bytes themselves (never shares blocks, as a reflink would), so
    the copy is a second copy even on the same disk.
    """
    written = 0
    if sys.platform.startswith("linux"):
        try:
            while written < size:
                sent = os.sendfile(
                    out.fileno(), src.fileno(), written, min(size - written, 1 << 30)
                )
                if sent == 0:
                    break
                written += sent
        except OSError:
            if written:
                raise
        else:
            src.seek(written)  # sendfile with an offset moves neither file's position
            out.seek(written)
            while block := src.read(CHUNK):  # the file grew since stat: copy the rest
                out.write(block)
                written += len(block)
            return written
    while block := src.read(CHUNK):
        out.write(block)
        written += len(block)
    return written


# How much of a copy prepare_read_back asks of the device ahead of its reading: the
# first block iter_file_plaintext reads (it asks for each next one itself).
READ_AHEAD = 4 << 20


def prepare_read_back(path: Path) -> None:
    """Make reading the new copy at ``path`` read the device, and start that read: once
    its writeback is done its pages are dropped from the page cache (a fake-capacity
    USB stick that drops writes is found then), and its first block is asked for, so a
    caller preparing the next copies while this one is checked keeps the device busy.
    """
    wait_writeback(path)
    fd = os.open(path, os.O_RDONLY | BINARY)
    try:
        with contextlib.suppress(AttributeError, OSError):  # advisory, and not everywhere
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.posix_fadvise(fd, 0, READ_AHEAD, os.POSIX_FADV_WILLNEED)
    finally:
        os.close(fd)


_THREADS = threading.local()


def _buffers() -> BlockBuffers:
    """This thread's buffers for reading copies back, one copy after another."""
    buffers: BlockBuffers | None = getattr(_THREADS, "buffers", None)
    if buffers is None:
        buffers = _THREADS.buffers = BlockBuffers()
    return buffers


def damage_of(  # noqa: PLR0911 - one return per way a copy can be wrong
    path: Path, identities: Sequence[Identity], blob: Blob, *, full: bool
) -> str | None:
    """Why the copy at ``path`` is not ``blob``'s content, or None when it is.

    Opening checks the header MAC and the final chunk (a truncated or swapped file is
    found at once); ``full`` reads every chunk and compares the plaintext's SHA-256 and
    size with the record.
    """
    try:
        if not full:
            with AgeReader(path, list(identities)) as reader:
                return (
                    None if reader.size == blob.size else "its size differs from the item's record"
                )
        digest, size = hashlib.sha256(), 0
        # In order, in large reads: the checks of the stream decryption (header
        # MAC, every chunk, the final one, nothing after it) with no copy of each chunk
        # into a read buffer, the next block read from the disk while this one decrypts.
        fd = os.open(path, os.O_RDONLY | BINARY)
        try:
            for chunk in iter_file_plaintext(fd, identities, buffers=_buffers()):
                digest.update(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
        if size != blob.size:
            return "its size differs from the item's record"
    except FileNotFoundError:
        return "it is missing"
    except AgeError as error:
        return str(error).rstrip(".")
    except OSError as error:
        return f"it cannot be read ({error.strerror or error})"
    if digest.hexdigest() != blob.sha256:
        return "its content no longer matches the hash recorded at import"
    return None
