"""Export a bundle for a regulator, lawyer, police officer or court.

The form chooses what goes in (one lender or all, an optional date range), the
language of the evidence list and where the ZIP is saved; the export itself runs on
the database worker with a progress dialog and cancel (``vault.bundle.export``), and
ends with a summary that says where the file is and how anyone can check it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.format import format_size, today_date, wall_clock
from ui.format import today as today_qdate
from ui.pdf_report import render_pdf_on_gui_thread
from ui.settings import new_file_in_documents
from ui.tasks import op
from ui.views.date_field import DateField
from ui.views.progress import TaskProgressDialog
from ui.views.verify_dialog import open_verify_dialog
from vault.bundle.export import (
    BundleExportResult,
    ExportCancelledError,
    ExportRequest,
    export_bundle,
)
from vault.bundle.layout import bundle_file_name
from vault.dto import ExportProgress, ExportResult
from vault.handle import OpenVault

REPORT_LANGUAGES = (("简体中文", "zh_CN"), ("繁體中文", "zh_TW"), ("English", "en"))
# Whatever language the app is shown in, the bundle's readers (regulators, police and
# courts in mainland China) read Simplified Chinese; the user may choose otherwise.
DEFAULT_REPORT_LANGUAGE = "zh_CN"


def default_bundle_path(
    lender: str, today: date, folder: Path | None = None, language: str = DEFAULT_REPORT_LANGUAGE
) -> Path:
    """A new file in the user's Documents folder: ``证据包_<lender>_<date>.zip``
    (:func:`vault.bundle.layout.bundle_file_name`, in the evidence list's language), else
    ``…_2.zip`` and so on: no spaces, so the commands of the bundle's README paste as printed."""
    stem = bundle_file_name(lender, today, language).removesuffix(".zip")
    return new_file_in_documents(stem, ".zip", folder, numbered="{stem}_{n}")


class ExportDialog(QDialog):
    """What to export and where; ``request()`` turns the answers into an ExportRequest."""

    def __init__(
        self,
        lenders: list[str],
        current: str | None,
        parent: QWidget | None = None,
        spans: Mapping[str, tuple[datetime, datetime]] | None = None,
    ):
        """``spans``: each lender's first and last evidence time, which the dates show
        until the user limits them, so a tick starts from that lender's whole record."""
        super().__init__(parent)
        self._spans = dict(spans or {})
        self.setWindowTitle(self.tr("Export an evidence bundle"))
        self.lender = QComboBox(self)  # a bundle is one lender's: one complaint, one case
        self.lender.addItems(lenders)
        self.lender.setCurrentIndex(max(0, self.lender.findText(current or "")))
        self.limit_dates = QCheckBox(self.tr("Only what happened between"), self)
        today = today_qdate()
        self.date_from = DateField(today.addMonths(-1), self)
        self.date_to = DateField(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            self.limit_dates.toggled.connect(edit.setEnabled)
        self.language = QComboBox(self)
        for label, code in REPORT_LANGUAGES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(DEFAULT_REPORT_LANGUAGE)))
        self.path = QLineEdit(self)
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.browse.clicked.connect(self._choose_path)
        self.stamp = QCheckBox(
            self.tr("Ask the vault's timestamp servers to stamp the bundle (needs the internet)"),
            self,
        )
        self.stamp.setChecked(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path.textChanged.connect(
            lambda text: self.export_button.setEnabled(bool(text.strip()))
        )
        self._suggested = ""
        self.lender.currentIndexChanged.connect(self._suggest_path)
        self.lender.currentIndexChanged.connect(self._show_span)
        self.language.currentIndexChanged.connect(self._suggest_path)
        self._layout()
        self._suggest_path()
        self._show_span()
        self.resize(self.sizeHint().expandedTo(QSize(640, 0)))

    def _layout(self) -> None:
        intro = QLabel(
            self.tr(
                "The bundle is one ZIP file to give to a regulator, a lawyer, the police or a "
                "court. It holds copies of the evidence, an evidence list (PDF), and the hashes "
                "and signature that let anyone check, without this app, that nothing was changed."
            ),
            self,
        )
        intro.setWordWrap(True)
        dates = QHBoxLayout()
        dates.addWidget(self.limit_dates)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("–", self))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("Evidence of"), self.lender)
        form.addRow("", self._wrap(dates))
        form.addRow(self.tr("Evidence list in"), self.language)
        form.addRow(self.tr("Save as"), self._wrap(where))
        form.addRow("", self.stamp)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addSpacing(6)
        column.addLayout(form)
        column.addWidget(self.buttons)

    def _wrap(self, layout: QHBoxLayout) -> QWidget:
        holder = QWidget(self)
        layout.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(layout)
        return holder

    def _suggest_path(self) -> None:
        suggested = default_bundle_path(
            self.lender.currentText(), today_date(), language=str(self.language.currentData())
        )
        if not self.path.text() or self.path.text() == self._suggested:
            self.path.setText(str(suggested))  # a name the user typed stays
        self._suggested = str(suggested)

    def _show_span(self) -> None:
        """The chosen lender's first and last evidence days (in the vault's zone), while
        the dates are not in use; a lender without evidence keeps the last month."""
        span = self._spans.get(self.lender.currentText())
        if span is None or self.limit_dates.isChecked():
            return
        self.date_from.setDate(wall_clock(span[0]).date())
        self.date_to.setDate(wall_clock(span[1]).date())

    def _choose_path(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the bundle as"), self.path.text(), self.tr("ZIP files (*.zip)")
        )
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".zip") else f"{chosen}.zip")

    def request(self) -> ExportRequest:
        start = end = None
        if self.limit_dates.isChecked():
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        return ExportRequest(
            out=Path(self.path.text().strip()).expanduser(),
            lender=self.lender.currentText(),
            date_from=start,  # type: ignore[arg-type]
            date_to=end,  # type: ignore[arg-type]
            language=str(self.language.currentData()),
            stamp=self.stamp.isChecked(),
        )


class ExportProgressDialog(TaskProgressDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Exporting evidence"), self.tr("Preparing…"), self.tr("Cancel"), parent
        )

    def update_progress(self, progress: ExportProgress) -> None:
        self.show_step(
            progress.items_done,
            progress.items_total,
            progress.bytes_done,
            self.tr("Item %1 of %2 (%3 MB/s)"),
        )


def summary_text(result: ExportResult, *, stamp_requested: bool = True) -> tuple[str, str]:
    """What the user reads when the bundle is written, and the copyable technical facts.

    The text says where the file is, whether the bundle got its timestamp (and, when it
    did not, how to add one later) and what to do next; ``stamp_requested`` is whether
    the user asked for a timestamp in the form.
    """

    text = (
        QCoreApplication.translate("ExportDialog", "The bundle is saved:\n%1\n\n%2 items, %3.")
        .replace("%1", str(result.path))
        .replace("%2", str(result.items))
        .replace("%3", format_size(result.bytes))
    )
    if isinstance(result, BundleExportResult) and not result.sums_stamped:
        text += "\n\n" + (
            QCoreApplication.translate(
                "ExportDialog",
                "No timestamp server answered, so this bundle has no trusted timestamp. It is "
                "complete and can be checked without one.",
            )
            if stamp_requested
            else QCoreApplication.translate(
                "ExportDialog", "You chose not to timestamp this bundle."
            )
        )
        text += "\n" + QCoreApplication.translate(
            "ExportDialog",
            "To add a timestamp later: when you are online, open “Trusted time…”, click "
            "“Timestamp now”, then export the bundle again.",
        )
    text += (
        "\n\n"
        + QCoreApplication.translate("ExportDialog", "What to do next:")
        + "\n"
        + "\n".join(
            f"{n}. {line}"
            for n, line in enumerate(
                (
                    QCoreApplication.translate(
                        "ExportDialog",
                        "Send the ZIP file as it is to the regulator, lawyer, police or court "
                        "(e-mail, USB stick or a download link). The README.txt inside explains, "
                        "in Chinese and English, how to check it with standard tools.",
                    ),
                    QCoreApplication.translate(
                        "ExportDialog",
                        "Tell them the key fingerprint another way (by phone, in person): %1",
                    ).replace("%1", result.signer_fingerprint),
                    QCoreApplication.translate(
                        "ExportDialog",
                        "To complain to 12378, NIFA or Heimao: they take pasted text and small "
                        "files, not this ZIP. In the Case tab, under Complaints, “Make complaint "
                        "material…” writes each channel's text and attachments, and says where "
                        "to file.",
                    ),
                    QCoreApplication.translate(
                        "ExportDialog", "Keep a copy of the ZIP file yourself."
                    ),
                    QCoreApplication.translate(
                        "ExportDialog",
                        "Keep this vault and its passphrase: it holds the originals and can make "
                        "a new bundle at any time.",
                    ),
                ),
                start=1,
            )
        )
    )
    details = [
        QCoreApplication.translate("ExportDialog", "SHA-256 of SHA256SUMS: %1").replace(
            "%1", result.sha256sums_sha256
        ),
        QCoreApplication.translate("ExportDialog", "Signed by: %1").replace(
            "%1", result.signer_fingerprint
        ),
    ]
    if isinstance(result, BundleExportResult):
        if result.sums_stamped and result.sums_stamped_at is not None:
            details.append(
                QCoreApplication.translate("ExportDialog", "Timestamped by %1 at %2")
                .replace("%1", result.sums_tsa_name or "")
                .replace("%2", result.sums_stamped_at.isoformat(timespec="seconds"))
            )
        else:
            details.append(
                QCoreApplication.translate(
                    "ExportDialog", "No timestamp server stamped this bundle."
                )
            )
        details.append(
            QCoreApplication.translate(
                "ExportDialog", "Items with a timestamped checkpoint: %1 of %2"
            )
            .replace("%1", str(result.items_with_time))
            .replace("%2", str(result.items))
        )
    return text, "\n".join(details)


def copy_path(path: Path) -> None:
    """Put the bundle's full path on the clipboard, for a mail or a file dialog."""
    QGuiApplication.clipboard().setText(str(path))


def show_folder(parent: QWidget, path: Path) -> None:
    """Open the bundle's folder; where no file manager opens it, say where the file is."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))):
        return
    dialogs.inform(
        parent,
        QCoreApplication.translate("ExportDialog", "The folder cannot be shown"),
        QCoreApplication.translate(
            "ExportDialog",
            "This computer has no program to show folders. The bundle is here:\n%1\n\n"
            "Use “Copy the path” and paste it where you need it.",
        ).replace("%1", str(path)),
        warning=True,
    )


def _show_saved(parent: QWidget, text: str, details: str, path: Path) -> None:
    dialogs.inform(
        parent,
        QCoreApplication.translate("ExportDialog", "Export finished"),
        text,
        details=details,
        actions=[
            dialogs.Action(
                QCoreApplication.translate("ExportDialog", "Copy the path"), lambda: copy_path(path)
            ),
            dialogs.Action(
                QCoreApplication.translate("ExportDialog", "Verify this bundle"),
                lambda: open_verify_dialog(parent, path),
            ),
            dialogs.Action(
                QCoreApplication.translate("ExportDialog", "Show the folder"),
                lambda: show_folder(parent, path),
            ),
        ],
    )


def run_export(
    parent: QWidget,
    vault: OpenVault,
    request: ExportRequest,
    done: Callable[[ExportResult], None],
    failed: Callable[[BaseException], None],
) -> ExportProgressDialog:
    dialog = ExportProgressDialog(parent)
    cancel = dialog.cancel_event

    def work(progress: Callable[[object], None]) -> ExportResult:
        return export_bundle(
            vault, request, render_pdf=render_pdf_on_gui_thread, progress=progress, cancel=cancel
        )

    def finished(result: ExportResult) -> None:
        dialog.close()
        dialog.deleteLater()
        if not dialog.abandoned:
            done(result)
            _show_saved(parent, *summary_text(result, stamp_requested=request.stamp), result.path)

    def broke(error: BaseException) -> None:
        dialog.close()
        dialog.deleteLater()
        if dialog.abandoned:
            return
        if isinstance(error, ExportCancelledError):
            _show_cancelled(parent)
            return
        failed(error)

    dialog.show()
    op(work).with_progress(dialog.update_progress).success(finished).failure(broke).run()
    return dialog


def _show_cancelled(parent: QWidget) -> None:
    dialogs.inform(
        parent,
        QCoreApplication.translate("ExportDialog", "Export cancelled"),
        QCoreApplication.translate(
            "ExportDialog", "The export was cancelled. No file was written."
        ),
    )
