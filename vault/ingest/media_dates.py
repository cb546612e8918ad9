"""When a recording or video was made, from its container's own metadata.

Small readers written for hostile input: MP4-family ``mvhd`` creation time (ISO/IEC
14496-12, seconds since 1904 in UTC), ID3v2 recording time in MP3 (``TDRC``, or
``TYER`` + ``TDAT`` + ``TIME``) and WAV ``bext`` origination / ``LIST/INFO ICRD``.
They seek and read bounded slices, never the whole file; malformed, truncated,
oversized or self-referencing structures end the walk and give "absent" (``None``).

ID3 and WAV dates carry no zone, so those readers return naive wall-clock times and
:func:`read_container_time` reads them in the vault's zone. Dates without a time of
day are not precise enough to date evidence and count as absent, as do MP4 zero dates
(0, 1904-01-01, 1970-01-01) and anything outside 2000-2100.
"""

from __future__ import annotations

import logging
import re
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import BinaryIO

from vault.ingest.names import plausible

logger = logging.getLogger(__name__)

MP4_EPOCH = datetime(1904, 1, 1, tzinfo=UTC)
_MAX_MP4_SECONDS = 200 * 366 * 86400  # beyond 2104: certainly not a creation time
_MAX_BOXES = 10_000  # boxes visited per file, whatever the nesting
_MAX_ID3_TAG = 1 << 20  # an ID3 tag larger than this is not read
_MAX_RIFF_CHUNKS = 1_000
_MAX_INFO_LIST = 64 * 1024
_BEXT_STAMP_END = 338  # EBU Tech 3285: OriginationDate at 320 (10 bytes), Time at 330 (8)
_MP4_TYPES = frozenset({"video/mp4", "audio/mp4", "video/quicktime", "video/3gpp",
                        "audio/3gpp", "video/3gpp2", "audio/3gpp2", "video/x-m4v"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mp4Info:
    """What the ``moov`` box said: creation time (aware UTC) and which tracks exist."""

    created: datetime | None
    has_video: bool
    has_audio: bool


@dataclass(slots=True)
class _Budget:
    left: int = _MAX_BOXES
    exhausted: bool = field(default=False)

    def spend(self) -> bool:
        self.left -= 1
        if self.left < 0:
            self.exhausted = True
        return not self.exhausted


def read_container_time(fileobj: BinaryIO, media_type: str, tz: tzinfo) -> datetime | None:
    """Creation time stored in the container, as an aware UTC datetime, or ``None``.

    ``media_type`` is what :mod:`vault.ingest.kinds` detected; zone-less container
    dates are read in ``tz``.
    """
    if media_type in _MP4_TYPES:
        info = read_mp4(fileobj)
        return info.created if info else None
    # MP3, and AAC/FLAC streams that start with ID3, carry an ID3v2 tag.
    local = wav_time(fileobj) if media_type == "audio/wav" else id3_time(fileobj)
    if local is None:
        return None
    return local.replace(tzinfo=tz).astimezone(UTC)


# --- MP4 / MOV / 3GP -----------------------------------------------------------------


def read_mp4(fileobj: BinaryIO) -> Mp4Info | None:
    """Walk the top-level boxes to ``moov``; ``None`` if there is no readable ``moov``."""
    try:
        size = _size_of(fileobj)
        budget = _Budget()
        for box, start, end in _boxes(fileobj, 0, size, budget):
            if box == b"moov":
                return _read_moov(fileobj, start, end, budget)
    except OSError as exc:
        logger.debug("MP4 walk stopped (%s)", type(exc).__name__)
    return None


def _read_moov(fileobj: BinaryIO, start: int, end: int, budget: _Budget) -> Mp4Info:
    created: datetime | None = None
    handlers: set[bytes] = set()
    for box, body, box_end in _boxes(fileobj, start, end, budget):
        if box == b"mvhd":
            created = _mvhd_created(_read_at(fileobj, body, min(box_end - body, 20)))
        elif box == b"trak":
            handler = _track_handler(fileobj, body, box_end, budget)
            if handler:
                handlers.add(handler)
    return Mp4Info(created, has_video=b"vide" in handlers, has_audio=b"soun" in handlers)


def _track_handler(fileobj: BinaryIO, start: int, end: int, budget: _Budget) -> bytes | None:
    for box, body, box_end in _boxes(fileobj, start, end, budget):
        if box == b"mdia":
            for inner, inner_body, inner_end in _boxes(fileobj, body, box_end, budget):
                if inner == b"hdlr" and inner_end - inner_body >= 12:
                    return _read_at(fileobj, inner_body + 8, 4)
    return None


def _mvhd_created(payload: bytes) -> datetime | None:
    if len(payload) < 8:
        return None
    version = payload[0]
    if version == 1:
        if len(payload) < 12:
            return None
        (seconds,) = struct.unpack_from(">Q", payload, 4)
    elif version == 0:
        (seconds,) = struct.unpack_from(">I", payload, 4)
    else:
        return None
    if seconds == 0 or seconds > _MAX_MP4_SECONDS:
        return None
    created = MP4_EPOCH + timedelta(seconds=seconds)
    return created if plausible(created) else None


def _boxes(
    fileobj: BinaryIO, start: int, end: int, budget: _Budget
) -> Iterator[tuple[bytes, int, int]]:
    """``(type, payload start, box end)`` for each box in ``[start, end)``.

    Every step moves forward by at least the 8-byte header, so a box cannot point back
    at itself; a size running past ``end`` is clamped, and a size smaller than its own
    header ends the walk.
    """
    position = start
    while position + 8 <= end and budget.spend():
        header = _read_at(fileobj, position, 8)
        if len(header) < 8:
            return
        size, box = struct.unpack(">I4s", header)
        header_size = 8
        if size == 1:
            large = _read_at(fileobj, position + 8, 8)
            if len(large) < 8:
                return
            (size,) = struct.unpack(">Q", large)
            header_size = 16
        elif size == 0:
            size = end - position  # "extends to the end of the file"
        if size < header_size:
            return
        box_end = min(position + size, end)
        yield box, position + header_size, box_end
        position = box_end


# --- ID3v2 (MP3) ---------------------------------------------------------------------

_ID3_WANTED = frozenset({b"TDRC", b"TYER", b"TDAT", b"TIME", b"TYE", b"TDA", b"TIM"})
_FRAME_ID = re.compile(rb"[A-Z0-9]{3,4}")
_ISO_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?")


def id3_time(fileobj: BinaryIO) -> datetime | None:
    """Recording time from an ID3v2.2/2.3/2.4 tag at the start of the file (naive)."""
    try:
        header = _read_at(fileobj, 0, 10)
        if len(header) < 10 or header[:3] != b"ID3" or header[3] not in (2, 3, 4):
            return None
        if any(b >= 0x80 for b in header[6:10]):
            return None
        size = _syncsafe(header[6:10])
        data = fileobj.read(min(size, _MAX_ID3_TAG))
    except OSError as exc:
        logger.debug("ID3 read stopped (%s)", type(exc).__name__)
        return None
    frames = _id3_frames(data, major=header[3], flags=header[5])
    return _id3_moment(frames)


def _id3_frames(data: bytes, *, major: int, flags: int) -> dict[bytes, str]:
    if flags & 0x80 and major < 4:
        data = data.replace(b"\xff\x00", b"\xff")  # whole-tag unsynchronisation
    position = 0
    if flags & 0x40 and len(data) >= 4:  # extended header
        position = _syncsafe(data[:4]) if major == 4 else 4 + int.from_bytes(data[:4], "big")
    header_size, id_size = (6, 3) if major == 2 else (10, 4)
    frames: dict[bytes, str] = {}
    while position + header_size <= len(data):
        frame_id = data[position : position + id_size]
        if not _FRAME_ID.fullmatch(frame_id):
            break  # padding or garbage: the frame list is over
        raw_size = data[position + id_size : position + id_size + (3 if major == 2 else 4)]
        size = _syncsafe(raw_size) if major == 4 else int.from_bytes(raw_size, "big")
        body = data[position + header_size : position + header_size + size]
        frame_flags = data[position + 8 : position + 10] if major > 2 else b"\x00\x00"
        position += header_size + size
        if frame_id in _ID3_WANTED and body:
            text = _id3_frame_text(body, major, frame_flags)
            if text:
                frames[frame_id] = text
    return frames


def _id3_frame_text(body: bytes, major: int, frame_flags: bytes) -> str | None:
    format_flags = frame_flags[1]
    if major == 3:
        if format_flags & 0xC0:
            return None  # compressed or encrypted
        if format_flags & 0x20:
            body = body[1:]  # group identifier
    if major == 4:
        if format_flags & 0x0C:
            return None  # compressed or encrypted
        if format_flags & 0x40:
            body = body[1:]  # group identifier
        if format_flags & 0x01:
            body = body[4:]  # data length indicator
        if format_flags & 0x02:
            body = body.replace(b"\xff\x00", b"\xff")
    if not body:
        return None
    encoding = {0: "latin-1", 1: "utf-16", 2: "utf-16-be", 3: "utf-8"}.get(body[0])
    if encoding is None:
        return None
    text = body[1:].decode(encoding, "replace")
    return text.split("\x00", 1)[0].strip() or None


def _id3_moment(frames: dict[bytes, str]) -> datetime | None:
    recorded = frames.get(b"TDRC")
    if recorded:
        match = _ISO_TIME.match(recorded)
        if match:
            return _moment(match.groups())
    year = frames.get(b"TYER") or frames.get(b"TYE")
    day_month = frames.get(b"TDAT") or frames.get(b"TDA")
    hour_minute = frames.get(b"TIME") or frames.get(b"TIM")
    if not (year and day_month and hour_minute):
        return None
    if not (re.fullmatch(r"\d{4}", year) and re.fullmatch(r"\d{4}", day_month)):
        return None
    if not re.fullmatch(r"\d{4}", hour_minute):
        return None
    return _moment((year, day_month[2:], day_month[:2], hour_minute[:2], hour_minute[2:], None))


# --- WAV -----------------------------------------------------------------------------

_RIFF_DATE = re.compile(r"\s*(\d{4})[-:/._ ](\d{2})[-:/._ ](\d{2})[T _](\d{2})[:\-._](\d{2})"
                        r"(?:[:\-._](\d{2}))?")  # fmt: skip


def wav_time(fileobj: BinaryIO) -> datetime | None:
    """Origination time from a WAV ``bext`` chunk or ``LIST/INFO/ICRD`` (naive)."""
    try:
        size = _size_of(fileobj)
        header = _read_at(fileobj, 0, 12)
        if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
            return None
        found_info: datetime | None = None
        position = 12
        for _ in range(_MAX_RIFF_CHUNKS):
            chunk = _read_at(fileobj, position, 8)
            if len(chunk) < 8:
                break
            chunk_id, chunk_size = struct.unpack("<4sI", chunk)
            body = position + 8
            if chunk_id == b"bext" and chunk_size >= _BEXT_STAMP_END:
                stamp = _read_at(fileobj, body + 320, 18)
                text = (
                    stamp[:10].decode("ascii", "replace")
                    + " "
                    + stamp[10:].decode("ascii", "replace")
                )
                moment = _riff_date(text)
                if moment is not None:
                    return moment
            elif chunk_id == b"LIST" and found_info is None:
                listing = _read_at(fileobj, body, min(chunk_size, _MAX_INFO_LIST))
                if listing[:4] == b"INFO":
                    found_info = _info_created(listing[4:])
            position = body + chunk_size + (chunk_size & 1)
            if position >= size:
                break
        return found_info
    except OSError as exc:
        logger.debug("WAV walk stopped (%s)", type(exc).__name__)
        return None


def _info_created(listing: bytes) -> datetime | None:
    position = 0
    while position + 8 <= len(listing):
        sub_id, sub_size = struct.unpack_from("<4sI", listing, position)
        value = listing[position + 8 : position + 8 + sub_size]
        if sub_id == b"ICRD":
            return _riff_date(value.split(b"\x00", 1)[0].decode("utf-8", "replace"))
        position += 8 + sub_size + (sub_size & 1)
    return None


def _riff_date(text: str) -> datetime | None:
    match = _RIFF_DATE.match(text)
    return _moment(match.groups()) if match else None


# --- helpers -------------------------------------------------------------------------


def _moment(parts: Sequence[str | None]) -> datetime | None:
    """The naive datetime of (year, month, day, hour, minute, second?) texts, if plausible."""
    year, month, day, hour, minute, second = parts
    try:
        moment = datetime(
            int(year or 0), int(month or 0), int(day or 0), int(hour or 0), int(minute or 0),
            int(second or 0),
        )  # fmt: skip
    except ValueError:
        return None
    return moment if plausible(moment) else None


def _syncsafe(raw: bytes) -> int:
    value = 0
    for byte in raw:
        value = (value << 7) | (byte & 0x7F)
    return value


def _size_of(fileobj: BinaryIO) -> int:
    return fileobj.seek(0, 2)


def _read_at(fileobj: BinaryIO, offset: int, length: int) -> bytes:
    if length <= 0:
        return b""
    fileobj.seek(offset)
    return fileobj.read(length)
