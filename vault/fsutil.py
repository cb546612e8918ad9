"""Crash-safe file writes (temp name, fsync, rename, fsync the folder), and opening a
file for import only if it is a regular one: anything else is refused by what it is,
each kind with its own error code and one English sentence.

What differs between operating systems (the folder fsync, file modes, ``os.open`` flags)
is :mod:`vault.portable`'s; this module only uses it."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, cast

from vault.errors import VaultError
from vault.portable import BINARY, NOFOLLOW, NONBLOCK, fsync_dir, restrict

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700

SYMLINK_REFUSED = "Symbolic links are not imported."
FIFO_REFUSED = "Named pipes (FIFOs) are not imported: only regular files can be imported."
DEVICE_REFUSED = "Devices are not imported: only regular files can be imported."
SOCKET_REFUSED = "Sockets are not imported: only regular files can be imported."
FOLDER_REFUSED = "This is a folder, not a regular file."
OTHER_REFUSED = "Only regular files can be imported."
CHANGED_REFUSED = "The file was replaced while it was being opened; it was not imported."


class NotRegularFileError(VaultError):
    """``path`` is not a regular file; each subclass is one kind of thing, with its code
    (the window's sentence) and its English sentence (the CLI's)."""

    code = "not_regular_file"
    sentence = OTHER_REFUSED

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.sentence)


class SymlinkRefusedError(NotRegularFileError):
    code = "symlink_refused"
    sentence = SYMLINK_REFUSED


class FifoRefusedError(NotRegularFileError):
    code = "fifo_refused"
    sentence = FIFO_REFUSED


class DeviceRefusedError(NotRegularFileError):
    code = "device_refused"
    sentence = DEVICE_REFUSED


class SocketRefusedError(NotRegularFileError):
    code = "socket_refused"
    sentence = SOCKET_REFUSED


class FolderRefusedError(NotRegularFileError):
    code = "folder_refused"
    sentence = FOLDER_REFUSED


class FileReplacedError(NotRegularFileError):
    """What ``lstat`` saw is not what was opened: the path was swapped in between."""

    code = "file_replaced"
    sentence = CHANGED_REFUSED


_REFUSALS: tuple[tuple[Callable[[int], bool], type[NotRegularFileError]], ...] = (
    (stat.S_ISLNK, SymlinkRefusedError),
    (stat.S_ISFIFO, FifoRefusedError),
    (stat.S_ISCHR, DeviceRefusedError),
    (stat.S_ISBLK, DeviceRefusedError),
    (stat.S_ISSOCK, SocketRefusedError),
    (stat.S_ISDIR, FolderRefusedError),
)


def refused(mode: int) -> type[NotRegularFileError] | None:
    """The error for a file of ``mode`` (from ``lstat``), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((error for test, error in _REFUSALS if test(mode)), NotRegularFileError)


def open_regular(path: Path) -> tuple[int, os.stat_result]:
    """Open ``path`` for reading only if it is a regular file; ``(fd, fstat)``.

    Nothing here can block or follow a link: ``lstat`` refuses anything else by what it
    is (a FIFO is never opened), the open is non-blocking and does not follow a final
    symbolic link, and ``fstat`` on the open file must show the same regular file
    ``lstat`` saw — so a path swapped in between is refused too. The returned
    descriptor is blocking again. Raises a :class:`NotRegularFileError` subclass naming
    what the path is, or :class:`OSError` (missing, unreadable).
    """
    seen = os.lstat(path)
    if (kind := refused(seen.st_mode)) is not None:
        raise kind()
    try:
        fd = os.open(path, os.O_RDONLY | BINARY | NOFOLLOW | NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SymlinkRefusedError() from None
        if error.errno == errno.ENXIO:
            raise FileReplacedError() from None
        raise
    try:
        info = os.fstat(fd)
        if (kind := refused(info.st_mode)) is not None:
            raise kind()
        if (info.st_dev, info.st_ino) != (seen.st_dev, seen.st_ino):
            raise FileReplacedError()
        if NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def display_name(name: str) -> str:
    """``name`` as it can be stored and shown: bytes that are not UTF-8 as ``\\xNN``.

    A name read from the file system keeps undecodable bytes as lone surrogates
    (``surrogateescape``), which no database, JSON or terminal accepts; each such byte
    becomes the four characters ``\\xNN``. A UTF-8 name is returned unchanged.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no undecodable byte became
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def make_private_dir(path: Path) -> None:
    """Create ``path`` readable by the owner only, and every missing parent the same way.

    ``mkdir(parents=True)`` would give the parents it creates the umask's mode; folders
    that already exist keep theirs (they are the user's), except ``path`` itself.
    """
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        restrict(folder, PRIVATE_DIR)
    restrict(path, PRIVATE_DIR)


@contextlib.contextmanager
def atomic_write(path: Path, *, sync_dir: bool = True) -> Iterator[BinaryIO]:
    """Write ``path`` all-or-nothing: readers see the old file or the complete new one.

    The content goes to a temp name beside ``path`` (owner-only), is fsynced, then
    renamed over ``path``; on any error the temp file is removed and ``path`` is
    untouched.
    """
    temp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, PRIVATE_FILE)
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


def _load_sync_file_range() -> Callable[[int, int, int, int], int] | None:
    """Linux's sync_file_range(2): writeback of a range of a file, started or waited for."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    function.restype = ctypes.c_int
    return cast("Callable[[int, int, int, int], int]", function)


_sync_file_range = _load_sync_file_range()
_WRITE = 2  # SYNC_FILE_RANGE_WRITE
_WAIT_ALL = 1 | 2 | 4  # WAIT_BEFORE | WRITE | WAIT_AFTER


def start_writeback(fd: int, offset: int, length: int) -> None:
    """Ask the kernel to start writing a range to disk now, so a later fsync is short.

    Large imports call this as they go: the disk works while the CPU encrypts,
    instead of everything waiting for one long fsync at the end. A no-op where the
    system has no such call.
    """
    if _sync_file_range is not None:
        _sync_file_range(fd, offset, length, _WRITE)  # advisory: a failure only loses time


def wait_writeback(path: Path) -> None:
    """Return once every byte written to ``path`` has reached the device, so that its
    pages are clean and can be dropped from the cache, and reading it then reads the
    device. It does not make the file durable (its metadata, the disk's own cache):
    :func:`sync_file_system` or fsync does that. Where the system has no
    sync_file_range(2), the file is fsynced, which does both.
    """
    fd = os.open(path, os.O_RDONLY | BINARY)
    try:
        if _sync_file_range is None or _sync_file_range(fd, 0, 0, _WAIT_ALL) != 0:
            os.fsync(fd)
    finally:
        os.close(fd)


def _load_syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2): everything written to one file system, made durable at once."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return function


_syncfs = _load_syncfs()


def sync_file_system(folder: Path, written: list[Path]) -> None:
    """Make every file in ``written`` and every rename in their folders durable.

    Where the system has syncfs(2) (Linux) that is one call for the file system holding
    ``folder`` — a USB stick is its own — instead of an fsync per file and per folder;
    elsewhere, each file and each of their folders is fsynced.
    """
    if _syncfs is not None:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            if _syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for path in written:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    for parent in sorted({path.parent for path in written}):
        fsync_dir(parent)
