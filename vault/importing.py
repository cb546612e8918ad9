"""Importing evidence: the one import use case (DESIGN.md §2).

:func:`import_paths` takes files and folders through the ingest pipeline
(:mod:`vault.ingest.pipeline`); :func:`import_backup` takes an "SMS Backup & Restore"
XML through the backup importer (:mod:`vault.backup.importer`). Both end the same way:
a batch that stored something is covered by a signed Merkle checkpoint at once, and its
timestamp waits in the queue (:mod:`vault.trusted_time.stamping`), so no TSA can fail or slow an
import. This module is the only caller of either importer and the only place that makes
the checkpoint after an import.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from vault.backup.importer import store_backup
from vault.dto import BackupImportReport, CheckpointDTO, ImportReport, ImportStatus
from vault.errors import VaultError
from vault.hashing import SHA256, SM3
from vault.ingest.pipeline import ImportContext, ProgressCallback, import_files
from vault.lenders import lender_id_of
from vault.trusted_time.checkpoints import create_checkpoint

if TYPE_CHECKING:
    from vault.handle import OpenVault

logger = logging.getLogger(__name__)


def import_paths(
    vault: OpenVault,
    paths: Iterable[Path],
    *,
    lender: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    sm3: bool = True,
) -> ImportReport:
    """Import files and folders; ``sm3=False`` skips the SM3 hash (about 4x the cost
    of SHA-256 here), leaving ``sm3`` empty for those items."""
    lender_id = lender_id_of(vault, lender) if lender else None
    context = ImportContext(
        store=vault.store,
        recipient=vault.keys.identity.recipient(),
        sessions=vault.session_factory,
        content_key=vault.keys.content_key,
        tz=vault.tz,
        hashes=(SHA256, SM3) if sm3 else (SHA256,),
    )
    report = import_files(context, paths, lender_id=lender_id, progress=progress, cancel=cancel)
    if report.count(ImportStatus.IMPORTED):
        _checkpoint(vault)
    return report


def import_backup(vault: OpenVault, path: Path, *, lender: str | None = None) -> BackupImportReport:
    """Store an "SMS Backup & Restore" XML as an item of ``lender``, its rows as events.

    Raises what :func:`vault.backup.importer.store_backup` raises (a malformed or
    duplicate backup); the vault is then unchanged and no checkpoint is made.
    """
    report = store_backup(vault, path, lender=lender)
    _checkpoint(vault)
    return report


def _checkpoint(vault: OpenVault) -> CheckpointDTO | None:
    """Checkpoint a batch that stored something, never failing the import.

    The items are already committed; a checkpoint that cannot be made is logged and
    reported by the next ``evault stamp`` or ``evault check``. No network is used here:
    the new checkpoint waits in the queue for ``stamp_pending``.
    """
    try:
        return create_checkpoint(vault)
    except VaultError as error:
        logger.warning("no checkpoint after the import: %s", error.code)
        return None
