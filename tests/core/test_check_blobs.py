"""``evault check`` never destroys evidence and goes on past a blob it cannot read."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from PIL import Image

from tests.core.tamper_helpers import tamper
from vault.check import check_vault
from vault.handle import OpenVault
from vault.importing import import_paths


def _import(vault: OpenVault, tmp_path: Path, count: int) -> list[str]:
    paths = []
    for n in range(count):
        path = tmp_path / f"p{n}.jpg"
        Image.new("RGB", (30, 30), (n * 40, 0, 0)).save(path, "JPEG")
        paths.append(path)
    return [str(r.item_id) for r in import_paths(vault, paths).results]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_deleted_item_record_is_a_failure_and_its_blob_is_kept(
    vault: OpenVault, tmp_path: Path
) -> None:
    kept, deleted = _import(vault, tmp_path, 2)
    blob = vault.store.path_for(deleted)
    tamper(
        vault,
        f"DELETE FROM checkpoint_leaves WHERE item_id = '{deleted}'",  # noqa: S608
        f"DELETE FROM items WHERE id = '{deleted}'",  # noqa: S608
    )
    for repair in (False, True):
        report = check_vault(vault, repair=repair)
        assert not report.ok
        assert report.repaired == () and report.quarantined == ()
        problem = next(p for p in report.problems if p.kind == "item_record_deleted")
        assert problem.item_id == deleted
        assert (
            problem.message == f"The record of item {deleted} was deleted; its file is still here."
        )
        assert all(p.kind != "orphan_blob" for p in report.problems)
        assert blob.is_file()
    assert not (vault.info.path / "quarantine").exists()
    assert all(p.item_id != kept for p in report.problems)


def test_repair_moves_true_orphans_and_temp_files_to_quarantine(
    vault: OpenVault, tmp_path: Path
) -> None:
    (item,) = _import(vault, tmp_path, 1)
    orphan = vault.store.path_for("a" * 26)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"left by a crash")
    temp = vault.store.path_for(item).parent / f".{'b' * 26}.tmp"
    temp.write_bytes(b"half written")
    quarantine = vault.info.path / "quarantine"
    earlier = quarantine / orphan.name
    quarantine.mkdir(mode=0o700)
    earlier.write_bytes(b"moved by an earlier repair")
    report = check_vault(vault)
    assert {p.kind for p in report.problems} == {"orphan_blob", "temp_file"}
    repaired = check_vault(vault, repair=True)
    assert sorted(repaired.repaired) == sorted([str(orphan), str(temp)])
    assert sorted(repaired.quarantined) == sorted(
        [str(quarantine / f"{orphan.name}.1"), str(quarantine / temp.name)]
    )
    assert not orphan.exists() and not temp.exists()
    assert earlier.read_bytes() == b"moved by an earlier repair", "never overwrite"
    moved = sorted(p.name for p in quarantine.iterdir())
    assert moved == sorted([orphan.name, f"{orphan.name}.1", temp.name])
    assert (quarantine / f"{orphan.name}.1").read_bytes() == b"left by a crash"
    assert (quarantine / temp.name).read_bytes() == b"half written"
    assert _mode(quarantine) == 0o700
    again = check_vault(vault, repair=True)
    assert again.ok and again.repaired == ()
    assert sorted(p.name for p in quarantine.iterdir()) == moved
    assert vault.store.path_for(item).is_file()


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-7])


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _symlink(path: Path) -> None:
    target = path.with_name("elsewhere")
    path.rename(target)
    path.symlink_to(target)


@pytest.mark.parametrize("damage", [_folder, _truncated, _fifo, _symlink])
def test_check_goes_on_past_a_blob_it_cannot_read(
    vault: OpenVault, tmp_path: Path, damage: object
) -> None:
    _first, broken, _last = _import(vault, tmp_path, 3)
    assert callable(damage)
    damage(vault.store.path_for(broken))
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(check_vault(vault)), daemon=True)
    worker.start()
    worker.join(30)
    assert result, "check hung on the damaged blob"
    report = result[0]
    assert not report.ok  # type: ignore[attr-defined]
    problems = report.problems  # type: ignore[attr-defined]
    assert [p.item_id for p in problems] == [broken], problems
    assert problems[0].kind == "unreadable_blob"
    assert broken in problems[0].message
    assert report.items_checked == 3  # type: ignore[attr-defined]


def test_every_folder_the_vault_creates_is_private(vault: OpenVault, tmp_path: Path) -> None:
    (item,) = _import(vault, tmp_path, 1)
    blobs = vault.store.root
    assert _mode(vault.info.path) == 0o700
    assert _mode(blobs) == 0o700
    assert _mode(vault.store.path_for(item).parent) == 0o700
    orphan = blobs / "zz" / f"{'z' * 26}.age"
    orphan.parent.mkdir(mode=0o700)
    orphan.write_bytes(b"x")
    check_vault(vault, repair=True)
    assert _mode(vault.info.path / "quarantine") == 0o700
    for folder in [vault.info.path, *vault.info.path.rglob("*")]:
        if folder.is_dir():
            assert _mode(folder) == 0o700, folder


def test_only_the_item_row_deleted_is_caught_too(vault: OpenVault, tmp_path: Path) -> None:
    (deleted,) = _import(vault, tmp_path, 1)
    tamper(vault, f"DELETE FROM items WHERE id = '{deleted}'")  # noqa: S608
    report = check_vault(vault, repair=True)
    kinds = {p.kind for p in report.problems}
    assert {"item_record_deleted", "checkpoint_invalid"} <= kinds, report.problems
    assert "orphan_blob" not in kinds and report.repaired == ()
    assert vault.store.path_for(deleted).is_file()
