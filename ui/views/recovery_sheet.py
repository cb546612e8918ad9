"""The recovery sheet: the recovery key as shown on screen, saved as a PDF and printed.

The key stands on one line in a monospaced font that nothing may break (``<pre>``), so
a PDF viewer copies it back exactly, ``AGE-SECRET-KEY-`` hyphens included. Around it the
sheet speaks the user's language and gives the creation time in the vault's time zone.
Used by the create wizard's last page and by "show the recovery key again".

Saving as PDF is one click: the sheet goes to the Documents folder under a name not yet
taken, and the page says where, and that a file on this computer is not yet a copy kept
elsewhere. *Save elsewhere…* asks for a place (a USB stick).
"""

from __future__ import annotations

import html
from datetime import datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QMarginsF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.format import format_time
from ui.settings import new_file_in_documents
from vault.dto import RecoveryKey

KEY_POINT_SIZE = 9  # 74 characters of a monospaced font (about 14 cm) fit A4 and Letter
PDF_STEM = "evidence-vault-recovery-key"


def fixed_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class RecoverySheet(QWidget):
    """The key on screen (one unwrapped line), Print… and Save as PDF…, and where it went."""

    saved = Signal(object)  # the PDF's path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recovery: RecoveryKey | None = None
        self._tz: tzinfo | None = None
        self.warning = QLabel(
            self.tr(
                "Without your passphrase or this recovery key, nobody can recover the evidence. Not even the makers of this app."
            ),
            self,
        )
        self.warning.setWordWrap(True)
        bold = self.warning.font()
        bold.setBold(True)
        self.warning.setFont(bold)
        self.created = QLabel(self)
        self.key = QPlainTextEdit(self)
        self.key.setReadOnly(True)
        self.key.setFont(fixed_font())
        self.key.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.key.setWordWrapMode(QTextOption.WrapMode.NoWrap)
        lines = self.key.fontMetrics().lineSpacing()
        self.key.setFixedHeight(lines * 2 + 16)  # one line and room for a scroll bar
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.pdf_button = QPushButton(self.tr("Save as PDF"), self)
        self.elsewhere_button = QPushButton(self.tr("Save elsewhere…"), self)
        self.elsewhere_button.setToolTip(self.tr("Choose where: a USB stick, for example."))
        self.print_button.clicked.connect(self._print)
        self.pdf_button.clicked.connect(self._save_in_documents)
        self.elsewhere_button.clicked.connect(self._ask_pdf)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.elsewhere_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warning)
        layout.addWidget(self.created)
        layout.addWidget(self.key)
        layout.addLayout(buttons)
        layout.addWidget(self.where)

    # --- contents ---------------------------------------------------------------------------

    def show_key(self, recovery: RecoveryKey, tz: tzinfo | None) -> None:
        self._recovery, self._tz = recovery, tz
        self.key.setPlainText(recovery.secret_key)
        width = self.key.fontMetrics().horizontalAdvance(recovery.secret_key)
        self.key.setMinimumWidth(width + 2 * self.key.frameWidth() + 16)  # whole, no scrolling
        self.created.setText(self.tr("Created %1").replace("%1", self.created_text()))
        self.where.clear()

    def clear(self) -> None:
        self._recovery = None
        self.key.clear()
        self.created.clear()
        self.where.clear()

    def created_text(self) -> str:
        """The creation time in the vault's time zone, with its UTC offset."""
        if self._recovery is None:
            return ""
        moment: datetime = self._recovery.created_at
        local = moment.astimezone(self._tz) if self._tz is not None else moment.astimezone()
        offset = local.utcoffset()
        return format_time(moment, int(offset.total_seconds() // 60) if offset else 0)

    def sheet_html(self) -> str:
        recovery = self._recovery
        if recovery is None:
            return ""
        e = html.escape
        mono = e(fixed_font().family())
        steps = self.tr(
            "If you forget the passphrase: open the vault, choose “Forgot the passphrase? Unlock with the recovery key”, type the key below, then choose a new passphrase."
        )
        created = self.tr("Created %1").replace("%1", self.created_text())
        number = self.tr("Vault number %1").replace("%1", recovery.vault_id)
        key_label = self.tr("Recovery key:")
        public_label = self.tr("Public key (names the vault, not secret):")
        keep = self.tr("Keep this sheet away from this computer, where nobody else looks.")
        return (
            f"<html><head><title>{e(self.title())}</title></head><body>"
            f"<h2>{e(self.title())}</h2>"
            f"<p><b>{e(self.warning.text())}</b></p>"
            f"<p>{e(created)}<br>{e(number)}</p>"
            f"<p>{e(steps)}</p>"
            f"<p>{e(key_label)}</p>"
            f"<pre style=\"font-family: '{mono}'; font-size: {KEY_POINT_SIZE}pt;\">"
            f"{e(recovery.secret_key)}</pre>"
            f"<p>{e(public_label)}</p>"
            f"<pre style=\"font-family: '{mono}'; font-size: 8pt;\">{e(recovery.recipient)}</pre>"
            f"<p>{e(keep)}</p>"
            "</body></html>"
        )

    def title(self) -> str:
        return self.tr("Evidence Vault recovery key")

    # --- output -----------------------------------------------------------------------------

    def print_sheet(self, device: QPagedPaintDevice) -> None:
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setHtml(self.sheet_html())
        document.print_(device)

    def save_pdf(self, path: Path) -> bool:
        """Write the sheet to ``path``; says on the page where it went (or that it did not)."""
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        writer.setTitle(self.title())
        writer.setCreator(self.tr("Evidence Vault"))
        self.print_sheet(writer)
        del writer  # the file is complete once the writer is gone
        if not path.is_file() or path.stat().st_size == 0:
            self.where.setText(
                self.tr("The sheet could not be saved in %1. Choose another folder.").replace(
                    "%1", str(path.parent)
                )
            )
            return False
        self.where.setText(
            self.tr(
                "Saved: %1\nPrint it or copy it to a USB stick, then delete it from this computer."
            ).replace("%1", str(path))
        )
        self.saved.emit(path)
        return True

    def _save_in_documents(self) -> None:
        self.save_pdf(new_file_in_documents(PDF_STEM, ".pdf"))

    def _ask_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the recovery key"), f"{PDF_STEM}.pdf", "PDF (*.pdf)"
        )
        if name:
            self.save_pdf(Path(name))

    def _print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.print_sheet(printer)
            self.where.setText(self.tr("Sent to the printer."))
