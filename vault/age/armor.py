"""ASCII armor for age files (PEM-like, strict base64, 64 columns), streaming both ways."""

from __future__ import annotations

import base64
import binascii
import io
from typing import BinaryIO

from vault.errors import ArmorError

BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
END = b"-----END AGE ENCRYPTED FILE-----"
_COLUMNS = 64
_WHITESPACE = b" \t\r\n"
_MAX_TRAILING = 1024


class ArmorWriter(io.RawIOBase):
    """Writes armored text to ``dst``; ``close()`` writes the last line and the footer."""

    def __init__(self, dst: BinaryIO) -> None:
        self._dst = dst
        self._pending = bytearray()
        dst.write(BEGIN + b"\n")

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._pending += data
        whole = len(self._pending) - len(self._pending) % 48
        if whole:
            encoded = base64.b64encode(self._pending[:whole])
            self._dst.write(
                b"".join(
                    encoded[i : i + _COLUMNS] + b"\n" for i in range(0, len(encoded), _COLUMNS)
                )
            )
            del self._pending[:whole]
        return len(data)

    def close(self) -> None:
        if not self.closed:
            if self._pending:
                self._dst.write(base64.b64encode(self._pending) + b"\n")
            self._dst.write(END + b"\n")
        super().close()


def _strict_decode(line: bytes) -> bytes:
    try:
        data = base64.b64decode(line, validate=True)
    except binascii.Error:
        raise ArmorError("The armored file contains invalid base64.") from None
    if base64.b64encode(data) != line:
        raise ArmorError("The armored file's base64 is not canonical.")
    return data


class ArmorReader(io.RawIOBase):
    """Decodes an armored age file from ``src`` as a stream of binary bytes."""

    def __init__(self, src: BinaryIO) -> None:
        self._src = src
        self._buffer = b""
        self._done = False
        self._carry = b""
        self._skip_leading_whitespace()
        if self._line() != BEGIN:
            raise ArmorError("The armored file does not start with the age armor header.")

    def readable(self) -> bool:
        return True

    def _skip_leading_whitespace(self) -> None:
        char = self._src.read(1)
        while char and char in _WHITESPACE:
            char = self._src.read(1)
        self._carry = char  # the first byte of the header line

    def _line(self) -> bytes:
        raw = self._carry + self._src.readline(_COLUMNS + 3)
        self._carry = b""
        if raw.endswith(b"\r\n"):
            return raw[:-2]
        if raw.endswith(b"\n"):
            return raw[:-1]
        if len(raw) > _COLUMNS + 1 or raw != END:
            raise ArmorError("The armored file has an over-long line or ends unexpectedly.")
        return raw  # the footer may end the file without a newline

    def _next_block(self) -> bytes:
        line = self._line()
        if line == END:
            self._finish()
            return b""
        if not line or len(line) > _COLUMNS:
            raise ArmorError("The armored file has an empty or over-long line.")
        data = _strict_decode(line)
        if len(line) < _COLUMNS:
            if self._line() != END:
                raise ArmorError("The armored file's short line is not followed by its footer.")
            self._finish()
        return data

    def _finish(self) -> None:
        self._done = True
        trailing = self._src.read(_MAX_TRAILING + 1)
        if len(trailing) > _MAX_TRAILING or trailing.strip(_WHITESPACE):
            raise ArmorError("The armored file has data after its footer.")

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._buffer and not self._done:
            self._buffer = self._next_block()
        n = min(len(buffer), len(self._buffer))
        buffer[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def is_armored(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) starts an armored age file."""
    return head.lstrip(_WHITESPACE).startswith(b"-----")
