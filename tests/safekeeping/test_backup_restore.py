"""Backups copy only what is new, read every copy back, and restore into a working vault."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.safekeeping.conftest import LENDER, NOTE, NUMBER, PASSPHRASE, Stocked
from vault.case.complaints import complaints
from vault.check import check_vault
from vault.custody import ledger
from vault.errors import VaultReadOnlyError
from vault.handle import OpenVault, unlock_vault
from vault.importing import import_paths
from vault.items import list_items
from vault.lenders import add_lender
from vault.notes import list_notes
from vault.safekeeping import layout, retention
from vault.safekeeping.make import (
    BackupCancelledError,
    BackupDestinationError,
    CopiedBackup,
    copy_backup,
    make_backup,
    publish_backup,
    stage_backup,
)
from vault.safekeeping.restore import RestoreTargetError, restore_backup
from vault.safekeeping.status import backup_status
from vault.store import BlobStore
from vault.trusted_time import stamping
from vault.trusted_time.checkpoints import checkpoints


def _blob_files(folder: Path) -> dict[str, tuple[int, int]]:
    """Each blob file under ``folder``'s blobs/ with its inode and mtime (to see rewrites)."""
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (folder / "blobs").rglob("*.age")
    }


def _state(vault: OpenVault) -> dict[str, object]:
    with vault.sessions() as session:
        chain = [event.hash for event in ledger.iter_events(session)]
    return {
        "items": sorted((i.id, i.sha256, i.size) for i in list_items(vault)),
        "notes": [n.text for n in list_notes(vault, LENDER)],
        "complaints": [(c.channel, c.reference) for c in complaints(vault)],
        "checkpoints": [c.root for c in checkpoints(vault)],
        "tokens": len(stamping.tokens(vault)),
        "chain": chain,
    }


def _checked(folder: Path) -> OpenVault:
    """Open a vault folder read-only and assert that ``check`` finds nothing wrong."""
    opened = unlock_vault(folder, PASSPHRASE, exclusive=False)
    report = check_vault(opened)
    assert report.ok, [p.message for p in report.problems]
    return opened


def test_second_backup_copies_only_the_new_blobs_and_restore_gives_the_same_vault(
    stocked: Stocked, tmp_path: Path
) -> None:
    vault, dest = stocked.vault, tmp_path / "usb" / "backup"
    first = make_backup(vault, dest)
    assert first.copied == len(stocked.files)  # notes live in the database
    before = _blob_files(dest)
    stocked.add_files(3, "later")
    source_state = _state(vault)  # as the snapshot has it: before the backup's own event
    second = make_backup(vault, dest)
    assert second.copied == 3, "only the three new items' blobs are copied"
    after = _blob_files(dest)
    assert {k: after[k] for k in before} == before, "earlier copies are never rewritten"
    assert len(after) == len(before) + 3
    assert len(layout.snapshot_names(dest)) == 2
    assert _state(vault)["chain"][:-1] == source_state["chain"], "the backup's event follows"  # type: ignore[index]
    with _checked(dest) as copy:
        assert _state(copy) == source_state
    restored = tmp_path / "restored"
    report = restore_backup(dest, PASSPHRASE, restored)
    assert report.items == len(stocked.files)
    with _checked(restored) as back:
        assert _state(back) == source_state
    assert not layout.is_backup(restored), "a restored vault is a vault, not a backup"


def test_an_earlier_snapshot_restores_the_vault_as_it_was_then(
    stocked: Stocked, tmp_path: Path
) -> None:
    vault, dest = stocked.vault, tmp_path / "backup"
    then = _state(vault)
    make_backup(vault, dest)
    stocked.add_files(2, "x")
    make_backup(vault, dest)
    oldest = layout.snapshot_names(dest)[0]
    restored = tmp_path / "old"
    restore_backup(dest, PASSPHRASE, restored, snapshot=oldest)
    with _checked(restored) as back:
        assert _state(back) == then
    assert len(_blob_files(restored)) == len(then["items"])  # type: ignore[arg-type]


def test_the_custody_log_records_each_backup_and_the_status_reads_it(
    stocked: Stocked, tmp_path: Path
) -> None:
    vault, dest = stocked.vault, tmp_path / "backup"
    never = backup_status(vault)
    assert never.last_at is None and never.due
    with vault.sessions() as session:
        events = len(list(ledger.iter_events(session)))
    report = make_backup(vault, dest)
    with vault.sessions() as session:
        logged = list(ledger.iter_events(session))
    assert len(logged) == events + 1, "a backup appends exactly one custody event"
    event = logged[-1]
    assert event.action == "vault_backed_up"
    assert event.payload["to"] == str(dest)
    assert event.payload["items"] == report.items
    assert event.payload["chain_seq"] == event.seq - 1
    assert event.payload["chain_head"] == event.prev_hash
    status = backup_status(vault, remind_items=2, remind_days=7)
    assert status.last_to == str(dest) and status.new_items == 0 and not status.due
    stocked.add_files(2, "y")
    assert backup_status(vault, remind_items=2, remind_days=7).due
    assert not backup_status(vault, remind_items=3, remind_days=7).due


def _middle_byte_flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_tampered_or_truncated_copy_is_reported_by_check_and_by_the_next_backup(
    stocked: Stocked, tmp_path: Path
) -> None:
    vault, dest = stocked.vault, tmp_path / "backup"
    long_call = tmp_path / "long-call.bin"
    long_call.write_bytes(os.urandom(300_000))  # five age chunks
    import_paths(vault, [long_call], lender=LENDER)
    make_backup(vault, dest)
    recording = next(i for i in list_items(vault) if i.original_name == long_call.name)
    screenshot = next(i for i in list_items(vault) if i.original_name.endswith(".png"))
    copies = BlobStore(dest)
    _middle_byte_flipped(copies.path_for(recording.id))
    truncated = copies.path_for(screenshot.id)
    truncated.write_bytes(truncated.read_bytes()[:-20])
    with unlock_vault(dest, PASSPHRASE, exclusive=False) as copy:
        found = {p.item_id for p in check_vault(copy).problems}
    assert found == {recording.id, screenshot.id}
    quick = make_backup(vault, dest)  # opens each copy: header MAC, final chunk, size
    assert len(quick.repaired) == 1 and screenshot.id in quick.repaired[0], quick.repaired
    full = make_backup(vault, dest, verify_all=True)  # reads every chunk of every copy
    assert len(full.repaired) == 1 and recording.id in full.repaired[0], full.repaired
    _checked(dest).lock()


def test_the_backup_folder_holds_no_plaintext(
    stocked: Stocked, tmp_path: Path, read_back_in: str
) -> None:
    vault, dest = stocked.vault, tmp_path / "backup"
    make_backup(vault, dest)
    stocked.add_files(2, "z")
    make_backup(vault, dest)
    secrets = [NOTE.encode(), LENDER.encode(), NUMBER.encode(), b"13800138000", b"R-1\x00"]
    for path in stocked.files:
        data = path.read_bytes()
        secrets += [data[i : i + 24] for i in range(0, max(len(data) - 24, 1), 97)]
        secrets.append(os.fsencode(path.name))
    for file in (p for p in dest.rglob("*") if p.is_file()):
        content = file.read_bytes()
        leaked = [s for s in secrets if len(s) >= 8 and s in content]
        assert not leaked, f"{file.relative_to(dest)} holds plaintext: {leaked[:2]}"


def test_a_backup_folder_is_never_the_vault_another_vault_or_a_full_folder(
    stocked: Stocked, tmp_path: Path
) -> None:
    vault = stocked.vault
    with pytest.raises(BackupDestinationError, match="outside the vault"):
        make_backup(vault, vault.info.path / "inner")
    full = tmp_path / "photos"
    full.mkdir()
    (full / "a.jpg").write_bytes(b"x")
    with pytest.raises(BackupDestinationError, match="not empty"):
        make_backup(vault, full)
    dest = tmp_path / "backup"
    make_backup(vault, dest)
    restore_backup(dest, PASSPHRASE, tmp_path / "restored")
    with pytest.raises(BackupDestinationError, match="in use, not a backup"):
        make_backup(vault, tmp_path / "restored")
    with (
        unlock_vault(dest, PASSPHRASE) as copy,
        pytest.raises(BackupDestinationError, match="itself a backup"),
    ):
        make_backup(copy, tmp_path / "second")
    with pytest.raises(RestoreTargetError, match="not empty"):
        restore_backup(dest, PASSPHRASE, full)


def test_restore_refuses_a_copy_that_does_not_read_back(stocked: Stocked, tmp_path: Path) -> None:
    dest = tmp_path / "backup"
    make_backup(stocked.vault, dest)
    victim = next(iter(BlobStore(dest).iter_ids()))
    _middle_byte_flipped(BlobStore(dest).path_for(victim))
    with pytest.raises(Exception, match=victim):
        restore_backup(dest, PASSPHRASE, tmp_path / "r")
    assert not (tmp_path / "r").exists(), "no half vault is left under the target's name"
    assert not [p for p in tmp_path.iterdir() if ".restoring-" in p.name]


def test_retention_keeps_the_last_ten_and_the_last_of_each_earlier_month() -> None:
    names = [f"2024{month:02d}{day:02d}T120000Z.db" for month in (1, 2) for day in (3, 9)]
    names += [f"20240315T0900{n:02d}Z.db" for n in range(12)]
    names += ["20240315T090011Z-1.db"]
    kept = retention.kept(names)
    assert kept == {
        "20240109T120000Z.db",
        "20240209T120000Z.db",
        *[f"20240315T0900{n:02d}Z.db" for n in range(3, 12)],
        "20240315T090011Z-1.db",
    }


def test_a_backup_opened_read_only_shows_everything_and_changes_nothing(
    stocked: Stocked, tmp_path: Path
) -> None:
    dest = tmp_path / "backup"
    state = _state(stocked.vault)
    make_backup(stocked.vault, dest)
    before = {p: p.read_bytes() for p in dest.rglob("*") if p.is_file()}
    with unlock_vault(dest, PASSPHRASE, read_only=True) as copy:
        assert copy.read_only
        assert _state(copy) == state
        with pytest.raises(VaultReadOnlyError, match="This is a backup"):
            add_lender(copy, "新的")
    after = {p: p.read_bytes() for p in dest.rglob("*") if p.is_file()}
    assert after == before


def test_blobs_a_stopped_backup_published_before_its_database_are_not_orphans(
    stocked: Stocked, tmp_path: Path
) -> None:
    """The state a kill leaves between the blobs' renames and vault.db's: still whole."""
    vault, dest = stocked.vault, tmp_path / "backup"
    make_backup(vault, dest)
    (late,) = stocked.add_files(1, "late")
    item = next(i for i in list_items(vault) if i.original_name == late.name)
    published = BlobStore(dest).path_for(item.id)
    published.parent.mkdir(exist_ok=True)
    published.write_bytes(vault.store.path_for(item.id).read_bytes())
    with unlock_vault(dest, PASSPHRASE, exclusive=False) as copy:
        kinds = [p.kind for p in check_vault(copy).problems]
    assert kinds == ["orphan_blob"], "without the pending list it would be an orphan"
    layout.write_pending(dest, {item.id})
    _checked(dest).lock()
    report = make_backup(vault, dest)  # the next backup takes it as it is, already there
    assert report.copied == 0 and not layout.pending_ids(dest)
    _checked(dest).lock()


def test_a_cancelled_backup_leaves_the_previous_one(stocked: Stocked, tmp_path: Path) -> None:
    vault, dest = stocked.vault, tmp_path / "backup"
    make_backup(vault, dest)
    then = _state(vault)
    stocked.add_files(4, "c")
    cancel = threading.Event()
    steps: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        steps.append((done, total))
        if len(steps) > len(then["items"]) + 2:  # type: ignore[arg-type]
            cancel.set()  # among the new copies being written or read back

    with pytest.raises(BackupCancelledError, match="as it was"):
        make_backup(vault, dest, progress=progress, cancel=cancel)
    with _checked(dest) as copy:
        assert _state(copy)["items"] == then["items"]
    assert make_backup(vault, dest).copied == 4


def test_a_staged_backup_holds_the_folder_until_it_is_finished(
    stocked: Stocked, tmp_path: Path
) -> None:
    """The window stages a backup on its database worker, copies on another thread and
    publishes on the database worker again: meanwhile a second backup to the same
    folder is refused, not interleaved."""
    vault, dest = stocked.vault, tmp_path / "backup"
    staged, staged_items = stage_backup(vault, dest), len(stocked.files)
    assert staged.staged_db.is_file() and not (dest / "vault.db").exists()
    with pytest.raises(BackupDestinationError, match="already under way"):
        make_backup(vault, dest)
    stocked.add_files(2, "meanwhile")  # the vault is written while the copies are made
    copied: list[CopiedBackup] = []
    copier = threading.Thread(target=lambda: copied.append(copy_backup(staged)))
    copier.start()
    copier.join(60)
    with pytest.raises(BackupDestinationError, match="already under way"):
        make_backup(vault, dest)  # copied, not yet published: still the staged backup's
    report = publish_backup(vault, copied[0])
    assert report.items == staged_items, "the snapshot is the vault as it was staged"
    with _checked(dest) as copy:
        assert len(list_items(copy)) == staged_items
    assert make_backup(vault, dest).copied == 2, "the folder is free again"
