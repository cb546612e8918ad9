"""`evault gui` (and so `evidence-vault`) starts the real app and keeps running."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_evault_gui_opens_the_app(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))  # fmt: skip
    code = "import sys; from ui.evault import main; sys.exit(main(['gui', '--vault', sys.argv[1]]))"
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path / "vault")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        time.sleep(4)
        assert process.poll() is None, process.communicate()[1].decode(errors="replace")
    finally:
        process.terminate()
        _, err = process.communicate(timeout=20)
    assert b"Traceback" not in err, err.decode(errors="replace")
    assert not (tmp_path / "vault").exists(), "opening the app creates nothing by itself"


def test_without_a_screen_the_window_says_so_in_one_sentence() -> None:
    from ui.app import no_display_sentence  # noqa: PLC0415 - the function under test

    sentence = no_display_sentence({"HOME": "/home/x"}, "linux")
    assert sentence is not None and "no screen" in sentence and "\n" not in sentence
    assert no_display_sentence({"DISPLAY": ":0"}, "linux") is None
    assert no_display_sentence({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert no_display_sentence({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert no_display_sentence({}, "win32") is None
