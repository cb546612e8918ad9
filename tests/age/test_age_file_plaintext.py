"""Reading a whole age file on disk back (iter_file_plaintext) decides as the stream
decryption does: every binary C2SP/CCTV vector has the same outcome, the same plaintext
when it opens, and damage at any place in a long file is named by its chunk."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from tests.age.test_age_vectors import OUTCOMES, load, outcome, vector_paths
from vault import errors
from vault.age import X25519Identity, encrypt
from vault.age.reader import BlockBuffers, iter_file_plaintext
from vault.age.stream import ENC_CHUNK_SIZE


def _read_file(path: Path, identities: list) -> tuple[str, str]:  # type: ignore[type-arg]
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY)
    try:
        for chunk in iter_file_plaintext(fd, identities, block=3):
            digest.update(chunk)
    except errors.VaultError as error:
        return next(label for kind, label in OUTCOMES if isinstance(error, kind)), ""
    finally:
        os.close(fd)
    return "success", digest.hexdigest()


@pytest.mark.parametrize(
    "path", [p for p in vector_paths() if not load(p).armored], ids=lambda p: p.name
)
def test_a_vector_read_from_disk_has_the_stream_decryptions_outcome(
    path: Path, tmp_path: Path
) -> None:
    vector = load(path)
    file = tmp_path / "vector.age"
    file.write_bytes(vector.body)
    expected, digest = outcome(vector)
    got, file_digest = _read_file(file, vector.identities)
    assert got == expected, f"{vector.name}: the stream says {expected}, the file reader {got}"
    if got == "success":
        assert file_digest == digest, f"{vector.name}: the plaintext differs"


@pytest.fixture
def long_file(tmp_path: Path) -> tuple[Path, X25519Identity, bytes]:
    identity = X25519Identity.generate()
    plain = os.urandom(10 * 65536 + 1234)  # 11 chunks: blocks of 3 end mid-file and at the end
    sealed = io.BytesIO()
    encrypt(io.BytesIO(plain), sealed, [identity.recipient()])
    path = tmp_path / "long.age"
    path.write_bytes(sealed.getvalue())
    return path, identity, plain


def _payload_start(path: Path) -> int:
    return path.stat().st_size - (10 * ENC_CHUNK_SIZE + 1234 + 16)


def test_a_long_file_reads_back_whole(long_file: tuple[Path, X25519Identity, bytes]) -> None:
    path, identity, plain = long_file
    assert _read_file(path, [identity]) == ("success", hashlib.sha256(plain).hexdigest())


@pytest.mark.parametrize("chunk", [0, 2, 3, 7, 10])
def test_a_flipped_byte_is_named_by_its_chunk(
    long_file: tuple[Path, X25519Identity, bytes], chunk: int
) -> None:
    path, identity, _ = long_file
    data = bytearray(path.read_bytes())
    data[_payload_start(path) + chunk * ENC_CHUNK_SIZE + 100] ^= 1
    path.write_bytes(bytes(data))
    fd = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(errors.PayloadError) as caught:
            for _ in iter_file_plaintext(fd, [identity], block=3):
                pass
    finally:
        os.close(fd)
    assert caught.value.chunk == chunk


@pytest.mark.parametrize(
    ("cut", "error"),
    [
        (1234 + 16, errors.TruncatedError),  # the final chunk gone: the one before is not final
        (20, errors.PayloadError),  # the final chunk cut short
    ],
)
def test_a_truncated_file_is_refused(
    long_file: tuple[Path, X25519Identity, bytes], cut: int, error: type[errors.PayloadError]
) -> None:
    path, identity, _ = long_file
    path.write_bytes(path.read_bytes()[:-cut])
    assert _read_file(path, [identity])[0] == "payload failure"
    fd = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(error):
            for _ in iter_file_plaintext(fd, [identity]):
                pass
    finally:
        os.close(fd)


def test_trailing_data_after_the_final_chunk_is_refused(
    long_file: tuple[Path, X25519Identity, bytes], tmp_path: Path
) -> None:
    path, identity, _ = long_file
    path.write_bytes(path.read_bytes() + os.urandom(ENC_CHUNK_SIZE))
    assert _read_file(path, [identity])[0] == "payload failure"


def test_files_read_one_after_another_through_the_same_buffers_each_read_whole(
    long_file: tuple[Path, X25519Identity, bytes], tmp_path: Path
) -> None:
    """A reader of many files keeps one pair of buffers: a short file read between two
    long ones (and into buffers the long one filled) gives exactly its own plaintext."""
    path, identity, plain = long_file
    short_plain = os.urandom(5000)
    sealed = io.BytesIO()
    encrypt(io.BytesIO(short_plain), sealed, [identity.recipient()])
    short = tmp_path / "short.age"
    short.write_bytes(sealed.getvalue())
    buffers = BlockBuffers(block=3)
    for file, expected in ((path, plain), (short, short_plain), (path, plain)):
        fd = os.open(file, os.O_RDONLY)
        try:
            blocks = [bytes(b) for b in iter_file_plaintext(fd, [identity], buffers=buffers)]
        finally:
            os.close(fd)
        assert b"".join(blocks) == expected
        assert max(len(b) for b in blocks) <= 3 * 65536
