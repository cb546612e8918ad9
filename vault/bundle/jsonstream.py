"""Reading one large JSON object from a stream of bytes in bounded memory.

A bundle's ``manifest.json`` may be hundreds of megabytes; parsing it whole costs
several times its size. :class:`JsonStream` decodes UTF-8 incrementally into a text
window and reads the top-level object's members one by one (:meth:`JsonStream.members`),
an array's elements one by one (:meth:`JsonStream.elements`), and any other value whole
with :func:`json.JSONDecoder.raw_decode` (:meth:`JsonStream.value`), each at most
``limit`` characters long. Memory is therefore about the window plus the largest
single value, whatever the document's size.

It reads exactly the JSON that :func:`json.loads` reads, and each way the text can be
wrong is its own :class:`JsonStreamError` sentence (the caller names the file first):
not UTF-8 (with the byte offset), nested too deeply, a number too long, a key given
twice in one object, a syntax error (with line and column, as ``json`` gives them), a
value larger than its limit.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_CHUNK_CHARS = 1 << 20


class JsonStreamError(ValueError):
    """The text is not the JSON expected; the message completes "<file> …"."""


class ValueTooLargeError(JsonStreamError):
    """One value is longer than the limit its reader set."""


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise JsonStreamError(f"names {key!r} twice in one object.")
        result[key] = value
    return result


_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicate_keys)


class JsonStream:
    """A cursor over JSON text arriving as UTF-8 chunks; see the module docstring."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._bytes_fed = 0
        self._text = ""
        self._pos = 0
        self._eof = False
        self._base = 0  # offset in the whole text of self._text[0]
        self._lines = 0  # line breaks in the text already dropped
        self._line_start = 0  # offset in the whole text where the current line begins

    # --- the window -------------------------------------------------------------------

    def _fill(self, wanted: int) -> None:
        """Hold at least ``wanted`` characters from the cursor on, or all that is left."""
        if self._eof or len(self._text) - self._pos >= wanted:
            return
        if self._pos:
            breaks = self._text.count("\n", 0, self._pos)
            if breaks:
                self._lines += breaks
                self._line_start = self._base + self._text.rindex("\n", 0, self._pos) + 1
            self._base += self._pos
            self._text = self._text[self._pos :]
            self._pos = 0
        parts = [self._text]
        held = len(self._text)
        while held < wanted:
            chunk = next(self._chunks, None)
            piece = self._decode(b"" if chunk is None else chunk, final=chunk is None)
            parts.append(piece)
            held += len(piece)
            if chunk is None:
                self._eof = True
                break
        self._text = "".join(parts)

    def _decode(self, chunk: bytes, *, final: bool) -> str:
        pending = len(self._utf8.getstate()[0])
        try:
            text = self._utf8.decode(chunk, final)
        except UnicodeDecodeError as error:
            offset = self._bytes_fed - pending + error.start
            raise JsonStreamError(
                f"is not valid UTF-8 text (byte {offset} cannot be read)."
            ) from None
        self._bytes_fed += len(chunk)
        return text

    def _where(self, pos: int) -> str:
        line = self._lines + self._text.count("\n", 0, pos) + 1
        last = self._text.rfind("\n", 0, pos)
        column = pos - last if last >= 0 else self._base + pos - self._line_start + 1
        return f"line {line}, column {column}"

    def _syntax(self, message: str, pos: int | None = None) -> JsonStreamError:
        where = self._where(self._pos if pos is None else pos)
        return JsonStreamError(f"is not valid JSON: {message} ({where}).")

    def peek(self) -> str:
        """The next character that is not white space, or "" at the end of the text."""
        while True:
            self._pos = _WHITESPACE.match(self._text, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._text):
                return self._text[self._pos]
            if self._eof:
                return ""
            self._fill(_CHUNK_CHARS)

    def _expect(self, char: str, message: str) -> None:
        if self.peek() != char:
            raise self._syntax(message)
        self._pos += 1

    # --- values -----------------------------------------------------------------------

    def value(self, limit: int, what: str) -> Any:
        """The next value, whole; ``what`` names it in the sentence if it exceeds ``limit``."""
        self.peek()
        self._fill(limit + 1)
        start = self._pos
        try:
            value, end = _DECODER.raw_decode(self._text, start)
        except json.JSONDecodeError as error:
            cut = not self._eof and len(self._text) - start > limit
            if cut and (error.msg.startswith("Unterminated") or error.pos >= len(self._text) - 6):
                raise self._too_large(what, limit) from None
            raise self._syntax(error.msg, error.pos) from None
        except RecursionError:
            raise JsonStreamError("is nested too deeply to be a bundle's.") from None
        except JsonStreamError:
            raise
        except ValueError as error:  # int() refuses a number of thousands of digits
            if "integer string conversion" in str(error):
                raise JsonStreamError("holds a number too long to be real.") from None
            raise JsonStreamError(f"cannot be read: {error}") from None
        if end - start > limit:
            raise self._too_large(what, limit)
        self._pos = end
        return value

    @staticmethod
    def _too_large(what: str, limit: int) -> ValueTooLargeError:
        return ValueTooLargeError(
            f"holds {what} longer than {limit:,} characters; no bundle's comes near that."
        )

    def members(self, key_limit: int = 1024) -> Iterator[str]:
        """The keys of the object at the cursor, in order; the caller reads each value.

        A key given twice is a :class:`JsonStreamError`, as in any object read here.
        """
        self._expect("{", "Expecting value")
        seen: set[str] = set()
        if self.peek() == "}":
            self._pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self._syntax("Expecting property name enclosed in double quotes")
            key = self.value(key_limit, "a key")
            if key in seen:
                raise JsonStreamError(f"names {key!r} twice in one object.")
            seen.add(key)
            self._expect(":", "Expecting ':' delimiter")
            yield key
            following = self.peek()
            if following == "}":
                self._pos += 1
                return
            if following != ",":
                raise self._syntax("Expecting ',' delimiter")
            self._pos += 1

    def elements(self) -> Iterator[None]:
        """One step per element of the array at the cursor; the caller reads each element."""
        self._expect("[", "Expecting value")
        if self.peek() == "]":
            self._pos += 1
            return
        while True:
            yield None
            following = self.peek()
            if following == "]":
                self._pos += 1
                return
            if following != ",":
                raise self._syntax("Expecting ',' delimiter")
            self._pos += 1

    def skip(self, limit: int, what: str, depth: int = 2) -> None:
        """Read and drop the next value; objects and arrays down to ``depth`` levels are
        walked member by member, so only their parts need to fit within ``limit``."""
        following = self.peek()
        if depth and following == "{":
            for _ in self.members():
                self.skip(limit, what, depth - 1)
        elif depth and following == "[":
            for _ in self.elements():
                self.skip(limit, what, depth - 1)
        else:
            self.value(limit, what)

    def end(self) -> None:
        """Nothing but white space may follow the top-level value."""
        if self.peek() != "":
            raise self._syntax("Extra data")
