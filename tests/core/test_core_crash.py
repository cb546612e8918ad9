"""Killing an import at random moments never leaves a half-imported item."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from vault.check import check_vault
from vault.handle import create_vault, unlock_vault
from vault.items import list_items, open_item
from vault.lenders import add_lender
from vault.store import BLOBS

TRIALS = 8
FILES = 80  # more than one durable group (GROUP_FILES = 64), so a kill can land between groups


def _blob_files(blobs: Path) -> set[Path]:
    return {p for p in blobs.rglob("*") if p.is_file()}


def _wait_until_writing(blobs: Path, process: subprocess.Popen[bytes]) -> None:
    """Return once the import has started writing its first blob.

    Startup (interpreter, unlock) takes a variable time, so a kill at a fixed
    delay often lands before the import has begun; waiting for the first file
    makes every trial exercise the middle of an import.
    """
    before = _blob_files(blobs)
    deadline = time.monotonic() + 60
    while _blob_files(blobs) == before:
        assert process.poll() is None, "the import ended before writing anything"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.002)


@pytest.mark.slow
def test_sigkill_during_import_leaves_only_complete_items_or_orphans(tmp_path: Path) -> None:
    vault_dir = tmp_path / "v"
    opened, _ = create_vault(vault_dir, PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(opened, "测试")
    opened.lock()
    originals: dict[str, bytes] = {}
    rng = random.Random(20261122)
    partial_batches = 0
    for trial in range(TRIALS):
        batch = tmp_path / f"batch{trial}"
        batch.mkdir()
        for n in range(FILES):
            data = os.urandom(rng.randint(1, 1 << 20))
            (batch / f"rec{trial}_{n}.bin").write_bytes(data)
            originals[f"rec{trial}_{n}.bin"] = data
        env = dict(os.environ, EVAULT_PASSPHRASE=PASSPHRASE)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "vault.cli",
                "import",
                "--vault",
                str(vault_dir),
                "--lender",
                "测试",
                str(batch),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_until_writing(vault_dir / BLOBS, process)
        # The first trial kills at the first blob, surely inside; the rest at random.
        time.sleep(rng.uniform(0.0, 0.3) if trial else 0.0)
        process.send_signal(signal.SIGKILL)
        process.wait()

        with unlock_vault(vault_dir, PASSPHRASE) as vault:
            report = check_vault(vault, repair=True)
            unexpected = [p for p in report.problems if p.kind not in {"orphan_blob", "temp_file"}]
            assert unexpected == [], f"trial {trial}: {unexpected}"
            assert check_vault(vault).ok, f"trial {trial}: problems remain after repair"
            items = list_items(vault)
            for item in items:
                with open_item(vault, item.id) as reader:
                    assert reader.read() == originals[item.original_name]
            in_batch = sum(1 for item in items if item.original_name.startswith(f"rec{trial}_"))
            partial_batches += 0 < in_batch < FILES or (in_batch == 0 and bool(report.repaired))
    assert partial_batches > 0, "no kill landed inside an import: the test proved nothing"
