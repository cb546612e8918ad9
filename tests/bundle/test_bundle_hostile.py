"""Hostile archives given to ``evault verify``: a clear sentence, exit 2, nothing written,
bounded memory and time; bytes around a real bundle (a prefix, a polyglot) make it
INVALID (exit 1), naming their count."""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

from tests.bundle.conftest import Exported
from tests.bundle.hostile_zips import GiB, deflate_bomb, stored, write_raw_zip
from tests.helpers import REPO
from vault import cli
from vault.bundle.verify import verify_bundle
from vault.bundle.zipsafe import HostileZipError, ZipLimits


def run_verify(bundle: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["verify", str(bundle)])
    return code, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p), p.stat().st_size) for p in folder.rglob("*"))


def assert_refused(bundle: Path, words: str) -> str:
    before = snapshot(bundle.parent)
    code, out, err = run_verify(bundle)
    assert code == 2, out + err
    assert out == ""
    assert err.startswith("evault: ") and err.count("\n") == 1, err  # one sentence
    assert words in err, err
    assert snapshot(bundle.parent) == before  # nothing extracted or written
    return err


def test_parent_directory_entries_are_refused(tmp_path: Path) -> None:
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("SHA256SUMS", b"")
        archive.writestr("evidence/../../evil.sh", b"rm -rf ~")
    assert_refused(bundle, "tries to leave the bundle folder")


def test_absolute_and_windows_paths_are_refused(tmp_path: Path) -> None:
    for index, name in enumerate(["/etc/cron.d/evil", "C:/Windows/evil.bat", "a\\..\\..\\evil"]):
        bundle = tmp_path / f"b{index}.zip"
        with zipfile.ZipFile(bundle, "w") as archive:
            archive.writestr(name, b"x")
        assert_refused(bundle, "is an absolute or Windows path")


def test_symlink_entries_are_refused(tmp_path: Path) -> None:
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        link = zipfile.ZipInfo("evidence/passwd")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    assert_refused(bundle, "is a symbolic link")


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    for index, names in enumerate([("README.txt", "README.txt"), ("Report.html", "report.HTML")]):
        bundle = tmp_path / f"b{index}.zip"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # zipfile warns of the duplicate
            with zipfile.ZipFile(bundle, "w") as archive:
                for name in names:
                    archive.writestr(name, b"x")
        assert_refused(bundle, "more than once")


def test_a_truncated_archive_is_refused(exported: Exported, tmp_path: Path) -> None:
    data = exported.bundle.read_bytes()
    for index, keep in enumerate([len(data) // 2, len(data) - 10, 100, 0]):
        bundle = tmp_path / f"cut{index}.zip"
        bundle.write_bytes(data[:keep])
        assert_refused(bundle, "cut short")


def test_something_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(b"%PDF-1.7\n" * 1000)
    assert_refused(bundle, "not a ZIP archive")
    assert_refused(tmp_path / "missing.zip", "cannot be opened")


@pytest.mark.parametrize(
    ("where", "extra", "sentence"),
    [
        ("prefix", b"#!/bin/sh\nX\n", "12 bytes precede the first ZIP entry"),
        ("appended", b"<html>x</html>\n" * 3, "45 bytes follow the ZIP archive's end record"),
    ],
)
def test_bytes_around_the_archive_make_the_bundle_invalid(
    exported: Exported, tmp_path: Path, where: str, extra: bytes, sentence: str
) -> None:
    data = exported.bundle.read_bytes()
    bundle = tmp_path / f"{where}.zip"
    bundle.write_bytes(extra + data if where == "prefix" else data + extra)
    with zipfile.ZipFile(bundle) as archive:  # zipfile reads past such bytes unawares
        assert archive.testzip() is None
    code, out, err = run_verify(bundle)
    assert code == 1, out + err
    assert f"{sentence}; a bundle written by Evidence Vault has none." in out, out
    assert "Result: INVALID (archive failed)" in out, out  # everything else still holds
    assert run_verify(exported.bundle)[0] == 0


def test_overlapping_entries_are_refused(tmp_path: Path) -> None:
    bundle = write_raw_zip(tmp_path / "b.zip", [stored("a", b"x" * 100), stored("b", b"y" * 100)])
    raw = bytearray(bundle.read_bytes())
    # Point the second central directory record at the first entry's local header.
    second = raw.rfind(b"PK\x01\x02")
    raw[second + 42 : second + 46] = (0).to_bytes(4, "little")
    bundle.write_bytes(bytes(raw))
    assert_refused(bundle, "share the same stored data")


def measured_verify(bundle: Path) -> dict[str, float]:
    """Run the CLI in a child process; report its exit code, peak memory (VmHWM, which
    unlike ru_maxrss does not carry the parent's peak across exec) and time."""
    script = (
        "import json, sys, time\n"
        "from vault import cli\n"
        "start = time.perf_counter()\n"
        "code = cli.main(['verify', sys.argv[1]])\n"
        "took = time.perf_counter() - start\n"
        "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "peak = int(status.split()[0]) / 1024\n"
        "print(json.dumps({'code': code, 'seconds': took, 'peak_mib': peak}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(bundle)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=os.environ | {"PYTHONPATH": str(REPO)},
    )
    figures: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    figures["stderr_lines"] = len(done.stderr.splitlines())
    return figures


def test_a_ten_gigabyte_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bundle = write_raw_zip(tmp_path / "bomb.zip", [deflate_bomb(10 * GiB)])
    assert bundle.stat().st_size < 16 << 20
    err = assert_refused(bundle, "zip bomb")
    assert "10737418240" in err
    figures = measured_verify(bundle)
    assert figures["code"] == 2
    assert figures["seconds"] < 5
    assert figures["peak_mib"] < 300


def test_size_limits_per_entry_and_in_total_are_enforced(tmp_path: Path) -> None:
    bundle = write_raw_zip(
        tmp_path / "big.zip", [stored("a.bin", bytes(3 << 20)), stored("b.bin", bytes(3 << 20))]
    )
    with pytest.raises(HostileZipError, match="more than the 2097152 a bundle file may have"):
        verify_bundle(bundle, limits=ZipLimits(max_entry_size=2 << 20))
    with pytest.raises(HostileZipError, match="would expand to more than 5242880 bytes"):
        verify_bundle(bundle, limits=ZipLimits(max_total_size=5 << 20))
    assert verify_bundle(bundle, limits=ZipLimits(max_total_size=6 << 20)).valid is False


@pytest.fixture(scope="module")
def hundred_thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    return write_raw_zip(
        folder / "many.zip", [stored(f"evidence/{n:06d}.txt", b"") for n in range(100_000)]
    )


def test_a_hundred_thousand_entries_are_refused_before_they_are_listed(
    hundred_thousand: Path,
) -> None:
    assert_refused(hundred_thousand, "claims 100000 entries")
    figures = measured_verify(hundred_thousand)
    assert figures["code"] == 2
    assert figures["seconds"] < 3
    assert figures["peak_mib"] < 300
