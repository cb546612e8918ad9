"""Background work: one database worker thread, one file thread beside it, and a small
chainable ``op`` helper.

Every call into the vault runs on the one database worker, in the order submitted, so
access to the database is serialised; results come back to the GUI thread by a queued
signal. Usage (as Anki's ``op``)::

    op(lambda: list_items(vault)).success(show).failure(report).run()

The function runs on the worker; ``success``/``failure``/progress callbacks run on
the GUI thread. A function may take a ``progress`` keyword to report values. Progress
is a state, not a stream: one queued signal at a time carries the newest value, so a
worker reporting thousands of small files does not flood the GUI thread with repaints
(the values in between are dropped, never the newest).

Long work on files alone (a backup copying blobs) must not hold the database worker, or
the window could not read the vault meanwhile. Such an op is made of steps: ``then``
adds one, which receives the result of the one before it; ``beside=True`` runs it on the
file thread, which never touches the database::

    op(snapshot).then(copy_files, beside=True).then(record).success(show).run()

The steps follow one another without the GUI thread in between, so a window closed
midway never leaves the work half done; ``success`` gets the last step's result, and a
step that raises ends the op there.

A window can close while its work is still running: a callback that is a method of a
widget, or of an op ``owned_by`` a widget, is dropped once that widget is deleted, so
a late result never touches a destroyed view.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, SignalInstance, Slot

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


class _Thread:
    """A thread that runs the steps given to it, one after another."""

    def __init__(self, name: str, relay: _Relay, pending: _Pending) -> None:
        self._queue: queue.Queue[Op | None] = queue.Queue()
        self._relay = relay
        self._pending = pending
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def put(self, task: Op) -> None:
        self._queue.put(task)

    def stop(self, timeout: float) -> None:
        self._queue.put(None)
        self._thread.join(timeout=timeout)

    def _emitter(self, task: Op) -> Callback:
        latest = _Latest()

        def emit(value: object) -> None:
            if latest.put(value):
                self._send(self._relay.progressed, task, latest)

        return emit

    def _send(self, signal: SignalInstance, task: Op, value: object) -> None:
        """Emit to the GUI thread, unless the application is gone: a task still running
        when the process exits has nobody left to answer."""
        if shiboken6.isValid(self._relay):
            with contextlib.suppress(RuntimeError):  # deleted between the check and the emit
                signal.emit(task, value)

    def _loop(self) -> None:
        while (task := self._queue.get()) is not None:
            try:
                result = task._call(self._emitter(task))
            except Exception as error:
                self._send(self._relay.failed, task, error)
                self._pending.done()  # after the emit: idle means every answer is queued
                continue
            following = task._advance(result)
            if following is not None:
                following.put(task)
                continue
            self._send(self._relay.done, task, result)
            self._pending.done()


class _Pending:
    """How many ops are submitted and not finished, all their steps counted."""

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()

    def started(self) -> None:
        with self._lock:
            self._count += 1

    def done(self) -> None:
        with self._lock:
            self._count -= 1

    def none(self) -> bool:
        with self._lock:
            return self._count == 0


class DbWorker:
    """The one thread where vault calls run, one after another, and the file thread
    beside it (started when an op first has a step for it)."""

    def __init__(self) -> None:
        self._relay = _Relay()
        self._pending = _Pending()
        self._db = _Thread("vault-db", self._relay, self._pending)
        self._files: _Thread | None = None
        self._files_guard = threading.Lock()

    def submit(self, task: Op) -> None:
        self._pending.started()
        task._start(self)

    def thread_for(self, beside: bool) -> _Thread:
        if not beside:
            return self._db
        with self._files_guard:
            if self._files is None:
                self._files = _Thread("vault-files", self._relay, self._pending)
            return self._files

    def idle(self) -> bool:
        """Whether every op submitted has finished, all its steps on either thread."""
        return self._pending.none()

    def stop(self) -> None:
        self._db.stop(timeout=10)
        if self._files is not None:
            # A copy still running is abandoned with the process: what it writes is
            # published only at its end (a backup), so nothing is left half done.
            self._files.stop(timeout=1)


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
        self._steps: list[tuple[Callable[..., Any], bool]] = [(fn, False)]
        self._at = 0  # the step to run next
        self._input: object = None  # the result of the step before it
        self._worker: DbWorker | None = None
        self._success: Callback | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._on_progress: Callback | None = None
        self._owners: list[QObject] = []

    def then(self, fn: Callable[..., Any], *, beside: bool = False) -> Op:
        """A step after the ones given: ``fn(result_of_the_step_before)``, on the file
        thread when ``beside`` (it must then leave the database alone)."""
        self._steps.append((fn, beside))
        return self

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
    def _start(self, worker: DbWorker) -> None:
        self._worker = worker
        worker.thread_for(self._steps[0][1]).put(self)

    def _call(self, emit: Callback) -> Any:
        fn = self._steps[self._at][0]
        args = () if self._at == 0 else (self._input,)
        if "progress" in inspect.signature(fn).parameters:
            return fn(*args, progress=emit)
        return fn(*args)

    def _advance(self, result: object) -> _Thread | None:
        """The thread of the next step, given this step's result; None after the last."""
        self._at += 1
        if self._at == len(self._steps) or self._worker is None:
            return None
        self._input = result
        return self._worker.thread_for(self._steps[self._at][1])

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
