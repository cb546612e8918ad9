# mypy: disable-error-code="no-untyped-call"
"""The one database worker, the op() helper, and errors turned into sentences."""

from __future__ import annotations

import inspect
import sys
import threading

from pytestqt.qtbot import QtBot

from ui import errors
from ui.tasks import op, worker
from vault import complaints, kdf_process, keys, phones, service
from vault.backup import importer, xml_reader
from vault.bundle import export
from vault.db import session as db_session
from vault.errors import VaultError
from vault.ingest import capture, kinds, pipeline
from vault.rules import packfile
from vault.tsa import errors as tsa_errors


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
        raise service.UnknownItemError("gone")

    op(work).with_progress(seen.append).failure(seen.append).run()
    qtbot.waitUntil(lambda: len(seen) == 4)
    assert seen[:3] == [0, 1, 2]
    assert isinstance(seen[3], service.UnknownItemError)
    qtbot.waitUntil(worker().idle)


def _error_classes() -> list[type[VaultError]]:
    found = []
    for module in (
        service,
        keys,
        kdf_process,
        phones,
        db_session,
        capture,
        kinds,
        pipeline,
        export,
        tsa_errors,
        importer,
        xml_reader,
        packfile,
        complaints,
    ):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, VaultError):
                found.append(cls)
    return found


def test_every_error_the_app_can_meet_has_its_own_sentence() -> None:
    missing = sorted({cls.code for cls in _error_classes()} - errors.known_codes())
    assert not missing, f"add a translated sentence to ui/errors.py for: {missing}"


def test_unknown_codes_fall_back_to_the_nearest_parent() -> None:
    class NewLenderProblem(service.UnknownLenderError):
        code = "something_new"

    assert errors.message_for(NewLenderProblem("x")) == errors.message_for(
        service.UnknownLenderError("x")
    )


def test_unexpected_errors_show_redacted_details_without_the_message(qtbot: QtBot) -> None:
    shown: list[tuple[str, str]] = []
    errors.show_dialog = lambda _p, _t, text, details: shown.append((text, details))
    try:
        try:
            raise RuntimeError("note text: 他说明天来我家 AGE-SECRET-KEY-1QQQQ")
        except RuntimeError:
            errors.excepthook(*sys.exc_info())
    finally:
        errors.show_dialog = None
    ((text, details),) = shown
    assert "evidence is safe" in text
    assert "RuntimeError" in details
    assert "明天" not in details and "AGE-SECRET-KEY" not in details, details


def test_redact_removes_keys_hashes_and_home_folders() -> None:
    text = "AGE-SECRET-KEY-1ABC /home/li/vault " + "ab" * 32
    cleaned = errors.redact(text)
    assert "AGE-SECRET" not in cleaned and "/home/li" not in cleaned and "ab" * 32 not in cleaned
