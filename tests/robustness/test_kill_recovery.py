"""SIGKILL at random moments of unlocking with the recovery key (which sets a new
passphrase): the vault then opens with the old passphrase or the new one, never neither,
is clean after ``check --repair``, and holds every item it held."""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
from pathlib import Path

import pytest

from tests.robustness.robust_helpers import (
    FAST_WORK_FACTOR,
    FIGURES,
    LENDER,
    NEW_PASSPHRASE,
    PASSPHRASE,
    KillDelays,
    assert_sound,
    copy_vault,
    kill_after,
    small_files,
    timed_run,
)
from tests.robustness.test_kill_trials import SEED
from vault.handle import create_vault, unlock_vault, unlock_with_recovery_key
from vault.importing import import_paths
from vault.lenders import add_lender

TRIALS = 30
SNIPPET = (
    "from pathlib import Path\n"
    "from vault.handle import unlock_with_recovery_key\n"
    "unlock_with_recovery_key(Path({v!r}), {k!r}, {p!r}).lock()\n"
)


def _prepared(root: Path) -> tuple[Path, str]:
    vault, text = create_vault(root / "base", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, LENDER)
    import_paths(vault, small_files(root / "seed", 5, "r"), lender=LENDER)
    vault.lock()
    return root / "base", text


@pytest.mark.slow
def test_sigkill_while_the_recovery_key_sets_a_new_passphrase(tmp_path: Path) -> None:
    prepared, key = _prepared(tmp_path)
    passphrases = (PASSPHRASE, NEW_PASSPHRASE)
    before = assert_sound(prepared, "recover: the prepared vault", passphrases).items

    def argv(vault_dir: Path) -> list[str]:
        return ["-c", SNIPPET.format(v=str(vault_dir), k=key, p=NEW_PASSPHRASE)]

    # three whole runs: the shortest is the first bound of the kill delays
    durations = []
    for run in range(3):
        calibrate = copy_vault(prepared, tmp_path / f"calibrate{run}")
        code, took = timed_run(argv(calibrate))
        assert code == 0, f"recover fails even without a kill (exit {code})"
        unlock_vault(calibrate, NEW_PASSPHRASE).lock()
        durations.append(took)
    duration = min(durations)
    delays = KillDelays(random.Random(f"{SEED}/recover"), durations)
    killed = 0
    for trial in range(TRIALS):
        delay = delays.draw()
        context = f"recover trial {trial} (EVAULT_KILL_SEED={SEED}, kill after {delay:.4f} s)"
        vault_dir = copy_vault(prepared, tmp_path / f"t{trial}")
        status, ran = kill_after(argv(vault_dir), delay)
        if status == -signal.SIGKILL:
            killed += 1
        else:
            assert status == 0, f"{context}: it failed on its own (exit {status})"
            delays.ended_after(ran)
        items = assert_sound(vault_dir, context, passphrases).items
        assert set(before) <= set(items), f"{context}: earlier items are missing"
        shutil.rmtree(vault_dir)
    FIGURES.setdefault("kill", {})["recover"] = (TRIALS, killed, round(duration, 3))
    assert killed > TRIALS // 3, f"only {killed} kills landed before the end"


def test_a_failed_write_leaves_the_old_passphrase_working(tmp_path: Path) -> None:
    """A file-size limit (as a full disk) makes the write of the new identity.age fail
    midway (EFBIG): the call fails, no temp file stays, the old passphrase still opens."""
    prepared, key = _prepared(tmp_path)
    before = (prepared / "identity.age").read_bytes()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test runner
        code = 2
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit: EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))
            unlock_with_recovery_key(prepared, key, NEW_PASSPHRASE).lock()
            code = 0
        except OSError:
            code = 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1, "the write must fail with an OSError"
    assert (prepared / "identity.age").read_bytes() == before
    assert not list(prepared.glob(".*.tmp"))
    unlock_vault(prepared, PASSPHRASE).lock()
