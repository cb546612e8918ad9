"""One lender's case: its collector numbers, what the phone backups show, rules broken.

A thin view over ``vault.case`` and ``vault.case.rules``: the statistics (totals, an
hour-of-day chart, a table by day) and the findings come from ``lender_case`` on
the database worker. A call-log or SMS backup is imported here; its busiest numbers
that no lender has yet are offered for this lender, since only a lender's numbers
count as its contacts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QLocale, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.format import format_time
from ui.tasks import op
from ui.views.complaints import ComplaintsPanel
from ui.views.import_dialog import backup_status
from ui.views.timeline_view import TimelineView
from ui.views.wrap import WrapDelegate
from vault.case import lender_case
from vault.case.events import NIGHT_END_HOUR, NIGHT_START_HOUR
from vault.dto import (
    BackupImportReport,
    Finding,
    LenderDTO,
    LenderStats,
    NotInForce,
    NumberCount,
    PackSummary,
    RuleResults,
    SourceCheck,
)
from vault.handle import OpenVault
from vault.importing import import_backup
from vault.lenders import add_lender_numbers

Analysis = tuple[LenderStats, RuleResults]


class AssignNumbersDialog(QDialog):
    """Tick the numbers in a backup that are this lender's collectors."""

    def __init__(self, lender: str, numbers: tuple[NumberCount, ...], parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Numbers of %1").replace("%1", lender))
        intro = QLabel(
            self.tr(
                "These numbers in the backup belong to no lender yet. Tick the ones that are "
                "%1's collectors: only their calls and messages count for this lender."
            ).replace("%1", lender),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        for entry in numbers:
            row = QListWidgetItem(
                self.tr("%1 (%n contact(s))", "", entry.count).replace("%1", entry.number)
            )
            row.setData(Qt.ItemDataRole.UserRole, entry.number)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(460, 420)

    def chosen(self) -> list[str]:
        return [
            str(row.data(Qt.ItemDataRole.UserRole))
            for row in (self.list.item(i) for i in range(self.list.count()))
            if row.checkState() == Qt.CheckState.Checked
        ]


class CaseView(QWidget):
    failed = Signal(object)  # an exception from the worker, for the window to show
    changed = Signal()  # the vault changed (a backup item, numbers): lists need a refresh

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault: OpenVault | None = None
        self.lender: LenderDTO | None = None
        self._stale = False  # the shown lender's analysis is still to be read
        self.import_button = QPushButton(self.tr("Import a call log or SMS backup…"), self)
        self.import_button.clicked.connect(self._choose_backup)
        self.number_button = QPushButton(self.tr("Add a collector number…"), self)
        self.number_button.clicked.connect(self._ask_number)
        self.numbers = QLabel(self)
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.chart = QChartView(self)
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumHeight(220)
        self.days = QTableWidget(0, 8, self)
        self.days.setHorizontalHeaderLabels(
            [
                self.tr("Day"),
                self.tr("Calls"),
                self.tr("Connected"),
                self.tr("0 seconds"),
                self.tr("Numbers"),
                self.tr("SMS"),
                self.tr("At night"),
                self.tr("Longest burst"),
            ]
        )
        tips = {
            2: self.tr("Calls picked up that lasted longer than 0 seconds."),
            3: self.tr(
                "Calls the phone logged as picked up but lasting 0 seconds: they did not "
                "connect, so they count as unanswered attempts, not as connected calls."
            ),
        }
        for column, tip in tips.items():
            header_item = self.days.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(tip)
        self.days.verticalHeader().hide()
        self.days.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.days.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.findings = self._make_findings()
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.findings, self.tr("Rules broken"))
        self.tabs.addTab(self.chart, self.tr("By hour"))
        self.tabs.addTab(self.days, self.tr("By day"))
        self.timeline = TimelineView(self)
        self.timeline.failed.connect(self.failed)
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.complaints = ComplaintsPanel(self)
        self.complaints.failed.connect(self.failed)
        self.tabs.addTab(self.complaints, self.tr("Complaints"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.number_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.numbers)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.show_lender(None, None)

    # --- what is shown -------------------------------------------------------------------------

    def show_lender(self, vault: OpenVault | None, lender: LenderDTO | None) -> None:
        """Show ``lender``'s case; the analysis runs when this view is on screen."""
        if vault is self.vault and lender == self.lender and not self._stale:
            return
        self.vault, self.lender = vault, lender
        self.clear()
        name = lender.name if lender else None
        self.complaints.show_lender(vault, name)
        if vault is not self.timeline.vault or name != self.timeline.lender:
            self.timeline.show_lender(vault, name)
        self.import_button.setEnabled(lender is not None)
        self.number_button.setEnabled(lender is not None)
        if vault is None or lender is None:
            self.summary.setText(self.tr("Choose a lender on the left to see its case."))
            return
        self._show_numbers(lender)
        self._stale = True
        if self.isVisible():
            self._analyse()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._analyse()

    def _analyse(self) -> None:
        vault, lender = self.vault, self.lender
        if vault is None or lender is None:
            return
        self._stale = False
        self.summary.setText(self.tr("Reading the case…"))
        name = lender.name
        op(lambda: lender_case(vault, name)).success(
            lambda result: self._analysed(vault, name, result)
        ).failure(self.failed.emit).run()

    def clear(self) -> None:
        self.numbers.clear()
        self.summary.clear()
        self.days.setRowCount(0)
        self.findings.clear()
        self.chart.setChart(QChart())

    def _show_numbers(self, lender: LenderDTO) -> None:
        if lender.numbers:
            self.numbers.setText(
                self.tr("Collector numbers: %1").replace("%1", ", ".join(lender.numbers))
            )
        else:
            self.numbers.setText(
                self.tr(
                    "No collector numbers yet. Add the numbers that call you, or import a "
                    "call log and tick them there."
                )
            )

    def _analysed(self, vault: OpenVault, lender: str, result: Analysis) -> None:
        if vault is not self.vault or self.lender is None or self.lender.name != lender:
            return
        stats, results = result
        self.summary.setText(summary_sentence(stats))
        self._fill_days(stats)
        self._fill_chart(stats)
        self._fill_findings(list(results.findings))
        self._fill_not_in_force(results.not_in_force)
        self._fill_sources(results.packs)

    def _fill_days(self, stats: LenderStats) -> None:
        days = sorted(stats.days, key=lambda d: d.day, reverse=True)
        self.days.setRowCount(len(days))
        for row, day in enumerate(days):
            values = [
                day.day.isoformat(),
                day.calls_attempted,
                day.calls_answered,
                day.calls_zero_seconds,
                day.distinct_numbers,
                day.sms,
                day.night_contacts,
                day.longest_burst,
            ]
            for column, value in enumerate(values):
                cell = QTableWidgetItem(str(value))
                if column:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.days.setItem(row, column, cell)

    def _fill_chart(self, stats: LenderStats) -> None:
        """Contacts by hour of day, one bar per hour, night hours in their own colour."""
        chart = QChart()
        chart.setTitle(
            self.tr("Calls and messages by hour of day (%1)").replace("%1", stats.time_zone)
        )
        night, day = QBarSet(self.tr("At night")), QBarSet(self.tr("Daytime"))
        night.setColor(QColor("#c0392b"))
        day.setColor(QColor("#2e86c1"))
        order = range(23, -1, -1)  # a horizontal chart's first bar is the lowest: 00 on top
        for hour in order:
            count = stats.hours[hour]
            at_night = hour >= NIGHT_START_HOUR or hour < NIGHT_END_HOUR
            night.append(float(count) if at_night else 0.0)
            day.append(0.0 if at_night else float(count))
        series = QHorizontalStackedBarSeries()
        series.append(night)
        series.append(day)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        hours = QBarCategoryAxis()
        hours.append([f"{h:02d}" for h in order])
        small = hours.labelsFont()
        small.setPointSize(7)
        hours.setLabelsFont(small)
        hours.setTruncateLabels(False)  # "00".."23" fit; Qt would still shorten them to "…"
        chart.addAxis(hours, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(hours)
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        counts.setRange(0, max([*stats.hours, 1]))
        counts.applyNiceNumbers()
        chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(counts)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        self.chart.setChart(chart)

    def _make_findings(self) -> QTreeWidget:
        """One row per rule broken: the rule and its source wrap, whole, in their row."""
        findings = QTreeWidget(self)
        findings.setHeaderLabels(
            [self.tr("Rule broken"), self.tr("Day"), self.tr("Times"), self.tr("Source")]
        )
        findings.setItemDelegate(WrapDelegate(findings))
        header = findings.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 190)
        return findings

    def _fill_findings(self, findings: list[Finding]) -> None:
        """One row per rule broken (days, total times, source); its days below it."""
        chinese = QLocale().language() == QLocale.Language.Chinese
        by_rule: dict[str, list[Finding]] = {}
        for finding in findings:
            by_rule.setdefault(finding.rule_id, []).append(finding)
        for group in by_rule.values():
            first, source = group[0], group[0].source
            title = source.title_zh if chinese else source.title_en
            cited = (
                self.tr("%1, in force from %2")
                .replace("%1", title)
                .replace("%2", source.in_force.isoformat())
            )
            days = sorted(f.day for f in group if f.day is not None)
            when = self.tr("%n day(s)", "", len(days)) if days else ""
            if len(days) == 1:
                when = days[0].isoformat()
            description = first.description_zh if chinese else first.description_en
            counted = counted_text(first)
            zero = sum(f.zero_second_calls for f in group)
            if zero:
                counted += " " + zero_seconds_text(zero)
            row = QTreeWidgetItem(
                [
                    f"{description}\n{counted}" if counted else description,
                    when,
                    str(sum(f.count for f in group)),
                    cited,
                ]
            )
            row.setToolTip(0, row.text(0))
            checked = [checked_line(c) for c in source.sources]
            row.setToolTip(
                3,
                "\n".join(
                    p for p in (cited, source.article or "", source.note or "", *checked) if p
                ),
            )
            for finding in group if len(days) > 1 else ():
                times = str(finding.count)
                if finding.limit is not None:
                    times = (
                        self.tr("%1 (limit %2)")
                        .replace("%1", times)
                        .replace("%2", str(finding.limit))
                    )
                day = finding.day.isoformat() if finding.day else ""
                child = QTreeWidgetItem(["", day, times, ""])
                if finding.zero_second_calls:
                    child.setText(0, zero_seconds_text(finding.zero_second_calls))
                row.addChild(child)
            self.findings.addTopLevelItem(row)
        if not findings:
            self.findings.addTopLevelItem(
                QTreeWidgetItem([self.tr("No rule is shown broken by this lender's events.")])
            )

    def _fill_not_in_force(self, facts: Sequence[NotInForce]) -> None:
        """Per rule, what it did not count because the evidence predates its date in force:
        one sentence across the whole row, the rule it is about one click below."""
        chinese = QLocale().language() == QLocale.Language.Chinese
        for fact in facts:
            row = QTreeWidgetItem(
                [
                    not_in_force_sentence(fact),
                    _months(fact.first, fact.last),
                    str(fact.count),
                    fact.source.title_zh if chinese else fact.source.title_en,
                ]
            )
            row.setForeground(0, self.palette().placeholderText())
            rule = fact.description_zh if chinese else fact.description_en
            title = row.text(3)
            row.setToolTip(0, f"{row.text(0)}\n{rule}\n{title}")
            self.findings.addTopLevelItem(row)
            row.setFirstColumnSpanned(True)
            child = QTreeWidgetItem([f"{rule}（{title}）" if chinese else f"{rule} ({title})"])
            row.addChild(child)
            child.setFirstColumnSpanned(True)
            child.setToolTip(0, child.text(0))

    def _fill_sources(self, packs: Sequence[PackSummary]) -> None:
        """Where each rule pack was checked and when: one row, the packs one click below."""
        if not packs:
            return
        chinese = QLocale().language() == QLocale.Language.Chinese
        row = QTreeWidgetItem([self.tr("Where the rules come from, and when each was checked")])
        row.setForeground(0, self.palette().placeholderText())
        self.findings.addTopLevelItem(row)
        row.setFirstColumnSpanned(True)
        for pack in packs:
            title = pack.source.title_zh if chinese else pack.source.title_en
            child = QTreeWidgetItem(
                [self.tr("%1 (version %2)").replace("%1", title).replace("%2", str(pack.version))]
            )
            row.addChild(child)
            child.setFirstColumnSpanned(True)
            child.setToolTip(0, "\n".join(p for p in (title, pack.source.note or "") if p))
            for check in pack.source.sources:
                line = QTreeWidgetItem([checked_line(check)])
                child.addChild(line)
                line.setFirstColumnSpanned(True)
                line.setToolTip(0, "\n".join(p for p in (line.text(0), check.note or "") if p))

    # --- backups and numbers ---------------------------------------------------------------------

    def _choose_backup(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a call log or SMS backup"),
            "",
            self.tr("SMS Backup & Restore files (*.xml);;All files (*)"),
        )
        if chosen:
            self.import_backup(Path(chosen))

    def import_backup(self, path: Path) -> None:
        vault, lender = self.vault, self.lender
        if vault is None or lender is None:
            return
        self.summary.setText(self.tr("Importing %1…").replace("%1", path.name))
        name = lender.name
        op(lambda: import_backup(vault, path, lender=name)).success(
            lambda report: self._imported(vault, report)
        ).failure(self._import_failed).run()

    def _import_failed(self, error: BaseException) -> None:
        self.refresh()
        self.failed.emit(error)

    def _imported(self, vault: OpenVault, report: BackupImportReport) -> None:
        if vault is not self.vault or self.lender is None:
            return
        text = import_summary(report) + backup_status(report)
        added = self.ask_numbers(vault, self.lender.name, [report])
        if added is None:  # locked while the question was open
            return
        text += added
        self.changed.emit()
        dialogs.inform(self, QCoreApplication.translate("CaseView", "Backup imported"), text)

    def ask_numbers(
        self, vault: OpenVault, lender: str, reports: list[BackupImportReport]
    ) -> str | None:
        """After backups were imported for ``lender`` (here or with other files): ask which
        of their unknown numbers are its collectors and add those. Returns the sentence
        saying what was added ("" for nothing), or None if the vault was locked meanwhile."""
        numbers = unassigned_numbers(reports)
        chosen = self._choose(lender, numbers) if numbers else []
        if vault is not self.vault:
            return None
        if not chosen:
            return ""
        self.add_numbers(chosen, lender)
        return " " + self.tr(
            "%n number(s) added: their calls and messages now count for this lender too.",
            "",
            len(chosen),
        )

    def _choose(self, lender: str, numbers: tuple[NumberCount, ...]) -> list[str]:
        dialog = AssignNumbersDialog(lender, numbers, self)
        try:
            return dialog.chosen() if dialogs.ask(dialog) else []
        finally:
            dialog.deleteLater()

    def _ask_number(self) -> None:
        if self.lender is None:
            return
        number, ok = QInputDialog.getText(
            self,
            self.tr("Add a collector number"),
            self.tr("A number that calls or messages you for %1:").replace("%1", self.lender.name),
        )
        if ok and number.strip():
            self.add_numbers([number])

    def add_numbers(self, numbers: list[str], lender: str | None = None) -> None:
        """Add ``numbers`` to ``lender`` (default: the lender shown here)."""
        vault = self.vault
        name = lender or (self.lender.name if self.lender is not None else None)
        if vault is None or name is None:
            return
        op(lambda: add_lender_numbers(vault, name, numbers)).success(
            lambda dto: self._numbers_added(vault, dto)
        ).failure(self.failed.emit).run()

    def _numbers_added(self, vault: OpenVault, _lender: LenderDTO) -> None:
        if vault is self.vault:
            self.changed.emit()  # the window reloads the lender, and so this view

    def refresh(self) -> None:
        """Read the analysis again (the vault changed under it)."""
        self._stale = True
        if self.isVisible():
            self._analyse()


def summary_sentence(stats: LenderStats) -> str:
    """The case in one paragraph, in the user's language."""
    if not stats.days:
        return QCoreApplication.translate(
            "CaseView",
            "No calls or messages from this lender's numbers yet. Import a call log or SMS "
            "backup, and make sure the collectors' numbers are added.",
        )
    first, last = stats.days[0].day, stats.days[-1].day
    text = (
        QCoreApplication.translate(
            "CaseView",
            "From %1 to %2: %3 calls from %4 numbers (%5 connected, %8 of 0 seconds), "
            "%6 messages, %7 of them at night (22:00–08:00).",
        )
        .replace("%1", first.isoformat())
        .replace("%2", last.isoformat())
        .replace("%3", str(stats.calls_attempted))
        .replace("%4", str(stats.distinct_numbers))
        .replace("%5", str(stats.calls_answered))
        .replace("%6", str(stats.sms))
        .replace("%7", str(stats.night_contacts))
        .replace("%8", str(stats.calls_zero_seconds))
    )
    busiest = max(stats.days, key=lambda d: d.calls_attempted + d.sms)
    text += " " + QCoreApplication.translate(
        "CaseView", "The worst day was %1, with %2 calls and %3 messages."
    ).replace("%1", busiest.day.isoformat()).replace("%2", str(busiest.calls_attempted)).replace(
        "%3", str(busiest.sms)
    )
    if stats.longest_burst is not None:
        text += " " + QCoreApplication.translate(
            "CaseView", "The longest burst was %1 contacts in a row, starting %2."
        ).replace("%1", str(stats.longest_burst.contacts)).replace(
            "%2", format_time(stats.longest_burst.start)
        )
    return text


def counted_text(finding: Finding) -> str:
    """What a finding counted, in the user's language ("" for a rule of another kind)."""
    texts = {
        "connected_calls": QCoreApplication.translate(
            "CaseView", "Counted: calls from a collector number that connected (longer than 0 s)."
        ),
        "unanswered_call_attempts": QCoreApplication.translate(
            "CaseView",
            "Counted: calls from a collector number that did not connect (missed, rejected, "
            "blocked, to voicemail, 0 s).",
        ),
        "call_attempts": QCoreApplication.translate(
            "CaseView", "Counted: every call from a collector number."
        ),
        "contacts": QCoreApplication.translate(
            "CaseView", "Counted: calls and messages from collector numbers."
        ),
        "quiet_hours": QCoreApplication.translate(
            "CaseView", "Counted: calls and messages from collector numbers in those hours."
        ),
        "category": QCoreApplication.translate(
            "CaseView", "Counted: evidence you filed under the rule's categories."
        ),
    }
    return texts.get(finding.counted or "", "")


def zero_seconds_text(count: int) -> str:
    return QCoreApplication.translate(
        "CaseView", "0-second calls on those days (not connected, not counted as connected): %1."
    ).replace("%1", str(count))


def checked_line(check: SourceCheck) -> str:
    """ "Checked 2026-12-03: <where> (not confirmed against the text)"."""
    text = (
        QCoreApplication.translate("CaseView", "Checked %1: %2 (confirmed against the text)")
        if check.verified
        else QCoreApplication.translate(
            "CaseView", "Checked %1: %2 (not confirmed against the text)"
        )
    )
    return text.replace("%1", check.checked.isoformat()).replace("%2", check.title)


def _months(first: date, last: date) -> str:
    """ "2024-03", or "2024-03~2024-05": fits the day column (the days are in the tooltip)."""
    start, end = f"{first:%Y-%m}", f"{last:%Y-%m}"
    return start if start == end else f"{start}~{end}"


def not_in_force_sentence(fact: NotInForce) -> str:
    """ "These calls predate the rule's date in force (…): not counted", with when and how many."""
    texts = {
        "calls": QCoreApplication.translate(
            "CaseView", "These calls predate the rule's date in force (%1): not counted (%2 in %3)."
        ),
        "items": QCoreApplication.translate(
            "CaseView", "These items predate the rule's date in force (%1): not counted (%2 in %3)."
        ),
    }
    contacts = QCoreApplication.translate(
        "CaseView",
        "These calls and messages predate the rule's date in force (%1): not counted (%2 in %3).",
    )
    return (
        texts.get(fact.what, contacts)
        .replace("%1", fact.source.in_force.isoformat())
        .replace("%2", str(fact.count))
        .replace("%3", _months(fact.first, fact.last))
    )


def unassigned_numbers(reports: list[BackupImportReport]) -> tuple[NumberCount, ...]:
    """The unknown numbers of several backups, busiest first (counts added up)."""
    counts: dict[str, int] = {}
    for report in reports:
        for entry in report.unassigned:
            counts[entry.number] = counts.get(entry.number, 0) + entry.count
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return tuple(NumberCount(number, count) for number, count in ordered)


def import_summary(report: BackupImportReport) -> str:
    return (
        QCoreApplication.translate(
            "CaseView",
            "The backup is stored as evidence: %1 calls, %2 SMS, %3 MMS. %4 of them came from "
            "numbers already known for this lender.",
        )
        .replace("%1", str(report.calls))
        .replace("%2", str(report.sms))
        .replace("%3", str(report.mms))
        .replace("%4", str(report.attached))
    )
