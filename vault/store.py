"""The blob store: one age file per item under ``blobs/<2 chars>/<id>.age``.

Blob names are random ids, never content hashes (a hash would let anyone holding a
known file confirm it is in the vault). A blob is written to a hidden temp name,
fsynced and renamed; the caller makes the rename durable with :meth:`sync` before it
commits the database row that points at the blob, so a crash leaves at most an
orphan blob, never a row without its blob.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from vault.age import AgeReader, AgeWriter, Identity, Recipient
from vault.errors import VaultReadOnlyError
from vault.fsutil import PRIVATE_FILE, make_private_dir
from vault.portable import BINARY, fsync_dir

BLOBS = "blobs"
QUARANTINE = "quarantine"
_ID = re.compile(r"[a-z2-7]{26}")
_TEMP_SUFFIX = ".tmp"


def new_item_id() -> str:
    """A random 130-bit id in lower-case base32 (26 characters)."""
    return base64.b32encode(os.urandom(17)).decode("ascii").lower()[:26]


@dataclass(frozen=True)
class StagedBlob:
    """A blob written under its temp name, not yet visible as ``item_id``."""

    item_id: str
    temp_path: Path
    final_path: Path
    size: int


class BlobStore:
    """The blobs of a vault folder; a ``read_only`` store (a backup looked at) refuses
    to write, move or remove any with :class:`~vault.errors.VaultReadOnlyError`."""

    def __init__(self, vault_dir: Path, *, read_only: bool = False) -> None:
        self.root = vault_dir / BLOBS
        self.quarantine = vault_dir / QUARANTINE
        self.read_only = read_only

    def _check_writable(self) -> None:
        if self.read_only:
            raise VaultReadOnlyError

    def path_for(self, item_id: str) -> Path:
        if not _ID.fullmatch(item_id):
            raise ValueError(f"not an item id: {item_id!r}")
        return self.root / item_id[:2] / f"{item_id}.age"

    def stage(
        self,
        item_id: str,
        src: BinaryIO,
        recipient: Recipient,
        observe: Callable[[memoryview], None] | None = None,
        *,
        threads: bool = True,
        size_hint: int | None = None,
    ) -> StagedBlob:
        """Encrypt ``src`` to a temp file beside the blob's final place and fsync it."""
        self._check_writable()
        final = self.path_for(item_id)
        if not final.parent.is_dir():
            # Each level on its own: mkdir(parents=True) gives parents the umask's mode.
            make_private_dir(self.root)
            make_private_dir(final.parent)
        temp = final.with_name(f".{item_id}{_TEMP_SUFFIX}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, PRIVATE_FILE)
        try:
            with os.fdopen(fd, "wb", buffering=0) as out:
                with AgeWriter(
                    out, [recipient], threads=threads, size_hint=size_hint, durable=True
                ) as writer:
                    size = writer.write_from(src, observe)
                os.fsync(out.fileno())
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
            raise
        return StagedBlob(item_id, temp, final, size)

    def publish(self, staged: StagedBlob) -> None:
        """Rename a staged blob to its final name (durable after :meth:`sync`)."""
        self._check_writable()
        os.replace(staged.temp_path, staged.final_path)

    def discard(self, staged: StagedBlob) -> None:
        for path in (staged.temp_path, staged.final_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def sync(self, item_ids: list[str]) -> None:
        """fsync every blob folder touched by ``item_ids`` (once per folder)."""
        for folder in sorted({self.path_for(i).parent for i in item_ids}):
            fsync_dir(folder)

    def open(self, item_id: str, identities: list[Identity]) -> AgeReader:
        return AgeReader(self.path_for(item_id), identities)

    def remove(self, item_id: str) -> None:
        self._check_writable()
        with contextlib.suppress(FileNotFoundError):
            self.path_for(item_id).unlink()

    def iter_ids(self) -> Iterator[str]:
        """Ids of every complete blob on disk."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            for path in sorted(folder.glob("*.age")):
                if _ID.fullmatch(path.stem):
                    yield path.stem

    def move_to_quarantine(self, path: Path) -> Path:
        """Move a stray file (never an item's blob) into ``quarantine/``, keeping its name.

        The move is one rename within the vault folder, and never replaces a file
        already in quarantine: a name taken there gets a numbered suffix. Nothing is
        ever deleted; the user decides what to do with what lands there.
        """
        self._check_writable()
        make_private_dir(self.quarantine)
        target = self.quarantine / path.name
        number = 1
        while True:
            try:
                # link + unlink is an atomic "rename unless the target exists".
                os.link(path, target, follow_symlinks=False)
            except FileExistsError:
                target = self.quarantine / f"{path.name}.{number}"
                number += 1
                continue
            except (OSError, NotImplementedError):  # Windows: no follow_symlinks for link
                # Filesystems without hard links: check, then rename (one writer: the vault).
                if target.exists() or target.is_symlink():
                    target = self.quarantine / f"{path.name}.{number}"
                    number += 1
                    continue
                os.rename(path, target)
                break
            path.unlink()
            break
        fsync_dir(self.quarantine)
        fsync_dir(path.parent)
        return target

    def iter_temp_files(self) -> Iterator[Path]:
        """Leftover temp files of interrupted writes."""
        if self.root.is_dir():
            yield from sorted(self.root.glob(f"*/.*{_TEMP_SUFFIX}"))
