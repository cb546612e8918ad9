"""SM3 leaves the intake's critical path: the import hashes with SHA-256 alone; a later
pass derives SM3 from the stored blob (checked against its SHA-256) and records it with
a custody event; the export fills what is still missing; check verifies it."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from tests.core.conftest import PASSPHRASE
from tests.core.tamper_helpers import tamper
from tests.helpers import REPO
from vault import custody
from vault.bundle import layout
from vault.bundle.export import ExportRequest, export_bundle
from vault.bundle.verify import verify_bundle
from vault.check import check_vault
from vault.custody import ledger
from vault.handle import OpenVault, unlock_vault
from vault.importing import fill_sm3, import_paths, pending_sm3
from vault.items import list_items
from vault.lenders import add_lender

LENDER = "微粒貸"


def _files(folder: Path, count: int, size: int, seed: int = 7) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    out = {}
    for n in range(count):
        data = rng.randbytes(size + n)
        (folder / f"rec{n:03}.bin").write_bytes(data)
        out[f"rec{n:03}.bin"] = data
    return out


def _sm3(data: bytes) -> str:
    return hashlib.new("sm3", data).hexdigest()


def _sm3_events(vault: OpenVault) -> dict[str, list[custody.CustodyEventDTO]]:
    with vault.sessions() as session:
        found: dict[str, list[custody.CustodyEventDTO]] = {}
        for event in ledger.iter_events(session):
            if event.action == custody.Action.SM3_COMPUTED and event.item_id is not None:
                found.setdefault(event.item_id, []).append(event)
        return found


def test_the_import_leaves_sm3_to_the_pass_which_records_it_in_custody(
    vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(vault, LENDER)
    originals = _files(tmp_path / "in", 3, 5 << 20)  # large enough for threaded hashing
    import_paths(vault, [tmp_path / "in"], lender=LENDER)
    assert [i.sm3 for i in list_items(vault)] == [None] * 3, "SM3 is computed at intake"
    assert len(pending_sm3(vault)) == 3

    assert fill_sm3(vault) == 3
    items = {i.original_name: i for i in list_items(vault)}
    events = _sm3_events(vault)
    for name, data in originals.items():
        item = items[name]
        assert item.sm3 == _sm3(data)
        (event,) = events[item.id]
        assert event.payload["sm3"] == item.sm3
        assert event.payload["sha256"] == item.sha256
        assert "OpenSSL" in str(event.payload["engine"])
    assert fill_sm3(vault) == 0, "a second pass found something left to do"
    assert pending_sm3(vault) == []
    assert check_vault(vault).ok


def test_an_item_exported_before_the_pass_still_has_its_sm3_in_the_bundle(
    vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(vault, LENDER)
    originals = _files(tmp_path / "in", 2, 1000)
    import_paths(vault, [tmp_path / "in"], lender=LENDER)
    assert len(pending_sm3(vault)) == 2  # the background pass has not run
    bundle = tmp_path / "out.zip"
    export_bundle(vault, ExportRequest(out=bundle, lender=LENDER, stamp=False))

    by_sha = {hashlib.sha256(d).hexdigest(): d for d in originals.values()}
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read(layout.MANIFEST))
        html = archive.read(layout.REPORT_HTML).decode("utf-8")
    for entry in manifest["items"]:
        data = by_sha[entry["sha256"]]
        assert entry["sm3"] == _sm3(data)
        assert _sm3(data) in html, "the evidence list lacks the SM3"
        actions = [e["action"] for e in entry["custody"]]
        assert actions == ["item_imported", "sm3_computed"]
        assert entry["custody"][1]["payload"]["sm3"] == entry["sm3"]
    assert verify_bundle(bundle).valid
    # the export recorded what it computed: nothing is left for the pass, and it holds
    assert pending_sm3(vault) == []
    assert {i.sm3 for i in list_items(vault)} == {_sm3(d) for d in originals.values()}
    assert check_vault(vault).ok


def test_check_catches_a_wrong_sm3_in_the_database(vault: OpenVault, tmp_path: Path) -> None:
    add_lender(vault, LENDER)
    _files(tmp_path / "in", 2, 2000)
    import_paths(vault, [tmp_path / "in"], lender=LENDER)
    fill_sm3(vault)
    victim, other = list_items(vault)
    forged = "ab" * 32
    tamper(vault, f"UPDATE items SET sm3 = '{forged}' WHERE id = '{victim.id}'")  # noqa: S608
    report = check_vault(vault)
    kinds = {(p.kind, p.item_id) for p in report.problems}
    assert ("sm3_mismatch", victim.id) in kinds, report.problems
    assert ("item_altered", victim.id) in kinds, "the custody log did not prove the SM3"
    assert all(p.item_id != other.id for p in report.problems)


def test_check_catches_an_sm3_set_without_its_custody_event(
    vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(vault, LENDER)
    originals = _files(tmp_path / "in", 1, 2000)
    import_paths(vault, [tmp_path / "in"], lender=LENDER)
    (item,) = list_items(vault)
    # even the right value does not count without the event that records it
    right = _sm3(originals["rec000.bin"])
    tamper(vault, f"UPDATE items SET sm3 = '{right}'")  # noqa: S608 - as an attacker would
    kinds = {p.kind for p in check_vault(vault).problems}
    assert kinds == {"item_altered"}
    assert item.sm3 is None


def test_a_blob_that_no_longer_matches_its_sha256_gets_no_sm3(
    vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(vault, LENDER)
    _files(tmp_path / "in", 2, 3000)
    import_paths(vault, [tmp_path / "in"], lender=LENDER)
    kept, swapped = list_items(vault)
    # the other item's blob in its place: it decrypts, to other bytes
    vault.store.path_for(swapped.id).write_bytes(vault.store.path_for(kept.id).read_bytes())
    assert fill_sm3(vault) == 1
    by_id = {i.id: i.sm3 for i in list_items(vault)}
    assert by_id[kept.id] is not None and by_id[swapped.id] is None
    assert {(p.kind, p.item_id) for p in check_vault(vault).problems} == {
        ("hash_mismatch", swapped.id)
    }


_PASS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from vault import importing
    from vault.handle import unlock_vault
    importing.SM3_GROUP_SECONDS = 0.0  # commit after every item: many places to die
    with unlock_vault(Path(sys.argv[1]), sys.argv[2]) as vault:
        importing.fill_sm3(vault, progress=lambda done, total: print(done, flush=True))
    """
)


@pytest.mark.slow
def test_a_kill_during_the_pass_leaves_nothing_half_written_and_the_next_pass_resumes(
    vault: OpenVault, vault_dir: Path, tmp_path: Path
) -> None:
    add_lender(vault, LENDER)
    originals = _files(tmp_path / "in", 24, 3 << 20)
    import_paths(vault, [tmp_path / "in"], lender=LENDER)
    vault.lock()
    rng = random.Random(20261203)
    mid_pass = 0
    for trial in range(6):
        process = subprocess.Popen(
            [sys.executable, "-c", _PASS, str(vault_dir), PASSPHRASE],
            cwd=REPO,
            env=dict(os.environ, PYTHONPATH=str(REPO)),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert process.stdout is not None
        line = process.stdout.readline()  # the pass has begun (or found nothing to do)
        time.sleep(rng.uniform(0.0, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait()
        with unlock_vault(vault_dir, PASSPHRASE) as opened:
            report = check_vault(opened)
            assert report.ok, f"trial {trial}: {report.problems}"
            done = {i.id for i in list_items(opened) if i.sm3 is not None}
            events = _sm3_events(opened)
            assert set(events) == done, f"trial {trial}: an SM3 without its event or back"
            assert all(len(e) == 1 for e in events.values())
            mid_pass += bool(line) and 0 < len(done) < len(originals)
    assert mid_pass > 0, "no kill landed inside the pass: the test proved nothing"
    with unlock_vault(vault_dir, PASSPHRASE) as opened:
        fill_sm3(opened)
        items = list_items(opened)
        assert {i.original_name: i.sm3 for i in items} == {
            name: _sm3(data) for name, data in originals.items()
        }
        assert all(len(e) == 1 for e in _sm3_events(opened).values())
        assert check_vault(opened).ok
