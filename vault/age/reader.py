"""Decrypting age files: a sequential stream and a thread-safe random-access reader."""

from __future__ import annotations

import contextlib
import io
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from vault.age.armor import ArmorReader, is_armored
from vault.age.header import Header, read_header
from vault.age.keys import Identity
from vault.age.stream import (
    CHUNK_SIZE,
    ENC_CHUNK_SIZE,
    NONCE_SIZE,
    TAG_SIZE,
    chunk_nonce,
    payload_aead,
    plaintext_size,
)
from vault.age.writebehind import WriteBehind
from vault.errors import HeaderError, NoIdentityMatchError, PayloadError, TruncatedError
from vault.portable import BINARY, pread


def unwrap_file_key(header: Header, identities: Sequence[Identity]) -> bytes:
    """Find the file key with ``identities`` and check the header MAC with it."""
    if any(s.type == "scrypt" for s in header.stanzas) and len(header.stanzas) != 1:
        raise HeaderError("A passphrase-encrypted file must have exactly one recipient stanza.")
    for identity in identities:
        file_key = identity.unwrap(header.stanzas)
        if file_key is not None:
            header.verify_mac(file_key)
            return file_key
    raise NoIdentityMatchError("None of the given keys can decrypt this file.")


def _read_exact(src: BinaryIO, size: int) -> bytes:
    parts = []
    while size:
        part = src.read(size)
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def open_payload(src: BinaryIO, identities: Sequence[Identity]) -> ChaCha20Poly1305:
    """Read the header and payload nonce of ``src``; return the payload AEAD."""
    header = read_header(src)
    file_key = unwrap_file_key(header, identities)
    nonce = _read_exact(src, NONCE_SIZE)
    if len(nonce) != NONCE_SIZE:
        raise HeaderError("The file ends before its payload nonce.")
    return payload_aead(file_key, nonce)


def iter_plaintext(
    src: BinaryIO, identities: Sequence[Identity], *, armor: bool | None = None
) -> Iterator[bytes]:
    """Decrypt ``src`` sequentially, one chunk of plaintext at a time.

    ``armor`` says whether ``src`` is ASCII-armored; ``None`` detects it from the start.
    Each chunk is authenticated before it is yielded; a failure raises after the good
    chunks before it were released, naming the chunk and its offset in ``src``.
    """
    stream: BinaryIO = src
    if armor or (armor is None and is_armored(_peek(src, 64))):
        stream = ArmorReader(src)  # type: ignore[assignment]
    aead = open_payload(stream, identities)
    counter = 0
    while True:
        data = _read_exact(stream, ENC_CHUNK_SIZE)
        offset = counter * ENC_CHUNK_SIZE
        last = len(data) < ENC_CHUNK_SIZE
        if not data:
            raise TruncatedError(
                f"The file is truncated: chunk {counter} is missing.", chunk=counter, offset=offset
            )
        if last and counter and len(data) == TAG_SIZE:
            raise PayloadError(
                f"Chunk {counter} is an empty final chunk, which the format forbids.",
                chunk=counter,
                offset=offset,
            )
        plain = _open_chunk(aead, counter, data, last=last, may_be_last=True)
        if plain is None:
            raise PayloadError(
                f"Chunk {counter} (payload offset {offset}) failed authentication: the data is corrupted.",
                chunk=counter,
                offset=offset,
            )
        chunk, was_last = plain
        yield chunk
        if was_last:
            if stream.read(1):
                raise PayloadError(
                    "The file has trailing data after its final chunk.",
                    chunk=counter + 1,
                    offset=offset + len(data),
                )
            return
        counter += 1


class BlockBuffers:
    """The two buffers :func:`iter_file_plaintext` reads and decrypts ``block`` chunks
    into, kept by a caller that reads many files one after another, so that each file
    costs no new memory (no page faults, no zeroing). One reading at a time uses them."""

    def __init__(self, block: int = 64) -> None:
        self.block = block
        self.read = memoryview(bytearray(block * ENC_CHUNK_SIZE))
        self.plain = memoryview(bytearray(block * ENC_CHUNK_SIZE))


def iter_file_plaintext(
    fd: int,
    identities: Sequence[Identity],
    *,
    block: int = 64,
    buffers: BlockBuffers | None = None,
) -> Iterator[memoryview]:
    """Decrypt the binary age file open at ``fd`` in order, ``block`` chunks of
    plaintext at a time, with the checks of :func:`iter_plaintext` (header MAC, every
    chunk, the final one, nothing after it) at less cost, for reading a whole file on
    disk back.

    The file's size says which chunk is the final one (as for :class:`AgeReader`); it is
    read ``block`` chunks at a time into one buffer, each chunk decrypted from where it
    lies into one plaintext buffer (no copy, no new object per chunk), and the next block
    is asked of the disk (``POSIX_FADV_WILLNEED``) before this one is decrypted, so
    reading and decrypting overlap. Every chunk of a block is authenticated before the
    block is yielded, as a view that the next step overwrites; a failure names the chunk
    and its offset in the file. ``buffers`` (their ``block``) are used instead of new ones.
    """
    with os.fdopen(os.dup(fd), "rb") as src:
        aead = open_payload(src, identities)
        start = src.tell()
    payload = os.fstat(fd).st_size - start
    chunks = -(-payload // ENC_CHUNK_SIZE) if payload > 0 else 0
    if plaintext_size(payload) is None:
        index = max(chunks - 1, 0)
        raise TruncatedError(
            "The file is truncated or has a malformed final chunk.",
            chunk=index,
            offset=start + index * ENC_CHUNK_SIZE,
        )
    raw = io.FileIO(fd, "rb", closefd=False)
    raw.seek(start)
    if buffers is not None:
        span = min(buffers.block * ENC_CHUNK_SIZE, payload)
        view, plain = buffers.read, buffers.plain
    else:
        span = min(block * ENC_CHUNK_SIZE, payload)  # a small file: no larger buffer than it
        view, plain = memoryview(bytearray(span)), memoryview(bytearray(span))
    _will_need(fd, start, span)
    index = 0
    while index < chunks:
        at = start + index * ENC_CHUNK_SIZE
        want = min(span, start + payload - at)
        _will_need(fd, at + want, span)
        got = _fill(raw, view[:want])
        if got != want:
            raise TruncatedError(
                f"The file is truncated: it ended while chunk {index + got // ENC_CHUNK_SIZE} "
                "was read.",
                chunk=index + got // ENC_CHUNK_SIZE,
                offset=at + got,
            )
        opened = 0
        for where in range(0, want, ENC_CHUNK_SIZE):
            data, last = view[where : min(where + ENC_CHUNK_SIZE, want)], index == chunks - 1
            size = len(data) - TAG_SIZE
            try:
                aead.decrypt_into(
                    chunk_nonce(index, last), data, None, plain[opened : opened + size]
                )
            except InvalidTag:
                raise _chunk_failure(aead, index, data, at + where, last) from None
            opened += size
            index += 1
        yield plain[:opened]


def _fill(raw: io.FileIO, view: memoryview) -> int:
    """Read into all of ``view`` (fewer bytes only at the end of the file)."""
    got = 0
    while got < len(view):
        part = raw.readinto(view[got:])
        if not part:
            break
        got += part
    return got


def _will_need(fd: int, offset: int, length: int) -> None:
    with contextlib.suppress(AttributeError, OSError):  # advisory, and not everywhere
        os.posix_fadvise(fd, offset, length, os.POSIX_FADV_WILLNEED)


def _chunk_failure(
    aead: ChaCha20Poly1305, index: int, data: memoryview, offset: int, last: bool
) -> PayloadError:
    """The error for chunk ``index``, which did not open as the final chunk (``last``)
    or as another one: said more precisely when it opens the other way."""
    if _open_chunk(aead, index, data, last=not last, may_be_last=False) is not None:
        if last:
            return TruncatedError(
                f"The file is truncated after chunk {index}: its final chunk is missing.",
                chunk=index + 1,
                offset=offset + len(data),
            )
        return PayloadError(
            "The file has trailing data after its final chunk.",
            chunk=index + 1,
            offset=offset + len(data),
        )
    return PayloadError(
        f"Chunk {index} (file offset {offset}) failed authentication: the data is corrupted.",
        chunk=index,
        offset=offset,
    )


def _open_chunk(
    aead: ChaCha20Poly1305, counter: int, data: bytes | memoryview, *, last: bool, may_be_last: bool
) -> tuple[bytes, bool] | None:
    try:
        return aead.decrypt(chunk_nonce(counter, last), data, None), last
    except InvalidTag:
        pass
    if not last and may_be_last:
        try:
            return aead.decrypt(chunk_nonce(counter, True), data, None), True
        except InvalidTag:
            pass
    return None


def _peek(src: BinaryIO, size: int) -> bytes:
    peek = getattr(src, "peek", None)
    if peek is not None:
        return bytes(peek(size)[:size])
    position = src.tell()
    head = src.read(size)
    src.seek(position)
    return head


def decrypt(
    src: BinaryIO, dst: BinaryIO, identities: Sequence[Identity], *, armor: bool | None = None
) -> int:
    """Decrypt ``src`` into ``dst``; returns the plaintext size.

    Plaintext is gathered into 1 MiB batches written by a write-behind thread. On a
    failure, every chunk authenticated before it has been written when this raises.
    """
    batch = 16 * CHUNK_SIZE
    output = WriteBehind(dst, batch)
    total = 0
    try:
        buffer, fill = output.acquire(), 0
        try:
            for chunk in iter_plaintext(src, identities, armor=armor):
                buffer[fill : fill + len(chunk)] = chunk
                fill += len(chunk)
                total += len(chunk)
                if fill > batch - CHUNK_SIZE:
                    output.submit(buffer, fill)
                    buffer, fill = output.acquire(), 0
        finally:
            output.submit(buffer, fill)
    finally:
        output.close()
    return total


class AgeReader(io.RawIOBase):
    """Random access to the plaintext of a binary age file on disk.

    Opening verifies the header MAC and authenticates the final chunk, so truncation
    is found before anything is read. ``pread`` decrypts only the chunks a range spans
    and is safe to call from several threads at once (it uses positional reads on one
    descriptor); ``read``/``seek`` keep a per-object position as any file does.
    """

    def __init__(self, path: Path | str, identities: Sequence[Identity]) -> None:
        super().__init__()
        self._fd = os.open(path, os.O_RDONLY | BINARY)
        try:
            with os.fdopen(os.dup(self._fd), "rb") as src:
                self._aead = open_payload(src, identities)
                self._payload_start = src.tell()
            file_size = os.fstat(self._fd).st_size
            payload_size = file_size - self._payload_start
            size = plaintext_size(payload_size)
            self._chunks = -(-payload_size // ENC_CHUNK_SIZE) if payload_size > 0 else 0
            if size is None:
                raise TruncatedError(
                    "The file is truncated or has a malformed final chunk.",
                    chunk=max(self._chunks - 1, 0),
                    offset=self._payload_start + max(self._chunks - 1, 0) * ENC_CHUNK_SIZE,
                )
            self._size = size
            self._position = 0
            self._cache_lock = threading.Lock()
            self._cache: tuple[int, bytes] = (-1, b"")
            self._check_final_chunk()
        except BaseException:
            self.close()  # closes the descriptor once and marks this object closed
            raise

    @property
    def size(self) -> int:
        return self._size

    def _check_final_chunk(self) -> None:
        index = self._chunks - 1
        data = self._read_chunk(index)
        if _open_chunk(self._aead, index, data, last=True, may_be_last=True) is not None:
            return
        if _open_chunk(self._aead, index, data, last=False, may_be_last=False) is not None:
            raise TruncatedError(
                f"The file is truncated after chunk {index}: its final chunk is missing.",
                chunk=index + 1,
                offset=self._payload_start + self._chunks * ENC_CHUNK_SIZE,
            )
        raise PayloadError(
            f"The final chunk {index} failed authentication: the file is corrupted or has trailing data.",
            chunk=index,
            offset=self._payload_start + index * ENC_CHUNK_SIZE,
        )

    def _read_chunk(self, index: int) -> bytes:
        offset = self._payload_start + index * ENC_CHUNK_SIZE
        return pread(self._fd, ENC_CHUNK_SIZE, offset)

    def _plain_chunk(self, index: int) -> bytes:
        with self._cache_lock:
            cached_index, cached = self._cache
        if cached_index == index:
            return cached
        data = self._read_chunk(index)
        opened = _open_chunk(
            self._aead, index, data, last=index == self._chunks - 1, may_be_last=False
        )
        if opened is None:
            offset = self._payload_start + index * ENC_CHUNK_SIZE
            raise PayloadError(
                f"Chunk {index} (file offset {offset}) failed authentication: the data is corrupted.",
                chunk=index,
                offset=offset,
            )
        with self._cache_lock:
            self._cache = (index, opened[0])
        return opened[0]

    def pread(self, offset: int, size: int) -> bytes:
        """Return up to ``size`` plaintext bytes starting at ``offset``."""
        if offset < 0 or size < 0:
            raise ValueError("offset and size must not be negative")
        end = min(offset + size, self._size)
        parts = []
        position = offset
        while position < end:
            index, skip = divmod(position, CHUNK_SIZE)
            chunk = self._plain_chunk(index)
            piece = chunk[skip : skip + end - position]
            parts.append(piece)
            position += len(piece)
        return b"".join(parts)

    # --- file object protocol ---------------------------------------------------------

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.pread(self._position, len(buffer))
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._position = base + offset
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()
