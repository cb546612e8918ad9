"""Every modal message and question of the window, behind one test seam.

The views call three functions and never build a message box themselves:

- :func:`inform` shows a message: a summary (information, optional technical details
  and buttons that act without closing it) or an error (a warning whose text can be
  selected, waited for).
- :func:`confirm` asks before something that cannot be undone; the safe answer is the
  default, and only the named button says yes.
- :func:`ask` runs one of our own dialogs (a form) modally; True when it was accepted.

Boxes delete themselves when closed, so no file name or note text stays in memory after
a lock. The test seam is :func:`scripted` (as KeePassXC's ``MessageBox::setNextAnswer``):
inside it nothing is shown; every call is recorded in a :class:`Script`, and questions
take the script's next answer.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


@dataclass(frozen=True)
class Action:
    """A button beside OK that does something and leaves the box open."""

    label: str
    run: Callable[[], object]


@dataclass(frozen=True)
class Shown:
    """One call as the user would have met it. ``kind`` is "inform", "warn", "confirm",
    "ask" or (recorded by the tests' own failure handler) "failure"."""

    kind: str
    title: str
    text: str
    details: str = ""
    actions: tuple[Action, ...] = ()
    dialog: QDialog | None = field(default=None, compare=False)


Answer = bool | Callable[[QDialog], bool]


class Script(Sequence[tuple[str, str]]):
    """Stands in for the user while :func:`scripted` is active.

    ``shown`` holds every call in order. As a sequence, a script is what the user read
    in message boxes: ``(text, details)`` of each message (not the questions). Questions
    take the next of :meth:`answer`'s answers; an :func:`ask` answer may be a function
    that fills the dialog and returns whether to accept it.
    """

    def __init__(self) -> None:
        self.shown: list[Shown] = []
        self._answers: deque[Answer] = deque()

    def answer(self, *answers: Answer) -> None:
        self._answers.extend(answers)

    def texts(self, *kinds: str) -> list[tuple[str, str]]:
        """``(text, details)`` of the calls of these kinds (messages when none given)."""
        wanted = kinds or ("inform", "warn", "failure")
        return [(s.text, s.details) for s in self.shown if s.kind in wanted]

    def questions(self) -> list[str]:
        return [s.text for s in self.shown if s.kind in {"confirm", "ask"}]

    def _next(self, shown: Shown) -> bool:
        self.shown.append(shown)
        if not self._answers:
            raise AssertionError(f"no answer scripted for the question: {shown.text!r}")
        answer = self._answers.popleft()
        if callable(answer):
            if shown.dialog is None:
                raise TypeError("a function answers only a dialog of ours, not a question")
            return answer(shown.dialog)
        return answer

    @overload
    def __getitem__(self, index: int) -> tuple[str, str]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[str, str]]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, str] | Sequence[tuple[str, str]]:
        return self.texts()[index]

    def __len__(self) -> int:
        return len(self.texts())

    def __repr__(self) -> str:
        return f"Script({self.shown!r})"


_script: Script | None = None


@contextlib.contextmanager
def scripted() -> Iterator[Script]:
    """Record every dialog instead of showing it, and answer questions from the script."""
    global _script  # noqa: PLW0603 - the one test seam of the window's dialogs
    previous, _script = _script, Script()
    try:
        yield _script
    finally:
        _script = previous


def inform(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    details: str = "",
    actions: Sequence[Action] = (),
    warning: bool = False,
) -> None:
    """Show a message. A summary opens window-modal and returns at once; a ``warning``
    (an error) has selectable text and returns when the user closed it."""
    if _script is not None:
        kind = "warn" if warning else "inform"
        _script.shown.append(Shown(kind, title, text, details, tuple(actions)))
        return
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no texts left behind after a lock
    if details:
        box.setDetailedText(details)
        # Qt sizes the details to the short summary: one refused file per line needs room.
        box.setStyleSheet("QTextEdit { min-width: 34em; min-height: 10em; }")
    for action in actions:
        button = box.addButton(action.label, QMessageBox.ButtonRole.ActionRole)
        button.clicked.disconnect()  # keep the box open
        button.clicked.connect(action.run)
    if warning:
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if warning or parent is None:  # without a parent nothing would keep an open box alive
        box.exec()
    else:
        box.open()


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str) -> bool:
    """Ask before an act that cannot be undone: True only if the user clicked ``yes``
    (Cancel is the default button)."""
    if _script is not None:
        return _script._next(Shown("confirm", title, text))
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent
    )
    chosen = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    confirmed = box.clickedButton() is chosen
    box.deleteLater()
    return confirmed


def ask(dialog: QDialog) -> bool:
    """Run one of our dialogs modally; True if it was accepted. The caller reads the
    answers from the dialog and deletes it."""
    if _script is not None:
        return _script._next(
            Shown("ask", dialog.windowTitle(), dialog.windowTitle(), dialog=dialog)
        )
    return dialog.exec() == QDialog.DialogCode.Accepted
