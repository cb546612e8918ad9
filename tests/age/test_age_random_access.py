"""Random access equals slicing the plaintext; any altered byte is detected."""

from __future__ import annotations

import gc
import io
import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vault import errors
from vault.age import AgeReader, X25519Identity, decrypt, encrypt
from vault.age.stream import CHUNK_SIZE, ENC_CHUNK_SIZE

IDENTITY = X25519Identity.generate()
PLAIN = os.urandom(3 * CHUNK_SIZE + 777)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ra") / "sample.age"
    with path.open("wb") as dst:
        encrypt(io.BytesIO(PLAIN), dst, [IDENTITY.recipient()])
    return path


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(offset=st.integers(0, len(PLAIN) + 10), size=st.integers(0, 2 * CHUNK_SIZE + 5))
def test_any_range_equals_the_same_slice(sample: Path, offset: int, size: int) -> None:
    with AgeReader(sample, [IDENTITY]) as reader:
        assert reader.pread(offset, size) == PLAIN[offset : offset + size]
        reader.seek(offset)
        expected = PLAIN[offset : offset + size]
        assert reader.read(size) == expected
        assert reader.tell() == offset + len(expected)


def test_seek_from_end_and_io_wrappers(sample: Path) -> None:
    with AgeReader(sample, [IDENTITY]) as reader:
        assert reader.seek(-10, io.SEEK_END) == len(PLAIN) - 10
        assert reader.read() == PLAIN[-10:]
        reader.seek(0)
        assert io.BufferedReader(reader).read() == PLAIN


def test_many_threads_read_one_reader(sample: Path) -> None:
    failures: list[str] = []
    with AgeReader(sample, [IDENTITY]) as reader:

        def work(seed: int) -> None:
            for i in range(40):
                offset = (seed * 7919 + i * 104729) % len(PLAIN)
                if reader.pread(offset, 5000) != PLAIN[offset : offset + 5000]:
                    failures.append(f"thread {seed} offset {offset}")

        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []


def test_truncation_at_a_chunk_boundary_is_found_on_open(sample: Path, tmp_path: Path) -> None:
    data = sample.read_bytes()
    cut = tmp_path / "cut.age"
    cut.write_bytes(data[: -(len(PLAIN) % CHUNK_SIZE + 16)])  # drop the whole final chunk
    with pytest.raises(errors.TruncatedError) as caught:
        AgeReader(cut, [IDENTITY])
    assert caught.value.chunk == 3


def test_truncation_inside_a_chunk_is_found_on_open(sample: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.age"
    cut.write_bytes(sample.read_bytes()[:-100])
    with pytest.raises(errors.PayloadError):
        AgeReader(cut, [IDENTITY])


def test_a_corrupt_middle_chunk_names_its_chunk(sample: Path, tmp_path: Path) -> None:
    data = bytearray(sample.read_bytes())
    header_size = len(data) - 16 - (len(PLAIN) + 4 * 16)
    position = header_size + 16 + ENC_CHUNK_SIZE + 10  # inside chunk 1
    data[position] ^= 1
    bad = tmp_path / "bad.age"
    bad.write_bytes(bytes(data))
    with AgeReader(bad, [IDENTITY]) as reader:
        assert reader.pread(0, 100) == PLAIN[:100]  # chunk 0 is still readable
        with pytest.raises(errors.PayloadError) as caught:
            reader.pread(CHUNK_SIZE, 10)
        assert caught.value.chunk == 1


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_flipping_any_byte_is_detected(sample: Path, tmp_path: Path, data: st.DataObject) -> None:
    original = sample.read_bytes()
    position = data.draw(st.integers(0, len(original) - 1), label="position")
    bit = data.draw(st.integers(0, 7), label="bit")
    tampered = bytearray(original)
    tampered[position] ^= 1 << bit
    path = tmp_path / f"flip-{position}-{bit}.age"
    path.write_bytes(bytes(tampered))
    with pytest.raises(errors.AgeError), path.open("rb") as src:
        decrypt(src, io.BytesIO(), [IDENTITY])
    with pytest.raises(errors.AgeError), AgeReader(path, [IDENTITY]) as reader:
        reader.read()


def test_every_header_byte_is_protected(sample: Path, tmp_path: Path) -> None:
    original = sample.read_bytes()
    header_end = original.index(b"\n---") + 48
    for position in range(header_end):
        tampered = bytearray(original)
        tampered[position] ^= 0x20
        with pytest.raises(errors.AgeError):
            decrypt(io.BytesIO(bytes(tampered)), io.BytesIO(), [IDENTITY])


def test_wrong_identity_and_not_age(sample: Path, tmp_path: Path) -> None:
    with pytest.raises(errors.NoIdentityMatchError):
        AgeReader(sample, [X25519Identity.generate()])
    other = tmp_path / "photo.jpg"
    other.write_bytes(b"\xff\xd8\xff\xe0 not an age file")
    with pytest.raises(errors.NotAgeFileError):
        AgeReader(other, [IDENTITY])


def test_a_reader_that_failed_to_open_never_closes_someone_elses_descriptor(
    sample: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.age"
    bad.write_bytes(sample.read_bytes()[:-100])
    for _ in range(20):
        with pytest.raises(errors.PayloadError) as caught:
            AgeReader(bad, [IDENTITY])
        # The failed reader's descriptor number is now free and the next open reuses it;
        # letting the failed reader be collected must not close the new file.
        with sample.open("rb") as other:
            del caught
            gc.collect()
            assert other.read(21) == b"age-encryption.org/v1"
