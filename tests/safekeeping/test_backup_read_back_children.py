"""A backup that reads its copies back in child processes finds what the threads find
(a damaged copy stops it with the same error), fails in one sentence when a child is
killed, leaving the backup folder's previous backup whole, and gives a child its
identity on a pipe only: never on its command line or in its environment."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from tests.safekeeping.conftest import PASSPHRASE, Stocked
from vault.check import check_vault
from vault.handle import unlock_vault
from vault.items import list_items
from vault.safekeeping import make, readback
from vault.safekeeping.make import BackupCopyError, make_backup
from vault.store import BlobStore


def _read_back_children() -> list[int]:
    """This process's children running the read-back module."""
    return _children_running(readback.MODULE)


def _children_running(module: str) -> list[int]:
    me, found = os.getpid(), []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            if parent == me and module.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
    return found


def _items_of(folder: Path) -> set[str]:
    with unlock_vault(folder, PASSPHRASE, exclusive=False) as copy:
        report = check_vault(copy)
        assert report.ok, [p.message for p in report.problems]
        return {item.id for item in list_items(copy)}


def _new_blob(stocked: Stocked, tag: str) -> Path:
    """The vault's blob of a new recording (its sixth age chunk is in the middle)."""
    call = stocked.tmp / f"{tag}.bin"
    call.write_bytes(os.urandom(6 * 65536 + 999))
    from vault.importing import import_paths  # noqa: PLC0415

    import_paths(stocked.vault, [call], lender="好运贷")
    item = next(i for i in list_items(stocked.vault) if i.original_name == call.name)
    path = BlobStore(stocked.vault.info.path).path_for(item.id)
    path.chmod(0o600)
    return path


@pytest.mark.parametrize("damage", ["flipped", "truncated"])
def test_a_copy_that_does_not_read_back_stops_the_backup_the_same_way(
    stocked: Stocked, tmp_path: Path, read_back_in: str, damage: str
) -> None:
    dest = tmp_path / "usb"
    make_backup(stocked.vault, dest)
    before = _items_of(dest)
    blob = _new_blob(stocked, f"late-{damage}")
    data = bytearray(blob.read_bytes())
    if damage == "flipped":
        data[len(data) // 2] ^= 0x01  # copied as it is: the copy in DEST is damaged too
    else:
        data = data[: len(data) - (999 + 16)]  # the final chunk gone, at a chunk's end
    blob.write_bytes(bytes(data))
    with pytest.raises(BackupCopyError) as caught:
        make_backup(stocked.vault, dest)
    assert caught.value.code == "backup_copy_failed"
    expected = "failed authentication" if damage == "flipped" else "truncated"
    assert expected in str(caught.value), str(caught.value)
    assert _items_of(dest) == before, "the backup folder keeps its previous backup"
    assert not _read_back_children(), "every child has ended"


def test_a_killed_child_fails_the_backup_in_one_sentence_and_keeps_the_previous_one(
    stocked: Stocked, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(make, "CHILDREN_FROM", 0)  # read back in children, however small
    monkeypatch.setattr(readback, "CHILDREN", 2)  # and however few the cores
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    dest = tmp_path / "usb"
    make_backup(stocked.vault, dest)
    before = _items_of(dest)
    stocked.add_files(8, "late")
    secret = stocked.vault.keys.identity.secret_bytes()
    secret_text = stocked.vault.keys.identity.to_string().encode()
    killed: list[int] = []

    def kill_the_children(done: int, total: int) -> None:
        if killed or done < total // 2 + 2:
            return  # the copying half, once a few copies were given to the children
        for pid in _read_back_children():
            seen = (
                Path(f"/proc/{pid}/cmdline").read_bytes()
                + Path(f"/proc/{pid}/environ").read_bytes()
            )
            assert secret not in seen and secret_text not in seen, "a secret left the pipe"
            assert PASSPHRASE.encode() not in seen, "the passphrase reached a child"
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    with pytest.raises(readback.ReadBackStoppedError) as caught:
        make_backup(stocked.vault, dest, progress=kill_the_children)
    assert killed, "no child was running while the copies were made"
    assert caught.value.code == "backup_read_back_stopped"
    assert "SIGKILL" in str(caught.value) and "previous backup" in str(caught.value)
    assert _items_of(dest) == before, "the backup folder keeps its previous backup"
    assert not _read_back_children(), "every child has ended"
    assert make_backup(stocked.vault, dest).copied == 8, "the next backup completes it"
    assert _items_of(dest) == {item.id for item in list_items(stocked.vault)}


@pytest.mark.parametrize("why", ["small", "two cores"])
def test_a_small_backup_or_one_on_two_cores_starts_no_child(
    stocked: Stocked, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, why: str
) -> None:
    if why == "two cores":
        monkeypatch.setattr(make, "CHILDREN_FROM", 0)
        monkeypatch.setattr(readback, "CHILDREN", 1)  # the one core beside the copying
    else:
        monkeypatch.setattr(readback, "CHILDREN", 2)
        assert sum(path.stat().st_size for path in stocked.files) < make.CHILDREN_FROM
    seen: list[int] = []
    report = make_backup(
        stocked.vault, tmp_path / "usb", progress=lambda d, t: seen.extend(_read_back_children())
    )
    assert report.copied == len(stocked.files)
    assert not seen, f"read back in a child process ({why})"


@pytest.mark.parametrize("program", ["ui.evault", "ui.app"])
def test_the_apps_own_programs_run_the_child_as_a_frozen_build_does(
    stocked: Stocked, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, program: str
) -> None:
    """A frozen build starts its own executable (evault, or the window's) with the
    child's flag: both entry points answer as the module does."""
    command = [sys.executable, "-B", "-m", program, readback.CHILD_FLAG]
    monkeypatch.setattr(readback, "child_command", lambda: command)
    monkeypatch.setattr(make, "CHILDREN_FROM", 0)
    monkeypatch.setattr(readback, "CHILDREN", 2)
    dest = tmp_path / "usb"
    started: list[int] = []
    report = make_backup(
        stocked.vault, dest, progress=lambda d, t: started.extend(_children_running(program))
    )
    assert started, f"no child ran {program}"
    assert report.copied == len(stocked.files)
    assert _items_of(dest) == {item.id for item in list_items(stocked.vault)}
