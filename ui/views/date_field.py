"""Date fields that take a typed date: 2025-03-01 09:30, 2025/3/1 9:30, 20250301, 2025年3月1日.

Qt's date edits only take digits section by section: a typed "-" jumps over the month,
a click lands in the day, so a borrower typing a date saw it turn into another one and
only the arrow keys worked. These fields read what was typed as a whole when the user
presses Enter or leaves the field; the arrow keys and the calendar still work.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDateTimeEdit, QLineEdit, QWidget

_DATE = r"(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*[-/.月]?\s*(\d{1,2})\s*[日号]?"
_TIME = r"(?:\s*[T ]?\s*(\d{1,2})\s*[:：时点.]?\s*(\d{1,2})?\s*分?)?"
_FULL = re.compile(rf"^\s*{_DATE}{_TIME}\s*$")
_TYPING = re.compile(r"^[\d\s\-/.:：T年月日号时点分]{0,40}$")


def parse_typed(text: str) -> tuple[QDate, QTime | None] | None:
    """The day a typed text names and its time of day if it names one, or None."""
    match = _FULL.match(text)
    if match is None:
        return None
    year, month, day, hour, minute = match.groups()
    date = QDate(int(year), int(month), int(day))
    time = QTime(int(hour), int(minute or 0)) if hour is not None else None
    if not date.isValid() or (time is not None and not time.isValid()):
        return None
    return date, time


def _selection(line: QLineEdit) -> tuple[int, int]:
    return line.selectionStart(), len(line.selectedText())


class _Typeable(QDateTimeEdit):
    with_time = True
    _typed = False  # characters typed and not yet taken
    _auto_selection = (-1, 0)

    def _setup(self) -> None:
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm" if self.with_time else "yyyy-MM-dd")
        self.setKeyboardTracking(False)  # half a date is not read until Enter or leaving
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if parse_typed(text) is not None:
            return QValidator.State.Acceptable, text, pos
        if _TYPING.match(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:
        return self._moment(text)

    def _moment(self, text: str) -> QDateTime:
        """What ``text`` names; no time typed keeps the time shown; nothing named, the
        moment shown."""
        typed = parse_typed(text)
        if typed is None:
            return self.dateTime()
        date, time = typed
        if time is None or not self.with_time:
            time = self.time() if self.with_time else QTime(0, 0)
        return QDateTime(date, time)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        editing = event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
        if editing or (text and text.isprintable()):
            # Typed characters go into the text as typed. Qt's own handling works section
            # by section and rewrites the text whenever the cursor crosses a section.
            line = self.lineEdit()
            if not self._typed and (
                not line.hasSelectedText() or self._auto_selection == _selection(line)
            ):
                line.selectAll()  # typing into the field types a new date
            blocked = line.blockSignals(True)
            try:
                line.event(event)
            finally:
                line.blockSignals(blocked)
            self._typed = True
            return
        if self._typed:
            self.commit_typed()
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._auto_selection = _selection(self.lineEdit())  # the section Qt selected

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self._typed:
            self.commit_typed()
        super().focusOutEvent(event)

    def typing(self) -> bool:
        """Characters typed and not yet taken (Enter or leaving the field takes them)."""
        return self._typed

    def commit_typed(self) -> None:
        """Take the typed text; a text naming no date puts back the date shown before."""
        self._typed = False
        self.setDateTime(self._moment(self.lineEdit().text()))


class DateTimeField(_Typeable):
    def __init__(self, moment: QDateTime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._setup()
        self.setDateTime(moment if moment is not None else QDateTime.currentDateTime())


class DateField(_Typeable):
    """A date without a time of day (what QDateEdit is)."""

    with_time = False

    def __init__(self, date: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._setup()
        self.setDate(date if date is not None else QDate.currentDate())
