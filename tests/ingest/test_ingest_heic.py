"""iPhone photos (HEIC): recognised, dated from their EXIF, stored whole and shown small.

The photos are real HEIC files, HEVC-encoded by pillow-heif's own libheif and x265.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ingest.ingest_images import save_image
from vault import image_formats
from vault.handle import OpenVault, create_vault
from vault.importing import import_paths
from vault.ingest.capture import TimeSource, read_capture
from vault.ingest.kinds import HEAD_SIZE, Kind
from vault.items import list_items, open_item

RED = (180, 40, 40)  # the colour save_image paints
SHANGHAI = ZoneInfo("Asia/Shanghai")


def save_heic(path: Path, **exif: str) -> Path:
    """A 96x64 HEIC photo as an iPhone's camera leaves it, with the EXIF fields given."""
    image_formats.register()
    save_image(path, "HEIF", size=(96, 64), **exif)
    assert path.read_bytes()[4:12] == b"ftypheic", "not written as HEIC"
    return path


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[OpenVault]:
    opened, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    yield opened
    opened.lock()


def test_an_iphone_photo_is_a_photo_taken_at_its_exif_time(tmp_path: Path) -> None:
    path = save_heic(
        tmp_path / "IMG_4321.HEIC",
        original="2024:03:15 22:41:07", offset="+08:00", make="Apple", model="iPhone 15 Pro",
    )  # fmt: skip
    with path.open("rb") as handle:
        capture = read_capture(path, handle.read(HEAD_SIZE), SHANGHAI)
    assert (capture.kind, capture.media_type, capture.ext) == (Kind.PHOTO, "image/heic", "heic")
    assert capture.captured_at_utc == datetime(2024, 3, 15, 14, 41, 7, tzinfo=UTC)
    assert (capture.captured_offset_min, capture.time_source) == (480, TimeSource.EXIF)
    assert (capture.device, capture.source_app) == ("Apple iPhone 15 Pro", "Camera")


def test_a_heic_without_exif_falls_back_to_the_name_or_file_time(tmp_path: Path) -> None:
    path = save_heic(tmp_path / "IMG_0007.HEIC")
    with path.open("rb") as handle:
        capture = read_capture(path, handle.read(HEAD_SIZE), SHANGHAI)
    assert capture.media_type == "image/heic" and capture.time_source is not TimeSource.EXIF


def test_importing_a_heic_keeps_it_whole_with_its_capture_time(
    vault: OpenVault, tmp_path: Path
) -> None:
    path = save_heic(
        tmp_path / "IMG_4321.HEIC", original="2024:03:15 22:41:07", make="Apple",
        model="iPhone 15 Pro",
    )  # fmt: skip
    report = import_paths(vault, [path])
    assert [r.status.value for r in report.results] == ["imported"]
    (item,) = list_items(vault)
    assert (item.kind, item.media_type, item.time_source) == ("photo", "image/heic", "exif")
    assert item.captured_at == datetime(2024, 3, 15, 14, 41, 7, tzinfo=UTC)  # Beijing time
    assert item.captured_offset_min == 480
    with open_item(vault, item.id) as reader:
        stored = reader.read()
    assert stored == path.read_bytes()
    assert item.sha256 == hashlib.sha256(stored).hexdigest()


# A fresh interpreter, so the thumbnail cannot lean on HEIC support registered earlier.
THUMBNAIL = """
import sys
from pathlib import Path
from vault.bundle.report.evidence_list import make_thumbnail
thumb = make_thumbnail(Path(sys.argv[1]).read_bytes())
Path(sys.argv[2]).write_bytes(thumb or b"")
"""


def test_a_heic_has_a_thumbnail_for_the_evidence_list(tmp_path: Path) -> None:
    path = save_heic(tmp_path / "IMG_4321.HEIC", original="2024:03:15 22:41:07")
    out = tmp_path / "thumb.jpg"
    subprocess.run([sys.executable, "-c", THUMBNAIL, str(path), str(out)], check=True)
    with Image.open(out) as image:
        assert image.format == "JPEG"
        assert image.width / image.height == pytest.approx(96 / 64, rel=0.05)
        colour = image.convert("RGB").getpixel((image.width // 2, image.height // 2))
    assert isinstance(colour, tuple)
    assert all(abs(got - want) < 24 for got, want in zip(colour, RED, strict=True)), colour
