"""Crash-safe file writes: temp name, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def fsync_dir(path: Path) -> None:
    """Make a rename or creation inside ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) readable by the owner only."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    path.chmod(PRIVATE_DIR)


@contextlib.contextmanager
def atomic_write(path: Path, *, sync_dir: bool = True) -> Iterator[BinaryIO]:
    """Write ``path`` all-or-nothing: readers see the old file or the complete new one.

    The content goes to a temp name beside ``path`` (owner-only), is fsynced, then
    renamed over ``path``; on any error the temp file is removed and ``path`` is
    untouched.
    """
    temp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    if sync_dir:
        fsync_dir(path.parent)


def _load_sync_file_range() -> Callable[[int, int, int], None] | None:
    """Linux's sync_file_range(2), which starts writeback without waiting for it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    function.restype = ctypes.c_int
    write = 2  # SYNC_FILE_RANGE_WRITE

    def start(fd: int, offset: int, length: int) -> None:
        function(fd, offset, length, write)  # advisory: a failure only loses the head start

    return start


_sync_file_range = _load_sync_file_range()


def start_writeback(fd: int, offset: int, length: int) -> None:
    """Ask the kernel to start writing a range to disk now, so a later fsync is short.

    Large imports call this as they go: the disk works while the CPU encrypts,
    instead of everything waiting for one long fsync at the end. A no-op where the
    system has no such call.
    """
    if _sync_file_range is not None:
        _sync_file_range(fd, offset, length)
