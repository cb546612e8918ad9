"""A lender's complaints: where each was filed, its reference, status and next follow-up.

A thin view over ``vault.case.complaints``; every change the dialog makes is one custody
event there. A follow-up due today is shown in bold; one whose date has passed while the
complaint is still open (``is_overdue``) is marked overdue in red, so nothing is
forgotten. *Make complaint material…* writes a pack for one channel
(``ui.views.pack_dialog``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.format import today, today_date
from ui.pdf_report import render_pdf_on_gui_thread
from ui.tasks import op
from ui.views.date_field import DateField
from ui.views.pack_dialog import PackDialog, PackResultDialog
from ui.views.receive_dialog import page_language
from vault.case.complaint_pack import PackResult, build_pack
from vault.case.complaints import (
    Channel,
    Status,
    add_complaint,
    complaints,
    is_due,
    is_overdue,
    update_complaint,
)
from vault.dto import ComplaintDTO, LenderDTO
from vault.handle import OpenVault
from vault.lenders import list_lenders, set_lender_company


def channel_names() -> dict[str, str]:
    return {
        Channel.HOTLINE_12378: QCoreApplication.translate("Complaints", "12378 consumer hotline"),
        Channel.NIFA: QCoreApplication.translate("Complaints", "NIFA online complaint"),
        Channel.HEIMAO: QCoreApplication.translate("Complaints", "Heimao (黑猫投诉)"),
        Channel.POLICE_110: QCoreApplication.translate("Complaints", "Police (110)"),
        Channel.POLICE_12110: QCoreApplication.translate("Complaints", "Police by SMS (12110)"),
        Channel.COURT: QCoreApplication.translate("Complaints", "Court"),
        Channel.OTHER: QCoreApplication.translate("Complaints", "Other"),
    }


def status_names() -> dict[str, str]:
    return {
        Status.DRAFT: QCoreApplication.translate("Complaints", "Draft"),
        Status.FILED: QCoreApplication.translate("Complaints", "Filed"),
        Status.ACKNOWLEDGED: QCoreApplication.translate("Complaints", "Acknowledged"),
        Status.IN_PROGRESS: QCoreApplication.translate("Complaints", "In progress"),
        Status.RESOLVED: QCoreApplication.translate("Complaints", "Resolved"),
        Status.REJECTED: QCoreApplication.translate("Complaints", "Rejected"),
        Status.CLOSED: QCoreApplication.translate("Complaints", "Closed"),
        Status.WITHDRAWN: QCoreApplication.translate("Complaints", "Withdrawn"),
    }


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ComplaintDialog(QDialog):
    """A new complaint, or changes to one; ``changes()`` holds only what was changed."""

    def __init__(
        self,
        lender: str,
        existing: ComplaintDTO | None,
        parent: QWidget | None,
        channel: str | None = None,
    ):
        super().__init__(parent)
        self.existing = existing
        self.setWindowTitle(
            self.tr("Complaint about %1").replace("%1", lender)
            if existing is None
            else self.tr("Update the complaint about %1").replace("%1", lender)
        )
        self.channel = QComboBox(self)
        for code, name in channel_names().items():
            self.channel.addItem(name, str(code))
        self.filed_on = DateField(today(), self)
        self.status = QComboBox(self)
        for code, name in status_names().items():
            self.status.addItem(name, str(code))
        self.status.setCurrentIndex(self.status.findData(str(Status.FILED)))
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText(self.tr("The number the channel gave you, if any"))
        self.has_follow_up = QCheckBox(self.tr("Follow up on"), self)
        self.follow_up = DateField(today().addDays(7), self)
        self.has_follow_up.setChecked(True)
        self.has_follow_up.toggled.connect(self.follow_up.setEnabled)
        for edit in (self.filed_on, self.follow_up):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("Who you spoke to, what they said, what comes next."))
        self.notes.setMaximumHeight(110)
        if existing is not None:
            self._fill(existing)
        elif channel is not None:
            self.channel.setCurrentIndex(max(0, self.channel.findData(channel)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        follow = QHBoxLayout()
        follow.addWidget(self.has_follow_up)
        follow.addWidget(self.follow_up)
        follow.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.tr("Where"), self.channel)
        form.addRow(self.tr("Filed on"), self.filed_on)
        form.addRow(self.tr("Reference"), self.reference)
        form.addRow(self.tr("Status"), self.status)
        form.addRow("", follow)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(buttons)
        self.resize(480, 0)

    def _fill(self, existing: ComplaintDTO) -> None:
        self.channel.setCurrentIndex(self.channel.findData(existing.channel))
        self.channel.setEnabled(False)  # where and when it was filed do not change
        self.filed_on.setDate(_qdate(existing.filed_on))
        self.filed_on.setEnabled(False)
        self.status.setCurrentIndex(self.status.findData(existing.status))
        self.reference.setText(existing.reference or "")
        self.has_follow_up.setChecked(existing.next_follow_up is not None)
        if existing.next_follow_up is not None:
            self.follow_up.setDate(_qdate(existing.next_follow_up))
        self.notes.setPlainText(existing.notes or "")

    def follow_up_date(self) -> date | None:
        if not self.has_follow_up.isChecked():
            return None
        day: date = self.follow_up.date().toPython()  # type: ignore[assignment]
        return day

    def new_complaint(self) -> dict[str, object]:
        filed: date = self.filed_on.date().toPython()  # type: ignore[assignment]
        return {
            "channel": str(self.channel.currentData()),
            "filed_on": filed,
            "reference": self.reference.text(),
            "status": str(self.status.currentData()),
            "next_follow_up": self.follow_up_date(),
            "notes": self.notes.toPlainText(),
        }

    def changes(self) -> dict[str, object]:
        """For an existing complaint: the keyword arguments of ``update_complaint``."""
        old = self.existing
        if old is None:
            return {}
        changes: dict[str, object] = {}
        if str(self.status.currentData()) != old.status:
            changes["status"] = str(self.status.currentData())
        if self.reference.text().strip() != (old.reference or ""):
            changes["reference"] = self.reference.text()
        if self.notes.toPlainText().strip() != (old.notes or ""):
            changes["notes"] = self.notes.toPlainText()
        follow_up = self.follow_up_date()
        if follow_up != old.next_follow_up:
            if follow_up is None:
                changes["clear_follow_up"] = True
            else:
                changes["next_follow_up"] = follow_up
        return changes


class ComplaintsPanel(QWidget):
    failed = Signal(object)
    recorded = Signal(str, str)  # lender, reference: a new complaint was saved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault: OpenVault | None = None
        self.lender: str | None = None
        self.shown: list[ComplaintDTO] = []
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [
                self.tr("Where"),
                self.tr("Filed on"),
                self.tr("Reference"),
                self.tr("Status"),
                self.tr("Follow up on"),
            ]
        )
        self.list.itemDoubleClicked.connect(lambda *_: self.edit_selected())
        self.add_button = QPushButton(self.tr("Record a complaint…"), self)
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("Update…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.list.itemSelectionChanged.connect(
            lambda: self.edit_button.setEnabled(bool(self.list.selectedItems()))
        )
        self.pack_button = QPushButton(self.tr("Make complaint material…"), self)
        self.pack_button.setToolTip(
            self.tr("The text to paste and the attachments one channel takes, from this case")
        )
        self.pack_button.clicked.connect(self.make_pack)
        self.pack_status = QLabel(self)
        self.result_dialog: PackResultDialog | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.pack_button)
        buttons.addWidget(self.pack_status)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self.show_lender(None, None)

    def show_lender(self, vault: OpenVault | None, lender: str | None) -> None:
        self.vault, self.lender = vault, lender
        self.list.clear()
        self.shown = []
        self.add_button.setEnabled(lender is not None)
        self.pack_button.setEnabled(lender is not None)
        self.edit_button.setEnabled(False)
        if vault is not None and lender is not None:
            op(lambda: complaints(vault, lender)).success(
                lambda rows: self._show(vault, lender, rows)
            ).failure(self.failed.emit).run()

    def _show(self, vault: OpenVault, lender: str, rows: list[ComplaintDTO]) -> None:
        if vault is not self.vault or lender != self.lender:
            return
        self.list.clear()
        self.shown = rows
        channels, statuses = channel_names(), status_names()
        now = today_date()
        for complaint in rows:
            follow = complaint.next_follow_up
            row = QTreeWidgetItem(
                [
                    channels.get(complaint.channel, complaint.channel),
                    complaint.filed_on.isoformat(),
                    complaint.reference or "",
                    statuses.get(complaint.status, complaint.status),
                    follow.isoformat() if follow else "",
                ]
            )
            row.setToolTip(0, complaint.notes or "")
            if is_overdue(complaint, now) and follow is not None:
                row.setText(4, self.tr("%1 — overdue").replace("%1", follow.isoformat()))
                self._mark(row, self.tr("The follow-up date has passed: ask the channel."))
            elif is_due(complaint, now):
                self._mark(row, self.tr("This follow-up is due."))
            self.list.addTopLevelItem(row)
        for column in range(5):
            self.list.resizeColumnToContents(column)

    def _mark(self, row: QTreeWidgetItem, tip: str) -> None:
        bold = QFont(row.font(4))
        bold.setBold(True)
        row.setFont(4, bold)
        row.setForeground(4, QBrush(QColor("#c0392b")))
        row.setToolTip(4, tip)

    def add(self) -> None:
        self.record_filing(None, [])

    def record_filing(self, channel: str | None, items: list[str]) -> None:
        """Record a complaint; after making its material, with its channel chosen and the
        items whose copies it attaches linked."""
        vault, lender = self.vault, self.lender
        if vault is None or lender is None:
            return
        dialog = ComplaintDialog(lender, None, self, channel=channel)
        if self._run(dialog):
            values = dialog.new_complaint() | {"items": items}
            op(lambda: add_complaint(vault, lender, **values)).success(  # type: ignore[arg-type]
                lambda dto: self._added(vault, lender, dto)
            ).failure(self.failed.emit).run()
        dialog.deleteLater()

    def _added(self, vault: OpenVault, lender: str, complaint: ComplaintDTO) -> None:
        self.show_lender(vault, lender)
        if vault is self.vault:
            self.recorded.emit(lender, complaint.reference or "")

    def edit_selected(self) -> None:
        vault, lender = self.vault, self.lender
        rows = self.list.selectedItems()
        if vault is None or lender is None or not rows:
            return
        existing = self.shown[self.list.indexOfTopLevelItem(rows[0])]
        dialog = ComplaintDialog(lender, existing, self)
        changes = dialog.changes() if self._run(dialog) else {}
        dialog.deleteLater()
        if changes:
            op(lambda: update_complaint(vault, existing.id, **changes)).success(  # type: ignore[arg-type]
                lambda _dto: self.show_lender(vault, lender)
            ).failure(self.failed.emit).run()

    def make_pack(self) -> None:
        vault, lender = self.vault, self.lender
        if vault is None or lender is None:
            return
        op(lambda: next(x for x in list_lenders(vault) if x.name == lender)).success(
            lambda dto: self._ask_pack(vault, dto)
        ).failure(self.failed.emit).run()

    def _ask_pack(self, vault: OpenVault, lender: LenderDTO) -> None:
        if vault is not self.vault or lender.name != self.lender:
            return
        dialog = PackDialog(lender, self)
        if self._run(dialog):
            values, company = dialog.values(), dialog.company_to_save()
            language = page_language()

            def work(progress: Callable[[object], None]) -> PackResult:
                if company is not None:
                    set_lender_company(vault, lender.name, company)
                return build_pack(
                    vault,
                    lender.name,
                    render_pdf=render_pdf_on_gui_thread,
                    language=language,
                    progress=lambda done, total: progress((done, total)),
                    **values,  # type: ignore[arg-type]
                )

            self.pack_button.setEnabled(False)
            self.pack_status.setText(self.tr("Making the material…"))
            op(work).with_progress(self._pack_progress).success(self._packed).failure(
                self._pack_failed
            ).run()
        dialog.deleteLater()

    def _pack_progress(self, value: object) -> None:
        if isinstance(value, tuple):
            done, total = value
            self.pack_status.setText(
                self.tr("Making the material… %1 of %2")
                .replace("%1", str(done))
                .replace("%2", str(total))
            )

    def _packed(self, result: PackResult) -> None:
        self.pack_status.clear()
        self.pack_button.setEnabled(self.lender is not None)
        dialog = PackResultDialog(result, self)
        dialog.record.connect(self.record_filing)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.result_dialog = dialog
        dialog.show()

    def _pack_failed(self, error: BaseException) -> None:
        self.pack_status.clear()
        self.pack_button.setEnabled(self.lender is not None)
        self.failed.emit(error)

    def _run(self, dialog: QDialog) -> bool:
        accepted = dialogs.ask(dialog)
        return accepted and self.vault is not None  # a lock closes the dialog: keep nothing
