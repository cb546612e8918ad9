"""Background work: one database worker thread and a small chainable ``op`` helper.

Every call into the vault runs on the one worker, in the order submitted, so access
to the database is serialised; results come back to the GUI thread by a queued
signal. Usage (as Anki's ``op``)::

    op(lambda: list_items(vault)).success(show).failure(report).run()

The function runs on the worker; ``success``/``failure``/progress callbacks run on
the GUI thread. A function may take a ``progress`` keyword to report values. Progress
is a state, not a stream: one queued signal at a time carries the newest value, so a
worker reporting thousands of small files does not flood the GUI thread with repaints
(the values in between are dropped, never the newest).

A window can close while its work is still running: a callback that is a method of a
widget, or of an op ``owned_by`` a widget, is dropped once that widget is deleted, so
a late result never touches a destroyed view.
"""

from __future__ import annotations

import inspect
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

logger = logging.getLogger(__name__)

Callback = Callable[[Any], None]


class _Relay(QObject):
    """Lives in the GUI thread; signals emitted by the worker arrive here queued."""

    done = Signal(object, object)
    failed = Signal(object, object)
    progressed = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._on_done)
        self.failed.connect(self._on_failed)
        self.progressed.connect(self._on_progress)

    @Slot(object, object)
    def _on_done(self, task: Op, result: object) -> None:
        task._finish(result)

    @Slot(object, object)
    def _on_failed(self, task: Op, error: object) -> None:
        task._fail(error)

    @Slot(object, object)
    def _on_progress(self, task: Op, latest: object) -> None:
        if isinstance(latest, _Latest):
            task._progress(latest.take())


class _Latest:
    """The newest progress value of one task, and whether a signal carrying it waits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: object = None
        self._queued = False

    def put(self, value: object) -> bool:
        """Keep ``value``; true when no signal waits yet, so one must be sent."""
        with self._lock:
            self._value = value
            first, self._queued = not self._queued, True
            return first

    def take(self) -> object:
        with self._lock:
            self._queued = False
            return self._value


class DbWorker:
    """The one thread where vault calls run, one after another."""

    def __init__(self) -> None:
        self._queue: queue.Queue[Op | None] = queue.Queue()
        self._relay = _Relay()
        self._busy = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="vault-db", daemon=True)
        self._thread.start()

    def submit(self, task: Op) -> None:
        with self._lock:
            self._busy += 1
        self._queue.put(task)

    def idle(self) -> bool:
        with self._lock:
            return self._busy == 0

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)

    def _emitter(self, task: Op) -> Callback:
        latest = _Latest()

        def emit(value: object) -> None:
            if latest.put(value):
                self._relay.progressed.emit(task, latest)

        return emit

    def _loop(self) -> None:
        while (task := self._queue.get()) is not None:
            try:
                result = task._call(self._emitter(task))
            except Exception as error:
                self._relay.failed.emit(task, error)
            else:
                self._relay.done.emit(task, result)
            finally:
                with self._lock:
                    self._busy -= 1


_worker: DbWorker | None = None
_default_failure: Callable[[BaseException], None] | None = None


def worker() -> DbWorker:
    global _worker  # noqa: PLW0603 - one worker per process, created on first use
    if _worker is None:
        _worker = DbWorker()
    return _worker


def set_default_failure(handler: Callable[[BaseException], None] | None) -> None:
    """The handler used when an op has no ``failure`` callback (shows the error)."""
    global _default_failure  # noqa: PLW0603
    _default_failure = handler


class Op:
    def __init__(self, fn: Callable[..., Any]) -> None:
        self._fn = fn
        self._success: Callback | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._on_progress: Callback | None = None
        self._owners: list[QObject] = []
        self._wants_progress = "progress" in inspect.signature(fn).parameters

    def success(self, callback: Callback) -> Op:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        self._failure = callback
        return self

    def with_progress(self, callback: Callback) -> Op:
        self._on_progress = callback
        return self

    def owned_by(self, owner: QObject) -> Op:
        """Drop this op's callbacks if ``owner`` is deleted before the work is done."""
        self._owners.append(owner)
        return self

    def run(self) -> Op:
        worker().submit(self)
        return self

    def _gone(self, callback: object) -> bool:
        """Whether a widget the callback belongs to (its ``self``, or one its closure
        holds, or an owner given) has been deleted."""
        cells = getattr(callback, "__closure__", None) or ()
        owners = [*self._owners, getattr(callback, "__self__", None)]
        owners += [cell.cell_contents for cell in cells if _filled(cell)]
        return any(isinstance(o, QObject) and not shiboken6.isValid(o) for o in owners)

    # worker side
    def _call(self, emit: Callback) -> Any:
        if self._wants_progress:
            return self._fn(progress=emit)
        return self._fn()

    # GUI side
    def _finish(self, result: object) -> None:
        if self._success is not None and not self._gone(self._success):
            self._success(result)

    def _fail(self, error: object) -> None:
        if not isinstance(error, BaseException):
            return
        handler = self._failure or _default_failure
        if handler is not None and self._gone(handler):
            return
        if handler is None:
            logger.error("Background operation failed: %s", type(error).__name__)
            return
        handler(error)

    def _progress(self, value: object) -> None:
        if self._on_progress is not None and not self._gone(self._on_progress):
            self._on_progress(value)


def _filled(cell: Any) -> bool:
    try:
        cell.cell_contents  # noqa: B018 - an empty cell raises
    except ValueError:
        return False
    return True


def op(fn: Callable[..., Any]) -> Op:
    return Op(fn)
