"""Make Chinese copied from Qt's PDFs come out as the characters that were drawn.

The cause: a PDF font's ``ToUnicode`` map says which character each glyph stands for,
and Qt's PDF writer (``QFontSubset::getReverseMap``) builds it by walking the font's
character map from U+0000 upwards and keeping, for each glyph, the *lowest* code point
that maps to it. Noto Sans/Serif CJK draw a Kangxi radical (U+2F00–U+2FDF) or a CJK
radical supplement form (U+2E80–U+2EFF) with the very glyph of the ideograph it looks
like — ⽬ U+2F6C and 目 U+76EE share one glyph, so do ⻔ U+2ED4 and 门 U+95E8 — and the
radical's code point is lower, so the text of 证据目录 extracts as 证据⽬录 (measured with
``pdftotext``: every 目 入 人 门 文 … of the evidence list). Text layout options and
Qt's font settings do not reach that map, and no other installed CJK font covers the
list's text, so the map is put right after Qt wrote it.

:func:`restore_ideographs` rewrites only the ``ToUnicode`` streams of the PDF's fonts:
an entry naming a radical, or a Kanbun or CJK stroke form, whose glyph in that very font
(asked of Qt, :class:`QRawFont`) is also an ideograph's glyph, names the ideograph
instead. Each such entry is four hex digits before and after (both characters lie in
the Basic Multilingual Plane), so no stream changes length and the file's cross-reference
table stays valid. A run entry that maps several glyphs to consecutive radicals (rare:
two radical-shaped characters used for the first time one after the other) is left as
Qt wrote it and logged.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

logger = logging.getLogger(__name__)

# Code points below the ideographs that share glyphs with them in CJK fonts.
_LOOKALIKES = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0x3190, 0x319F), (0x31C0, 0x31EF))
# Where the ideograph is looked for, in order: the unified block first, then Extension A,
# then the compatibility ideographs.
_IDEOGRAPHS = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))

_FONT = re.compile(rb"/BaseFont /([^\s/<>\[\]]+)[^>]*?/ToUnicode (\d+) 0 R")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")
_SINGLE_RUN = re.compile(rb"^(<([0-9A-Fa-f]{4})> <\2> )<([0-9A-Fa-f]{4})>", re.MULTILINE)
_RUN = re.compile(rb"^<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]{4})> <([0-9A-Fa-f]{4})>", re.MULTILINE)
_ARRAY = re.compile(rb"\[([^\]]*)\]")
_CHAR_SECTION = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_CHAR_LINE = re.compile(rb"^(<[0-9A-Fa-f]+> )<([0-9A-Fa-f]{4})>", re.MULTILINE)


def _lookalike(code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in _LOOKALIKES)


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


@cache
def _fonts() -> dict[str, tuple[str, str]]:
    """Installed fonts by PostScript-like key: "notosanscjkscbold" -> (family, style)."""
    found: dict[str, tuple[str, str]] = {}
    for family in QFontDatabase.families():
        for style in QFontDatabase.styles(family):
            found.setdefault(_key(family + style), (family, style))
    return found


@cache
def ideograph_map(family: str, style: str) -> dict[int, int]:
    """Lookalike code point -> the ideograph drawn with the same glyph in this font."""
    font = QFont(family)
    font.setStyleName(style)
    raw = QRawFont.fromFont(font)
    if not raw.isValid():
        return {}
    ideographs = "".join(chr(c) for lo, hi in _IDEOGRAPHS for c in range(lo, hi + 1))
    first: dict[int, int] = {}
    for char, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs), strict=True):
        if glyph:
            first.setdefault(glyph, ord(char))
    lookalikes = "".join(chr(c) for lo, hi in _LOOKALIKES for c in range(lo, hi + 1))
    return {
        ord(char): first[glyph]
        for char, glyph in zip(lookalikes, raw.glyphIndexesForString(lookalikes), strict=True)
        if glyph and glyph in first
    }


def _map_for(base_font: str) -> dict[int, int]:
    name = base_font.split("+", 1)[-1]  # a subset tag "ABCDEF+" is not part of the name
    match = _fonts().get(_key(name))
    return ideograph_map(*match) if match else {}


def _fix_cmap(cmap: bytes, mapping: dict[int, int]) -> tuple[bytes, int]:
    """The CMap with lookalike destinations replaced (same length), and how many were."""
    count = 0

    def hex4(token: bytes) -> bytes:
        nonlocal count
        code = int(token, 16)
        if _lookalike(code) and code in mapping:
            count += 1
            return b"%04X" % mapping[code]
        return token

    def array(match: re.Match[bytes]) -> bytes:
        inner = _HEX4.sub(lambda m: b"<" + hex4(m.group(1)) + b">", match.group(1))
        return b"[" + inner + b"]"

    def single(match: re.Match[bytes]) -> bytes:
        return match.group(1) + b"<" + hex4(match.group(3)) + b">"

    def chars(match: re.Match[bytes]) -> bytes:
        body = _CHAR_LINE.sub(lambda m: m.group(1) + b"<" + hex4(m.group(2)) + b">", match[1])
        return b"beginbfchar" + body + b"endbfchar"

    out = _ARRAY.sub(array, cmap)
    out = _SINGLE_RUN.sub(single, out)
    out = _CHAR_SECTION.sub(chars, out)
    for run in _RUN.finditer(out):
        low, high, start = (int(g, 16) for g in run.groups())
        if high > low and any(_lookalike(start + n) for n in range(high - low + 1)):
            logger.info("a run of lookalike characters in a PDF text map was left as is")
    return out, count


def restore_ideographs(path: Path) -> int:
    """Rewrite the ``ToUnicode`` maps of the PDF at ``path`` in place; entries changed."""
    data = bytearray(path.read_bytes())
    changed = 0
    for font in _FONT.finditer(bytes(data)):
        mapping = _map_for(font.group(1).decode("latin-1"))
        if not mapping:
            continue
        header = re.compile(rb"(?:^|\n)%s 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n" % font[2])
        stream = header.search(data)
        if stream is None:
            continue
        start, length = stream.end(), int(stream.group(1))
        cmap = bytes(data[start : start + length])
        if b"begincmap" not in cmap:
            continue
        fixed, count = _fix_cmap(cmap, mapping)
        if count and len(fixed) == length:
            data[start : start + length] = fixed
            changed += count
    if changed:
        path.write_bytes(bytes(data))
        logger.info("named %d ideographs in the PDF's text map instead of radicals", changed)
    return changed
