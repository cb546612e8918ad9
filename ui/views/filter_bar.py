"""Search and filters above the evidence table."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.format import category_names, display_zone, kind_name, today
from ui.views.date_field import DateField
from vault.listing import ItemFilter

KINDS = ("recording", "screenshot", "photo", "video", "document", "backup")


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search titles, notes, numbers…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("All kinds"), "")
        for kind in KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.category = QComboBox(self)
        self.category.addItem(self.tr("All categories"), "")
        for code, name in category_names().items():
            self.category.addItem(name, code)
        self.use_dates = QCheckBox(self.tr("Dates"), self)
        self.trash = QCheckBox(self.tr("Show the trash"), self)
        self.since = DateField(today().addMonths(-1), self)
        self.until = DateField(today(), self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.kind.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.category.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.use_dates.toggled.connect(lambda _on: self.changed.emit())
        self.trash.toggled.connect(lambda _on: self.changed.emit())
        self.since.dateChanged.connect(self._date_changed)
        self.until.dateChanged.connect(self._date_changed)
        first = QHBoxLayout()
        first.addWidget(self.search, 1)
        first.addWidget(self.kind)
        first.addWidget(self.category)
        second = QHBoxLayout()
        second.addWidget(self.use_dates)
        second.addWidget(self.since)
        second.addWidget(self.until)
        second.addStretch(1)
        second.addWidget(self.trash)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)

    def _date_changed(self) -> None:
        if self.use_dates.isChecked():
            self.changed.emit()

    def apply_to(self, base: ItemFilter) -> ItemFilter:
        kind = str(self.kind.currentData() or "")
        since = until = None
        if self.use_dates.isChecked():
            zone = display_zone()  # local days of the vault's zone, not this computer's
            since = datetime.combine(self.since.date().toPython(), time(), zone)  # type: ignore[arg-type]
            until = datetime.combine(self.until.date().addDays(1).toPython(), time(), zone)  # type: ignore[arg-type]
        return ItemFilter(
            lender=base.lender,
            kinds=frozenset({kind}) if kind else frozenset(),
            category=str(self.category.currentData() or "") or None,
            since=since,
            until=until,
            text=self.search.text(),
            only_withdrawn=self.trash.isChecked(),
        )

    def reset(self) -> None:
        widgets = (self.search, self.kind, self.category, self.use_dates, self.trash)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        self.kind.setCurrentIndex(0)
        self.category.setCurrentIndex(0)
        self.use_dates.setChecked(False)
        self.trash.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
