"""A copy is read back from the device, not from the page cache: once its writeback is
waited for, its pages are dropped, and only its first block is asked of the device again
ahead of the reading (Linux's mincore says so)."""

from __future__ import annotations

import ctypes
import mmap
import os
import sys
from pathlib import Path

import pytest

from vault.safekeeping import layout
from vault.safekeeping.copying import READ_AHEAD, copy_file, prepare_read_back

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


def test_a_copy_prepared_for_reading_back_keeps_none_of_its_written_pages(
    tmp_path: Path,
) -> None:
    if layout.file_system_of(tmp_path) == "tmpfs":
        pytest.skip("a tmpfs folder has no device to read back from")
    source = tmp_path / "source.age"
    source.write_bytes(os.urandom(16 << 20))
    target = tmp_path / "copy.age"
    copy_file(source, target, durable=False)  # as a backup copies: writeback only begun
    assert _resident_pages(target) > 0, "a file just written is in the page cache"
    prepare_read_back(target)
    # All 16 MiB were in memory; what is there now is at most the first block, read from
    # the device again by the read-ahead: the rest will be read from the device too.
    assert _resident_pages(target) <= READ_AHEAD // mmap.PAGESIZE, "it would read memory"
    assert target.read_bytes() == source.read_bytes()
