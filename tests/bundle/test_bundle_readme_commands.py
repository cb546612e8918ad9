"""README.txt's commands work as printed, on a bundle with a Chinese name from the
default export name: the Linux/macOS lines run here in bash, in order, as pasted; the
Windows lines (PowerShell, certutil, cmd) cannot run here (no PowerShell in Debian or
PyPI), so what they name is checked against the real bundle: its file name as the
PowerShell quoting reads it, the file certutil hashes, SHA256SUMS split as the loop
splits it, and the signature line cmd runs, which is the Linux line that runs here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.bundle.conftest import LENDER, PASSPHRASE, make_vault
from tests.helpers import REPO, require_tool
from vault.bundle import layout, readme

TODAY = datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the vault's day names the bundle
EXPECTED_NAME = f"证据包_{LENDER}_{TODAY.isoformat()}.zip"


def ps_unquoted(word: str) -> str:
    """A PowerShell single-quoted string's value (``''`` is one quote)."""
    assert word.startswith("'") and word.endswith("'"), word
    return word[1:-1].replace("''", "'")


def commands(text: str, *starts: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith(starts)]


@pytest.fixture(scope="module")
def receiver(tmp_path_factory: pytest.TempPathFactory, originals: Path) -> tuple[Path, str]:
    """A receiver's folder holding a bundle exported by ``evault export`` with no ``--out``."""
    root = tmp_path_factory.mktemp("readme")
    make_vault(root / "vault", originals).lock()
    folder = root / "received"
    folder.mkdir()
    done = subprocess.run(
        [
            *(sys.executable, "-m", "vault.cli", "export", "--vault", str(root / "vault")),
            *("--lender", LENDER),
        ],
        cwd=folder,  # the default name lands in the current folder
        # a computer's clock 20 hours behind the vault's zone: the name takes the vault's day
        env={
            **os.environ,
            "EVAULT_PASSPHRASE": PASSPHRASE,
            "PYTHONPATH": str(REPO),
            "TZ": "Etc/GMT+12",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert [p.name for p in folder.iterdir()] == [EXPECTED_NAME]
    unpacked = subprocess.run(
        [require_tool("unzip"), "-p", EXPECTED_NAME, layout.README],
        cwd=folder,
        capture_output=True,
        check=True,
    ).stdout
    assert unpacked.startswith(readme.BOM.encode()), "Notepad needs the BOM to read UTF-8"
    assert b"\n" not in unpacked.replace(b"\r\n", b""), "every line ends in CRLF"
    return folder, unpacked.decode("utf-8-sig").replace("\r\n", "\n")


def test_the_linux_lines_run_as_printed(receiver: tuple[Path, str]) -> None:
    folder, text = receiver
    for tool in ("unzip", "sha256sum", "ssh-keygen", "shasum"):
        require_tool(tool)
    lines = commands(text, "unzip ", "sha256sum -c", "ssh-keygen -Y verify -f")
    first = f"unzip '{EXPECTED_NAME}' -d b && cd b"
    assert lines == [first, readme.SUMS_CHECK, readme.SIG_CHECK] * 2  # Chinese, English
    script = "set -e\n" + "\n".join(lines[:3]) + "\n"
    done = subprocess.run(
        ["bash", "-c", script], cwd=folder, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    checked = [line for line in done.stdout.splitlines() if line.endswith(": OK")]
    sums = (folder / "b" / layout.SHA256SUMS).read_text(encoding="utf-8").splitlines()
    assert len(checked) == len(sums) > 5
    assert any(f"evidence/{LENDER}/" in line for line in checked)
    assert 'Good "evidence-vault" signature for evidence-vault' in done.stdout
    (mac,) = set(commands(text, "shasum -a 256 -c"))
    on_mac = subprocess.run(
        ["bash", "-c", mac], cwd=folder / "b", capture_output=True, text=True, check=False
    )
    assert on_mac.returncode == 0, on_mac.stdout + on_mac.stderr
    assert on_mac.stdout.count(": OK") == len(sums)
    shutil.rmtree(folder / "b")


def test_the_windows_lines_name_the_real_bundle_and_files(receiver: tuple[Path, str]) -> None:
    """Not a run of PowerShell: the names, paths and quoting its lines use are right."""
    folder, text = receiver
    (expand,) = set(commands(text, "Expand-Archive"))
    match = re.fullmatch(r"Expand-Archive -LiteralPath ('.*') -DestinationPath b; cd b", expand)
    assert match and ps_unquoted(match.group(1)) == EXPECTED_NAME
    assert (folder / ps_unquoted(match.group(1))).is_file()
    (loop,) = set(commands(text, "Get-Content"))
    assert loop == readme.PS_SUMS_CHECK
    assert "-Encoding UTF8 SHA256SUMS" in loop and "-split '  ', 2" in loop
    (cmd,) = set(commands(text, "cmd /c"))
    assert cmd == f'cmd /c "{readme.SIG_CHECK}"'  # the line the Linux test runs
    (certutil,) = set(commands(text, "certutil"))
    hashed = re.fullmatch(r'certutil -hashfile "(.+)" SHA256', certutil)
    assert hashed and "/" not in hashed.group(1)
    subprocess.run([require_tool("unzip"), "-q", EXPECTED_NAME, "-d", "w"], cwd=folder, check=True)
    try:
        sums = (folder / "w" / layout.SHA256SUMS).read_text(encoding="utf-8").splitlines()
        split = [line.split("  ", 1) for line in sums]  # as the loop splits: hash, path
        listed = {path: digest for digest, path in split}
        for path, digest in listed.items():
            assert re.fullmatch(r"[0-9a-f]{64}", digest) and (folder / "w" / path).is_file()
        target = hashed.group(1).replace("\\", "/")
        assert target in listed and target.startswith(f"evidence/{LENDER}/")
    finally:
        shutil.rmtree(folder / "w")


def test_odd_names_are_quoted_for_each_shell(receiver: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = receiver
    odd = "O'Brien 证据 $HOME ‘x’.zip"
    shutil.copy(folder / EXPECTED_NAME, tmp_path / odd)
    text = readme.readme_text(
        bundle_name=odd, bundle_id="b", created_at="2026-12-02T00:00:00Z",
        fingerprint="SHA256:x", items=1, example_file="evidence/a b/001_x.png",
    )  # fmt: skip
    (unzip,) = set(commands(text, "unzip "))
    done = subprocess.run(
        ["bash", "-c", f"set -e\n{unzip}\n{readme.SUMS_CHECK}"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    (expand,) = set(commands(text, "Expand-Archive"))
    assert "-LiteralPath 'O''Brien 证据 $HOME ‘‘x’’.zip'" in expand
    assert ps_unquoted("'O''Brien'") == "O'Brien"
    assert 'certutil -hashfile "evidence\\a b\\001_x.png" SHA256' in text
    assert f"--expect-key <fingerprint the sender gave you> {readme.sh_quoted(odd)}" in text


def test_default_names_have_no_spaces() -> None:
    day = date(2026, 12, 2)
    assert layout.bundle_file_name("微粒贷", day, "zh_CN") == "证据包_微粒贷_2026-12-02.zip"
    assert layout.bundle_file_name("微粒貸", day, "zh_TW") == "證據包_微粒貸_2026-12-02.zip"
    assert layout.bundle_file_name("Wei  Li\tDai", day, "en") == (
        "evidence_bundle_Wei_Li_Dai_2026-12-02.zip"
    )
    assert layout.bundle_file_name('a/b:c*"d ', day, "zh_CN") == "证据包_a_b_c__d_2026-12-02.zip"
    assert layout.bundle_file_name(None, day, "zh_CN") == "证据包_2026-12-02.zip"


def _blocks(section: str) -> list[list[str]]:
    return [
        [line for line in block.splitlines() if line.strip()]
        for block in re.findall(r"```\n(.*?)```", section, re.S)
    ]


def test_the_documented_lines_are_those_readme_txt_prints() -> None:
    """docs/bundle-format.md shows README.txt's lines for the default name; they agree."""
    doc = (REPO / "docs" / "bundle-format.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Checking with standard tools") : doc.index("## manifest.json")]
    name = layout.bundle_file_name("微粒贷", date(2026, 12, 2), "zh_CN")
    text = readme.readme_text(
        bundle_name=name, bundle_id="b", created_at="2026-12-02T00:00:00Z",
        fingerprint="SHA256:x", items=1,
        example_file="evidence/微粒贷/001_2024-03-02_recording.m4a",
    )  # fmt: skip
    printed = [line.strip() for line in text.splitlines()]
    windows, certutil, unix = _blocks(section)
    assert windows == [readme.expand_command(name), readme.PS_SUMS_CHECK, readme.PS_SIG_CHECK]
    assert certutil == [readme.certutil_command("evidence/微粒贷/001_2024-03-02_recording.m4a")]
    assert unix[:4] == [
        readme.unzip_command(name), readme.SUMS_CHECK, readme.SIG_CHECK, readme.TSR_CHECK
    ]  # fmt: skip
    assert all(line in printed for line in [*windows, *certutil, *unix[:4]])
