"""``evault restore``: a working vault made from a backup folder or one of its snapshots.

The new vault is built in a hidden folder beside the target and renamed into place
once every blob it needs has been copied and read back in full (each age chunk, the
plaintext's SHA-256 against the item's record): a restore stopped midway leaves no
half vault under the target's name. The restored vault opens with the passphrase the
vault had when the backup was made.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vault.age import Identity
from vault.db.session import open_database
from vault.errors import UsageError, VaultError
from vault.fsutil import make_private_dir
from vault.handle import DATABASE_FILE, VAULT_JSON, read_info
from vault.keys import IDENTITY_FILE, IdentityReader, VaultKeys, read_identity
from vault.portable import fsync_dir
from vault.safekeeping import layout
from vault.safekeeping.copying import Blob, copy_file, damage_of
from vault.safekeeping.make import Progress
from vault.store import BlobStore

logger = logging.getLogger(__name__)


class RestoreTargetError(UsageError):
    code = "restore_target"


class RestoreSourceError(UsageError):
    code = "restore_source"


class RestoreCopyError(VaultError):
    code = "restore_copy_failed"
    exit_code = 1


@dataclass(frozen=True)
class RestoreReport:
    target: Path
    snapshot: str  # "" for the backup's newest state
    items: int
    bytes_copied: int


def restore_backup(
    source: Path,
    passphrase: str | IdentityReader,
    target: Path,
    *,
    snapshot: str = "",
    progress: Progress | None = None,
) -> RestoreReport:
    """Make a vault at ``target`` (new or empty) from the backup in ``source``."""
    read_info(source)  # NotAVaultError for a folder that holds no vault
    target = Path(os.path.abspath(target))
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise RestoreTargetError(f"{target} is not empty; restore into a new or empty folder.")
    database = _database_of(source, snapshot)
    if isinstance(passphrase, IdentityReader):
        identity, _ = passphrase.result()
    else:
        identity, _ = read_identity(source, passphrase)
    key = VaultKeys.from_identity(identity).database_key
    make_private_dir(target.parent)
    building = target.with_name(f".{target.name}.restoring-{os.urandom(4).hex()}")
    make_private_dir(building)
    try:
        for name in (VAULT_JSON, IDENTITY_FILE):
            copy_file(source / name, building / name)
        copy_file(database, building / DATABASE_FILE)
        blobs = _live_blobs(building / DATABASE_FILE, key)
        written = _copy_blobs(source, building, blobs, [identity], progress)
        fsync_dir(building)
        if target.exists():
            target.rmdir()  # empty, checked above
        os.rename(building, target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    logger.info("restored %d items", len(blobs))
    return RestoreReport(target, snapshot, len(blobs), written)


def _database_of(source: Path, snapshot: str) -> Path:
    if not snapshot:
        return source / DATABASE_FILE
    if snapshot not in layout.snapshot_names(source):
        known = ", ".join(layout.snapshot_names(source)) or "none"
        raise RestoreSourceError(
            f"The backup holds no snapshot named {snapshot} (it holds: {known})."
        )
    return layout.snapshots_dir(source) / snapshot


def _live_blobs(database: Path, key: bytes) -> list[Blob]:
    engine = open_database(database, key)
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, sha256, size FROM items WHERE purged_at IS NULL ORDER BY id"
            ).all()
    finally:
        engine.dispose()
    return [Blob(str(r[0]), str(r[1]), int(r[2])) for r in rows]


def _copy_blobs(
    source: Path,
    building: Path,
    blobs: list[Blob],
    identities: Sequence[Identity],
    progress: Progress | None,
) -> int:
    origin, copies = BlobStore(source), BlobStore(building)
    written = 0
    for done, blob in enumerate(blobs):
        if progress is not None:
            progress(done, len(blobs))
        final = copies.path_for(blob.item_id)
        if not final.parent.is_dir():
            make_private_dir(final.parent)
        with contextlib.suppress(FileNotFoundError):
            final.unlink()
        try:
            written += copy_file(origin.path_for(blob.item_id), final)
        except FileNotFoundError:
            raise RestoreCopyError(
                f"The backup lacks the file of item {blob.item_id}; nothing was restored."
            ) from None
        damage = damage_of(final, identities, blob, full=True)
        if damage is not None:
            raise RestoreCopyError(
                f"The backup's copy of item {blob.item_id} is damaged ({damage}); "
                "nothing was restored. Try an older snapshot or another backup."
            )
    for folder in sorted({copies.path_for(b.item_id).parent for b in blobs}):
        fsync_dir(folder)
    if progress is not None:
        progress(len(blobs), len(blobs))
    return written
