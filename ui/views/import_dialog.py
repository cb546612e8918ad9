"""Import with progress (file n of m, MB/s), cancel, and a summary at the end.

A clean import's summary is shown in the window (``notice``, the vault view's banner);
a box to click away comes only when files were refused or the import was cancelled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui import dialogs, errors
from ui.tasks import op
from ui.views.progress import TaskProgressDialog
from vault.dto import BackupImportReport, ImportProgress, ImportReport, ImportStatus
from vault.fsutil import display_name
from vault.handle import OpenVault
from vault.importing import import_paths


class ImportDialog(TaskProgressDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Importing evidence"), self.tr("Preparing…"), self.tr("Cancel"), parent
        )

    def update_progress(self, progress: ImportProgress) -> None:
        name = progress.current.name if progress.current else ""
        self.show_step(
            progress.files_done,
            progress.files_total,
            progress.bytes_done,
            self.tr("File %1 of %2, %5 of %6 (%3 MB/s)\n%4"),
            name,
            progress.bytes_total,
        )


def summary_text(widget: QWidget, report: ImportReport) -> tuple[str, str]:
    """The short summary and, per file not imported, the sentence for its refusal in the
    user's language (the core's English reason only for a code without a sentence)."""
    text = (
        QCoreApplication.translate(
            "ImportDialog", "Imported: %1\nAlready in the vault: %2\nNot imported: %3"
        )
        .replace("%1", str(report.count(ImportStatus.IMPORTED)))
        .replace("%2", str(report.count(ImportStatus.DUPLICATE)))
        .replace("%3", str(report.count(ImportStatus.REFUSED)))
    )
    if report.count(ImportStatus.CANCELLED):
        text += "\n" + QCoreApplication.translate(
            "ImportDialog", "Cancelled before import: %1"
        ).replace("%1", str(report.count(ImportStatus.CANCELLED)))
    text += "".join("\n" + backup_line(report, backup) for backup in report.backups)
    details = "\n".join(
        f"{display_name(r.path.name)}: {errors.sentence_for(r.code) or r.reason or ''}"
        for r in report.results
        if r.status is ImportStatus.REFUSED
    )
    return text, details


def backup_line(report: ImportReport, backup: BackupImportReport) -> str:
    """What one phone backup among the files became, in the user's language."""
    names = {r.item_id or r.duplicate_of: r.path.name for r in report.results}
    name = display_name(names.get(backup.item_id, ""))
    line = (
        QCoreApplication.translate(
            "ImportDialog", "Phone backup %1: %2 calls, %3 SMS and %4 MMS read into the Case tab."
        )
        .replace("%1", name)
        .replace("%2", str(backup.calls))
        .replace("%3", str(backup.sms))
        .replace("%4", str(backup.mms))
    )
    line += backup_status(backup)
    if backup.lender is None and backup.unassigned:
        line += " " + QCoreApplication.translate(
            "ImportDialog",
            "To count its calls for a lender, add the collectors' numbers in that lender's "
            "Case tab.",
        )
    return line


def backup_status(backup: BackupImportReport) -> str:
    """The sentence on a backup imported again (the Case tab's too); "" for a new one."""
    if backup.restored:
        return " " + QCoreApplication.translate(
            "ImportDialog", "It was in the trash and is back in the list."
        )
    if backup.existing:
        return " " + QCoreApplication.translate(
            "ImportDialog", "It was already in the vault; its calls and messages are now read too."
        )
    return ""


def run_import(
    parent: QWidget,
    vault: OpenVault,
    paths: list[Path],
    lender: str | None,
    done: Callable[[ImportReport], str | None],
    failed: Callable[[BaseException], None],
    notice: Callable[[str, str], None],
) -> ImportDialog:
    dialog = ImportDialog(parent)
    cancel = dialog.cancel_event

    def work(progress: Callable[[object], None]) -> ImportReport:
        return import_paths(vault, paths, lender=lender, progress=progress, cancel=cancel)

    def finished(report: ImportReport) -> None:
        dialog.close()
        dialog.deleteLater()
        if dialog.abandoned:
            return
        added = done(report)  # may ask for the collectors' numbers of a backup
        text, details = summary_text(parent, report)
        if added:
            text += "\n" + added.strip()
        title = QCoreApplication.translate("ImportDialog", "Import finished")
        if report.count(ImportStatus.REFUSED) or report.count(ImportStatus.CANCELLED):
            dialogs.inform(parent, title, text, details=details)
        else:
            notice(title, text)

    def broke(error: BaseException) -> None:
        dialog.close()
        dialog.deleteLater()
        if not dialog.abandoned:
            failed(error)

    dialog.show()
    op(work).with_progress(dialog.update_progress).success(finished).failure(broke).run()
    return dialog
