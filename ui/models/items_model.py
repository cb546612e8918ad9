"""The evidence table's model: rows arrive a page at a time from the database worker.

``canFetchMore``/``fetchMore`` ask the worker for the next page only when the view
scrolls near the end, so a 50,000-item vault never loads at once. Every request
carries a generation number; answers to an older filter or a locked vault are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ui.format import format_size, format_time, kind_name, shown_title
from ui.tasks import op
from vault.dto import ItemDTO
from vault.handle import OpenVault
from vault.listing import ItemFilter, SortKey, item_count, item_page

PAGE = 200
Index = QModelIndex | QPersistentModelIndex
_COLUMNS = (
    ("Time", SortKey.TIME),
    ("Kind", SortKey.KIND),
    ("Title", SortKey.TITLE),
    ("Number", SortKey.COUNTERPART),
    ("Size", SortKey.SIZE),
)


class ItemsModel(QAbstractTableModel):
    loaded = Signal()  # a page arrived
    counted = Signal(int)  # the number of matching items is known

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._vault: OpenVault | None = None
        self._filter = ItemFilter()
        self._sort, self._descending = SortKey.TIME, True
        self._rows: list[ItemDTO] = []
        self._total = 0
        self._more_left = False
        self._loading = False
        self._generation = 0
        self.on_error: Callable[[BaseException], None] | None = None

    # --- what to show ------------------------------------------------------------------

    def set_vault(self, vault: OpenVault | None) -> None:
        self._vault = vault
        self.reload()

    def set_filter(self, flt: ItemFilter) -> None:
        self._filter = flt
        self.reload()

    def filter(self) -> ItemFilter:
        return self._filter

    def set_lender(self, lender: str | None) -> None:
        self.set_filter(replace(self._filter, lender=lender))

    def reload(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._rows, self._total, self._more_left, self._loading = [], 0, False, False
        self.endResetModel()
        vault, flt, generation = self._vault, self._filter, self._generation
        if vault is None:
            return
        self._loading = True
        sort, descending = self._sort, self._descending
        # the first page first: it is what the user sees; the count follows for the status
        op(lambda: item_page(vault, flt, 0, PAGE, sort, descending)).success(
            lambda rows: self._more(generation, 0, rows)
        ).failure(self._failed).run()
        op(lambda: item_count(vault, flt)).success(
            lambda total: self._counted(generation, total)
        ).failure(self._failed).run()

    def _counted(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self._total = total
            self.counted.emit(total)

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        if self.on_error is not None and self._vault is not None:
            self.on_error(error)

    def total(self) -> int:
        return self._total

    def item_at(self, row: int) -> ItemDTO | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: str) -> int:
        return next((n for n, item in enumerate(self._rows) if item.id == item_id), -1)

    def replace_item(self, item: ItemDTO) -> None:
        row = self.row_of(item.id)
        if row >= 0:
            self._rows[row] = item
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(_COLUMNS) - 1))

    # --- paging --------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and self._more_left

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        vault = self._vault
        if vault is None or not self.canFetchMore(parent):
            return
        self._loading = True
        flt, offset, generation = self._filter, len(self._rows), self._generation
        sort, descending = self._sort, self._descending
        op(lambda: item_page(vault, flt, offset, PAGE, sort, descending)).success(
            lambda rows: self._more(generation, offset, rows)
        ).failure(self._failed).run()

    def _more(self, generation: int, offset: int, rows: list[ItemDTO]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._loading = False
        self._more_left = len(rows) == PAGE
        if rows:
            self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loaded.emit()

    # --- the table -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ItemsModel", _COLUMNS[section][0])
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        item = self.item_at(index.row())
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(item, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(item, index.column())
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = _COLUMNS[column][1]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()


def _register_column_names() -> None:  # for lupdate: the column titles above
    QCoreApplication.translate("ItemsModel", "Time")
    QCoreApplication.translate("ItemsModel", "Kind")
    QCoreApplication.translate("ItemsModel", "Title")
    QCoreApplication.translate("ItemsModel", "Number")
    QCoreApplication.translate("ItemsModel", "Size")


def _tooltip(item: ItemDTO, column: int) -> str:
    """The whole of what a narrow column cuts off: the title with the file's name and
    what it proves (the detail pane shows all of it too)."""
    if column != 2:
        return _cell(item, column)
    lines = [item.title or item.original_name]
    if item.title and item.title != item.original_name:
        lines.append(item.original_name)
    if item.purpose:
        lines.append(item.purpose)
    return "\n".join(lines)


def _cell(item: ItemDTO, column: int) -> str:
    return (
        format_time(item.incident_at or item.captured_at),
        kind_name(item.kind),
        shown_title(item.title, item.original_name),
        item.counterpart or "",
        format_size(item.size),
    )[column]
