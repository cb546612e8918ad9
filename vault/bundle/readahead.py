"""Run a block producer one step ahead on a helper thread.

Decrypting (export) or inflating and CRC-checking (verify) happens on the helper while
the caller hashes and writes the previous block; ``hashlib``, ``zlib`` and file I/O
release the GIL on large buffers, so the two overlap on two cores. At most ``depth``
blocks wait in between, so memory stays bounded.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Generator, Iterator

DEFAULT_DEPTH = 4


class _End:
    pass


_END = _End()


def read_ahead(blocks: Iterator[bytes], depth: int = DEFAULT_DEPTH) -> Generator[bytes, None, None]:
    """Yield what ``blocks`` yields, produced on a helper thread; its errors re-raise here."""
    pending: queue.Queue[bytes | BaseException | _End] = queue.Queue(depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for block in blocks:
                if stop.is_set():
                    return
                pending.put(block)
            pending.put(_END)
        except BaseException as error:  # handed to the consumer, which raises it
            pending.put(error)

    worker = threading.Thread(target=produce, name="read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            item = pending.get()
            if isinstance(item, _End):
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            with contextlib.suppress(queue.Empty):
                pending.get(timeout=0.05)
        worker.join()
