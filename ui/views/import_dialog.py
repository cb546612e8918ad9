"""Import with progress (file n of m, MB/s), cancel, and a summary at the end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui import dialogs, errors
from ui.tasks import op
from ui.views.progress import TaskProgressDialog
from vault.dto import ImportProgress, ImportReport, ImportStatus
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
            self.tr("File %1 of %2 (%3 MB/s)\n%4"),
            name,
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
    details = "\n".join(
        f"{display_name(r.path.name)}: {errors.sentence_for(r.code) or r.reason or ''}"
        for r in report.results
        if r.status is ImportStatus.REFUSED
    )
    return text, details


def run_import(
    parent: QWidget,
    vault: OpenVault,
    paths: list[Path],
    lender: str | None,
    done: Callable[[ImportReport], None],
    failed: Callable[[BaseException], None],
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
        done(report)
        text, details = summary_text(parent, report)
        title = QCoreApplication.translate("ImportDialog", "Import finished")
        dialogs.inform(parent, title, text, details=details)

    def broke(error: BaseException) -> None:
        dialog.close()
        dialog.deleteLater()
        if not dialog.abandoned:
            failed(error)

    dialog.show()
    op(work).with_progress(dialog.update_progress).success(finished).failure(broke).run()
    return dialog
