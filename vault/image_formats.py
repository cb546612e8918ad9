"""The image formats Pillow opens in the vault: its own, and HEIC/HEIF (every iPhone's
camera photos) through ``pillow-heif``.

:func:`register` is called before any ``Image.open`` that may meet a phone photo: EXIF
reading on import, the thumbnails of the evidence list, the preview.
"""

from __future__ import annotations

import functools

import pillow_heif
from PIL import Image


@functools.cache
def register() -> None:
    """Let Pillow open HEIC/HEIF (once per process; later calls do nothing)."""
    pillow_heif.register_heif_opener()
    Image.init()
