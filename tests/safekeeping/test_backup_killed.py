"""A backup killed (SIGKILL, a real evault process) at any moment leaves the backup
folder with its previous state or its new one, never neither, and ``check`` passes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.safekeeping.conftest import PASSPHRASE
from vault.check import check_vault
from vault.handle import VAULT_JSON, create_vault, unlock_vault
from vault.importing import import_paths
from vault.items import list_items
from vault.lenders import add_lender
from vault.safekeeping.make import make_backup

TRIALS = 10
FILES = 30


def _backup(vault_dir: Path, dest: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "vault.cli", "backup", "--vault", str(vault_dir), "--to", str(dest)],
        env=dict(os.environ, EVAULT_PASSPHRASE=PASSPHRASE),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _ids(folder: Path) -> frozenset[str] | None:
    """The items the vault in ``folder`` holds, after a check that must pass; None: no vault."""
    if not (folder / VAULT_JSON).exists():
        return None
    with unlock_vault(folder, PASSPHRASE, exclusive=False) as copy:
        report = check_vault(copy)
        assert report.ok, [p.message for p in report.problems]
        return frozenset(item.id for item in list_items(copy))


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_the_previous_or_the_new_backup(tmp_path: Path) -> None:
    vault_dir, dest = tmp_path / "vault", tmp_path / "usb" / "backup"
    opened, _ = create_vault(vault_dir, PASSPHRASE, work_factor=10)
    add_lender(opened, "好运贷")
    opened.lock()
    rng = random.Random(20261203)
    outcomes = {"previous": 0, "new": 0}
    for trial in range(TRIALS):
        batch = tmp_path / f"batch{trial}"
        batch.mkdir()
        for n in range(FILES):
            (batch / f"call{trial}_{n}.bin").write_bytes(os.urandom(rng.randint(1, 400_000)))
        with unlock_vault(vault_dir, PASSPHRASE) as vault:
            import_paths(vault, [batch], lender="好运贷")
            new = frozenset(item.id for item in list_items(vault))
        previous = _ids(dest)
        # How long a whole run takes now (to a scratch copy): kills land inside it.
        scratch = tmp_path / f"scratch{trial}"
        started = time.monotonic()
        assert _backup(vault_dir, scratch).wait() == 0
        whole = time.monotonic() - started
        process = _backup(vault_dir, dest)
        time.sleep(rng.uniform(0.0, whole))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = _ids(dest)
        assert after in (previous, new), f"trial {trial}: neither the previous nor the new state"
        outcomes["new" if after == new else "previous"] += 1
        # The next backup always completes what the killed one left.
        with unlock_vault(vault_dir, PASSPHRASE) as vault:
            make_backup(vault, dest)
        assert _ids(dest) == new
    assert outcomes["previous"] and outcomes["new"], f"kills landed only on one side: {outcomes}"
