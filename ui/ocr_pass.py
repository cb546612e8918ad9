"""The OCR pass in the window's background, after an import and on unlock.

:func:`vault.ocr.reading.read_waiting` in three steps, like :mod:`ui.sm3_pass`: which
images wait and recording what was read are database work and run on the one database
worker (:mod:`ui.tasks`); decrypting an image into memory and piping it to Tesseract
touch no database and run on threads of their own, one Tesseract per core. Locking
the vault stops the pass after the images being read; what it recorded stays, and the
next unlock reads the rest. No Tesseract on this computer: the pass does nothing and
the images keep waiting (``evault ocr`` says why).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

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

logger = logging.getLogger(__name__)

Recorded = Callable[[list[str]], None]  # ids of the items whose text was recorded
Progress = Callable[[int, int], None]  # images read so far, images this pass reads


class OcrPass:
    """At most one pass at a time; a start while one runs makes it look again at the end."""

    def __init__(self, recorded: Recorded, progress: Progress | None = None) -> None:
        self._recorded = recorded  # on the GUI thread
        self._progress = progress  # on the GUI thread, after each group is recorded
        self._read_count = 0
        self._cancel: threading.Event | None = None
        self._again = False
        self.finished = threading.Event()  # set whenever no pass is running
        self.finished.set()

    def start(self, vault: OpenVault) -> None:
        if self._cancel is not None:
            self._again = True
            return
        try:
            engine = find_engine()
        except OcrEngineMissingError:
            logger.info("no Tesseract: images wait to be read")
            return
        cancel = self._cancel = threading.Event()
        self._again = False
        self.finished.clear()
        op(lambda: waiting_ids(vault)).success(
            lambda todo: self._read(vault, engine, todo, cancel)
        ).failure(lambda error: self._end(vault, cancel, error)).run()

    def stop(self) -> None:
        """Stop the running pass (the vault is being locked); nothing is lost."""
        if self._cancel is not None:
            self._cancel.set()
        self._cancel = None
        self._again = False
        self.finished.set()

    def _read(
        self, vault: OpenVault, engine: Engine, todo: list[str], cancel: threading.Event
    ) -> None:
        if cancel.is_set() or not todo:
            self._end(vault, cancel, None)
            return
        self._read_count = 0
        threading.Thread(
            target=self._run, args=(vault, engine, todo, cancel), name="ocr-pass", daemon=True
        ).start()

    def _run(
        self, vault: OpenVault, engine: Engine, todo: list[str], cancel: threading.Event
    ) -> None:
        """On the pass's thread: read with one Tesseract per core, record in groups."""
        group: list[Reading] = []
        since = time.monotonic()

        def one(item_id: str) -> Reading | None:
            if cancel.is_set():
                return None
            try:
                return read_item(vault, engine, item_id)
            except (VaultError, OSError) as error:
                logger.warning("no text for an image: %s", type(error).__name__)
                return None

        with ThreadPoolExecutor(default_workers(), thread_name_prefix="ocr") as pool:
            for reading in pool.map(one, todo):
                if cancel.is_set():
                    return
                if reading is not None:
                    group.append(reading)
                if len(group) >= GROUP_ITEMS or time.monotonic() - since >= GROUP_SECONDS:
                    self._record(vault, engine, group, cancel, len(todo))
                    group, since = [], time.monotonic()
        self._record(vault, engine, group, cancel, len(todo))
        op(lambda: None).success(lambda _: self._end(vault, cancel, None)).run()

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

    def _end(self, vault: OpenVault, cancel: threading.Event, error: BaseException | None) -> None:
        if error is not None:
            logger.warning("the OCR pass stopped: %s", type(error).__name__)
        if cancel is not self._cancel:
            return  # stopped meanwhile
        self._cancel = None
        again, self._again = self._again, False
        if again and not cancel.is_set():
            self.start(vault)
        else:
            self.finished.set()
