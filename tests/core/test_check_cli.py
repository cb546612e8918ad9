"""``evault check`` as the user runs it: a deleted record is exit 1 and its file stays;
``--repair`` moves strays into quarantine/ and says so, deleting nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

from tests.core.conftest import PASSPHRASE
from tests.core.tamper_helpers import tamper
from tests.core.test_core_cli import evault
from vault.fsutil import make_private_dir
from vault.handle import OpenVault, unlock_vault
from vault.importing import import_paths


def _one_item(vault: OpenVault, tmp_path: Path) -> str:
    path = tmp_path / "threat.jpg"
    Image.new("RGB", (40, 40), (200, 10, 10)).save(path, "JPEG")
    (result,) = import_paths(vault, [path]).results
    assert result.item_id
    return result.item_id


def _check(folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    done = evault("check", "--vault", str(folder), *extra)
    assert "Traceback" not in done.stderr
    return done


def test_a_deleted_record_is_exit_1_before_and_after_repair(
    vault: OpenVault, vault_dir: Path, tmp_path: Path
) -> None:
    item = _one_item(vault, tmp_path)
    blob = vault.store.path_for(item)
    tamper(
        vault,
        f"DELETE FROM checkpoint_leaves WHERE item_id = '{item}'",  # noqa: S608
        f"DELETE FROM items WHERE id = '{item}'",  # noqa: S608
    )
    vault.lock()
    for extra in ((), ("--repair",)):
        done = _check(vault_dir, *extra)
        assert done.returncode == 1, done.stdout + done.stderr
        assert f"PROBLEM The record of item {item} was deleted; its file is still here." in (
            done.stdout
        )
        assert "quarantine" not in done.stdout
        assert blob.is_file()


def test_repair_moves_an_orphan_to_quarantine_and_says_so(
    vault: OpenVault, vault_dir: Path, tmp_path: Path
) -> None:
    _one_item(vault, tmp_path)
    orphan = vault.store.path_for("b" * 26)
    orphan.parent.mkdir(mode=0o700, exist_ok=True)
    orphan.write_bytes(b"left by an interrupted import")
    vault.lock()
    assert _check(vault_dir).returncode == 1
    done = _check(vault_dir, "--repair")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "moved to quarantine:" in done.stdout and "nothing was deleted" in done.stdout
    assert not orphan.exists()
    kept = list((vault_dir / "quarantine").rglob("*"))
    assert any(p.is_file() and p.read_bytes() == b"left by an interrupted import" for p in kept)
    assert _check(vault_dir).returncode == 0
    unlock_vault(vault_dir, PASSPHRASE).lock()


def test_a_vault_in_new_nested_folders_makes_each_of_them_private(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    make_private_dir(deep)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", deep):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
