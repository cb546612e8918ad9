"""Preferences: language, auto-lock time, a neutral window title."""

from __future__ import annotations

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
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", note)
        form.addRow(self.tr("Lock after idle"), self.idle)
        form.addRow("", self.neutral)
        form.addRow(buttons)

    def accept(self) -> None:
        self.settings.language = str(self.language.currentData() or "")
        self.settings.idle_minutes = self.idle.value()
        self.settings.neutral_title = self.neutral.isChecked()
        self.settings.sync()
        super().accept()
