"""A pass over the vault in the window's background: SM3 after an import, OCR of images.

Each pass has three steps, so that nobody waits for it: which items wait is database
work and runs on the one database worker (:mod:`ui.tasks`); the long part (decrypting
and hashing, or reading with Tesseract) touches no database and runs on a thread of the
pass's own, handing what it made back to the worker in groups, each a short op between
the user's own. At most one pass of a kind runs at a time; a start while one runs makes
it look again when it ends. Locking the vault stops it between groups; what it recorded
stays, and the next pass (or the export, or ``evault``) does the rest. The user can stop
it too (:meth:`BackgroundPass.halt`): it begins nothing new, records what it has done and
ends; what waits stays waiting for the next start (an import, an unlock, or the user's
word again).
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Generic, TypeVar

from ui.tasks import op
from vault.handle import OpenVault

logger = logging.getLogger(__name__)

T = TypeVar("T")  # one thing that waits: an item's id, or what SM3 needs of it

Running = Callable[[bool], None]  # on the GUI thread: a pass began work (True) or ended


class BackgroundPass(ABC, Generic[T]):
    """The pass's life: start, stop, the thread, and looking again at the end.

    A pass says what waits (:meth:`_waiting`, on the database worker) and does the work
    (:meth:`_work`, on its thread); :meth:`_ready` may keep it from starting at all."""

    name = "pass"  # the thread's name and the log's word

    def __init__(self, running: Running | None = None) -> None:
        self._cancel: threading.Event | None = None
        self._halt = threading.Event()
        self._again = False
        self._running = running
        self.finished = threading.Event()  # set whenever no pass is running
        self.finished.set()

    @property
    def running(self) -> bool:
        """Whether a pass is under way: from :meth:`start` until it ends or is stopped."""
        return self._cancel is not None

    def start(self, vault: OpenVault) -> None:
        if self._cancel is not None:
            self._again = True
            return
        if not self._ready():
            return
        cancel = self._cancel = threading.Event()
        halt = self._halt = threading.Event()
        self._again = False
        self.finished.clear()
        op(lambda: self._waiting(vault)).success(
            lambda waiting: self._begin(vault, waiting, cancel, halt)
        ).failure(lambda error: self._end(vault, cancel, error)).run()

    def stop(self) -> None:
        """Stop the running pass (the vault is being locked); nothing is lost."""
        was_running = self._cancel is not None
        if self._cancel is not None:
            self._cancel.set()
        self._cancel = None
        self._again = False
        self.finished.set()
        if was_running and self._running is not None:
            self._running(False)

    def halt(self) -> bool:
        """The user stops the running pass: it begins no new item, records what it has
        done and ends (``running(False)``); what waits stays waiting until the next
        :meth:`start`, which a start asked for meanwhile (an import) makes at once.
        False when no pass runs."""
        if self._cancel is None:
            return False
        self._halt.set()
        self._again = False
        return True

    # what a pass says
    def _ready(self) -> bool:
        return True

    @abstractmethod
    def _waiting(self, vault: OpenVault) -> list[T]:
        """What waits, on the database worker."""

    @abstractmethod
    def _work(
        self, vault: OpenVault, waiting: list[T], cancel: threading.Event, halt: threading.Event
    ) -> None:
        """On the pass's thread: do the work, handing groups to the worker to record.
        ``cancel`` (the vault is locked): return at once, record nothing more; ``halt``
        (the user stopped it): begin no new item, record what was done, return."""

    # the life
    def _begin(
        self, vault: OpenVault, waiting: list[T], cancel: threading.Event, halt: threading.Event
    ) -> None:
        if cancel.is_set() or halt.is_set() or not waiting:
            self._end(vault, cancel, None)
            return
        if self._running is not None:
            self._running(True)
        threading.Thread(
            target=self._thread, args=(vault, waiting, cancel, halt), name=self.name, daemon=True
        ).start()

    def _thread(
        self, vault: OpenVault, waiting: list[T], cancel: threading.Event, halt: threading.Event
    ) -> None:
        error: BaseException | None = None
        try:
            self._work(vault, waiting, cancel, halt)
        except Exception as failed:
            error = failed
        # after the groups it recorded: the worker runs ops in the order given
        op(lambda: None).success(lambda _: self._end(vault, cancel, error)).run()

    def _end(self, vault: OpenVault, cancel: threading.Event, error: BaseException | None) -> None:
        if error is not None:
            logger.warning("the %s stopped: %s", self.name, type(error).__name__)
        if cancel is not self._cancel:
            return  # stopped meanwhile
        self._cancel = None
        again, self._again = self._again, False
        if again and not cancel.is_set():
            self.start(vault)
        else:
            self.finished.set()
            if self._running is not None:
                self._running(False)
