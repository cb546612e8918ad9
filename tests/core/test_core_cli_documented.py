"""The README and DESIGN.md §7 are promises: their commands run as written.

The README's command block is read from README.md and run line by line in a fresh home
with real evidence (an espeak-ng/ffmpeg recording, a Pillow screenshot, an SMS Backup &
Restore call log). Every action is a real sub-command, so options go before or after
positionals; and no failure, expected or not, reaches the user as a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.case.case_xml import MISSED, Call, write_calls
from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.helpers import REPO, require_tool
from vault.cli import EXIT_UNEXPECTED, build_parser, main, vault_cmds
from vault.cli.common import shown_path
from vault.handle import create_vault
from vault.lenders import add_lender

README_BLOCK = re.compile(r"## Everyday use \(command line\)\n\n```\n(.*?)```", re.S)


def _run(
    argv: list[str], *, home: Path, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "EVAULT_PASSPHRASE": PASSPHRASE,
        "EVAULT_LOG_DIR": str(home / "logs"),
        "PYTHONPATH": str(REPO),
    } | (env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "ui.evault", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )


def _phone_folder(home: Path) -> None:
    recordings = home / "phone" / "Recordings"
    screenshots = home / "phone" / "Screenshots"
    recordings.mkdir(parents=True)
    screenshots.mkdir(parents=True)
    wav = home / "speech.wav"
    subprocess.run(
        [require_tool("espeak-ng"), "-v", "zh", "-w", str(wav), "再不还钱就去你家"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            require_tool("ffmpeg"),
            "-v",
            "error",
            "-i",
            str(wav),
            "-c:a",
            "aac",
            str(recordings / "13800138000_20240315214501.m4a"),
        ],
        check=True,
        capture_output=True,
    )
    Image.new("RGB", (320, 640), (30, 160, 80)).save(
        screenshots / "Screenshot_2024-03-15-21-50-01-123_com.tencent.mm.png"
    )
    write_calls(
        home / "calls-20240315.xml",
        [Call("13800138000", f"2024-03-15 {hour:02d}:30", MISSED) for hour in (7, 12, 22, 23)],
    )


@pytest.mark.slow
def test_the_readme_command_block_runs_as_written(tmp_path: Path) -> None:
    block = README_BLOCK.search((REPO / "README.md").read_text(encoding="utf-8"))
    assert block, "README.md lost its 'Everyday use (command line)' block"
    home = tmp_path / "home"
    home.mkdir()
    _phone_folder(home)
    ran = []
    for line in block.group(1).splitlines():
        words = shlex.split(line, comments=True)
        if not words or words[0] == "export":
            continue
        assert words[0] == "evault", line
        argv = [word.replace("~", str(home), 1) if word.startswith("~") else word for word in words]
        done = _run(argv[1:], home=home)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr, line
        ran.append(argv[1])
    assert ran == [
        "init",
        "lender",
        "import",
        "import-backup",
        "ocr",
        "list",
        "stats",
        "violations",
        "export",
        "verify",
        "check",
    ]
    assert (home / "借呗-证据.zip").stat().st_size > 0


def _design_forms() -> list[str]:
    design = REPO.parent / "shared" / "docs" / "DESIGN.md"
    if not design.exists():
        pytest.skip("the steering repository's DESIGN.md is not beside this checkout")
    text = design.read_text(encoding="utf-8")
    block = text[text.index("**CLI**") :]
    block = block[block.index("```") + 3 :]
    return [line for line in block[: block.index("```")].splitlines() if line.strip()]


# The DESIGN lines of commands that later issues build (phone, backups).
NOT_YET = ("evault receive", "evault backup")


def _argv_variants() -> list[list[str]]:
    """Each concrete DESIGN §7 form, with options once after and once before positionals."""
    forms = [
        ["init", "--vault", "/v"],
        ["lender", "add", "借呗", "--vault", "/v", "--number", "+8613800138000"],
        ["lender", "update", "借呗", "--vault", "/v", "--add-number", "+8613800138000"],
        ["lender", "list", "--vault", "/v"],
        ["import", "--vault", "/v", "--lender", "借呗", "a.m4a", "b"],
        ["import-backup", "--vault", "/v", "--lender", "借呗", "calls.xml"],
        [
            "note",
            "add",
            "--vault",
            "/v",
            "--lender",
            "借呗",
            "--at",
            "2024-03-15T21:30",
            "--text",
            "上门",
        ],
        ["list", "--vault", "/v", "--lender", "借呗", "--json"],
        ["list", "--vault", "/v", "--search", "爆通讯录", "--json"],
        ["ocr", "--vault", "/v", "--wait"],
        ["show", "--vault", "/v", "abc", "--json"],
        ["timeline", "--vault", "/v", "--lender", "借呗", "--json"],
        ["stats", "--vault", "/v", "--lender", "借呗", "--json"],
        ["violations", "--vault", "/v", "--lender", "借呗", "--json"],
        [
            "complaint",
            "add",
            "--vault",
            "/v",
            "--lender",
            "借呗",
            "--channel",
            "12378",
            "--filed",
            "2024-03-20",
        ],
        ["complaint", "list", "--vault", "/v", "--lender", "借呗"],
        [
            "complaint",
            "pack",
            "--vault",
            "/v",
            "--lender",
            "借呗",
            "--channel",
            "12378",
            "--out",
            "/tmp",
        ],
        ["complaint", "update", "--vault", "/v", "--id", "1", "--status", "resolved"],
        [
            "export",
            "--vault",
            "/v",
            "--lender",
            "借呗",
            "--from",
            "2024-03-01",
            "--to",
            "2024-03-31",
            "--tsa",
            "http://127.0.0.1:1/tsa",
            "--out",
            "b.zip",
        ],
        ["verify", "b.zip", "--json", "--tsa-ca", "ca.pem"],
        ["check", "--vault", "/v", "--repair"],
        ["stamp", "--vault", "/v", "--tsa", "http://127.0.0.1:1/tsa"],
        ["tsa", "add", "--vault", "/v", "http://127.0.0.1:1/tsa"],
        ["tsa", "list", "--vault", "/v"],
        ["tsa", "remove", "--vault", "/v", "http://127.0.0.1:1/tsa"],
        ["passwd", "--vault", "/v"],
        ["gui", "--vault", "/v"],
    ]
    variants = []
    for form in forms:
        variants.append(form)
        # the same words with every positional after the sub-command moved to the end
        head = 2 if form[0] in {"lender", "note", "complaint", "tsa"} else 1
        rest = form[head:]
        positionals, options, index = [], [], 0
        while index < len(rest):
            word = rest[index]
            if word.startswith("--"):
                takes = index + 1 < len(rest) and not rest[index + 1].startswith("--")
                flag_only = word in {"--json", "--repair"}
                options += rest[index : index + (1 if flag_only or not takes else 2)]
                index += 1 if flag_only or not takes else 2
            else:
                positionals.append(word)
                index += 1
        variants.append(form[:head] + options + positionals)
        variants.append(form[:head] + positionals + options)
    return variants


def test_every_design_command_is_a_parser_command() -> None:
    commands = {
        name
        for line in _design_forms()
        if line.startswith("evault ")
        for name in line.split()[1].split("|")
    }
    commands |= {"tsa"}  # "evault stamp …;  evault tsa add|list|remove" share one line
    parser = build_parser()
    known = {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }
    future = {form.split()[1] for form in NOT_YET} | {"restore"}
    assert commands - future <= known, commands - future - known


@pytest.mark.parametrize("argv", _argv_variants(), ids=" ".join)
def test_documented_forms_parse_with_options_before_or_after(argv: list[str]) -> None:
    parsed = build_parser().parse_args(argv)
    assert parsed.handler is not None


def test_lender_add_with_vault_first_is_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    create_vault(folder, PASSPHRASE, work_factor=FAST_WORK_FACTOR)[0].lock()
    secret = tmp_path / "p"
    secret.write_text(PASSPHRASE)
    common = ["--passphrase-file", str(secret)]
    assert main(["lender", "add", "--vault", str(folder), *common, "借呗"]) == 0
    assert main(["lender", "add", "微粒贷", "--vault", str(folder), *common]) == 0
    assert (
        main(["note", "add", "--vault", str(folder), *common, "--lender", "借呗", "--text", "上门"])
        == 0
    )


@pytest.fixture
def small_vault(tmp_path: Path) -> Path:
    folder = tmp_path / "v"
    opened, _ = create_vault(folder, PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(opened, "借呗")
    opened.lock()
    return folder


def _one_sentence(done: subprocess.CompletedProcess[str], code: int) -> str:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_a_bad_note_time_is_a_usage_error(small_vault: Path, tmp_path: Path) -> None:
    done = _run(
        [
            "note",
            "add",
            "--vault",
            str(small_vault),
            "--lender",
            "借呗",
            "--at",
            "abc",
            "--text",
            "上门",
        ],
        home=tmp_path,
    )
    assert "not a time" in _one_sentence(done, 2)


def test_a_passphrase_file_that_is_not_utf8_is_a_usage_error(
    small_vault: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "p"
    secret.write_bytes(b"\xff\xfe\x00bad")
    done = _run(
        ["lender", "list", "--vault", str(small_vault), "--passphrase-file", str(secret)],
        home=tmp_path,
        env_extra={"EVAULT_PASSPHRASE": ""},
    )
    assert "UTF-8" in _one_sentence(done, 2)


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        '{"format": "evidence-vault/1"}',
        '{"format": "evidence-vault/1", "vault_id": "x", "created_at": "x", '
        '"age_recipient": "x", "ssh_public_key": "x", "kdf": 18}',
        '{"format": "evidence-vault/1", "vault_id": "x", "created_at": "x", '
        '"age_recipient": "x", "ssh_public_key": "x", "kdf": {"log_n": "18"}}',
        "[" * 100_000,
        "\xff",
    ],
    ids=["list", "missing-keys", "kdf-not-object", "log-n-text", "deep", "not-utf8"],
)
def test_a_vault_json_of_the_wrong_shape_is_one_sentence(
    small_vault: Path, tmp_path: Path, content: str
) -> None:
    (small_vault / "vault.json").write_bytes(content.encode("utf-8", "surrogateescape"))
    done = _run(["lender", "list", "--vault", str(small_vault)], home=tmp_path)
    assert "vault.json" in _one_sentence(done, 2)


def test_an_unexpected_failure_is_one_sentence_a_log_path_and_exit_70(
    small_vault: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A bug of ours (here: a handler that raises) never shows the user a traceback."""

    def broken(args: object) -> int:
        raise RuntimeError("a fault inside the program")

    monkeypatch.setattr(vault_cmds, "cmd_lender_list", broken)
    monkeypatch.setenv("EVAULT_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        assert main(["lender", "list", "--vault", str(small_vault)]) == EXIT_UNEXPECTED
    finally:
        for handler in set(root.handlers) - set(handlers):
            root.removeHandler(handler)
            handler.close()
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    log = tmp_path / "logs" / "evidence-vault.log"
    assert len(lines) == 1 and str(log) in lines[0], err
    assert "Traceback" not in err
    details = log.read_text(encoding="utf-8")
    assert "Traceback" in details and "a fault inside the program" in details
    assert PASSPHRASE not in details
    assert oct(log.stat().st_mode & 0o777) == "0o600"
    assert oct(log.parent.stat().st_mode & 0o777) == "0o700"


def test_a_name_that_is_not_utf8_prints_escaped() -> None:
    assert shown_path(os.fsdecode(b"/p/\xff\xfe.jpg")) == "/p/\\xff\\xfe.jpg"


def test_unlocking_makes_the_process_undumpable(small_vault: Path, tmp_path: Path) -> None:
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from vault.hardening import is_dumpable\n"
        "from vault.handle import unlock_vault\n"
        "before = is_dumpable()\n"
        "unlock_vault(Path(sys.argv[1]), sys.argv[2]).lock()\n"
        "print(before, is_dumpable(), resource.getrlimit(resource.RLIMIT_CORE)[1])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(small_vault), PASSPHRASE],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=60,
    )
    assert done.stdout.split() == ["True", "False", "0"]


def test_json_output_still_parses_after_the_sub_command_change(
    small_vault: Path, tmp_path: Path
) -> None:
    done = _run(["lender", "list", "--json", "--vault", str(small_vault)], home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [lender["name"] for lender in json.loads(done.stdout)] == ["借呗"]
