# mypy: disable-error-code="no-untyped-call"
"""The whole first-run path, driven through the real widgets of the real window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ui.ui_helpers import answer_next_modal, drop_files, type_text, visible_texts
from ui.dialogs import Script
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.viewers.media_player import MediaPlayer
from ui.views.add_lender import AddLenderDialog

NEW_TITLE = "催收电话威胁上门"


def _create_vault(qtbot: QtBot, window: MainWindow, where: Path) -> None:
    assert window.stack.currentWidget() is window.welcome, "first run must open on the welcome"
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    wizard = window.wizard
    assert wizard is not None
    qtbot.waitExposed(wizard)
    wizard.location.path.clear()
    qtbot.keyClicks(wizard.location.path, str(where))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.passphrase
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.keyClicks(page.first, "123456")
    assert not next_button.isEnabled(), "a well-known password must not be accepted"
    assert "common" in page.feedback.text().lower()
    page.first.clear()
    qtbot.keyClicks(page.first, PASSPHRASE)
    qtbot.keyClicks(page.second, PASSPHRASE)
    assert next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery, timeout=15_000)
    assert "AGE-SECRET-KEY-1" in wizard.recovery.key.toPlainText()
    pdf = where.parent / "recovery.pdf"
    wizard.recovery.save_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF"), "the recovery sheet must be a real PDF"
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled(), "finishing needs the recovery key saved first"
    confirm = wizard.recovery.confirm
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton, pos=QPoint(8, confirm.height() // 2))
    assert confirm.isChecked(), (confirm.geometry(), confirm.isVisible())
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    assert window.stack.currentWidget() is window.vault_view, (
        wizard.recovery.confirm.isChecked(),
        finish.isEnabled(),
        wizard.isVisible(),
        window.vault,
    )


def _add_lender(qtbot: QtBot, window: MainWindow, name: str) -> None:
    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, AddLenderDialog)
        offered = [dialog.name.itemText(n) for n in range(dialog.name.count())]
        assert "微粒贷" in offered, "common platforms are offered"
        dialog.name.setCurrentText(name)
        dialog.accept()

    answer_next_modal(choose)
    qtbot.mouseClick(window.vault_view.sidebar.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.vault_view.sidebar.current() == name)


def test_create_import_play_edit_lock_unlock(
    qtbot: QtBot,
    window: MainWindow,
    settings: Settings,
    media_dir: Path,
    tmp_path: Path,
    dialogs: Script,
) -> None:
    view = window.vault_view
    _create_vault(qtbot, window, tmp_path / "vault")
    _add_lender(qtbot, window, "借呗")

    # drop the files on the lender's row in the sidebar
    sidebar = view.sidebar.list
    row = sidebar.visualItemRect(sidebar.currentItem()).center()
    files = sorted(media_dir.iterdir())
    drop_files(sidebar.viewport(), files, row)
    # a clean import says so in the window, with no box to click away
    qtbot.waitUntil(lambda: "Imported: 2" in view.banner.text.text(), timeout=20_000)
    assert view.banner.isVisible() and not dialogs, dialogs
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    qtbot.waitUntil(lambda: view.sidebar.lenders()[0].item_count == 2)  # the count follows

    # select the recording and play it to the end
    recording = next(r for r in range(2) if view.model.item_at(r).kind == "recording")  # type: ignore[union-attr]
    cell = view.table.visualRect(view.model.index(recording, 2)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    player: MediaPlayer = view.detail.preview.media
    qtbot.waitUntil(lambda: view.detail.preview.currentWidget() is player, timeout=10_000)
    player.speed.setCurrentIndex(player.speed.count() - 1)
    with qtbot.waitSignal(player.ended, timeout=20_000):
        qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    assert player.player.duration() > 1000, "the spoken recording lasts more than a second"

    # edit its title: saved by itself a moment later
    view.detail.setCurrentIndex(1)
    view.detail.title.clear()
    type_text(view.detail.title, NEW_TITLE)
    qtbot.waitUntil(lambda: view.model.item_at(recording).title == NEW_TITLE)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: view.detail.history.count() == 2)  # imported, edited
    assert view.detail.history.item(1).text().endswith("Description edited: title")
    sha = view.detail.sha256.text()
    qtbot.mouseClick(view.detail.copy_hash, Qt.MouseButton.LeftButton)
    assert sha in QApplication.clipboard().text(), "hashes can be copied"

    # lock with Ctrl+L: nothing of the evidence stays on screen
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(view.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.unlock)
    shown = "\n".join([*visible_texts(), QApplication.clipboard().text()])
    for secret in (NEW_TITLE, sha, files[0].name, files[1].name, "借呗"):
        assert secret not in shown, f"{secret!r} is still on screen after locking"

    # unlock: the edit is there
    qtbot.keyClicks(window.unlock.passphrase, "wrong passphrase here")
    qtbot.mouseClick(window.unlock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.unlock.unlock_button.isEnabled, timeout=10_000)
    assert "passphrase is not right" in window.unlock.message.text()
    window.unlock.passphrase.clear()
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.vault_view, timeout=10_000)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    titles = {view.model.item_at(r).title for r in range(2)}  # type: ignore[union-attr]
    assert NEW_TITLE in titles
    assert not [d for d in dialogs if "Imported" not in d[0]], f"unexpected dialogs: {dialogs}"

    # the next start opens straight on the unlock page of this vault
    again = MainWindow(settings, work_factor=FAST_WORK_FACTOR)
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is again.unlock
    assert again.unlock.path == tmp_path / "vault"
