"""Vault lifecycle, import round trip, duplicates, bad input, no plaintext at rest, check."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import tempfile
import threading
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.helpers import require_tool
from vault import errors
from vault.check import check_vault
from vault.dto import ImportProgress, ImportStatus
from vault.handle import OpenVault, create_vault, unlock_vault
from vault.importing import fill_sm3, import_paths
from vault.items import list_items, open_item
from vault.keys import IdentityReader
from vault.lenders import add_lender, list_lenders
from vault.notes import add_note, list_notes

LENDER = "好运贷测试平台"
NUMBER = "13812345678"
NOTE = "催收员上门威胁要找我母亲"


def _jpeg_with_exif(path: Path) -> None:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8769] = {0x9003: "2024:03:15 14:30:22", 0x9011: "+08:00"}
    image.save(path, "JPEG", exif=exif)


def _evidence(folder: Path) -> dict[str, bytes]:
    """Real files: speech via espeak-ng and ffmpeg, a JPEG with EXIF, a PNG, a PDF."""
    folder.mkdir()
    wav = folder / f"{NUMBER}(13812345678)_20240315143022.wav"
    subprocess.run(
        [require_tool("espeak-ng"), "-v", "zh", "-w", str(wav), "你再不还钱我们就去你家"],
        check=True,
    )
    m4a = folder / "通话录音@好运贷 13812345678_20240316101500.m4a"
    subprocess.run(
        [require_tool("ffmpeg"), "-loglevel", "error", "-i", str(wav), "-c:a", "aac", str(m4a)],
        check=True,
    )
    _jpeg_with_exif(folder / "IMG_0001.jpg")
    Image.new("RGB", (40, 80), (0, 0, 255)).save(
        folder / "Screenshot_20240317_093000_com.tencent.mm.png"
    )
    pdf = folder / "律师函.pdf"
    Image.new("RGB", (100, 100), "white").save(pdf, "PDF")
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_import_round_trip_and_recovery_with_the_age_cli(
    vault: OpenVault, vault_dir: Path, tmp_path: Path
) -> None:
    originals = _evidence(tmp_path / "phone")
    add_lender(vault, LENDER, numbers=["+86 138-1234-5678"])
    report = import_paths(vault, [tmp_path / "phone"], lender=LENDER)
    assert report.count(ImportStatus.IMPORTED) == len(originals), report
    assert all(item.sm3 is None for item in list_items(vault, lender=LENDER))  # not at intake
    assert fill_sm3(vault) == len(originals)
    items = {item.original_name: item for item in list_items(vault, lender=LENDER)}
    assert set(items) == set(originals)
    for name, data in originals.items():
        item = items[name]
        assert item.sha256 == hashlib.sha256(data).hexdigest()
        assert item.sm3 == hashlib.new("sm3", data).hexdigest()
        with open_item(vault, item.id) as reader:
            assert reader.read() == data
    photo = items["IMG_0001.jpg"]
    assert photo.time_source == "exif" and photo.captured_offset_min == 480
    call = items[f"{NUMBER}(13812345678)_20240315143022.wav"]
    assert call.kind == "recording" and call.counterpart == NUMBER
    assert items["Screenshot_20240317_093000_com.tencent.mm.png"].kind == "screenshot"
    assert list_lenders(vault)[0].item_count == len(originals)

    # Recovery with nothing but the age CLI: the passphrase opens identity.age, whose
    # key opens every blob.
    key = tmp_path / "key.txt"
    typed = f"{PASSPHRASE}\n".encode()
    subprocess.run(
        [
            require_tool("script"),
            "-qec",
            f"age -d -o '{key}' '{vault_dir / 'identity.age'}'",
            "/dev/null",
        ],
        input=typed,
        check=True,
        capture_output=True,
        timeout=60,
    )
    for item in items.values():
        blob = vault.store.path_for(item.id)
        out = subprocess.run(
            [require_tool("age"), "-d", "-i", str(key), str(blob)], check=True, capture_output=True
        )
        assert out.stdout == originals[item.original_name]


def test_nothing_readable_is_left_at_rest(
    vault: OpenVault, vault_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    originals = _evidence(tmp_path / "phone")
    scratch = tmp_path / "tmp"  # the temp dir the import sees: it must stay clean
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setenv("SQLITE_TMPDIR", str(scratch))
    add_lender(vault, LENDER, numbers=[NUMBER])
    import_paths(vault, [tmp_path / "phone"], lender=LENDER)
    add_note(vault, LENDER, NOTE)
    vault.lock()
    distinctive = [data[len(data) // 2 : len(data) // 2 + 32] for data in originals.values()]
    needles = [LENDER.encode(), NOTE.encode(), NUMBER.encode(), *distinctive]
    for path in vault_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for needle in needles:
                assert needle not in content, f"{path.name} holds plaintext {needle[:16]!r}"
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, f"{path} is readable by others"
    assert stat.S_IMODE(vault_dir.stat().st_mode) == 0o700
    for path in scratch.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not any(needle in content for needle in needles), f"temp file {path} leaks"


def test_duplicates_are_reported_not_stored_twice(vault: OpenVault, tmp_path: Path) -> None:
    first = tmp_path / "a.jpg"
    _jpeg_with_exif(first)
    copy = tmp_path / "copy-of-a.jpg"
    copy.write_bytes(first.read_bytes())
    report = import_paths(vault, [first, copy])
    assert [r.status for r in report.results] == [ImportStatus.IMPORTED, ImportStatus.DUPLICATE]
    again = import_paths(vault, [first])
    assert again.results[0].status is ImportStatus.DUPLICATE
    assert again.results[0].duplicate_of == report.results[0].item_id
    assert len(list(vault.store.iter_ids())) == 1


def test_bad_files_are_refused_and_the_batch_goes_on(vault: OpenVault, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "empty.mp3").write_bytes(b"")
    (folder / "junk.bin").write_bytes(os.urandom(1000))
    unreadable = folder / "locked.jpg"
    unreadable.write_bytes(b"\xff\xd8\xff" + os.urandom(100))
    unreadable.chmod(0)
    sparse = folder / "sparse.bin"
    with sparse.open("wb") as out:
        out.truncate(64 << 20)  # 64 MiB of holes: reads as zeros
    results = {r.path.name: r for r in import_paths(vault, [folder]).results}
    assert results["empty.mp3"].status is ImportStatus.REFUSED
    assert results["empty.mp3"].reason == "The file is empty."
    assert results["junk.bin"].status is ImportStatus.IMPORTED
    assert results["sparse.bin"].status is ImportStatus.IMPORTED
    if os.geteuid() != 0:  # root reads mode-000 files anyway
        assert results["locked.jpg"].status is ImportStatus.REFUSED
    assert check_vault(vault).ok


def test_wrong_passphrase_has_its_own_error_and_changes_nothing(
    vault: OpenVault, vault_dir: Path
) -> None:
    vault.lock()
    before = {p: p.read_bytes() for p in vault_dir.rglob("*") if p.is_file()}
    with pytest.raises(errors.WrongPassphraseError) as caught:
        unlock_vault(vault_dir, "not the passphrase")
    assert caught.value.exit_code == 3
    assert {p: p.read_bytes() for p in vault_dir.rglob("*") if p.is_file()} == before


def test_an_unlock_started_early_opens_the_same_vault_or_fails_the_same_way(
    vault: OpenVault, vault_dir: Path
) -> None:
    """The CLI derives the key in a thread while it loads modules (IdentityReader)."""
    recipient = vault.info.recipient
    vault.lock()
    with unlock_vault(vault_dir, IdentityReader(vault_dir, PASSPHRASE)) as again:
        assert again.info.recipient == recipient
        assert list_lenders(again) is not None
    with pytest.raises(errors.WrongPassphraseError):
        unlock_vault(vault_dir, IdentityReader(vault_dir, "not the passphrase"))
    empty = vault_dir.parent / "not-a-vault"
    empty.mkdir()
    with pytest.raises(errors.VaultError, match="not an Evidence Vault"):
        unlock_vault(empty, IdentityReader(empty, PASSPHRASE))


def test_change_passphrase_rewrites_only_identity(
    vault: OpenVault, vault_dir: Path, tmp_path: Path
) -> None:
    add_lender(vault, LENDER)
    photo = tmp_path / "p.jpg"
    _jpeg_with_exif(photo)
    import_paths(vault, [photo])
    identity = (vault_dir / "identity.age").read_bytes()
    keep = {p: p.read_bytes() for p in vault_dir.rglob("*.age") if p.name != "identity.age"}
    keep[vault_dir / "vault.json"] = (vault_dir / "vault.json").read_bytes()
    vault.change_passphrase("a new passphrase", work_factor=FAST_WORK_FACTOR)
    vault.lock()
    assert (vault_dir / "identity.age").read_bytes() != identity
    assert {p: p.read_bytes() for p in keep} == keep
    assert not list(vault_dir.glob(".*.tmp")), "no temp file may be left behind"
    with pytest.raises(errors.WrongPassphraseError):
        unlock_vault(vault_dir, PASSPHRASE)
    with unlock_vault(vault_dir, "a new passphrase") as reopened:
        assert [lender.name for lender in list_lenders(reopened)] == [LENDER]
        assert reopened.keys.database_key  # same key derivation, same database


def test_create_refuses_an_existing_vault(vault: OpenVault, vault_dir: Path) -> None:
    with pytest.raises(errors.UsageError):
        create_vault(vault_dir, "x", work_factor=FAST_WORK_FACTOR)


def test_check_finds_a_truncated_blob_and_orphans(vault: OpenVault, tmp_path: Path) -> None:
    photo = tmp_path / "p.jpg"
    _jpeg_with_exif(photo)
    other = tmp_path / "q.jpg"
    Image.new("RGB", (50, 50), (1, 2, 3)).save(other, "JPEG")
    items = [r.item_id for r in import_paths(vault, [photo, other]).results]
    assert check_vault(vault).ok
    blob = vault.store.path_for(str(items[0]))
    blob.write_bytes(blob.read_bytes()[:-10])
    orphan = vault.store.path_for("a" * 26)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"left by a crash")
    report = check_vault(vault)
    kinds = {(p.kind, p.item_id) for p in report.problems}
    assert ("unreadable_blob", items[0]) in kinds
    assert ("orphan_blob", None) in kinds
    assert all(p.item_id != items[1] for p in report.problems)
    repaired = check_vault(vault, repair=True)
    assert not orphan.exists() and len(repaired.repaired) == 1
    assert blob.exists(), "repair must never delete an item's blob"


def test_notes_keep_the_wall_clock_time(vault: OpenVault) -> None:
    add_lender(vault, LENDER)
    note = add_note(vault, LENDER, NOTE, occurred_at=datetime(2024, 3, 15, 23, 40))
    assert note.occurred_offset_min == 480
    assert list_notes(vault, LENDER)[0].text == NOTE


def test_progress_is_reported_and_cancel_stops_between_files(
    vault: OpenVault, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(40):
        (folder / f"file{n:02d}.bin").write_bytes(os.urandom(20_000 + n))
    cancel = threading.Event()
    seen: list[ImportProgress] = []

    def progress(update: ImportProgress) -> None:
        seen.append(update)
        if update.files_done >= 5:
            cancel.set()

    report = import_paths(vault, [folder], progress=progress, cancel=cancel)
    imported = report.count(ImportStatus.IMPORTED)
    cancelled = report.count(ImportStatus.CANCELLED)
    assert imported >= 5 and cancelled > 0 and imported + cancelled == 40
    assert seen[0].files_total == 40 and seen[0].bytes_total == sum(20_000 + n for n in range(40))
    assert [u.files_done for u in seen] == sorted(u.files_done for u in seen)
    assert len(list_items(vault)) == imported, "every file reported imported is in the vault"
    assert check_vault(vault).ok


def test_cancel_abandons_the_large_files_being_staged(vault: OpenVault, tmp_path: Path) -> None:
    # Cancel pressed while recordings of 24 MB are being encrypted: they are abandoned
    # at their next batch, not finished first, and leave no temp blob behind.
    folder = tmp_path / "recordings"
    folder.mkdir()
    for n in range(6):
        (folder / f"call{n}.wav").write_bytes(os.urandom(24 << 20))
    cancel = threading.Event()
    seen: list[ImportProgress] = []

    def progress(update: ImportProgress) -> None:
        seen.append(update)
        cancel.set()  # at the first report, while the first file is being staged

    report = import_paths(vault, [folder], progress=progress, cancel=cancel)
    assert [r.status for r in report.results] == [ImportStatus.CANCELLED] * 6
    assert seen[-1].bytes_done == 0, "the bytes of abandoned files are not counted done"
    assert list_items(vault) == []
    leftovers = [p for p in vault.store.root.rglob("*") if p.is_file()]
    assert leftovers == []
    assert check_vault(vault).ok
