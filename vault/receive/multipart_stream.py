"""A ``multipart/form-data`` request body read part by part, each part as a stream.

The body is read from the connection in 64 KiB pieces and fed to ``python-multipart``'s
incremental parser; what it finds (a part's headers, a slice of its data, its end) is
queued and handed out as :class:`Part` objects whose :attr:`Part.stream` the import
pipeline reads like a file. Reading a part pulls the next piece from the connection only
when its queue is empty, so at most one piece is held, whatever the body's size. A body
that ends before its ``Content-Length`` raises :class:`UploadInterruptedError` from the
read, inside the pipeline's write, which then leaves nothing behind.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from vault.errors import UsageError

PIECE = 64 << 10
MAX_PART_HEADERS = 8


class UploadInterruptedError(UsageError):
    """The phone stopped sending before the upload was complete."""

    code = "receive_interrupted"


class MalformedUploadError(UsageError):
    """The request body is not the ``multipart/form-data`` the page sends."""

    code = "receive_malformed"


@dataclass
class _Events:
    queue: deque[tuple[str, Any]] = field(default_factory=deque)
    header_field: bytearray = field(default_factory=bytearray)
    header_value: bytearray = field(default_factory=bytearray)
    headers: dict[bytes, bytes] = field(default_factory=dict)


class MultipartBody:
    """The parts of one request body; iterate :meth:`parts`."""

    def __init__(self, src: BinaryIO, length: int, content_type: str) -> None:
        kind, options = parse_options_header(content_type)
        boundary = options.get(b"boundary")
        if kind != b"multipart/form-data" or not boundary:
            raise MalformedUploadError("The upload must be sent as multipart/form-data.")
        self._src = src
        self._left = length
        self._events = _Events()
        self.received = 0
        ev = self._events

        def on_header_field(data: bytes, start: int, end: int) -> None:
            ev.header_field += data[start:end]

        def on_header_value(data: bytes, start: int, end: int) -> None:
            ev.header_value += data[start:end]

        def on_header_end() -> None:
            ev.headers[bytes(ev.header_field).lower()] = bytes(ev.header_value)
            ev.header_field.clear()
            ev.header_value.clear()

        def on_headers_finished() -> None:
            ev.queue.append(("begin", ev.headers))
            ev.headers = {}

        def on_part_data(data: bytes, start: int, end: int) -> None:
            if end > start:
                ev.queue.append(("data", bytes(data[start:end])))

        callbacks: Any = {
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
            "on_part_end": lambda: ev.queue.append(("end", None)),
            "on_end": lambda: ev.queue.append(("done", None)),
        }
        self._parser = MultipartParser(boundary, callbacks, max_header_count=MAX_PART_HEADERS)

    def parts(self) -> Iterator[Part]:
        """Each part in order; a part left unread is skipped when the next is asked for."""
        while True:
            kind, value = self._next()
            if kind == "done":
                return
            if kind != "begin":
                continue  # the rest of a part the caller did not read
            part = Part(self, value)
            yield part
            part.stream.skip()

    def _next(self) -> tuple[str, Any]:
        while not self._events.queue:
            self._pump()
        return self._events.queue.popleft()

    def _pump(self) -> None:
        if self._left <= 0:
            raise MalformedUploadError("The upload ended before its last part was complete.")
        piece = self._src.read(min(PIECE, self._left))
        if not piece:
            raise UploadInterruptedError("The upload was interrupted before it was complete.")
        self._left -= len(piece)
        self.received += len(piece)
        try:
            self._parser.write(piece)
            if self._left == 0:
                self._parser.finalize()
        except MultipartParseError as error:
            raise MalformedUploadError("The upload is not well-formed multipart data.") from error


class Part:
    """One part: its form field ``name``, the ``filename`` the phone gave, its data."""

    def __init__(self, body: MultipartBody, headers: dict[bytes, bytes]) -> None:
        _kind, options = parse_options_header(headers.get(b"content-disposition", b""))
        self.name = options.get(b"name", b"").decode("utf-8", "replace")
        raw = options.get(b"filename")
        self.filename = _base_name(raw.decode("utf-8", "replace")) if raw is not None else None
        self.stream = PartStream(body)


def _base_name(name: str) -> str:
    """The last component of a name some browsers send with a path."""
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "upload"


class PartStream(io.RawIOBase):
    """A part's data, read like a file (``readinto``), with :meth:`peek` for its head."""

    def __init__(self, body: MultipartBody) -> None:
        super().__init__()
        self._body = body
        self._held = bytearray()
        self._ended = False

    def readable(self) -> bool:
        return True

    def peek(self, size: int) -> bytes:
        """Up to ``size`` first bytes not yet read, without consuming them."""
        while len(self._held) < size and self._fill():
            pass
        return bytes(self._held[:size])

    def readinto(self, buffer: Any) -> int:
        if not self._held and not self._fill():
            return 0
        view = memoryview(buffer).cast("B")
        count = min(len(view), len(self._held))
        view[:count] = self._held[:count]
        del self._held[:count]
        return count

    def skip(self) -> None:
        """Read and drop the rest of the part."""
        self._held.clear()
        while self._fill():
            self._held.clear()

    def _fill(self) -> bool:
        """Append the next slice of data; False at the end of the part."""
        if self._ended:
            return False
        kind, value = self._body._next()
        if kind == "data":
            self._held += value
            return True
        self._ended = True
        if kind != "end":
            raise MalformedUploadError("The upload ended inside a part.")
        return False
