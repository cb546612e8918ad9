"""A backup folder is opened read-only, and the core refuses every write to it (not
only the window): the refusal is one typed error, and the folder stays byte for byte as
the backup left it, with no temp file, no staged blob and no new folder."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from vault.bundle.export import ExportRequest, export_bundle
from vault.case.complaints import add_complaint
from vault.check import check_vault
from vault.cli import main
from vault.errors import VaultReadOnlyError
from vault.handle import OpenVault, create_vault, unlock_vault
from vault.importing import import_paths, import_upload
from vault.items import edit_item, list_items, purge_item, withdraw_item
from vault.lenders import add_lender, rename_lender
from vault.notes import add_note
from vault.safekeeping.make import make_backup

PASSPHRASE = "river moon ledger quiet 2026"
LENDER = "好运贷"


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    """A backup of a vault with one lender, two items (one in the trash) and a note."""
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=10)
    add_lender(vault, LENDER)
    for name in ("call_1.bin", "call_2.bin"):
        (tmp_path / name).write_bytes(os.urandom(4096))
    import_paths(vault, [tmp_path / "call_1.bin", tmp_path / "call_2.bin"], lender=LENDER)
    withdraw_item(vault, list_items(vault)[1].id, reason="a duplicate")
    add_note(vault, LENDER, "催收员上门")
    make_backup(vault, tmp_path / "usb")
    vault.lock()
    (tmp_path / "new.bin").write_bytes(os.urandom(4096))
    return tmp_path / "usb"


def _tree(folder: Path) -> dict[str, str]:
    """Every file (its SHA-256) and folder under ``folder``."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "folder"
        for p in folder.rglob("*")
    }


def _first(vault: OpenVault) -> str:
    return list_items(vault)[0].id


def _trashed(vault: OpenVault) -> str:
    return list_items(vault, include_withdrawn=True)[-1].id


WRITES: dict[str, Callable[[OpenVault, Path], object]] = {
    "import": lambda v, tmp: import_paths(v, [tmp / "new.bin"], lender=LENDER),
    "upload": lambda v, tmp: import_upload(v, (tmp / "new.bin").open("rb"), "new.bin"),
    "note": lambda v, _: add_note(v, LENDER, "又打电话来了"),
    "edit": lambda v, _: edit_item(v, _first(v), {"title": "威胁电话"}),
    "withdraw": lambda v, _: withdraw_item(v, _first(v), reason="mistake"),
    "purge": lambda v, _: purge_item(v, _trashed(v)),
    "lender": lambda v, _: rename_lender(v, LENDER, "坏运贷"),
    "complaint": lambda v, _: add_complaint(v, LENDER, channel="12378", filed_on=date(2024, 3, 15)),
    "export": lambda v, tmp: export_bundle(
        v, ExportRequest(out=tmp / "bundle.zip", lender=LENDER, stamp=False)
    ),
    "passphrase": lambda v, _: v.change_passphrase("another passphrase", work_factor=10),
    "repair": lambda v, _: check_vault(v, repair=True),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_write_to_a_backup_is_refused_and_nothing_in_it_changes(
    backup: Path, write: str
) -> None:
    if write == "repair":  # a stray a check would move to quarantine in a vault
        stray = backup / "blobs" / "ab" / ("ab" + "c" * 24 + ".age")
        stray.parent.mkdir(exist_ok=True)
        stray.write_bytes(os.urandom(64))
    before = _tree(backup)
    with unlock_vault(backup, PASSPHRASE) as copy:  # opened read-only: it is a backup
        assert copy.read_only
        with pytest.raises(VaultReadOnlyError, match="This is a backup"):
            WRITES[write](copy, backup.parent)
        assert len(list_items(copy, include_withdrawn=True)) == 2
    assert _tree(backup) == before
    assert not (backup.parent / "bundle.zip").exists()
    with unlock_vault(backup, PASSPHRASE) as copy:  # the passphrase is still the one
        assert check_vault(copy).items_checked == 2


def test_a_writing_command_on_a_backup_says_so_in_one_sentence(
    backup: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    before = _tree(backup)
    new = str(backup.parent / "new.bin")
    assert main(["import", "--vault", str(backup), "--lender", LENDER, new]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("evault: This is a backup") and "\n" not in err
    assert main(["note", "add", "--vault", str(backup), "--lender", LENDER, "--text", "x"]) == 2
    assert "This is a backup" in capsys.readouterr().err
    assert _tree(backup) == before
    assert main(["check", "--vault", str(backup)]) == 0, "reading it still works"
    assert main(["list", "--vault", str(backup)]) == 0
