"""The evidence list (证据目录) of a bundle as HTML, in Simplified or Traditional Chinese or English.

The columns are those of a court's evidence form — 序号 (number), 证据名称 (name, with its
file in the bundle), 证据形式 (the legal kind of evidence), 证据来源 (source), 形成时间
(when it came into being, and where that time comes from), 证明目的 (what it proves),
内容 (what it says), 原件或复制件 (original or copy), 页数 / 时长 (pages or length) — plus
SHA-256 and SM3 (GB/T 32905-2016), so each row can be checked against the file. Items are
grouped by lender and by harassment category; images carry a small thumbnail. The list
ends with a line for the submitter's signature and date.

Two renderings come from one :class:`ReportInput` (:func:`render_screen_and_print`): the
HTML file shows each item's whole content in its cell; the PDF's HTML shows its first
lines and puts the full text in an appendix (附录：内容全文).

The HTML keeps to the subset Qt's rich-text engine renders (tables, inline styles,
``data:`` images), so the same text becomes the PDF (``ui.pdf_report``) and opens in any
browser. Everything from the vault is escaped.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from vault.bundle.layout import NOTE_KIND
from vault.bundle.manifest import ExportedItem
from vault.bundle.report import wording
from vault.bundle.report.content import Content, Origin, note_content
from vault.bundle.report.facts import ItemFacts
from vault.bundle.report.forms import form_of, originality_of
from vault.categories import Category
from vault.dto import ItemDTO, LenderDTO
from vault.note_file import note_item_id
from vault.times import local_text

logger = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "zh_TW", "en")
# Screenshots are shown 160 px wide (CSS px: 42 mm on paper) and at most 360 px (95 mm,
# half a printed A4 landscape page) tall, so a long scrolling capture still leaves room
# for its row. The JPEG has 1.5 times those pixels (240 wide, about 145 dpi on paper):
# a phone screenshot's thumbnail is about 18 KB (twice the pixels: 32 KB), so a list of a
# thousand screenshots stays a file a browser and Qt open.
THUMBNAIL_WIDTH = 160
THUMBNAIL_MAX_HEIGHT = 360
THUMBNAIL_SCALE = 1.5
THUMBNAIL_QUALITY = 75
# A white 1x1 PNG (see _keep_together).
_SPACER = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR42mP4DwABAQEAHLCMmQAAAABJRU5ErkJggg=="
NOTE_GROUP = "note"  # the group notes are listed under (当事人陈述), after every category
MAX_THUMBNAIL_SOURCE = 40 << 20  # larger images get no thumbnail (memory stays bounded)
THUMBNAIL_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp"})


_CATEGORY_ORDER = {str(c): i for i, c in enumerate(Category)}

_FONTS = {
    "zh_CN": "'DejaVu Sans', 'Noto Sans CJK SC', sans-serif",
    "zh_TW": "'DejaVu Sans', 'Noto Sans CJK TC', sans-serif",
    "en": "'DejaVu Sans', 'Noto Sans CJK SC', sans-serif",
}

_STYLE = """
body { font-family: FONTS; font-size: 10pt; }
h1 { font-size: 16pt; }
h2 { font-size: 13pt; margin-top: 10pt; }
h3 { font-size: 11pt; margin-top: 6pt; }
h4 { font-size: 10pt; margin-top: 4pt; }
p, td, th { font-size: 10pt; }
table.list { border-collapse: collapse; }
table.list th { background-color: #e8e8e8; font-weight: bold; font-size: 9pt; }
table.list th.group { background-color: #ffffff; font-size: 10pt; }
table.list td { font-size: 9pt; }
.hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 6pt; word-break: break-all; }
.small { font-size: 8pt; color: #444444; }
.note { font-size: 9pt; }
"""


@dataclass(frozen=True)
class ReportInput:
    """What the evidence list shows; thumbnails are ``item id -> JPEG bytes``."""

    language: str
    bundle_id: str
    created_at: datetime
    time_zone: ZoneInfo
    fingerprint: str
    lenders: Sequence[LenderDTO]
    items: Sequence[ExportedItem]
    thumbnails: dict[str, bytes] = field(default_factory=dict)
    extra_sections: Sequence[str] = ()  # HTML fragments (statistics, findings, charts)
    time_note: str = ""  # what the bundle proves about time (see time_statement)
    facts: Mapping[str, ItemFacts] = field(default_factory=dict)  # content and durations
    # For the PDF: a cell shows its content's first lines and the 附录 holds the full text
    # (the HTML, read on a screen, shows the full text in the cell).
    appendix: bool = False


def style_sheet(language: str) -> str:
    """The report's CSS for ``language`` (fonts with the right CJK glyphs first)."""
    return _STYLE.replace("FONTS", _FONTS[language])


def category_label(code: str | None, language: str) -> str:
    text = wording.EVIDENCE_LIST[language]
    if code == NOTE_GROUP:
        return text["note_group"]
    if code is None:
        return text["uncategorised"]
    return wording.CATEGORY_LABELS[language].get(code, code)


def primary_category(categories: Sequence[str]) -> str | None:
    """The category an item is listed under: the first known one in the standard order."""
    known = [c for c in categories if c in _CATEGORY_ORDER]
    return min(known, key=_CATEGORY_ORDER.__getitem__) if known else None


def sort_key(category: str | None) -> int:
    if category == NOTE_GROUP:
        return len(_CATEGORY_ORDER) + 1  # after the uncategorised items
    return _CATEGORY_ORDER.get(category or "", len(_CATEGORY_ORDER))


def group_of(item: ItemDTO) -> str | None:
    """The heading an item is listed under: its primary category; notes their own."""
    if item.kind == NOTE_KIND:
        return NOTE_GROUP
    return primary_category(item.categories)


def group_order(item: ItemDTO) -> int:
    return sort_key(group_of(item))


def zone_text(zone: ZoneInfo, at: datetime, language: str) -> str:
    """The vault's zone in plain words: "北京时间（UTC+08:00）", or the offset alone."""
    offset = at.astimezone(zone).utcoffset() or timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    utc = "UTC" if minutes == 0 else f"UTC{sign}{hours:02d}:{rest:02d}"
    name = wording.ZONE_NAMES.get(language, {}).get(zone.key)
    if name is None:
        return utc
    if minutes == 0:
        return f"{name}（UTC）" if language != "en" else f"{name} (UTC)"
    return f"{name}（{utc}）" if language != "en" else f"{name} ({utc})"


def make_thumbnail(data: bytes) -> bytes | None:
    """A small JPEG of an image, or None when Pillow cannot read it (never raises)."""
    from PIL import Image  # noqa: PLC0415 - only exports with images need Pillow loaded

    from vault import image_formats  # noqa: PLC0415

    image_formats.register()
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.thumbnail(
                (
                    round(THUMBNAIL_SCALE * THUMBNAIL_WIDTH),
                    round(THUMBNAIL_SCALE * THUMBNAIL_MAX_HEIGHT),
                )
            )
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=THUMBNAIL_QUALITY)
            return out.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        logger.info("no thumbnail for an image Pillow cannot read")
        return None


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_html(data: ReportInput) -> str:
    lang = data.language if data.language in wording.EVIDENCE_LIST else "zh_CN"
    text = wording.EVIDENCE_LIST[lang]
    parts = [
        f'<html lang="{_e(lang.replace("_", "-"))}"><head><meta charset="utf-8">',
        f"<title>{_e(text['title'])}</title>",
        f"<style>{style_sheet(lang)}</style></head><body>",
        f"<h1>{_e(text['title'])}</h1>",
        '<table cellpadding="2">',
        _meta_row(text["bundle"], data.bundle_id),
        _meta_row(text["created"], local_text(data.created_at, None, data.time_zone)),
        _meta_row(text["zone"], zone_text(data.time_zone, data.created_at, lang)),
        _meta_row(text["count"], str(len(data.items))),
        _meta_row(text["key"], data.fingerprint),
        "</table>",
        f"<h2>{_e(text['integrity_title'])}</h2>"
        f"<p>{_e(text['integrity'].format(fingerprint=data.fingerprint))}</p>",
        f"<p>{_e(data.time_note)}</p>" if data.time_note else "",
        f"<h2>{_e(text['carrier_title'])}</h2><p>{_e(text['carrier'])}</p>",
    ]
    lenders = {lender.name: lender for lender in data.lenders}
    for lender_name, entries in _by_lender(data.items):
        folder = entries[0].path.rsplit("/", 1)[0] + "/"
        parts.append(_lender_heading(lender_name, lenders.get(lender_name or ""), folder, lang))
        for category, group in _by_category(entries):
            parts.append(_table(category_label(category, lang), group, data, lang))
    parts.append(f'<p class="small">{_e(text["forms_note"])}</p>')
    parts.append(f"<p><br>{_e(text['submitter'])}</p>")
    if data.appendix:
        parts.append(_appendix(data, lang))
    if data.extra_sections:
        parts.append(f"<h2>{_e(text['analysis_title'])}</h2>")
        parts.extend(data.extra_sections)
    parts.append("</body></html>")
    return "\n".join(parts)


def render_screen_and_print(data: ReportInput) -> tuple[str, str]:
    """The list's HTML to read on a screen (full content in the cells) and the HTML the
    PDF is made from (first lines in the cells, the full text in the 附录)."""
    return render_html(data), render_html(replace(data, appendix=True))


def _meta_row(label: str, value: str) -> str:
    return f"<tr><td><b>{_e(label)}</b></td><td>{_e(value)}</td></tr>"


def _by_lender(items: Sequence[ExportedItem]) -> list[tuple[str | None, list[ExportedItem]]]:
    groups: dict[str | None, list[ExportedItem]] = {}
    for entry in items:
        groups.setdefault(entry.item.lender, []).append(entry)
    return list(groups.items())


def _by_category(items: Sequence[ExportedItem]) -> list[tuple[str | None, list[ExportedItem]]]:
    groups: dict[str | None, list[ExportedItem]] = {}
    for entry in items:
        groups.setdefault(group_of(entry.item), []).append(entry)
    return sorted(groups.items(), key=lambda pair: sort_key(pair[0]))


def _lender_heading(name: str | None, lender: LenderDTO | None, folder: str, lang: str) -> str:
    text = wording.EVIDENCE_LIST[lang]
    heading = f"<h2>{_e(text['lender'])}{text[':']}{_e(name or text['unassigned'])}</h2>"
    if folder:
        heading += f'<p class="small">{_e(text["folder"])}{text[":"]}{_e(folder)}</p>'

    if lender is None:
        return heading
    facts = [
        (text["app"], lender.app),
        (text["company"], lender.company),
        (text["loan_ref"], lender.loan_ref),
        (text["numbers"], "、".join(lender.numbers) if lender.numbers else None),
    ]
    sep = "；" if lang != "en" else "; "
    shown = sep.join(f"{_e(label)}{text[':']}{_e(value)}" for label, value in facts if value)
    return heading + (f'<p class="small">{shown}</p>' if shown else "")


# The list's columns: (wording key, share of the width). A screenshot's thumbnail is 160
# CSS px (42 mm on paper, 15% of a landscape A4 page); a hash is shown as two lines of 32
# characters (6 pt monospace: 41 mm), so nothing is clipped in the PDF.
COLUMNS = (
    ("no", 3),
    ("name", 16),
    ("form", 9),
    ("source", 10),
    ("time", 9),
    ("purpose", 9),
    ("content", 14),
    ("originality", 8),
    ("extent", 6),
    ("hashes", 16),
)


def _table(heading: str, group: Sequence[ExportedItem], data: ReportInput, lang: str) -> str:
    """One category's rows. Its heading is the table's first header row, so the PDF never
    leaves it alone at the foot of a page and repeats it above the rows a page carries on."""
    text = wording.EVIDENCE_LIST[lang]
    head = "".join(f'<th width="{w}%">{_e(text[key])}</th>' for key, w in COLUMNS)
    rows = [
        '<table class="list" border="1" cellspacing="0" cellpadding="2" width="100%">',
        f'<thead><tr><th class="group" colspan="{len(COLUMNS)}" align="left">{_e(heading)}</th>'
        f"</tr><tr>{head}</tr></thead>",
    ]
    rows.extend(_row(entry, data, lang) for entry in group)
    rows.append("</table>")
    return "\n".join(rows)


def _thumbnail(thumb: bytes) -> tuple[str, int]:
    """The ``<img>`` of a thumbnail, 160 px wide (or less, for a very long capture), and
    the height it is shown at."""
    from PIL import Image  # noqa: PLC0415 - only reports with images need Pillow loaded

    with Image.open(io.BytesIO(thumb)) as image:
        width, height = image.size
    shown_w = THUMBNAIL_WIDTH
    shown_h = max(1, round(height * THUMBNAIL_WIDTH / max(width, 1)))
    if shown_h > THUMBNAIL_MAX_HEIGHT:
        shown_w = max(1, round(width * THUMBNAIL_MAX_HEIGHT / height))
        shown_h = THUMBNAIL_MAX_HEIGHT
    uri = "data:image/jpeg;base64," + base64.b64encode(thumb).decode("ascii")
    return f'<img src="{uri}" width="{shown_w}" height="{shown_h}">', shown_h


def _keep_together(height: int) -> str:
    """An invisible 1 px float as tall as the row's thumbnail, put first in the row's other
    cells: Qt's PDF layout then moves the whole row to the next page when the thumbnail
    does not fit, instead of leaving the row's text on one page and its picture on the next
    (measured: with it, no row of the list is split; a browser shows nothing of it)."""
    return f'<img src="{_SPACER}" width="1" height="{height}" align="left">'


# The name column is about 166 CSS px wide: some 26 Latin characters or 13 Chinese ones of
# 9 pt text a line; the estimate counts fewer, erring on the tall side.
_NAME_LINE_UNITS = 20


def _text_height(value: str, points: int) -> int:
    """About how tall ``value`` is in the name column, in CSS px (a wide character counts
    twice): the keep-together spacer covers the text under a thumbnail too."""
    units = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)
    lines = max(1, math.ceil(units / _NAME_LINE_UNITS))
    return lines * round(points * 96 / 72 * 1.25)


def _multiline(value: str) -> str:
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_e(line) for line in lines)


def content_of(entry: ExportedItem, data: ReportInput) -> Content | None:
    """The item's content as the list shows it: from the facts read at export, or, for a
    note given without them, the note's own text."""
    found = data.facts.get(entry.item.id)
    if found is not None and found.content is not None:
        return found.content
    if entry.item.kind == NOTE_KIND and entry.data is not None:
        return note_content([entry.data.decode("utf-8", "replace").removeprefix("\ufeff")])
    return None


def _name_cell(entry: ExportedItem, data: ReportInput, lang: str) -> tuple[str, str]:
    """The 证据名称 cell and the spacer that keeps the row's cells as tall as its picture."""
    text = wording.EVIDENCE_LIST[lang]
    item = entry.item
    spacer = ""
    if item.kind == NOTE_KIND:
        name = f"<b>{_e(text['note_name'])}</b>"
    else:
        name = _e(wording.item_title(lang, item.title, item.original_name))
    file_name = entry.path.rsplit("/", 1)[-1]
    thumb = data.thumbnails.get(item.id) if item.kind != NOTE_KIND else None
    if thumb is not None:
        image, height = _thumbnail(thumb)
        title = wording.item_title(lang, item.title, item.original_name)
        below = _text_height(title, 9) + _text_height(f"{text['file']}{text[':']}", 8)
        below += _text_height(file_name, 8)  # on a line of its own: it has no spaces
        spacer = _keep_together(height + below)
        name = f"{image}<br>{name}"
    name += f'<br><span class="small">{_e(text["file"])}{text[":"]}{_e(file_name)}</span>'
    return name, spacer


def _when_cell(item: ItemDTO, data: ReportInput, lang: str) -> str:
    text = wording.EVIDENCE_LIST[lang]
    time_label = wording.TIME_SOURCE_LABELS[lang].get(
        item.time_source, wording.UNKNOWN_TIME_SOURCE[lang]
    )
    when = _e(local_text(item.captured_at, item.captured_offset_min, data.time_zone))
    when += f'<br><span class="small">{_e(time_label)}'
    if item.incident_at is not None and item.incident_at != item.captured_at:
        incident = local_text(item.incident_at, None, data.time_zone)
        when += f"; {_e(text['incident'])} {_e(incident)}"
    if item.kind == NOTE_KIND:
        written = local_text(item.imported_at, None, data.time_zone)
        when += f"; {_e(text['note_written'])} {_e(written)}"
    return when + "</span>"


def _content_cell(entry: ExportedItem, data: ReportInput, lang: str) -> str:
    content = content_of(entry, data)
    if content is None:
        return wording.EVIDENCE_LIST[lang]["none"]
    labels = wording.CONTENT_LABELS[lang]
    label = labels[content.origin]
    if content.machine_read and content.origin is not Origin.OCR:
        label += labels["machine"]
    listed = _note_numbers(content, data) if entry.item.kind != NOTE_KIND else []
    if listed:
        label += labels["see"].format(numbers=_numbers(listed))
    cell = f'<span class="small">{_e(label)}</span><br>'
    if data.appendix and content.is_cut:
        more = wording.EVIDENCE_LIST[lang]["more"].format(number=entry.number)
        return (
            cell
            + f'<span class="note">{_multiline(content.first_lines())}</span>'
            + (f'<br><span class="small">{_e(more)}</span>')
        )
    return cell + f'<span class="note">{_multiline(content.text.strip())}</span>'


def _note_numbers(content: Content, data: ReportInput) -> list[int]:
    """The list's numbers of the notes a content was taken from, where they are listed."""
    wanted = {note_item_id(note_id) for note_id in content.notes}
    return [entry.number for entry in data.items if entry.item.id in wanted]


def duration_text(seconds: float) -> str:
    """``H:MM:SS`` (or ``M:SS`` under an hour), rounded to the second, at least 0:01."""
    whole = max(1, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _extent_cell(entry: ExportedItem, data: ReportInput, lang: str) -> str:
    """页数 or 时长: one page for an image, a recording's or video's length."""
    item = entry.item
    found = data.facts.get(item.id)
    if found is not None and found.duration_s is not None:
        return _e(duration_text(found.duration_s))
    if item.kind in ("screenshot", "photo"):
        return _e(wording.EVIDENCE_LIST[lang]["pages"].format(n=1))
    return wording.EVIDENCE_LIST[lang]["none"]


def _hash_lines(value: str) -> str:
    """The hash whole, so that it is found and copied as one word; its column is narrow
    enough that it wraps onto two lines (``word-break`` in a browser, Qt wraps anywhere
    a word does not fit)."""
    return value


def _row(entry: ExportedItem, data: ReportInput, lang: str) -> str:
    text = wording.EVIDENCE_LIST[lang]
    item = entry.item
    name, spacer = _name_cell(entry, data, lang)
    if item.kind == NOTE_KIND:
        facts = [text["note_source"]]
    else:
        facts = [item.source_app or "", item.counterpart or ""]
    if item.contact_name:
        facts.append(item.contact_name)
    source = _e(" · ".join(f for f in facts if f)) or text["none"]
    if item.title:
        original = f"{_e(text['original'])}{text[':']}{_e(item.original_name)}"
        source += f'<br><span class="small">{original}</span>'
    kind = wording.KIND_LABELS[lang].get(item.kind, item.kind)
    form = _e(wording.FORM_LABELS[lang][form_of(item)])
    form += f'<br><span class="small">{_e(kind)}</span>'
    hashes = f'<span class="hash">{_hash_lines(item.sha256)}' + (
        f"<br><br>{_hash_lines(item.sm3)}</span>" if item.sm3 else "</span>"
    )
    cells = (
        str(entry.number),
        name,
        form,
        source,
        _when_cell(item, data, lang),
        _e(item.purpose) if item.purpose else text["none"],
        _content_cell(entry, data, lang),
        _e(wording.ORIGINALITY_LABELS[lang][originality_of(item)]),
        _extent_cell(entry, data, lang),
        hashes,
    )
    shown = [spacer + cell for cell in cells]
    return "<tr>" + "".join(f'<td valign="top">{cell}</td>' for cell in shown) + "</tr>"


def _appendix(data: ReportInput, lang: str) -> str:
    """附录：内容全文 — the whole content of every item whose cell shows only its start."""
    text = wording.EVIDENCE_LIST[lang]
    parts = []
    for entry in data.items:
        content = content_of(entry, data)
        if content is None or not content.is_cut:
            continue
        item = entry.item
        name = (
            text["note_name"]
            if item.kind == NOTE_KIND
            else wording.item_title(lang, item.title, item.original_name)
        )
        label = wording.CONTENT_LABELS[lang][content.origin]
        heading = text["appendix_item"].format(number=entry.number, name=name)
        parts.append(
            f'<h3>{_e(heading)}</h3><p class="small">{_e(label)}</p>'
            f'<p class="note">{_multiline(content.text.strip())}</p>'
        )
    if not parts:
        return ""
    return f"<h2>{_e(text['appendix_title'])}</h2>" + "\n".join(parts)


# --- trusted time -------------------------------------------------------------------------


def time_statement(
    language: str, items: Sequence[ExportedItem], times: dict[str, tuple[datetime, str]]
) -> str:
    """What the bundle proves about time, in ``language``: per TSA time the item numbers
    that existed by then, and the numbers of items without a stamped checkpoint."""
    text = wording.TIME_STATEMENTS.get(language, wording.TIME_STATEMENTS["zh_CN"])
    if not times:
        return text["none"]
    groups: dict[tuple[datetime, str], list[int]] = {}
    missing = []
    for entry in items:
        found = times.get(entry.item.id)
        if found is None:
            missing.append(entry.number)
        else:
            groups.setdefault(found, []).append(entry.number)
    sentences = [
        text["proven"].format(
            numbers=_numbers(numbers),
            tsa=tsa,
            time=when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        )
        for (when, tsa), numbers in sorted(groups.items())
    ]
    if missing:
        sentences.append(text["missing"].format(numbers=_numbers(missing)))
    return " ".join(sentences)


def _numbers(numbers: list[int]) -> str:
    """1, 2, 3, 5 -> "1-3, 5"."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
