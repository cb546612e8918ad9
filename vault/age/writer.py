"""Streaming age encryption with constant memory, whatever the size of the input."""

from __future__ import annotations

import io
import mmap
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import BinaryIO

from vault.age.armor import ArmorWriter
from vault.age.buffers import borrow, give_back
from vault.age.header import encode_header
from vault.age.keys import FILE_KEY_SIZE, Recipient
from vault.age.stream import (
    CHUNK_SIZE,
    ENC_CHUNK_SIZE,
    NONCE_SIZE,
    TAG_SIZE,
    chunk_nonce,
    payload_aead,
)
from vault.age.writebehind import WriteBehind, WriteThrough
from vault.errors import UsageError

BATCH_CHUNKS = 16  # 1 MiB of plaintext per batch: large writes, small memory

Observer = Callable[[memoryview], None]


class AgeWriter(io.RawIOBase):
    """Encrypts what is written to it into ``dst`` as one age file.

    Plaintext is gathered in a page-aligned 1 MiB batch; a batch is encrypted only
    once more data proves it is not the end, so the final chunk is always marked as
    such. ``close()`` writes the final chunk (and the armor footer); it does not close
    ``dst``. ``size_hint`` (the expected input size) only sizes the buffers;
    ``durable`` says the caller will fsync ``dst``, so disk writeback starts early.
    With ``threads`` (the default, for large inputs) each batch is sealed by
    two threads and written by a write-behind thread, so writing overlaps encryption;
    without, everything happens on the caller's thread (cheaper for small files).
    Memory use is at most five batches (5 MiB) whatever is written.
    """

    def __init__(
        self,
        dst: BinaryIO,
        recipients: Sequence[Recipient],
        *,
        armor: bool = False,
        threads: bool = True,
        size_hint: int | None = None,
        durable: bool = False,
    ) -> None:
        super().__init__()
        # Set first: close() (also from the finaliser, after __init__ raised) only
        # finishes a file that __init__ completed.
        self._open = False
        if not recipients:
            raise UsageError("At least one recipient is needed to encrypt.")
        file_key = os.urandom(FILE_KEY_SIZE)
        stanzas = [stanza for r in recipients for stanza in r.wrap(file_key)]
        if any(s.type == "scrypt" for s in stanzas) and len(stanzas) != 1:
            raise UsageError("A passphrase cannot be combined with other recipients.")
        self._armor = ArmorWriter(dst) if armor else None
        self._dst: BinaryIO = self._armor or dst  # type: ignore[assignment]
        nonce = os.urandom(NONCE_SIZE)
        self._dst.write(encode_header(stanzas, file_key) + nonce)
        self._aead = payload_aead(file_key, nonce)
        chunks = BATCH_CHUNKS
        if size_hint is not None:  # a smaller input needs smaller buffers (+1 byte to see EOF)
            chunks = max(1, min(BATCH_CHUNKS, size_hint // CHUNK_SIZE + 1))
        self._plain: list[mmap.mmap] = []
        try:
            self._plain.extend(borrow(chunks * CHUNK_SIZE) for _ in range(2))
            size = chunks * ENC_CHUNK_SIZE
            self._output = (
                WriteBehind(self._dst, size, durable=durable)
                if threads
                else WriteThrough(self._dst, size)
            )
        except BaseException:
            for buffer in self._plain:
                give_back(buffer)
            raise
        self._helper = ThreadPoolExecutor(1, thread_name_prefix="age-seal") if threads else None
        self._current = 0
        self._fill = 0
        self._counter = 0
        self._open = True

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        total = len(view)
        capacity = len(self._plain[0])
        while view:
            if self._fill == capacity:
                self._seal(self._plain[self._current], capacity, final=False)
                self._fill = 0
            n = min(capacity - self._fill, len(view))
            self._plain[self._current][self._fill : self._fill + n] = view[:n]
            self._fill += n
            view = view[n:]
        return total

    def write_from(self, src: BinaryIO, observe: Observer | None = None) -> int:
        """Encrypt everything left in ``src``, reading straight into the batch buffers.

        ``observe`` sees every plaintext batch once, in order (to hash while
        encrypting). Returns the number of plaintext bytes read.
        """
        capacity = len(self._plain[0])
        total = 0
        while True:
            buffer = self._plain[self._current]
            view = memoryview(buffer)
            if self._fill == capacity:
                other = self._plain[1 - self._current]
                n = src.readinto(other) or 0  # type: ignore[attr-defined]
                if n == 0:
                    return total
                self._seal(buffer, capacity, final=False)
                self._current = 1 - self._current
                self._fill = 0
                if observe is not None:
                    observe(memoryview(other)[:n])
                self._fill = n
                total += n
                continue
            n = src.readinto(view[self._fill :]) or 0  # type: ignore[attr-defined]
            if n == 0:
                return total
            if observe is not None:
                observe(view[self._fill : self._fill + n])
            self._fill += n
            total += n

    def _seal(self, buffer: mmap.mmap, length: int, *, final: bool) -> None:
        """Encrypt ``length`` bytes of ``buffer`` as whole chunks and write them.

        The second half of a batch is encrypted on a helper thread while this thread
        does the first half (the AEAD releases the GIL); the sealed batch then goes to
        the write-behind thread.
        """
        chunks = max(1, -(-length // CHUNK_SIZE))
        final_index = chunks - 1 if final else -1
        target = self._output.acquire()
        if self._helper is None:
            self._seal_range(buffer, target, 0, chunks, length, final_index)
        else:
            half = chunks // 2
            second = self._helper.submit(
                self._seal_range, buffer, target, half, chunks, length, final_index
            )
            self._seal_range(buffer, target, 0, half, length, final_index)
            second.result()
        self._counter += chunks
        self._output.submit(target, length + chunks * TAG_SIZE)

    def _seal_range(
        self,
        buffer: mmap.mmap,
        target: mmap.mmap,
        first: int,
        stop: int,
        length: int,
        final_index: int,
    ) -> None:
        with memoryview(buffer) as plain, memoryview(target) as sealed:
            for index in range(first, stop):
                start = index * CHUNK_SIZE
                end = min(start + CHUNK_SIZE, length)
                nonce = chunk_nonce(self._counter + index, index == final_index)
                out = sealed[start + index * TAG_SIZE : end + (index + 1) * TAG_SIZE]
                self._aead.encrypt_into(nonce, plain[start:end], None, out)

    def close(self) -> None:
        if not self.closed and getattr(self, "_open", False):
            self._open = False  # once: a failed close is not retried by the finaliser
            try:
                self._seal(self._plain[self._current], self._fill, final=True)
            finally:
                if self._helper is not None:
                    self._helper.shutdown()
                self._output.close()
            if self._armor is not None:
                self._armor.close()
            for buffer in self._plain:
                give_back(buffer)
        super().close()


def encrypt(
    src: BinaryIO,
    dst: BinaryIO,
    recipients: Sequence[Recipient],
    *,
    armor: bool = False,
    observe: Observer | None = None,
) -> int:
    """Encrypt all of ``src`` into ``dst``; returns the plaintext size."""
    with AgeWriter(dst, recipients, armor=armor) as writer:
        return writer.write_from(src, observe)
