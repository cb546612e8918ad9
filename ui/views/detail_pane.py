"""One item: its preview, the description the user can edit, provenance, hashes, history.

What an item proves (its categories and 证明目的, which drive the findings) is marked
under the preview, where the user looks at the item; title and time are on the details
tab. Every edit is saved by itself a moment after the last change, and at once when the
user leaves the row or locks (the vault view asks :meth:`DetailPane.unsaved_changes`):
there is no save button to forget.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, tzinfo

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime, QTimer, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
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
from ui.views.machine_text import MachineText
from ui.views.preview import Preview
from vault.custody import CustodyEventDTO
from vault.dto import ItemDTO
from vault.ocr.phrases import ItemReading
from vault.ocr.reading import IMAGE_KINDS

SAVE_AFTER_MS = 1000  # an edit is saved this long after the last keystroke or tick


class CategoryBoxes(QWidget):
    """Tick boxes in as many columns as the pane's width holds whole (none cut off)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: list[QCheckBox] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        # the pane may narrow below the current columns: they rearrange, never hold it wide
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._columns = 0

    def minimumSizeHint(self) -> QSize:
        widest = max((box.sizeHint().width() for box in self.boxes), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def add(self, name: str) -> QCheckBox:
        box = QCheckBox(name, self)
        self.boxes.append(box)
        self._arrange(1)
        return box

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(self._columns_for(event.size().width()))

    def _columns_for(self, width: int) -> int:
        """The most columns whose widest boxes, side by side, fit ``width``."""
        spacing = max(self._grid.horizontalSpacing(), 6)  # -1: the style decides
        hints = [box.sizeHint().width() for box in self.boxes]
        for columns in range(len(hints), 1, -1):
            widths = [max(hints[c::columns]) for c in range(columns)]
            if sum(widths) + spacing * (columns - 1) <= width:
                return columns
        return 1

    def _arrange(self, columns: int) -> None:
        if columns == self._columns and len(self.boxes) == self._grid.count():
            return
        self._columns = columns
        for box in self.boxes:
            self._grid.removeWidget(box)
        for n, box in enumerate(self.boxes):
            self._grid.addWidget(box, n // columns, n % columns)


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
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(SAVE_AFTER_MS)
        self._autosave.timeout.connect(self._save_now)
        self._filling = False  # show_item sets the fields: not an edit
        self.addTab(self._build_look(), self.tr("Preview"))
        self.addTab(self._build_details(), self.tr("Details"))
        self.history = QListWidget(self)
        self.addTab(self.history, self.tr("History"))
        self.machine_text = MachineText(self)
        self.machine_text.accept_requested.connect(self._accept_suggestion)
        self.addTab(self.machine_text, self.tr("Machine-read text"))
        self.show_item(None)

    def _build_look(self) -> QWidget:
        """The preview, and under it what the item proves: categories and purpose."""
        page = QWidget(self)
        self.purpose = QPlainTextEdit(page)
        self.purpose.setPlaceholderText(
            self.tr("What this proves, e.g. the collector threatened to visit my parents.")
        )
        self.purpose.setFixedHeight(self.purpose.fontMetrics().lineSpacing() * 3 + 12)
        boxes = CategoryBoxes(page)
        self.categories: dict[str, QCheckBox] = {}
        for code, name in category_names().items():
            box = boxes.add(name)
            box.toggled.connect(self._edited)
            self.categories[code] = box
        self.purpose.textChanged.connect(self._edited)
        self.marking = QWidget(page)  # shown with an item only
        question = QLabel(self.tr("What does it show? Tick all that apply:"), self.marking)
        question.setWordWrap(True)
        purpose_label = QLabel(self.tr("What this proves"), self.marking)
        boxes.setParent(self.marking)
        self.purpose.setParent(self.marking)
        marks = QVBoxLayout(self.marking)
        marks.setContentsMargins(0, 6, 0, 0)
        marks.addWidget(question)
        marks.addWidget(boxes)
        marks.addWidget(purpose_label)
        marks.addWidget(self.purpose)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.marking)
        return page

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
        self.title.textEdited.connect(self._edited)
        self.incident.dateTimeChanged.connect(self._edited)
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
        self._autosave.stop()  # the vault view saved what was shown before (unsaved_changes)
        self._filling = True
        try:
            self._fill(item)
        finally:
            self._filling = False

    def _fill(self, item: ItemDTO | None) -> None:
        self.item = item
        enabled = item is not None
        for widget in (self.title, self.incident, self.purpose, self.copy_hash):
            widget.setEnabled(enabled)
        withdrawn = item is not None and item.withdrawn
        self.trash_button.setVisible(enabled and not withdrawn)
        self.restore_button.setVisible(withdrawn)
        self.purge_button.setVisible(withdrawn)
        self.analyse_button.setVisible(False)  # until the history shows it was never analysed
        self.marking.setVisible(enabled)
        self.setTabVisible(
            self.indexOf(self.machine_text), item is not None and item.kind in IMAGE_KINDS
        )
        self.machine_text.show_reading(None, None)
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
        self.incident.setDateTime(self._incident_of(item))
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
            + "\n"
            + self._other_times(item)
        )
        self.sha256.setText(item.sha256)
        self.sha256.setCursorPosition(0)
        self.sm3.setText(item.sm3 or "")
        self.sm3.setCursorPosition(0)

    def _other_times(self, item: ItemDTO) -> str:
        """The file name's time and the file's own modified time, labelled apart from
        the capture time (a copy resets the one, the other stays in the name)."""
        none = self.tr("none")
        named = format_time(item.name_time, item.name_offset_min) if item.name_time else none
        modified = format_time(item.file_modified_at) if item.file_modified_at else none
        text = (
            self.tr("Time in the file name: %1. The file's own modified time: %2.")
            .replace("%1", named)
            .replace("%2", modified)
        )
        if item.call_direction == "in":
            text += " " + self.tr("Incoming call (from the file name).")
        elif item.call_direction == "out":
            text += " " + self.tr("Outgoing call (from the file name).")
        return text

    def _incident_of(self, item: ItemDTO) -> QDateTime:
        """When it happened, as wall-clock time in the vault's zone, as the user reads it."""
        moment = (item.incident_at or item.captured_at).astimezone(self.zone or display_zone())
        return QDateTime(
            QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
        )

    def accept_saved(self, item: ItemDTO) -> None:
        """The vault stored an edit of the shown item: take its new state without
        refilling the fields (the user may be typing on); what differs still is saved
        next."""
        if self.item is None or self.item.id != item.id:
            return
        self.item = item
        self._shown_incident = self._incident_of(item)

    def _request(self, signal: SignalInstance) -> None:
        if self.item is not None:
            signal.emit(self.item.id)

    def show_sm3(self, sm3: str) -> None:
        """The SM3 the background pass recorded for the item shown (nothing else changes)."""
        if self.item is not None:
            self.item = dataclasses.replace(self.item, sm3=sm3)
            self.sm3.setText(sm3)
            self.sm3.setCursorPosition(0)

    def show_reading(self, item_id: str, reading: ItemReading) -> None:
        """The machine-read text of the item shown, with its suggestions."""
        if self.item is not None and self.item.id == item_id:
            self.machine_text.show_reading(item_id, reading)

    def _accept_suggestion(self, item_id: str, code: str) -> None:
        """The user accepted a suggested category: tick it and save, as a click would."""
        box = self.categories.get(code)
        if self.item is None or self.item.id != item_id or box is None:
            return
        box.setChecked(True)
        self._autosave.stop()
        self._save_now()

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
            "transcript_saved": self.tr("Transcript saved"),
        }.get(action, action)

    def _edited(self, *_args: object) -> None:
        if not self._filling and self.item is not None:
            self._autosave.start()  # again: saved once the user pauses

    def _save_now(self) -> None:
        if self.incident.typing():
            self._autosave.start()  # a date half typed is saved once it is whole
            return
        changes = self.unsaved_changes()
        if self.item is not None and changes:
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
        if self.title.text() != shown_title(item.title):  # a backup's title is translated
            changes["title"] = self.title.text()
        if self.purpose.toPlainText() != (item.purpose or ""):
            changes["purpose"] = self.purpose.toPlainText()
        ticked = [code for code, box in self.categories.items() if box.isChecked()]
        if set(ticked) != set(item.categories):
            changes["categories"] = ticked
        if self.incident.dateTime() != self._shown_incident:
            incident: datetime = self.incident.dateTime().toPython()  # type: ignore[assignment]
            changes["incident_at"] = incident.replace(tzinfo=self.zone or display_zone())
        return changes

    def clear(self) -> None:
        self.show_item(None)
