"""Export: a bundle that standard tools verify, originals byte-identical, custody recorded,
and no half bundle after a cancel, a failure or a blob that no longer matches."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.bundle.conftest import LENDER, OTHER_LENDER, PASSPHRASE, Exported, make_vault
from tests.helpers import REPO, require_tool
from vault import custody
from vault.bundle import layout
from vault.bundle.export import (
    BundleExistsError,
    EvidenceMismatchError,
    ExportCancelledError,
    ExportRequest,
    NothingToExportError,
    export_bundle,
)
from vault.bundle.manifest import NO_TIME_NOTE
from vault.bundle.verify import verify_bundle
from vault.custody import ledger
from vault.dto import ExportProgress
from vault.errors import UsageError
from vault.handle import unlock_vault
from vault.items import list_items
from vault.lenders import UnknownLenderError


def unzip(bundle: Path, into: Path) -> Path:
    subprocess.run([require_tool("unzip"), "-q", str(bundle), "-d", str(into)], check=True)
    return into


def test_standard_tools_verify_an_exported_bundle(exported: Exported, tmp_path: Path) -> None:
    folder = unzip(exported.bundle, tmp_path / "b")
    sums = subprocess.run(
        [require_tool("sha256sum"), "-c", layout.SHA256SUMS],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert sums.returncode == 0, sums.stdout + sums.stderr
    listed = (folder / layout.SHA256SUMS).read_text(encoding="utf-8").splitlines()
    every_file = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert sorted(line.split("  ", 1)[1] for line in listed) == sorted(
        set(every_file) - layout.NOT_SUMMED
    )
    with (folder / layout.SHA256SUMS).open("rb") as message:
        signature = subprocess.run(
            [
                require_tool("ssh-keygen"),
                *("-Y", "verify", "-f", layout.ALLOWED_SIGNERS, "-I", "evidence-vault"),
                *("-n", "evidence-vault", "-s", layout.SIGNATURE),
            ],
            cwd=folder,
            stdin=message,
            capture_output=True,
            text=True,
            check=False,
        )
    assert signature.returncode == 0, signature.stderr
    assert 'Good "evidence-vault" signature for evidence-vault' in signature.stdout


def test_evidence_files_are_the_originals_byte_for_byte(exported: Exported, tmp_path: Path) -> None:
    folder = unzip(exported.bundle, tmp_path / "b")
    evidence = sorted(str(p.relative_to(folder)) for p in (folder / "evidence").rglob("*.*"))
    assert evidence == sorted(exported.originals)
    for path, original in exported.originals.items():
        assert (folder / path).read_bytes() == original, path


def test_files_are_named_by_lender_number_incident_date_and_kind(exported: Exported) -> None:
    names = sorted(exported.originals)
    assert f"evidence/{LENDER}/001_2024-03-01_screenshot.png" in names
    assert any(n.endswith("_2024-03-02_recording.m4a") for n in names)
    assert any(n.endswith("_2024-03-05_photo.jpg") for n in names)
    numbers = sorted(int(n.rsplit("/", 1)[1][:3]) for n in names)
    assert numbers == list(range(1, len(names) + 1))


def test_manifest_describes_items_and_leaves_room_for_trusted_time(exported: Exported) -> None:
    with zipfile.ZipFile(exported.bundle) as archive:
        manifest = json.loads(archive.read(layout.MANIFEST))
        sums = archive.read(layout.SHA256SUMS)
    assert manifest["schema_version"] == 3
    assert manifest["format"] == "evidence-vault-bundle"
    assert manifest["bundle_id"] == exported.result.bundle_id
    for entry in manifest["items"]:
        original = exported.originals[entry["path"]]
        assert entry["sha256"] == hashlib.sha256(original).hexdigest()
        assert entry["sm3"] == hashlib.new("sm3", original).hexdigest()
        assert entry["size"] == len(original)
        assert entry["checkpoint"] is None and entry["inclusion_proof"] is None
        assert entry["time_note"] == NO_TIME_NOTE  # imported, checkpointed, never stamped
        assert entry["custody"][0]["action"] == "item_imported"
        assert entry["custody"][0]["payload"]["sha256"] == entry["sha256"]
    assert exported.result.sha256sums_sha256 == hashlib.sha256(sums).hexdigest()


def test_the_export_is_a_custody_event_naming_its_hashes(exported: Exported) -> None:
    vault = unlock_vault(exported.vault_dir, PASSPHRASE)
    try:
        with vault.sessions() as session:
            events = list(ledger.iter_events(session))
            assert ledger.verify_chain(session) == []
        items = list_items(vault, lender=LENDER)
    finally:
        vault.lock()
    last = events[-1]
    assert last.action == custody.Action.EXPORTED
    assert last.seq == exported.result.custody_seq
    assert last.payload["bundle_id"] == exported.result.bundle_id
    assert last.payload["sha256sums_sha256"] == exported.result.sha256sums_sha256
    recorded = last.payload["items"]
    assert isinstance(recorded, list)
    assert sorted(json.dumps(e, sort_keys=True) for e in recorded) == sorted(
        json.dumps({"item_id": i.id, "sha256": i.sha256}, sort_keys=True) for i in items
    )


@pytest.fixture
def fresh(tmp_path: Path, originals: Path):  # type: ignore[no-untyped-def]
    vault = make_vault(tmp_path / "vault", originals)
    yield vault
    vault.lock()


def _events(vault) -> int:  # type: ignore[no-untyped-def]
    """Custody events, less the SM3 an export computes on the way: those it keeps, as
    they are true of the stored bytes whatever becomes of the bundle."""
    with vault.sessions() as session:
        return sum(
            1
            for event in ledger.iter_events(session)
            if event.action != custody.Action.SM3_COMPUTED
        )


def test_cancel_leaves_no_file_and_no_custody_event(fresh, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    cancel = threading.Event()
    seen: list[ExportProgress] = []

    def progress(update: ExportProgress) -> None:
        seen.append(update)
        if update.items_done == 2:
            cancel.set()

    before = _events(fresh)
    with pytest.raises(ExportCancelledError, match="cancelled"):
        export_bundle(
            fresh, ExportRequest(out=out, lender=LENDER), progress=progress, cancel=cancel
        )
    assert list(out.parent.iterdir()) == []
    assert _events(fresh) == before
    assert seen[0].items_done == 0 and seen[0].bytes_total > 0


def test_a_failing_pdf_renderer_leaves_no_file(fresh, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()

    def broken(html: str, target: Path) -> None:
        target.write_bytes(b"%PDF-half")
        raise OSError(28, "No space left on device")

    before = _events(fresh)
    with pytest.raises(OSError, match="No space"):
        export_bundle(fresh, ExportRequest(out=out, lender=LENDER), render_pdf=broken)
    assert list(out.parent.iterdir()) == []
    assert _events(fresh) == before


def test_a_blob_that_no_longer_matches_stops_the_export(fresh, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    items = list_items(fresh, lender=LENDER)
    # Swap two blobs: each still decrypts, but to the other item's bytes.
    first, second = fresh.store.path_for(items[0].id), fresh.store.path_for(items[1].id)
    swap = tmp_path / "swap"
    shutil.copyfile(first, swap)
    shutil.copyfile(second, first)
    out = tmp_path / "bundle.zip"
    before = _events(fresh)
    with pytest.raises(EvidenceMismatchError, match="no longer matches the hash recorded"):
        export_bundle(fresh, ExportRequest(out=out, lender=LENDER))
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
    assert _events(fresh) == before


def test_selection_by_dates_items_and_refusals(fresh, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    march = export_bundle(
        fresh,
        ExportRequest(
            out=tmp_path / "a.zip",
            lender=LENDER,
            date_from=date(2024, 3, 2),
            date_to=date(2024, 3, 3),
            language="en",
        ),
    )
    assert march.items == 3  # the recording (2 March) and two screenshots (2, 3 March)
    one = list_items(fresh, lender=LENDER)[0]
    single = export_bundle(fresh, ExportRequest(out=tmp_path / "b.zip", item_ids=[one.id]))
    assert single.items == 1
    assert verify_bundle(single.path).valid
    with pytest.raises(BundleExistsError):
        export_bundle(fresh, ExportRequest(out=tmp_path / "b.zip", item_ids=[one.id]))
    with pytest.raises(NothingToExportError):
        export_bundle(fresh, ExportRequest(out=tmp_path / "c.zip", lender=OTHER_LENDER))
    with pytest.raises(UnknownLenderError):
        export_bundle(fresh, ExportRequest(out=tmp_path / "c.zip", lender="nobody"))
    with pytest.raises(UsageError, match="start date is after"):
        export_bundle(
            fresh,
            ExportRequest(
                out=tmp_path / "c.zip",
                lender=LENDER,
                date_from=date(2024, 4, 1),
                date_to=date(2024, 3, 1),
            ),
        )
    assert not (tmp_path / "c.zip").exists()


def test_cli_export_and_verify_exit_codes(tmp_path: Path, originals: Path) -> None:
    make_vault(tmp_path / "vault", originals).lock()
    env = {**os.environ, "EVAULT_PASSPHRASE": PASSPHRASE}

    def evault(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "vault.cli", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )

    out = tmp_path / "bundle.zip"
    base = ("--vault", str(tmp_path / "vault"), "--lender", LENDER, "--out", str(out))
    done = evault("export", *base, "--lang", "zh_TW", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["items"] == len(list(originals.iterdir()))
    again = evault("export", *base)
    assert again.returncode == 2
    assert again.stderr.strip() == f"evault: {out} already exists; choose another file name."
    bad_date = evault("export", *base[:-1], str(tmp_path / "x.zip"), "--from", "2024-13-01")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
    ok = evault("verify", str(out), "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["valid"] is True
    missing = evault("verify", str(tmp_path / "nothing.zip"))
    assert missing.returncode == 2 and missing.stderr.startswith("evault: nothing.zip cannot")


def test_a_crash_mid_export_leaves_only_a_hidden_partial_file(
    tmp_path: Path, originals: Path
) -> None:
    make_vault(tmp_path / "vault", originals).lock()
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from vault.bundle.export import ExportRequest, export_bundle\n"
        "from vault.handle import unlock_vault\n"
        "vault = unlock_vault(Path(sys.argv[1]), sys.argv[2])\n"
        "def progress(update):\n"
        "    if update.items_done == 3:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "export_bundle(vault, ExportRequest(out=Path(sys.argv[3]), lender=sys.argv[4]),"
        " progress=progress)\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "vault"), PASSPHRASE, str(out), LENDER],
        cwd=REPO,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert killed.returncode == -9
    left = [p.name for p in out.parent.iterdir()]
    assert len(left) == 1 and left[0].startswith(".bundle.zip.") and left[0].endswith(".partial")
    vault = unlock_vault(tmp_path / "vault", PASSPHRASE)
    try:
        with vault.sessions() as session:
            actions = [e.action for e in ledger.iter_events(session)]
    finally:
        vault.lock()
    assert custody.Action.EXPORTED not in actions


def test_the_installed_cli_loads_qt_only_to_render_a_pdf() -> None:
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, ui.evault; print(any(m.startswith('PySide6') for m in sys.modules))",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == "False"


def test_the_manifest_keeps_the_times_the_file_offered_beside_the_one_taken(
    exported: Exported,
) -> None:
    with zipfile.ZipFile(exported.bundle) as archive:
        entries = json.loads(archive.read(layout.MANIFEST))["items"]
    photo = next(e for e in entries if e["original_name"] == "IMG_20240305_211000.jpg")
    assert photo["time_source"] == "exif", "EXIF became captured_at"
    # the name said 21:10 in Shanghai as well: kept beside it, with its offset
    assert (photo["name_time"], photo["name_offset_min"]) == ("2024-03-05T13:10:00.000000Z", 480)
    assert photo["file_modified_at"] is not None and photo["file_modified_at"].endswith("Z")
    pdf = next(e for e in entries if e["original_name"] == "律师函.pdf")
    assert pdf["name_time"] is None and pdf["call_direction"] is None, "a name with no time"
