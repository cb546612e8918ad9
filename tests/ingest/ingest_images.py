"""Small real images with chosen EXIF fields, written with Pillow."""

from __future__ import annotations

from pathlib import Path

from PIL import ExifTags, Image


def save_image(
    path: Path,
    fmt: str,
    *,
    original: str | None = None,
    offset: str | None = None,
    digitized: str | None = None,
    datetime_tag: str | None = None,
    make: str | None = None,
    model: str | None = None,
    size: tuple[int, int] = (48, 32),
) -> Path:
    """Write a small real image with exactly the EXIF fields given (none: no EXIF)."""
    image = Image.new("RGB", size, (180, 40, 40))
    exif = Image.Exif()
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    for ifd, tag, value in (
        (exif, ExifTags.Base.Make, make),
        (exif, ExifTags.Base.Model, model),
        (exif, ExifTags.Base.DateTime, datetime_tag),
        (sub, ExifTags.Base.DateTimeOriginal, original),
        (sub, ExifTags.Base.OffsetTimeOriginal, offset),
        (sub, ExifTags.Base.DateTimeDigitized, digitized),
    ):
        if value is not None:
            ifd[tag] = value
    if len(exif) or len(sub):
        image.save(path, fmt, exif=exif)
    else:
        image.save(path, fmt)
    return path
