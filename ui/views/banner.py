"""What the last action did, shown in the window instead of a box to click away.

A clean import, for example, needs no decision: its summary stands here, above the
evidence list, until the next one replaces it or the user closes it. An action that can
follow (choosing more collectors' numbers) is a button beside the text. Failures and
questions stay modal (ui.dialogs): those need the user.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#banner { background: #e8f4ea; border: 1px solid #9cc9a4; }")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.title = QLabel(self)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton(self)
        self.action.clicked.connect(self._act)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.clear)
        self._run: Callable[[], object] | None = None
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(self.title)
        words.addWidget(self.text)
        words.addStretch(1)
        row = QHBoxLayout(self)
        row.addLayout(words, 1)
        row.addWidget(self.action, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.clear()

    def show_message(
        self, title: str, text: str, action: tuple[str, Callable[[], object]] | None = None
    ) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self._run = action[1] if action else None
        self.action.setText(action[0] if action else "")
        self.action.setVisible(action is not None)
        self.show()
        self.updateGeometry()  # as tall as these words, not the last ones

    def add_line(self, line: str) -> None:
        """Say one more thing about the same result (what its action did)."""
        self.text.setText(f"{self.text.text()}\n{line}".strip())
        self.updateGeometry()

    def clear(self) -> None:
        """Hide and forget the words (called on lock too: a file name may be in them)."""
        self.title.clear()
        self.text.clear()
        self._run = None
        self.hide()

    def _act(self) -> None:
        run = self._run
        self.action.hide()  # done once; its result is said in the text
        self._run = None
        if run is not None:
            run()
