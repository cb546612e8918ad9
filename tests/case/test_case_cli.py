"""The case commands of evault: import-backup, stats, violations, timeline, complaint."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.case.case_xml import ANSWERED, MISSED, Call, write_calls
from tests.case.conftest import COLLECTOR
from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from vault.cli import main
from vault.handle import create_vault


@pytest.fixture
def vault_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "v"
    opened, _ = create_vault(
        path, PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    opened.lock()
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_case_from_the_command_line(
    vault_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v = str(vault_path)
    xml = write_calls(
        tmp_path / "calls.xml",
        [Call(COLLECTOR, f"2026-03-02 1{i}:00", ANSWERED, 30) for i in range(4)]
        + [
            Call(COLLECTOR, "2026-03-02 23:15", MISSED),
            Call(COLLECTOR, "2026-03-02 09:00", ANSWERED),
        ],
    )
    assert run(capsys, "lender", "add", "微粒貸", "--vault", v)[0] == 0
    code, out, _ = run(
        capsys, "import-backup", "--vault", v, "--lender", "微粒貸", "--json", str(xml)
    )
    report = json.loads(out)
    assert code == 0 and report["calls"] == 6 and report["attached"] == 0
    assert report["unassigned"] == [{"number": COLLECTOR, "count": 6}]
    code, out, _ = run(
        capsys, "lender", "update", "微粒貸", "--vault", v, "--add-number", f"+86 {COLLECTOR}"
    )
    assert code == 0
    code, out, _ = run(capsys, "stats", "--vault", v, "--lender", "微粒貸", "--json")
    stats = json.loads(out)
    assert (stats["calls_attempted"], stats["calls_answered"], stats["night_contacts"]) == (6, 4, 1)
    assert stats["calls_zero_seconds"] == 1  # the 09:00 call logged as answered, 0 seconds
    assert [d["calls_zero_seconds"] for d in stats["days"]] == [1]
    code, out, _ = run(capsys, "violations", "--vault", v, "--lender", "微粒貸", "--json")
    findings = json.loads(out)
    rules = sorted(f["rule_id"] for f in findings)
    assert rules == [
        "CBA2026-night",
        "GBT45251-effective-calls",
        "GBT45251-night",
        "NIFA2024-night",
    ]
    (calls,) = (f for f in findings if f["rule_id"] == "GBT45251-effective-calls")
    assert (calls["count"], calls["limit"], calls["counted"]) == (4, 3, "connected_calls")
    assert calls["zero_second_calls"] == 1
    assert {"event_ids", "item_ids", "day", "source", "description_zh"} <= set(calls)
    checks = calls["source"]["sources"]
    assert checks and all(len(c["checked"]) == 10 and "verified" in c for c in checks)
    code, out, _ = run(capsys, "violations", "--vault", v, "--lender", "微粒貸")
    assert code == 0 and "4 finding(s)." in out
    assert "counted: calls from a collector number that connected" in out
    assert "0-second calls that day (not connected, not counted as connected): 1." in out
    assert "Sources of the rules:" in out
    assert "rule pack gbt-45251-2025, version 3" in out
    assert "checked 2026-12-03: " in out and "(not confirmed against the text)" in out
    code, out, _ = run(
        capsys, "timeline", "--vault", v, "--lender", "微粒貸", "--kind", "call", "--json"
    )
    # the timeline says what the backup logged; the 0-second call is the first of the day
    entries = json.loads(out)
    assert [e["direction"] for e in entries] == ["incoming"] * 5 + ["missed"]
    assert entries[0]["duration_s"] == 0
    code, out, _ = run(
        capsys,
        "complaint",
        "add",
        "--vault",
        v,
        "--lender",
        "微粒貸",
        "--channel",
        "nifa",
        "--filed",
        "2026-03-03",
        "--reference",
        "N-1",
        "--item",
        report["item_id"],
        "--json",
    )
    complaint = json.loads(out)
    assert code == 0 and complaint["item_ids"] == [report["item_id"]]
    code, out, _ = run(
        capsys,
        "complaint",
        "update",
        "--vault",
        v,
        "--id",
        str(complaint["id"]),
        "--status",
        "in_progress",
        "--follow-up",
        "2026-03-20",
    )
    assert code == 0 and "in_progress" in out and "2026-03-20" in out
    code, out, _ = run(capsys, "complaint", "list", "--vault", v, "--json")
    assert [c["status"] for c in json.loads(out)] == ["in_progress"]


def test_bad_input_gives_one_sentence_and_exit_code_2(
    vault_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v = str(vault_path)
    hostile = tmp_path / "x.xml"
    hostile.write_text('<!DOCTYPE x [<!ENTITY a "b">]><calls>&a;</calls>', encoding="utf-8")
    code, _, err = run(capsys, "import-backup", "--vault", v, str(hostile))
    assert code == 2 and err.startswith("evault: The backup declares a document type")
    assert err.count("\n") == 1
    code, _, err = run(capsys, "stats", "--vault", v, "--lender", "nobody")
    assert code == 2 and "no lender named 'nobody'" in err
    code, _, err = run(capsys, "timeline", "--vault", v, "--from", "March")
    assert code == 2 and "YYYY-MM-DD" in err


def test_evault_runs_the_case_commands_as_a_program(vault_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "vault.cli",
            "violations",
            "--vault",
            str(vault_path),
            "--lender",
            "x",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "evault: There is no lender named 'x' in this vault."


def test_evault_import_of_a_phone_folder_counts_the_backups_calls(
    vault_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v = str(vault_path)
    folder = tmp_path / "phone"
    folder.mkdir()
    (folder / "note.txt").write_text("上门催收", encoding="utf-8")
    write_calls(
        folder / "calls-20260303.xml",
        [
            Call(COLLECTOR, "2026-03-02 09:00", ANSWERED, 30),
            Call("17110099999", "2026-03-02 23:15"),
        ],
    )
    assert run(capsys, "lender", "add", "借呗", "--vault", v, "--number", COLLECTOR)[0] == 0
    code, out, _ = run(capsys, "import", "--vault", v, "--lender", "借呗", str(folder))
    assert code == 0 and "2 imported, 0 duplicates, 0 refused." in out
    assert "Imported the backup as item " in out and ": 2 calls, 0 SMS, 0 MMS; 1 rows" in out
    assert "unassigned\t17110099999\t1 contacts" in out
    assert "evault lender update NAME --add-number NUMBER" in out
    code, out, _ = run(capsys, "stats", "--vault", v, "--lender", "借呗", "--json")
    assert code == 0 and json.loads(out)["calls_attempted"] == 1
    # the same folder again: already there, nothing counted twice
    code, out, _ = run(capsys, "import", "--vault", v, "--lender", "借呗", "--json", str(folder))
    report = json.loads(out)
    assert code == 0 and [r["status"] for r in report["results"]] == ["duplicate", "duplicate"]
    assert report["backups"] == []
    code, out, _ = run(capsys, "stats", "--vault", v, "--lender", "借呗", "--json")
    assert json.loads(out)["calls_attempted"] == 1
