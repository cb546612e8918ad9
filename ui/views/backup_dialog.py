"""备份到U盘或文件夹…: back the vault up to a USB stick or a second folder, and the
reminder that says once when it is time (``vault.safekeeping``).

The backup's database snapshot, and its publishing with the custody event, run on the
database worker; the long part, copying the files and reading them back, runs beside it
(``ui.tasks``), so the window keeps reading the vault meanwhile. It has progress and cancel; a cancelled or
failed backup leaves the backup folder as it was. The dialog shows when and where the last
backup was made, and the rule for the database snapshots the folder keeps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.errors import message_for
from ui.format import format_time
from ui.tasks import Op, op
from vault.errors import VaultError
from vault.handle import OpenVault
from vault.safekeeping.make import (
    BackupReport,
    CopiedBackup,
    StagedBackup,
    copy_backup,
    publish_backup,
    stage_backup,
)
from vault.safekeeping.status import BackupStatus, backup_status


def run_backup(vault: OpenVault, dest: Path, cancel: threading.Event) -> Op:
    """One backup and its custody event: the snapshot on the database worker, the copies
    beside it, then the publishing with the event on the database worker again, where
    a lock of the vault comes before it or after it. Not yet ``run``."""

    def copy(staged: StagedBackup, progress: Callable[[object], None]) -> CopiedBackup:
        return copy_backup(staged, cancel=cancel, progress=lambda d, t: progress((d, t)))

    return (
        op(lambda: stage_backup(vault, dest))
        .then(copy, beside=True)
        .then(lambda copied: publish_backup(vault, copied))
    )


class BackupDialog(QDialog):
    finished_backup = Signal()

    def __init__(self, vault: OpenVault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.cancel: threading.Event | None = None
        self.setWindowTitle(self.tr("Back up to a USB stick or folder"))
        intro = QLabel(
            self.tr(
                "A backup is a second copy of the vault on a USB stick or in another "
                "folder. It stays encrypted like the vault, so a lost stick reveals "
                "nothing. Every copied file is read back and checked before the backup "
                "counts as done; later backups copy only what is new."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.last = QLabel(self.tr("Reading…"), self)
        self.last.setObjectName("lastBackup")
        self.last.setWordWrap(True)
        rule = QLabel(
            self.tr(
                "The backup folder keeps every file for good, and earlier copies of the "
                "list of evidence: the last 10 backups, plus the last one of each earlier "
                "month."
            ),
            self,
        )
        rule.setWordWrap(True)
        self.folder = QLineEdit(self)
        self.folder.setPlaceholderText(self.tr("The USB stick or folder to back up to"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.clicked.connect(self.choose)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.outcome = QLabel(self)
        self.outcome.setObjectName("backupOutcome")
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.start_button = self.buttons.addButton(
            self.tr("Back up now"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setObjectName("backupNow")
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        for widget in (intro, self.last, rule):
            layout.addWidget(widget)
        layout.addLayout(where)
        layout.addWidget(self.progress)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        op(lambda: backup_status(vault)).success(self.show_status).owned_by(self).run()

    def show_status(self, status: BackupStatus) -> None:
        if status.last_at is None:
            self.last.setText(self.tr("This vault has not been backed up yet."))
            return
        self.last.setText(
            self.tr("Last backup: %1, to %2.")
            .replace("%1", format_time(status.last_at))
            .replace("%2", status.last_to)
        )
        if not self.folder.text():
            self.folder.setText(status.last_to)

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the backup folder"))
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.outcome.setText(self.tr("Choose the USB stick or folder first."))
            return
        cancel = self.cancel = threading.Event()
        vault, dest = self.vault, Path(text)
        self.start_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.outcome.setText(self.tr("Backing up and checking every copy…"))
        run_backup(vault, dest, cancel).with_progress(self._progressed).success(self._done).failure(
            self._failed
        ).owned_by(self).run()

    def _progressed(self, value: object) -> None:
        if isinstance(value, tuple):
            done, total = value
            self.progress.setRange(0, max(int(total), 1))
            self.progress.setValue(int(done))

    def _done(self, report: BackupReport) -> None:
        self.cancel = None
        self.progress.hide()
        self.start_button.setEnabled(True)
        text = (
            self.tr("Done: %1 items are in the backup; %2 new files were copied and checked.")
            .replace("%1", str(report.items))
            .replace("%2", str(report.copied))
        )
        if report.repaired:
            text += " " + self.tr(
                "%1 damaged copies in the backup folder were found and copied again."
            ).replace("%1", str(len(report.repaired)))
        self.outcome.setText(text)
        self.show_status(BackupStatus(report.at, str(report.destination), 0, False))
        self.finished_backup.emit()

    def _failed(self, error: BaseException) -> None:
        self.cancel = None
        self.progress.hide()
        self.start_button.setEnabled(True)
        self.outcome.setText(
            message_for(error)
            if isinstance(error, VaultError)
            else self.tr("The backup failed; the backup folder keeps its previous backup.")
        )

    def reject(self) -> None:
        if self.cancel is not None:
            self.cancel.set()  # the worker stops at its next file; DEST stays as it was
        super().reject()


class BackupReminder(QFrame):
    """A line above the evidence when a backup is due, shown once per unlock."""

    backup_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupReminder")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("Back up…"), self)
        self.dismiss = QPushButton(self.tr("Later"), self)
        self.button.clicked.connect(self.backup_requested)
        self.button.clicked.connect(self.hide)
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        row.addWidget(self.dismiss)
        self.shown_once = False
        self.hide()

    def check(self, vault: OpenVault, *, items: int, days: int) -> None:
        if self.shown_once:
            return
        op(lambda: backup_status(vault, remind_items=items, remind_days=days)).success(
            self._show
        ).owned_by(self).run()

    def _show(self, status: BackupStatus) -> None:
        if not status.due or self.shown_once:
            return
        self.shown_once = True
        if status.last_at is None:
            self.text.setText(
                self.tr(
                    "This evidence is only on this computer. Back it up to a USB stick or "
                    "another folder, so a broken or lost laptop does not take it with it."
                )
            )
        else:
            self.text.setText(
                self.tr("Time for a backup: %1 new items since the last one, on %2 to %3.")
                .replace("%1", str(status.new_items))
                .replace("%2", format_time(status.last_at))
                .replace("%3", status.last_to)
            )
        self.show()

    def reset(self) -> None:
        """The vault was locked: the next unlock may remind again."""
        self.shown_once = False
        self.hide()


class BackupBanner(QLabel):
    """ "这是一份备份": above the evidence of a backup opened to be looked at."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupBanner")
        self.setWordWrap(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMargin(6)
        self.setText(
            self.tr(
                "This is a backup, opened to be looked at: nothing in it can be changed. "
                "To work with it, restore it (evault restore)."
            )
        )
        self.hide()
