"""Desktop-app fixtures: offscreen Qt, private QSettings, a fast KDF, real media files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from ui import dialogs as ui_dialogs
from ui import tasks
from ui.main_window import MainWindow
from ui.settings import Settings

FAST_WORK_FACTOR = 10
PASSPHRASE = "river moon ledger quiet 2026"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def dialogs() -> Iterator[ui_dialogs.Script]:
    """Every message box and question, recorded instead of shown (the window's one test
    seam); as a sequence, the ``(text, details)`` the user read. Failures of background
    operations without their own handler are recorded too, as their ``repr``."""
    with ui_dialogs.scripted() as script:
        tasks.set_default_failure(
            lambda error: script.shown.append(ui_dialogs.Shown("failure", "", repr(error)))
        )
        try:
            yield script
        finally:
            tasks.set_default_failure(None)


@pytest.fixture
def window(qtbot: QtBot, settings: Settings, dialogs: ui_dialogs.Script) -> Iterator[MainWindow]:
    win = MainWindow(settings, work_factor=FAST_WORK_FACTOR)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.lock()
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real evidence files: a spoken call recording (m4a), a screenshot (png)."""
    folder = tmp_path_factory.mktemp("media")
    if shutil.which("espeak-ng") is None or shutil.which("ffmpeg") is None:
        pytest.fail("espeak-ng and ffmpeg make the test recordings; run tools/setup")
    wav = folder / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), "不还钱就去你家"], check=True, capture_output=True)
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-i", str(wav), "-c:a", "aac",
         str(folder / "Call recording 13800138000_20250314_101530.m4a")],
        check=True,
    )  # fmt: skip
    wav.unlink()
    image = Image.new("RGB", (360, 640), (240, 240, 240))
    for x in range(40, 320):
        for y in range(100, 140):
            image.putpixel((x, y), (200, 30, 30))
    image.save(folder / "Screenshot_2025-03-14-10-20-00-123_com.tencent.mm.png")
    return folder
