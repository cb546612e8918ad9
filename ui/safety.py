"""Auto-lock after idle time and the Esc Esc quick hide, watched app-wide."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
DOUBLE_ESCAPE_SECONDS = 0.6


def _first_receiver(watched: QObject) -> bool:
    """A key event travels window → focus widget → its parents; count it once."""
    focus = QApplication.focusWidget()
    if focus is not None:
        return watched is focus
    return isinstance(watched, QWidget) and watched.isWindow()


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without keyboard or mouse input."""

    idle = Signal()
    quick_hide = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.idle)
        self._last_escape = 0.0

    def set_timeout(self, timeout_ms: int) -> None:
        self.timer.setInterval(timeout_ms)
        if self.timer.isActive():
            self.timer.start()

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        if (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not event.isAutoRepeat()
            and _first_receiver(watched)
        ):
            self._key(event.key())
        return False

    def _key(self, key: int) -> None:
        if key != Qt.Key.Key_Escape:
            self._last_escape = 0.0
            return
        now = time.monotonic()
        if now - self._last_escape < DOUBLE_ESCAPE_SECONDS:
            self._last_escape = 0.0
            self.quick_hide.emit()
        else:
            self._last_escape = now
