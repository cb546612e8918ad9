"""The evidence list (证据目录) of a bundle as HTML, in Simplified or Traditional Chinese or English.

The columns are those Chinese courts expect in an evidence list — 序号 (number), 证据名称
(name), 证据来源 (source), 形成时间 (when it came into being), 证明目的 (what it proves),
页码 (where to find it; in a bundle, the file's path) — plus SHA-256 and SM3 (GB/T
32905-2016), so each row can be checked against the file. Items are grouped by lender
and by harassment category; images carry a small thumbnail.

The HTML keeps to the subset Qt's rich-text engine renders (tables, inline styles,
``data:`` images), so the same text becomes the PDF (``ui.pdf_report``) and opens in any
browser. Everything from the vault is escaped.
"""

from __future__ import annotations

import base64
import html
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from vault.bundle.manifest import ExportedItem
from vault.categories import Category
from vault.dto import LenderDTO
from vault.times import local_text

logger = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "zh_TW", "en")
THUMBNAIL_PX = 96
MAX_THUMBNAIL_SOURCE = 40 << 20  # larger images get no thumbnail (memory stays bounded)
THUMBNAIL_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp"})

_TEXT: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "证据目录",
        "bundle": "证据包编号",
        "created": "生成时间",
        "zone": "时区",
        "count": "证据数量",
        "key": "签名密钥指纹",
        "lender": "借贷平台",
        "app": "应用",
        "company": "公司",
        "loan_ref": "借款编号",
        "numbers": "催收号码",
        "no": "序号",
        "name": "证据名称",
        "source": "证据来源",
        "time": "形成时间",
        "purpose": "证明目的",
        "page": "页码（文件）",
        "folder": "文件位于",
        "hashes": "SHA-256（上）/ SM3（下）",
        "original": "原始文件名",
        "app_from": "来源应用",
        "counterpart": "对方号码",
        "incident": "事发时间",
        "imported": "导入时间",
        "uncategorised": "未分类",
        "unassigned": "未指定平台",
        "integrity_title": "完整性说明",
        "integrity": (
            "本目录所列每个文件的 SHA-256 与 SM3 值均在导入证据保管箱时计算，并在导出时重新核对一致。"
            "SHA256SUMS 清单由保管箱的 Ed25519 密钥签名，接收方可用 sha256sum 与 ssh-keygen 自行核验（见 README.txt）。"
            "能够证明的：这些文件自被指纹为 {fingerprint} 的密钥签名之后未被改动，保管记录（哈希链）未被篡改；"
            "接收方须将该指纹与提交人通过其他途径（当面、电话）告知的指纹比对，或运行 evault verify --expect-key 指纹，"
            "一致时才能说明是提交人签的名。"
            "不能证明的：文件在签名之前（包括导入之前）未被伪造、剪辑或篡改。"
        ),
        "carrier_title": "原始载体",
        "carrier": (
            "存有原始录音、截图的手机是证据的原始载体。请妥善保管该手机，不要删除原始文件、"
            "不要恢复出厂设置，以便法院或主管机关需要时核对原件。"
        ),
        "analysis_title": "统计与违规分析",
        "none": "—",
        ":": "：",
    },
    "zh_TW": {
        "title": "證據目錄",
        "bundle": "證據包編號",
        "created": "產生時間",
        "zone": "時區",
        "count": "證據數量",
        "key": "簽名金鑰指紋",
        "lender": "借貸平台",
        "app": "應用程式",
        "company": "公司",
        "loan_ref": "借款編號",
        "numbers": "催收號碼",
        "no": "序號",
        "name": "證據名稱",
        "source": "證據來源",
        "time": "形成時間",
        "purpose": "證明目的",
        "page": "頁碼（檔案）",
        "folder": "檔案位於",
        "hashes": "SHA-256（上）/ SM3（下）",
        "original": "原始檔名",
        "app_from": "來源應用程式",
        "counterpart": "對方號碼",
        "incident": "事發時間",
        "imported": "匯入時間",
        "uncategorised": "未分類",
        "unassigned": "未指定平台",
        "integrity_title": "完整性說明",
        "integrity": (
            "本目錄所列每個檔案的 SHA-256 與 SM3 值均於匯入證據保管箱時計算，並於匯出時重新核對一致。"
            "SHA256SUMS 清單由保管箱的 Ed25519 金鑰簽名，接收方可用 sha256sum 與 ssh-keygen 自行核驗（見 README.txt）。"
            "能夠證明的：這些檔案自被指紋為 {fingerprint} 的金鑰簽名之後未被改動，保管紀錄（雜湊鏈）未被竄改；"
            "接收方須將該指紋與提交人經其他途徑（當面、電話）告知的指紋比對，或執行 evault verify --expect-key 指紋，"
            "一致時才能說明是提交人簽的名。"
            "不能證明的：檔案在簽名之前（包括匯入之前）未被偽造、剪輯或竄改。"
        ),
        "carrier_title": "原始載體",
        "carrier": (
            "存有原始錄音、截圖的手機是證據的原始載體。請妥善保管該手機，不要刪除原始檔案、"
            "不要回復原廠設定，以便法院或主管機關需要時核對原件。"
        ),
        "analysis_title": "統計與違規分析",
        "none": "—",
        ":": "：",
    },
    "en": {
        "title": "Evidence list",
        "bundle": "Bundle ID",
        "created": "Created",
        "zone": "Time zone",
        "count": "Items",
        "key": "Signing key fingerprint",
        "lender": "Lender",
        "app": "App",
        "company": "Company",
        "loan_ref": "Loan reference",
        "numbers": "Collector numbers",
        "no": "No.",
        "name": "Evidence",
        "source": "Source",
        "time": "Created at",
        "purpose": "What it proves",
        "page": "Page (file)",
        "folder": "Files in",
        "hashes": "SHA-256 (top) / SM3 (bottom)",
        "original": "original file",
        "app_from": "app",
        "counterpart": "other party",
        "incident": "incident",
        "imported": "imported",
        "uncategorised": "Not categorised",
        "unassigned": "No lender",
        "integrity_title": "Integrity statement",
        "integrity": (
            "The SHA-256 and SM3 of every file listed here were computed when it was imported into the "
            "vault and checked again when this bundle was exported. SHA256SUMS is signed with the vault's "
            "Ed25519 key; a receiver can check both with sha256sum and ssh-keygen (see README.txt). "
            "What is proven: these files have not changed since they were signed by the key with "
            "fingerprint {fingerprint}, and their custody records (a hash chain) were not altered. That "
            "shows the sender signed only if the receiver compares this fingerprint with one the sender "
            "gave another way (in person, by phone), or runs evault verify --expect-key FINGERPRINT. What "
            "is not proven: that a file was not fabricated, cut or edited before it was signed, including "
            "before import."
        ),
        "carrier_title": "Original carrier",
        "carrier": (
            "The phone holding the original recordings and screenshots is the original carrier of the "
            "evidence. Keep it safe: do not delete the originals or reset the phone, so that a court or "
            "authority can compare them when needed."
        ),
        "analysis_title": "Statistics and findings",
        "none": "—",
        ":": ": ",
    },
}

_CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        Category.FREQUENT_CALLS: "频繁来电",
        Category.THREATS: "威胁恐吓",
        Category.CONTACTING_FAMILY: "骚扰家人及通讯录联系人",
        Category.LEAKING_DATA: "泄露个人信息",
        Category.HOME_VISIT: "上门催收",
        Category.INSULTS: "辱骂侮辱",
        Category.IMPERSONATING_AUTHORITY: "冒充公检法或政府人员",
        Category.FAKE_LEGAL_DOCUMENTS: "伪造法律文书",
        Category.OTHER: "其他",
    },
    "zh_TW": {
        Category.FREQUENT_CALLS: "頻繁來電",
        Category.THREATS: "威脅恐嚇",
        Category.CONTACTING_FAMILY: "騷擾家人及通訊錄聯絡人",
        Category.LEAKING_DATA: "洩露個人資料",
        Category.HOME_VISIT: "上門催收",
        Category.INSULTS: "辱罵侮辱",
        Category.IMPERSONATING_AUTHORITY: "冒充警察、法院或政府人員",
        Category.FAKE_LEGAL_DOCUMENTS: "偽造法律文書",
        Category.OTHER: "其他",
    },
    "en": {
        Category.FREQUENT_CALLS: "Frequent calls",
        Category.THREATS: "Threats",
        Category.CONTACTING_FAMILY: "Contacting family and contacts",
        Category.LEAKING_DATA: "Leaking personal data",
        Category.HOME_VISIT: "Home visits",
        Category.INSULTS: "Insults",
        Category.IMPERSONATING_AUTHORITY: "Impersonating police, courts or officials",
        Category.FAKE_LEGAL_DOCUMENTS: "Fake legal documents",
        Category.OTHER: "Other",
    },
}

_KIND_LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "recording": "通话录音",
        "screenshot": "截图",
        "photo": "照片",
        "video": "视频",
        "document": "文件",
        "note": "笔记",
        "backup": "短信/通话记录备份",
    },
    "zh_TW": {
        "recording": "通話錄音",
        "screenshot": "截圖",
        "photo": "照片",
        "video": "影片",
        "document": "文件",
        "note": "筆記",
        "backup": "簡訊/通話紀錄備份",
    },
    "en": {},
}

_TIME_SOURCE_LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "exif": "EXIF",
        "container": "文件元数据",
        "file_name": "文件名",
        "file_mtime": "文件修改时间",
        "import_time": "导入时间",
        "user": "用户填写",
    },
    "zh_TW": {
        "exif": "EXIF",
        "container": "檔案中繼資料",
        "file_name": "檔名",
        "file_mtime": "檔案修改時間",
        "import_time": "匯入時間",
        "user": "使用者填寫",
    },
    "en": {
        "exif": "EXIF",
        "container": "file metadata",
        "file_name": "file name",
        "file_mtime": "file modification time",
        "import_time": "import time",
        "user": "entered by user",
    },
}

_CATEGORY_ORDER = {str(c): i for i, c in enumerate(Category)}

_FONTS = {
    "zh_CN": "'DejaVu Sans', 'Noto Sans CJK SC', sans-serif",
    "zh_TW": "'DejaVu Sans', 'Noto Sans CJK TC', sans-serif",
    "en": "'DejaVu Sans', 'Noto Sans CJK SC', sans-serif",
}

_STYLE = """
body { font-family: FONTS; font-size: 7pt; }
h1 { font-size: 16pt; }
h2 { font-size: 12pt; margin-top: 10pt; }
h3 { font-size: 10pt; margin-top: 6pt; }
table.list { border-collapse: collapse; }
table.list th { background-color: #e8e8e8; font-weight: bold; }
table.list td { font-size: 6.5pt; }
.hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 5pt; }
.small { font-size: 6pt; color: #444444; }
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


def category_label(code: str | None, language: str) -> str:
    text = _TEXT[language]
    if code is None:
        return text["uncategorised"]
    return _CATEGORY_LABELS[language].get(code, code)


def primary_category(categories: Sequence[str]) -> str | None:
    """The category an item is listed under: the first known one in the standard order."""
    known = [c for c in categories if c in _CATEGORY_ORDER]
    return min(known, key=_CATEGORY_ORDER.__getitem__) if known else None


def sort_key(category: str | None) -> int:
    return _CATEGORY_ORDER.get(category or "", len(_CATEGORY_ORDER))


def make_thumbnail(data: bytes) -> bytes | None:
    """A small JPEG of an image, or None when Pillow cannot read it (never raises)."""
    from PIL import Image  # noqa: PLC0415 - only exports with images need Pillow loaded

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=80)
            return out.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        logger.info("no thumbnail for an image Pillow cannot read")
        return None


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_html(data: ReportInput) -> str:
    lang = data.language if data.language in _TEXT else "zh_CN"
    text = _TEXT[lang]
    parts = [
        f'<html lang="{_e(lang.replace("_", "-"))}"><head><meta charset="utf-8">',
        f"<title>{_e(text['title'])}</title>",
        f"<style>{_STYLE.replace('FONTS', _FONTS[lang])}</style></head><body>",
        f"<h1>{_e(text['title'])}</h1>",
        '<table cellpadding="2">',
        _meta_row(text["bundle"], data.bundle_id),
        _meta_row(text["created"], local_text(data.created_at, None, data.time_zone)),
        _meta_row(text["zone"], data.time_zone.key),
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
            parts.append(f"<h3>{_e(category_label(category, lang))}</h3>")
            parts.append(_table(group, data, lang))
    if data.extra_sections:
        parts.append(f"<h2>{_e(text['analysis_title'])}</h2>")
        parts.extend(data.extra_sections)
    parts.append("</body></html>")
    return "\n".join(parts)


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
        groups.setdefault(primary_category(entry.item.categories), []).append(entry)
    return sorted(groups.items(), key=lambda pair: sort_key(pair[0]))


def _lender_heading(name: str | None, lender: LenderDTO | None, folder: str, lang: str) -> str:
    text = _TEXT[lang]
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


def _table(group: Sequence[ExportedItem], data: ReportInput, lang: str) -> str:
    text = _TEXT[lang]
    widths = ("3%", "16%", "16%", "13%", "13%", "10%", "29%")
    heads = ("no", "name", "source", "time", "purpose", "page", "hashes")
    head = "".join(
        f'<th width="{w}">{_e(text[h])}</th>' for w, h in zip(widths, heads, strict=True)
    )
    rows = [
        '<table class="list" border="1" cellspacing="0" cellpadding="2" width="100%">',
        f"<thead><tr>{head}</tr></thead>",
    ]
    rows.extend(_row(entry, data, lang) for entry in group)
    rows.append("</table>")
    return "\n".join(rows)


def _row(entry: ExportedItem, data: ReportInput, lang: str) -> str:
    text = _TEXT[lang]
    item = entry.item
    kind = _KIND_LABELS[lang].get(item.kind, item.kind)
    name = _e(item.title or item.original_name)
    thumb = data.thumbnails.get(item.id)
    if thumb is not None:
        uri = "data:image/jpeg;base64," + base64.b64encode(thumb).decode("ascii")
        name = f'<img src="{uri}" height="30" align="left"> {name}'
    facts = [kind, item.source_app or "", item.counterpart or ""]
    if item.contact_name:
        facts.append(item.contact_name)
    source = _e(" · ".join(f for f in facts if f))
    if item.title:
        source += f'<br><span class="small">{_e(text["original"])}{text[":"]}{_e(item.original_name)}</span>'
    time_label = _TIME_SOURCE_LABELS[lang].get(item.time_source, item.time_source)
    when = _e(local_text(item.captured_at, item.captured_offset_min, data.time_zone))
    when += f'<br><span class="small">{_e(time_label)}'
    if item.incident_at is not None and item.incident_at != item.captured_at:
        incident = local_text(item.incident_at, None, data.time_zone)
        when += f"; {_e(text['incident'])} {_e(incident)}"
    when += "</span>"
    hashes = f'<span class="hash">{item.sha256}' + (
        f"<br>{item.sm3}</span>" if item.sm3 else "</span>"
    )
    cells = (
        str(entry.number),
        name,
        source,
        when,
        _e(item.purpose) if item.purpose else text["none"],
        f'<span class="small">{_e(entry.path.rsplit("/", 1)[-1])}</span>',
        hashes,
    )
    return "<tr>" + "".join(f'<td valign="top">{cell}</td>' for cell in cells) + "</tr>"


# --- trusted time -------------------------------------------------------------------------

_TIME_TEXT = {
    "zh_CN": {
        "proven": "第 {numbers} 号证据包含在经时间戳机构 {tsa} 按 RFC 3161 盖戳的检查点中，"
        "证明其最迟于 {time}（UTC）已存在（见 timestamps/ 与 README.txt 中的 openssl 命令）。",
        "missing": "第 {numbers} 号证据尚无已盖戳的检查点覆盖：未证明其存在时间。",
        "none": "本包中的证据均无可信时间戳：未证明文件的存在时间，只证明其自签名后未被改动（见完整性说明）。",
    },
    "zh_TW": {
        "proven": "第 {numbers} 號證據包含在經時間戳機構 {tsa} 依 RFC 3161 蓋戳的檢查點中，"
        "證明其最遲於 {time}（UTC）已存在（見 timestamps/ 與 README.txt 中的 openssl 指令）。",
        "missing": "第 {numbers} 號證據尚無已蓋戳的檢查點涵蓋：未證明其存在時間。",
        "none": "本包中的證據均無可信時間戳：未證明檔案的存在時間，只證明其自簽名後未被改動（見完整性說明）。",
    },
    "en": {
        "proven": "Items {numbers} are covered by a checkpoint that the time-stamp authority "
        "{tsa} stamped (RFC 3161): they existed no later than {time} UTC (see timestamps/ and "
        "the openssl commands in README.txt).",
        "missing": "Items {numbers} are not yet covered by a stamped checkpoint: no trusted time "
        "is proven for them.",
        "none": "No item in this bundle carries a trusted timestamp: when the files existed is "
        "not proven, only that they have not changed since they were signed (see the integrity "
        "statement).",
    },
}


def time_statement(
    language: str, items: Sequence[ExportedItem], times: dict[str, tuple[datetime, str]]
) -> str:
    """What the bundle proves about time, in ``language``: per TSA time the item numbers
    that existed by then, and the numbers of items without a stamped checkpoint."""
    text = _TIME_TEXT.get(language, _TIME_TEXT["zh_CN"])
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
