"""``evault transcript``: the README's commands run as written, and a set is kept."""

from __future__ import annotations

import json
import re
import shlex
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.transcript.conftest import PASSPHRASE
from vault.cli import main
from vault.handle import OpenVault
from vault.items import list_items
from vault.transcript import transcript_versions

BLOCK = re.compile(r"A recording's transcript \(录音文字稿\).*?```\n(.*?)```", re.S)


def test_the_readme_transcript_commands_run_as_written(
    vault: OpenVault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    block = BLOCK.search((REPO / "README.md").read_text(encoding="utf-8"))
    assert block, "README.md lost its transcript commands"
    recording = next(i.id for i in list_items(vault) if i.kind == "recording")
    vault_dir = vault.info.path
    vault.lock()
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    monkeypatch.chdir(tmp_path)
    Path("文字稿.txt").write_text("00:00 催收方 你再不还钱\n00:01 本人 我在想办法\n", "utf-8")
    outputs = []
    for line in block.group(1).splitlines():
        words = shlex.split(line, comments=True)
        assert words[0] == "evault", line
        argv = [
            str(vault_dir) if w == "~/evidence" else recording if w == "ID" else w
            for w in words[1:]
        ]
        assert main(argv) == 0, line
        outputs.append(capsys.readouterr().out)
    assert recording in outputs[0]
    assert "version 1, 2 segments" in outputs[1]
    shown = json.loads(outputs[2])
    assert [s["speaker"] for s in shown["segments"]] == ["collector", "self"]
    item = json.loads(outputs[3])
    assert item["id"] == recording and "text" not in item, "a recording has no OCR text"
    transcript = item["transcript"]
    assert transcript == shown, "one JSON form of a transcript"
    assert transcript["version"] == 1 and transcript["origin"] == "manual"
    assert transcript["machine_read"] is False, "typed by the user, not read by a machine"
    assert datetime.fromisoformat(transcript["saved_at"]).utcoffset() is not None
    assert transcript["segments"] == [
        {"start_ms": 0, "speaker": "collector", "text": "你再不还钱"},
        {"start_ms": 1000, "speaker": "self", "text": "我在想办法"},
    ]

    # JSON as show --json printed it sets the same words: no new version
    Path("same.json").write_text(outputs[2], "utf-8")
    assert (
        main(["transcript", "set", recording, "--vault", str(vault_dir), "--from", "same.json"])
        == 0
    )
    assert "version 1," in capsys.readouterr().out
    assert main(["transcript", "show", recording, "--vault", str(vault_dir)]) == 0
    assert "00:01 本人 我在想办法" in capsys.readouterr().out
    assert main(["show", recording, "--vault", str(vault_dir)]) == 0
    plain = capsys.readouterr().out
    assert "transcript (version 1, manual, saved " in plain
    assert "  00:00 催收方：你再不还钱\n  00:01 本人：我在想办法\n" in plain
    screenshot = next(n for n in outputs[0].splitlines() if "Screenshot_" in n).split("\t")[0]
    assert main(["show", screenshot, "--vault", str(vault_dir), "--json"]) == 0
    assert "transcript" not in json.loads(capsys.readouterr().out), "no recording, none"


def test_a_wrong_line_is_one_sentence_and_nothing_is_kept(
    vault: OpenVault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    recording = next(i.id for i in list_items(vault) if i.kind == "recording")
    vault_dir = vault.info.path
    vault.lock()
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    source = tmp_path / "bad.txt"
    source.write_text("00:00 催收方 好\n00:07 债主 你等着\n", "utf-8")
    argv = ["transcript", "set", recording, "--vault", str(vault_dir), "--from", str(source)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "evault: Line 2: '债主' is not a speaker (催收方, 本人, 其他).\n"
    )
    from vault.handle import unlock_vault  # noqa: PLC0415

    reopened = unlock_vault(vault_dir, PASSPHRASE)
    try:
        assert transcript_versions(reopened, recording) == []
    finally:
        reopened.lock()
