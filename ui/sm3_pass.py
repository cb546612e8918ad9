"""The SM3 pass in the window's background, after an import and on unlock.

:func:`vault.importing.fill_sm3` in three steps, so that nobody waits for it: which items
wait and recording what was computed are database work and run on the one database
worker (:mod:`ui.tasks`), each a short op between the user's own; decrypting and hashing
the blobs touches no database and runs on a thread of its own. Locking the vault stops
the pass between blocks; what it recorded stays, and the next pass (or the export)
computes the rest.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from ui.tasks import op
from vault.errors import VaultError
from vault.handle import OpenVault
from vault.importing import SM3_GROUP_ITEMS, SM3_GROUP_SECONDS, compute_sm3, pending_sm3, record_sm3
from vault.ingest.sm3 import ComputedSm3, PendingSm3

logger = logging.getLogger(__name__)

Recorded = Callable[[list[ComputedSm3]], None]


class Sm3Pass:
    """At most one pass at a time; a start while one runs makes it look again at the end."""

    def __init__(self, recorded: Recorded) -> None:
        self._recorded = recorded  # on the GUI thread, with what each group recorded
        self._cancel: threading.Event | None = None
        self._again = False
        self.finished = threading.Event()  # set whenever no pass is running
        self.finished.set()

    def start(self, vault: OpenVault) -> None:
        if self._cancel is not None:
            self._again = True
            return
        cancel = self._cancel = threading.Event()
        self._again = False
        self.finished.clear()
        op(lambda: pending_sm3(vault)).success(
            lambda todo: self._hash(vault, todo, cancel)
        ).failure(lambda error: self._end(vault, cancel, error)).run()

    def stop(self) -> None:
        """Stop the running pass (the vault is being locked); nothing is lost."""
        if self._cancel is not None:
            self._cancel.set()
        self._cancel = None
        self._again = False
        self.finished.set()

    def _hash(self, vault: OpenVault, todo: list[PendingSm3], cancel: threading.Event) -> None:
        if cancel.is_set() or not todo:
            self._end(vault, cancel, None)
            return
        threading.Thread(
            target=self._run, args=(vault, todo, cancel), name="sm3-pass", daemon=True
        ).start()

    def _run(self, vault: OpenVault, todo: list[PendingSm3], cancel: threading.Event) -> None:
        """On the hashing thread: compute, and hand each group to the worker to record."""
        group: list[ComputedSm3] = []
        since = time.monotonic()
        for item in todo:
            if cancel.is_set():
                return
            try:
                computed = compute_sm3(vault, item, cancel=cancel)
            except InterruptedError:
                return
            except (VaultError, OSError) as error:
                logger.warning("no SM3 for an item: %s", getattr(error, "code", type(error)))
                continue
            if computed is not None:
                group.append(computed)
            if len(group) >= SM3_GROUP_ITEMS or time.monotonic() - since >= SM3_GROUP_SECONDS:
                self._record(vault, group, cancel)
                group, since = [], time.monotonic()
        self._record(vault, group, cancel)
        op(lambda: None).success(lambda _: self._end(vault, cancel, None)).run()

    def _record(self, vault: OpenVault, group: list[ComputedSm3], cancel: threading.Event) -> None:
        if not group:
            return

        def done(_count: object) -> None:
            if not cancel.is_set():
                self._recorded(group)

        op(lambda: record_sm3(vault, group) if not cancel.is_set() else 0).success(done).failure(
            lambda error: logger.warning("SM3 not recorded: %s", type(error).__name__)
        ).run()

    def _end(self, vault: OpenVault, cancel: threading.Event, error: BaseException | None) -> None:
        if error is not None:
            logger.warning("the SM3 pass stopped: %s", type(error).__name__)
        if cancel is not self._cancel:
            return  # stopped meanwhile
        self._cancel = None
        again, self._again = self._again, False
        if again and not cancel.is_set():
            self.start(vault)
        else:
            self.finished.set()
