"""The one home of what differs between operating systems: both ways of each, run here.

Linux has ``os.pread`` and folder fsync; the branch a system without them takes
(Windows) is real code too, called directly here on real files, so a Windows build does
not ship a path that never ran.
"""

from __future__ import annotations

import io
import os
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from vault import importing, portable
from vault.age import AgeReader, X25519Identity, encrypt
from vault.age import reader as age_reader
from vault.age.stream import CHUNK_SIZE
from vault.fsutil import atomic_write, make_private_dir
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.ingest import pipeline
from vault.items import get_item, open_item

READERS: list[Callable[[int, int, int], bytes]] = [portable.pread_native, portable.pread_by_seek]
DATA = os.urandom(200_003)


@pytest.fixture
def fd(tmp_path: Path) -> Iterator[int]:
    path = tmp_path / "data.bin"
    path.write_bytes(DATA)
    descriptor = os.open(path, os.O_RDONLY | portable.BINARY)
    yield descriptor
    os.close(descriptor)


def test_linux_takes_the_native_branches() -> None:
    assert portable.pread is portable.pread_native
    assert portable.fsync_dir is portable.sync_directory
    assert portable.FILE_MODES


@pytest.mark.parametrize("read", READERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("offset", "size"),
    [(0, 0), (0, 10), (5, 65_536), (199_990, 100), (200_003, 5), (300_000, 1), (0, 200_003)],
)
def test_a_positional_read_equals_the_slice(
    fd: int, read: Callable[[int, int, int], bytes], offset: int, size: int
) -> None:
    assert read(fd, size, offset) == DATA[offset : offset + size]


@pytest.mark.parametrize("read", READERS, ids=lambda f: f.__name__)
def test_a_positional_read_leaves_the_position_where_it_was(
    fd: int, read: Callable[[int, int, int], bytes]
) -> None:
    os.lseek(fd, 1234, os.SEEK_SET)
    read(fd, 5000, 100_000)
    assert os.lseek(fd, 0, os.SEEK_CUR) == 1234
    assert os.read(fd, 4) == DATA[1234:1238], "the next plain read goes on from 1234"


@pytest.mark.parametrize("read", READERS, ids=lambda f: f.__name__)
def test_a_negative_offset_or_size_is_refused(
    fd: int, read: Callable[[int, int, int], bytes]
) -> None:
    with pytest.raises(ValueError, match="not negative"):
        read(fd, -1, 0)
    with pytest.raises(ValueError, match="not negative"):
        read(fd, 1, -1)


def test_the_seek_fallback_is_safe_for_many_threads_on_one_descriptor(fd: int) -> None:
    """Without its lock, one thread's seek lands between another's seek and read."""
    wrong: list[int] = []

    def work(seed: int) -> None:
        for i in range(300):
            offset = (seed * 7919 + i * 104_729) % len(DATA)
            if portable.pread_by_seek(fd, 3000, offset) != DATA[offset : offset + 3000]:
                wrong.append(offset)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == [], f"{len(wrong)} reads returned the bytes of another offset"


def test_the_age_reader_works_on_the_seek_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a system without os.pread runs: random access from several threads at once."""
    identity = X25519Identity.generate()
    plain = os.urandom(5 * CHUNK_SIZE + 321)
    path = tmp_path / "blob.age"
    with path.open("wb") as dst:
        encrypt(io.BytesIO(plain), dst, [identity.recipient()])
    monkeypatch.setattr(age_reader, "pread", portable.pread_by_seek)
    wrong: list[int] = []
    with AgeReader(path, [identity]) as reader:

        def work(seed: int) -> None:
            for i in range(30):
                offset = (seed * 7919 + i * 104_729) % len(plain)
                if reader.pread(offset, 70_000) != plain[offset : offset + 70_000]:
                    wrong.append(offset)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert reader.read() == plain
    assert wrong == []


def test_a_folder_fsync_opens_the_folder_and_the_windows_branch_touches_nothing(
    tmp_path: Path,
) -> None:
    portable.sync_directory(tmp_path)
    missing = tmp_path / "gone"
    with pytest.raises(FileNotFoundError):
        portable.sync_directory(missing)
    portable.skip_directory_sync(missing)  # no folder fsync there: nothing is opened


def test_atomic_write_and_private_folders_get_exactly_owner_only_modes(tmp_path: Path) -> None:
    old = os.umask(0)  # the modes are set, not left to the umask
    try:
        deep = tmp_path / "a" / "b"
        make_private_dir(deep)
        with atomic_write(deep / "f.json") as out:
            out.write(b"{}\r\n\x1a")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE(deep.stat().st_mode) == 0o700
    assert stat.S_IMODE((deep / "f.json").stat().st_mode) == 0o600
    assert (deep / "f.json").read_bytes() == b"{}\r\n\x1a", "written as bytes, never as text"


def test_restrict_sets_a_path_or_a_descriptor_and_sees_who_else_may_read(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x")
    path.chmod(0o644)
    assert portable.others_may_access(path.stat().st_mode)
    portable.restrict(path, 0o600)
    assert not portable.others_may_access(path.stat().st_mode)
    path.chmod(0o640)
    descriptor = os.open(path, os.O_RDONLY)
    try:
        portable.restrict(descriptor, 0o600)
    finally:
        os.close(descriptor)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_file_lock_is_refused_while_another_descriptor_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "lock"
    path.write_bytes(b"")
    first = os.open(path, os.O_RDWR)
    second = os.open(path, os.O_RDWR)
    try:
        assert portable.try_lock_file(first)
        assert not portable.try_lock_file(second), "a second holder is refused at once"
        taken = threading.Event()

        def wait_for_it() -> None:
            portable.lock_file(second)
            taken.set()

        waiter = threading.Thread(target=wait_for_it)
        waiter.start()
        assert not taken.wait(0.3), "lock_file waits while the first descriptor holds it"
        os.close(first)
        first = -1
        assert taken.wait(10), "closing the first descriptor gives the lock to the waiter"
        waiter.join()
    finally:
        for descriptor in (first, second):
            if descriptor >= 0:
                os.close(descriptor)


def test_an_import_on_the_seek_fallback_stores_the_file_byte_for_byte(
    vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a system without os.pread runs on import: the head read by position, the
    metadata and the whole file then read from the same descriptor and its twin."""
    from PIL import Image  # noqa: PLC0415

    monkeypatch.setattr(pipeline, "pread", portable.pread_by_seek)
    monkeypatch.setattr(importing, "pread", portable.pread_by_seek)
    shot = tmp_path / "Screenshot_2024-03-15-21-50-01.png"
    Image.new("RGB", (64, 64), (200, 30, 30)).save(shot)
    report = import_paths(vault, [shot])
    (result,) = report.results
    assert result.item_id, result.reason
    with open_item(vault, result.item_id) as reader:
        assert reader.pread(0, reader.size) == shot.read_bytes()
    assert get_item(vault, result.item_id).kind == "screenshot", "the head was read right"
