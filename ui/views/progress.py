"""A progress dialog for work on the database worker: cancel, rate, and abandon on lock."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.format import format_size


class TaskProgressDialog(QProgressDialog):
    """Cancel sets ``cancel_event`` (the core checks it between files or items); ``abandon``
    also closes the dialog and marks the result as unwanted, for a lock. Subclasses give
    the translated texts, so each keeps its own translation context."""

    def __init__(self, title: str, preparing: str, cancel: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setLabelText(preparing)
        self.setCancelButtonText(cancel)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setRange(0, 0)
        self.cancel_event = threading.Event()
        self.canceled.connect(self.cancel_event.set)
        self._started = time.monotonic()
        self.abandoned = False  # the vault was locked meanwhile: show nothing more

    def abandon(self) -> None:
        """Stop the work at its next check and close without a word: used on lock."""
        self.abandoned = True
        self.cancel_event.set()
        self.close()

    def show_step(
        self,
        done: int,
        total: int,
        bytes_done: int,
        label: str,
        detail: str = "",
        bytes_total: int = 0,
    ) -> None:
        """Advance the bar; ``label`` may hold %1 (this step), %2 (all), %3 (MB/s), %5
        and %6 (bytes done and in all) and %4 (``detail``, put in last so that a file
        name is shown as it is). Given ``bytes_total``, the bar follows the bytes, so a
        large recording among small screenshots moves it as much as it takes time."""
        rate = bytes_done / max(time.monotonic() - self._started, 1e-3) / 1e6
        if bytes_total > 0:
            self.setRange(0, 1000)
            self.setValue(min(bytes_done * 1000 // bytes_total, 1000))
        else:
            self.setRange(0, max(total, 1))
            self.setValue(min(done, total))
        self.setLabelText(
            label.replace("%1", str(min(done + 1, total)))
            .replace("%2", str(total))
            .replace("%3", f"{rate:.1f}")
            .replace("%5", format_size(bytes_done))
            .replace("%6", format_size(bytes_total))
            .replace("%4", detail)
        )
