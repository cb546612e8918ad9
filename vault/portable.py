"""What the operating systems do differently, in one place: positional reads, making a
rename durable, owner-only file modes, and how a descriptor is opened.

The rest of the core calls these and never asks which system it runs on:

- :func:`pread` reads at an offset without moving the descriptor's position, so several
  threads can read one descriptor at once. Linux and macOS have ``os.pread``; Windows
  has not, and gets :func:`pread_by_seek`: ``lseek`` and ``read`` under a lock held per
  descriptor, the position put back afterwards.
- :func:`fsync_dir` makes a rename or a creation inside a folder durable. POSIX systems
  do it by fsyncing the folder; Windows cannot open a folder as a file, so there it does
  nothing and a rename is as durable as NTFS's own metadata journal makes it.
- :func:`restrict` and :func:`others_may_access` are file modes (``0o600``, ``0o700``).
  Windows has no such bits (``chmod`` only toggles read-only); there the user's profile
  folder's access list is what keeps a vault private, so both do nothing.
- :func:`try_lock_file` and :func:`lock_file`: an exclusive lock on an open file that goes
  with the descriptor (``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows).
- :data:`BINARY`, :data:`NOFOLLOW`, :data:`NONBLOCK`: ``os.open`` flags that exist on some
  systems only, 0 where they do not. Windows opens a descriptor in text mode (which turns
  ``\\r\\n`` into ``\\n`` and stops at Ctrl-Z) unless ``BINARY`` is given.

The time zone is :func:`vault.times.system_zone` (``tzlocal`` reads each system's own
setting). Only Linux runs the tests here: the
Windows and macOS branches are written for those systems but not tested on them.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path

BINARY: int = getattr(os, "O_BINARY", 0)
NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)

HAS_PREAD = hasattr(os, "pread")
DIRECTORY_SYNC = os.name != "nt"  # Windows cannot open a folder to fsync it
FILE_MODES = os.name != "nt"  # permission bits mean something here, not on Windows

# One lock per descriptor number would grow without end as numbers are reused; a fixed
# set of locks, a descriptor taking the one its number falls on, serialises the same
# descriptor's reads (and, harmlessly, a few others').
_SEEK_LOCKS = tuple(threading.Lock() for _ in range(64))


def pread_native(fd: int, size: int, offset: int) -> bytes:
    """Up to ``size`` bytes of ``fd`` from ``offset`` with ``os.pread`` (fewer only at the
    end of the file); the descriptor's position does not move."""
    _check(size, offset)
    parts: list[bytes] = []
    while size > 0:
        data = os.pread(fd, size, offset)
        if not data:
            break
        parts.append(data)
        size -= len(data)
        offset += len(data)
    return b"".join(parts)


def pread_by_seek(fd: int, size: int, offset: int) -> bytes:
    """:func:`pread_native`'s result where there is no ``os.pread``: seek, read, and seek
    back, under the descriptor's lock, so the position is where it was afterwards.

    Safe beside other callers of this function on the same descriptor; a thread that
    reads the descriptor by ``os.read`` at the same moment would see its position move.
    """
    _check(size, offset)
    parts: list[bytes] = []
    with _SEEK_LOCKS[fd % len(_SEEK_LOCKS)]:
        saved = os.lseek(fd, 0, os.SEEK_CUR)
        try:
            os.lseek(fd, offset, os.SEEK_SET)
            while size > 0:
                data = os.read(fd, size)
                if not data:
                    break
                parts.append(data)
                size -= len(data)
        finally:
            os.lseek(fd, saved, os.SEEK_SET)
    return b"".join(parts)


def _check(size: int, offset: int) -> None:
    if size < 0 or offset < 0:
        raise ValueError("a read needs a size and an offset that are not negative")


pread: Callable[[int, int, int], bytes] = pread_native if HAS_PREAD else pread_by_seek


def sync_directory(path: Path) -> None:
    """fsync the folder ``path`` (POSIX): a rename or creation inside it is then durable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def skip_directory_sync(path: Path) -> None:
    """Nothing: the system has no folder fsync (Windows), and ``path`` is not touched."""


fsync_dir: Callable[[Path], None] = sync_directory if DIRECTORY_SYNC else skip_directory_sync


def restrict(target: Path | int, mode: int) -> None:
    """Set the permission bits of a path or an open descriptor to exactly ``mode``,
    whatever the umask; nothing on a system without permission bits."""
    if not FILE_MODES:
        return
    if isinstance(target, int):
        os.fchmod(target, mode)
    else:
        os.chmod(target, mode)


def others_may_access(st_mode: int) -> bool:
    """Whether a file of ``st_mode`` (from ``stat``) is open to its group or others."""
    return FILE_MODES and bool(stat.S_IMODE(st_mode) & 0o077)


def try_lock_file(fd: int) -> bool:
    """Lock the open file ``fd`` for this descriptor alone if no one else holds it;
    False at once if someone does. Closing the descriptor gives the lock back."""
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415 - Windows only

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl  # noqa: PLC0415 - POSIX only

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def lock_file(fd: int) -> None:
    """Lock the open file ``fd`` as :func:`try_lock_file` does, waiting while another
    holds it (Windows gives up with ``OSError`` after ten tries a second apart)."""
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415 - Windows only

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        return
    import fcntl  # noqa: PLC0415 - POSIX only

    fcntl.flock(fd, fcntl.LOCK_EX)


__all__ = [
    "BINARY",
    "DIRECTORY_SYNC",
    "FILE_MODES",
    "HAS_PREAD",
    "NOFOLLOW",
    "NONBLOCK",
    "fsync_dir",
    "lock_file",
    "others_may_access",
    "pread",
    "pread_by_seek",
    "pread_native",
    "restrict",
    "skip_directory_sync",
    "sync_directory",
    "try_lock_file",
]
