# mypy: disable-error-code="no-untyped-call"
"""The one database worker, the op() helper, and errors turned into sentences."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QListWidget, QMessageBox
from pytestqt.qtbot import QtBot

from ui import app, dialogs, errors, tasks
from ui.dialogs import Script, Shown
from ui.tasks import op, worker
from vault import items, lenders, logfile


def test_ops_run_in_order_on_one_thread_and_answer_on_the_gui_thread(qtbot: QtBot) -> None:
    ran_on: list[str] = []
    answered: list[int] = []
    gui = threading.current_thread().name

    def job(n: int) -> int:
        ran_on.append(threading.current_thread().name)
        return n

    def answer(value: int) -> None:
        if threading.current_thread().name == gui:
            answered.append(value)

    for n in range(5):
        op(lambda n=n: job(n)).success(answer).run()
    qtbot.waitUntil(lambda: len(answered) == 5)
    assert answered == [0, 1, 2, 3, 4], "results arrive in the order submitted"
    assert set(ran_on) == {"vault-db"}, "every op runs on the one database worker"


def test_failures_and_progress_reach_their_callbacks(qtbot: QtBot) -> None:
    seen: list[object] = []

    def work(progress: object) -> None:
        for n in range(3):
            progress(n)  # type: ignore[operator]
        raise items.UnknownItemError("gone")

    op(work).with_progress(seen.append).failure(seen.append).run()
    qtbot.waitUntil(lambda: any(isinstance(s, BaseException) for s in seen))
    values, error = [v for v in seen[:-1] if isinstance(v, int)], seen[-1]
    assert values and values == sorted(values) and values[-1] == 2  # in order; the newest
    assert isinstance(error, items.UnknownItemError)
    qtbot.waitUntil(worker().idle)


def test_a_flood_of_progress_reaches_the_gui_as_its_newest_value(qtbot: QtBot) -> None:
    # A worker reporting 20,000 small files while the GUI thread is busy: the GUI gets
    # the newest value once it is free, not 20,000 repaints queued behind each other.
    seen: list[object] = []
    reported = threading.Event()

    def work(progress: object) -> None:
        for n in range(20_000):
            progress(n)  # type: ignore[operator]
        reported.set()

    op(work).with_progress(seen.append).run()
    assert reported.wait(10)  # the GUI thread handled no event meanwhile
    qtbot.waitUntil(worker().idle)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == 19_999)
    assert len(seen) <= 2


def test_steps_pass_their_results_on_and_the_long_one_runs_beside_the_database(
    qtbot: QtBot,
) -> None:
    ran: list[tuple[str, object]] = []
    answered: list[object] = []
    release = threading.Event()

    def long_copy(staged: int, progress: object) -> int:
        ran.append((threading.current_thread().name, staged))
        progress("copying")  # type: ignore[operator]
        assert release.wait(20), "the database worker was held by the long step"
        return staged + 1

    def record(copied: int) -> str:
        ran.append((threading.current_thread().name, copied))
        return f"recorded {copied}"

    op(lambda: 1).then(long_copy, beside=True).then(record).with_progress(answered.append).success(
        answered.append
    ).run()
    qtbot.waitUntil(lambda: answered == ["copying"])
    assert not worker().idle(), "an op is busy until its last step is done"
    op(release.set).run()  # the database worker is free while the long step waits
    qtbot.waitUntil(lambda: len(answered) == 2)
    assert answered[1] == "recorded 2"
    assert ran == [("vault-files", 1), ("vault-db", 2)]
    qtbot.waitUntil(worker().idle)


def test_a_step_that_fails_ends_the_op(qtbot: QtBot) -> None:
    seen: list[object] = []
    later: list[object] = []

    def missing(_: object) -> None:
        raise items.UnknownItemError("gone")

    op(lambda: 1).then(missing, beside=True).then(later.append).success(seen.append).failure(
        seen.append
    ).run()
    qtbot.waitUntil(lambda: bool(seen))
    assert isinstance(seen[0], items.UnknownItemError) and not later
    qtbot.waitUntil(worker().idle)


def test_a_result_that_arrives_after_its_widget_was_deleted_is_dropped(qtbot: QtBot) -> None:
    # A view closed while its work ran: the late result must not touch the dead widget.
    release = threading.Event()
    view, other = QListWidget(), QListWidget()
    kept: list[object] = []

    def shown(result: object) -> None:
        view.addItem(str(result))  # the closure holds the widget

    op(lambda: release.wait(5)).success(view.addItem).run()  # a method of the widget
    op(lambda: release.wait(5)).success(shown).run()
    op(lambda: release.wait(5)).owned_by(other).success(kept.append).run()
    op(lambda: "still here").success(kept.append).run()
    view.deleteLater()
    other.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(view) and not shiboken6.isValid(other)
    release.set()
    qtbot.waitUntil(lambda: kept == ["still here"])
    qtbot.waitUntil(worker().idle)


def test_unknown_codes_fall_back_to_the_nearest_parent() -> None:
    class NewLenderProblem(lenders.UnknownLenderError):
        code = "something_new"

    assert errors.message_for(NewLenderProblem("x")) == errors.message_for(
        lenders.UnknownLenderError("x")
    )


SECRET = "note text: 他说明天来我家 AGE-SECRET-KEY-1QQQQ"


@pytest.fixture
def error_handling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Script]:
    """The app's own error handling, with its log in tmp_path and dialogs recorded."""
    monkeypatch.setenv(logfile.LOG_DIR_ENV, str(tmp_path / "logs"))
    hook = sys.excepthook
    with dialogs.scripted() as script:
        yield script
    sys.excepthook = hook
    errors.log_file = None
    tasks.set_default_failure(None)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler) and str(tmp_path) in handler.baseFilename:
            root.removeHandler(handler)
            handler.close()


def _copied(shown: Shown) -> str:
    """What the dialog's copy button puts on the clipboard ("" without one)."""
    if not shown.actions:
        return ""
    (copy,) = shown.actions
    copy.run()
    return QGuiApplication.clipboard().text()


def _assert_sentence_and_log_path(script: Script, log: Path, kind: str) -> None:
    (shown,) = script.shown
    text = shown.text
    assert shown.kind == "warn"
    assert "evidence is safe" in text
    assert str(log) in text and _copied(shown) == str(log), "the dialog names the log file"
    assert "Traceback" not in text and 'File "' not in text and kind not in text, text
    assert "明天" not in text and "AGE-SECRET-KEY" not in text
    details = log.read_text(encoding="utf-8")
    assert kind in details and 'File "' in details, "the details went to the log file"
    assert "明天" not in details and "AGE-SECRET-KEY" not in details, details
    assert log.stat().st_mode & 0o077 == 0


def _fail() -> None:
    raise ZeroDivisionError(SECRET)


def test_a_failing_background_task_shows_a_sentence_and_the_log_path(
    qtbot: QtBot, error_handling: Script
) -> None:
    log = app.install_error_handling(lambda error: errors.show_error(None, error))
    assert log is not None and errors.log_file == log
    op(_fail).run()
    qtbot.waitUntil(lambda: bool(error_handling))
    _assert_sentence_and_log_path(error_handling, log, "ZeroDivisionError")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_a_sentence_and_the_log_path(
    qtbot: QtBot, error_handling: Script
) -> None:
    log = app.install_error_handling(lambda error: errors.show_error(None, error))
    assert log is not None

    def slot() -> None:
        raise LookupError(SECRET)

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(error_handling))
    _assert_sentence_and_log_path(error_handling, log, "LookupError")


def test_without_a_log_file_the_dialog_names_none(
    error_handling: Script,
) -> None:
    try:
        _fail()
    except ZeroDivisionError:
        errors.excepthook(*sys.exc_info())
    (shown,) = error_handling.shown
    text = shown.text
    assert "evidence is safe" in text and _copied(shown) == ""
    assert "Traceback" not in text and "ZeroDivisionError" not in text and "明天" not in text


def test_redact_removes_keys_hashes_and_home_folders() -> None:
    text = "AGE-SECRET-KEY-1ABC /home/li/vault " + "ab" * 32
    cleaned = errors.redact(text)
    assert "AGE-SECRET" not in cleaned and "/home/li" not in cleaned and "ab" * 32 not in cleaned


def test_the_real_dialog_shows_no_details_and_copies_the_log_path(
    qtbot: QtBot, tmp_path: Path
) -> None:
    seen: dict[str, str] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen["text"], seen["details"] = box.text(), box.detailedText()
        (copy,) = [b for b in box.buttons() if "path" in b.text()]
        copy.click()
        box.accept()

    log = tmp_path / "logs" / "evidence-vault.log"
    errors.log_file = log
    QTimer.singleShot(0, answer)
    try:
        errors.show_error(None, ZeroDivisionError(SECRET))
    finally:
        errors.log_file = None
    assert str(log) in seen["text"] and seen["details"] == "", seen
    assert QGuiApplication.clipboard().text() == str(log)
