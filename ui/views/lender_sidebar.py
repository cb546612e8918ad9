"""The list of lenders with their item counts; files dropped on a lender go to it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.views.add_lender import SUGGESTIONS, AddLenderDialog
from vault.dto import LenderDTO

ALL = "\x00all"  # the "All lenders" row's key


def dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class _List(QListWidget):
    dropped = Signal(object, object)  # (lender name or None, paths)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if not paths:
            return
        row = self.itemAt(event.position().toPoint())
        key = row.data(Qt.ItemDataRole.UserRole) if row is not None else None
        event.acceptProposedAction()
        self.dropped.emit(None if key in (None, ALL) else key, paths)


class LenderSidebar(QWidget):
    selected = Signal(object)  # lender name, or None for all
    add_requested = Signal(str, list)  # name, the collectors' numbers as typed
    rename_requested = Signal(str, str)
    dropped = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = _List(self)
        self.add_button = QPushButton(self.tr("Add lender…"), self)
        self.rename_button = QPushButton(self.tr("Rename…"), self)
        self.add_button.clicked.connect(lambda _checked=False: self.ask_add())
        self.rename_button.clicked.connect(self._ask_rename)
        self.list.currentItemChanged.connect(self._changed)
        self.list.dropped.connect(self.dropped)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.rename_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._lenders: list[LenderDTO] = []

    def current(self) -> str | None:
        row = self.list.currentItem()
        key = row.data(Qt.ItemDataRole.UserRole) if row is not None else None
        return None if key in (None, ALL) else str(key)

    def lenders(self) -> list[LenderDTO]:
        return list(self._lenders)

    def set_lenders(self, lenders: list[LenderDTO], select: str | None = None) -> None:
        previous = self.current()
        keep = select if select is not None else previous
        self._lenders = list(lenders)
        self.list.blockSignals(True)
        self.list.clear()
        total = sum(lender.item_count for lender in lenders)
        everything = QListWidgetItem(self.tr("All lenders (%n)", "", total))
        everything.setData(Qt.ItemDataRole.UserRole, ALL)
        self.list.addItem(everything)
        current = everything
        for lender in lenders:
            row = QListWidgetItem(f"{lender.name} ({lender.item_count})")
            row.setData(Qt.ItemDataRole.UserRole, lender.name)
            self.list.addItem(row)
            if lender.name == keep:
                current = row
        self.list.setCurrentItem(current)
        self.list.blockSignals(False)
        self.rename_button.setEnabled(self.current() is not None)
        if self.current() != previous:
            self.selected.emit(self.current())

    def clear(self) -> None:
        self._lenders = []
        self.list.clear()

    def _changed(self, *_args: object) -> None:
        self.rename_button.setEnabled(self.current() is not None)
        self.selected.emit(self.current())

    def ask_add(self, chosen: str = "") -> None:
        """The add-lender dialog; ``chosen``: the platform the user already picked."""
        known = {lender.name for lender in self._lenders}
        offered = [name for name in SUGGESTIONS if name not in known]
        dialog = AddLenderDialog(offered, self, chosen=chosen)
        try:
            accepted = dialog.exec() == AddLenderDialog.DialogCode.Accepted
            name, numbers = dialog.lender_name(), dialog.phone_numbers()
        finally:
            dialog.deleteLater()
        if accepted and name:
            self.add_requested.emit(name, numbers)

    def _ask_rename(self) -> None:
        old = self.current()
        if old is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Rename lender"), self.tr("New name:"), text=old
        )
        if ok and name.strip() and name.strip() != old:
            self.rename_requested.emit(old, name.strip())
