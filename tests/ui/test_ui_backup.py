# mypy: disable-error-code="no-untyped-call"
"""Backing up from the window: the reminder says so once, the dialog backs up while the
window holds the vault, and shows when and where the last backup went."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui import tasks
from ui.dialogs import Script
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.views.backup_dialog import BackupDialog
from vault.check import check_vault
from vault.custody import ledger
from vault.handle import create_vault, unlock_vault
from vault.importing import import_paths
from vault.items import list_items
from vault.safekeeping import layout
from vault.safekeeping.make import make_backup


def _open(qtbot: QtBot, window: MainWindow, folder: Path) -> None:
    window.show_unlock(folder)
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)


def test_the_reminder_leads_to_a_backup_made_while_the_window_holds_the_vault(
    qtbot: QtBot, window: MainWindow, settings: Settings, tmp_path: Path, dialogs: Script
) -> None:
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    (tmp_path / "threat.txt").write_text("明天上门", encoding="utf-8")
    import_paths(vault, [tmp_path / "threat.txt"])
    vault.lock()
    _open(qtbot, window, tmp_path / "vault")
    reminder = window.vault_view.backup_reminder
    qtbot.waitUntil(reminder.isVisible, timeout=10_000)
    assert "only on this computer" in reminder.text.text()
    qtbot.mouseClick(reminder.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.vault_view.findChild(BackupDialog) is not None)
    dialog = window.vault_view.findChild(BackupDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: "not been backed up yet" in dialog.last.text(), timeout=10_000)
    dest = tmp_path / "usb" / "证据备份"
    dialog.folder.setText(str(dest))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome.text().startswith("Done"), timeout=30_000)
    assert "1 items are in the backup" in dialog.outcome.text()
    assert str(dest) in dialog.last.text() and "Last backup:" in dialog.last.text()
    assert not dialogs, dialogs
    qtbot.waitUntil(tasks.worker().idle)
    with unlock_vault(dest, PASSPHRASE, exclusive=False) as copy:
        assert check_vault(copy).ok
    dialog.reject()
    # Locked and opened again: nothing new since the backup, so no reminder.
    window.lock()
    qtbot.waitUntil(tasks.worker().idle)
    _open(qtbot, window, tmp_path / "vault")
    qtbot.waitUntil(tasks.worker().idle)
    assert not reminder.isVisible()


def test_the_vault_is_read_while_a_backup_copies_its_files(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: Script
) -> None:
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    for n in range(12):  # 96 MiB: copying, syncing and reading back take a while
        (recordings / f"call_{n}.bin").write_bytes(os.urandom(8 << 20))
    import_paths(vault, [recordings])
    vault.lock()
    _open(qtbot, window, tmp_path / "vault")
    qtbot.waitUntil(tasks.worker().idle, timeout=20_000)
    opened = window.vault
    assert opened is not None
    dialog = window.vault_view.back_up()
    assert dialog is not None
    dialog.folder.setText(str(tmp_path / "usb"))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    # The snapshot is taken; the copying (the only step that reports progress) begins.
    qtbot.waitUntil(lambda: dialog.progress.maximum() > 0, timeout=20_000)
    # Progress reaches the window in order with results: a list that waited for the
    # copying would arrive after its last progress, the bar full.
    listed: list[tuple[int, int, int]] = []
    tasks.op(lambda: list_items(opened)).success(
        lambda items: listed.append(
            (len(items), dialog.progress.value(), dialog.progress.maximum())
        )
    ).run()
    qtbot.waitUntil(lambda: bool(listed), timeout=30_000)
    count, value, maximum = listed[0]
    assert count == 12
    assert value < maximum, "the list waited for the backup's copying to end"
    qtbot.waitUntil(lambda: dialog.outcome.text().startswith("Done"), timeout=60_000)
    assert "12 items are in the backup; 12 new files" in dialog.outcome.text()
    qtbot.waitUntil(tasks.worker().idle)
    with unlock_vault(tmp_path / "usb", PASSPHRASE, exclusive=False) as copy:
        assert check_vault(copy).ok
    assert not dialogs, dialogs


def test_a_folder_that_cannot_take_the_backup_is_said_in_the_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: Script
) -> None:
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    vault.lock()
    _open(qtbot, window, tmp_path / "vault")
    dialog = window.vault_view.back_up()
    assert dialog is not None
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.jpg").write_bytes(b"x")
    dialog.folder.setText(str(tmp_path / "photos"))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot take the backup" in dialog.outcome.text(), timeout=10_000)
    assert dialog.start_button.isEnabled()


def test_a_backup_opens_read_only_and_says_so(
    qtbot: QtBot, window: MainWindow, settings: Settings, tmp_path: Path, dialogs: Script
) -> None:
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    (tmp_path / "threat.txt").write_text("明天上门", encoding="utf-8")
    import_paths(vault, [tmp_path / "threat.txt"])
    make_backup(vault, tmp_path / "usb")
    vault.lock()
    _open(qtbot, window, tmp_path / "usb")
    view = window.vault_view
    assert window.vault is not None and window.vault.read_only
    assert view.backup_banner.isVisible()
    assert "This is a backup" in view.backup_banner.text()
    assert not view.import_button.isEnabled() and not view.backup_button.isEnabled()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(tasks.worker().idle)
    assert settings.last_vault is None, "a backup looked at is not the vault to open next"
    assert not dialogs, dialogs  # opening wrote nothing, so nothing was refused
    window.lock()
    qtbot.waitUntil(tasks.worker().idle)
    assert not view.backup_banner.isVisible()


def test_settings_change_when_the_reminder_comes(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    assert (settings.backup_remind_items, settings.backup_remind_days) == (20, 7)
    dialog = window.edit_settings()
    dialog.remind_items.setValue(5)
    dialog.remind_days.setValue(3)
    dialog.accept()
    assert (settings.backup_remind_items, settings.backup_remind_days) == (5, 3)


def test_a_lock_as_the_backup_is_published_keeps_its_custody_event_with_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: Script
) -> None:
    """The window is locked the moment the copying ends (the bar full), as the backup is
    about to be published: either it is published and its custody event is in the
    vault's log, or neither — never a backup in the folder that the log does not name."""
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    for n in range(6):
        (recordings / f"call_{n}.bin").write_bytes(os.urandom(2 << 20))
    import_paths(vault, [recordings])
    vault.lock()
    _open(qtbot, window, tmp_path / "vault")
    qtbot.waitUntil(tasks.worker().idle, timeout=20_000)
    dialog = window.vault_view.back_up()
    assert dialog is not None
    dest = tmp_path / "usb"
    dialog.folder.setText(str(dest))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            dialog.progress.maximum() > 0 and dialog.progress.value() == dialog.progress.maximum()
        ),
        timeout=30_000,
    )
    window.lock()
    qtbot.waitUntil(tasks.worker().idle, timeout=30_000)
    assert window.vault is None
    with unlock_vault(tmp_path / "vault", PASSPHRASE) as again, again.sessions() as session:
        events = [e for e in ledger.iter_events(session) if e.action == "vault_backed_up"]
    published = layout.snapshot_names(dest) if (dest / "vault.db").exists() else []
    assert [e.payload["snapshot"] for e in events] == published, (
        "the backup folder and the vault's custody log disagree about the backup"
    )
    if published:
        with unlock_vault(dest, PASSPHRASE, exclusive=False) as copy:
            assert check_vault(copy).ok
    assert not dialogs, dialogs
