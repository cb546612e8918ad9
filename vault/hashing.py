"""Content hashes computed while bytes stream past: the import, the SM3 pass, check.

SHA-256 anchors everything (custody log, Merkle leaves, bundle sums) and is the one
hash the import computes; SM3 is the hash Chinese evidence platforms use, derived
afterwards from the stored blob together with SHA-256 (:mod:`vault.ingest.sm3`).
:class:`ParallelHasher` runs each algorithm on its own thread (hashlib releases the
GIL), fed with copies of the batches, so hashing overlaps decryption or encryption and
one slow algorithm (SM3 is ~4x slower than SHA-256 here) does not hold up the others.
"""

from __future__ import annotations

import hashlib
import mmap
import queue
import threading
from collections.abc import Sequence

SHA256 = "sha256"
SM3 = "sm3"
_POOL = 4  # batches in flight: bounds memory to _POOL x batch size


class SerialHasher:
    """All algorithms on the caller's thread: for small files."""

    def __init__(self, algorithms: Sequence[str]) -> None:
        self._hashes = {name: hashlib.new(name) for name in algorithms}

    def update(self, view: memoryview) -> None:
        for digest in self._hashes.values():
            digest.update(view)

    def hexdigests(self) -> dict[str, str]:
        return {name: digest.hexdigest() for name, digest in self._hashes.items()}


class ParallelHasher:
    """One thread per algorithm; ``update`` copies the batch and returns at once."""

    def __init__(self, algorithms: Sequence[str], batch_size: int) -> None:
        self._free: queue.SimpleQueue[mmap.mmap] = queue.SimpleQueue()
        for _ in range(_POOL):
            self._free.put(mmap.mmap(-1, batch_size))  # page-aligned: fast copies
        self._lock = threading.Lock()
        self._users: dict[int, int] = {}
        self._queues: dict[str, queue.SimpleQueue[tuple[mmap.mmap, int] | None]] = {}
        self._hashes = {name: hashlib.new(name) for name in algorithms}
        self._threads = []
        for name in algorithms:
            jobs: queue.SimpleQueue[tuple[mmap.mmap, int] | None] = queue.SimpleQueue()
            self._queues[name] = jobs
            thread = threading.Thread(target=self._run, args=(name, jobs), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _run(self, name: str, jobs: queue.SimpleQueue[tuple[mmap.mmap, int] | None]) -> None:
        digest = self._hashes[name]
        while (job := jobs.get()) is not None:
            buffer, length = job
            with memoryview(buffer) as view:
                digest.update(view[:length])
            self._release(buffer)

    def _release(self, buffer: mmap.mmap) -> None:
        with self._lock:
            self._users[id(buffer)] -= 1
            done = self._users[id(buffer)] == 0
        if done:
            self._free.put(buffer)

    def update(self, view: memoryview) -> None:
        buffer = self._free.get()
        length = len(view)
        buffer[:length] = view
        with self._lock:
            self._users[id(buffer)] = len(self._queues)
        for jobs in self._queues.values():
            jobs.put((buffer, length))

    def hexdigests(self) -> dict[str, str]:
        """Wait for every batch to be hashed; the hasher cannot be updated afterwards."""
        for jobs in self._queues.values():
            jobs.put(None)
        for thread in self._threads:
            thread.join()
        return {name: digest.hexdigest() for name, digest in self._hashes.items()}
