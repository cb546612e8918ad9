# mypy: disable-error-code="no-untyped-call"
"""Trusted time from the window: servers listed, "Timestamp now" against a real TSA."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.helpers import require_tool
from tests.trusted_time.local_tsa import LocalTsa, Pki, make_pki
from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui import tasks
from ui.dialogs import Script
from ui.main_window import MainWindow
from ui.views.trusted_time import TrustedTimeDialog
from ui.views.vault_view import VaultView
from vault.handle import create_vault
from vault.importing import import_paths
from vault.lenders import add_lender
from vault.trusted_time import servers, stamping


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    require_tool("openssl")
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def local_tsa(pki: Pki) -> Iterator[LocalTsa]:
    server = LocalTsa(pki).start()
    yield server
    server.stop()


@pytest.fixture
def view(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, local_tsa: LocalTsa, pki: Pki
) -> VaultView:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "分期乐")
    for tsa in servers.tsa_list(vault):
        servers.remove_tsa(vault, tsa.url)
    servers.add_tsa(vault, local_tsa.url, ca_pem=pki.ca.read_text())
    (tmp_path / "threat.txt").write_text("明天上门", encoding="utf-8")
    import_paths(vault, [tmp_path / "threat.txt"], lender="分期乐")  # signs a checkpoint
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)
    return window.vault_view


def test_timestamp_now_stamps_the_waiting_checkpoint(
    qtbot: QtBot,
    window: MainWindow,
    view: VaultView,
    local_tsa: LocalTsa,
    dialogs: Script,
) -> None:
    qtbot.mouseClick(view.time_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.findChild(TrustedTimeDialog) is not None)
    dialog = view.findChild(TrustedTimeDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: "1 checkpoint(s) wait" in dialog.state.text(), timeout=10_000)
    assert [dialog.servers.item(i).text() for i in range(dialog.servers.count())] == [local_tsa.url]
    qtbot.mouseClick(dialog.stamp_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Timestamped by" in dialog.outcome.text(), timeout=30_000)
    qtbot.waitUntil(lambda: "Nothing waits" in dialog.state.text(), timeout=10_000)
    assert "Last timestamp" in dialog.state.text()
    assert not dialogs, dialogs
    qtbot.waitUntil(tasks.worker().idle)
    vault = window.vault
    assert vault is not None
    (token,) = stamping.tokens(vault)
    assert token.tsa_url == local_tsa.url


def test_a_server_that_does_not_answer_leaves_the_checkpoint_queued(
    qtbot: QtBot, view: VaultView, local_tsa: LocalTsa, dialogs: Script
) -> None:
    local_tsa.stop()  # the user is offline
    dialog = view.trusted_time()
    assert dialog is not None
    qtbot.waitUntil(dialog.stamp_button.isEnabled, timeout=10_000)
    dialog.stamp_now()
    qtbot.waitUntil(lambda: "No timestamp server answered" in dialog.outcome.text(), timeout=60_000)
    qtbot.waitUntil(lambda: "1 checkpoint(s) wait" in dialog.state.text(), timeout=10_000)
    assert dialog.outcome.toolTip(), "the reasons are there for whoever needs them"
    assert not dialogs, dialogs
