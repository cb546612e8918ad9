"""Phone screenshots drawn with Pillow and the Noto CJK font, in the layouts people capture.

Each function returns PNG bytes of one screen: a WeChat chat (the other side's white
bubbles on the left, the user's green ones on the right, light or dark mode), an SMS
thread, a plain page of text. Sizes and colours follow the apps' own (a 1080-pixel wide
phone at 3x, 16 pt message text), so what Tesseract sees is what a real capture holds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

FONT_FILE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SIMPLIFIED, TRADITIONAL = 2, 3  # face indexes in the collection: Noto Sans CJK SC, TC

WIDTH = 1080
WECHAT_GREEN = (149, 236, 105)  # the user's own bubble
WECHAT_GREEN_DARK = (63, 180, 92)
WECHAT_LIGHT_BACKGROUND = (237, 237, 237)
WECHAT_DARK_BACKGROUND = (17, 17, 17)
WECHAT_DARK_BUBBLE = (44, 44, 44)
SMS_BLUE = (0, 122, 255)
SMS_GREY = (233, 233, 235)


@dataclass(frozen=True)
class Bubble:
    text: str
    mine: bool = False  # the user's own message: right-hand side, green in WeChat
    emoji: bool = False  # a round yellow face after the text, as emoji are drawn


def _font(size: int, face: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_FILE, size, index=face)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if draw.textlength(line + ch, font=font) > width:
            lines.append(line)
            line = ch
        else:
            line += ch
    return [*lines, line] if line else lines


def _face(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """An emoji face: yellow disc, two eyes, a mouth."""
    draw.ellipse((x, y, x + size, y + size), fill=(255, 204, 51), outline=(230, 160, 20), width=3)
    eye = size // 9
    for ex in (x + size * 0.32, x + size * 0.62):
        draw.ellipse(
            (ex, y + size * 0.33, ex + eye, y + size * 0.33 + eye * 1.5), fill=(90, 60, 20)
        )
    draw.arc(
        (x + size * 0.25, y + size * 0.35, x + size * 0.75, y + size * 0.78),
        20,
        160,
        fill=(90, 60, 20),
        width=4,
    )


def chat(
    bubbles: list[Bubble],
    *,
    dark: bool = False,
    face: int = SIMPLIFIED,
    title: str = "",
    green: tuple[int, int, int] | None = None,
) -> bytes:
    """A WeChat conversation; ``green`` overrides the colour of the user's bubbles."""
    font, title_font = _font(48, face), _font(50, face)
    background = WECHAT_DARK_BACKGROUND if dark else WECHAT_LIGHT_BACKGROUND
    ink = (220, 220, 220) if dark else (25, 25, 25)
    theirs = WECHAT_DARK_BUBBLE if dark else (255, 255, 255)
    own = green or (WECHAT_GREEN_DARK if dark else WECHAT_GREEN)
    own_ink = (20, 20, 20)
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    laid = [(b, _wrap(probe, b.text, font, 640)) for b in bubbles]
    height = 260 + sum(70 * len(lines) + 110 for _, lines in laid)
    image = Image.new("RGB", (WIDTH, height), background)
    draw = ImageDraw.Draw(image)
    draw.text((WIDTH // 2, 110), title or "", font=title_font, fill=ink, anchor="mm")
    y = 220
    for bubble, lines in laid:
        text_w = max(int(draw.textlength(line, font=font)) for line in lines)
        w = text_w + 60 + (80 if bubble.emoji else 0)
        h = 70 * len(lines) + 40
        avatar = (WIDTH - 150, y, WIDTH - 40, y + 110) if bubble.mine else (40, y, 150, y + 110)
        draw.rounded_rectangle(avatar, 12, fill=(120, 150, 200) if bubble.mine else (200, 140, 120))
        x = WIDTH - 180 - w if bubble.mine else 180
        draw.rounded_rectangle((x, y, x + w, y + h), 18, fill=own if bubble.mine else theirs)
        colour = own_ink if bubble.mine else ink
        for i, line in enumerate(lines):
            draw.text((x + 30, y + 20 + 70 * i), line, font=font, fill=colour)
        if bubble.emoji:
            _face(draw, x + 40 + text_w, y + 24, 60)
        y += h + 70
    return _png(image)


def sms_thread(sender: str, messages: list[str], *, face: int = SIMPLIFIED) -> bytes:
    """The phone's messages app: the sender's number on top, grey bubbles below."""
    font, head = _font(46, face), _font(52, face)
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    laid = [_wrap(probe, m, font, 820) for m in messages]
    height = 300 + sum(66 * len(lines) + 100 for lines in laid)
    image = Image.new("RGB", (WIDTH, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.text((WIDTH // 2, 120), sender, font=head, fill=(0, 0, 0), anchor="mm")
    draw.line((0, 210, WIDTH, 210), fill=(200, 200, 200), width=2)
    y = 260
    for lines in laid:
        w = max(int(draw.textlength(line, font=font)) for line in lines) + 60
        h = 66 * len(lines) + 36
        draw.rounded_rectangle((40, y, 40 + w, y + h), 36, fill=SMS_GREY)
        for i, line in enumerate(lines):
            draw.text((70, y + 18 + 66 * i), line, font=font, fill=(0, 0, 0))
        y += h + 64
    return _png(image)


def page(lines: list[str], *, face: int = SIMPLIFIED, size: int = 44) -> bytes:
    """Black text on white, one line each: a notice, a photo of a letter."""
    font = _font(size, face)
    image = Image.new("RGB", (WIDTH, 120 + int(size * 1.6) * len(lines)), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((60, 60 + int(size * 1.6) * i), line, font=font, fill=(0, 0, 0))
    return _png(image)
