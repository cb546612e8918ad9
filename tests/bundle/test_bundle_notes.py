"""Notes (当事人陈述) travel in the bundle as evidence: their own numbered rows, a text file
Notepad shows right, listed in SHA256SUMS and manifest.json, checked by ``evault verify``
against the text recorded when the note was written; and the complaints record is in the
evidence list."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.bundle.conftest import LENDER, OTHER_LENDER, PASSPHRASE, make_vault
from tests.bundle.test_bundle_tamper import evault_verify, resum, rewrite, standard_tools
from vault.bundle import layout
from vault.bundle.export import ExportRequest, export_bundle
from vault.case.complaints import add_complaint
from vault.keys import VaultKeys, read_identity
from vault.note_file import note_file_bytes
from vault.notes import MAX_NOTE_CHARS, NoteTooLongError, add_note, list_notes

VISIT = "下午两个人到我家门口，说再不还钱就天天来。\n他们拍了门牌照片。"


@dataclass(frozen=True)
class WithNotes:
    vault_dir: Path
    bundle: Path
    notes_only: Path


@pytest.fixture(scope="module")
def with_notes(tmp_path_factory: pytest.TempPathFactory, originals: Path) -> Iterator[WithNotes]:
    root = tmp_path_factory.mktemp("notes")
    vault = make_vault(root / "vault", originals)
    try:
        add_note(
            vault,
            LENDER,
            VISIT,
            occurred_at=datetime(2024, 3, 6, 15, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
        )
        add_note(vault, OTHER_LENDER, "电话里说要去我单位闹。")
        add_complaint(
            vault,
            LENDER,
            channel="12378",
            filed_on=date(2024, 3, 8),
            reference="BX-2024-0308-17",
            status="acknowledged",
        )
        bundle = export_bundle(vault, ExportRequest(out=root / "b.zip", lender=LENDER)).path
        notes_only = export_bundle(
            vault, ExportRequest(out=root / "n.zip", lender=OTHER_LENDER)
        ).path
    finally:
        vault.lock()
    yield WithNotes(root / "vault", bundle, notes_only)


def _read(bundle: Path) -> tuple[dict[str, bytes], dict[str, object]]:
    with zipfile.ZipFile(bundle) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return files, json.loads(files[layout.MANIFEST])


def test_a_note_is_a_numbered_text_file_listed_everywhere(
    with_notes: WithNotes, tmp_path: Path
) -> None:
    files, manifest = _read(with_notes.bundle)
    items = manifest["items"]
    assert isinstance(items, list)
    notes = [i for i in items if i["kind"] == "note"]
    assert len(notes) == 1
    note = notes[0]
    assert note["number"] == len(items)  # after the lender's other evidence, numbered on
    assert note["path"] == f"evidence/{LENDER}/{note['number']:03d}_2024-03-06_note.txt"
    data = files[note["path"]]
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"\n\n" not in data
    assert data.decode("utf-8-sig").replace("\r\n", "\n") == VISIT
    assert note["sha256"] == hashlib.sha256(data).hexdigest() and note["size"] == len(data)
    assert note["sm3"] == hashlib.new("sm3", data).hexdigest()
    assert note["media_type"] == "text/plain; charset=utf-8"
    assert note["captured_at"] == "2024-03-06T07:30:00.000000Z"
    assert note["time_source"] == "user"
    (event,) = note["custody"]
    assert event["action"] == "note_added" and event["payload"]["text"] == VISIT
    assert f"{note['sha256']}  {note['path']}\n".encode() in files[layout.SHA256SUMS]
    assert manifest["schema_version"] == 3
    assert standard_tools(with_notes.bundle, tmp_path / "u") == (0, 0)
    verified = evault_verify(with_notes.bundle)
    assert verified.returncode == 0, verified.stdout
    html = files[layout.REPORT_HTML].decode("utf-8")
    assert "当事人陈述" in html and "他们拍了门牌照片。" in html
    assert "电话里说要去我单位闹" not in html  # another lender's note stays out


def test_the_report_lists_the_complaints_and_says_the_zone_in_words(
    with_notes: WithNotes,
) -> None:
    files, _ = _read(with_notes.bundle)
    html = files[layout.REPORT_HTML].decode("utf-8")
    for shown in ("投诉记录", "12378 消费者投诉热线", "2024-03-08", "BX-2024-0308-17", "已受理"):
        assert shown in html, shown
    assert "北京时间（UTC+08:00）" in html and "Asia/Shanghai" not in html
    assert "backup_newest_row" not in html and "Etc/UTC" not in html


def test_a_lender_with_only_notes_still_exports(with_notes: WithNotes) -> None:
    files, manifest = _read(with_notes.notes_only)
    items = manifest["items"]
    assert isinstance(items, list)
    assert [i["kind"] for i in items] == ["note"]
    assert evault_verify(with_notes.notes_only).returncode == 0
    assert "尚未记录对该平台的投诉" in files[layout.REPORT_HTML].decode("utf-8")


def _note_path(files: dict[str, bytes]) -> str:
    return next(name for name in files if name.endswith("_note.txt"))


def test_a_changed_note_file_is_named_by_every_checker(
    with_notes: WithNotes, tmp_path: Path
) -> None:
    files, _ = _read(with_notes.bundle)
    path = _note_path(files)
    forged = rewrite(
        with_notes.bundle,
        tmp_path / "forged.zip",
        lambda f: f | {path: f[path].replace("天天".encode(), "偶尔".encode())},
    )
    result = evault_verify(forged)
    assert result.returncode == 1
    assert f"{path} does not match its SHA-256 in SHA256SUMS" in result.stdout
    assert standard_tools(forged, tmp_path / "u")[0] != 0


def test_a_note_rewritten_and_re_signed_differs_from_its_custody_record(
    with_notes: WithNotes, tmp_path: Path
) -> None:
    """Even with the vault's own key (sums and signature redone), a note whose file no
    longer says what the note_added event recorded is named."""
    identity, _ = read_identity(with_notes.vault_dir, PASSPHRASE)
    key = VaultKeys.from_identity(identity).signing_key

    def change(files: dict[str, bytes]) -> dict[str, bytes]:
        path = _note_path(files)
        forged = note_file_bytes("他们从没来过。")
        manifest = json.loads(files[layout.MANIFEST])
        for item in manifest["items"]:
            if item["path"] == path:
                item["sha256"] = hashlib.sha256(forged).hexdigest()
                item["size"] = len(forged)
        out = files | {path: forged, layout.MANIFEST: json.dumps(manifest).encode()}
        return resum(out, key, replace_signer=False)

    items = _read(with_notes.bundle)[1]["items"]
    assert isinstance(items, list)
    number = next(i["number"] for i in items if i["kind"] == "note")
    forged = rewrite(with_notes.bundle, tmp_path / "resigned.zip", change)
    result = evault_verify(forged)
    assert result.returncode == 1, result.stdout
    assert (
        f"Item {number}: the note's file differs from the text recorded when it was written."
        in result.stdout
    )


def test_a_note_too_long_for_a_bundle_is_refused_and_the_vault_is_unchanged(
    tmp_path: Path, originals: Path
) -> None:
    vault = make_vault(tmp_path / "vault", originals)
    try:
        with pytest.raises(NoteTooLongError, match="at most 100,000 characters"):
            add_note(vault, LENDER, "催" * (MAX_NOTE_CHARS + 1))
        assert list_notes(vault, LENDER) == []
        add_note(vault, LENDER, "催" * MAX_NOTE_CHARS)  # the longest still goes, and verifies
        bundle = export_bundle(vault, ExportRequest(out=tmp_path / "b.zip", lender=LENDER)).path
    finally:
        vault.lock()
    assert evault_verify(bundle).returncode == 0
