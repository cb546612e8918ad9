"""The SM3 pass in the window's background, after an import and on unlock.

:func:`vault.importing.fill_sm3` as a :class:`ui.background_pass.BackgroundPass`: which
items wait and recording what was computed run on the database worker; decrypting and
hashing the blobs runs on the pass's thread. What a locked vault did not finish, the
next pass or the export computes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from ui.background_pass import BackgroundPass
from ui.tasks import op
from vault.errors import VaultError
from vault.handle import OpenVault
from vault.importing import SM3_GROUP_ITEMS, SM3_GROUP_SECONDS, compute_sm3, pending_sm3, record_sm3
from vault.ingest.sm3 import ComputedSm3, PendingSm3

logger = logging.getLogger(__name__)

Recorded = Callable[[list[ComputedSm3]], None]


class Sm3Pass(BackgroundPass[PendingSm3]):
    name = "sm3-pass"

    def __init__(self, recorded: Recorded) -> None:
        super().__init__()
        self._recorded = recorded  # on the GUI thread, with what each group recorded

    def _waiting(self, vault: OpenVault) -> list[PendingSm3]:
        return pending_sm3(vault)

    def _work(
        self,
        vault: OpenVault,
        waiting: list[PendingSm3],
        cancel: threading.Event,
        halt: threading.Event,
    ) -> None:
        """Compute, and hand each group to the worker to record."""
        group: list[ComputedSm3] = []
        since = time.monotonic()
        for item in waiting:
            if cancel.is_set():
                return
            if halt.is_set():
                break
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

    def _record(self, vault: OpenVault, group: list[ComputedSm3], cancel: threading.Event) -> None:
        if not group:
            return

        def done(_count: object) -> None:
            if not cancel.is_set():
                self._recorded(group)

        op(lambda: record_sm3(vault, group) if not cancel.is_set() else 0).success(done).failure(
            lambda error: logger.warning("SM3 not recorded: %s", type(error).__name__)
        ).run()
