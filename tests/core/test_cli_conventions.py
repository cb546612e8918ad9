"""The conventions of ``evault`` as a command-line tool: every option and positional says
what it is in ``--help``; the vault comes from ``--vault``, else ``EVAULT_VAULT``, else the
window's own vault; and bash completes the commands, choices and folders from a script
generated from the same parser. The README's lines for these run here as written.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.helpers import REPO, require_tool
from vault.cli import build_parser, main
from vault.handle import create_vault
from vault.lenders import add_lender, list_lenders
from vault.location import VAULT_ENV, default_vault_path


def _parsers(
    parser: argparse.ArgumentParser, words: str
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield words, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{words} {name}")


def test_every_command_option_and_positional_has_a_help_text() -> None:
    missing = []
    for words, parser in _parsers(build_parser(), "evault"):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                missing += [
                    f"{words} {choice.dest}"
                    for choice in action._choices_actions
                    if not choice.help
                ]
            if not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{words} {'/'.join(action.option_strings) or action.dest}")
    assert missing == [], "give these a help= text in vault/cli/: " + ", ".join(missing)


def _evault_on_path(folder: Path) -> Path:
    """An ``evault`` command on PATH that runs this checkout's installed entry point."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "evault"
    script.write_text(
        f'#!/bin/sh\nPYTHONPATH={shlex.quote(str(REPO))} exec {shlex.quote(sys.executable)} -m ui.evault "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder


def _environment(home: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": f"{_evault_on_path(home / 'bin')}{os.pathsep}/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "EVAULT_PASSPHRASE": PASSPHRASE,
        "EVAULT_LOG_DIR": str(home / "logs"),
    } | extra


def _sh(command: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [require_tool("bash"), "--norc", "--noprofile", "-c", command],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )


def _new_vault(path: Path) -> None:
    opened, _ = create_vault(path, PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(opened, "借呗")
    opened.lock()


def _lenders(path: Path) -> list[str]:
    from vault.handle import unlock_vault  # noqa: PLC0415

    with unlock_vault(path, PASSPHRASE) as opened:
        return [lender.name for lender in list_lenders(opened)]


def test_evault_vault_names_the_vault_and_vault_wins_over_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _new_vault(first)
    _new_vault(second)
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv(VAULT_ENV, str(first))
    assert main(["lender", "add", "微粒贷"]) == 0
    assert main(["lender", "add", "360借条", "--vault", str(second)]) == 0
    assert sorted(_lenders(first)) == ["借呗", "微粒贷"], "EVAULT_VAULT named the vault"
    assert sorted(_lenders(second)) == ["360借条", "借呗"], "--vault wins over EVAULT_VAULT"
    capsys.readouterr()


def test_without_either_a_command_uses_the_windows_default_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    env = _environment(home)
    monkeypatch.setenv("XDG_DATA_HOME", env["XDG_DATA_HOME"])
    default = default_vault_path()
    assert default == home / ".local" / "share" / "Evidence Vault" / "vault"
    _new_vault(default)
    done = _sh("evault lender add 微粒贷 && COLUMNS=500 evault lender list --help", env, home)
    assert done.returncode == 0, done.stderr
    assert sorted(_lenders(default)) == ["借呗", "微粒贷"]
    help_text = " ".join(done.stdout.split())
    assert f"default: ${VAULT_ENV}, else {default}" in help_text, done.stdout
    missing = _sh("evault list", env | {VAULT_ENV: str(home / "none")}, home)
    assert missing.returncode == 2
    assert f"{home / 'none'} is not an Evidence Vault" in missing.stderr


def _readme_block(after: str) -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(re.escape(after) + r".*?```\n(.*?)```", text, re.S)
    assert found, f"README.md lost the block after {after!r}"
    return [line for line in found.group(1).splitlines() if line.strip()]


def test_the_readme_evault_vault_lines_run_as_written(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _new_vault(home / "evidence")
    lines = _readme_block("so a session of commands names it once")
    assert lines[0].startswith(f"export {VAULT_ENV}="), lines
    script = "set -e\n" + "\n".join(lines)
    done = _sh(script, _environment(home) | {"PYTHONPATH": str(REPO)}, home)
    assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr}"
    assert "借呗" in done.stdout


def test_the_readme_bash_completion_line_completes_commands_choices_and_folders(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    (home / "vaults" / "mine").mkdir(parents=True)
    (home / "vaults" / "notes.txt").write_text("x", encoding="utf-8")
    (line,) = [entry for entry in _readme_block("Tab completion") if "bash" in entry]
    setup = shlex.split(line, comments=True)
    assert setup == ["source", "<(evault", "completion", "bash)"], line
    script = (
        line.split("#")[0]
        + "\ncomplete -p evault\n"
        + 'ask() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; '
        + "COMP_POINT=${#COMP_LINE}; COMPREPLY=(); "
        + '"$function" evault "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"; '
        + 'echo "$*|${COMPREPLY[*]}"; }\n'
        + "function=$(complete -p evault | sed -E 's/.* -F ([^ ]+) .*/\\1/')\n"
        + "ask evault lend\n"
        + "ask evault lender ''\n"
        + "ask evault export --la\n"
        + "ask evault export --lang ''\n"
        + "ask evault completion ''\n"
        + f"ask evault list --vault {home}/vaults/\n"
    )
    done = _sh(script, _environment(home), home)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.fullmatch(r"complete .*-F \S+ evault", lines[0]), lines[0]
    answers = dict(line.split("|", 1) for line in lines[1:])
    assert answers["evault lend"] == "lender"
    assert answers["evault lender "].split() == ["add", "update", "list"]
    assert answers["evault export --la"] == "--lang"
    assert answers["evault export --lang "].split() == ["zh_CN", "zh_TW", "en"]
    assert answers["evault completion "].split() == ["bash", "zsh"]
    assert answers[f"evault list --vault {home}/vaults/"] == f"{home}/vaults/mine", (
        "--vault completes folders only"
    )


def test_the_zsh_script_is_a_completion_function_for_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["completion", "zsh"]) == 0
    script = capsys.readouterr().out
    assert script.startswith("#compdef evault\n")
    commands = {
        name
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }
    offered = re.search(
        r"_shtab_evault_commands\(\) \{\n  local _commands=\((.*?)\n  \)", script, re.S
    )
    assert offered, script[:2000]
    assert {
        line.split(":")[0].strip() for line in offered.group(1).strip().splitlines()
    } == commands
    assert re.search(r'"--vault\[[^]]*\]:DIR:_files -/"', script), "zsh completes folders"
    assert str(default_vault_path()) not in script, "the script names no path of this computer"
