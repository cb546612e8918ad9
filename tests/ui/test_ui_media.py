# mypy: disable-error-code="no-untyped-call"
"""Playback straight from the encrypted blob: seek, speed, video, and no plaintext on disk."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui.main_window import MainWindow
from vault import fsutil
from vault.handle import create_vault
from vault.importing import import_paths
from vault.lenders import add_lender


@pytest.fixture(scope="module")
def video_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("ffmpeg") is None:
        pytest.fail("ffmpeg makes the test video; run tools/setup")
    out = tmp_path_factory.mktemp("video") / "VID_20250314_101500.mp4"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=2",
         "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-shortest", str(out)],
        check=True,
    )  # fmt: skip
    return out


@pytest.fixture(autouse=True)
def app_tmpdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temp folder the app under test is given (TMPDIR, for Qt and for Python)."""
    folder = tmp_path / "app-tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _files_containing(needle: bytes, since: float, roots: list[Path]) -> list[Path]:
    """Regular files written since ``since`` under ``roots`` that hold ``needle``.

    Only regular files are read, opened so that nothing can block (a FIFO or a device
    in a shared folder would hang a plain read) and no link is followed.
    """
    hits = []
    for root in roots:
        for folder, _dirs, names in os.walk(root):  # other processes may delete as we walk
            for name in names:
                path = Path(folder) / name
                try:
                    info = path.lstat()
                    if not stat.S_ISREG(info.st_mode):
                        continue
                    if info.st_mtime < since or info.st_size > 50_000_000:
                        continue
                    fd, _ = fsutil.open_regular(path)
                    with os.fdopen(fd, "rb") as src:
                        if needle in src.read():
                            hits.append(path)
                except (OSError, fsutil.NotRegularFileError):
                    continue
    return hits


def test_video_plays_seeks_and_leaves_no_plaintext(
    qtbot: QtBot, window: MainWindow, video_file: Path, tmp_path: Path, app_tmpdir: Path
) -> None:
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, "好分期")
    # keep the only plaintext copy outside the temp folders that are searched below
    original = Path.home() / ".cache" / "evidence-vault-test" / video_file.name
    original.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(video_file, original)
    try:
        import_paths(vault, [original], lender="好分期")
        needle = original.read_bytes()[-4096:]
    finally:
        shutil.rmtree(original.parent)
    shutil.rmtree(video_file.parent)
    vault.lock()
    started = time.time()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    view = window.vault_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    view.table.selectRow(0)
    media = view.detail.preview.media
    qtbot.waitUntil(lambda: media.player.duration() > 1500, timeout=10_000)
    assert media.video.isVisible(), "a video shows its picture"
    media.seek(1000)
    qtbot.waitUntil(lambda: media.player.position() >= 1000, timeout=5000)
    assert "0:01 / 0:02" in media.time_label.text()
    media.speed.setCurrentIndex(media.speed.findData(2.0))
    assert media.player.playbackRate() == 2.0
    with qtbot.waitSignal(media.ended, timeout=10_000):
        qtbot.mouseClick(media.play_button, Qt.MouseButton.LeftButton)
    assert media.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia
    searched = [app_tmpdir, tmp_path, Path("/dev/shm")]
    assert not _files_containing(needle, started, searched), (
        "decrypted media must never be written to disk"
    )


@pytest.mark.timeout(30, method="thread")
def test_the_plaintext_scan_reads_regular_files_only(tmp_path: Path) -> None:
    """A FIFO, a link to a device and a link loop in a scanned folder never block it."""
    (tmp_path / "hit.bin").write_bytes(b"..needle..")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "null").symlink_to("/dev/zero")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    found = _files_containing(b"needle", 0, [tmp_path])
    assert found == [tmp_path / "hit.bin"]
