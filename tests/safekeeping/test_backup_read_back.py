"""A copy is read back from the device, not from the page cache: once its writeback is
waited for, dropping its pages leaves none of them in memory (Linux's mincore says so)."""

from __future__ import annotations

import ctypes
import mmap
import os
import sys
from pathlib import Path

import pytest

from vault.fsutil import wait_writeback
from vault.safekeeping import layout
from vault.safekeeping.copying import copy_file, forget_cached

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mincore(2)")


def _resident_pages(path: Path) -> int:
    """How many of ``path``'s pages are in the page cache now."""
    size = path.stat().st_size
    pages = -(-size // mmap.PAGESIZE)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]
    with path.open("rb") as file:
        # Private and writable only so that ctypes can take its address; nothing is written.
        view = mmap.mmap(file.fileno(), size, flags=mmap.MAP_PRIVATE)
        try:
            anchor = ctypes.c_char.from_buffer(view)
            vector = (ctypes.c_ubyte * pages)()
            assert libc.mincore(ctypes.addressof(anchor), size, vector) == 0, ctypes.get_errno()
            del anchor
        finally:
            view.close()
    return sum(page & 1 for page in vector)


def test_a_copy_waited_for_leaves_nothing_cached_to_read_back(tmp_path: Path) -> None:
    if layout.file_system_of(tmp_path) == "tmpfs":
        pytest.skip("a tmpfs folder has no device to read back from")
    source = tmp_path / "source.age"
    source.write_bytes(os.urandom(16 << 20))
    target = tmp_path / "copy.age"
    copy_file(source, target, durable=False)  # as a backup copies: writeback only begun
    assert _resident_pages(target) > 0, "a file just written is in the page cache"
    wait_writeback(target)
    forget_cached(target)
    assert _resident_pages(target) == 0, "reading it back would read memory, not the disk"
    assert target.read_bytes() == source.read_bytes()
