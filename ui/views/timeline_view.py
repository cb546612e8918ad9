"""One lender's timeline: evidence files, notes, calls and messages in the order they happened.

A thin view over :func:`vault.case.timeline.timeline`, read on the database worker
when the tab is on screen (and again when a filter changes). Each row says where its
time comes from — the phone's own record, the photo's EXIF, the user — because a
complaint rests on when things happened.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.format import format_time, kind_name, time_source_sentence, today
from ui.tasks import op
from ui.views.date_field import DateField
from ui.views.filter_bar import KINDS as ITEM_KINDS
from vault.case.timeline import timeline
from vault.dto import TimelineEntry
from vault.handle import OpenVault
from vault.phones import try_normalize

Index = QModelIndex | QPersistentModelIndex
TEXT_SHOWN = 120  # characters of a message or note shown in its row (all of it in the tooltip)


def what_happened(entry: TimelineEntry) -> str:
    """ "Missed call", "Message received", "Screenshot" … for one row."""
    if entry.source != "event":
        return kind_name(entry.kind)
    if entry.kind == "call":
        if entry.direction == "incoming" and not entry.duration_s:
            # logged as picked up but 0 seconds long: it did not connect
            return QCoreApplication.translate("Timeline", "Call not connected (0 s)")
        return {
            "incoming": QCoreApplication.translate("Timeline", "Call answered"),
            "missed": QCoreApplication.translate("Timeline", "Missed call"),
            "rejected": QCoreApplication.translate("Timeline", "Rejected call"),
            "blocked": QCoreApplication.translate("Timeline", "Blocked call"),
            "voicemail": QCoreApplication.translate("Timeline", "Call to voicemail"),
            "outgoing": QCoreApplication.translate("Timeline", "Call you made"),
        }.get(entry.direction or "", QCoreApplication.translate("Timeline", "Call"))
    return {
        "incoming": QCoreApplication.translate("Timeline", "Message received"),
        "outgoing": QCoreApplication.translate("Timeline", "Message you sent"),
        "draft": QCoreApplication.translate("Timeline", "Unsent draft"),
    }.get(entry.direction or "", QCoreApplication.translate("Timeline", "Message"))


def time_source_label(source: str) -> str:
    """Where a row's time comes from, in a few words (the column; tooltips say more)."""
    return {
        "backup_record": QCoreApplication.translate("Timeline", "Phone's own record"),
        "backup_newest_row": QCoreApplication.translate("Timeline", "Newest row of the backup"),
        "exif": QCoreApplication.translate("Timeline", "Photo's EXIF data"),
        "container": QCoreApplication.translate("Timeline", "File's own metadata"),
        "file_name": QCoreApplication.translate("Timeline", "File name"),
        "file_mtime": QCoreApplication.translate("Timeline", "File date (less reliable)"),
        "import_time": QCoreApplication.translate("Timeline", "Time of import"),
        "user": QCoreApplication.translate("Timeline", "Entered by you"),
    }.get(source, source)


def details(entry: TimelineEntry) -> str:
    """A call's duration, or the text of a message, note or item (title)."""
    if entry.kind == "call":
        seconds = entry.duration_s or 0
        if not seconds:
            return ""
        minutes, seconds = divmod(seconds, 60)
        return (
            QCoreApplication.translate("Timeline", "%1 min %2 s")
            .replace("%1", str(minutes))
            .replace("%2", str(seconds))
        )
    return " ".join((entry.text or "").split())


class TimelineModel(QAbstractTableModel):
    """The entries as rows: time, what, number, details, time source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[TimelineEntry] = []

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("When"),
            self.tr("What"),
            self.tr("Number"),
            self.tr("Details"),
            self.tr("Time from"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(entry, index.column())
        return None


def _cell(entry: TimelineEntry, column: int) -> str:
    if column == 0:
        return format_time(entry.at, entry.offset_min)
    if column == 1:
        return what_happened(entry)
    if column == 2:
        return entry.number or ""
    if column == 3:
        text = details(entry)
        return text if len(text) <= TEXT_SHOWN else text[: TEXT_SHOWN - 1] + "…"
    return time_source_label(entry.time_source)


def _tooltip(entry: TimelineEntry, column: int) -> str | None:
    """The whole text of a cell a narrow column cuts off (a message, a note, an item's
    title); what an item's time source means."""
    if column in (1, 3):
        return (entry.text if column == 3 and entry.text else _cell(entry, column)) or None
    if column == 4 and entry.source == "item":
        return time_source_sentence(entry.time_source)
    return None


class TimelineView(QWidget):
    failed = Signal(object)  # an exception from the worker, for the window to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault: OpenVault | None = None
        self.lender: str | None = None
        self._stale = False
        filters = self._make_filters()
        self.count = QLabel(self)
        self.model = TimelineModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)

    def _make_filters(self) -> QHBoxLayout:
        """Kind, number and dates above the table; a change reads the timeline again."""
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Everything"), None)
        self.kind.addItem(self.tr("Calls"), ("call",))
        self.kind.addItem(self.tr("Messages"), ("sms", "mms"))
        self.kind.addItem(self.tr("Evidence files"), ITEM_KINDS)
        self.kind.addItem(self.tr("Notes"), ("note",))
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("Only this number"))
        self.number.setClearButtonEnabled(True)
        self.use_dates = QCheckBox(self.tr("Dates"), self)
        self.since = DateField(today().addMonths(-1), self)
        self.until = DateField(today(), self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(self._filter_changed)
        self.kind.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.number.textChanged.connect(lambda _t: self._debounce.start())
        self.use_dates.toggled.connect(self._dates_toggled)
        self.since.dateChanged.connect(self._date_changed)
        self.until.dateChanged.connect(self._date_changed)
        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.number, 1)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.since)
        filters.addWidget(QLabel("–", self))
        filters.addWidget(self.until)
        return filters

    # --- what is shown -------------------------------------------------------------------------

    def show_lender(self, vault: OpenVault | None, lender: str | None) -> None:
        """Show ``lender``'s timeline; it is read when this view is on screen."""
        self.vault, self.lender = vault, lender
        self.clear()
        if vault is None or lender is None:
            return
        self._stale = True
        if self.isVisible():
            self._load()

    def refresh(self) -> None:
        """The vault changed: read the timeline again (now, or when next shown)."""
        self.show_lender(self.vault, self.lender)

    def clear(self) -> None:
        self._stale = False
        self.model.set_entries([])
        self.count.clear()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()

    def _dates_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self._filter_changed()

    def _date_changed(self, _day: QDate) -> None:
        if self.use_dates.isChecked():
            self._filter_changed()

    def _filter_changed(self) -> None:
        if self.vault is not None and self.lender is not None:
            self.show_lender(self.vault, self.lender)

    def _load(self) -> None:
        vault, lender = self.vault, self.lender
        if vault is None or lender is None:
            return
        self._stale = False
        self.count.setText(self.tr("Reading the timeline…"))
        wanted = self._wanted()
        kinds, number, start, end = wanted
        if number is not None and try_normalize(number) is None:
            # Said quietly under the filters: a dialog for every half-typed number would nag.
            self.model.set_entries([])
            self.count.setText(self.tr("That does not look like a phone number."))
            return
        op(
            lambda: timeline(vault, lender, kinds=kinds, number=number, start=start, end=end)
        ).success(lambda entries: self._loaded(vault, lender, wanted, entries)).failure(
            self._load_failed
        ).run()

    def _wanted(self) -> tuple[Any, str | None, date | None, date | None]:
        dates = self.use_dates.isChecked()
        return (
            self.kind.currentData(),
            self.number.text().strip() or None,
            _day(self.since.date()) if dates else None,
            _day(self.until.date()) if dates else None,
        )

    def _loaded(
        self,
        vault: OpenVault,
        lender: str,
        wanted: tuple[Any, str | None, date | None, date | None],
        entries: list[TimelineEntry],
    ) -> None:
        if vault is not self.vault or lender != self.lender or wanted != self._wanted():
            return  # a later read (another lender, other filters, a lock) replaces this one
        self.model.set_entries(entries)
        self.count.setText(self.tr("Entries: %n, oldest first.", "", len(entries)))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)
        self.table.resizeColumnToContents(4)

    def _load_failed(self, error: BaseException) -> None:
        self.count.clear()
        self.failed.emit(error)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


__all__ = ["TimelineModel", "TimelineView", "details", "time_source_label", "what_happened"]
