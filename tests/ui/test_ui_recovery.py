# mypy: disable-error-code="no-untyped-call"
"""A forgotten passphrase is no dead end: the recovery key unlocks from the unlock page
and sets a new passphrase; Settings change the passphrase and show the key again; the
recovery sheet's PDF gives the key back exactly. Driven through the real widgets."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers import require_tool
from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui import i18n
from ui.dialogs import Script
from ui.errors import message_for
from ui.main_window import MainWindow
from ui.views.recovery import (
    ChangePassphraseDialog,
    RecoveryUnlockDialog,
    ShowRecoveryKeyDialog,
)
from ui.views.settings_dialog import SettingsDialog
from vault.handle import create_vault, unlock_vault
from vault.keys import RecoveryKeyFormatError, RecoveryKeyMismatchError

NEW = "harbour lantern seven maples"
CLICK = Qt.MouseButton.LeftButton


def _vault(folder: Path) -> str:
    """A closed vault at ``folder``; returns its secret key line."""
    vault, text = create_vault(folder, PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    vault.lock()
    return next(line for line in text.splitlines() if line.startswith("AGE-SECRET-KEY-1"))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(
        [require_tool("pdftotext"), str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def _gone(dialog: QWidget) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _only(kind: type) -> object:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def test_forgotten_passphrase_unlocks_with_the_recovery_key(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: Script
) -> None:
    folder = tmp_path / "vault"
    key = _vault(folder)
    window.show_unlock(folder)
    link = window.unlock.recovery_button
    assert link.isVisible() and "recovery key" in link.text()
    qtbot.mouseClick(link, CLICK)
    dialog = _only(RecoveryUnlockDialog)
    assert isinstance(dialog, RecoveryUnlockDialog)
    assert not dialog.ok_button.isEnabled(), "nothing typed yet"

    before = _files(folder)
    typo = key[:-3] + ("A" if key[-3] != "A" else "C") + key[-2:]
    qtbot.keyClicks(dialog.key, typo)
    qtbot.keyClicks(dialog.new.first, NEW)
    qtbot.keyClicks(dialog.new.second, NEW)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, CLICK)
    wrong = message_for(RecoveryKeyFormatError("x"))
    qtbot.waitUntil(lambda: dialog.status.text() == wrong, timeout=10_000)
    assert window.vault is None and _files(folder) == before, "a wrong key changes nothing"

    dialog.key.clear()
    qtbot.keyClicks(dialog.key, key.lower()[:40] + " " + key.lower()[40:])  # as typed by hand
    qtbot.mouseClick(dialog.ok_button, CLICK)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)
    assert window.stack.currentWidget() is window.vault_view
    assert _gone(dialog)
    assert any("new passphrase" in text for text, _ in dialogs), list(dialogs)

    window.lock()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.unlock)
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.mouseClick(window.unlock.unlock_button, CLICK)
    qtbot.waitUntil(lambda: bool(window.unlock.message.text()) and window.unlock.unlock_button.isEnabled(), timeout=10_000)  # fmt: skip
    assert window.vault is None, "the old passphrase no longer opens the vault"
    window.unlock.passphrase.clear()
    qtbot.keyClicks(window.unlock.passphrase, NEW)
    qtbot.mouseClick(window.unlock.unlock_button, CLICK)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)


def test_another_vaults_key_is_refused_in_one_sentence(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    _vault(folder)
    other_key = _vault(tmp_path / "other")
    before = _files(folder)
    dialog = window.start_recovery(folder)
    qtbot.keyClicks(dialog.key, other_key)
    qtbot.keyClicks(dialog.new.first, NEW)
    qtbot.keyClicks(dialog.new.second, NEW)
    qtbot.mouseClick(dialog.ok_button, CLICK)
    wrong = message_for(RecoveryKeyMismatchError("x"))
    qtbot.waitUntil(lambda: dialog.status.text() == wrong, timeout=10_000)
    assert window.vault is None and _files(folder) == before
    dialog.reject()


def test_settings_change_the_passphrase_and_show_the_key_again(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: Script
) -> None:
    folder = tmp_path / "vault"
    key = _vault(folder)
    window.opened(unlock_vault(folder, PASSPHRASE))
    settings = window.edit_settings()
    assert isinstance(settings, SettingsDialog)
    qtbot.mouseClick(settings.change_passphrase_button, CLICK)
    change = _only(ChangePassphraseDialog)
    assert isinstance(change, ChangePassphraseDialog)
    identity = (folder / "identity.age").read_bytes()
    qtbot.keyClicks(change.current, "not my passphrase")
    qtbot.keyClicks(change.new.first, NEW)
    qtbot.keyClicks(change.new.second, NEW + "x")
    assert not change.ok_button.isEnabled(), "the two new passphrases differ"
    change.new.second.clear()
    qtbot.keyClicks(change.new.second, NEW)
    qtbot.mouseClick(change.ok_button, CLICK)
    qtbot.waitUntil(lambda: "not right" in change.status.text(), timeout=10_000)
    assert (folder / "identity.age").read_bytes() == identity, "a wrong passphrase changes nothing"
    change.current.clear()
    qtbot.keyClicks(change.current, PASSPHRASE)
    qtbot.mouseClick(change.ok_button, CLICK)
    qtbot.waitUntil(lambda: _gone(change), timeout=10_000)
    assert any("passphrase was changed" in text for text, _ in dialogs), list(dialogs)

    qtbot.mouseClick(settings.show_recovery_button, CLICK)
    show = _only(ShowRecoveryKeyDialog)
    assert isinstance(show, ShowRecoveryKeyDialog)
    assert not show.sheet.isVisible() and key not in show.sheet.key.toPlainText()
    qtbot.keyClicks(show.passphrase, PASSPHRASE)  # the old one: changed above
    qtbot.mouseClick(show.ok_button, CLICK)
    qtbot.waitUntil(lambda: "not right" in show.status.text(), timeout=10_000)
    assert not show.sheet.isVisible()
    show.passphrase.clear()
    qtbot.keyClicks(show.passphrase, NEW)
    qtbot.mouseClick(show.ok_button, CLICK)
    qtbot.waitUntil(show.sheet.isVisible, timeout=10_000)
    assert show.sheet.key.toPlainText() == key
    assert show.sheet.key.horizontalScrollBar().maximum() == 0, "the whole key, unscrolled"
    pdf = tmp_path / "again.pdf"
    assert show.sheet.save_pdf(pdf)
    assert str(pdf) in show.sheet.where.text(), "the sheet says where it was saved"
    assert key in _pdf_text(pdf).split()
    qtbot.mouseClick(show.close_button, CLICK)
    qtbot.waitUntil(lambda: _gone(show))
    settings.reject()
    window.lock()
    unlock_vault(folder, NEW).lock()


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> object:
    i18n.install(request.param)
    yield request.param
    i18n.install("en")


def test_the_sheet_pdf_gives_the_key_back_exactly_in_the_users_language(
    qtbot: QtBot, language: str, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    key = _vault(folder)
    from ui.views.recovery_sheet import RecoverySheet  # noqa: PLC0415 - built after install
    from vault.handle import recovery_key_of  # noqa: PLC0415

    with unlock_vault(folder, PASSPHRASE) as vault:
        recovery = recovery_key_of(vault)
        sheet = RecoverySheet()
        qtbot.addWidget(sheet)
        sheet.show_key(recovery, vault.tz)
    pdf = tmp_path / "sheet.pdf"
    assert sheet.save_pdf(pdf)
    text = _pdf_text(pdf)
    lines = [line.strip() for line in text.splitlines()]
    assert key in lines, f"the key must stand whole on one line:\n{text}"
    header = "证据保险箱" if language == "zh_CN" else "Evidence Vault recovery key"
    assert header in text and "Evidence Vault recovery key, created" not in text
    local = recovery.created_at.astimezone(vault.tz).strftime("%Y-%m-%d %H:%M")
    assert local in text, "the creation time is in the vault's time zone"
    assert str(pdf) in sheet.where.text()


def test_locking_closes_the_shown_key_and_the_printout_matches_the_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter  # noqa: PLC0415 - only this test prints

    folder = tmp_path / "vault"
    key = _vault(folder)
    window.opened(unlock_vault(folder, PASSPHRASE))
    settings = window.edit_settings()
    show = settings.show_recovery_key()
    qtbot.keyClicks(show.passphrase, PASSPHRASE)
    qtbot.keyClick(show.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(show.sheet.isVisible, timeout=10_000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    show.sheet.print_sheet(printer)
    del printer
    assert key in [line.strip() for line in _pdf_text(printed).splitlines()]
    sheet = show.sheet
    window.lock()
    qtbot.waitUntil(lambda: _gone(show))
    assert not shiboken6.isValid(sheet) or sheet.key.toPlainText() == "", "no key after a lock"
