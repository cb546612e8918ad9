"""Reusable page-aligned buffers.

A fresh anonymous mapping costs a page fault (and zeroing) on the first touch of
every page and an munmap at the end; for an import of many small files that was a
tenth of the work. Buffers are therefore borrowed from a small shared pool and
returned, so steady-state writes touch pages that are already mapped.
"""

from __future__ import annotations

import mmap
import threading
from collections import defaultdict

_KEEP_PER_SIZE = 16  # idle buffers kept for each size (a few MiB at most)
_lock = threading.Lock()
_idle: defaultdict[int, list[mmap.mmap]] = defaultdict(list)


def borrow(size: int) -> mmap.mmap:
    """A page-aligned buffer of exactly ``size`` bytes; give it back with :func:`give_back`."""
    with _lock:
        idle = _idle.get(size)
        if idle:
            return idle.pop()
    return mmap.mmap(-1, size)


def give_back(buffer: mmap.mmap) -> None:
    """Return a buffer for reuse (or unmap it when the pool for its size is full).

    Its old contents stay until it is overwritten; buffers only ever hold data of
    this process, and each user writes before it reads.
    """
    with _lock:
        idle = _idle[len(buffer)]
        if len(idle) < _KEEP_PER_SIZE:
            idle.append(buffer)
            return
    buffer.close()
