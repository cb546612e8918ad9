"""Capture metadata: the readers combined in a fixed order, times stored as UTC + offset."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.ingest.ingest_images import save_image
from vault.ingest.capture import Capture, TimeSource, read_capture
from vault.ingest.kinds import HEAD_SIZE, EmptyFileError, Kind

SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC_ZONE = ZoneInfo("UTC")
NEW_YORK = ZoneInfo("America/New_York")
# A modification time far from every other time in these tests (2023-01-02 03:04:05 UTC).
MTIME = datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)


def _capture(path: Path, tz: ZoneInfo = SHANGHAI) -> Capture:
    os.utime(path, (MTIME.timestamp(), MTIME.timestamp()))
    with path.open("rb") as handle:
        head = handle.read(HEAD_SIZE)
    return read_capture(path, head, tz)


def _copy(source: Path, directory: Path, name: str) -> Path:
    target = directory / name
    shutil.copyfile(source, target)
    return target


def test_exif_with_offset_wins_over_the_file_name(tmp_path: Path) -> None:
    path = save_image(
        tmp_path / "IMG_20240101_000000.jpg", "JPEG",
        original="2024:03:15 09:30:22", offset="-05:00", make="Apple", model="iPhone 15",
    )  # fmt: skip
    capture = _capture(path)
    assert capture == Capture(
        kind=Kind.PHOTO,
        media_type="image/jpeg",
        ext="jpg",
        captured_at_utc=datetime(2024, 3, 15, 14, 30, 22, tzinfo=UTC),
        captured_offset_min=-300,  # the camera's own offset, not the vault's
        time_source=TimeSource.EXIF,
        counterpart=None,
        contact_name=None,
        source_app="Camera",
        device="Apple iPhone 15",
        name_time_utc=datetime(2023, 12, 31, 16, tzinfo=UTC),  # what the name said, kept
        name_offset_min=480,
        file_modified_utc=MTIME,
    )


def test_exif_without_offset_is_read_in_the_vault_zone(tmp_path: Path) -> None:
    path = save_image(tmp_path / "photo.jpg", "JPEG", original="2024:03:15 14:30:22",
                      make="HUAWEI", model="ALN-AL00")  # fmt: skip
    in_shanghai = _capture(path, SHANGHAI)
    in_utc = _capture(path, UTC_ZONE)
    assert (in_shanghai.captured_at_utc, in_shanghai.captured_offset_min) == (
        datetime(2024, 3, 15, 6, 30, 22, tzinfo=UTC),
        480,
    )
    assert (in_utc.captured_at_utc, in_utc.captured_offset_min) == (
        datetime(2024, 3, 15, 14, 30, 22, tzinfo=UTC),
        0,
    )
    assert in_shanghai.time_source == in_utc.time_source == TimeSource.EXIF


def test_screenshot_png_takes_its_time_and_app_from_the_name(tmp_path: Path) -> None:
    path = save_image(tmp_path / "Screenshot_2024-03-15-14-30-22-123_com.tencent.mm.png", "PNG")
    capture = _capture(path)
    assert capture.kind is Kind.SCREENSHOT
    assert capture.time_source == TimeSource.FILE_NAME
    assert capture.captured_at_utc == datetime(2024, 3, 15, 6, 30, 22, tzinfo=UTC)
    assert capture.captured_offset_min == 480
    assert (capture.source_app, capture.device) == ("WeChat", "Xiaomi")


def test_jpeg_screenshot_name_makes_a_screenshot(tmp_path: Path) -> None:
    path = save_image(tmp_path / "Screenshot_20240315_143022_com.android.mms.jpg", "JPEG")
    capture = _capture(path)
    assert (capture.kind, capture.source_app) == (Kind.SCREENSHOT, "Messages")


def test_png_from_a_camera_is_a_photo(tmp_path: Path) -> None:
    path = save_image(tmp_path / "export.png", "PNG", original="2024:03:15 14:30:22",
                      make="Xiaomi", model="2211133C")  # fmt: skip
    assert _capture(path).kind is Kind.PHOTO


def test_container_time_wins_over_the_call_recording_name(
    media: dict[str, Path], tmp_path: Path
) -> None:
    path = _copy(media["moov_at_end.m4a"], tmp_path, "张三@13800138000_20240101120000.m4a")
    capture = _capture(path)
    assert capture == Capture(
        kind=Kind.RECORDING,
        media_type="audio/mp4",
        ext="m4a",
        captured_at_utc=datetime(2024, 3, 15, 6, 30, 22, tzinfo=UTC),
        captured_offset_min=480,
        time_source=TimeSource.CONTAINER,
        counterpart="13800138000",
        contact_name="张三",
        source_app="Phone",
        device="Huawei",
        name_time_utc=datetime(2024, 1, 1, 4, tzinfo=UTC),
        name_offset_min=480,
        file_modified_utc=MTIME,
    )


def test_call_recording_without_container_date_uses_the_name(
    media: dict[str, Path], tmp_path: Path
) -> None:
    path = _copy(media["no_date.m4a"], tmp_path, "13800138000(13800138000)_20240315143022.m4a")
    capture = _capture(path)
    assert capture.time_source == TimeSource.FILE_NAME
    assert capture.captured_at_utc == datetime(2024, 3, 15, 6, 30, 22, tzinfo=UTC)
    assert (capture.kind, capture.counterpart, capture.device) == (
        Kind.RECORDING,
        "13800138000",
        "Xiaomi",
    )


def test_espeak_recording_with_a_huawei_name(media: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(media["speech.wav"], tmp_path, "催收 13912345678_20240315143022.wav")
    capture = _capture(path)
    assert capture.kind is Kind.RECORDING and capture.media_type == "audio/wav"
    assert capture.time_source == TimeSource.FILE_NAME
    assert (capture.counterpart, capture.contact_name) == ("13912345678", "催收")


def test_mp3_id3_date_is_container_time(media: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(media["tdrc.mp3"], tmp_path, "录音.mp3")
    capture = _capture(path)
    assert (capture.time_source, capture.captured_at_utc) == (
        TimeSource.CONTAINER,
        datetime(2024, 3, 15, 6, 30, 22, tzinfo=UTC),
    )


def test_wav_info_date_is_container_time(media: dict[str, Path], tmp_path: Path) -> None:
    capture = _capture(_copy(media["icrd.wav"], tmp_path, "memo.wav"), UTC_ZONE)
    assert (capture.time_source, capture.captured_at_utc) == (
        TimeSource.CONTAINER,
        datetime(2024, 3, 15, 14, 30, 22, tzinfo=UTC),
    )


def test_video_tracks_decide_video_even_when_named_m4a(
    media: dict[str, Path], tmp_path: Path
) -> None:
    capture = _capture(_copy(media["video.mp4"], tmp_path, "clip.m4a"))
    assert (capture.kind, capture.media_type) == (Kind.VIDEO, "video/mp4")


def test_audio_only_3gp_is_a_recording(media: dict[str, Path], tmp_path: Path) -> None:
    capture = _capture(_copy(media["audio.3gp"], tmp_path, "13800138000_20240315143022.3gp"))
    assert (capture.kind, capture.media_type, capture.time_source) == (
        Kind.RECORDING,
        "audio/3gpp",
        TimeSource.CONTAINER,
    )


def test_epoch_names_keep_the_instant_and_show_the_vault_offset(tmp_path: Path) -> None:
    path = save_image(tmp_path / "mmexport1710484222123.jpg", "JPEG")
    in_shanghai, in_new_york = _capture(path, SHANGHAI), _capture(path, NEW_YORK)
    instant = datetime(2024, 3, 15, 6, 30, 22, 123000, tzinfo=UTC)
    assert in_shanghai.captured_at_utc == in_new_york.captured_at_utc == instant
    assert (in_shanghai.captured_offset_min, in_new_york.captured_offset_min) == (480, -240)
    assert in_shanghai.source_app == "WeChat"


def test_names_with_their_own_offset_keep_it(media: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(media["speech.wav"], tmp_path, "20240315_143022.000-0400_+12345678900.wav")
    capture = _capture(path, SHANGHAI)
    assert capture.captured_at_utc == datetime(2024, 3, 15, 18, 30, 22, tzinfo=UTC)
    assert capture.captured_offset_min == -240


def test_daylight_saving_time_picks_the_offset_of_that_day(tmp_path: Path) -> None:
    winter = save_image(tmp_path / "IMG_20240115_120000.jpg", "JPEG")
    summer = save_image(tmp_path / "IMG_20240715_120000.jpg", "JPEG")
    assert _capture(winter, NEW_YORK).captured_offset_min == -300
    assert _capture(summer, NEW_YORK).captured_offset_min == -240
    assert _capture(summer, NEW_YORK).captured_at_utc == datetime(2024, 7, 15, 16, tzinfo=UTC)


def test_modification_time_is_the_last_resort(tmp_path: Path) -> None:
    path = tmp_path / "记录.txt"
    path.write_text("家访：两人，晚上九点。", encoding="utf-8")
    capture = _capture(path)
    assert capture == Capture(
        kind=Kind.DOCUMENT,
        media_type="text/plain",
        ext="txt",
        captured_at_utc=MTIME,
        captured_offset_min=480,
        time_source=TimeSource.FILE_MTIME,
        counterpart=None,
        contact_name=None,
        source_app=None,
        device=None,
        file_modified_utc=MTIME,
    )


def test_the_name_the_file_time_and_the_source_are_three_separate_facts(
    media: dict[str, Path], tmp_path: Path
) -> None:
    # A recording copied off the phone: the copy reset its modified time, the name kept
    # the call's time (epoch milliseconds, UTC) and says the call went out.
    path = _copy(media["no_date.m4a"], tmp_path, "To_13800138000_1710484222123.m4a")
    capture = _capture(path)
    assert capture.time_source == TimeSource.FILE_NAME
    assert capture.name_time_utc == datetime(2024, 3, 15, 6, 30, 22, 123000, tzinfo=UTC)
    assert capture.captured_at_utc == capture.name_time_utc
    assert capture.name_offset_min == 480  # a UTC instant is shown in the vault's zone
    assert capture.file_modified_utc == MTIME
    assert capture.direction == "out"


def test_an_upload_without_a_file_time_has_no_modified_time(tmp_path: Path) -> None:
    path = tmp_path / "记录.txt"
    path.write_text("家访", encoding="utf-8")
    head = path.read_bytes()
    capture = read_capture(path, head, SHANGHAI, named_file=False)
    assert capture.file_modified_utc is None
    assert capture.time_source == TimeSource.IMPORT_TIME


def test_implausible_name_dates_fall_through_to_the_mtime(tmp_path: Path) -> None:
    path = save_image(tmp_path / "IMG_19990315_143022.jpg", "JPEG")
    assert _capture(path).time_source == TimeSource.FILE_MTIME


def test_unusable_modification_time_falls_back_to_the_import_time(tmp_path: Path) -> None:
    path = tmp_path / "old.bin"
    path.write_bytes(b"\x00\x01\x02\x03")
    os.utime(path, (0, 0))  # 1970: not a plausible capture time
    with path.open("rb") as handle:
        head = handle.read()
    before = datetime.now(UTC)
    capture = read_capture(path, head, SHANGHAI)
    assert capture.time_source == TimeSource.IMPORT_TIME
    assert before <= capture.captured_at_utc <= datetime.now(UTC)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "13800138000_20240315143022.amr"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        read_capture(path, b"", SHANGHAI)


def test_truncated_media_still_gets_a_capture(media: dict[str, Path], tmp_path: Path) -> None:
    data = media["moov_at_end.m4a"].read_bytes()
    path = tmp_path / "张三@13800138000_20240315143022.m4a"
    path.write_bytes(data[: len(data) // 3])  # moov lost
    capture = _capture(path)
    assert capture.kind is Kind.RECORDING
    assert capture.time_source == TimeSource.FILE_NAME
    assert capture.captured_at_utc == datetime(2024, 3, 15, 6, 30, 22, tzinfo=UTC)


def test_call_recording_name_settles_a_3gp_whose_tracks_are_lost(
    media: dict[str, Path], tmp_path: Path
) -> None:
    data = media["audio.3gp"].read_bytes()
    path = tmp_path / "13800138000_20240315143022.3gp"
    path.write_bytes(data[:64])  # ftyp survives, moov does not
    capture = _capture(path)
    assert (capture.kind, capture.media_type) == (Kind.RECORDING, "audio/3gpp")
    video = tmp_path / "clip.3gp"
    video.write_bytes(data[:64])
    assert _capture(video).kind is Kind.VIDEO  # without the name, the extension decides
