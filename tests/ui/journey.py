# mypy: disable-error-code="no-untyped-call"
"""The journey test's hands: every user action goes through :class:`Actions` and is counted.

A click, a key, a drop, choosing from a list and closing a message box each count; typing
a whole field counts once (the characters are not actions, the decision to fill the field
is). Widgets are found the way a user finds them: by the text on them.

The phone folder a borrower copies from the phone is made here from real tools: a spoken
recording (espeak-ng, ffmpeg) with a Huawei recorder's file name, Pillow screenshots with
EXIF DateTimeOriginal, and an "SMS Backup & Restore" call log with night calls.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.case.case_xml import MISSED, REJECTED, Call, write_calls
from tests.ui.ui_helpers import answer_next_modal, drop_files, type_text
from ui.dialogs import Script

# The lender's collector, as the phone stores it; the recording's name carries it too.
COLLECTOR = "17112345678"


def plain(text: str) -> str:
    """A label as the user reads it: without the ``&`` of its keyboard accelerator."""
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")


def same(shown: str) -> str:
    """A text to compare: the product's noun as the polish branch writes it (保险箱;
    today's translation still says 保险库 in places)."""
    return plain(shown).replace("保险库", "保险箱")


# --- finding widgets the way a user does ------------------------------------------------


def button(root: QWidget, text: str) -> QAbstractButton:
    """The one visible button under ``root`` whose text starts with ``text``."""
    found = [
        b
        for b in root.findChildren(QAbstractButton)
        if b.isVisible() and same(b.text()).startswith(same(text))
    ]
    texts = sorted(plain(b.text()) for b in root.findChildren(QAbstractButton) if b.isVisible())
    assert len(found) == 1, f"no single button {text!r} on screen; the buttons read: {texts}"
    return found[0]


def tab(root: QWidget, text: str) -> tuple[QTabBar, int]:
    """The visible tab bar under ``root`` holding a tab named ``text``, and its index."""
    seen: list[str] = []
    for bar in root.findChildren(QTabBar):
        if not bar.isVisible():
            continue
        for index in range(bar.count()):
            seen.append(plain(bar.tabText(index)))
            if same(bar.tabText(index)) == same(text):
                return bar, index
    raise AssertionError(f"no tab {text!r} on screen; the tabs read: {seen}")


def shown_text(widget: QWidget) -> str:
    """What a widget shows: a label's or field's text, a list's rows."""
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        return "\n".join(
            str(model.data(model.index(row, 0)) or "") for row in range(model.rowCount())
        )
    text = getattr(widget, "text", None)
    return str(text()) if callable(text) else ""


# --- the counted actions ------------------------------------------------------------------


@dataclass
class Actions:
    """Does what the user does and counts it; ``log`` says what each action was."""

    qtbot: QtBot
    script: Script
    log: list[str] = field(default_factory=list)
    _read: int = 0  # messages of the script already acknowledged
    _maybe: list[bool] = field(default_factory=lambda: [True])

    @property
    def count(self) -> int:
        return len(self.log)

    def _count(self, what: str) -> None:
        self.log.append(what)

    def click(self, widget: QWidget, pos: QPoint | None = None, *, what: str = "") -> None:
        assert widget.isVisible() and widget.isEnabled(), f"{what or widget} cannot be clicked"
        self._count(f"click {what or plain(getattr(widget, 'text', lambda: '')()) or widget}")
        if isinstance(widget, QCheckBox) and pos is None:
            pos = QPoint(8, widget.height() // 2)  # on the box, not beside its text
        if pos is None:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    def click_button(self, root: QWidget, text: str) -> QAbstractButton:
        found = button(root, text)
        self.click(found, what=text)
        return found

    def click_tab(self, root: QWidget, text: str) -> None:
        bar, index = tab(root, text)
        self._count(f"tab {text}")
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert bar.currentIndex() == index

    def click_row(self, view: QAbstractItemView, row: int, column: int = 0) -> None:
        index = view.model().index(row, column)
        view.scrollTo(index)
        self._count(f"row {view.model().data(index)}")
        self.qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
        )

    def key(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self._count(f"key {key.name}")
        self.qtbot.keyClick(widget, key, modifier)

    def type(self, widget: QWidget, text: str) -> None:
        """Fill a field: one action, however long the text. CJK arrives as an input
        method's commit (QTest only knows ASCII keys)."""
        self._count(f"type {text[:20]!r}")
        widget.setFocus()
        if text.isascii():
            self.qtbot.keyClicks(widget, text)
        else:
            type_text(widget, text)

    def choose(self, combo: QComboBox, text: str) -> None:
        """Open a drop-down list and pick ``text``: two clicks."""
        index = combo.findText(text)
        items = [combo.itemText(i) for i in range(combo.count())]
        assert index >= 0, f"{text!r} is not offered; the list holds {items}"
        self._count(f"open list for {text}")
        self._count(f"choose {text}")
        combo.setCurrentIndex(index)

    def drop(self, target: QWidget, paths: list[Path], at: QPoint) -> None:
        """Drag files from the file manager onto ``target``: one action."""
        self._count(f"drop {len(paths)} path(s)")
        drop_files(target, paths, at)

    def on_next_modal(self, handle: Callable[[QWidget], None]) -> None:
        """Answer the next real modal dialog (a Qt file or input dialog, which the
        dialogs seam does not cover); ``handle`` counts its own actions."""
        answer_next_modal(handle)

    def answer(self, *answers: bool | Callable[[object], bool]) -> None:
        """Answer the app's next questions through the dialogs seam: clicking the
        answer counts one each (a function that fills a dialog counts its own typing)."""
        for answer in answers:
            if callable(answer):

                def counted(dialog: object, fill: Callable[[object], bool] = answer) -> bool:
                    accepted = fill(dialog)
                    self._count("accept dialog" if accepted else "cancel dialog")
                    return accepted

                self.script.answer(counted)
            else:
                self._count("answer yes" if answer else "answer no")
                self.script.answer(answer)

    def maybe_answer(self, fill: Callable[[object], bool]) -> None:
        """Stand ready for a question the app may or may not ask next; call
        :meth:`settle_maybe` once it would have come."""
        self._maybe = [False]

        def answered(dialog: object) -> bool:
            self._maybe[0] = True
            accepted = fill(dialog)
            self._count("accept dialog" if accepted else "cancel dialog")
            return accepted

        self.script.answer(answered)

    def settle_maybe(self) -> None:
        """Drop the ready answer if no question took it (it must not answer a later one)."""
        if not self._maybe[0]:
            self.script._answers.pop()  # the seam has no public way to take an answer back
        self._maybe = [True]

    def acknowledge(self) -> list[tuple[str, str]]:
        """Close every message box shown since the last call (one OK click each);
        returns their ``(text, details)``."""
        messages = [s for s in self.script.shown if s.kind in {"inform", "warn", "failure"}]
        new = messages[self._read :]
        self._read = len(messages)
        for shown in new:
            assert shown.kind != "failure", f"the app failed: {shown.text}"
            self._count(f"OK on {shown.title!r}")
        return [(s.text, s.details) for s in new]

    def take_action(self, title: str, label: str) -> tuple[str, str]:
        """Click the button ``label`` of the message box titled ``title`` (one action, in
        place of its OK); returns the box's ``(text, details)``."""
        messages = [s for s in self.script.shown if s.kind in {"inform", "warn", "failure"}]
        new = messages[self._read :]
        assert [s.title for s in new] == [title], f"expected only {title!r}, shown {new}"
        self._read = len(messages)
        (shown,) = new
        actions = {a.label: a for a in shown.actions}
        assert label in actions, f"{label!r} not offered; the box offers {list(actions)}"
        self._count(f"click {label}")
        actions[label].run()
        return shown.text, shown.details

    def wait_message(self, title: str, timeout: int = 30_000) -> None:
        """Wait until the app showed a message box titled ``title``."""
        try:
            self.qtbot.waitUntil(
                lambda: any(s.title == title for s in self.script.shown), timeout=timeout
            )
        except Exception as error:  # pytest-qt's TimeoutError: say what was shown instead
            shown = [(s.kind, s.title, s.text[:200]) for s in self.script.shown]
            raise AssertionError(f"no message {title!r}; the app showed {shown}") from error

    def shot(self, widget: QWidget, name: str) -> None:
        """Save what the user sees now as a PNG when JOURNEY_SHOTS names a folder."""
        folder = os.environ.get("JOURNEY_SHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            widget.grab().save(str(Path(folder) / f"{name}.png"))

    def report(self, stage: str) -> str:
        lines = [f"journey: {self.count} user actions {stage}"]
        lines += [f"  {n:2d}. {what}" for n, what in enumerate(self.log, 1)]
        text = "\n".join(lines)
        print(text)
        return text


# --- what is still missing on this branch ---------------------------------------------------


@dataclass
class Pending:
    """Features other branches bring. ``need`` records one that is missing; the steps
    that depend on it are skipped, the rest of the journey still runs, and the test
    ends in a skip naming every missing piece (with the count so far)."""

    actions: Actions
    missing: list[str] = field(default_factory=list)

    def need(self, present: bool, feature: str) -> bool:
        if not present:
            self.missing.append(feature)
        return present

    def finish(self, target: int, ceiling: int, verified_at: int) -> None:
        """End the journey: the whole log, then a failure naming what is missing, or the
        count at the verified bundle held to ``ceiling`` (and printed beside ``target``)."""
        self.actions.report(
            f"in all; {verified_at} to the exported and verified bundle (target ≤ {target})"
        )
        if self.missing:
            pytest.fail(
                f"journey broken: {verified_at} actions to the bundle, "
                "missing: " + "; ".join(self.missing)
            )
        assert verified_at <= ceiling, (
            f"{verified_at} actions from first start to a verified bundle: more than the "
            f"{ceiling} it took before (target ≤ {target})"
        )


# --- the phone folder ------------------------------------------------------------------------


def _exif(when: str) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0110] = "HUAWEI P30"  # Model
    exif.get_ifd(0x8769)[0x9003] = when  # DateTimeOriginal, "YYYY:MM:DD HH:MM:SS"
    return exif


def _screenshot(path: Path, when: str, colour: tuple[int, int, int]) -> Path:
    image = Image.new("RGB", (360, 640), (245, 245, 245))
    for x in range(30, 330):
        for y in range(120, 170):
            image.putpixel((x, y), colour)
    image.save(path, exif=_exif(when))
    return path


def make_phone_folder(where: Path) -> Path:
    """A folder as copied from a Huawei phone: a call recording, two screenshots and a
    call-log backup with night calls from the collector in 2025 and 2026."""
    for tool in ("espeak-ng", "ffmpeg"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} makes the test recording; run tools/setup")
    folder = where / "华为手机"
    (folder / "Sounds" / "CallRecord").mkdir(parents=True)
    (folder / "Pictures" / "Screenshots").mkdir(parents=True)
    wav = where / "speech.wav"
    subprocess.run(
        ["espeak-ng", "-v", "cmn", "-w", str(wav), "今天不还钱，晚上就去你家找你父母"],
        check=True,
        capture_output=True,
    )
    recording = folder / "Sounds" / "CallRecord" / f"{COLLECTOR}_20251231233015.m4a"  # Huawei
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-i", str(wav), "-c:a", "aac", str(recording)],
        check=True,
    )
    wav.unlink()
    shots = folder / "Pictures" / "Screenshots"
    _screenshot(
        shots / "Screenshot_20251231_234510_com.tencent.mm.png",
        "2025:12:31 23:45:10",
        (200, 30, 30),
    )
    _screenshot(shots / "Screenshot_20260102_063012.jpg", "2026:01:02 06:30:12", (30, 30, 200))
    night = [
        Call(COLLECTOR, "2025-12-31 22:40", MISSED),
        Call(COLLECTOR, "2025-12-31 23:05", REJECTED),
        Call(COLLECTOR, "2025-12-31 23:30", 1, 95),
        Call(COLLECTOR, "2026-01-01 00:10", MISSED),
        Call(COLLECTOR, "2026-01-02 06:20", MISSED),
        Call(COLLECTOR, "2026-01-02 06:25", MISSED),
        Call(COLLECTOR, "2026-02-03 22:15", MISSED),  # the CBA rules are in force by now
        Call(COLLECTOR, "2026-02-03 23:50", REJECTED),
        Call("13900001111", "2026-01-02 12:00", 1, 30),  # the borrower's sister
    ]
    write_calls(folder / "calls-20260204013000.xml", night)
    return folder
