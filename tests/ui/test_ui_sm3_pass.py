# mypy: disable-error-code="no-untyped-call"
"""The window computes SM3 in the background: after an import and on unlock, without
the window waiting for it; locking stops it and loses nothing."""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ui.ui_helpers import unlock_window
from ui import tasks
from ui.dialogs import Script
from ui.main_window import MainWindow
from vault.check import check_vault
from vault.handle import create_vault, unlock_vault
from vault.importing import import_paths, pending_sm3
from vault.items import list_items
from vault.lenders import add_lender

LENDER = "度小满"


def _vault_with_pending(tmp_path: Path, files: int, size: int) -> tuple[Path, dict[str, bytes]]:
    """A vault whose items were imported without their SM3 (as ``--defer-sm3`` leaves)."""
    vault_dir = tmp_path / "vault"
    vault, _ = create_vault(vault_dir, PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, LENDER)
    folder = tmp_path / "in"
    folder.mkdir()
    originals = {}
    for n in range(files):
        data = os.urandom(size)
        (folder / f"rec{n}.m4a").write_bytes(data)
        originals[f"rec{n}.m4a"] = data
    import_paths(vault, [folder], lender=LENDER)
    assert len(pending_sm3(vault)) == files
    vault.lock()
    return vault_dir, originals


def test_the_window_computes_sm3_after_an_import_and_shows_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: Script
) -> None:
    vault_dir = tmp_path / "vault"
    vault, _ = create_vault(vault_dir, PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, LENDER)
    vault.lock()
    view = unlock_window(qtbot, window, vault_dir)
    folder = tmp_path / "drop"
    folder.mkdir()
    data = os.urandom(6 << 20)
    (folder / "call.m4a").write_bytes(data)
    view.import_paths([folder], LENDER)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=20_000)
    expected = hashlib.new("sm3", data).hexdigest()

    def shown() -> bool:
        item = view.model.item_at(0)
        return item is not None and item.sm3 == expected

    qtbot.waitUntil(shown, timeout=30_000)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.detail.sm3.text() == expected, timeout=10_000)
    qtbot.waitUntil(lambda: view.detail.history.count() == 2, timeout=10_000)
    assert view.detail.history.item(1).text().endswith("SM3 computed")


@pytest.mark.slow
def test_the_pass_on_unlock_never_holds_up_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    vault_dir, originals = _vault_with_pending(tmp_path, files=6, size=24 << 20)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    view = unlock_window(qtbot, window, vault_dir)

    def all_shown() -> bool:
        rows = [view.model.item_at(r) for r in range(view.model.rowCount())]
        return view.sm3_pass.finished.is_set() and all(i is not None and i.sm3 for i in rows)

    qtbot.waitUntil(all_shown, timeout=120_000)
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 20 and max(gaps) < 1.0, f"the window stalled for {max(gaps):.2f} s"
    window.lock()
    qtbot.waitUntil(tasks.worker().idle, timeout=20_000)
    with unlock_vault(vault_dir, PASSPHRASE) as vault:
        by_name = {i.original_name: i.sm3 for i in list_items(vault)}
        assert by_name == {n: hashlib.new("sm3", d).hexdigest() for n, d in originals.items()}
        assert check_vault(vault).ok


def test_locking_stops_the_pass_and_loses_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: Script
) -> None:
    vault_dir, originals = _vault_with_pending(tmp_path, files=4, size=16 << 20)
    view = unlock_window(qtbot, window, vault_dir)
    assert not view.sm3_pass.finished.is_set()  # started on unlock
    window.lock()
    assert view.sm3_pass.finished.is_set()
    qtbot.waitUntil(tasks.worker().idle, timeout=20_000)
    qtbot.wait(200)
    assert not dialogs, f"nothing may pop up after locking: {dialogs}"
    with unlock_vault(vault_dir, PASSPHRASE) as vault:
        assert check_vault(vault).ok
        left = len(pending_sm3(vault))
        done = {i.sm3 for i in list_items(vault) if i.sm3}
        assert done <= {hashlib.new("sm3", d).hexdigest() for d in originals.values()}
        assert left + len(done) == len(originals)
