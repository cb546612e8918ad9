"""Hostile imports: FIFOs, sockets, devices, links and loops are refused by name, never
opened in a way that can block, and the rest of the batch is imported."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from vault import fsutil
from vault.dto import ImportReport, ImportStatus
from vault.handle import OpenVault, create_vault
from vault.importing import import_paths
from vault.items import get_item, item_history, list_items
from vault.lenders import add_lender

# A FIFO opened for reading would block a worker thread forever: the thread method ends
# the run with a stack dump instead of waiting on that thread.
pytestmark = pytest.mark.timeout(30, method="thread")


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[OpenVault]:
    opened, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    yield opened
    opened.lock()


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: a unix socket's path must fit in 108 bytes."""
    with tempfile.TemporaryDirectory(prefix="ev") as name:
        yield Path(name)


def _good(folder: Path, count: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"Screenshot_2024031{i}_093000.png"
        Image.new("RGB", (10 + i, 10), (i * 40, 9, 200)).save(path)
        paths.append(path)
    return paths


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _socket(path: Path) -> tuple[Path, socket.socket]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(os.fspath(path))
    return path, sock


def _by_name(report: ImportReport) -> dict[str, tuple[ImportStatus, str | None]]:
    return {r.path.name: (r.status, r.reason) for r in report.results}


def test_a_fifo_alone_is_refused_without_blocking(vault: OpenVault, tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "pipe.m4a")
    (result,) = import_paths(vault, [fifo]).results
    assert result.status is ImportStatus.REFUSED
    assert result.reason == fsutil.FIFO_REFUSED
    assert list_items(vault) == []


def test_a_socket_a_device_and_links_alone_are_refused_by_what_they_are(
    vault: OpenVault, tmp_path: Path, short_dir: Path
) -> None:
    sock_path, sock = _socket(short_dir / "s.png")
    good = _good(tmp_path / "good", 1)[0]
    link = tmp_path / "link.png"
    link.symlink_to(good)
    loop = tmp_path / "loop.png"
    loop.symlink_to(loop)
    dangling = tmp_path / "dangling.png"
    dangling.symlink_to(tmp_path / "nowhere.png")
    try:
        report = import_paths(vault, [sock_path, Path("/dev/null"), link, loop, dangling])
    finally:
        sock.close()
    assert [(r.status, r.reason) for r in report.results] == [
        (ImportStatus.REFUSED, fsutil.SOCKET_REFUSED),
        (ImportStatus.REFUSED, fsutil.DEVICE_REFUSED),
        (ImportStatus.REFUSED, fsutil.SYMLINK_REFUSED),
        (ImportStatus.REFUSED, fsutil.SYMLINK_REFUSED),
        (ImportStatus.REFUSED, fsutil.SYMLINK_REFUSED),
    ]
    assert list_items(vault) == []


def test_a_folder_with_hostile_entries_imports_its_good_files(
    vault: OpenVault, tmp_path: Path, short_dir: Path
) -> None:
    folder = short_dir / "f"
    good = _good(folder, 3)
    _fifo(folder / "a_pipe.mp3")
    _, sock = _socket(folder / "b_sock")
    (folder / "c_link.png").symlink_to(good[0])
    (folder / "d_loop").symlink_to(folder / "d_loop")
    (folder / "e_dev").symlink_to("/dev/null")
    outside = _good(tmp_path / "outside", 1)
    (folder / "f_dirlink").symlink_to(outside[0].parent, target_is_directory=True)
    sub = folder / "sub"
    sub.mkdir()
    (sub / "back_up").symlink_to(folder, target_is_directory=True)  # a folder loop
    _fifo(sub / "pipe2")
    try:
        report = import_paths(vault, [folder])
    finally:
        sock.close()
    results = _by_name(report)
    assert results.pop("a_pipe.mp3") == (ImportStatus.REFUSED, fsutil.FIFO_REFUSED)
    assert results.pop("pipe2") == (ImportStatus.REFUSED, fsutil.FIFO_REFUSED)
    assert results.pop("b_sock") == (ImportStatus.REFUSED, fsutil.SOCKET_REFUSED)
    for link in ("c_link.png", "d_loop", "e_dev", "f_dirlink", "back_up"):
        assert results.pop(link) == (ImportStatus.REFUSED, fsutil.SYMLINK_REFUSED), link
    assert results == {p.name: (ImportStatus.IMPORTED, None) for p in good}
    assert sorted(i.original_name for i in list_items(vault)) == sorted(p.name for p in good)


def test_a_device_in_a_list_with_good_files(vault: OpenVault, tmp_path: Path) -> None:
    good = _good(tmp_path / "good", 2)
    report = import_paths(vault, [good[0], Path("/dev/zero"), good[1]])
    assert [r.status for r in report.results] == [
        ImportStatus.IMPORTED,
        ImportStatus.REFUSED,
        ImportStatus.IMPORTED,
    ]
    assert report.results[1].reason == fsutil.DEVICE_REFUSED


def test_open_regular_refuses_a_file_swapped_after_lstat(tmp_path: Path) -> None:
    """The open file must be the one ``lstat`` saw: a swap in between is refused."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.write_bytes(b"one")
    second.write_bytes(b"two")
    real_lstat = os.lstat

    def swapping_lstat(path: os.PathLike[str] | str) -> os.stat_result:
        seen = real_lstat(path)
        os.replace(second, first)
        return seen

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "lstat", swapping_lstat)
        with pytest.raises(fsutil.NotRegularFileError, match="replaced"):
            fsutil.open_regular(first)


def test_open_regular_returns_a_blocking_descriptor(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_bytes(b"evidence")
    fd, info = fsutil.open_regular(path)
    try:
        assert os.get_blocking(fd) and info.st_size == 8
        assert os.read(fd, 100) == b"evidence"
    finally:
        os.close(fd)


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (12, 12), colour).save(out, "JPEG")
    return out.getvalue()


def _evault(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EVAULT_PASSPHRASE": PASSPHRASE}
    return subprocess.run(
        [sys.executable, "-m", "vault.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def test_a_name_that_is_not_utf8_is_imported_with_its_bytes_shown_escaped(
    vault: OpenVault, tmp_path: Path
) -> None:
    folder = tmp_path / "phone"
    good = _good(folder, 2)
    raw = os.path.join(os.fsencode(folder), b"\xff\xfe.jpg")
    with open(raw, "wb") as out:
        out.write(_jpeg((200, 10, 10)))
    add_lender(vault, "借呗")
    report = import_paths(vault, [folder], lender="借呗")
    assert [r.status for r in report.results] == [ImportStatus.IMPORTED] * 3
    odd = next(r for r in report.results if r.path.name not in {p.name for p in good})
    assert os.fsencode(odd.path) == raw  # the result names the file by its own bytes
    names = sorted(i.original_name for i in list_items(vault))
    assert names == sorted([*(p.name for p in good), "\\xff\\xfe.jpg"])
    assert all(name.isprintable() for name in names)
    assert get_item(vault, odd.item_id or "").original_name == "\\xff\\xfe.jpg"
    history = item_history(vault, odd.item_id or "")
    assert history[0].payload["original_name"] == "\\xff\\xfe.jpg"
    place = str(vault.info.path)
    vault.lock()

    listed = _evault("list", "--vault", place)
    assert listed.returncode == 0, listed.stderr
    assert "\\xff\\xfe.jpg" in listed.stdout
    bundle = tmp_path / "bundle.zip"
    exported = _evault("export", "--vault", place, "--lender", "借呗", "--out", str(bundle))
    assert exported.returncode == 0, exported.stderr
    assert "Traceback" not in exported.stderr
    verified = _evault("verify", str(bundle))
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_the_cli_imports_a_name_that_is_not_utf8(vault: OpenVault, tmp_path: Path) -> None:
    folder = tmp_path / "phone"
    _good(folder, 1)
    raw = os.path.join(os.fsencode(folder), b"call_\xe5\x80.jpg")  # a cut-off UTF-8 sequence
    with open(raw, "wb") as out:
        out.write(_jpeg((10, 200, 10)))
    place = str(vault.info.path)
    vault.lock()
    done = _evault("import", "--vault", place, str(folder))
    assert done.returncode == 0, done.stderr
    assert "call_\\xe5\\x80.jpg" in done.stdout and "Traceback" not in done.stderr
    as_json = _evault("import", "--vault", place, str(folder), "--json")
    assert as_json.returncode == 0, as_json.stderr
    assert "Traceback" not in as_json.stderr
