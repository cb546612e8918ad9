"""What a file's name says about it: time, counterpart, source app, device.

Phones name call recordings and screenshots after the call or the moment of capture,
often with the other party's number or contact name in it. Each naming scheme is one
row of :data:`PATTERNS`; supporting a new phone model is one more row. A row is a
regular expression over the file name *without* its extension, written with tokens
(``<Y>`` year, ``<y>`` two-digit year, ``<M>`` month, ``<D>`` day, ``<h>`` hour,
``<H12>`` hour on a 12-hour clock, ``<m>`` minute, ``<s>`` second, ``<ampm>``,
``<tz>`` ``±hhmm`` offset, ``<ms13>`` Unix epoch in milliseconds, ``<s10>`` Unix
epoch in seconds, ``<who>`` a contact name or a number, ``<name>`` a contact name,
``<number>`` a phone number, ``<pkg>`` an Android package, ``<app>`` an app label,
``<md5>`` the MD5 of an Android package, ``<arrow>`` a direction arrow).

Device families are the phone skins: ``Xiaomi`` (MIUI, HyperOS), ``Huawei`` (EMUI,
HarmonyOS, Honor MagicOS), ``OPPO`` (ColorOS, realme UI, OnePlus), ``vivo``
(OriginOS, Funtouch), ``Samsung`` (One UI), ``LG``, ``iPhone``, ``Android`` (stock or
unknown skin), ``Mac`` and ``Windows``.

Times in names have no zone: they are returned naive in ``local_time``; epoch-based
names give an aware ``utc_time`` in UTC; the few names that carry their own offset
give ``utc_time`` in that offset. Dates outside 2000-2100 or impossible ones
(month 13, 31 February) make the row not match.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from vault.phones import try_normalize

logger = logging.getLogger(__name__)

MIN_YEAR = 2000
MAX_YEAR = 2100
_MAX_STEM = 255  # no file system allows longer names; also bounds regex work

_AUDIO = frozenset(
    {"mp3", "m4a", "amr", "awb", "aac", "3gp", "3ga", "wav", "ogg", "oga", "opus", "flac"}
)
_IMAGE = frozenset({"jpg", "jpeg", "png", "webp", "heic", "heif", "gif", "bmp"})
_VIDEO = frozenset({"mp4", "mov", "3gp", "m4v", "mkv", "webm"})
_IMAGE_VIDEO = _IMAGE | _VIDEO


@dataclass(frozen=True, slots=True)
class NameInfo:
    """Everything one file name revealed; ``pattern`` names the table row that matched."""

    local_time: datetime | None
    utc_time: datetime | None
    counterpart: str | None
    contact_name: str | None
    source_app: str | None
    device: str | None
    is_call_recording: bool
    is_screenshot: bool
    pattern: str
    direction: str | None = None  # "in" or "out" when the name says so


@dataclass(frozen=True, slots=True)
class NamePattern:
    """One naming scheme: a token template and what a match means."""

    id: str
    template: str
    exts: frozenset[str]
    device: str | None = None
    app: str | None = None
    call: bool = False
    screenshot: bool = False


def _call(pattern_id: str, template: str, device: str, app: str = "Phone") -> NamePattern:
    return NamePattern(pattern_id, template, _AUDIO, device, app, call=True)


def _shot(
    pattern_id: str, template: str, device: str | None, app: str | None = None
) -> NamePattern:
    return NamePattern(pattern_id, template, _IMAGE, device, app, screenshot=True)


# Each row is also a row of docs/recording-names.md, which gives an example, the time
# zone rule and the source with the date it was checked. Where each row comes from is
# also noted above it. "Seen" means real file names of that
# shape were found in public repositories or issue threads. Rows are tried in order.
# fmt: off
PATTERNS: tuple[NamePattern, ...] = (
    # --- call recordings ------------------------------------------------------------
    # BCR (Basic Call Recorder, rooted Android): github.com/chenxiaolong/BCR issues #3
    # and #77: "20220522_122802.881926-0400_+12345678900", "..._out_800003322__Name_".
    _call("bcr_call", r"<Y><M><D>_<h><m><s>(?:\.\d{1,9})?<tz>(?:_(?:in|out|conference))?"
                      r"(?:_sim\d)?(?:_<number>)?(?:_+<name>_*)?", "Android", "BCR"),
    # Cube ACR: "yyyy-MM-dd HH-mm-ss (<medium>) <contact> (<number>) <arrow>", arrow
    # "↗" outgoing, "↙" incoming; VoIP calls name their app ("(whatsapp) Name").
    # Read in a public parser for Cube ACR names (parseCubeACRFilename).
    _call("cube_acr", r"<Y>-<M>-<D> <h>-<m>-<s> \((?P<medium>[a-z][a-z ]{1,19})\)"
                      r"(?: <name>)?(?:\s*\(<number>\))?(?:\s*<arrow>)?", "Android", "Cube ACR"),
    # "Call Recorder" apps that name a file after the number and System.currentTimeMillis():
    # Viscaria233/TelephoneRecorder MyFileNameBuilder "From_|To_" + tel + "_" + millis;
    # others put the epoch first: "1756218612000_9876543210.mp3".
    _call("recorder_number_epoch", r"(?:(?P<dirword>From|To)_)?<number>_<ms13>", "Android",
          "Call Recorder"),
    _call("recorder_epoch_number", r"<ms13>_<number>", "Android", "Call Recorder"),
    # LG's dialer recorder: "<0|1>d<yyyyMMddHHmmss>p<number|null>.3gp", seen
    # "0d20151122141548p+74993464260.3gp", "1d20151209155457pnull.3gp" (a public
    # LGNaming parser). The leading digit's meaning is not settled: no direction is read.
    _call("lg_call", r"[01]d<Y><M><D><h><m><s>p(?:<number>|null)", "LG"),
    # MIUI: framework RecordingNameUtils builds "<label>@<callers>_yyyyMMddHHmmss",
    # each caller "name(number)", '+' written as "00". Seen:
    # "通话录音@183 0854 7877(18308547877)_20190419123402.mp3".
    _call("miui_call_prefixed", r"[^@()]{1,24}@<name>\(<number>\)_<Y><M><D><h><m><s>", "Xiaomi"),
    # MIUI 12+ / HyperOS drop the label. Seen: "Миха(89636504365)_20200910105924.mp3".
    _call("miui_call", r"<name>\(<number>\)_<Y><M><D><h><m><s>", "Xiaomi"),
    # Huawei EMUI / HarmonyOS / Honor MagicOS, Sounds/CallRecord: "<name>@<number>_ts"
    # or "<number>_ts" (kitsumed/ShizuCallRecorder issue #70; nicorac/bcr-gui
    # "Huawei call recorder" template; EMUI 5 "record/<contact>@<number>_<ts>.amr").
    _call("huawei_call_named", r"<name>@<number>_<Y><M><D><h><m><s>", "Huawei"),
    _call("huawei_call", r"<who>_<Y><M><D><h><m><s>", "Huawei"),
    # Samsung One UI, Recordings/Call: "Call recording <number|contact>_<yymmdd>_<hhmmss>"
    # (One UI 7/8 notes in a public Expo app); Korean firmware seen as
    # "통화 녹음 010-1234-5678_20240108_143022.m4a" and "<name>_260109_162929.m4a".
    _call("samsung_call", r"(?:Call recording|通话录音|通話錄音|통화 녹음)\s+<who>_<y><M><D>_<h><m><s>",
          "Samsung"),
    _call("samsung_call_long", r"(?:Call recording|通话录音|通話錄音|통화 녹음)\s+<who>_<Y><M><D>_<h><m><s>",
          "Samsung"),
    _call("samsung_call_bare", r"<who>_<y><M><D>_<h><m><s>", "Samsung"),
    # LineageOS dialer: nicorac/bcr-gui issue #121, "+48123456789_240506_225406577.amr".
    _call("lineage_call", r"<number>_<y><M><D>_<h><m><s>\d{3}", "Android"),
    # GrapheneOS / crDroid dialer: bcr-gui issues #30 and #121,
    # "CallRecord_20230619-121746_+12192826655.m4a".
    _call("grapheneos_call", r"CallRecord_<Y><M><D>-<h><m><s>_<number>", "Android"),
    # vivo, Record/Call: seen "19145520861 2019-05-16 10-06-40.amr".
    _call("vivo_call", r"<who> <Y>-<M>-<D> <h>-<m>-<s>", "vivo"),
    # ColorOS (OPPO, realme, OnePlus), Music/Recordings/Call Recordings:
    # "<contact>-<yyMMddHHmm>" (bcr-gui issue #100 "10987654321-2203021149.mp3";
    # seen "Papa-2512232146.mp3"; a CRM app scans that folder with "yyMMddHHmm", "-").
    _call("coloros_call", r"<who>-<y><M><D><h><m>", "OPPO"),
    # iOS Voice Memos keep "yyyyMMdd HHmmss-<8 hex>.m4a" in their Recordings folder.
    NamePattern("ios_voice_memo", r"<Y><M><D> <h><m><s>(?:-[0-9A-F]{8})?", _AUDIO, "iPhone",
                "Voice Memos"),
    # --- screenshots and screen recordings --------------------------------------------
    # MIUI / HyperOS: seen "Screenshot_2025-10-28-19-07-16-918_com.tencent.mm.jpg".
    _shot("miui_screenshot", r"Screenshot_<Y>-<M>-<D>-<h>-<m>-<s>-\d{3}_<pkg>", "Xiaomi"),
    # ColorOS: the suffix is the MD5 of the foreground package. Seen
    # "Screenshot_2024-02-11-10-44-02-30_e39d2c7de19156b0683cd93e8735f348.jpg"
    # (that digest is MD5("com.tencent.mm")) and "Record_2025-10-14-09-14-37_<md5>.mp4".
    _shot("coloros_screenshot", r"Screenshot_<Y>-<M>-<D>-<h>-<m>-<s>-\d{2}_<md5>", "OPPO"),
    NamePattern("coloros_screen_recording", r"Record_<Y>-<M>-<D>-<h>-<m>-<s>_<md5>", _VIDEO,
                "OPPO"),
    # Older AOSP and skins without the package: "Screenshot_2014-03-15-14-30-22.png".
    _shot("android_screenshot_dashed", r"Screenshot_<Y>-<M>-<D>-<h>-<m>-<s>(?:-\d{1,3})?"
                                       r"(?:_<pkg>)?", "Android"),
    # EMUI / HarmonyOS append the package: seen "Screenshot_20201114_170057_com.tencent.mm.jpg".
    _shot("emui_screenshot", r"Screenshot_<Y><M><D>_<h><m><s>_<pkg>", "Huawei"),
    # One UI appends the app label: seen "Screenshot_20240313_084043_Google.jpg",
    # "Screenshot_20240427_175419_Gallery.jpg".
    _shot("oneui_screenshot", r"Screenshot_<Y><M><D>_<h><m><s>_<app>", "Samsung"),
    _shot("android_screenshot", r"Screenshot_<Y><M><D>_<h><m><s>", "Android"),
    # AOSP / Pixel SystemUI "Screenshot_yyyyMMdd-HHmmss[_<app>]": seen
    # "Screenshot_20240222-185412.png".
    _shot("aosp_screenshot", r"Screenshot_<Y><M><D>-<h><m><s>(?:_<app>)?", "Android"),
    # iOS: screenshots are PNG "IMG_1234.PNG" with no time; camera photos are HEIC/JPG.
    NamePattern("ios_screenshot", r"IMG_\d{4}", frozenset({"png"}), "iPhone", screenshot=True),
    NamePattern("ios_photo", r"IMG_E?\d{4}", frozenset({"jpg", "jpeg", "heic", "heif"}), "iPhone",
                "Camera"),
    # iOS screen recordings (ReplayKit): "RPReplay_Final<epoch seconds>.MP4".
    NamePattern("ios_screen_recording", r"RPReplay_Final<s10>", _VIDEO, "iPhone"),
    # macOS: "Screenshot 2024-03-15 at 14.30.22" (12-hour clocks add " PM"), older
    # "Screen Shot ..."; Chinese macOS "截屏2024-03-15 14.30.22" / "截屏2024-03-15 下午2.30.22".
    _shot("macos_screenshot", r"(?:Screenshot|Screen Shot) <Y>-<M>-<D> at <H12>\.<m>\.<s>"
                              r"(?:[\s\u202f]<ampm>)?", "Mac"),
    _shot("macos_screenshot_zh", r"截屏<Y>-<M>-<D>[\s\u202f]*(?:<ampm>)?<H12>\.<m>\.<s>", "Mac"),
    # Windows 11 Snipping Tool: "Screenshot 2024-03-15 143022.png", "屏幕截图 ...".
    _shot("windows_screenshot", r"(?:Screenshot|屏幕截图) <Y>-<M>-<D> <h><m><s>", "Windows"),
    # --- chat apps --------------------------------------------------------------------
    # WeChat saves images as "mmexport<epoch ms>.jpg" and camera shots as
    # "wx_camera_<epoch ms>.jpg|mp4" (both seen many times); WeChat for Windows names
    # saved images "微信图片_yyyyMMddHHmmss[_n_m]" (seen "微信图片_20260512152744_63_4.png")
    # and its screenshots "微信截图_yyyyMMddHHmmss".
    NamePattern("wechat_export", r"mmexport<ms13>", _IMAGE_VIDEO, app="WeChat"),
    NamePattern("wechat_camera", r"wx_camera_<ms13>", _IMAGE_VIDEO, app="WeChat"),
    NamePattern("wechat_pc_image", r"微信图片_<Y><M><D><h><m><s>(?:_\d{1,6}){0,3}", _IMAGE_VIDEO,
                app="WeChat"),
    _shot("wechat_pc_screenshot", r"微信截图_<Y><M><D><h><m><s>", "Windows", "WeChat"),
    # QQ: "QQ图片yyyyMMddHHmmss" and "QQ截图yyyyMMddHHmmss" (seen "QQ图片20240211105010.png");
    # "Image_<epoch ms>" was seen beside QQ images in the same notes.
    NamePattern("qq_image", r"QQ图片<Y><M><D><h><m><s>", _IMAGE, app="QQ"),
    _shot("qq_screenshot", r"QQ截图<Y><M><D><h><m><s>", "Windows", "QQ"),
    NamePattern("qq_image_epoch", r"Image_<ms13>", _IMAGE, app="QQ"),
    # --- cameras --------------------------------------------------------------------
    # Android cameras "IMG_20240315_143022[_HDR].jpg", "VID_20240315_143022.mp4";
    # Pixel "PXL_20240315_143022123.jpg"; Samsung "20240315_143022.jpg".
    NamePattern("android_camera", r"(?:IMG|VID)_<Y><M><D>_<h><m><s>(?:_?\d{1,3})?(?:_[A-Z]{2,8})?",
                _IMAGE_VIDEO, "Android", "Camera"),
    NamePattern("pixel_camera", r"PXL_<Y><M><D>_<h><m><s>\d{3}(?:\.[A-Z.~0-9]+)?", _IMAGE_VIDEO,
                "Android", "Camera"),
    NamePattern("samsung_camera", r"<Y><M><D>_<h><m><s>", _IMAGE_VIDEO, "Samsung", "Camera"),
)
# fmt: on

# Android packages and the app a reader knows them as. ColorOS screenshot names carry
# the MD5 of the package instead of the package, so the same table resolves both.
_PACKAGES: Mapping[str, str] = {
    "com.tencent.mm": "WeChat",
    "com.tencent.mobileqq": "QQ",
    "com.tencent.tim": "TIM",
    "com.tencent.wework": "WeCom",
    "com.android.mms": "Messages",
    "com.google.android.apps.messaging": "Messages",
    "com.samsung.android.messaging": "Messages",
    "com.android.contacts": "Phone",
    "com.android.incallui": "Phone",
    "com.android.dialer": "Phone",
    "com.google.android.dialer": "Phone",
    "com.samsung.android.dialer": "Phone",
    "com.eg.android.AlipayGphone": "Alipay",
    "com.jingdong.app.mall": "JD",
    "com.jd.jrapp": "JD Finance",
    "com.taobao.taobao": "Taobao",
    "com.sina.weibo": "Weibo",
    "com.ss.android.ugc.aweme": "Douyin",
    "com.smile.gifmaker": "Kuaishou",
    "com.android.chrome": "Chrome",
    "com.android.browser": "Browser",
    "com.UCMobile": "UC Browser",
    "com.baidu.searchbox": "Baidu",
}
_PACKAGE_DIGESTS: Mapping[str, str] = {
    hashlib.md5(pkg.encode(), usedforsecurity=False).hexdigest(): pkg for pkg in _PACKAGES
}
# App labels One UI writes in screenshot names, in the languages users run it in.
_LABELS: Mapping[str, str] = {
    "wechat": "WeChat",
    "微信": "WeChat",
    "qq": "QQ",
    "messages": "Messages",
    "信息": "Messages",
    "短信": "Messages",
    "phone": "Phone",
    "电话": "Phone",
    "alipay": "Alipay",
    "支付宝": "Alipay",
}
# Apps Cube ACR names in brackets when it recorded a VoIP call instead of a phone call.
_MEDIA: Mapping[str, str] = {
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "viber": "Viber",
    "signal": "Signal",
    "skype": "Skype",
    "wechat": "WeChat",
    "line": "LINE",
    "messenger": "Messenger",
}
_NOT_A_NAME = frozenset({"null", "unknown", "未知", "未知号码", "private", "私人号码"})

_TOKENS: Mapping[str, str] = {
    "<Y>": r"(?P<Y>\d{4})",
    "<y>": r"(?P<y>\d{2})",
    "<M>": r"(?P<M>\d{2})",
    "<D>": r"(?P<D>\d{2})",
    "<h>": r"(?P<h>\d{2})",
    "<H12>": r"(?P<h>\d{1,2})",
    "<m>": r"(?P<m>\d{2})",
    "<s>": r"(?P<s>\d{2})",
    "<ampm>": r"(?P<ampm>AM|PM|上午|下午)",
    "<tz>": r"(?P<tz>[+-]\d{4})",
    "<ms13>": r"(?P<epoch_ms>1\d{12})",
    "<s10>": r"(?P<epoch_s>1\d{9})",
    "<who>": r"(?P<who>[^/\\]+?)",
    "<name>": r"(?P<name>[^()@/\\]+?)",
    "<number>": r"(?P<number>\+?\d[\d \-]{1,22}\d)",
    "<pkg>": r"(?P<pkg>[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)",
    "<app>": r"(?P<app>[^_.]+)",
    "<md5>": r"(?P<md5>[0-9a-f]{32})",
    "<arrow>": r"(?P<arrow>[↗↙↑↓])",
}
_TOKEN_RE = re.compile("|".join(re.escape(t) for t in _TOKENS))
# Copies made by file managers and chat apps: "x (1)", "x(2)", "x - 副本", "x - Copy".
_COPY_SUFFIX = r"(?:\s?\(\d{1,3}\)|\s?-\s?(?:副本|Copy)(?:\s?\(\d{1,3}\))?)?"
_NUMERIC = re.compile(r"[\d\s+\-()]+")
_NAME_THEN_NUMBER = re.compile(r"(?P<name>.+?)[\s@_]+(?P<number>\+?\d[\d \-]{4,22}\d)")


def _compile(template: str) -> re.Pattern[str]:
    body = _TOKEN_RE.sub(lambda m: _TOKENS[m.group(0)], template)
    return re.compile(body + _COPY_SUFFIX, re.IGNORECASE)


_COMPILED: tuple[tuple[NamePattern, re.Pattern[str]], ...] = tuple(
    (row, _compile(row.template)) for row in PATTERNS
)


def read_name(filename: str) -> NameInfo | None:
    """Read ``filename`` (a bare name or a path) against :data:`PATTERNS`; ``None`` if none fits."""
    base = unicodedata.normalize("NFC", filename.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem:
        stem, ext = base, ""
    ext = ext.lower()
    if not stem or len(stem) > _MAX_STEM:
        return None
    for row, regex in _COMPILED:
        if ext and ext not in row.exts:
            continue
        match = regex.fullmatch(stem)
        if match is None:
            continue
        info = _build(row, match.groupdict())
        if info is not None:
            logger.debug("file name matched pattern %s", row.id)
            return info
    return None


def _build(row: NamePattern, groups: dict[str, str | None]) -> NameInfo | None:
    times = _times(groups)
    if times is None:
        return None
    local_time, utc_time = times
    counterpart, contact = _people(groups)
    return NameInfo(
        local_time=local_time,
        utc_time=utc_time,
        counterpart=counterpart,
        contact_name=contact,
        source_app=_source_app(row, groups),
        device=row.device,
        is_call_recording=row.call,
        is_screenshot=row.screenshot,
        pattern=row.id,
        direction=_direction(groups),
    )


_DIRECTIONS: Mapping[str, str] = {
    "↗": "out",
    "↑": "out",
    "to": "out",
    "↙": "in",
    "↓": "in",
    "from": "in",
}


def _direction(groups: dict[str, str | None]) -> str | None:
    """``"in"``/``"out"`` from an arrow or a From/To word, ``None`` when the name is silent."""
    mark = groups.get("arrow") or groups.get("dirword")
    return _DIRECTIONS.get(mark.lower()) if mark else None


def _times(groups: dict[str, str | None]) -> tuple[datetime | None, datetime | None] | None:
    """``(local, utc)`` from the matched groups, or ``None`` when the date is impossible."""
    epoch_ms, epoch_s = groups.get("epoch_ms"), groups.get("epoch_s")
    if epoch_ms is not None or epoch_s is not None:
        seconds = int(epoch_ms) / 1000 if epoch_ms is not None else int(epoch_s or 0)
        instant = datetime.fromtimestamp(seconds, UTC)  # 1\d{12} / 1\d{9}: always in range
        return (None, instant) if plausible(instant) else None
    if groups.get("Y") is None and groups.get("y") is None:
        return None, None
    local = _wall_clock(groups)
    if local is None or not plausible(local):
        return None
    tz_text = groups.get("tz")
    if tz_text is None:
        return local, None
    sign = -1 if tz_text[0] == "-" else 1
    hours, minutes = int(tz_text[1:3]), int(tz_text[3:5])
    if hours > 14 or minutes > 59:
        return None
    offset = timezone(sign * timedelta(hours=hours, minutes=minutes))
    return local, local.replace(tzinfo=offset)


def _wall_clock(groups: dict[str, str | None]) -> datetime | None:
    """The naive date and time the groups spell, or ``None`` if there is no such moment."""
    year_text = groups.get("Y")
    year = int(year_text) if year_text is not None else 2000 + int(groups.get("y") or 0)
    hour = int(groups.get("h") or 0)
    ampm = (groups.get("ampm") or "").upper()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm in {"PM", "下午"} else 0)
    try:
        return datetime(
            year,
            int(groups.get("M") or 0),
            int(groups.get("D") or 0),
            hour,
            int(groups.get("m") or 0),
            int(groups.get("s") or 0),
        )
    except ValueError:
        return None


def plausible(moment: datetime) -> bool:
    """True when ``moment`` lies in the years evidence can come from (2000-2100)."""
    return MIN_YEAR <= moment.year <= MAX_YEAR


def _people(groups: dict[str, str | None]) -> tuple[str | None, str | None]:
    """``(counterpart number, contact name)`` from the name, number and who groups."""
    number_text = groups.get("number")
    counterpart = try_normalize(number_text) if number_text else None
    contact: str | None = None
    for text in (groups.get("name"), groups.get("who")):
        if not text:
            continue
        name, number = _split_who(text)
        counterpart = counterpart or number
        contact = contact or name
    return counterpart, contact


def _split_who(text: str) -> tuple[str | None, str | None]:
    """Split "张三 13800138000", "13800138000" or "张三" into (name, number)."""
    text = " ".join(text.split())
    if _NUMERIC.fullmatch(text):
        return None, try_normalize(text)
    both = _NAME_THEN_NUMBER.fullmatch(text)
    if both is not None:
        number = try_normalize(both.group("number"))
        if number is not None:
            return _clean_name(both.group("name")), number
    return _clean_name(text), None


def _clean_name(text: str) -> str | None:
    name = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip(" _-@")
    if not name or name.lower() in _NOT_A_NAME:
        return None
    return name[:64]


def _source_app(row: NamePattern, groups: dict[str, str | None]) -> str | None:
    medium = (groups.get("medium") or "").strip().lower()
    if medium and medium != "phone":  # a VoIP call the recorder caught in another app
        return _MEDIA.get(medium, medium.title())
    package = groups.get("pkg")
    if package:
        return _PACKAGES.get(package, package)
    digest = groups.get("md5")
    if digest:
        known = _PACKAGE_DIGESTS.get(digest.lower())
        return _PACKAGES[known] if known else None
    label = groups.get("app")
    if label:
        label = label.strip()
        return _LABELS.get(label.lower(), label) or None
    return row.app
