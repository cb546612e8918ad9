"""The evault CLI as a user runs it: real subprocesses, exit codes, one-sentence errors."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from vault.handle import create_vault, unlock_vault


def evault(*args: str, passphrase: str | None = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "EVAULT_PASSPHRASE"}
    if passphrase is not None:
        env["EVAULT_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "vault.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


@pytest.fixture
def made_vault(tmp_path: Path) -> Path:
    path = tmp_path / "v"
    opened, _ = create_vault(
        path, PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    opened.lock()
    return path


def test_init_prints_the_recovery_key_once_and_calibrates(tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text("a long passphrase\n")
    done = evault(
        "init", "--vault", str(tmp_path / "new"), "--passphrase-file", str(secret), passphrase=None
    )
    assert done.returncode == 0, done.stderr
    assert "AGE-SECRET-KEY-1" in done.stdout
    info = json.loads((tmp_path / "new" / "vault.json").read_text())
    assert info["kdf"]["log_n"] >= 18
    assert "AGE-SECRET-KEY" not in json.dumps(info)


def test_lender_import_list_show_check(made_vault: Path, tmp_path: Path) -> None:
    vault = str(made_vault)
    assert (
        evault(
            "lender", "add", "微粒贷", "--number", "+86 139 0000 1111", "--vault", vault
        ).returncode
        == 0
    )
    shot = tmp_path / "Screenshot_20240317_093000_com.tencent.mm.png"
    Image.new("RGB", (30, 60), (9, 9, 9)).save(shot)
    imported = evault("import", "--vault", vault, "--lender", "微粒贷", str(shot), "--json")
    assert imported.returncode == 0, imported.stderr
    item_id = json.loads(imported.stdout)["results"][0]["item_id"]
    listed = json.loads(evault("list", "--vault", vault, "--json").stdout)
    assert [i["id"] for i in listed] == [item_id] and listed[0]["lender"] == "微粒贷"
    shown = json.loads(evault("show", item_id, "--vault", vault, "--json").stdout)
    # the import is durable first; then evault import computes the SM3 and records it
    assert [e["action"] for e in shown["custody"]] == ["item_imported", "sm3_computed"]
    assert shown["sm3"] == hashlib.new("sm3", shot.read_bytes()).hexdigest()
    lenders = json.loads(evault("lender", "list", "--vault", vault, "--json").stdout)
    assert lenders[0]["numbers"] == ["13900001111"] and lenders[0]["item_count"] == 1
    assert (
        evault("note", "add", "--vault", vault, "--lender", "微粒贷", "--text", "上门").returncode
        == 0
    )
    checked = evault("check", "--vault", vault)
    assert checked.returncode == 0 and "OK" in checked.stdout


def test_wrong_passphrase_exits_3_with_one_sentence(made_vault: Path) -> None:
    done = evault("list", "--vault", str(made_vault), passphrase="wrong")
    assert done.returncode == 3
    assert done.stderr.strip() == "evault: The passphrase is wrong."


def test_no_passphrase_and_no_terminal_is_a_usage_error(made_vault: Path) -> None:
    done = evault("list", "--vault", str(made_vault), passphrase=None)
    assert done.returncode == 2 and "EVAULT_PASSPHRASE" in done.stderr
    assert "Traceback" not in done.stderr


def test_errors_are_sentences_not_tracebacks(made_vault: Path, tmp_path: Path) -> None:
    for args in (
        ("list", "--vault", str(tmp_path / "nowhere")),
        ("show", "zzzz", "--vault", str(made_vault)),
        ("import", "--vault", str(made_vault), "--lender", "unknown", str(tmp_path)),
    ):
        done = evault(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.startswith("evault: ") and "Traceback" not in done.stderr


def test_check_exits_1_on_a_tampered_custody_row(made_vault: Path) -> None:
    with unlock_vault(made_vault, PASSPHRASE) as opened, opened.sessions() as session:
        connection = session.connection()
        connection.exec_driver_sql("DROP TRIGGER custody_events_no_update")
        connection.exec_driver_sql("UPDATE custody_events SET payload = '{}' WHERE seq = 1")
        session.commit()
    done = evault("check", "--vault", str(made_vault))
    assert done.returncode == 1
    assert "PROBLEM" in done.stdout


def test_show_keeps_the_name_time_the_file_time_and_the_import_time_apart(
    made_vault: Path, tmp_path: Path
) -> None:
    vault = str(made_vault)
    shot = tmp_path / "Screenshot_20240317_093000_com.tencent.mm.png"
    Image.new("RGB", (30, 60), (9, 9, 9)).save(shot)
    copied = 1_700_000_000  # 2023-11-14 22:13:20 UTC: the time a copy gave the file
    os.utime(shot, (copied, copied))
    imported = evault("import", "--vault", vault, str(shot), "--json")
    assert imported.returncode == 0, imported.stderr
    item_id = json.loads(imported.stdout)["results"][0]["item_id"]
    shown = json.loads(evault("show", item_id, "--vault", vault, "--json").stdout)
    times = shown["times"]
    assert times["file_name"] == {"utc": "2024-03-17T01:30:00+00:00", "offset_min": 480}
    assert times["file_modified"] == "2023-11-14T22:13:20+00:00"
    assert times["imported"] == shown["imported_at"]
    assert times["imported"] > "2026"
    assert times["captured_from"] == "file_name"
    assert shown["captured_at"] == "2024-03-17T01:30:00+00:00"
