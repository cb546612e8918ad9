"""Labelled, compressed JPEG copies of evidence images for a complaint pack.

A complaint form takes small files; the original stays in the vault and in the full
bundle. So a copy is made: turned upright (EXIF orientation), stripped of every metadata
field (no GPS position leaves with it), scaled down and compressed until it is under
the channel's limit, and a strip is drawn under the picture saying that it is a copy,
its 序号 in the full bundle and the original's SHA-256 — whoever receives it can ask for
the original and check it.
"""

from __future__ import annotations

import io
import logging
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from vault.errors import UsageError

logger = logging.getLogger(__name__)

MAX_SIDE = 2400  # pixels on the long side of a copy before any further scaling
_SCALES = (1.0, 0.8, 0.64, 0.5, 0.4, 0.3, 0.22)
_QUALITIES = (85, 72, 60, 48)
_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


class ImageCopyError(UsageError):
    """An image cannot be made into a copy under the channel's limit."""

    code = "pack_image"


def caption_lines(number_text: str, sha256: str) -> tuple[str, str]:
    """The two lines drawn under a copy."""
    return (
        f"副本 COPY · 完整证据包序号 No. {number_text} · 原件请向当事人索取",
        f"原件 SHA-256: {sha256}",
    )


def image_copy(data: bytes, *, number_text: str, sha256: str, limit: int) -> bytes:
    """A captioned JPEG copy of the image ``data`` of at most ``limit`` bytes."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a reduced size
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ImageCopyError(f"The image No. {number_text} cannot be read: {error}") from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    lines = caption_lines(number_text, sha256)
    for scale in _SCALES:
        size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        scaled = picture.resize(size, Image.Resampling.LANCZOS) if scale < 1 else picture
        labelled = _with_caption(scaled, lines)
        for quality in _QUALITIES:
            out = io.BytesIO()
            labelled.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
            if out.tell() <= limit:
                return out.getvalue()
    raise ImageCopyError(f"The image No. {number_text} cannot be made smaller than {limit} bytes.")


def _with_caption(picture: Image.Image, lines: tuple[str, str]) -> Image.Image:
    """``picture`` with a white strip below holding ``lines``, each fitted to the width."""
    width = max(picture.width, 480)  # a narrow picture gets a strip wide enough to read
    margin = max(6, width // 80)
    fonts = [_fitted(line, width - 2 * margin) for line in lines]
    heights = [_line_height(font) for font in fonts]
    strip = sum(heights) + margin * (len(lines) + 1)
    canvas = Image.new("RGB", (width, picture.height + strip), "white")
    canvas.paste(picture, ((width - picture.width) // 2, 0))
    draw = ImageDraw.Draw(canvas)
    draw.line([(0, picture.height), (width, picture.height)], fill="#b03a2e", width=2)
    y = picture.height + margin
    for line, font, height in zip(lines, fonts, heights, strict=True):
        draw.text((margin, y), line, fill="black", font=font)
        y += height + margin
    return canvas


def _fitted(line: str, room: int) -> Font:
    size = max(10, room // 40)
    while True:
        font = _font(size)
        if size <= 8 or ImageDraw.Draw(Image.new("1", (1, 1))).textlength(line, font=font) <= room:
            return font
        size -= 1


def _line_height(font: Font) -> int:
    _, top, _, bottom = font.getbbox("序Ag")
    return int(bottom - min(top, 0)) + 2


@cache
def _font(size: int) -> Font:
    for path in _FONT_FILES:
        if Path(path).is_file():
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
    logger.debug("no CJK font found for image captions; Chinese may show as boxes")
    return ImageFont.load_default(size)


__all__ = ["ImageCopyError", "caption_lines", "image_copy"]
