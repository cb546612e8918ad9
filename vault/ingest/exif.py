"""When and with what a photo was taken, from its EXIF block.

Pillow parses only the container headers here (``Image.open`` is lazy and pixels are
never decoded), from a binary file object the caller owns. Any problem with the file —
truncated, hostile, a decompression bomb, not an image — makes the answer "absent"
(``None``), never an exception. HEIC/HEIF (iPhone photos) is read through
:mod:`vault.image_formats`.
"""

from __future__ import annotations

import functools
import logging
import re
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import BinaryIO

from PIL import ExifTags, Image

from vault import image_formats
from vault.ingest.names import plausible

logger = logging.getLogger(__name__)

_FORMATS = ("JPEG", "MPO", "PNG", "TIFF", "WEBP", "HEIF", "AVIF")
_DATE = re.compile(r"\s*(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"\s*([+-])(\d{2}):?(\d{2})\s*")
_MAX_TEXT = 64
# (date tag, its offset tag, IFD holding both, name) in order of preference.
_DATE_TAGS = (
    (ExifTags.Base.DateTimeOriginal, ExifTags.Base.OffsetTimeOriginal, True, "DateTimeOriginal"),
    (ExifTags.Base.DateTimeDigitized, ExifTags.Base.OffsetTimeDigitized, True, "DateTimeDigitized"),
    (ExifTags.Base.DateTime, ExifTags.Base.OffsetTime, False, "DateTime"),
)


@dataclass(frozen=True, slots=True)
class ExifInfo:
    """What EXIF said. ``taken`` is the camera's wall clock (naive); ``offset_min`` its
    UTC offset when the camera recorded one (``OffsetTime*``); ``tag`` names the field
    ``taken`` came from."""

    taken: datetime | None
    offset_min: int | None
    tag: str | None
    make: str | None
    model: str | None

    @property
    def has_camera(self) -> bool:
        """True when EXIF names the device that took the picture."""
        return bool(self.make or self.model)

    @property
    def taken_aware(self) -> datetime | None:
        """``taken`` with its recorded offset attached; ``None`` when no offset was recorded."""
        if self.taken is None or self.offset_min is None:
            return None
        return self.taken.replace(tzinfo=timezone(timedelta(minutes=self.offset_min)))

    @property
    def camera(self) -> str | None:
        """ "Make Model" without repeating the make (``Apple iPhone 15`` not ``Apple Apple…``)."""
        if self.model and self.make and not self.model.lower().startswith(self.make.lower()):
            return f"{self.make} {self.model}"
        return self.model or self.make


def read_exif(fileobj: BinaryIO) -> ExifInfo | None:
    """EXIF capture data of the image in ``fileobj``; ``None`` if absent or unreadable."""
    formats = _open_formats()
    try:
        with warnings.catch_warnings():
            # Pillow warns about large and corrupt files; for us both just mean "absent".
            warnings.simplefilter("ignore")
            with Image.open(fileobj, formats=formats) as image:
                exif = _exif_of(image)
                if exif is None:
                    return None
                return _interpret(exif)
    except Exception as exc:  # every Pillow failure on untrusted bytes means "absent"
        logger.debug("no readable EXIF (%s)", type(exc).__name__)
        return None


def _exif_of(image: Image.Image) -> Image.Exif | None:
    if image.format == "TIFF":
        return image.getexif()  # TIFF tags live in the file's own IFD, no pixel decoding
    raw = image.info.get("exif")
    if not isinstance(raw, bytes) or not raw:
        return None  # e.g. PNG with eXIf after the pixel data: not worth decoding pixels
    exif = Image.Exif()
    exif.load(raw)
    return exif


def _interpret(exif: Image.Exif) -> ExifInfo | None:
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    make, model = _text(exif.get(ExifTags.Base.Make)), _text(exif.get(ExifTags.Base.Model))
    taken: datetime | None = None
    offset: int | None = None
    used: str | None = None
    for date_tag, offset_tag, in_sub, name in _DATE_TAGS:
        ifd = sub if in_sub else exif
        taken = _date(ifd.get(date_tag))
        if taken is not None:
            offset = _offset(sub.get(offset_tag))
            used = name
            break
    if taken is None and make is None and model is None:
        return None
    return ExifInfo(taken=taken, offset_min=offset, tag=used, make=make, model=model)


def _as_str(value: object) -> str | None:
    if isinstance(value, bytes):
        return value.decode("ascii", "replace")
    return value if isinstance(value, str) else None


def _date(value: object) -> datetime | None:
    text = _as_str(value)
    match = _DATE.match(text) if text else None
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(part) for part in match.groups())
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    return moment if plausible(moment) else None


def _offset(value: object) -> int | None:
    text = _as_str(value)
    match = _OFFSET.fullmatch(text.strip("\x00")) if text else None
    if match is None:
        return None
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3))
    if hours > 14 or minutes > 59:
        return None
    total = hours * 60 + minutes
    return -total if sign == "-" else total


def _text(value: object) -> str | None:
    text = _as_str(value)
    if text is None:
        return None
    cleaned = "".join(ch for ch in text if ch.isprintable()).strip()
    return cleaned[:_MAX_TEXT] or None


@functools.cache
def _open_formats() -> tuple[str, ...]:
    """The image formats EXIF is read from, among those this Pillow can open."""
    image_formats.register()
    return tuple(name for name in _FORMATS if name in Image.OPEN)
