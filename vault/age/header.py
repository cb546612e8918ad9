"""The age v1 header: version line, recipient stanzas, and the HMAC footer.

Parsing is strict, as the C2SP spec and its test vectors require: canonical unpadded
base64, 64-column body lines ending with a short line, arguments of visible ASCII
only, LF line endings.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from hashlib import sha256
from typing import BinaryIO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from vault.age.base64 import decode_unpadded, encode_unpadded
from vault.errors import HeaderError, HeaderMacError, NotAgeFileError

VERSION_LINE = b"age-encryption.org/v1"
_INTRO_PREFIX = b"age-encryption.org/"
_STANZA_PREFIX = b"-> "
_FOOTER_PREFIX = b"---"
_COLUMNS = 64
MAX_HEADER_BYTES = 1 << 20  # no legitimate header comes close; refuse to buffer more


@dataclass(frozen=True, slots=True)
class Stanza:
    type: str
    args: tuple[str, ...]
    body: bytes

    def encode(self) -> bytes:
        line = b" ".join(
            [_STANZA_PREFIX.rstrip(), self.type.encode(), *(a.encode() for a in self.args)]
        )
        encoded = encode_unpadded(self.body)
        lines = [encoded[i : i + _COLUMNS] for i in range(0, len(encoded), _COLUMNS)]
        if not lines or len(lines[-1]) == _COLUMNS:
            lines.append(b"")  # a stanza always ends with a short line, possibly empty
        return line + b"\n" + b"".join(chunk + b"\n" for chunk in lines)


@dataclass(frozen=True, slots=True)
class Header:
    stanzas: tuple[Stanza, ...]
    mac: bytes
    mac_input: bytes  # header bytes up to and including "---", as the MAC covers them
    size: int  # bytes from the start of the file to the first payload byte

    def verify_mac(self, file_key: bytes) -> None:
        expected = hmac.new(header_mac_key(file_key), self.mac_input, sha256).digest()
        if not hmac.compare_digest(expected, self.mac):
            raise HeaderMacError("The file header's MAC does not match: the header was altered.")


def header_mac_key(file_key: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=b"", info=b"header").derive(file_key)


def encode_header(stanzas: list[Stanza], file_key: bytes) -> bytes:
    """Serialise a header for ``stanzas`` and append its MAC line."""
    text = VERSION_LINE + b"\n" + b"".join(s.encode() for s in stanzas) + _FOOTER_PREFIX
    mac = hmac.new(header_mac_key(file_key), text, sha256).digest()
    return text + b" " + encode_unpadded(mac) + b"\n"


def _is_arg(arg: bytes) -> bool:
    return bool(arg) and all(33 <= c <= 126 for c in arg)


class _Lines:
    def __init__(self, src: BinaryIO) -> None:
        self._src = src
        self.consumed = bytearray()

    def next(self) -> bytes:
        budget = MAX_HEADER_BYTES - len(self.consumed)
        line = self._src.readline(budget + 1)
        if len(line) > budget:
            raise HeaderError("The file header is larger than any valid age header.")
        if not line.endswith(b"\n"):
            raise HeaderError("The file header ends before its MAC line.")
        self.consumed += line
        return line[:-1]


def read_header(src: BinaryIO) -> Header:
    """Parse a binary header from the current position of ``src``.

    Leaves ``src`` at the first payload byte. Raises NotAgeFileError when the file does
    not start like an age file at all, HeaderError for any malformation.
    """
    lines = _Lines(src)
    start = src.read(len(_INTRO_PREFIX))
    if start != _INTRO_PREFIX:
        raise NotAgeFileError("This is not an age-encrypted file.")
    lines.consumed += start
    intro = _INTRO_PREFIX + lines.next()
    if intro != VERSION_LINE:
        raise HeaderError("The file uses an age version this program does not support.")
    stanzas: list[Stanza] = []
    line = lines.next()
    while line.startswith(_STANZA_PREFIX):
        stanzas.append(_read_stanza(line, lines))
        line = lines.next()
    if not line.startswith(_FOOTER_PREFIX + b" "):
        raise HeaderError("The file header has a malformed line where a stanza or MAC should be.")
    mac = decode_unpadded(line[len(_FOOTER_PREFIX) + 1 :])
    if mac is None or len(mac) != 32:
        raise HeaderError("The file header's MAC line is malformed.")
    if not stanzas:
        raise HeaderError("The file header has no recipient stanza.")
    consumed = bytes(lines.consumed)
    mac_input = consumed[: len(consumed) - len(line) - 1 + len(_FOOTER_PREFIX)]
    return Header(tuple(stanzas), mac, mac_input, len(consumed))


def _read_stanza(first: bytes, lines: _Lines) -> Stanza:
    args = first[len(_STANZA_PREFIX) :].split(b" ")
    if not all(_is_arg(a) for a in args):
        raise HeaderError("A stanza in the file header has an empty or invalid argument.")
    body = bytearray()
    while True:
        line = lines.next()
        if len(line) > _COLUMNS:
            raise HeaderError("A stanza body line in the file header is too long.")
        decoded = decode_unpadded(line)
        if decoded is None:
            raise HeaderError("A stanza body in the file header is not canonical base64.")
        body += decoded
        if len(line) < _COLUMNS:
            break
    names = [a.decode("ascii") for a in args]
    return Stanza(names[0], tuple(names[1:]), bytes(body))
