"""A progress dialog for work on the database worker: cancel, rate, and abandon on lock."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QProgressDialog, QWidget


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
        self, done: int, total: int, bytes_done: int, label: str, detail: str = ""
    ) -> None:
        """Advance the bar; ``label`` may hold %1 (this step), %2 (all), %3 (MB/s) and
        %4 (``detail``, put in last so that a file name is shown as it is)."""
        rate = bytes_done / max(time.monotonic() - self._started, 1e-3) / 1e6
        self.setRange(0, max(total, 1))
        self.setValue(min(done, total))
        self.setLabelText(
            label.replace("%1", str(min(done + 1, total)))
            .replace("%2", str(total))
            .replace("%3", f"{rate:.1f}")
            .replace("%4", detail)
        )
