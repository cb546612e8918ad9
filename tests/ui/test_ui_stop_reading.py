# mypy: disable-error-code="no-untyped-call"
"""The user stops the OCR pass beside its progress: what was read is kept, the other
images wait, and Resume (or the next unlock) reads them."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.ocr.screens import Bubble, chat
from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ui.ui_helpers import unlock_window
from ui import ocr_pass, tasks
from ui.main_window import MainWindow
from ui.views.vault_view import VaultView
from vault.db.ocr import OcrRecord
from vault.handle import OpenVault, create_vault
from vault.importing import import_paths
from vault.ocr.reading import waiting_ids

IMAGES = 12
PROGRESS = re.compile(rf"Text read from \d+ of {IMAGES} images\.")
WORDS = ("再不还钱就上门", "联系你的家人", "爆你通讯录", "法院传票已寄出")


def _read_count(vault: OpenVault) -> int:
    with vault.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(OcrRecord)) or 0)


def _screens(folder: Path) -> list[Path]:
    paths = []
    for n in range(IMAGES):
        path = folder / f"Screenshot_20240317_0930{n:02d}_com.tencent.mm.png"
        lines = [Bubble(f"第{n}次 {WORDS[n % len(WORDS)]}"), Bubble(f"逾期{n + 3}天", mine=True)]
        path.write_bytes(chat(lines, title="催收"))
        paths.append(path)
    return paths


def _waiting_vault(tmp_path: Path) -> Path:
    vault_dir = tmp_path / "vault"
    vault, _ = create_vault(vault_dir, PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    report = import_paths(vault, _screens(tmp_path))  # as evault import leaves them: waiting
    assert all(r.item_id for r in report.results) and len(waiting_ids(vault)) == IMAGES
    vault.lock()
    return vault_dir


def _stop_after_the_first(qtbot: QtBot, view: VaultView) -> None:
    """Press Stop once the first image's text is shown, while the others are read."""
    stop = view.stop_reading_button
    qtbot.waitUntil(stop.isVisible, timeout=10_000)
    assert view.ocr_pass.running and not view.resume_reading_button.isVisible()
    qtbot.waitUntil(lambda: PROGRESS.match(view.status.text()) is not None, timeout=60_000)
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)


@pytest.mark.slow
def test_stop_keeps_what_was_read_and_resume_reads_the_rest(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr_pass, "GROUP_SECONDS", 0.0)  # record and show each image read
    view = unlock_window(qtbot, window, _waiting_vault(tmp_path))
    stop = view.stop_reading_button
    _stop_after_the_first(qtbot, view)
    assert not stop.isEnabled(), "pressed once: the images in hand are being finished"
    resume = view.resume_reading_button
    qtbot.waitUntil(resume.isVisible, timeout=60_000)

    opened = view.vault
    assert opened is not None
    assert view.ocr_pass.finished.is_set() and not view.ocr_pass.running
    assert not stop.isVisible()
    read, waiting = _read_count(opened), len(waiting_ids(opened))
    assert 1 <= read < IMAGES and read + waiting == IMAGES, (read, waiting)
    assert view.status.text() == f"Stopped reading text: {waiting} image(s) wait to be read."
    assert resume.text() == f"Resume reading ({waiting})"
    time.sleep(2)  # stopped means stopped: nothing is read meanwhile
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
    assert (_read_count(opened), len(waiting_ids(opened))) == (read, waiting)

    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    assert not resume.isVisible()
    qtbot.waitUntil(
        lambda: view.ocr_pass.finished.is_set() and not stop.isVisible(), timeout=120_000
    )
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
    assert waiting_ids(opened) == [] and _read_count(opened) == IMAGES
    assert view.status.text() == f"Text read from {waiting} of {waiting} images."
    assert not resume.isVisible(), "nothing waits: no Resume"


@pytest.mark.slow
def test_what_a_stop_left_waiting_is_read_at_the_next_unlock(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr_pass, "GROUP_SECONDS", 0.0)
    vault_dir = _waiting_vault(tmp_path)
    view = unlock_window(qtbot, window, vault_dir)
    _stop_after_the_first(qtbot, view)
    qtbot.waitUntil(view.resume_reading_button.isVisible, timeout=60_000)
    window.lock()
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
    assert not view.resume_reading_button.isVisible() and not view.ocr_pass.running

    view = unlock_window(qtbot, window, vault_dir)
    assert not view.resume_reading_button.isVisible(), "no Resume: this pass reads them"
    qtbot.waitUntil(view.stop_reading_button.isVisible, timeout=10_000)
    qtbot.waitUntil(
        lambda: view.ocr_pass.finished.is_set() and not view.stop_reading_button.isVisible(),
        timeout=120_000,
    )
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
    opened = view.vault
    assert opened is not None
    assert waiting_ids(opened) == [] and _read_count(opened) == IMAGES
