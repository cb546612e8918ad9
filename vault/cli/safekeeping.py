"""``evault backup`` and ``evault restore`` (DESIGN.md §9, kept safe).

``backup`` records its custody event in the vault, so it is a writing command: while the
window has the vault unlocked it stops with the one "Another program is using this
vault" sentence; the window makes its own backups (*Back up to a USB stick or folder…*).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from vault.cli.common import (
    FILE,
    FOLDER,
    PASSPHRASE_ENV,
    CommandTree,
    completes,
    emit,
    json_option,
    open_vault,
    passphrase,
    shown_path,
)


def cmd_backup(args: argparse.Namespace) -> int:
    from vault.safekeeping.make import make_backup  # noqa: PLC0415

    with open_vault(args) as vault:
        report = make_backup(vault, Path(args.to), verify_all=args.verify_all)
    if args.json:
        emit(report.to_json())
        return 1 if report.repaired else 0
    for sentence in report.repaired:
        print(f"REPAIRED {sentence}")
    print(
        f"Backed up {report.items} items to {shown_path(report.destination)}: "
        f"{report.copied} file(s) copied and read back ({report.bytes_copied} bytes), "
        f"database snapshot {report.snapshot}; {report.snapshots_kept} snapshot(s) kept "
        "(the last 10, plus the last one of each earlier month)."
    )
    return 1 if report.repaired else 0


def cmd_restore(args: argparse.Namespace) -> int:
    from vault.safekeeping.restore import restore_backup  # noqa: PLC0415

    report = restore_backup(
        Path(args.source), passphrase(args), Path(args.to), snapshot=args.snapshot or ""
    )
    which = f"snapshot {report.snapshot}" if report.snapshot else "its newest backup"
    print(
        f"Restored {report.items} items from {which} into {shown_path(report.target)}; "
        "it opens with the passphrase the vault had when the backup was made."
    )
    return 0


def cmd_snapshots(args: argparse.Namespace) -> int:
    from vault.safekeeping.layout import snapshot_names  # noqa: PLC0415

    for name in snapshot_names(Path(args.source)):
        print(name)
    return 0


def add_commands(tree: CommandTree) -> None:
    backup = tree.command(
        "backup",
        "copy the vault, verified and encrypted, to a USB stick or another folder",
        cmd_backup,
    )
    completes(
        backup.add_argument(
            "--to",
            required=True,
            metavar="DEST",
            help="the backup folder (new, empty or an earlier backup)",
        ),
        FOLDER,
    )
    backup.add_argument(
        "--verify-all",
        action="store_true",
        help="also read every copy already in DEST in full (slower)",
    )
    json_option(backup)
    restore = tree.plain("restore", "make a working vault from a backup folder", cmd_restore)
    _from_option(restore)
    completes(
        restore.add_argument("--to", required=True, metavar="DIR", help="a new or empty folder"),
        FOLDER,
    )
    restore.add_argument(
        "--snapshot", help="an earlier database snapshot (see evault backup-snapshots)"
    )
    completes(
        restore.add_argument(
            "--passphrase-file",
            metavar="FILE",
            help=f"read the passphrase from this file (or set {PASSPHRASE_ENV})",
        ),
        FILE,
    )
    snapshots = tree.plain(
        "backup-snapshots", "list the database snapshots a backup folder keeps", cmd_snapshots
    )
    _from_option(snapshots)


def _from_option(sub: argparse.ArgumentParser) -> None:
    completes(
        sub.add_argument(
            "--from", dest="source", required=True, metavar="DEST", help="the backup folder"
        ),
        FOLDER,
    )
