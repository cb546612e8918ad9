"""A calm, centred column for the simple pages (welcome, unlock)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget


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
