"""Where a backup folder keeps what only a backup has, and what its file system allows.

No database here: :mod:`vault.check` reads :func:`pending_ids` to know the blobs an
unfinished backup published before its database was in place.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from vault.fsutil import atomic_write, make_private_dir

FOLDER = "safekeeping"
SNAPSHOTS = "snapshots"
INCOMING = "incoming"
PENDING = "pending"
SNAPSHOT_SUFFIX = ".db"
_SNAPSHOT_NAME = re.compile(r"\d{8}T\d{6}Z(-\d+)?\.db")
_ID = re.compile(r"[a-z2-7]{26}")

FAT32_LIMIT = 4 * 1024**3 - 1  # the largest file FAT32 can hold
_FAT_TYPES = frozenset({"vfat", "msdos", "fat", "umsdos"})


def folder(dest: Path) -> Path:
    return dest / FOLDER


def snapshots_dir(dest: Path) -> Path:
    return dest / FOLDER / SNAPSHOTS


def incoming_dir(dest: Path) -> Path:
    return dest / FOLDER / INCOMING


def is_backup(path: Path) -> bool:
    """Whether the vault folder ``path`` is a backup made by ``evault backup``."""
    return snapshots_dir(path).is_dir()


def snapshot_names(dest: Path) -> list[str]:
    """The kept database snapshots, oldest first (their names sort by time)."""
    where = snapshots_dir(dest)
    if not where.is_dir():
        return []
    return sorted(
        (p.name for p in where.iterdir() if _SNAPSHOT_NAME.fullmatch(p.name)), key=snapshot_order
    )


def snapshot_order(name: str) -> tuple[str, int]:
    """Sort key of a snapshot name: its time, then the number a second one that second got."""
    stem = name.removesuffix(SNAPSHOT_SUFFIX)
    when, _, number = stem.partition("-")
    return when, int(number) if number.isdigit() else 0


def pending_ids(dest: Path) -> set[str]:
    """Blob ids an unfinished backup published into ``dest`` before its database."""
    try:
        text = (dest / FOLDER / PENDING).read_text(encoding="ascii", errors="replace")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return set()
    return {line for line in text.split() if _ID.fullmatch(line)}


def write_pending(dest: Path, ids: set[str]) -> None:
    """Record ``ids`` as published but not yet named by ``dest``'s database (atomic)."""
    with atomic_write(dest / FOLDER / PENDING) as out:
        out.write("".join(f"{i}\n" for i in sorted(ids)).encode("ascii"))


def clear_pending(dest: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (dest / FOLDER / PENDING).unlink()


def make_dir(path: Path) -> None:
    """A private folder where the file system has modes; FAT/exFAT have none to set."""
    try:
        make_private_dir(path)
    except PermissionError:
        if not path.is_dir():
            path.mkdir(parents=True, exist_ok=True)


def file_system_of(path: Path) -> str:
    """The type of the file system holding ``path`` (Linux's ``/proc/mounts``), or ''."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    target = os.path.realpath(path)
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def size_limit(path: Path) -> int | None:
    """The largest file the file system of ``path`` holds, or None for no such limit."""
    return FAT32_LIMIT if file_system_of(path) in _FAT_TYPES else None
