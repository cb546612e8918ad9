"""The OCR pass in the window's background, after an import and on unlock.

:func:`vault.ocr.reading.read_waiting` as a :class:`ui.background_pass.BackgroundPass`:
which images wait and recording what was read run on the database worker; decrypting an
image into memory and piping it to a Tesseract child process run on the pass's threads,
one child per core. What a locked vault did not read, the next unlock reads; what the
user stopped (:meth:`~ui.background_pass.BackgroundPass.halt`) keeps what was read,
images being read included, and the rest waits for the next start. No Tesseract on this
computer: the pass does nothing and the images keep waiting (``evault ocr`` says why).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from ui.background_pass import BackgroundPass, Running
from ui.tasks import op
from vault.errors import VaultError
from vault.handle import OpenVault
from vault.ocr.engine import Engine, OcrEngineMissingError, find_engine
from vault.ocr.reading import (
    GROUP_ITEMS,
    GROUP_SECONDS,
    Reading,
    default_workers,
    read_item,
    record_readings,
    waiting_ids,
)
from vault.ocr.worker import workers as tesseract_workers

logger = logging.getLogger(__name__)

Recorded = Callable[[list[str]], None]  # ids of the items whose text was recorded
Progress = Callable[[int, int], None]  # images read so far, images this pass reads


class OcrPass(BackgroundPass[str]):
    name = "ocr-pass"

    def __init__(
        self,
        recorded: Recorded,
        progress: Progress | None = None,
        running: Running | None = None,
    ) -> None:
        super().__init__(running)
        self._recorded = recorded  # on the GUI thread
        self._progress = progress  # on the GUI thread, after each group is recorded
        self._read_count = 0
        self._engine: Engine | None = None

    def _ready(self) -> bool:
        self._read_count = 0
        return True

    def _waiting(self, vault: OpenVault) -> list[str]:
        """On the database worker, as the GUI thread must not wait for Tesseract to say
        its version and languages; found once per process."""
        if self._engine is None:
            try:
                self._engine = find_engine()
            except OcrEngineMissingError:
                logger.info("no Tesseract: images wait to be read")
                return []
        return waiting_ids(vault)

    def _work(
        self, vault: OpenVault, waiting: list[str], cancel: threading.Event, halt: threading.Event
    ) -> None:
        """Read with one Tesseract per core, record in groups; halted, the images being
        read are still recorded, and the rest are passed over at once."""
        engine = self._engine
        if engine is None:
            return
        group: list[Reading] = []
        since = time.monotonic()

        def one(item_id: str) -> Reading | None:
            if cancel.is_set() or halt.is_set():
                return None
            try:
                return read_item(vault, readers, item_id)
            except (VaultError, OSError) as error:
                logger.warning("no text for an image: %s", type(error).__name__)
                return None

        count = max(1, min(default_workers(), len(waiting)))
        with (
            tesseract_workers(engine, count) as readers,
            ThreadPoolExecutor(count, thread_name_prefix="ocr") as pool,
        ):
            for reading in pool.map(one, waiting):
                if cancel.is_set():
                    return
                if reading is not None:
                    group.append(reading)
                if len(group) >= GROUP_ITEMS or time.monotonic() - since >= GROUP_SECONDS:
                    self._record(vault, engine, group, cancel, len(waiting))
                    group, since = [], time.monotonic()
        self._record(vault, engine, group, cancel, len(waiting))

    def _record(
        self,
        vault: OpenVault,
        engine: Engine,
        group: list[Reading],
        cancel: threading.Event,
        total: int,
    ) -> None:
        if not group:
            return
        ids = [reading.item_id for reading in group]

        def done(_count: object) -> None:
            if not cancel.is_set():
                self._read_count += len(ids)
                self._recorded(ids)
                if self._progress is not None:
                    self._progress(self._read_count, total)

        op(lambda: record_readings(vault, engine, group) if not cancel.is_set() else 0).success(
            done
        ).failure(lambda error: logger.warning("text not recorded: %s", type(error).__name__)).run()
