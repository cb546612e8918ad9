"""SIGKILL at random moments of every operation that writes to a vault.

Each operation gets a prepared vault; every trial copies it, starts the operation in a
forked child (``evault`` itself, or a few lines calling the core for the operations the
CLI has no command for), kills it after a random delay drawn from a seeded generator
over the operation's measured duration, and then checks:

- the vault opens with the old or the new passphrase (never neither);
- ``evault check --repair`` then ``evault check`` exit 0;
- every item decrypts to its recorded SHA-256, and imported items equal their originals;
- an export's final ``.zip``, if it exists, verifies with ``evault verify``.

The seed is in every failure message; set ``EVAULT_KILL_SEED`` to replay another run.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.robustness.robust_helpers import (
    FAST_WORK_FACTOR,
    FIGURES,
    LENDER,
    NEW_PASSPHRASE,
    PASSPHRASE,
    KillDelays,
    assert_sound,
    calls_xml,
    copy_vault,
    in_process,
    jpeg_with_exif,
    kill_after,
    small_files,
    speech_wav,
    timed_run,
)
from vault.handle import OpenVault, create_vault, unlock_vault
from vault.importing import import_paths
from vault.ingest.pipeline import ImportContext, import_files
from vault.lenders import add_lender, lender_id_of
from vault.trusted_time import servers

SEED = int(os.environ.get("EVAULT_KILL_SEED", "20261202"))
TRIALS = {
    "import": 45,
    "import-backup": 30,
    "edit": 25,
    "passwd": 30,
    "checkpoint": 25,
    "stamp": 25,
    "export": 30,
}


@dataclass
class Operation:
    """A prepared vault and the command that changes it."""

    name: str
    prepared: Path
    argv: Callable[[Path, Path], list[str]]  # (vault copy, scratch folder) -> argv
    originals: dict[str, bytes] = field(default_factory=dict)
    passphrases: tuple[str, ...] = (PASSPHRASE,)


def _offline(vault: OpenVault) -> None:
    for tsa in servers.tsa_list(vault):
        servers.remove_tsa(vault, tsa.url)


def _new_vault(path: Path) -> OpenVault:
    vault, _ = create_vault(
        path, PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    _offline(vault)
    add_lender(vault, LENDER, numbers=["13800138000"])
    return vault


def _import_without_checkpoint(vault: OpenVault, paths: list[Path]) -> None:
    """Items that no checkpoint covers yet (``import_paths`` would checkpoint them)."""
    context = ImportContext(
        store=vault.store,
        recipient=vault.keys.identity.recipient(),
        sessions=vault.session_factory,
        content_key=vault.keys.content_key,
        tz=vault.tz,
    )
    report = import_files(context, paths, lender_id=lender_id_of(vault, LENDER))
    assert all(r.item_id for r in report.results), report


@pytest.fixture(scope="module")
def local_tsa_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real RFC 3161 TSA (``openssl ts -reply``) in its own process on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("tsa")
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from tests.trusted_time.local_tsa import LocalTsa, make_pki\n"
        "server = LocalTsa(make_pki(Path(sys.argv[1]) / 'pki')).start()\n"
        "print(server.url, flush=True)\n"
        "time.sleep(3600)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(folder)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), url
    yield url, folder / "pki" / "ca.pem"
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.fixture(scope="module")
def operations(
    tmp_path_factory: pytest.TempPathFactory, local_tsa_url: tuple[str, Path]
) -> dict[str, Operation]:
    root = tmp_path_factory.mktemp("prepared")
    seeds = root / "seeds"
    first = small_files(seeds, 3, "seed")
    vault = _new_vault(root / "base")
    import_paths(vault, first, lender=LENDER)
    vault.lock()
    ops: dict[str, Operation] = {}

    # import: 40 small files, a real photo and a real recording
    batch = root / "batch"
    paths = small_files(batch, 40, "k", size=8192)
    paths.append(jpeg_with_exif(batch / "IMG_20240305_211000.jpg"))
    paths.append(speech_wav(batch / "13800138000_20240302103000.wav", "还钱"))
    originals = {p.name: p.read_bytes() for p in paths + first}
    ops["import"] = Operation(
        "import",
        copy_vault(root / "base", root / "v-import"),
        lambda v, _: ["import", "--vault", str(v), "--lender", LENDER, str(batch)],
        originals,
    )

    calls = calls_xml(root / "calls.xml", 3000)
    ops["import-backup"] = Operation(
        "import-backup",
        copy_vault(root / "base", root / "v-backup"),
        lambda v, _: ["import-backup", "--vault", str(v), "--lender", LENDER, str(calls)],
    )

    edit_dir = copy_vault(root / "base", root / "v-edit")
    with unlock_vault(edit_dir, PASSPHRASE) as opened:
        import_paths(opened, small_files(root / "edit", 20, "e", size=256), lender=LENDER)
    edit = (
        "from pathlib import Path\n"
        "from vault.handle import unlock_vault\n"
        "from vault.items import edit_item, list_items\n"
        "with unlock_vault(Path({v!r}), {p!r}) as vault:\n"
        "    for n, item in enumerate(list_items(vault)):\n"
        "        edit_item(vault, item.id, {{'title': f'edited {{n}}', 'purpose': 'court',\n"
        "                                  'counterpart': '13800138000'}})\n"
    )
    ops["edit"] = Operation(
        "edit", edit_dir, lambda v, _: ["-c", edit.format(v=str(v), p=PASSPHRASE)]
    )

    old_file, new_file = root / "old.txt", root / "new.txt"
    old_file.write_text(PASSPHRASE + "\n")
    new_file.write_text(NEW_PASSPHRASE + "\n")
    ops["passwd"] = Operation(
        "passwd",
        copy_vault(root / "base", root / "v-passwd"),
        lambda v, _: [
            "passwd",
            "--vault",
            str(v),
            "--passphrase-file",
            str(old_file),
            "--new-passphrase-file",
            str(new_file),
        ],
        passphrases=(PASSPHRASE, NEW_PASSPHRASE),
    )

    checkpoint_dir = copy_vault(root / "base", root / "v-checkpoint")
    with unlock_vault(checkpoint_dir, PASSPHRASE) as opened:
        _import_without_checkpoint(opened, small_files(root / "cp", 60, "c", size=128))
    checkpoint = (
        "from pathlib import Path\n"
        "from vault.trusted_time.checkpoints import create_checkpoint\n"
        "from vault.handle import unlock_vault\n"
        "with unlock_vault(Path({v!r}), {p!r}) as vault:\n"
        "    assert create_checkpoint(vault) is not None\n"
    )
    ops["checkpoint"] = Operation(
        "checkpoint",
        checkpoint_dir,
        lambda v, _: ["-c", checkpoint.format(v=str(v), p=PASSPHRASE)],
    )

    url, ca = local_tsa_url
    stamp_dir = copy_vault(root / "base", root / "v-stamp")
    assert in_process(["tsa", "add", "--vault", str(stamp_dir), url, "--ca", str(ca)])[0] == 0
    with unlock_vault(stamp_dir, PASSPHRASE) as opened:
        for n in range(4):  # four checkpoints wait for a token
            import_paths(opened, small_files(root / f"st{n}", 2, f"s{n}", size=128), lender=LENDER)
    ops["stamp"] = Operation("stamp", stamp_dir, lambda v, _: ["stamp", "--vault", str(v)])

    export_dir = copy_vault(ops["import"].prepared, root / "v-export")
    with unlock_vault(export_dir, PASSPHRASE) as opened:
        import_paths(opened, paths, lender=LENDER)
    ops["export"] = Operation(
        "export",
        export_dir,
        lambda v, out: [
            "export",
            "--vault",
            str(v),
            "--lender",
            LENDER,
            "--out",
            str(out / "b.zip"),
        ],
        originals,
    )
    return ops


def _trial_check(op: Operation, vault_dir: Path, out: Path, context: str) -> dict[str, str]:
    state = assert_sound(vault_dir, context, op.passphrases, op.originals or None)
    bundle = out / "b.zip"
    if bundle.exists():
        code, text = in_process(["verify", str(bundle)])
        assert code == 0, f"{context}: a final export exists but does not verify: {text}"
    return state.items


@pytest.mark.slow
@pytest.mark.parametrize("name", list(TRIALS))
def test_sigkill_at_random_points(
    name: str, operations: dict[str, Operation], tmp_path: Path
) -> None:
    op = operations[name]
    rng = random.Random(f"{SEED}/{name}")
    # The operation run to the end once: its duration is the first bound of the kill
    # delays, and its result must itself be sound.
    calibrate, out = copy_vault(op.prepared, tmp_path / "calibrate"), tmp_path / "out-calibrate"
    out.mkdir()
    before = assert_sound(op.prepared, f"{name}: the prepared vault", op.passphrases).items
    code, duration = timed_run(op.argv(calibrate, out))
    assert code == 0, f"{name}: the operation fails even without a kill (exit {code})"
    after = _trial_check(op, calibrate, out, f"{name}: the uninterrupted run")
    if name.startswith("import"):
        assert len(after) > len(before), f"{name}: the uninterrupted run imported nothing"
    shutil.rmtree(calibrate)

    delays = KillDelays(rng, [duration])
    killed = finished = 0
    for trial in range(TRIALS[name]):
        delay = delays.draw()
        context = f"{name} trial {trial} (EVAULT_KILL_SEED={SEED}, kill after {delay:.4f} s)"
        vault_dir = copy_vault(op.prepared, tmp_path / f"t{trial}")
        out = tmp_path / f"out{trial}"
        out.mkdir()
        status, ran = kill_after(op.argv(vault_dir, out), delay)
        if status == -signal.SIGKILL:
            killed += 1
        else:
            assert status == 0, f"{context}: the operation failed on its own (exit {status})"
            finished += 1
            delays.ended_after(ran)
        items = _trial_check(op, vault_dir, out, context)
        assert set(before) <= set(items), f"{context}: earlier items are missing"
        shutil.rmtree(vault_dir)
        shutil.rmtree(out)
    FIGURES.setdefault("kill", {})[name] = (killed + finished, killed, round(duration, 3))
    assert killed > TRIALS[name] // 3, f"{name}: only {killed} kills landed before the end"


def test_kill_trial_count_meets_the_figure() -> None:
    assert sum(TRIALS.values()) >= 200
    assert len(TRIALS) == 7
