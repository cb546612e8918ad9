"""Container dates from ffmpeg-made media, and hostile containers that must not hurt."""

from __future__ import annotations

import io
import struct
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vault.ingest.media_dates import (
    MP4_EPOCH,
    Mp4Info,
    id3_time,
    read_container_time,
    read_mp4,
    wav_time,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
CREATED = datetime(2024, 3, 15, 6, 30, 22, tzinfo=UTC)
WALL_CLOCK = datetime(2024, 3, 15, 14, 30, 22)


def _open(path: Path) -> io.BufferedReader:
    return path.open("rb")


# --- MP4 family from ffmpeg -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "has_video", "has_audio"),
    [
        ("moov_at_end.m4a", False, True),
        ("faststart.m4a", False, True),
        ("video.mp4", True, True),
        ("video.mov", True, False),
        ("audio.3gp", False, True),
    ],
)
def test_mvhd_creation_time_and_tracks(
    media: dict[str, Path], name: str, has_video: bool, has_audio: bool
) -> None:
    with _open(media[name]) as handle:
        assert read_mp4(handle) == Mp4Info(CREATED, has_video=has_video, has_audio=has_audio)


def test_moov_at_the_end_is_reached_by_seeking(media: dict[str, Path]) -> None:
    data = media["moov_at_end.m4a"].read_bytes()
    assert data.index(b"moov") > data.index(b"mdat"), "ffmpeg should write moov last"


def test_missing_creation_time_is_absent(media: dict[str, Path]) -> None:
    with _open(media["no_date.m4a"]) as handle:
        info = read_mp4(handle)
    assert info is not None and info.created is None and info.has_audio


def test_container_time_does_not_depend_on_the_vault_zone(media: dict[str, Path]) -> None:
    with _open(media["video.mp4"]) as handle:
        assert read_container_time(handle, "video/mp4", SHANGHAI) == CREATED
        assert read_container_time(handle, "video/mp4", ZoneInfo("UTC")) == CREATED


def test_truncated_mp4_never_raises(media: dict[str, Path]) -> None:
    data = media["faststart.m4a"].read_bytes()
    for cut in range(0, min(len(data), 1200), 7):
        info = read_mp4(io.BytesIO(data[:cut]))
        assert info is None or info.created in (None, CREATED)


# --- hand-built boxes: edge cases and hostile sizes -----------------------------------


def _box(kind: bytes, body: bytes = b"") -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


def _mvhd(seconds: int, version: int = 0) -> bytes:
    if version == 1:
        times = struct.pack(">QQIQ", seconds, seconds, 1000, 0)
    else:
        times = struct.pack(">IIII", seconds, seconds, 1000, 0)
    return _box(b"mvhd", bytes([version, 0, 0, 0]) + times + bytes(80))


_FTYP = _box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41")


def _seconds_since_1904(moment: datetime) -> int:
    return int((moment - MP4_EPOCH).total_seconds())


def test_mvhd_version_1_uses_64_bit_times() -> None:
    later = datetime(2031, 1, 2, 3, 4, 5, tzinfo=UTC)
    file = _FTYP + _box(b"moov", _mvhd(_seconds_since_1904(later), version=1))
    info = read_mp4(io.BytesIO(file))
    assert info is not None and info.created == later


@pytest.mark.parametrize(
    "seconds",
    [
        0,  # unset
        _seconds_since_1904(datetime(1970, 1, 1, tzinfo=UTC)),  # Unix zero written as 1904
        86400,  # 1904-01-02: a Unix time stored without the 1904 shift
        _seconds_since_1904(datetime(1999, 12, 31, tzinfo=UTC)),
    ],
)
def test_zero_and_implausible_dates_are_absent(seconds: int) -> None:
    info = read_mp4(io.BytesIO(_FTYP + _box(b"moov", _mvhd(seconds))))
    assert info is not None and info.created is None


def test_largest_32_bit_time_is_february_2040() -> None:
    info = read_mp4(io.BytesIO(_FTYP + _box(b"moov", _mvhd(0xFFFFFFFF))))
    assert info is not None and info.created == datetime(2040, 2, 6, 6, 28, 15, tzinfo=UTC)


def test_huge_64_bit_creation_time_is_absent() -> None:
    info = read_mp4(io.BytesIO(_FTYP + _box(b"moov", _mvhd(2**63, version=1))))
    assert info is not None and info.created is None


def test_unknown_mvhd_version_is_absent() -> None:
    info = read_mp4(io.BytesIO(_FTYP + _box(b"moov", _mvhd(3_000_000_000, version=7))))
    assert info is not None and info.created is None


def test_size_zero_box_runs_to_the_end_of_the_file() -> None:
    moov = _box(b"moov", _mvhd(_seconds_since_1904(CREATED)))
    open_ended = b"\x00\x00\x00\x00" + moov[4:]
    info = read_mp4(io.BytesIO(_FTYP + open_ended))
    assert info is not None and info.created == CREATED


def test_size_one_box_uses_the_64_bit_size() -> None:
    payload = bytes(100)
    mdat = struct.pack(">I4sQ", 1, b"mdat", 16 + len(payload)) + payload
    moov = _box(b"moov", _mvhd(_seconds_since_1904(CREATED)))
    info = read_mp4(io.BytesIO(_FTYP + mdat + moov))
    assert info is not None and info.created == CREATED


@pytest.mark.parametrize(
    "hostile",
    [
        struct.pack(">I4sQ", 1, b"mdat", 2**63) + bytes(64),  # size 1, absurd 64-bit size
        struct.pack(">I4sQ", 1, b"mdat", 4) + bytes(64),  # size 1, smaller than its header
        struct.pack(">I4s", 0xFFFFFFFF, b"mdat") + bytes(64),  # runs far past the end
        struct.pack(">I4s", 4, b"free") + bytes(64),  # smaller than a header
        struct.pack(">I4s", 7, b"moov") + bytes(64),
        b"\x00\x00\x00",  # shorter than a header
        b"",
    ],
)
def test_malformed_box_sizes_end_the_walk(hostile: bytes) -> None:
    assert read_mp4(io.BytesIO(_FTYP + hostile)) is None


def test_box_larger_than_its_parent_is_clamped() -> None:
    trak = struct.pack(">I4s", 0x7FFFFFFF, b"trak") + _box(b"mdia")
    moov = _box(b"moov", _mvhd(_seconds_since_1904(CREATED)) + trak)
    info = read_mp4(io.BytesIO(_FTYP + moov + _box(b"free", bytes(32))))
    assert info is not None and info.created == CREATED and not info.has_video


def test_endless_tiny_boxes_are_bounded_in_time() -> None:
    """A million empty boxes before moov: the walk gives up instead of crawling."""
    many = _box(b"free") * 1_000_000
    file = _FTYP + many + _box(b"moov", _mvhd(_seconds_since_1904(CREATED)))
    started = time.perf_counter()
    assert read_mp4(io.BytesIO(file)) is None
    assert time.perf_counter() - started < 2.0


def test_deeply_repeated_tracks_are_bounded() -> None:
    trak = _box(b"trak", _box(b"mdia", _box(b"hdlr", bytes(8) + b"vide" + bytes(12))))
    moov = _box(b"moov", _mvhd(_seconds_since_1904(CREATED)) + trak * 20_000)
    info = read_mp4(io.BytesIO(_FTYP + moov))
    assert info is not None and info.created == CREATED and info.has_video


# --- ID3 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("tdrc.mp3", WALL_CLOCK),
        ("tyer_tdat_time.mp3", datetime(2024, 3, 15, 14, 30)),
        ("year_only.mp3", None),  # ffmpeg's ID3v2.3 keeps only the year: too vague
        ("no_tag.mp3", None),
    ],
)
def test_id3_recording_time(media: dict[str, Path], name: str, expected: datetime | None) -> None:
    with _open(media[name]) as handle:
        assert id3_time(handle) == expected


def test_id3_time_is_read_in_the_vault_zone(media: dict[str, Path]) -> None:
    with _open(media["tdrc.mp3"]) as handle:
        assert read_container_time(handle, "audio/mpeg", SHANGHAI) == CREATED
        assert read_container_time(handle, "audio/mpeg", ZoneInfo("UTC")) == WALL_CLOCK.replace(
            tzinfo=UTC
        )


def _id3(major: int, frames: bytes, flags: int = 0) -> bytes:
    size = len(frames)
    syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    return b"ID3" + bytes([major, 0, flags]) + syncsafe + frames


def _frame23(frame_id: bytes, text: bytes, encoding: int = 0) -> bytes:
    body = bytes([encoding]) + text
    return frame_id + struct.pack(">I", len(body)) + b"\x00\x00" + body


def test_id3v22_three_letter_frames() -> None:
    def frame(frame_id: bytes, text: bytes) -> bytes:
        body = b"\x00" + text
        return frame_id + len(body).to_bytes(3, "big") + body

    tag = _id3(2, frame(b"TYE", b"2024") + frame(b"TDA", b"1503") + frame(b"TIM", b"1430"))
    assert id3_time(io.BytesIO(tag + b"\xff\xfb\x90\x00")) == datetime(2024, 3, 15, 14, 30)


def test_id3v23_utf16_and_unsynchronised_tags() -> None:
    utf16 = _id3(3, _frame23(b"TDRC", "2024-03-15T14:30:22".encode("utf-16"), encoding=1))
    assert id3_time(io.BytesIO(utf16)) == WALL_CLOCK
    frames = _frame23(b"TYER", b"2024") + _frame23(b"TDAT", b"1503") + _frame23(b"TIME", b"1430")
    unsynchronised = _id3(3, frames.replace(b"\xff", b"\xff\x00"), flags=0x80)
    assert id3_time(io.BytesIO(unsynchronised)) == datetime(2024, 3, 15, 14, 30)


@pytest.mark.parametrize(
    "tag",
    [
        b"ID3\x03\x00\x00\x80\x80\x80\x80",  # size bytes not syncsafe
        b"ID3\x03\x00\x00\x7f\x7f\x7f\x7f" + b"TDRC\xff\xff\xff\xff\x00\x00",  # frame > tag
        _id3(3, _frame23(b"TDRC", b"2024-13-45T99:99:99")),
        _id3(3, _frame23(b"TDRC", b"2024-03-15T14:30:22", encoding=9)),
        _id3(3, b"\x00" * 64),  # padding only
        _id3(9, _frame23(b"TDRC", b"2024-03-15T14:30:22")),  # unknown version
        _id3(3, _frame23(b"TDRC", b"1999-03-15T14:30:22")),
        _id3(3, _frame23(b"TDRC", b"2024-03-15T14:30:22"), flags=0x40),  # bogus ext. header
        b"ID3",
    ],
)
def test_malformed_id3_is_absent(tag: bytes) -> None:
    assert id3_time(io.BytesIO(tag)) is None


# --- WAV ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("icrd.wav", WALL_CLOCK),
        ("icrd_date_only.wav", None),
        ("bext.wav", WALL_CLOCK),
        ("speech.wav", None),  # espeak-ng writes no metadata
    ],
)
def test_wav_origination_time(media: dict[str, Path], name: str, expected: datetime | None) -> None:
    with _open(media[name]) as handle:
        assert wav_time(handle) == expected


def test_wav_time_is_read_in_the_vault_zone(media: dict[str, Path]) -> None:
    with _open(media["icrd.wav"]) as handle:
        assert read_container_time(handle, "audio/wav", SHANGHAI) == CREATED


@pytest.mark.parametrize(
    "riff",
    [
        b"RIFF\x00\x00\x00\x00WAVE" + b"LIST\xff\xff\xff\xffINFOICRD\x05\x00\x00\x002024",
        b"RIFF\x00\x00\x00\x00WAVE" + b"JUNK\x00\x00\x00\x00" * 5000,
        b"RIFF\x00\x00\x00\x00WAVE" + b"LIST\x10\x00\x00\x00INFOICRD\xff\xff\xff\x7f",
        b"RIFF\x00\x00\x00\x00WAVE" + b"bext\x00\x01\x00\x00" + bytes(20),
        b"RIFF\x00\x00\x00\x00WAVE",
        b"RIFF\x00\x00\x00\x00AVI ",
    ],
)
def test_malformed_wav_is_absent(riff: bytes) -> None:
    assert wav_time(io.BytesIO(riff)) is None


# --- any bytes ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([b"", _FTYP, b"ID3\x03\x00\x00", b"ID3\x04\x00\x40", b"RIFF\x00\x00\x00\x00WAVE"]),
    st.binary(max_size=512),
    st.sampled_from(["video/mp4", "audio/mpeg", "audio/wav", "audio/aac"]),
)  # fmt: skip
def test_random_containers_never_raise(prefix: bytes, tail: bytes, media_type: str) -> None:
    blob = io.BytesIO(prefix + tail)
    for reader in (read_mp4, id3_time, wav_time):
        reader(blob)
    found = read_container_time(blob, media_type, SHANGHAI)
    assert found is None or found.tzinfo is UTC
