"""A lender's complaints: where each was filed, its reference, status and next follow-up.

A thin view over ``vault.case.complaints``; every change the dialog makes is one custody
event there. Follow-ups that are due are shown in bold, so nothing is forgotten.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
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
from ui.tasks import op
from ui.views.date_field import DateField
from vault.case.complaints import Channel, Status, add_complaint, complaints, update_complaint
from vault.dto import ComplaintDTO
from vault.handle import OpenVault


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

    def __init__(self, lender: str, existing: ComplaintDTO | None, parent: QWidget | None):
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
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
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
            if follow is not None and follow <= now:
                bold = QFont(row.font(4))
                bold.setBold(True)
                row.setFont(4, bold)
                row.setForeground(4, QBrush(QColor("#c0392b")))
                row.setToolTip(4, self.tr("This follow-up is due."))
            self.list.addTopLevelItem(row)
        for column in range(5):
            self.list.resizeColumnToContents(column)

    def add(self) -> None:
        vault, lender = self.vault, self.lender
        if vault is None or lender is None:
            return
        dialog = ComplaintDialog(lender, None, self)
        if self._run(dialog):
            values = dialog.new_complaint()
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

    def _run(self, dialog: ComplaintDialog) -> bool:
        accepted = dialogs.ask(dialog)
        return accepted and self.vault is not None  # a lock closes the dialog: keep nothing
