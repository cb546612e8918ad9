"""The unlocked vault: lenders on the left, evidence in the middle, the item on the right."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QItemSelection, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ui import dialogs
from ui.errors import show_error
from ui.format import format_time, set_zone, shown_title
from ui.models.items_model import ItemsModel
from ui.ocr_pass import OcrPass
from ui.sm3_pass import Sm3Pass
from ui.tasks import op
from ui.views.backup_dialog import BackupBanner, BackupDialog, BackupReminder
from ui.views.banner import Banner
from ui.views.case_view import CaseView, import_summary, unassigned_numbers
from ui.views.detail_pane import DetailPane
from ui.views.empty_hint import EmptyHint
from ui.views.export_dialog import ExportDialog, ExportProgressDialog, run_export
from ui.views.filter_bar import FilterBar
from ui.views.import_dialog import ImportDialog, run_import
from ui.views.layout import FlowLayout
from ui.views.lender_sidebar import LenderSidebar
from ui.views.note_dialog import NoteDialog
from ui.views.phone_import import PhoneImportDialog
from ui.views.receive_dialog import ReceiveDialog
from ui.views.trash import confirm_purge
from ui.views.trusted_time import TrustedTimeDialog
from vault.custody import CustodyEventDTO
from vault.dto import BackupImportReport, ImportReport, ImportStatus, ItemDTO, LenderDTO, NoteDTO
from vault.errors import VaultError
from vault.handle import OpenVault
from vault.importing import analyse_backup_item
from vault.ingest.sm3 import ComputedSm3
from vault.items import edit_item, item_history, purge_item, restore_item, withdraw_item
from vault.lenders import add_lender, list_lenders, rename_lender
from vault.notes import add_note, list_notes
from vault.ocr.phrases import item_reading
from vault.ocr.reading import IMAGE_KINDS, waiting_ids

_D = TypeVar("_D", bound=QDialog)


class VaultView(QWidget):
    lock_requested = Signal()
    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault: OpenVault | None = None
        self._imports: list[ImportDialog] = []
        self.sm3_pass = Sm3Pass(self._sm3_recorded)
        self.ocr_pass = OcrPass(self._ocr_recorded, self._ocr_progress, self._ocr_running)
        self._ocr_halted = False  # the user stopped the OCR pass; images may wait
        self._exports: list[ExportProgressDialog] = []
        self._offer: tuple[str, list[BackupImportReport]] | None = None  # numbers to choose
        self.sidebar = LenderSidebar(self)
        self.filters = FilterBar(self)
        self.model = ItemsModel(self)
        self.model.on_error = lambda error: show_error(self, error)
        self.table = self._make_table()
        self.notes = QListWidget(self)
        self.notes.setWordWrap(True)  # a long note wraps in the list, whole
        self.notes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.notes.setSpacing(2)
        self.middle_tabs = QTabWidget(self)
        self.empty_hint = EmptyHint(self)
        self.evidence = QStackedWidget(self)  # the list, or what to do first while empty
        self.evidence.addWidget(self.table)
        self.evidence.addWidget(self.empty_hint)
        self.middle_tabs.addTab(self.evidence, self.tr("Evidence"))
        self.middle_tabs.addTab(self.notes, self.tr("Notes"))
        self.case = CaseView(self)
        self.middle_tabs.addTab(self.case, self.tr("Case"))
        self.detail = DetailPane(self)
        self.import_button = QPushButton(self.tr("Import files…"), self)
        self.receive_button = QPushButton(self.tr("Receive from phone…"), self)
        self.usb_button = QPushButton(self.tr("Import from phone…"), self)
        self.phone_roots: list[Path] | None = None  # where phones are mounted (tests: a tree)
        self.note_button = QPushButton(self.tr("Write a note…"), self)
        self.complaint_button = QPushButton(self.tr("Record a complaint…"), self)
        self.export_button = QPushButton(self.tr("Export a bundle…"), self)
        self.time_button = QPushButton(self.tr("Trusted time…"), self)
        self.backup_button = QPushButton(self.tr("Back up…"), self)
        self.backup_reminder, self.backup_banner = BackupReminder(self), BackupBanner(self)
        self.lock_button = QPushButton(self.tr("Lock"), self)
        self.settings_button = QPushButton(self.tr("Settings…"), self)
        self.status = QLabel(self)
        self.stop_reading_button, self.resume_reading_button = self._reading_buttons()
        self.banner = Banner(self)  # what an import or a complaint just did
        self._trash_actions()
        self._status_note = ""  # what the last action did, shown beside the count
        self._wire()
        self._layout()

    def _reading_buttons(self) -> tuple[QPushButton, QPushButton]:
        """Stop and Resume of the OCR pass, beside the status line where its progress is."""
        stop = QPushButton(self.tr("Stop reading text"), self)
        stop.setToolTip(self.tr("What was read is kept; the other images wait to be read later."))
        stop.hide()
        resume = QPushButton(self)
        resume.hide()
        return stop, resume

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(0, 140)
        return table

    def _layout(self) -> None:
        top = FlowLayout()  # wraps rather than widen the window (English is longer)
        top.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.import_button,
            self.receive_button,
            self.usb_button,
            self.note_button,
            self.complaint_button,
            self.export_button,
            self.time_button,
            self.backup_button,
        ):
            top.addWidget(button)
        top.add_trailing(self.settings_button)
        top.add_trailing(self.lock_button)
        middle = QWidget(self)
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.backup_reminder)
        column.addWidget(self.backup_banner)
        column.addWidget(self.filters)
        column.addWidget(self.banner)
        column.addWidget(self.middle_tabs, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.stop_reading_button)
        bottom.addWidget(self.resume_reading_button)
        column.addLayout(bottom)
        split = QSplitter(self)
        split.addWidget(self.sidebar)
        split.addWidget(middle)
        split.addWidget(self.detail)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([180, 560, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def _wire(self) -> None:
        self.sidebar.selected.connect(self._lender_selected)
        self.sidebar.add_requested.connect(self.add_lender)
        self.sidebar.rename_requested.connect(self._rename_lender)
        self.sidebar.dropped.connect(lambda lender, paths: self.import_paths(paths, lender))
        self.filters.changed.connect(self._filters_changed)
        self.empty_hint.add_lender_requested.connect(self.sidebar.ask_add)
        self.empty_hint.import_requested.connect(self._choose_files)
        self.case.failed.connect(self._fail)
        self.case.changed.connect(self.refresh)
        self.case.changed.connect(self._fill_sm3)  # a backup imported from the Case tab
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.middle_tabs.currentChanged.connect(self._middle_tab_changed)
        self.model.counted.connect(self._update_status)
        self.model.modelReset.connect(lambda: self.show_item(None))
        self.detail.save_requested.connect(self._save_item)
        self.detail.trash_requested.connect(self._trash_item)
        self.detail.restore_requested.connect(self._restore_item)
        self.detail.purge_requested.connect(self._purge_item)
        self.detail.analyse_requested.connect(self._analyse_backup)
        self.import_button.clicked.connect(self._choose_files)
        self.receive_button.clicked.connect(self.receive_from_phone)
        self.usb_button.clicked.connect(self.import_from_phone)
        self.note_button.clicked.connect(self._write_note)
        self.complaint_button.clicked.connect(self.case.complaints.add)
        self.case.complaints.recorded.connect(self._complaint_recorded)
        self.export_button.clicked.connect(self.export_bundle)
        self.time_button.clicked.connect(self.trusted_time)
        self.backup_button.clicked.connect(self.back_up)
        self.backup_reminder.backup_requested.connect(self.back_up)
        self.lock_button.clicked.connect(self.lock_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        self.stop_reading_button.clicked.connect(self.stop_reading)
        self.resume_reading_button.clicked.connect(self.resume_reading)

    # --- open / close ----------------------------------------------------------------------

    def open_vault(self, vault: OpenVault) -> None:
        self.vault = vault
        self.detail.zone = vault.tz
        set_zone(vault.tz)
        self.filters.reset()
        self.model.set_filter(self.filters.apply_to(self.model.filter()))
        self.model.set_vault(vault)
        self.refresh_lenders()
        if not vault.read_only:  # a backup opened to be looked at is never written to
            self.sm3_pass.start(vault)  # what an earlier session or evault import left
            self.ocr_pass.start(vault)
        self._show_read_only(vault.read_only)

    def _show_read_only(self, read_only: bool) -> None:
        """A backup opened to be looked at: say so, and offer nothing that would write."""
        self.backup_banner.setVisible(read_only)
        for button in (
            self.import_button,
            self.receive_button,
            self.usb_button,
            self.note_button,
            self.export_button,
            self.time_button,
            self.backup_button,
            self.sidebar.add_button,
        ):
            button.setEnabled(not read_only)

    def zone_changed(self) -> None:
        """The vault's time zone changed: every time, day and count is shown again in it."""
        if self.vault is None:
            return
        self.detail.zone = self.vault.tz
        set_zone(self.vault.tz)
        self.case.refresh()
        self.refresh()

    def clear(self) -> None:
        """Forget everything shown: called on lock, before the keys are dropped."""
        self.save_unsaved()  # queued on the one worker before the lock, so it lands
        self._ocr_halted = False  # the next unlock reads what waits
        self.sm3_pass.stop()
        self.ocr_pass.stop()
        self.resume_reading_button.hide()
        self.vault = None
        set_zone(None)
        for dialog in self._imports:
            if isValid(dialog):
                dialog.abandon()
        for progress in self._exports:
            if isValid(progress):
                progress.abandon()
        self._imports = []
        self._exports = []
        self.model.set_vault(None)
        self.sidebar.clear()
        self.filters.reset()
        self.notes.clear()
        self.case.show_lender(None, None)
        self.detail.clear()
        self.status.clear()
        self.banner.clear()
        self.empty_hint.forget()
        self.backup_reminder.reset()
        self._show_read_only(False)
        self.evidence.setCurrentWidget(self.table)

    def _fail(self, error: BaseException) -> None:
        if self.vault is not None:
            show_error(self, error)

    # --- lenders ---------------------------------------------------------------------------

    def refresh_lenders(self, select: str | None = None) -> None:
        vault = self.vault
        if vault is None:
            return
        op(lambda: list_lenders(vault)).success(
            lambda lenders: self._lenders(vault, lenders, select)
        ).failure(self._fail).run()

    def _lenders(self, vault: OpenVault, lenders: list[LenderDTO], select: str | None) -> None:
        if vault is self.vault:
            self.sidebar.set_lenders(lenders, select)
            self._show_case()
            self._update_hint()

    def _show_case(self) -> None:
        current = self.sidebar.current()
        lender = next((dto for dto in self.sidebar.lenders() if dto.name == current), None)
        self.case.show_lender(self.vault, lender)

    def add_lender(self, name: str, numbers: Sequence[str] = ()) -> None:
        vault = self.vault
        if vault is not None:
            op(lambda: add_lender(vault, name, numbers=numbers)).success(
                lambda dto: self.refresh_lenders(dto.name)
            ).failure(self._fail).run()

    def _rename_lender(self, old: str, new: str) -> None:
        vault = self.vault
        if vault is not None:
            op(lambda: rename_lender(vault, old, new)).success(
                lambda dto: self.refresh_lenders(dto.name)
            ).failure(self._fail).run()

    def _lender_selected(self, lender: str | None) -> None:
        self.model.set_lender(lender)
        self.note_button.setEnabled(lender is not None)
        self.complaint_button.setEnabled(lender is not None)
        self._load_notes(lender)
        self._show_case()
        self._update_hint()

    def _filters_changed(self) -> None:
        self.model.set_filter(self.filters.apply_to(self.model.filter()))
        self._update_hint()

    def _update_hint(self) -> None:
        """An empty screen says what to do first: add a lender, or import into it."""
        lenders, current = self.sidebar.lenders(), self.sidebar.current()
        in_scope = [dto for dto in lenders if current is None or dto.name == current]
        empty = not any(dto.item_count for dto in in_scope) and not self.filters.trash.isChecked()
        if self.vault is not None and empty:
            self.empty_hint.show_for(no_lenders=not lenders)
            self.evidence.setCurrentWidget(self.empty_hint)
        else:
            self.empty_hint.forget()  # no platform names kept behind the list
            self.evidence.setCurrentWidget(self.table)

    def _update_status(self, total: int) -> None:
        count = self.tr("%n item(s)", "", total)
        self.status.setText(f"{count} · {self._status_note}" if self._status_note else count)
        self._status_note = ""

    # --- items -------------------------------------------------------------------------------

    def _selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        rows = selected.indexes()
        item = self.model.item_at(rows[0].row()) if rows else None
        self.show_item(item)

    def _middle_tab_changed(self, _index: int) -> None:
        """The item pane belongs to the evidence list: beside the notes or the case it
        would show an item that is no longer in view (and keep its sound playing)."""
        if self.middle_tabs.currentWidget() is not self.evidence:
            self.show_item(None)
            return
        rows = self.table.selectionModel().selectedRows()
        item = self.model.item_at(rows[0].row()) if rows else None
        if item is not None and (self.detail.item is None or self.detail.item.id != item.id):
            self.show_item(item)

    def show_item(self, item: ItemDTO | None) -> None:
        shown = self.detail.item
        if shown is not None and (item is None or item.id != shown.id):
            self.save_unsaved()  # another row, another lender, a filter: keep the edits
        self.detail.show_item(item)
        self._update_trash_actions(item)
        vault = self.vault
        if item is None or vault is None:
            return
        self.detail.preview.load(vault, item)
        self._load_history(vault, item.id)
        self._load_reading(vault, item.id)

    def _load_reading(self, vault: OpenVault, item_id: str) -> None:
        if self.detail.item is None or self.detail.item.kind not in IMAGE_KINDS:
            return
        op(lambda: item_reading(vault, item_id)).success(
            lambda reading: self.detail.show_reading(item_id, reading)
        ).failure(self._fail).run()

    def _ocr_progress(self, done: int, total: int) -> None:
        self.status.setText(
            self.tr("Text read from %1 of %2 images.")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )

    def _ocr_running(self, running: bool) -> None:
        """The OCR pass began reading or ended: Stop while it reads; once the user has
        stopped it, how many images wait and Resume."""
        self.stop_reading_button.setVisible(running)
        self.stop_reading_button.setEnabled(True)
        if running:
            self._ocr_halted = False
            self.resume_reading_button.hide()
            return
        vault = self.vault
        if not self._ocr_halted or vault is None:
            return

        def show(count: int) -> None:
            if not self._ocr_halted or self.vault is not vault or self.ocr_pass.running:
                return
            self.status.setText(
                self.tr("Stopped reading text: %n image(s) wait to be read.", "", count)
            )
            self.resume_reading_button.setText(self.tr("Resume reading (%n)", "", count))
            self.resume_reading_button.setVisible(count > 0)

        op(lambda: len(waiting_ids(vault))).success(show).failure(self._fail).run()

    def stop_reading(self) -> None:
        """The user's Stop: the pass records what it has read and ends; the other images
        wait for Resume, the next import or the next unlock."""
        if self.ocr_pass.halt():
            self._ocr_halted = True
            self.stop_reading_button.setEnabled(False)  # until the images in hand are read
            self.status.setText(self.tr("Stopping: the images being read are finished first…"))

    def resume_reading(self) -> None:
        self.resume_reading_button.hide()
        self._ocr_halted = False
        if self.vault is not None and not self.vault.read_only:
            self.ocr_pass.start(self.vault)

    def _ocr_recorded(self, item_ids: list[str]) -> None:
        """The background pass read images: show the text if one of them is shown."""
        shown, vault = self.detail.item, self.vault
        if shown is not None and vault is not None and shown.id in item_ids:
            self._load_reading(vault, shown.id)

    def _load_history(self, vault: OpenVault, item_id: str) -> None:
        def show(events: list[CustodyEventDTO]) -> None:
            if self.detail.item is not None and self.detail.item.id == item_id:
                self.detail.show_history(events)

        op(lambda: item_history(vault, item_id)).success(show).failure(self._fail).run()

    def _save_item(self, item_id: str, changes: dict[str, object]) -> None:
        vault = self.vault
        if vault is not None:
            op(lambda: edit_item(vault, item_id, changes)).success(self._saved).failure(
                self._fail
            ).run()

    def save_unsaved(self) -> None:
        """Save what the user changed in the detail pane and has not saved yet."""
        item, vault = self.detail.item, self.vault
        changes = self.detail.unsaved_changes()
        if item is None or vault is None or not changes:
            return
        item_id = item.id

        def saved(dto: ItemDTO) -> None:
            if vault is self.vault:
                self._saved(dto)

        op(lambda: edit_item(vault, item_id, changes)).success(saved).failure(self._fail).run()

    def _saved(self, item: ItemDTO) -> None:
        self.model.replace_item(item)
        if self.detail.item is not None and self.detail.item.id == item.id:
            self.detail.accept_saved(item)
            vault = self.vault
            if vault is not None:
                op(lambda: item_history(vault, item.id)).success(self.detail.show_history).failure(
                    self._fail
                ).run()
                self._load_reading(vault, item.id)  # a category filed is no longer suggested
        self.status.setText(self.tr("Saved."))

    # --- trash ---------------------------------------------------------------------------------

    def _trash_actions(self) -> None:
        """The detail pane's trash buttons, also on the table's context menu (Delete key)."""
        self.trash_action = QAction(self.tr("Move to trash"), self.table)
        self.trash_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.trash_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.restore_action = QAction(self.tr("Restore from trash"), self.table)
        self.purge_action = QAction(self.tr("Delete for good…"), self.table)
        for action, signal in (
            (self.trash_action, self.detail.trash_requested),
            (self.restore_action, self.detail.restore_requested),
            (self.purge_action, self.detail.purge_requested),
        ):
            action.triggered.connect(lambda _c=False, s=signal: self._for_shown_item(s))
            self.table.addAction(action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._update_trash_actions(None)

    def _for_shown_item(self, signal: SignalInstance) -> None:
        item = self.detail.item
        if item is not None:
            signal.emit(item.id)

    def _update_trash_actions(self, item: ItemDTO | None) -> None:
        withdrawn = item is not None and item.withdrawn
        self.trash_action.setVisible(item is not None and not withdrawn)
        self.restore_action.setVisible(withdrawn)
        self.purge_action.setVisible(withdrawn)

    def _trash_item(self, item_id: str) -> None:
        note = self.tr("Moved to the trash. Tick “Show the trash” to see or restore it.")
        self._change(lambda vault: withdraw_item(vault, item_id), note)

    def _restore_item(self, item_id: str) -> None:
        self._change(lambda vault: restore_item(vault, item_id), self.tr("Restored."))

    def _purge_item(self, item_id: str) -> None:
        item = self.detail.item
        if (
            item is None
            or item.id != item_id
            or not confirm_purge(self, shown_title(item.title, item.original_name))
        ):
            return
        self._change(lambda vault: purge_item(vault, item_id), self.tr("Deleted for good."))

    def _change(self, action: Callable[[OpenVault], object], note: str) -> None:
        vault = self.vault
        if vault is None:
            return

        def done(_result: object) -> None:
            if vault is self.vault:
                self._status_note = note
                self.refresh()

        op(lambda: action(vault)).success(done).failure(self._fail).run()

    # --- import and notes ----------------------------------------------------------------------

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose evidence files"))
        if files:
            self.import_paths([Path(f) for f in files], self.sidebar.current())

    def import_paths(self, paths: list[Path], lender: str | None) -> None:
        vault = self.vault
        if vault is None or not paths or vault.read_only:  # a backup takes in nothing
            return
        lender = lender if lender is not None else self.sidebar.current()
        self._imports.append(
            run_import(self, vault, paths, lender, self._imported, self._fail, self._notice)
        )

    def _imported(self, report: ImportReport) -> str | None:
        """Refresh; after phone backups, ask for their collectors' numbers as the Case tab
        does. Returns the sentence on the numbers added, for the import summary.

        A lender that has numbers already needs no answer now: its calls are counted, and
        choosing among the backup's other numbers is offered beside the summary instead."""
        self._imports = [d for d in self._imports if d.isVisible()]
        self._offer = None
        vault = self.vault
        added = None
        if report.backups and vault is not None:
            lender = report.backups[0].lender
            known = next((dto for dto in self.sidebar.lenders() if dto.name == lender), None)
            backups = list(report.backups)
            if lender is not None and known is not None and known.numbers:
                if unassigned_numbers(backups):
                    self._offer = (lender, backups)
            elif lender is not None:
                added = self.case.ask_numbers(vault, lender, backups)
            self.case.refresh()
        self.refresh()
        if vault is not None and report.count(ImportStatus.IMPORTED):
            self.sm3_pass.start(vault)
            self.ocr_pass.start(vault)
        return added

    def _fill_sm3(self) -> None:
        if self.vault is not None:
            self.sm3_pass.start(self.vault)

    def _sm3_recorded(self, computed: list[ComputedSm3]) -> None:
        """Show SM3 values the background pass recorded, without reloading the table."""
        for result in computed:
            row = self.model.row_of(result.item_id)
            item = self.model.item_at(row)
            if item is not None and item.sm3 is None:
                self.model.replace_item(dataclasses.replace(item, sm3=result.sm3))
            shown = self.detail.item
            if shown is not None and shown.id == result.item_id and self.vault is not None:
                self.detail.show_sm3(result.sm3)
                self._load_history(self.vault, shown.id)

    def _notice(self, title: str, text: str) -> None:
        """A clean import's summary, in the window; with the offer to choose numbers."""
        offer, self._offer = self._offer, None
        if offer is None:
            self.banner.show_message(title, text)
            return
        lender, backups = offer
        count = len(unassigned_numbers(backups))
        text += "\n" + self.tr(
            "The backup holds %n other number(s) that belong to no lender.", "", count
        )
        self.banner.show_message(
            title,
            text,
            (self.tr("Choose collectors' numbers…"), lambda: self._choose_numbers(lender, backups)),
        )

    def _choose_numbers(self, lender: str, backups: list[BackupImportReport]) -> None:
        vault = self.vault
        if vault is None:
            return
        added = self.case.ask_numbers(vault, lender, backups)
        if added:
            self.banner.add_line(added.strip())

    def _complaint_recorded(self, lender: str, reference: str) -> None:
        text = self.tr("Recorded for %1. Follow it up on the Case tab, under Complaints.")
        if reference:
            text = self.tr(
                "Reference %2, recorded for %1. Follow it up on the Case tab, under Complaints."
            ).replace("%2", reference)
        self.banner.show_message(self.tr("Complaint recorded"), text.replace("%1", lender))

    def _analyse_backup(self, item_id: str) -> None:
        vault, item = self.vault, self.detail.item
        if vault is None or item is None or item.id != item_id:
            return
        lender = item.lender

        def done(report: BackupImportReport) -> None:
            if vault is not self.vault:
                return
            text = import_summary(report)
            if lender is not None:
                added = self.case.ask_numbers(vault, lender, [report])
                if added is None:
                    return
                text += added
            self.case.refresh()
            self.refresh()
            self.refresh_history()
            dialogs.inform(self, self.tr("Backup analysed"), text)

        op(lambda: analyse_backup_item(vault, item_id)).success(done).failure(self._fail).run()

    def refresh(self, select: str | None = None) -> None:
        """Show what changed in the vault: lenders and counts, items, notes, the timeline."""
        self.case.timeline.refresh()
        if select is None or select == self.sidebar.current():
            self.model.reload()
            self._load_notes(self.sidebar.current())
        self.refresh_lenders(select)  # a changed selection reloads items and notes

    # --- export and trusted time -----------------------------------------------------------

    def trusted_time(self) -> TrustedTimeDialog | None:
        return self._open_dialog(TrustedTimeDialog)

    def back_up(self) -> BackupDialog | None:
        return self._open_dialog(BackupDialog)

    def _open_dialog(self, make: Callable[[OpenVault, QWidget], _D]) -> _D | None:
        """A window-modal dialog about the open vault, gone once closed."""
        vault = self.vault
        if vault is None:
            return None
        dialog = make(vault, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def receive_from_phone(self) -> ReceiveDialog | None:
        """Serve the phone's upload page for the selected lender while a dialog shows it."""
        vault, lender = self.vault, self.sidebar.current()
        if vault is None or lender is None:
            self.status.setText(self.tr("Choose the lender the phone's files belong to first."))
            return None
        try:
            dialog = ReceiveDialog(vault, lender, self)
        except VaultError as error:
            show_error(self, error)
            return None
        dialog.received.connect(self.refresh)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def import_from_phone(self) -> PhoneImportDialog | None:
        """List the phones plugged in over USB and import the folders the user ticks."""
        if self.vault is None or self.vault.read_only:
            return None
        dialog = PhoneImportDialog(self.phone_roots, self)

        def chosen() -> None:
            self.import_paths(dialog.selected_paths(), self.sidebar.current())

        dialog.accepted.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.look()
        return dialog

    def export_bundle(self) -> ExportDialog | None:
        """Ask what to export and where, then write the bundle off the GUI thread."""
        vault = self.vault
        if vault is None:
            return None
        with_items = [lender for lender in self.sidebar.lenders() if lender.item_count]
        if not with_items:
            self.status.setText(self.tr("There is no evidence to export yet."))
            return None
        spans = {
            lender.name: (lender.first_at, lender.last_at)
            for lender in with_items
            if lender.first_at is not None and lender.last_at is not None
        }
        dialog = ExportDialog(
            [lender.name for lender in with_items], self.sidebar.current(), self, spans
        )
        dialog.accepted.connect(lambda: self._start_export(vault, dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _start_export(self, vault: OpenVault, dialog: ExportDialog) -> None:
        if vault is not self.vault:
            return
        self._exports = [d for d in self._exports if isValid(d) and d.isVisible()]
        self._exports.append(
            run_export(
                self, vault, dialog.request(), lambda _result: self.refresh_history(), self._fail
            )
        )

    def refresh_history(self) -> None:
        """The shown item's custody history (an export adds an event to it)."""
        vault, item = self.vault, self.detail.item
        if vault is not None and item is not None:
            self._load_history(vault, item.id)

    def _write_note(self) -> None:
        vault, lender = self.vault, self.sidebar.current()
        if vault is None or lender is None:
            return
        shown = self.detail.item
        about = None
        if shown is not None and shown.lender == lender:
            about = (shown.id, shown.title or shown.original_name)
        dialog = NoteDialog(lender, self, item=about)
        accepted = dialog.exec() == NoteDialog.DialogCode.Accepted
        text, at, item_id = dialog.text.toPlainText(), dialog.occurred_at(), dialog.item_id()
        dialog.text.clear()  # a dialog closed by a lock must not keep the words
        dialog.deleteLater()
        if accepted and self.vault is vault:
            op(lambda: add_note(vault, lender, text, occurred_at=at, item_id=item_id)).success(
                lambda _note: self._load_notes(lender)
            ).failure(self._fail).run()

    def _load_notes(self, lender: str | None) -> None:
        self.notes.clear()
        vault = self.vault
        if vault is not None and lender is not None:
            op(lambda: list_notes(vault, lender)).success(
                lambda notes: self._show_notes(lender, notes)
            ).failure(self._fail).run()

    def _show_notes(self, lender: str, notes: list[NoteDTO]) -> None:
        if self.vault is None or self.sidebar.current() != lender:
            return
        self.notes.clear()
        for note in notes:
            self.notes.addItem(f"{format_time(note.occurred_at)}\n{note.text}")
            self.notes.item(self.notes.count() - 1).setToolTip(note.text)
