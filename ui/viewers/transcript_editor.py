"""The transcript editor under the player: type what is said while it plays.

Each line is a segment: when it starts in the recording, who speaks (催收方, 本人,
其他) and the words. F2 adds a line at the playing time and puts the cursor in it;
Ctrl+Left and Ctrl+Right go back and on 5 s, Ctrl+Space plays and pauses, so the hands
stay on the keyboard; clicking a line plays from its time, and its time can be typed over. Ctrl+S saves a new version;
leaving the item or locking saves too (:meth:`Preview.save_transcript`). What a line
may hold is checked by the core (:mod:`vault.transcript`), not here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.format import format_time
from ui.viewers.media_player import MediaPlayer
from vault.transcript import (
    Segment,
    Speaker,
    TranscriptDTO,
    TranscriptError,
    clock,
    parse_clock,
)

STEP_MS = 5000  # Ctrl+Left / Ctrl+Right
START_ROLE = Qt.ItemDataRole.UserRole


class TranscriptEditor(QWidget):
    save_requested = Signal()  # Ctrl+S or the Save button: the preview saves it

    def __init__(self, player: MediaPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.item_id: str | None = None
        self._saved: tuple[Segment, ...] = ()
        self._version = 0
        self.heading = QLabel(self.tr("Transcript"), self)
        self.heading.setStyleSheet("font-weight: bold")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Speaker"), self.tr("Text")])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.editable = True
        self.table.cellClicked.connect(self._clicked)
        self.table.itemChanged.connect(self._changed)
        self.add_button = QPushButton(self.tr("Add line here (F2)"), self)
        self.add_button.clicked.connect(self.insert_at_position)
        self.remove_button = QPushButton(self.tr("Delete line"), self)
        self.remove_button.clicked.connect(self.remove_current)
        self.save_button = QPushButton(self.tr("Save transcript"), self)
        self.save_button.clicked.connect(self.save_requested)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.keys = QLabel(
            self.tr("F2 add a line · Ctrl+Space play/pause · Ctrl+← back 5 s · Ctrl+→ on 5 s"),
            self,
        )
        self.keys.setWordWrap(True)
        self.keys.setStyleSheet("color: palette(mid)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.status, 1)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.keys)
        self._shortcuts(player)
        self.show_transcript(None, None)

    def _shortcuts(self, page: QWidget) -> None:
        """Keys on the whole player page (player and editor), also while typing a line."""
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_F2), self.insert_at_position),
            (QKeySequence("Ctrl+Left"), lambda: self.skip(-STEP_MS)),
            (QKeySequence("Ctrl+Right"), lambda: self.skip(STEP_MS)),
            (QKeySequence("Ctrl+Space"), self.player.toggle),
            (QKeySequence(QKeySequence.StandardKey.Save), self.save_requested.emit),
        ):
            shortcut = QShortcut(keys, page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def speaker_names(self) -> dict[Speaker, str]:
        return {
            Speaker.COLLECTOR: self.tr("Collector"),
            Speaker.SELF: self.tr("Me"),
            Speaker.OTHER: self.tr("Other"),
        }

    # --- what is shown -----------------------------------------------------------------

    def show_transcript(
        self, item_id: str | None, transcript: TranscriptDTO | None, *, editable: bool = True
    ) -> None:
        """Show an item's saved transcript (``None``: none yet, or no item); not
        ``editable``: to be read and listened along only (a backup opened to look at)."""
        self.item_id = item_id
        self.editable = editable
        triggers = QAbstractItemView.EditTrigger
        # F2 is the editor's own key (a new line), not the table's "edit this cell"
        self.table.setEditTriggers(
            triggers.DoubleClicked | triggers.SelectedClicked | triggers.AnyKeyPressed
            if editable
            else triggers.NoEditTriggers
        )
        for button in (self.add_button, self.remove_button, self.save_button):
            button.setEnabled(editable)
        self._saved = transcript.segments if transcript is not None else ()
        self._version = transcript.version if transcript is not None else 0
        self._saved_at = transcript.saved_at if transcript is not None else None
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for segment in self._saved:
                self._add_row(self.table.rowCount(), segment)
        finally:
            self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self.setEnabled(item_id is not None)
        self._update_status()

    def _add_row(self, row: int, segment: Segment) -> None:
        self.table.insertRow(row)
        when = QTableWidgetItem(clock(segment.start_ms))
        when.setData(START_ROLE, segment.start_ms)
        when.setToolTip(self.tr("Double-click to correct the time (mm:ss)"))
        self.table.setItem(row, 0, when)
        speaker = QComboBox(self.table)
        for code, name in self.speaker_names().items():
            speaker.addItem(name, str(code))
        speaker.setCurrentIndex(max(0, speaker.findData(segment.speaker)))
        speaker.currentIndexChanged.connect(lambda _i: self._update_status())
        speaker.setEnabled(self.editable)
        self.table.setCellWidget(row, 1, speaker)
        self.table.setItem(row, 2, QTableWidgetItem(segment.text))

    def _changed(self, item: QTableWidgetItem) -> None:
        """A time typed over (``01:05``): taken when it reads as one, else put back."""
        if item.column() == 0:
            try:
                start = parse_clock(item.text())
            except TranscriptError:
                start = int(item.data(START_ROLE))
            self.table.blockSignals(True)
            try:
                item.setData(START_ROLE, start)
                item.setText(clock(start))
            finally:
                self.table.blockSignals(False)
        else:
            self.table.resizeRowToContents(item.row())  # long words wrap, the row grows
        self._update_status()

    def segments(self) -> tuple[Segment, ...]:
        """The lines as typed, in time order; a line with no words yet is left out."""
        found: list[Segment] = []
        for row in range(self.table.rowCount()):
            when, text = self.table.item(row, 0), self.table.item(row, 2)
            speaker = self.table.cellWidget(row, 1)
            words = text.text().strip() if text is not None else ""
            if when is None or not words or not isinstance(speaker, QComboBox):
                continue
            found.append(Segment(int(when.data(START_ROLE)), str(speaker.currentData()), words))
        return tuple(sorted(found, key=lambda s: s.start_ms))

    def unsaved(self) -> tuple[Segment, ...] | None:
        """The lines to save, or ``None`` when they are what was saved last."""
        if self.item_id is None or not self.editable:
            return None
        current = self.segments()
        return None if current == self._saved or not current else current

    def accept_saved(self, transcript: TranscriptDTO) -> None:
        """The vault kept a version: the lines stay as they are (the user may type on)."""
        if transcript.item_id != self.item_id:
            return
        self._saved = transcript.segments
        self._version = transcript.version
        self._saved_at = transcript.saved_at
        self._update_status()

    def show_failure(self, sentence: str) -> None:
        self.status.setText(sentence)

    def _update_status(self) -> None:
        if self.item_id is None:
            self.status.clear()
        elif self.unsaved() is not None:
            self.status.setText(self.tr("Not saved yet (Ctrl+S)."))
        elif self._version and self._saved_at is not None:
            self.status.setText(
                self.tr("Version %1, saved %2.")
                .replace("%1", str(self._version))
                .replace("%2", format_time(self._saved_at))
            )
        elif not self.editable:
            self.status.setText(self.tr("No transcript."))
        else:
            self.status.setText(
                self.tr("No transcript yet: press F2 while it plays to add a line.")
            )

    # --- typing along ------------------------------------------------------------------

    def insert_at_position(self) -> None:
        """A new line at the playing time, in time order, with the cursor in its text."""
        if self.item_id is None or not self.editable:
            return
        start = max(0, self.player.player.position())
        row = self.table.rowCount()
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 0)
            if item is not None and int(item.data(START_ROLE)) > start:
                row = index
                break
        before = self.table.cellWidget(row - 1, 1) if row > 0 else None
        speaker = Speaker.COLLECTOR
        if isinstance(before, QComboBox) and before.currentData() == Speaker.COLLECTOR:
            speaker = Speaker.SELF  # a call goes back and forth
        self.table.blockSignals(True)
        try:
            self._add_row(row, Segment(start, str(speaker), ""))
        finally:
            self.table.blockSignals(False)
        self.table.setCurrentCell(row, 2)
        text = self.table.item(row, 2)
        if text is not None:
            self.table.editItem(text)

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0 and self.editable:
            self.table.removeRow(row)
            self._update_status()

    def skip(self, delta_ms: int) -> None:
        self.player.seek(self.player.player.position() + delta_ms)

    def _clicked(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.player.seek(int(item.data(START_ROLE)))
