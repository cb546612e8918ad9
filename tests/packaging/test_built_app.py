"""The built app, tested as built: ``tools/build`` (the one-folder app and its .deb), then
both built programs run from another folder with an empty environment (``env -i``): their
self-tests, and ``evault`` through the borrower's whole command-line path, the bundle it
wrote checked with the receiver's standard tools. Then the .deb is installed with
``dpkg -i``, the installed programs run from the PATH, and ``dpkg -r`` leaves nothing.

This is where a data file the code reads but the spec leaves out shows up (the rule
packs were missing once: the frozen export and ``violations`` crashed).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.helpers import REPO, require_tool, standard_tools_accept
from tests.ui.journey import COLLECTOR, make_phone_folder

pytestmark = pytest.mark.slow

PASSPHRASE = "built app, a throw-away vault"
LENDER = "微粒贷"


class Build(NamedTuple):
    folder: Path  # dist/evidence-vault
    deb: Path  # dist/evidence-vault_VERSION_ARCH.deb


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """``tools/build`` of this checkout (about a minute and a half on a quiet machine)."""
    if not (Path(sys.executable).parent / "pyinstaller").exists():
        pytest.fail("pyinstaller is not installed; tools/setup installs it (the build extra)")
    work = tmp_path_factory.mktemp("build")
    done = subprocess.run(
        [str(REPO / "tools" / "build"), "--dist", str(work / "dist"), "--work", str(work / "work")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "Self-test passed" in done.stdout, done.stdout  # the build tested itself
    folder = work / "dist" / "evidence-vault"
    assert (folder / "evault").is_file() and (folder / "evidence-vault").is_file()
    debs = list((work / "dist").glob("evidence-vault_*.deb"))
    assert len(debs) == 1, debs
    return Build(folder, debs[0])


@pytest.fixture(scope="module")
def built(build: Build) -> Path:
    return build.folder


def _bare(command: list[str], home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``command`` as ``env -i`` runs it from ``home``: nothing but HOME (and ``env``)."""
    return subprocess.run(
        command,
        cwd=home,
        env={"HOME": str(home), **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _frozen(folder: Path, home: Path, *args: str, passphrase: bool = True) -> str:
    """Run the frozen ``evault`` as ``env -i`` would: nothing but HOME (and the passphrase)."""
    env = {"EVAULT_PASSPHRASE": PASSPHRASE} if passphrase else {}
    done = _bare([str(folder / "evault"), *args], home, **env)
    assert done.returncode == 0, f"evault {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout


def test_the_built_cli_walks_the_borrowers_path(built: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    phone = make_phone_folder(tmp_path)
    vault = str(home / "evidence")
    assert _frozen(built, home, "--version", passphrase=False).startswith("evault ")
    completion = _frozen(built, home, "completion", "bash", passphrase=False)
    assert "\ncomplete -o bashdefault -F _shtab_evault evault" in completion  # shtab is built in
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
    done = _bare([str(built / "evidence-vault")], tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines == [lines[0]] and "no screen" in lines[0], done.stderr


def test_pyinstaller_comes_with_the_set_up() -> None:
    assert shutil.which("pyinstaller", path=os.path.dirname(sys.executable))


@pytest.mark.parametrize("command", [["evidence-vault", "--selftest"], ["evault", "selftest"]])
def test_each_built_program_passes_its_self_test(
    built: Path, tmp_path: Path, command: list[str]
) -> None:
    done = _bare([str(built / command[0]), *command[1:]], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("Self-test passed"), done.stdout
    assert f"in {built / '_internal'}" in done.stdout  # it read the build's data, no other
    # the build started itself as a Tesseract child and read the screenshot with it
    assert "ok  read the screenshot's text: the screenshot read by" in done.stdout, done.stdout


def test_the_build_leaves_out_what_the_app_never_loads(built: Path) -> None:
    qt = built / "_internal" / "PySide6" / "Qt"
    platforms = sorted(p.name for p in (qt / "plugins" / "platforms").iterdir())
    assert platforms == ["libqoffscreen.so", "libqwayland.so", "libqxcb.so"]
    assert not list(built.rglob("*VirtualKeyboard*")) and not list(built.rglob("*virtualkeyboard*"))
    catalogs = {re.sub(r"^\w+?_", "", p.stem, count=1) for p in (qt / "translations").iterdir()}
    assert catalogs == {"en", "zh_CN", "zh_TW"}
    assert not list(built.rglob("qt_help_*"))
    python = next((built / "_internal").glob("libpython3*.so*"))
    sections = subprocess.run(
        [require_tool("objdump"), "-h", str(python)], capture_output=True, text=True, check=True
    ).stdout
    assert ".debug_info" not in sections, "the build strips debug sections"


def _is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def _needed(path: Path) -> list[str]:
    dump = subprocess.run(
        [require_tool("objdump"), "-p", str(path)], capture_output=True, text=True, check=False
    ).stdout
    return re.findall(r"^\s*NEEDED\s+(\S+)$", dump, re.MULTILINE)


def test_the_package_depends_on_every_library_the_build_does_not_carry(build: Build) -> None:
    carried = {p.name for p in build.folder.rglob("*.so*")}
    elves = [p for p in build.folder.rglob("*") if p.is_file() and _is_elf(p)]
    outside = {lib for elf in elves for lib in _needed(elf)} - carried
    gtk = {"libgtk-3.so.0", "libgdk-3.so.0"}  # only the optional GTK theme plugin: Qt skips it
    depends = subprocess.run(
        ["dpkg-deb", "-f", str(build.deb), "Depends"], capture_output=True, text=True, check=True
    ).stdout
    named = {re.split(r"[ (]", part.strip())[0] for part in depends.split(",")}
    unprovided = []
    for lib in sorted(outside - gtk):
        found = subprocess.run(
            ["dpkg-query", "-S", f"*/{lib}"], capture_output=True, text=True, check=False
        ).stdout
        owners = {line.split(":")[0] for line in found.splitlines()}
        if not owners & named:
            unprovided.append(f"{lib} (from {', '.join(sorted(owners)) or 'no package'})")
    assert not unprovided, f"Depends lacks the packages of {unprovided}"


INSTALLED = Path("/opt/evidence-vault")
ON_PATH = (Path("/usr/bin/evault"), Path("/usr/bin/evidence-vault"))
MENU = Path("/usr/share/applications/evidence-vault.desktop")
ICON = Path("/usr/share/icons/hicolor/scalable/apps/evidence-vault.svg")


@pytest.fixture
def installed(build: Build) -> Iterator[None]:
    """The .deb installed with ``dpkg -i`` (CI runs as root), removed with ``dpkg -r``."""
    if os.geteuid() != 0:
        pytest.skip("installing the .deb needs root (CI runs as root); the build was tested")
    if INSTALLED.exists() or any(path.exists() for path in ON_PATH):
        pytest.fail(f"{INSTALLED} or /usr/bin/evault is already there: remove it first")
    done = subprocess.run(
        ["dpkg", "-i", str(build.deb)], capture_output=True, text=True, timeout=300, check=False
    )
    try:
        assert done.returncode == 0, done.stdout + done.stderr
        yield
    finally:
        removed = subprocess.run(
            ["dpkg", "-r", "evidence-vault"], capture_output=True, text=True, check=False
        )
    assert removed.returncode == 0, removed.stdout + removed.stderr
    left = [str(p) for p in (INSTALLED, *ON_PATH, MENU, ICON) if p.exists() or p.is_symlink()]
    assert not left, f"dpkg -r left {left}"


def test_the_package_installs_runs_and_removes_cleanly(installed: None, tmp_path: Path) -> None:
    assert all(path.is_symlink() for path in ON_PATH)
    assert MENU.is_file() and ICON.is_file()
    valid = subprocess.run(
        [require_tool("desktop-file-validate"), str(MENU)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert valid.returncode == 0 and not valid.stdout.strip(), valid.stdout + valid.stderr
    version = _bare(["evault", "--version"], tmp_path, PATH="/usr/bin:/bin")
    assert version.returncode == 0 and version.stdout.startswith("evault "), version.stderr
    selftest = _bare(["evidence-vault", "--selftest"], tmp_path, PATH="/usr/bin:/bin")
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert f"in {INSTALLED / '_internal'}" in selftest.stdout, selftest.stdout
