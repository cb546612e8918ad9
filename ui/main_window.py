"""The one window: welcome, unlock, or the open vault; locking returns to unlock."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ui.errors import message_for, show_error
from ui.safety import IdleWatcher
from ui.settings import Settings
from ui.tasks import op
from ui.views.create_wizard import CreateVaultWizard
from ui.views.lender_sidebar import dropped_paths
from ui.views.recovery import RecoveryUnlockDialog
from ui.views.settings_dialog import SettingsDialog
from ui.views.unlock import UnlockPage
from ui.views.vault_view import VaultView
from ui.views.verify_dialog import VerifyBundleDialog, open_verify_dialog
from ui.views.welcome import WelcomePage
from ui.way_back import WayBack
from vault.errors import VaultError
from vault.handle import OpenVault, unlock_vault
from vault.location import default_vault_path
from vault.safekeeping.layout import is_backup

logger = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(
        self, settings: Settings, *, work_factor: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.work_factor = work_factor  # None: calibrated; tests pass a fast one
        self.vault: OpenVault | None = None
        self.wizard: CreateVaultWizard | None = None
        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(self)
        self.unlock = UnlockPage(self)
        self.vault_view = VaultView(self)
        for page in (self.welcome, self.unlock, self.vault_view):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self.setAcceptDrops(True)
        self.resize(1200, 760)
        self.idle = IdleWatcher(settings.idle_minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.idle.quick_hide.connect(self.quick_hide)
        self.way_back = WayBack(self)  # tray icon or minimise; a relaunch restores too
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.lock_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.lock_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_shortcut.activated.connect(self.lock)
        self.welcome.create_requested.connect(self.start_create)
        self.welcome.open_requested.connect(self.choose_vault)
        self.welcome.verify_requested.connect(self.verify_bundle)
        self.verify_action = QAction(self.tr("Verify an evidence bundle…"), self)
        self.verify_action.setObjectName("verifyBundleAction")
        self.verify_action.triggered.connect(lambda: self.verify_bundle())  # noqa: PLW0108 - not `checked`
        self.menuBar().addMenu(self.tr("Tools")).addAction(self.verify_action)
        self.unlock.create_requested.connect(self.start_create)
        self.unlock.other_requested.connect(self.choose_vault)
        self.unlock.unlock_requested.connect(self._unlock)
        self.unlock.recovery_requested.connect(self.start_recovery)
        self.vault_view.lock_requested.connect(self.lock)
        self.vault_view.settings_requested.connect(self.edit_settings)
        last = settings.last_vault
        if last is not None and (last / "vault.json").exists():
            self.show_unlock(last)
        else:
            self.stack.setCurrentWidget(self.welcome)
        self.update_title()

    # --- title -----------------------------------------------------------------------------

    def update_title(self) -> None:
        if self.settings.neutral_title:
            self.setWindowTitle(self.tr("Notes"))
        elif self.vault is not None and self.vault.info.path.name != default_vault_path().name:
            # a folder of the user's own naming tells two vaults apart; the default
            # folder's English name "vault" would only be English in a Chinese title
            self.setWindowTitle(
                self.tr("Evidence Vault — %1").replace("%1", self.vault.info.path.name)
            )
        else:
            self.setWindowTitle(self.tr("Evidence Vault"))

    # --- create / choose / unlock -------------------------------------------------------------

    def start_create(self, location: Path | None = None) -> CreateVaultWizard:
        self.wizard = CreateVaultWizard(self, work_factor=self.work_factor)
        if location is not None:
            self.wizard.location.path.setText(str(location))
        self.wizard.on_created = self.opened
        self.wizard.open()
        return self.wizard

    def choose_vault(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the vault folder"))
        if folder:
            self.show_unlock(Path(folder))

    def open_path(self, path: Path) -> None:
        """Unlock the vault at ``path``, or offer to create one there if there is none."""
        if (path / "vault.json").exists():
            self.show_unlock(path)
        else:
            self.start_create(path)

    def show_unlock(self, path: Path) -> None:
        self.unlock.set_path(path)
        self.stack.setCurrentWidget(self.unlock)
        self.unlock.passphrase.setFocus()

    def _unlock(self, path: Path, passphrase: str) -> None:
        # scrypt runs in a child process, so its working set never counts against the app
        read_only = is_backup(path)  # a backup is opened to be looked at, never changed
        op(lambda: unlock_vault(path, passphrase, isolate_kdf=True, read_only=read_only)).success(
            self.opened
        ).failure(self._unlock_failed).run()

    def start_recovery(self, path: Path) -> RecoveryUnlockDialog:
        """Forgot the passphrase: the recovery key opens the vault and sets a new one."""
        dialog = RecoveryUnlockDialog(
            path, self, work_factor=self.work_factor, on_unlocked=self.opened
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _unlock_failed(self, error: BaseException) -> None:
        if isinstance(error, VaultError):
            self.unlock.show_error(message_for(error))
        else:
            self.unlock.show_error("")
            show_error(self, error)

    def opened(self, vault: OpenVault) -> None:
        self.vault = vault
        if not vault.read_only:  # a backup looked at is not the vault to open next time
            self.settings.last_vault = vault.info.path
            self.settings.sync()
        self.unlock.reset()
        self.vault_view.open_vault(vault)
        if not vault.read_only:
            self.vault_view.backup_reminder.check(
                vault,
                items=self.settings.backup_remind_items,
                days=self.settings.backup_remind_days,
            )
        self.stack.setCurrentWidget(self.vault_view)
        self.idle.start()
        self.update_title()

    def verify_bundle(self, path: Path | None = None) -> VerifyBundleDialog:
        """Check a bundle (no vault needed); with ``path``, that one at once."""
        return open_verify_dialog(self, path)

    # --- safety ---------------------------------------------------------------------------------

    def lock(self) -> None:
        """Drop the keys, clear every view, go back to the unlock page."""
        vault = self.vault
        if vault is None:
            return
        self.vault = None
        self.idle.stop()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()  # a note being written, an error naming a file: all go
        self.vault_view.clear()
        op(vault.lock).failure(
            lambda error: logger.warning("Lock failed: %s", type(error).__name__)
        ).run()
        clipboard = QApplication.clipboard()
        if self.vault_view.detail.copied and clipboard.text() == self.vault_view.detail.copied:
            clipboard.clear()  # only what we put there: the user's own clipboard stays
        self.vault_view.detail.copied = ""
        self.show_unlock(vault.info.path)
        self.update_title()

    def quick_hide(self) -> None:
        self.lock()
        self.way_back.hide_window()

    def edit_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.settings, self, vault=self.vault, work_factor=self.work_factor)
        if self.vault_view.vault is not None:
            dialog.add_time_zone(self.vault_view.vault, self.vault_view.zone_changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._settings_changed)
        dialog.open()
        return dialog

    def _settings_changed(self) -> None:
        self.idle.set_timeout(self.settings.idle_minutes * 60_000)
        self.update_title()

    # --- drops anywhere on the window ---------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.vault is not None and dropped_paths(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.vault is not None and dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if self.vault is not None and paths:
            event.acceptProposedAction()
            self.vault_view.import_paths(paths, None)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.lock()
        super().closeEvent(event)
