"""When, with what and with whom a piece of evidence was captured.

Combines the readers in a fixed order of trust: EXIF, then container metadata, then
the file-name pattern, then the file's modification time. Times without a zone are
read in the vault's zone and stored as UTC plus the UTC offset they had, so a reader
can see both the instant and the wall-clock time the phone showed.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from vault.errors import VaultError
from vault.ingest.exif import ExifInfo, read_exif
from vault.ingest.kinds import Family, Kind, detect, sniff
from vault.ingest.media_dates import Mp4Info, id3_time, read_mp4, wav_time
from vault.ingest.names import NameInfo, plausible, read_name

logger = logging.getLogger(__name__)

_MP4_FAMILY = frozenset({"audio/mp4", "video/quicktime", "video/x-m4v"})


class TimeSource(StrEnum):
    """Where ``captured_at`` came from, most trusted first."""

    EXIF = "exif"
    CONTAINER = "container"
    FILE_NAME = "file_name"
    FILE_MTIME = "file_mtime"
    IMPORT_TIME = "import_time"  # only when even the modification time is unusable


class CaptureReadError(VaultError):
    """The file disappeared or became unreadable while its metadata was being read."""

    code = "capture_unreadable"
    exit_code = 2


@dataclass(frozen=True, slots=True)
class Capture:
    """Kind, format, capture time with its provenance, and who/what was involved."""

    kind: Kind
    media_type: str
    ext: str
    captured_at_utc: datetime
    captured_offset_min: int
    time_source: str
    counterpart: str | None
    contact_name: str | None
    source_app: str | None
    device: str | None
    # The three times a reader weighs, kept apart whichever one became captured_at:
    # what the file name said (UTC, with the offset it was shown in) and the file's own
    # modified time (UTC; a copy over USB or a chat app often resets it). The third,
    # the import time, is the item's imported_at.
    name_time_utc: datetime | None = None
    name_offset_min: int | None = None
    file_modified_utc: datetime | None = None
    direction: str | None = None  # "in"/"out" when the file name says so


@dataclass(frozen=True, slots=True)
class _Found:
    """What the content readers found in the file itself."""

    exif: ExifInfo | None = None
    mp4: Mp4Info | None = None
    local: datetime | None = None  # zone-less container time (ID3, WAV)


def read_capture(
    path: Path,
    head: bytes,
    tz: ZoneInfo,
    *,
    opened: BinaryIO | None = None,
    mtime: float | None = None,
    named_file: bool = True,
) -> Capture:
    """Read kind and capture metadata of the file at ``path``.

    ``head`` is the file's first bytes, already read by the import pipeline (4 KiB or
    the whole file if shorter). ``opened`` is the pipeline's own open file (checked to be
    a regular file), read by bounded seeks; without it the file is opened again by name.
    ``mtime`` is the modification time the pipeline's ``fstat`` saw. ``named_file=False``
    says no file by that name is to be asked (an upload): without ``mtime`` the last
    resort is then the import time.
    Raises :class:`~vault.ingest.kinds.EmptyFileError` for an empty file and
    :class:`CaptureReadError` when the file can no longer be examined.
    """
    media = detect(head, path.name)
    name = read_name(path.name)
    found = (
        _read_open(opened, media.family, media.media_type)
        if opened is not None
        else _read_content(path, media.family, media.media_type)
    )
    sniffed = sniff(
        head,
        filename=path.name,
        screenshot_name=bool(name and name.is_screenshot),
        has_camera=bool(found.exif and found.exif.has_camera),
        has_video_track=found.mp4.has_video if found.mp4 else None,
    )
    if name and name.is_call_recording and sniffed.kind is Kind.VIDEO and found.mp4 is None:
        sniffed = sniff(head, filename=path.name, has_video_track=False)
    if not named_file and mtime is None:
        mtime = math.nan  # no file time: _modification_time falls back to the import time
    modified = _file_modified(path, mtime)
    when, offset, source = _capture_time(found, name, tz, modified)
    name_when = _name_time(name, tz)
    logger.debug("capture time from %s; name pattern %s", source, name.pattern if name else None)
    camera = found.exif.camera if found.exif else None
    return Capture(
        kind=sniffed.kind,
        media_type=sniffed.media_type,
        ext=sniffed.ext,
        captured_at_utc=when,
        captured_offset_min=offset,
        time_source=source,
        counterpart=name.counterpart if name else None,
        contact_name=name.contact_name if name else None,
        source_app=name.source_app if name else None,
        device=camera or (name.device if name else None),
        name_time_utc=name_when[0] if name_when else None,
        name_offset_min=name_when[1] if name_when else None,
        file_modified_utc=modified if isinstance(modified, datetime) else None,
        direction=name.direction if name else None,
    )


def _read_content(path: Path, family: Family, media_type: str) -> _Found:
    """Run the reader that fits the detected format; unreadable means nothing found."""
    try:
        with path.open("rb") as fileobj:
            return _read_open(fileobj, family, media_type)
    except OSError as exc:
        logger.info("could not reopen the file for metadata (%s)", type(exc).__name__)
        return _Found()


def _read_open(fileobj: BinaryIO, family: Family, media_type: str) -> _Found:
    if family is Family.IMAGE:
        return _Found(exif=read_exif(fileobj))
    if family is Family.AUDIO_OR_VIDEO or media_type in _MP4_FAMILY:
        return _Found(mp4=read_mp4(fileobj))
    if media_type == "audio/wav":
        return _Found(local=wav_time(fileobj))
    if family is Family.AUDIO:
        return _Found(local=id3_time(fileobj))
    return _Found()


class _StatFailed:
    """The file could not be asked for its modified time (it vanished or turned unreadable)."""


def _file_modified(path: Path, mtime: float | None) -> datetime | _StatFailed | None:
    """The file's own modified time in UTC; ``None`` when it has none worth a date."""
    try:
        stamp = os.stat(path).st_mtime if mtime is None else mtime
    except OSError:
        return _StatFailed()
    try:
        modified = datetime.fromtimestamp(stamp, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return modified if plausible(modified) else None


def _name_time(name: NameInfo | None, tz: tzinfo) -> tuple[datetime, int] | None:
    """What the file name said: ``(UTC instant, offset shown)``, or ``None``."""
    if name is None:
        return None
    if name.utc_time is not None:
        return _resolve(name.utc_time, tz, keep_offset=name.local_time is not None)
    if name.local_time is not None:
        return _resolve(name.local_time, tz, keep_offset=False)
    return None


def _capture_time(
    found: _Found, name: NameInfo | None, tz: tzinfo, modified: datetime | _StatFailed | None
) -> tuple[datetime, int, str]:
    """``(UTC instant, original offset in minutes, source)`` in order of trust."""
    exif = found.exif
    # (time, source, keep its own offset?) — naive times are read in the vault zone;
    # aware ones either carry the offset they were written in or are plain UTC.
    candidates: tuple[tuple[datetime | None, TimeSource, bool], ...] = (
        (exif.taken_aware if exif else None, TimeSource.EXIF, True),
        (exif.taken if exif else None, TimeSource.EXIF, False),
        (found.mp4.created if found.mp4 else None, TimeSource.CONTAINER, False),
        (found.local, TimeSource.CONTAINER, False),
        # A name with both times spelled its own offset; an epoch name gives UTC only.
        (name.utc_time if name else None, TimeSource.FILE_NAME, bool(name and name.local_time)),
        (name.local_time if name else None, TimeSource.FILE_NAME, False),
    )
    for moment, source, keep_offset in candidates:
        if moment is not None:
            return (*_resolve(moment, tz, keep_offset=keep_offset), source)
    if isinstance(modified, _StatFailed):
        raise CaptureReadError("The file could not be examined.")
    if modified is None:
        logger.warning("file modification time unusable; using the import time")
        return (*_resolve(datetime.now(UTC), tz, keep_offset=False), TimeSource.IMPORT_TIME)
    return (*_resolve(modified, tz, keep_offset=False), TimeSource.FILE_MTIME)


def _resolve(moment: datetime, tz: tzinfo, *, keep_offset: bool) -> tuple[datetime, int]:
    """The UTC instant of ``moment`` and the UTC offset (minutes) to show it with.

    A naive wall-clock time is read in ``tz``. An aware time keeps its own offset when
    it was recorded with one; a plain UTC instant shows ``tz``'s offset at that moment.
    """
    if moment.tzinfo is None:
        aware = moment.replace(tzinfo=tz)
        return aware.astimezone(UTC), _minutes(aware)
    shown = moment if keep_offset else moment.astimezone(tz)
    return moment.astimezone(UTC), _minutes(shown)


def _minutes(aware: datetime) -> int:
    offset = aware.utcoffset()
    return round(offset.total_seconds() / 60) if offset is not None else 0
