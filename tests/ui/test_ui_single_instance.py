# mypy: disable-error-code="no-untyped-call"
"""One app per user and one writer per vault, with real processes: a second launch brings
the first window back and exits 0; the CLI refuses to write while the window holds the
vault; after Esc Esc the window comes back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.core.test_vault_lock import HOLDER
from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ui.ui_helpers import visible_texts
from ui import safety, single_instance, tasks
from ui.errors import message_for
from ui.main_window import MainWindow
from vault.handle import create_vault
from vault.lock import VaultBusyError

ROOT = Path(__file__).resolve().parents[2]
APP = "import sys; from ui.app import run; sys.exit(run())"
LISTENING = "Listening for a second launch."
ASKED = "A second launch asked for the window: showing it."


def _env(tmp_path: Path) -> dict[str, str]:
    """The app's own world: settings, temp folder (the socket's home) and HOME."""
    tmp = tmp_path / "tmp"
    tmp.mkdir(exist_ok=True)
    return dict(
        {k: v for k, v in os.environ.items() if k not in ("EVAULT_DEBUG", "EVAULT_PASSPHRASE")},
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        TMPDIR=str(tmp),
    )


class App:
    """The app in a child process; its log goes to a file the test reads."""

    def __init__(self, tmp_path: Path, name: str) -> None:
        self.log = tmp_path / f"{name}.log"
        self.out = self.log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-c", APP],
            cwd=ROOT,
            env=_env(tmp_path),
            stdin=subprocess.DEVNULL,
            stdout=self.out,
            stderr=subprocess.STDOUT,
        )

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, line: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while line not in self.text():
            assert self.process.poll() is None, self.text()
            assert time.monotonic() < end, f"no {line!r} in:\n{self.text()}"
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.out.close()


@pytest.fixture
def apps(tmp_path: Path) -> Iterator[list[App]]:
    started: list[App] = []
    yield started
    for app in started:
        app.stop()


def _launch(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", APP],
        cwd=ROOT,
        env=_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_a_second_launch_brings_the_first_window_back_and_exits(
    tmp_path: Path, apps: list[App]
) -> None:
    first = App(tmp_path, "first")
    apps.append(first)
    first.wait_for(LISTENING)
    second = _launch(tmp_path)
    assert second.returncode == 0, second.stderr
    assert "already running" in second.stderr and "Traceback" not in second.stderr
    assert LISTENING not in second.stderr  # it never became an app of its own
    first.wait_for(ASKED, timeout=10)
    assert first.process.poll() is None, "the first app keeps running"
    assert "Traceback" not in first.text()


@pytest.mark.slow
def test_a_killed_app_leaves_no_socket_that_stops_the_next(tmp_path: Path, apps: list[App]) -> None:
    first = App(tmp_path, "first")
    apps.append(first)
    first.wait_for(LISTENING)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(timeout=10)
    assert [p for p in (tmp_path / "tmp").iterdir() if p.name.startswith("evidence-vault-")]
    after = App(tmp_path, "after")  # the stale socket file is still there
    apps.append(after)
    after.wait_for(LISTENING)
    again = _launch(tmp_path)
    assert again.returncode == 0, again.stderr
    after.wait_for(ASKED, timeout=10)


def _evault(vault: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vault.cli", *args, "--vault", str(vault)],
        cwd=ROOT,
        env=dict(os.environ, EVAULT_PASSPHRASE=PASSPHRASE),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_cli_refuses_to_write_while_the_window_has_the_vault_open(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "v"
    create_vault(path, PASSPHRASE, work_factor=FAST_WORK_FACTOR)[0].lock()
    window.show_unlock(path)
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.mouseClick(window.unlock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)
    refused = _evault(path, "lender", "add", "借呗")
    assert refused.returncode == 2
    assert refused.stderr.startswith("evault: Another program is using this vault")
    listed = _evault(path, "lender", "list")
    assert listed.returncode == 0, listed.stderr
    window.lock()
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
    added = _evault(path, "lender", "add", "借呗")
    assert added.returncode == 0, added.stderr


def test_esc_esc_locks_and_hides_and_the_way_back_restores(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the wiring, not a person's speed: on a busy machine the two simulated presses can
    # land further apart than a person's double press
    monkeypatch.setattr(safety, "DOUBLE_ESCAPE_SECONDS", 10.0)
    path = tmp_path / "v"
    create_vault(path, PASSPHRASE, work_factor=FAST_WORK_FACTOR)[0].lock()
    window.show_unlock(path)
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.mouseClick(window.unlock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)
    window.vault_view.table.setFocus()
    qtbot.keyClick(window.vault_view.table, Qt.Key.Key_Escape)
    qtbot.keyClick(window.vault_view.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.vault is None)
    assert window.isMinimized() or not window.isVisible()  # offscreen: no tray, minimised
    assert window.way_back.tray is None  # no tray here: degraded quietly, no error
    server = single_instance.claim(f"ev-test-{os.getpid()}-{time.monotonic_ns()}")
    assert server is not None and server.isListening()
    single_instance.Instance(server, window.way_back.show_window)
    assert single_instance.claim(server.serverName()) is None  # a "second launch"
    qtbot.waitUntil(lambda: window.isVisible() and not window.isMinimized(), timeout=5000)
    assert window.stack.currentWidget() is window.unlock
    server.close()


def test_the_window_says_so_when_another_program_holds_the_vault(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "v"
    create_vault(path, PASSPHRASE, work_factor=FAST_WORK_FACTOR)[0].lock()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        window.show_unlock(path)
        qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
        qtbot.mouseClick(window.unlock.unlock_button, Qt.MouseButton.LeftButton)
        sentence = message_for(VaultBusyError(""))
        qtbot.waitUntil(lambda: sentence in "\n".join(visible_texts()), timeout=10_000)
        assert window.vault is None
    finally:
        holder.kill()
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()
    qtbot.mouseClick(window.unlock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)  # free once it is gone
