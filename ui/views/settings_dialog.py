"""Preferences: language, auto-lock time, a neutral window title; the open vault's time zone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from ui.settings import Settings
from ui.views.time_zone import ZoneSetting, apply_zone
from vault.handle import OpenVault


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
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
        form.addRow(buttons)

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
        self.settings.sync()
        super().accept()
