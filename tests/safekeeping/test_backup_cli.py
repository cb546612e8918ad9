"""``evault backup``/``restore``/``backup-snapshots`` and ``check --vault DEST``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.safekeeping.conftest import PASSPHRASE, Stocked
from vault.cli import main
from vault.lock import acquire


@pytest.fixture
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)


def test_backup_check_and_restore_from_the_command_line(
    stocked: Stocked, tmp_path: Path, passphrase_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(stocked.vault.info.path)
    stocked.vault.lock()  # the CLI is another program: the window's hold is given back
    dest, restored = tmp_path / "usb", tmp_path / "restored"
    assert main(["backup", "--vault", source, "--to", str(dest)]) == 0
    out = capsys.readouterr().out
    assert f"Backed up {len(stocked.files)} items" in out
    assert "the last 10, plus the last one of each earlier month" in out
    assert main(["backup", "--vault", source, "--to", str(dest)]) == 0
    assert "0 file(s) copied" in capsys.readouterr().out
    assert main(["check", "--vault", str(dest)]) == 0
    assert ": OK." in capsys.readouterr().out
    assert main(["backup-snapshots", "--from", str(dest)]) == 0
    assert len(capsys.readouterr().out.split()) == 2
    assert main(["restore", "--from", str(dest), "--to", str(restored)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert main(["check", "--vault", str(restored)]) == 0


def test_backup_while_the_window_holds_the_vault_says_so_in_one_sentence(
    stocked: Stocked, tmp_path: Path, passphrase_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source = stocked.vault.info.path
    stocked.vault.lock()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from vault.lock import acquire; "
            "acquire(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)",
            str(source),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        code = main(["backup", "--vault", str(source), "--to", str(tmp_path / "usb")])
    finally:
        holder.kill()
        holder.wait()
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("evault: Another program is using this vault") and "\n" not in err
    assert not (tmp_path / "usb").exists()
    acquire(source).release()
