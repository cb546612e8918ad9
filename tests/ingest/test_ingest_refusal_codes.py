"""Every refused file carries a code (the window's sentence) beside its English reason
(the CLI's and JSON's): one code for each distinct kind of refusal."""

from __future__ import annotations

import errno
import json
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.robustness.robust_helpers import run_cli
from vault import fsutil
from vault.dto import ImportStatus
from vault.handle import OpenVault, create_vault
from vault.importing import import_paths
from vault.ingest import pipeline

pytestmark = pytest.mark.timeout(60, method="thread")


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


def _png(path: Path, shade: int = 9) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (12, 12), (shade, 90, 200)).save(path)
    return path


def test_each_kind_of_refusal_has_its_code_and_its_sentence(
    vault: OpenVault, tmp_path: Path, short_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _png(tmp_path / "Screenshot_20240310_093000.png")
    fifo = tmp_path / "pipe.m4a"
    os.mkfifo(fifo)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(os.fspath(short_dir / "s.png"))
    link = tmp_path / "link.png"
    link.symlink_to(good)
    empty = tmp_path / "empty.m4a"
    empty.write_bytes(b"")
    missing = tmp_path / "gone.png"
    became_folder = _png(tmp_path / "became_folder.png", 40)
    real_expand = pipeline.expand

    def expand_then_swap(paths: list[Path]) -> Iterator[Path]:
        # the user replaces a chosen file by a folder of the same name before it is read
        listed = list(real_expand(paths))
        became_folder.unlink()
        became_folder.mkdir()
        yield from listed

    monkeypatch.setattr(pipeline, "expand", expand_then_swap)
    paths = [fifo, short_dir / "s.png", Path("/dev/null"), link, became_folder, empty, missing]
    try:
        report = import_paths(vault, [*paths, good])
    finally:
        sock.close()
    assert [(r.status, r.code, r.reason) for r in report.results] == [
        (ImportStatus.REFUSED, "fifo_refused", fsutil.FIFO_REFUSED),
        (ImportStatus.REFUSED, "socket_refused", fsutil.SOCKET_REFUSED),
        (ImportStatus.REFUSED, "device_refused", fsutil.DEVICE_REFUSED),
        (ImportStatus.REFUSED, "symlink_refused", fsutil.SYMLINK_REFUSED),
        (ImportStatus.REFUSED, "folder_refused", fsutil.FOLDER_REFUSED),
        (ImportStatus.REFUSED, "empty_file", "The file is empty."),
        (ImportStatus.REFUSED, "import_missing", "The file could not be read: No such file or directory."),
        (ImportStatus.IMPORTED, None, None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (errno.ENOSPC, "import_write_refused"),
        (errno.EFBIG, "import_write_refused"),
        (errno.EDQUOT, "import_write_refused"),
        (errno.EROFS, "import_write_refused"),
        (errno.EACCES, "import_unreadable"),
        (errno.EIO, "import_unreadable"),
        (errno.ENOENT, "import_missing"),
    ],
)
def test_a_system_error_while_staging_becomes_a_coded_refusal(number: int, code: str) -> None:
    refusal = pipeline._os_refusal(OSError(number, os.strerror(number)))
    assert refusal.code == code
    assert os.strerror(number) in str(refusal), "the English reason keeps the system's words"
    if code == "import_write_refused":
        assert "disk is full" in str(refusal)


def test_cli_json_gives_the_english_reason_and_the_code(tmp_path: Path) -> None:
    vault_dir = tmp_path / "vault"
    create_vault(vault_dir, PASSPHRASE, work_factor=FAST_WORK_FACTOR)[0].lock()
    good = _png(tmp_path / "in" / "Screenshot_20240311_093000.png")
    fifo = tmp_path / "in" / "pipe.mp3"
    os.mkfifo(fifo)
    link = tmp_path / "in" / "link.png"
    link.symlink_to(good)
    run = run_cli(["import", "--vault", str(vault_dir), "--json", str(fifo), str(link), str(good)])
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)["results"]
    assert [(r["status"], r["code"], r["reason"]) for r in results] == [
        ("refused", "fifo_refused", fsutil.FIFO_REFUSED),
        ("refused", "symlink_refused", fsutil.SYMLINK_REFUSED),
        ("imported", None, None),
    ]


def test_cli_json_names_a_full_disk_by_its_code(tmp_path: Path) -> None:
    vault_dir = tmp_path / "vault"
    create_vault(vault_dir, PASSPHRASE, work_factor=FAST_WORK_FACTOR)[0].lock()
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(3 << 20))
    args = ["import", "--vault", str(vault_dir), "--json", str(big)]
    run = run_cli(args, file_limit=1 << 20, log_dir=tmp_path / "log")
    assert run.returncode == 0, run.stderr
    (result,) = json.loads(run.stdout)["results"]
    assert result["status"] == "refused" and result["code"] == "import_write_refused"
    assert result["reason"].startswith("The vault could not store the file: its disk is full")
