"""How long a recording or video lasts, read from the decrypted file without copying it.

:func:`duration_seconds` reads MP4/M4A/3GP, MP3, AAC (ADTS), WAV, FLAC, Ogg, AIFF and
WMA through Mutagen, which seeks and reads the headers (an MP3 without a Xing or VBRI
header is estimated from its bit rate, as players do), and AMR-NB/WB, the format of many
Chinese phones' call recorders, by walking its frames (20 ms each). Anything unreadable
or implausible gives ``None``, never an error: a duration is shown, not relied upon.
"""

from __future__ import annotations

import logging
import math
from typing import BinaryIO

logger = logging.getLogger(__name__)

MAX_SECONDS = 7 * 24 * 3600  # a week: a longer "duration" is a misread header
_AMR_MAGIC = {b"#!AMR\n": "nb", b"#!AMR-WB\n": "wb"}
# Speech frame sizes in bytes (header byte included) per frame type 0-15 (RFC 4867 §5.3);
# 0 marks a type that never occurs in storage format (a walk that meets one stops).
_AMR_NB_SIZES = (13, 14, 16, 18, 20, 21, 27, 32, 6, 0, 0, 0, 0, 0, 0, 1)
_AMR_WB_SIZES = (18, 24, 33, 37, 41, 47, 51, 59, 61, 6, 0, 0, 0, 0, 1, 1)
_AMR_FRAME_SECONDS = 0.02
_MAX_AMR_BYTES = 64 << 20  # a week of AMR-WB at its highest rate is smaller


def duration_seconds(fileobj: BinaryIO, media_type: str) -> float | None:
    """Seconds of sound or picture in ``fileobj`` (seekable, at any position), or None."""
    try:
        fileobj.seek(0)
        head = fileobj.read(9)
        fileobj.seek(0)
        for magic, variant in _AMR_MAGIC.items():
            if head.startswith(magic):
                return _plausible(_amr_seconds(fileobj, len(magic), variant))
        return _plausible(_mutagen_seconds(fileobj))
    except (OSError, ValueError) as error:
        logger.info("no duration for a %s file (%s)", media_type, type(error).__name__)
        return None


def _mutagen_seconds(fileobj: BinaryIO) -> float | None:
    import mutagen  # noqa: PLC0415 - only exports with recordings load the readers

    try:
        found = mutagen.File(fileobj)
    except mutagen.MutagenError as error:
        logger.info("the media reader could not read the file (%s)", type(error).__name__)
        return None
    info = getattr(found, "info", None) if found is not None else None
    length = getattr(info, "length", None)
    return float(length) if isinstance(length, int | float) else None


def _amr_seconds(fileobj: BinaryIO, start: int, variant: str) -> float | None:
    sizes = _AMR_NB_SIZES if variant == "nb" else _AMR_WB_SIZES
    data = fileobj.read(_MAX_AMR_BYTES + 1)
    if len(data) > _MAX_AMR_BYTES:
        return None
    frames = 0
    at = start
    while at < len(data):
        size = sizes[(data[at] >> 3) & 0x0F]
        if size == 0 or at + size > len(data):
            break  # a damaged tail: count what came before it
        frames += 1
        at += size
    return frames * _AMR_FRAME_SECONDS if frames else None


def _plausible(seconds: float | None) -> float | None:
    if seconds is None or not math.isfinite(seconds) or not 0 < seconds <= MAX_SECONDS:
        return None
    return seconds
