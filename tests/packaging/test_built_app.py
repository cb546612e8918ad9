"""The built app, tested as built: ``pyinstaller build.spec``, then the frozen ``evault`` run
from another folder with an empty environment (``env -i``), through the borrower's whole
command-line path, and the bundle it wrote checked with the receiver's standard tools.

This is where a data file the code reads but the spec leaves out shows up (the rule
packs were missing once: the frozen export and ``violations`` crashed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, require_tool, standard_tools_accept
from tests.ui.journey import COLLECTOR, make_phone_folder

pytestmark = pytest.mark.slow

PASSPHRASE = "built app, a throw-away vault"
LENDER = "微粒贷"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one-folder build of this checkout (about a minute)."""
    pyinstaller = Path(sys.executable).parent / "pyinstaller"
    if not pyinstaller.exists():
        pytest.fail("pyinstaller is not installed; tools/setup installs it (the build extra)")
    work = tmp_path_factory.mktemp("build")
    done = subprocess.run(
        [
            *(str(pyinstaller), "--noconfirm", "--log-level", "WARN", "build.spec"),
            *("--distpath", str(work / "dist"), "--workpath", str(work / "work")),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    folder = work / "dist" / "evidence-vault"
    assert (folder / "evault").is_file() and (folder / "evidence-vault").is_file()
    return folder


def _frozen(folder: Path, home: Path, *args: str, passphrase: bool = True) -> str:
    """Run the frozen ``evault`` as ``env -i`` would: nothing but HOME (and the passphrase)."""
    env = {"HOME": str(home)}
    if passphrase:
        env["EVAULT_PASSPHRASE"] = PASSPHRASE
    done = subprocess.run(
        [str(folder / "evault"), *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"evault {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout


def test_the_built_cli_walks_the_borrowers_path(built: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    phone = make_phone_folder(tmp_path)
    vault = str(home / "evidence")
    assert _frozen(built, home, "--version", passphrase=False).startswith("evault ")
    _frozen(built, home, "init", "--vault", vault, "--time-zone", "Asia/Shanghai")
    _frozen(built, home, "lender", "add", LENDER, "--number", COLLECTOR, "--vault", vault)
    imported = _frozen(built, home, "import", "--vault", vault, "--lender", LENDER, str(phone))
    assert "0 refused" in imported, imported
    assert "calls" in imported  # the calls backup in the folder is read as a backup
    _frozen(built, home, "note", "add", "--vault", vault, "--lender", LENDER, "--text", "上门")
    findings = _frozen(built, home, "violations", "--vault", vault, "--lender", LENDER)
    assert "22:00" in findings, findings  # the rule packs are in the build
    bundle = home / "bundle.zip"
    _frozen(built, home, "export", "--vault", vault, "--lender", LENDER, "--out", str(bundle))
    assert "Result: VALID" in _frozen(built, home, "verify", str(bundle), passphrase=False)
    folder = tmp_path / "unzipped"
    standard_tools_accept(bundle, folder)
    assert (folder / "report" / "evidence-list.pdf").read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        [require_tool("pdftotext"), str(folder / "report" / "evidence-list.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert LENDER in text, "the frozen app's PDF carries Chinese text"


def test_the_built_window_says_why_it_cannot_open_without_a_screen(
    built: Path, tmp_path: Path
) -> None:
    done = subprocess.run(
        [str(built / "evidence-vault")],
        cwd=tmp_path,
        env={"HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines == [lines[0]] and "no screen" in lines[0], done.stderr


def test_pyinstaller_comes_with_the_set_up() -> None:
    assert shutil.which("pyinstaller", path=os.path.dirname(sys.executable))
