"""File names from real phones and apps give time, counterpart, app and device."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vault.ingest.names import PATTERNS, NameInfo, read_name


@dataclass(frozen=True)
class Expect:
    pattern: str
    local: datetime | None = None
    utc: datetime | None = None
    counterpart: str | None = None
    contact: str | None = None
    app: str | None = None
    device: str | None = None
    call: bool = False
    shot: bool = False
    direction: str | None = None


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text)


# Names below were seen in public repositories and issue threads (see the comments in
# vault/ingest/names.py for each source) or follow those schemes with other values.
TABLE: list[tuple[str, Expect]] = [
    # Cube ACR: "yyyy-MM-dd HH-mm-ss (phone) <contact> (<number>) <arrow>".
    ("2025-10-03 16-54-44 (phone) Contact Name (0486300265) ↙.m4a",
     Expect("cube_acr", _t("2025-10-03 16:54:44"), counterpart="0486300265",
            contact="Contact Name", app="Cube ACR", device="Android", call=True, direction="in")),
    ("2025-10-03 16-32-29 (phone) 张三 (+86 138 0013 8000) ↗.m4a",
     Expect("cube_acr", _t("2025-10-03 16:32:29"), counterpart="13800138000",
            contact="张三", app="Cube ACR", device="Android", call=True, direction="out")),
    ("2024-03-15 14-30-22 (phone) (13800138000) ↗.amr",
     Expect("cube_acr", _t("2024-03-15 14:30:22"), counterpart="13800138000",
            app="Cube ACR", device="Android", call=True, direction="out")),
    ("2025-10-03 17-09-31 (whatsapp) Contact Name.m4a",
     Expect("cube_acr", _t("2025-10-03 17:09:31"), contact="Contact Name", app="WhatsApp",
            device="Android", call=True)),
    # "Call Recorder" apps: number and a millisecond epoch (UTC), optionally From_/To_.
    ("From_13800138000_1710484222123.amr",
     Expect("recorder_number_epoch", utc=datetime(2024, 3, 15, 6, 30, 22, 123000, tzinfo=UTC),
            counterpart="13800138000", app="Call Recorder", device="Android", call=True,
            direction="in")),
    ("To_+8613800138000_1710484222123.3gp",
     Expect("recorder_number_epoch", utc=datetime(2024, 3, 15, 6, 30, 22, 123000, tzinfo=UTC),
            counterpart="13800138000", app="Call Recorder", device="Android", call=True,
            direction="out")),
    ("13800138000_1710484222123.mp3",
     Expect("recorder_number_epoch", utc=datetime(2024, 3, 15, 6, 30, 22, 123000, tzinfo=UTC),
            counterpart="13800138000", app="Call Recorder", device="Android", call=True)),
    ("1756218612000_9876543210.mp3",
     Expect("recorder_epoch_number", utc=datetime(2025, 8, 26, 14, 30, 12, tzinfo=UTC),
            counterpart="9876543210", app="Call Recorder", device="Android", call=True)),
    # LG: "<0|1>d<yyyyMMddHHmmss>p<number|null>.3gp".
    ("0d20151122141548p+74993464260.3gp",
     Expect("lg_call", _t("2015-11-22 14:15:48"), counterpart="+74993464260", app="Phone",
            device="LG", call=True)),
    ("1d20151209155457pnull.3gp",
     Expect("lg_call", _t("2015-12-09 15:54:57"), app="Phone", device="LG", call=True)),
    # Xiaomi MIUI: "<label>@<name>(<number>)_yyyyMMddHHmmss" (RecordingNameUtils), seen
    # "通话录音@183 0854 7877(18308547877)_20190419123402.mp3".
    ("通话录音@183 0854 7877(18308547877)_20190419123402.mp3",
     Expect("miui_call_prefixed", _t("2019-04-19 12:34:02"), counterpart="18308547877",
            app="Phone", device="Xiaomi", call=True)),
    ("通话录音@张三(13800138000)_20240315143022.mp3",
     Expect("miui_call_prefixed", _t("2024-03-15 14:30:22"), counterpart="13800138000",
            contact="张三", app="Phone", device="Xiaomi", call=True)),
    ("Call@Li Wei(008613912345678)_20240101000000.mp3",
     Expect("miui_call_prefixed", _t("2024-01-01 00:00:00"), counterpart="13912345678",
            contact="Li Wei", app="Phone", device="Xiaomi", call=True)),
    # MIUI 12+ / HyperOS: "<name>(<number>)_ts", seen "Миха(89636504365)_20200910105924.mp3".
    ("13800138000(13800138000)_20240315143022.mp3",
     Expect("miui_call", _t("2024-03-15 14:30:22"), counterpart="13800138000",
            app="Phone", device="Xiaomi", call=True)),
    ("某某金融(4001234567)_20240316091500.mp3",
     Expect("miui_call", _t("2024-03-16 09:15:00"), counterpart="4001234567",
            contact="某某金融", app="Phone", device="Xiaomi", call=True)),
    ("Миха(89636504365)_20200910105924.mp3",
     Expect("miui_call", _t("2020-09-10 10:59:24"), counterpart="89636504365",
            contact="Миха", app="Phone", device="Xiaomi", call=True)),
    ("95188(95188)_20240320181005 (1).mp3",
     Expect("miui_call", _t("2024-03-20 18:10:05"), counterpart="95188",
            app="Phone", device="Xiaomi", call=True)),
    # Huawei / Honor: "<name>@<number>_ts" or "<number>_ts" in Sounds/CallRecord.
    ("张三@13800138000_20240315143022.m4a",
     Expect("huawei_call_named", _t("2024-03-15 14:30:22"), counterpart="13800138000",
            contact="张三", app="Phone", device="Huawei", call=True)),
    ("催收员@+86 138 0013 8000_20240315143022.amr",
     Expect("huawei_call_named", _t("2024-03-15 14:30:22"), counterpart="13800138000",
            contact="催收员", app="Phone", device="Huawei", call=True)),
    ("13800138000_20240315143022.amr",
     Expect("huawei_call", _t("2024-03-15 14:30:22"), counterpart="13800138000",
            app="Phone", device="Huawei", call=True)),
    ("张三 13800138000_20240315143022.m4a",
     Expect("huawei_call", _t("2024-03-15 14:30:22"), counterpart="13800138000",
            contact="张三", app="Phone", device="Huawei", call=True)),
    ("021-62345678_20231231235959.m4a",
     Expect("huawei_call", _t("2023-12-31 23:59:59"), counterpart="02162345678",
            app="Phone", device="Huawei", call=True)),
    # Samsung One UI: "Call recording <number|contact>_<yymmdd>_<hhmmss>.m4a".
    ("Call recording 张三_240315_143022.m4a",
     Expect("samsung_call", _t("2024-03-15 14:30:22"), contact="张三",
            app="Phone", device="Samsung", call=True)),
    ("Call recording 13800138000_240315_143022.m4a",
     Expect("samsung_call", _t("2024-03-15 14:30:22"), counterpart="13800138000",
            app="Phone", device="Samsung", call=True)),
    ("通话录音 +86 138-0013-8000_240401_080910.m4a",
     Expect("samsung_call", _t("2024-04-01 08:09:10"), counterpart="13800138000",
            app="Phone", device="Samsung", call=True)),
    ("통화 녹음 010-1234-5678_20240108_143022.m4a",
     Expect("samsung_call_long", _t("2024-01-08 14:30:22"), counterpart="01012345678",
            app="Phone", device="Samsung", call=True)),
    ("제이콥소프트(전산) 이주형 대표님_260109_162929.m4a",
     Expect("samsung_call_bare", _t("2026-01-09 16:29:29"), contact="제이콥소프트(전산) 이주형 대표님",
            app="Phone", device="Samsung", call=True)),
    # vivo: "<number|name> yyyy-MM-dd HH-mm-ss.amr" in Record/Call.
    ("19145520861 2019-05-16 10-06-40.amr",
     Expect("vivo_call", _t("2019-05-16 10:06:40"), counterpart="19145520861",
            app="Phone", device="vivo", call=True)),
    ("借款平台客服 2024-03-15 14-30-22.m4a",
     Expect("vivo_call", _t("2024-03-15 14:30:22"), contact="借款平台客服",
            app="Phone", device="vivo", call=True)),
    # ColorOS (OPPO, realme, OnePlus): "<who>-yyMMddHHmm" (no seconds).
    ("10987654321-2203021149.mp3",
     Expect("coloros_call", _t("2022-03-02 11:49:00"), counterpart="10987654321",
            app="Phone", device="OPPO", call=True)),
    ("Papa-2512232146.mp3",
     Expect("coloros_call", _t("2025-12-23 21:46:00"), contact="Papa",
            app="Phone", device="OPPO", call=True)),
    # Stock Android dialers and BCR.
    ("+48123456789_240506_225406577.amr",
     Expect("lineage_call", _t("2024-05-06 22:54:06"), counterpart="+48123456789",
            app="Phone", device="Android", call=True)),
    ("CallRecord_20230619-121746_+12192826655.m4a",
     Expect("grapheneos_call", _t("2023-06-19 12:17:46"), counterpart="+12192826655",
            app="Phone", device="Android", call=True)),
    ("20220522_122802.881926-0400_+12345678900.flac",
     Expect("bcr_call", _t("2022-05-22 12:28:02"),
            utc=datetime(2022, 5, 22, 12, 28, 2, tzinfo=timezone(timedelta(hours=-4))),
            counterpart="+12345678900", app="BCR", device="Android", call=True)),
    ("20220614_113922.459+0200_out_800003322__PosteItaliane_.oga",
     Expect("bcr_call", _t("2022-06-14 11:39:22"),
            utc=datetime(2022, 6, 14, 11, 39, 22, tzinfo=timezone(timedelta(hours=2))),
            counterpart="800003322", contact="PosteItaliane", app="BCR", device="Android",
            call=True)),
    # iOS Voice Memos (not a call recording: a memo of a home visit, say).
    ("20240315 143022-8C0D0F87.m4a",
     Expect("ios_voice_memo", _t("2024-03-15 14:30:22"), app="Voice Memos", device="iPhone")),
    # Screenshots: the package or app in the name tells where the threat was shown.
    ("Screenshot_2025-10-28-19-07-16-918_com.tencent.mm.jpg",
     Expect("miui_screenshot", _t("2025-10-28 19:07:16"), app="WeChat", device="Xiaomi",
            shot=True)),
    ("Screenshot_2024-03-15-14-30-22-123_com.android.mms.jpg",
     Expect("miui_screenshot", _t("2024-03-15 14:30:22"), app="Messages", device="Xiaomi",
            shot=True)),
    ("Screenshot_2024-02-11-10-44-02-30_e39d2c7de19156b0683cd93e8735f348.jpg",
     Expect("coloros_screenshot", _t("2024-02-11 10:44:02"), app="WeChat", device="OPPO",
            shot=True)),
    ("Screenshot_2024-03-15-14-30-22-07_cf3cf72bd8e53b0db7ddb0a6f2208af9.jpg",
     Expect("coloros_screenshot", _t("2024-03-15 14:30:22"), app="Messages", device="OPPO",
            shot=True)),
    ("Screenshot_2024-03-15-14-30-22-07_0123456789abcdef0123456789abcdef.jpg",
     Expect("coloros_screenshot", _t("2024-03-15 14:30:22"), device="OPPO", shot=True)),
    ("Record_2025-10-14-09-14-37_e39d2c7de19156b0683cd93e8735f348.mp4",
     Expect("coloros_screen_recording", _t("2025-10-14 09:14:37"), app="WeChat",
            device="OPPO")),
    ("Screenshot_2014-03-15-14-30-22.png",
     Expect("android_screenshot_dashed", _t("2014-03-15 14:30:22"), device="Android",
            shot=True)),
    ("Screenshot_20201114_170057_com.tencent.mm.jpg",
     Expect("emui_screenshot", _t("2020-11-14 17:00:57"), app="WeChat", device="Huawei",
            shot=True)),
    ("Screenshot_20240315_143022_com.eg.android.AlipayGphone.jpg",
     Expect("emui_screenshot", _t("2024-03-15 14:30:22"), app="Alipay", device="Huawei",
            shot=True)),
    ("Screenshot_20240315_143022_com.example.loanapp.jpg",
     Expect("emui_screenshot", _t("2024-03-15 14:30:22"), app="com.example.loanapp",
            device="Huawei", shot=True)),
    ("Screenshot_20240313_084043_Google.jpg",
     Expect("oneui_screenshot", _t("2024-03-13 08:40:43"), app="Google", device="Samsung",
            shot=True)),
    ("Screenshot_20240315_143022_微信.jpg",
     Expect("oneui_screenshot", _t("2024-03-15 14:30:22"), app="WeChat", device="Samsung",
            shot=True)),
    ("Screenshot_20240315_143022.jpg",
     Expect("android_screenshot", _t("2024-03-15 14:30:22"), device="Android", shot=True)),
    ("Screenshot_20240222-185412.png",
     Expect("aosp_screenshot", _t("2024-02-22 18:54:12"), device="Android", shot=True)),
    ("IMG_1234.PNG", Expect("ios_screenshot", device="iPhone", shot=True)),
    ("IMG_4321.HEIC", Expect("ios_photo", app="Camera", device="iPhone")),
    ("RPReplay_Final1710484222.MP4",
     Expect("ios_screen_recording", utc=datetime(2024, 3, 15, 6, 30, 22, tzinfo=UTC),
            device="iPhone")),
    ("Screenshot 2024-03-15 at 14.30.22.png",
     Expect("macos_screenshot", _t("2024-03-15 14:30:22"), device="Mac", shot=True)),
    ("Screen Shot 2024-03-15 at 2.30.22\u202fPM.png",
     Expect("macos_screenshot", _t("2024-03-15 14:30:22"), device="Mac", shot=True)),
    ("截屏2024-03-15 下午2.30.22.png",
     Expect("macos_screenshot_zh", _t("2024-03-15 14:30:22"), device="Mac", shot=True)),
    ("屏幕截图 2024-03-15 143022.png",
     Expect("windows_screenshot", _t("2024-03-15 14:30:22"), device="Windows", shot=True)),
    # WeChat and QQ.
    ("mmexport1710484222123.jpg",
     Expect("wechat_export", utc=datetime(2024, 3, 15, 6, 30, 22, 123000, tzinfo=UTC),
            app="WeChat")),
    ("mmexport1710484222123(1).jpg",
     Expect("wechat_export", utc=datetime(2024, 3, 15, 6, 30, 22, 123000, tzinfo=UTC),
            app="WeChat")),
    ("wx_camera_1713237806791.jpg",
     Expect("wechat_camera", utc=datetime(2024, 4, 16, 3, 23, 26, 791000, tzinfo=UTC),
            app="WeChat")),
    ("微信图片_20240315143022.jpg",
     Expect("wechat_pc_image", _t("2024-03-15 14:30:22"), app="WeChat")),
    ("微信图片_20260512152744_63_4.png",
     Expect("wechat_pc_image", _t("2026-05-12 15:27:44"), app="WeChat")),
    ("微信截图_20240315143022.png",
     Expect("wechat_pc_screenshot", _t("2024-03-15 14:30:22"), app="WeChat", device="Windows",
            shot=True)),
    ("QQ图片20240315143022.jpg", Expect("qq_image", _t("2024-03-15 14:30:22"), app="QQ")),
    ("QQ截图20240315143022.png",
     Expect("qq_screenshot", _t("2024-03-15 14:30:22"), app="QQ", device="Windows", shot=True)),
    ("Image_1708435714428.png",
     Expect("qq_image_epoch", utc=datetime(2024, 2, 20, 13, 28, 34, 428000, tzinfo=UTC),
            app="QQ")),
    # Cameras.
    ("IMG_20240315_143022.jpg",
     Expect("android_camera", _t("2024-03-15 14:30:22"), app="Camera", device="Android")),
    ("VID_20240315_143022.mp4",
     Expect("android_camera", _t("2024-03-15 14:30:22"), app="Camera", device="Android")),
    ("PXL_20240315_143022123.MP.jpg",
     Expect("pixel_camera", _t("2024-03-15 14:30:22"), app="Camera", device="Android")),
    ("20240315_143022.jpg",
     Expect("samsung_camera", _t("2024-03-15 14:30:22"), app="Camera", device="Samsung")),
]  # fmt: skip


@pytest.mark.parametrize(("filename", "expect"), TABLE, ids=[name for name, _ in TABLE])
def test_real_phone_names_are_read(filename: str, expect: Expect) -> None:
    info = read_name(filename)
    assert info is not None, f"no pattern matched {filename!r}"
    assert info == NameInfo(
        local_time=expect.local,
        utc_time=expect.utc,
        counterpart=expect.counterpart,
        contact_name=expect.contact,
        source_app=expect.app,
        device=expect.device,
        is_call_recording=expect.call,
        is_screenshot=expect.shot,
        pattern=expect.pattern,
        direction=expect.direction,
    )


def test_the_table_covers_every_pattern() -> None:
    covered = {expect.pattern for _, expect in TABLE}
    assert covered == {row.id for row in PATTERNS}, "a pattern row has no test name"


def test_pattern_ids_are_unique() -> None:
    ids = [row.id for row in PATTERNS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "filename",
    [
        "13800138000_20241315143022.amr",  # month 13
        "13800138000_20240230143022.amr",  # 30 February
        "13800138000_19991231235959.amr",  # before 2000
        "13800138000_21010101000000.amr",  # after 2100
        "13800138000_20240315253022.amr",  # hour 25
        "Screenshot_2024-03-15-14-61-22-123_com.tencent.mm.jpg",  # minute 61
        "mmexport0946684799000.jpg",  # 1999-12-31 in epoch milliseconds
        "mmexport4102444800000.jpg",  # 2100-01-01 in epoch milliseconds
        "Screen Shot 2024-03-15 at 13.30.22 PM.png",  # 13 PM
    ],
)
def test_impossible_dates_are_rejected(filename: str) -> None:
    assert read_name(filename) is None


def test_epoch_names_accept_exactly_thirteen_digit_milliseconds() -> None:
    first, last = read_name("mmexport1000000000000.jpg"), read_name("mmexport1999999999999.jpg")
    assert first is not None and first.utc_time == datetime(2001, 9, 9, 1, 46, 40, tzinfo=UTC)
    assert last is not None and last.utc_time is not None and last.utc_time.year == 2033
    assert read_name("mmexport171048422212.jpg") is None  # 12 digits: not milliseconds
    assert read_name("mmexport17104842221234.jpg") is None  # 14 digits


@pytest.mark.parametrize(
    "filename",
    [
        "",
        ".",
        "..",
        "notes.txt",
        "IMG_12345.PNG",
        "report-2403151430.pdf",
        "x" * 300 + ".mp3",
        "13800138000_20240315143022.jpg",
        "mmexport1710484222123.mp3",
        "Screenshot_.png",
    ],
)
def test_names_without_a_known_pattern_give_none(filename: str) -> None:
    assert read_name(filename) is None


def test_extension_picks_the_meaning_of_the_same_stem() -> None:
    screenshot = read_name("IMG_1234.png")
    photo = read_name("IMG_1234.jpg")
    assert screenshot is not None and screenshot.is_screenshot
    assert photo is not None and not photo.is_screenshot


def test_directories_in_the_name_are_ignored() -> None:
    posix = read_name("/sdcard/MIUI/sound_recorder/call_rec/张三(13800138000)_20240315143022.mp3")
    windows = read_name(r"D:\证据\Sounds\CallRecord\13800138000_20240315143022.amr")
    assert posix is not None and posix.counterpart == "13800138000"
    assert windows is not None and windows.local_time == datetime(2024, 3, 15, 14, 30, 22)


def test_decomposed_unicode_from_macos_reads_like_composed() -> None:
    composed = "통화 녹음 010-1234-5678_20240108_143022.m4a"

    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert read_name(decomposed) == read_name(composed)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_gives_a_name_info_or_none(name: str) -> None:
    info = read_name(name)
    assert info is None or isinstance(info, NameInfo)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["Screenshot_", "通话录音@", "mmexport", "QQ图片", "CallRecord_", ""]),
    st.from_regex(r"[0-9_\-@() +.]{0,40}", fullmatch=True),
    st.sampled_from([".jpg", ".png", ".mp3", ".m4a", ".amr", ""]),
)
def test_near_miss_names_never_raise(prefix: str, body: str, ext: str) -> None:
    info = read_name(prefix + body + ext)
    if info is not None and info.local_time is not None:
        assert 2000 <= info.local_time.year <= 2100


def _documented_rows() -> list[tuple[str, str]]:
    doc = Path(__file__).resolve().parents[2] / "docs" / "recording-names.md"
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| `([^`]+)` \|", doc.read_text("utf-8"), re.MULTILINE)
    assert rows, "docs/recording-names.md has no table rows"
    return rows


def test_the_documented_table_lists_exactly_the_code_rows_in_order() -> None:
    assert [pattern for pattern, _ in _documented_rows()] == [row.id for row in PATTERNS]


@pytest.mark.parametrize(("pattern", "example"), _documented_rows())
def test_each_documented_example_is_read_by_its_row(pattern: str, example: str) -> None:
    info = read_name(example)
    assert info is not None and info.pattern == pattern
