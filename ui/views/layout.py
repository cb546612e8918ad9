"""A calm, centred column for the simple pages (welcome, unlock), and a row that wraps."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QVBoxLayout, QWidget


def centered_column(page: QWidget, widgets: list[QWidget], width: int = 480) -> QVBoxLayout:
    """Lay ``widgets`` out top to bottom in a column at most ``width`` wide, centred."""
    column = QWidget(page)
    column.setMaximumWidth(width)
    inner = QVBoxLayout(column)
    for widget in widgets:
        inner.addWidget(widget)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(column, 4)
    row.addStretch(1)
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return inner


def enlarge(widget: QWidget, factor: float) -> None:
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    widget.setFont(font)


class FlowLayout(QLayout):
    """Widgets in a row that wraps onto the next line when the width runs out.

    The main view's buttons use it: their row in English is wider than a laptop's
    screen beside the lender list and the detail pane, and a row that cannot wrap makes
    the whole window that wide. ``trailing`` widgets (added with ``add_trailing``) go to
    the right end of the last line, as a stretch before them would put them.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._trailing: set[int] = set()  # ids of the items that go to the right end

    def add_trailing(self, widget: QWidget) -> None:
        self.addWidget(widget)
        self._trailing.add(id(self._items[-1]))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self._trailing.discard(id(item))
            return item
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (when ``move``); return the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = max(self.spacing(), 6)
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in (i for i in self._items if not i.isEmpty()):
            width = item.sizeHint().width()
            if lines[-1] and used + gap + width > area.width():
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + width
            lines[-1].append(item)
        y = area.y()
        for line in lines:
            height = max((i.sizeHint().height() for i in line), default=0)
            leading = [i for i in line if id(i) not in self._trailing]
            trailing = [i for i in line if id(i) in self._trailing]
            if move:
                x = area.x()
                for item in leading:
                    item.setGeometry(
                        QRect(QPoint(x, y), item.sizeHint().expandedTo(QSize(0, height)))
                    )
                    x += item.sizeHint().width() + gap
                x = area.right() + 1
                for item in reversed(trailing):
                    x -= item.sizeHint().width()
                    item.setGeometry(QRect(QPoint(x, y), QSize(item.sizeHint().width(), height)))
                    x -= gap
            y += height + gap
        return y - gap - area.y() + margins.top() + margins.bottom()
