"""Hand-built hostile ZIP archives (records as in PKWARE's APPNOTE.TXT), built in memory
in well under a second: a 10 GiB deflate bomb, 100,000 entries, ZIP64 end records."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

GiB = 1 << 30
_MiB = 1 << 20
_DEFLATE = 8
_VERSION = 45  # ZIP64
_UNIX = 3


@dataclass(frozen=True)
class RawEntry:
    name: str
    data: bytes  # as stored (already compressed when method is deflate)
    size: int  # uncompressed size
    crc: int
    method: int = 0
    mode: int = 0o100644


def _zip64_extra(size: int, compressed: int) -> bytes:
    return struct.pack("<HHQQ", 0x0001, 16, size, compressed)


def write_raw_zip(path: Path, entries: list[RawEntry]) -> Path:
    """A ZIP with ZIP64 sizes on every entry and ZIP64 end records."""
    out = bytearray()
    central = bytearray()
    for entry in entries:
        name = entry.name.encode("utf-8")
        offset = len(out)
        extra = _zip64_extra(entry.size, len(entry.data))
        out += struct.pack(
            "<4s5H3L2H",
            b"PK\x03\x04",
            _VERSION,
            0x800,  # UTF-8 names
            entry.method,
            0,
            0x21,
            entry.crc,
            0xFFFFFFFF,
            0xFFFFFFFF,
            len(name),
            len(extra),
        )
        out += name + extra + entry.data
        central += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            (_UNIX << 8) | _VERSION,
            _VERSION,
            0x800,
            entry.method,
            0,
            0x21,
            entry.crc,
            0xFFFFFFFF,
            0xFFFFFFFF,
            len(name),
            len(extra),
            0,
            0,
            0,
            entry.mode << 16,
            offset,
        )
        central += name + extra
    cd_offset = len(out)
    out += central
    eocd64_offset = len(out)
    count = len(entries)
    out += struct.pack(
        "<4sQ2H2L4Q",
        b"PK\x06\x06",
        44,
        _VERSION,
        _VERSION,
        0,
        0,
        count,
        count,
        len(central),
        cd_offset,
    )
    out += struct.pack("<4sLQL", b"PK\x06\x07", 0, eocd64_offset, 1)
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    path.write_bytes(bytes(out))
    return path


# CRC-32 of many zero bytes without reading them: zlib's crc32_combine, by squaring the
# GF(2) matrix of "append one zero bit" (Mark Adler's method in zlib's crc32.c).
def _gf2_times(matrix: list[int], vector: int) -> int:
    total = 0
    index = 0
    while vector:
        if vector & 1:
            total ^= matrix[index]
        vector >>= 1
        index += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, row) for row in matrix]


def crc32_of_zeros(count: int, crc: int = 0) -> int:
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # one zero bit
    even = _gf2_square(odd)  # two zero bits
    odd = _gf2_square(even)  # four zero bits
    crc ^= 0xFFFFFFFF
    while count:
        even = _gf2_square(odd)
        if count & 1:
            crc = _gf2_times(even, crc)
        count >>= 1
        if not count:
            break
        odd = _gf2_square(even)
        if count & 1:
            crc = _gf2_times(odd, crc)
        count >>= 1
    return crc ^ 0xFFFFFFFF


def deflate_bomb(size: int) -> RawEntry:
    """A deflate stream that really inflates to ``size`` zero bytes (a multiple of 1 MiB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(_MiB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    data = block * (size // _MiB) + tail
    return RawEntry("evidence/bomb.bin", data, size, crc32_of_zeros(size), method=_DEFLATE)


def stored(name: str, data: bytes, mode: int = 0o100644) -> RawEntry:
    return RawEntry(name, data, len(data), zlib.crc32(data), mode=mode)


def deflated_zeros(names: list[str], size: int, level: int = 1) -> list[RawEntry]:
    """Entries that each really inflate to ``size`` zero bytes, deflated at ``level``
    (what ``zipfile`` writes with ZIP_DEFLATED); the stream is compressed once and shared."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = compressor.compress(bytes(size)) + compressor.flush()
    crc = zlib.crc32(bytes(size))
    return [RawEntry(name, data, size, crc, method=_DEFLATE) for name in names]
