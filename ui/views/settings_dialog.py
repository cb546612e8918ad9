"""Preferences: language, auto-lock time, a neutral window title; with a vault open,
its time zone, changing its passphrase and showing its recovery key again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ui.settings import Settings
from ui.views.recovery import ChangePassphraseDialog, ShowRecoveryKeyDialog
from ui.views.time_zone import ZoneSetting, apply_zone
from vault.handle import OpenVault


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        vault: OpenVault | None = None,
        work_factor: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.vault = vault
        self.work_factor = work_factor
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox(self)
        for label, code in (
            (self.tr("Follow the system"), ""),
            ("English", "en"),
            ("简体中文", "zh_CN"),
            ("繁體中文", "zh_TW"),
        ):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.idle = QSpinBox(self)
        self.idle.setRange(1, 240)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setValue(settings.idle_minutes)
        self.neutral = QCheckBox(self.tr("Show a neutral window title (“Notes”)"), self)
        self.neutral.setChecked(settings.neutral_title)
        self.remind_items = QSpinBox(self)
        self.remind_items.setRange(1, 10_000)
        self.remind_items.setSuffix(self.tr(" new items"))
        self.remind_items.setValue(settings.backup_remind_items)
        self.remind_days = QSpinBox(self)
        self.remind_days.setRange(1, 365)
        self.remind_days.setSuffix(self.tr(" days"))
        self.remind_days.setValue(settings.backup_remind_days)
        remind = QHBoxLayout()
        remind.addWidget(self.remind_items)
        remind.addWidget(QLabel(self.tr("or"), self))
        remind.addWidget(self.remind_days)
        remind.addStretch(1)
        note = QLabel(self.tr("A new language is used the next time the app starts."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form = form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", note)
        form.addRow(self.tr("Lock after idle"), self.idle)
        form.addRow("", self.neutral)
        form.addRow(self.tr("Remind to back up after"), remind)
        if vault is not None:
            self._add_vault_security_rows(form)
        form.addRow(buttons)

    # --- the open vault's passphrase and recovery key ------------------------------------------

    def _add_vault_security_rows(self, form: QFormLayout) -> None:
        self.change_passphrase_button = QPushButton(self.tr("Change the passphrase…"), self)
        self.show_recovery_button = QPushButton(self.tr("Show the recovery key again…"), self)
        self.change_passphrase_button.clicked.connect(self.change_passphrase)
        self.show_recovery_button.clicked.connect(self.show_recovery_key)
        row = QHBoxLayout()
        row.addWidget(self.change_passphrase_button)
        row.addWidget(self.show_recovery_button)
        row.addStretch(1)
        form.addRow(self.tr("Passphrase"), row)

    def change_passphrase(self) -> ChangePassphraseDialog:
        assert self.vault is not None  # noqa: S101 - the button exists only with a vault
        dialog = ChangePassphraseDialog(self.vault, self, work_factor=self.work_factor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_recovery_key(self) -> ShowRecoveryKeyDialog:
        assert self.vault is not None  # noqa: S101 - the button exists only with a vault
        dialog = ShowRecoveryKeyDialog(self.vault, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def add_time_zone(self, vault: OpenVault, changed: Callable[[], None]) -> ZoneSetting:
        """A row choosing the open vault's zone; on OK a new zone is applied, then ``changed``."""
        self.zone = ZoneSetting(self, current=vault.tz.key)
        self.form.insertRow(self.form.rowCount() - 1, self.tr("Time zone of the calls"), self.zone)
        self.accepted.connect(lambda: apply_zone(vault, self.zone.zone_name(), changed))
        return self.zone

    def accept(self) -> None:
        self.settings.language = str(self.language.currentData() or "")
        self.settings.idle_minutes = self.idle.value()
        self.settings.neutral_title = self.neutral.isChecked()
        self.settings.backup_remind_items = self.remind_items.value()
        self.settings.backup_remind_days = self.remind_days.value()
        self.settings.sync()
        super().accept()
