"""Making a complaint pack from the complaints tracker: the channel, the company's name
when the lender has none yet, the folder and the 诉求; then what was written and what to
do next.

A thin shell over ``vault.case.complaint_pack``: the pack is made on the worker
(``ui.tasks``), its PDF table rendered on the GUI thread as the export's evidence list is.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from vault.case.complaint_pack import PackResult, default_demands
from vault.case.pack_channels import CHANNELS, PackChannel
from vault.dto import LenderDTO


def pack_channel_names() -> dict[str, str]:
    return {
        PackChannel.HOTLINE_12378: QCoreApplication.translate(
            "PackDialog", "12378 consumer hotline and web form (NFRA)"
        ),
        PackChannel.NIFA: QCoreApplication.translate(
            "PackDialog", "NIFA online report (jubao.nifa.org.cn)"
        ),
        PackChannel.HEIMAO: QCoreApplication.translate("PackDialog", "Heimao complaints (public)"),
        PackChannel.POLICE: QCoreApplication.translate("PackDialog", "Police (110 or the station)"),
        PackChannel.COURT: QCoreApplication.translate("PackDialog", "Court"),
        PackChannel.LAWYER: QCoreApplication.translate("PackDialog", "Lawyer or legal aid"),
    }


def default_folder() -> str:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


class PackDialog(QDialog):
    """Where the pack goes and what it says; ``values()`` holds build_pack's arguments."""

    def __init__(self, lender: LenderDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lender = lender
        self.setWindowTitle(self.tr("Complaint material for %1").replace("%1", lender.name))
        self.channel = QComboBox(self)
        for code, name in pack_channel_names().items():
            self.channel.addItem(name, str(code))
        self.company = QLineEdit(lender.company or "", self)
        self.company.setPlaceholderText(self.tr("As in the loan contract, e.g. …有限公司"))
        self.company_hint = QLabel(
            self.tr(
                "The channels ask for the company's full name (被投诉机构全称). It is saved "
                "with the lender."
            ),
            self,
        )
        self.company_hint.setWordWrap(True)
        self.folder = QLineEdit(default_folder(), self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        self.demands = QPlainTextEdit(self)
        self.demands.setMinimumHeight(110)
        self._demands_edited = False
        self._filling_demands = False
        self.demands.textChanged.connect(self._mark_edited)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self._channel_changed()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.make = self.buttons.addButton(
            self.tr("Make the material"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.company.textChanged.connect(self._update_make)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Company (full name)"), self.company)
        form.addRow("", self.company_hint)
        form.addRow(self.tr("Save in"), folder_row)
        form.addRow(self.tr("Demands (诉求)"), self.demands)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.company_hint.setMinimumWidth(420)
        self.company_hint.setVisible(not lender.company)
        self._update_make()
        self.resize(640, 0)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Where to save the material"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _mark_edited(self) -> None:
        if not self._filling_demands:
            self._demands_edited = True

    def _channel_changed(self) -> None:
        if self._demands_edited:
            return  # the user's own words stay when the channel changes
        self._filling_demands = True
        demands = default_demands(str(self.channel.currentData()))
        self.demands.setPlainText("\n".join(demands))
        self._filling_demands = False

    def _update_make(self) -> None:
        self.make.setEnabled(bool(self.company.text().strip()))

    def _accept(self) -> None:
        if self.company.text().strip() and Path(self.folder.text()).is_dir():
            self.accept()
            return
        dialogs.inform(
            self,
            self.tr("Choose a folder"),
            self.tr("The folder %1 does not exist. Choose another one.").replace(
                "%1", self.folder.text()
            ),
            warning=True,
        )

    def channel_code(self) -> str:
        return str(self.channel.currentData())

    def company_to_save(self) -> str | None:
        """The company's name when the user typed a new one (saved with the lender)."""
        typed = self.company.text().strip()
        return typed if typed and typed != (self.lender.company or "") else None

    def values(self) -> dict[str, object]:
        lines = [line.strip() for line in self.demands.toPlainText().splitlines()]
        return {
            "channel": self.channel_code(),
            "out_dir": Path(self.folder.text()),
            "company": self.company.text().strip(),
            "demands": [line for line in lines if line],
        }


class PackResultDialog(QDialog):
    """What was written, where to file it, and the two or three sentences of what next;
    shown beside the window (not modal). ``record`` asks the tracker to record the filing."""

    record = Signal(str, list)  # the tracker's channel code, the items copied

    def __init__(self, result: PackResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = result
        self.setWindowTitle(self.tr("The complaint material is ready"))
        copies = sum(1 for a in result.attachments if a.number is not None)
        lines = [
            self.tr("Folder: %1").replace("%1", str(result.folder)),
        ]
        if result.zip_path is not None:
            lines.append(self.tr("One ZIP file: %1").replace("%1", str(result.zip_path)))
        lines.append(
            self.tr("Text to paste: 投诉内容.txt. Attachments: %1 labelled image copies%2.")
            .replace("%1", str(copies))
            .replace("%2", self.tr(" and the violation table (PDF)") if result.table_pdf else "")
        )
        if result.images_left_out:
            lines.append(
                self.tr("%1 more images are in the full evidence bundle only.").replace(
                    "%1", str(result.images_left_out)
                )
            )
        summary = QLabel("\n".join(lines), self)
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where_title = self.tr("Where to file")
        steps_title = self.tr("What to do next")
        where = QLabel(f"<b>{_html(where_title)}</b><br>{_html(result.where)}", self)
        where.setWordWrap(True)
        steps = QLabel(f"<b>{_html(steps_title)}</b><br>{_html(result.next_steps)}", self)
        steps.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open the folder"), self)
        self.open_button.clicked.connect(self.open_folder)
        self.record_button = QPushButton(self.tr("Record the filing…"), self)
        self.record_button.clicked.connect(self._record)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.record_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        for label in (summary, where, steps):
            label.setMinimumWidth(600)  # wrapped labels then ask for the height they need
            layout.addWidget(label)
        layout.addLayout(row)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)

    def _record(self) -> None:
        tracker = str(CHANNELS[PackChannel(self.pack.channel)].tracker)
        self.record.emit(tracker, list(self.pack.copied_items))
        self.accept()

    def open_folder(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pack.folder))):
            dialogs.inform(
                self,
                self.tr("The folder cannot be shown"),
                self.tr(
                    "This computer has no program to show folders. The material is here:\n%1"
                ).replace("%1", str(self.pack.folder)),
                warning=True,
            )


def _html(text: str) -> str:
    return html.escape(text)
