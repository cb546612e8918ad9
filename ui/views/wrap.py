"""Cells that wrap their whole text in a tree or table instead of cutting it off.

Qt's views size a row by a one-line guess even with word wrap on; this delegate gives
each cell the width of its column, so a row grows to fit its longest text.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrapDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
        view.setWordWrap(True)
        view.setUniformRowHeights(False)
        header: QHeaderView = view.header()
        # a narrower column makes its rows taller: Qt keeps row heights until told
        header.sectionResized.connect(lambda *_: view.scheduleDelayedItemsLayout())

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        header = self._view.header()
        if header.sectionResizeMode(index.column()) == QHeaderView.ResizeMode.ResizeToContents:
            return super().sizeHint(option, index)  # a column as wide as its text: one line
        sized = QStyleOptionViewItem(option)
        width = header.sectionSize(index.column())
        if index.column() == 0:
            depth, parent = 1, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= depth * self._view.indentation()  # the branch lines take their room
        sized.rect = QRect(0, 0, max(width, 40), 10_000)  # a rect Qt counts as valid
        return super().sizeHint(sized, index)
