"""One writer per vault: a real second process holds ``vault.lock``; the CLI's writing
commands refuse with one sentence, its reading commands still work, and a killed holder
leaves the vault free."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.core.test_core_cli import evault
from vault.handle import create_vault, unlock_vault
from vault.items import list_items
from vault.lock import LOCK_FILE, VaultBusyError, acquire, is_busy

ROOT = Path(__file__).resolve().parents[2]
BUSY = "Another program is using this vault"
HOLDER = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from vault.lock import acquire\n"
    "acquire(Path(sys.argv[1]))\n"
    "print('held', flush=True)\n"
    "time.sleep(120)\n"
)


@pytest.fixture
def made_vault(tmp_path: Path) -> Path:
    path = tmp_path / "v"
    opened, _ = create_vault(
        path, PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    opened.lock()
    return path


def _holder(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    return child


@pytest.fixture
def held(made_vault: Path) -> Iterator[subprocess.Popen[str]]:
    child = _holder(made_vault)
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(timeout=10)
    assert child.stdout is not None
    child.stdout.close()


def test_writing_commands_refuse_while_another_process_holds_the_vault(
    made_vault: Path, held: subprocess.Popen[str], tmp_path: Path
) -> None:
    shot = tmp_path / "shot.png"
    Image.new("RGB", (8, 8), "red").save(shot)
    note = ("note", "add", "--lender", "借呗", "--text", "他又打来了")
    for command in (
        ("lender", "add", "借呗"),
        ("import", str(shot)),
        note,
        ("export", "--out", str(tmp_path / "out.zip")),
        ("check",),
        ("passwd",),
        ("tsa", "add", "http://tsa.example/"),
    ):
        run = evault(*command, "--vault", str(made_vault))
        assert run.returncode == 2, (command, run.stderr)
        assert run.stderr.startswith(f"evault: {BUSY}"), (command, run.stderr)
        assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert not (tmp_path / "out.zip").exists()
    with unlock_vault(made_vault, PASSPHRASE, exclusive=False) as vault:
        assert list_items(vault) == []


def test_reading_commands_work_beside_the_holder(
    made_vault: Path, held: subprocess.Popen[str]
) -> None:
    for command in (("list",), ("lender", "list"), ("tsa", "list"), ("complaint", "list")):
        run = evault(*command, "--vault", str(made_vault))
        assert run.returncode == 0, (command, run.stderr)


def test_a_killed_holder_leaves_the_vault_free(
    made_vault: Path, held: subprocess.Popen[str]
) -> None:
    assert is_busy(made_vault)
    held.send_signal(signal.SIGKILL)
    held.wait(timeout=10)
    assert not is_busy(made_vault)
    run = evault("lender", "add", "借呗", "--vault", str(made_vault))
    assert run.returncode == 0, run.stderr
    assert (made_vault / LOCK_FILE).exists()  # the file stays; only the OS lock went


def test_the_vault_window_process_refuses_a_second_holder(
    made_vault: Path, held: subprocess.Popen[str]
) -> None:
    with pytest.raises(VaultBusyError):
        unlock_vault(made_vault, PASSPHRASE)
    with pytest.raises(VaultBusyError):
        acquire(made_vault)


def test_one_process_shares_its_lock_and_gives_it_back_with_the_last_holder(
    made_vault: Path,
) -> None:
    first = unlock_vault(made_vault, PASSPHRASE)
    second = unlock_vault(made_vault, PASSPHRASE)  # same process: shared, not refused
    first.lock()
    first.lock()  # idempotent: the second holder still holds it
    child = subprocess.run(
        [sys.executable, "-c", HOLDER.replace("time.sleep(120)", ""), str(made_vault)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert child.returncode != 0 and "VaultBusyError" in child.stderr
    second.lock()
    assert not is_busy(made_vault)
    child = subprocess.run(
        [sys.executable, "-c", HOLDER.replace("time.sleep(120)", ""), str(made_vault)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert child.returncode == 0, child.stderr


def test_two_writers_at_once_leave_the_vault_whole(made_vault: Path, tmp_path: Path) -> None:
    folders = []
    for n in range(2):
        folder = tmp_path / f"phone{n}"
        folder.mkdir()
        for i in range(6):
            Image.new("RGB", (16, 16), (n * 100, i * 40, 7)).save(folder / f"shot{i}.png")
        folders.append(folder)
    env = dict(os.environ, EVAULT_PASSPHRASE=PASSPHRASE)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "vault.cli", "import", str(f), "--vault", str(made_vault)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in folders
    ]
    results = [(run.wait(timeout=120), *run.communicate(timeout=10)) for run in runs]
    imported = 0
    for code, out, err in results:
        assert code in (0, 2), err
        if code == 0:
            imported += 6
            assert "6 imported" in out
        else:
            assert err.startswith(f"evault: {BUSY}"), err
    assert imported >= 6
    check = evault("check", "--vault", str(made_vault))
    assert check.returncode == 0, check.stdout + check.stderr
    with unlock_vault(made_vault, PASSPHRASE) as vault:
        assert len(list_items(vault)) == imported


def test_a_busy_vault_is_said_before_a_passphrase_is_asked_for(
    made_vault: Path, held: subprocess.Popen[str]
) -> None:
    run = evault("lender", "add", "借呗", "--vault", str(made_vault), passphrase=None)
    assert run.returncode == 2
    assert run.stderr.startswith(f"evault: {BUSY}"), run.stderr


def test_a_planted_link_as_the_lock_file_is_refused_and_its_target_untouched(
    made_vault: Path, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("someone else's file", encoding="utf-8")
    (made_vault / LOCK_FILE).unlink()  # left, empty and unlocked, by create_vault
    (made_vault / LOCK_FILE).symlink_to(target)
    run = evault("lender", "add", "借呗", "--vault", str(made_vault))
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert target.read_text(encoding="utf-8") == "someone else's file"
