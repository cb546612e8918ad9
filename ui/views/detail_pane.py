"""One item: its preview, the description the user can edit, provenance, hashes, history."""

from __future__ import annotations

import dataclasses
from datetime import datetime, tzinfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.format import (
    category_names,
    display_zone,
    format_size,
    format_time,
    kind_name,
    shown_title,
    time_source_sentence,
    wall_clock,
)
from ui.views.date_field import DateTimeField
from ui.views.preview import Preview
from vault.custody import CustodyEventDTO
from vault.dto import ItemDTO


class DetailPane(QTabWidget):
    save_requested = Signal(str, dict)  # item id, changes for edit_item
    trash_requested = Signal(str)  # item id
    restore_requested = Signal(str)
    purge_requested = Signal(str)
    analyse_requested = Signal(str)  # item id of a backup stored as a plain file

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: ItemDTO | None = None
        self._shown_incident = QDateTime()
        self.zone: tzinfo | None = None  # the vault's time zone; None: this computer's
        self.copied = ""  # what this pane put on the clipboard; cleared again on lock
        self.preview = Preview(self)
        self.addTab(self.preview, self.tr("Preview"))
        self.addTab(self._build_details(), self.tr("Details"))
        self.history = QListWidget(self)
        self.addTab(self.history, self.tr("History"))
        self.show_item(None)

    def _build_details(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget(scroll)
        scroll.setWidget(page)
        self.title = QLineEdit(page)
        self.incident = DateTimeField(parent=page)
        self.incident.setCalendarPopup(True)
        self.incident.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.purpose = QPlainTextEdit(page)
        self.purpose.setPlaceholderText(
            self.tr("What this proves, e.g. the collector threatened to visit my parents.")
        )
        self.purpose.setMaximumHeight(90)
        boxes = QWidget(page)
        grid = QGridLayout(boxes)
        grid.setContentsMargins(0, 0, 0, 0)
        self.categories: dict[str, QCheckBox] = {}
        for n, (code, name) in enumerate(category_names().items()):
            box = QCheckBox(name, boxes)
            self.categories[code] = box
            grid.addWidget(box, n, 0)
        self.save_button = QPushButton(self.tr("Save changes"), page)
        self.save_button.clicked.connect(self._save)
        self.file_name = QLineEdit(page)
        self.file_name.setReadOnly(True)
        self.info = QLabel(page)
        self.info.setWordWrap(True)
        self.provenance = QLabel(page)
        self.provenance.setWordWrap(True)
        self.sha256 = QLineEdit(page)
        self.sha256.setReadOnly(True)
        self.sm3 = QLineEdit(page)
        self.sm3.setReadOnly(True)
        self.copy_hash = QPushButton(self.tr("Copy"), page)
        self.copy_hash.clicked.connect(self._copy_hashes)
        outer = QVBoxLayout(page)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Happened at"), self.incident)
        form.addRow(self.tr("Categories"), boxes)
        form.addRow(self.tr("What this proves"), self.purpose)
        form.addRow("", self.save_button)
        form.addRow(self.tr("File"), self.file_name)
        form.addRow("", self.info)
        form.addRow(self.tr("Time source"), self.provenance)
        form.addRow(self.tr("SHA-256"), self.sha256)
        form.addRow(self.tr("SM3"), self.sm3)
        form.addRow("", self.copy_hash)
        form.addRow("", self._build_actions(page))
        return scroll

    def _build_actions(self, page: QWidget) -> QWidget:
        """Move to trash; for an item in the trash, restore or delete for good; for a phone
        backup whose calls and messages were never read (older versions stored it as a
        plain file), analyse it."""
        self.analyse_button = QPushButton(self.tr("Analyse this backup"), page)
        self.analyse_button.setToolTip(
            self.tr("Read the calls and messages of this backup into the lender's Case tab.")
        )
        self.analyse_button.clicked.connect(lambda _c=False: self._request(self.analyse_requested))
        self.analyse_button.setVisible(False)
        self.trash_button = QPushButton(self.tr("Move to trash"), page)
        self.restore_button = QPushButton(self.tr("Restore from trash"), page)
        self.purge_button = QPushButton(self.tr("Delete for good…"), page)
        for button, signal in (
            (self.trash_button, self.trash_requested),
            (self.restore_button, self.restore_requested),
            (self.purge_button, self.purge_requested),
        ):
            button.clicked.connect(lambda _c=False, s=signal: self._request(s))
        actions = QWidget(page)
        row = QHBoxLayout(actions)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.analyse_button,
            self.trash_button,
            self.restore_button,
            self.purge_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        return actions

    def show_item(self, item: ItemDTO | None) -> None:
        self.item = item
        enabled = item is not None
        for widget in (self.title, self.incident, self.purpose, self.save_button, self.copy_hash):
            widget.setEnabled(enabled)
        withdrawn = item is not None and item.withdrawn
        self.trash_button.setVisible(enabled and not withdrawn)
        self.restore_button.setVisible(withdrawn)
        self.purge_button.setVisible(withdrawn)
        self.analyse_button.setVisible(False)  # until the history shows it was never analysed
        for box in self.categories.values():
            box.setEnabled(enabled)
            box.setChecked(False)
        if item is None:
            self.title.clear()
            self.purpose.clear()
            self.info.clear()
            self.file_name.clear()
            self.provenance.clear()
            self.sha256.clear()
            self.sm3.clear()
            self.history.clear()
            self.incident.setDateTime(wall_clock())
            self.preview.clear()
            return
        self.title.setText(shown_title(item.title))
        self.purpose.setPlainText(item.purpose or "")
        moment = (item.incident_at or item.captured_at).astimezone(self.zone or display_zone())
        self.incident.setDateTime(
            QDateTime(
                QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
            )
        )  # wall-clock time in the vault's zone, as the user reads it
        self._shown_incident = self.incident.dateTime()
        for code, box in self.categories.items():
            box.setChecked(code in item.categories)
        self.file_name.setText(item.original_name)
        self.file_name.setCursorPosition(0)
        self.info.setText(f"{kind_name(item.kind)} · {format_size(item.size)} · {item.media_type}")
        self.provenance.setText(
            self.tr("Captured %1. %2 Imported %3.")
            .replace("%1", format_time(item.captured_at, item.captured_offset_min))
            .replace("%2", time_source_sentence(item.time_source))
            .replace("%3", format_time(item.imported_at))
        )
        self.sha256.setText(item.sha256)
        self.sha256.setCursorPosition(0)
        self.sm3.setText(item.sm3 or "")
        self.sm3.setCursorPosition(0)

    def _request(self, signal: SignalInstance) -> None:
        if self.item is not None:
            signal.emit(self.item.id)

    def show_sm3(self, sm3: str) -> None:
        """The SM3 the background pass recorded for the item shown (nothing else changes)."""
        if self.item is not None:
            self.item = dataclasses.replace(self.item, sm3=sm3)
            self.sm3.setText(sm3)
            self.sm3.setCursorPosition(0)

    def _copy_hashes(self) -> None:
        self.copied = f"SHA-256 {self.sha256.text()}\nSM3 {self.sm3.text()}".strip()
        QGuiApplication.clipboard().setText(self.copied)

    def show_history(self, events: list[CustodyEventDTO]) -> None:
        item = self.item
        self.analyse_button.setVisible(
            item is not None
            and item.kind == "backup"
            and not item.withdrawn
            and all(event.action != "backup_events_added" for event in events)
        )
        self.history.clear()
        for event in events:
            line = f"{format_time(event.at)}  {self.action_name(event.action)}"
            changes = event.payload.get("changes")
            if isinstance(changes, dict) and changes:
                line += ": " + ", ".join(self.field_name(name) for name in sorted(changes))
            self.history.addItem(line)

    def field_name(self, name: str) -> str:
        return {
            "title": self.tr("title"),
            "purpose": self.tr("what this proves"),
            "incident_at": self.tr("time it happened"),
            "categories": self.tr("categories"),
            "counterpart": self.tr("phone number"),
            "lender": self.tr("lender"),
        }.get(name, name)

    def action_name(self, action: str) -> str:
        return {
            "item_imported": self.tr("Imported"),
            "metadata_edited": self.tr("Description edited"),
            "item_withdrawn": self.tr("Moved to trash"),
            "item_restored": self.tr("Restored from trash"),
            "item_purged": self.tr("Deleted for good"),
            "exported": self.tr("Exported"),
            "backup_events_added": self.tr("Calls and messages analysed"),
            "sm3_computed": self.tr("SM3 computed"),
        }.get(action, action)

    def _save(self) -> None:
        if self.item is None:
            return
        title = self.title.text()
        if self.item.title and title == shown_title(self.item.title):
            title = self.item.title  # a backup's title, shown in the user's language
        changes: dict[str, object] = {
            "title": title,
            "purpose": self.purpose.toPlainText(),
            "categories": [code for code, box in self.categories.items() if box.isChecked()],
        }
        if self.incident.dateTime() != self._shown_incident:
            incident: datetime = self.incident.dateTime().toPython()  # type: ignore[assignment]
            changes["incident_at"] = incident.replace(tzinfo=self.zone or display_zone())
        self.save_requested.emit(self.item.id, changes)

    def unsaved_changes(self) -> dict[str, object]:
        """What the user changed in the form and has not saved yet (empty: nothing).

        Leaving the row, switching lender, locking and closing save these, so an edit
        to the categories or to what an item proves is never lost silently.
        """
        item = self.item
        if item is None:
            return {}
        if self.incident.typing():
            self.incident.commit_typed()  # a lock (Ctrl+L) while typing a date keeps it
        changes: dict[str, object] = {}
        if self.title.text() != (item.title or ""):
            changes["title"] = self.title.text()
        if self.purpose.toPlainText() != (item.purpose or ""):
            changes["purpose"] = self.purpose.toPlainText()
        ticked = [code for code, box in self.categories.items() if box.isChecked()]
        if set(ticked) != set(item.categories):
            changes["categories"] = ticked
        if self.incident.dateTime() != self._shown_incident:
            incident: datetime = self.incident.dateTime().toPython()  # type: ignore[assignment]
            changes["incident_at"] = incident.replace(tzinfo=self.zone)
        return changes

    def clear(self) -> None:
        self.show_item(None)
