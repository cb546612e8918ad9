"""EXIF capture time and camera from real Pillow-written images; bad images are absent."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.ingest.ingest_images import save_image
from vault.ingest.exif import ExifInfo, read_exif


def _read(path: Path) -> ExifInfo | None:
    with path.open("rb") as handle:
        return read_exif(handle)


def test_date_time_original_with_its_offset(tmp_path: Path) -> None:
    path = save_image(
        tmp_path / "IMG_20240315_143022.jpg", "JPEG",
        original="2024:03:15 14:30:22", offset="+08:00",
        datetime_tag="2024:03:16 09:00:00", make="Xiaomi", model="2211133C",
    )  # fmt: skip
    info = _read(path)
    assert info == ExifInfo(
        taken=datetime(2024, 3, 15, 14, 30, 22),
        offset_min=480,
        tag="DateTimeOriginal",
        make="Xiaomi",
        model="2211133C",
    )
    assert info.taken_aware == datetime(
        2024, 3, 15, 14, 30, 22, tzinfo=timezone(timedelta(hours=8))
    )
    assert info.has_camera
    assert info.camera == "Xiaomi 2211133C"


def test_original_without_offset_is_naive(tmp_path: Path) -> None:
    path = save_image(tmp_path / "a.jpg", "JPEG", original="2024:03:15 14:30:22", make="HUAWEI")
    info = _read(path)
    assert info is not None
    assert info.taken == datetime(2024, 3, 15, 14, 30, 22)
    assert info.offset_min is None and info.taken_aware is None


def test_negative_and_half_hour_offsets(tmp_path: Path) -> None:
    west = _read(save_image(tmp_path / "w.jpg", "JPEG", original="2024:03:15 01:00:00",
                            offset="-05:00"))  # fmt: skip
    india = _read(save_image(tmp_path / "i.jpg", "JPEG", original="2024:03:15 01:00:00",
                             offset="+05:30"))  # fmt: skip
    assert west is not None and west.offset_min == -300
    assert india is not None and india.offset_min == 330


@pytest.mark.parametrize(
    ("fields", "taken", "tag"),
    [
        ({"digitized": "2024:03:15 14:30:25", "datetime_tag": "2024:03:16 10:00:00"},
         datetime(2024, 3, 15, 14, 30, 25), "DateTimeDigitized"),
        ({"datetime_tag": "2024:03:16 10:00:00"}, datetime(2024, 3, 16, 10, 0), "DateTime"),
        ({"original": "0000:00:00 00:00:00", "datetime_tag": "2024:03:16 10:00:00"},
         datetime(2024, 3, 16, 10, 0), "DateTime"),
        ({"original": "    :  :     :  :  ", "digitized": "2024:03:15 14:30:25"},
         datetime(2024, 3, 15, 14, 30, 25), "DateTimeDigitized"),
    ],
)  # fmt: skip
def test_falls_back_to_digitized_then_datetime(
    tmp_path: Path, fields: dict[str, str], taken: datetime, tag: str
) -> None:
    info = _read(
        save_image(
            tmp_path / "f.jpg",
            "JPEG",
            original=fields.get("original"),
            digitized=fields.get("digitized"),
            datetime_tag=fields.get("datetime_tag"),
        )
    )
    assert info is not None
    assert (info.taken, info.tag) == (taken, tag)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_exif(tmp_path: Path, fmt: str) -> None:
    path = save_image(tmp_path / f"x.{fmt.lower()}", fmt, original="2024:03:15 14:30:22",
                      offset="+08:00", make="OPPO", model="PGT-AN10")  # fmt: skip
    info = _read(path)
    assert info is not None
    assert info.taken_aware == datetime(
        2024, 3, 15, 14, 30, 22, tzinfo=timezone(timedelta(hours=8))
    )
    assert info.camera == "OPPO PGT-AN10"


def test_tiff_tags_are_read_from_its_own_directory(tmp_path: Path) -> None:
    info = _read(save_image(tmp_path / "scan.tif", "TIFF", datetime_tag="2024:03:15 14:30:22",
                            make="Canon", model="Canon LiDE 300"))  # fmt: skip
    assert info is not None
    assert info.taken == datetime(2024, 3, 15, 14, 30, 22)
    assert info.camera == "Canon LiDE 300"  # the make is not repeated


def test_image_without_exif_is_absent(tmp_path: Path) -> None:
    assert _read(save_image(tmp_path / "plain.jpg", "JPEG")) is None
    assert _read(save_image(tmp_path / "plain.png", "PNG")) is None


def test_impossible_exif_dates_are_ignored(tmp_path: Path) -> None:
    info = _read(save_image(tmp_path / "bad.jpg", "JPEG", original="2024:13:45 25:61:00",
                            make="Apple"))  # fmt: skip
    assert info is not None
    assert info.taken is None and info.make == "Apple"
    old = _read(save_image(tmp_path / "old.jpg", "JPEG", original="1980:01:01 00:00:00"))
    assert old is None


def test_truncated_jpeg_never_raises(tmp_path: Path) -> None:
    data = save_image(tmp_path / "t.jpg", "JPEG", original="2024:03:15 14:30:22",
                      size=(640, 480)).read_bytes()  # fmt: skip
    for cut in (1, 3, 20, 60, 200, len(data) // 2, len(data) - 10):
        info = read_exif(io.BytesIO(data[:cut]))
        assert info is None or info.taken == datetime(2024, 3, 15, 14, 30, 22)


def test_truncated_jpeg_keeps_exif_when_headers_are_whole(tmp_path: Path) -> None:
    data = save_image(tmp_path / "t.jpg", "JPEG", original="2024:03:15 14:30:22",
                      size=(640, 480)).read_bytes()  # fmt: skip
    info = read_exif(io.BytesIO(data[: len(data) // 2]))  # cut inside the pixel data
    assert info is not None and info.taken == datetime(2024, 3, 15, 14, 30, 22)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_decompression_bomb_is_absent_not_an_error() -> None:
    """A PNG claiming 100000 x 100000 pixels is refused without decoding anything."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + _png_chunk(b"IEND", b"")
    )
    assert read_exif(io.BytesIO(bomb)) is None


def test_hostile_exif_block_is_absent() -> None:
    """A JPEG whose APP1 "Exif" block points its IFD far outside the block."""
    tiff = b"II*\x00" + struct.pack("<I", 0x7FFFFFF0)
    app1 = b"Exif\x00\x00" + tiff
    image = io.BytesIO()
    Image.new("RGB", (8, 8)).save(image, "JPEG")
    jpeg = image.getvalue()
    hostile = jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + jpeg[2:]
    info = read_exif(io.BytesIO(hostile))
    assert info is None or info.taken is None


def test_not_an_image_is_absent(media: dict[str, Path]) -> None:
    assert _read(media["tdrc.mp3"]) is None
    assert read_exif(io.BytesIO(b"")) is None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_random_bytes_never_raise(blob: bytes) -> None:
    info = read_exif(io.BytesIO(blob))
    assert info is None or isinstance(info, ExifInfo)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2000), st.binary(min_size=1, max_size=64))
def test_corrupted_jpeg_never_raises(position: int, garbage: bytes) -> None:
    image = io.BytesIO()
    exif = Image.Exif()
    exif[0x0132] = "2024:03:15 14:30:22"
    Image.new("RGB", (16, 16)).save(image, "JPEG", exif=exif)
    data = bytearray(image.getvalue())
    at = position % len(data)
    data[at : at + len(garbage)] = garbage
    info = read_exif(io.BytesIO(bytes(data)))
    assert info is None or isinstance(info, ExifInfo)
