"""The README's benchmark lines are promises too: each runs as written and prints its
figures, and the block names every benchmark in bench/ (slow: each builds its own
data, up to a 5 GB phone dump)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO

BENCH_BLOCK = re.compile(r"## Benchmarks\n\n[^`]*```\n(.*?)```", re.S)
_ASSIGNMENT = re.compile(r"[A-Z_][A-Z0-9_]*=")


def _lines() -> list[str]:
    found = BENCH_BLOCK.search((REPO / "README.md").read_text(encoding="utf-8"))
    assert found is not None, "README.md has no benchmark block"
    return [line.split(" #")[0].strip() for line in found.group(1).splitlines() if line.strip()]


def _split(line: str) -> tuple[dict[str, str], list[str]]:
    """A line's leading NAME=value words (its environment) and its command."""
    words = shlex.split(line)
    env: dict[str, str] = {}
    while words and _ASSIGNMENT.match(words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    return env, words


def test_the_block_names_every_benchmark() -> None:
    named = {_split(line)[1][1] for line in _lines()}
    assert named == {f"bench/{path.name}" for path in (REPO / "bench").glob("*.py")}


@pytest.mark.slow
@pytest.mark.parametrize("line", _lines(), ids=lambda line: _split(line)[1][1])
def test_a_benchmark_line_runs_as_written(line: str, tmp_path: Path) -> None:
    env, argv = _split(line)
    done = subprocess.run(
        argv,
        cwd=REPO,
        env=os.environ | {"TMPDIR": str(tmp_path)} | env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, f"{line}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    assert done.stdout.strip(), f"{line} printed no figures"
