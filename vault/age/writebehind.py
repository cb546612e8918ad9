"""Write-behind: a thread writes finished buffers while the caller fills the next one.

Encryption and hashing release the GIL, and so do ``write`` system calls, so on two
cores the write of batch n overlaps the encryption of batch n+1.
"""

from __future__ import annotations

import mmap
import queue
import threading
from typing import BinaryIO

from vault.age.buffers import borrow, give_back
from vault.fsutil import start_writeback

WRITEBACK_BYTES = 16 << 20  # start disk writeback every 16 MiB written


def _fileno(dst: BinaryIO) -> int | None:
    try:
        return dst.fileno()
    except (AttributeError, OSError, ValueError):  # BytesIO, armor wrappers
        return None


def _tell(dst: BinaryIO) -> int:
    try:
        return dst.tell()
    except (AttributeError, OSError, ValueError):
        return 0


class WriteBehind:
    """A pool of page-aligned buffers written to ``dst`` in order by one thread."""

    def __init__(
        self, dst: BinaryIO, buffer_size: int, depth: int = 3, *, durable: bool = False
    ) -> None:
        """``durable``: the caller will fsync, so start disk writeback as data is written."""
        self._dst = dst
        self._durable = durable
        self._buffers = [borrow(buffer_size) for _ in range(depth)]
        self._free: queue.SimpleQueue[mmap.mmap] = queue.SimpleQueue()
        for buffer in self._buffers:
            self._free.put(buffer)
        self._pending: queue.SimpleQueue[tuple[mmap.mmap, int] | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="age-write-behind", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        fd = _fileno(self._dst) if self._durable else None
        position = flushed = _tell(self._dst)
        while (job := self._pending.get()) is not None:
            buffer, length = job
            if self._error is None:
                try:
                    with memoryview(buffer) as view:
                        self._dst.write(view[:length])
                    position += length
                    if fd is not None and position - flushed >= WRITEBACK_BYTES:
                        start_writeback(fd, flushed, position - flushed)
                        flushed = position
                except BaseException as error:  # handed to the caller's thread
                    self._error = error
            self._free.put(buffer)

    def _raise_pending_error(self) -> None:
        if self._error is not None:
            raise self._error

    def acquire(self) -> mmap.mmap:
        """A free buffer to fill (waits while all are being written)."""
        self._raise_pending_error()
        return self._free.get()

    def submit(self, buffer: mmap.mmap, length: int) -> None:
        self._pending.put((buffer, length))

    def close(self) -> None:
        """Wait for every submitted buffer to be written; re-raise a write error."""
        if self._thread.is_alive():
            self._pending.put(None)
            self._thread.join()
        for buffer in self._buffers:
            give_back(buffer)
        self._buffers = []
        self._raise_pending_error()


class WriteThrough:
    """The same interface as :class:`WriteBehind`, writing at once on the caller's thread.

    For small files, where starting a thread costs more than it saves.
    """

    def __init__(self, dst: BinaryIO, buffer_size: int) -> None:
        self._dst = dst
        self._buffer = borrow(buffer_size)

    def acquire(self) -> mmap.mmap:
        return self._buffer

    def submit(self, buffer: mmap.mmap, length: int) -> None:
        with memoryview(buffer) as view:
            self._dst.write(view[:length])

    def close(self) -> None:
        give_back(self._buffer)
