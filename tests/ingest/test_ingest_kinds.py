"""Content, not the extension, decides what a file is and which kind of evidence."""

from __future__ import annotations

import os
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.helpers import require_tool
from tests.ingest.ingest_images import save_image
from vault.errors import VaultError
from vault.ingest.kinds import HEAD_SIZE, EmptyFileError, Kind, Sniffed, detect, sniff


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(HEAD_SIZE)


def _pillow(fmt: str, ext: str) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / f"image.{ext}"
        Image.new("RGB", (40, 30), (10, 120, 200)).save(path, fmt)
        return path

    return make


def _bytes(name: str, content: bytes) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(content)
        return path

    return make


def _zip(name: str, entries: list[tuple[str, bytes]]) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for entry, data in entries:
                method = zipfile.ZIP_STORED if entry == "mimetype" else zipfile.ZIP_DEFLATED
                archive.writestr(entry, data, compress_type=method)
        return path

    return make


def _pdf(directory: Path) -> Path:
    path = directory / "letter.pdf"
    Image.new("RGB", (60, 80), (255, 255, 255)).save(path, "PDF")
    return path


_CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/"/>'
# ftyp boxes as HEIF/AVIF writers emit them (ISO/IEC 23008-12).
_HEIC_FTYP = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00\x00\x00\x08free"
_MIF1_FTYP = b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heicmiaf" + b"\x00\x00\x00\x08free"
_AVIF_FTYP = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\x00\x00\x00\x08free"
# AMR-NB storage format (RFC 4867 §5): magic, then 12.2 kbit/s frames (ToC 0x3C + 31 bytes).
_AMR = b"#!AMR\n" + (b"\x3c" + bytes(31)) * 25
_SMS_BACKUP = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
    "<!--File Created By SMS Backup & Restore-->\n"
    '<smses count="1"><sms protocol="0" address="10690000" date="1710484222123" '
    'type="1" body="【某某贷】您已逾期，今日将联系您的通讯录" /></smses>\n'
).encode()

GENERATED: list[tuple[str, Callable[[Path], Path], str, str, Kind]] = [
    ("jpeg", _pillow("JPEG", "jpg"), "image/jpeg", "jpg", Kind.PHOTO),
    ("png", _pillow("PNG", "png"), "image/png", "png", Kind.SCREENSHOT),
    ("gif", _pillow("GIF", "gif"), "image/gif", "gif", Kind.PHOTO),
    ("webp", _pillow("WEBP", "webp"), "image/webp", "webp", Kind.PHOTO),
    ("bmp", _pillow("BMP", "bmp"), "image/bmp", "bmp", Kind.PHOTO),
    ("tiff", _pillow("TIFF", "tif"), "image/tiff", "tiff", Kind.PHOTO),
    ("heic", _bytes("IMG_0001.HEIC", _HEIC_FTYP), "image/heic", "heic", Kind.PHOTO),
    ("heif-mif1", _bytes("x.heif", _MIF1_FTYP), "image/heic", "heic", Kind.PHOTO),
    ("avif", _bytes("x.avif", _AVIF_FTYP), "image/avif", "avif", Kind.PHOTO),
    ("amr", _bytes("13800138000_20240315143022.amr", _AMR), "audio/amr", "amr", Kind.RECORDING),
    ("pdf", _pdf, "application/pdf", "pdf", Kind.DOCUMENT),
    ("docx", _zip("complaint.docx", [("[Content_Types].xml", _CONTENT_TYPES),
                                     ("word/document.xml", b"<w:document/>")]),
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
     Kind.DOCUMENT),
    ("xlsx", _zip("repayments.xlsx", [("[Content_Types].xml", _CONTENT_TYPES),
                                      ("xl/workbook.xml", b"<workbook/>")]),
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
     Kind.DOCUMENT),
    ("odt", _zip("note.odt", [("mimetype", b"application/vnd.oasis.opendocument.text"),
                              ("content.xml", b"<office:document-content/>")]),
     "application/vnd.oasis.opendocument.text", "odt", Kind.DOCUMENT),
    ("zip", _zip("screens.zip", [("a.txt", b"hello")]), "application/zip", "zip",
     Kind.DOCUMENT),
    ("text", _bytes("记录.txt", "3月15日 催收员上门，称要联系我单位。\n".encode()), "text/plain",
     "txt", Kind.DOCUMENT),
    ("utf16-text", _bytes("x.txt", "催收短信记录".encode("utf-16")), "text/plain", "txt",
     Kind.DOCUMENT),
    ("html", _bytes("page.htm", b"<!DOCTYPE html><html><body>notice</body></html>"),
     "text/html", "html", Kind.DOCUMENT),
    ("sms-backup", _bytes("sms-20240315.xml", _SMS_BACKUP), "application/xml", "xml",
     Kind.BACKUP),
    ("xml", _bytes("x.xml", b"<?xml version='1.0'?><root/>"), "application/xml", "xml",
     Kind.DOCUMENT),
]  # fmt: skip


@pytest.mark.parametrize(
    ("maker", "media_type", "ext", "kind"),
    [entry[1:] for entry in GENERATED],
    ids=[entry[0] for entry in GENERATED],
)
def test_generated_files_are_recognised(
    tmp_path: Path, maker: Callable[[Path], Path], media_type: str, ext: str, kind: Kind
) -> None:
    path = maker(tmp_path)
    assert sniff(_head(path), filename=path.name) == Sniffed(kind, media_type, ext)


MEDIA: list[tuple[str, str, str, Kind, bool | None]] = [
    ("moov_at_end.m4a", "audio/mp4", "m4a", Kind.RECORDING, None),
    ("no_tag.mp3", "audio/mpeg", "mp3", Kind.RECORDING, None),
    ("tdrc.mp3", "audio/mpeg", "mp3", Kind.RECORDING, None),
    ("icrd.wav", "audio/wav", "wav", Kind.RECORDING, None),
    ("speech.wav", "audio/wav", "wav", Kind.RECORDING, None),
    ("opus.ogg", "audio/ogg", "opus", Kind.RECORDING, None),
    ("vorbis.ogg", "audio/ogg", "ogg", Kind.RECORDING, None),
    ("sound.flac", "audio/flac", "flac", Kind.RECORDING, None),
    ("adts.aac", "audio/aac", "aac", Kind.RECORDING, None),
    ("video.mp4", "video/mp4", "mp4", Kind.VIDEO, True),
    ("video.mp4", "video/mp4", "mp4", Kind.VIDEO, None),
    ("video.mov", "video/quicktime", "mov", Kind.VIDEO, True),
    ("audio.3gp", "audio/3gpp", "3gp", Kind.RECORDING, False),
    ("video.mkv", "video/x-matroska", "mkv", Kind.VIDEO, None),
]


@pytest.mark.parametrize(("name", "media_type", "ext", "kind", "has_video"), MEDIA)
def test_ffmpeg_and_espeak_media_are_recognised(
    media: dict[str, Path],
    name: str,
    media_type: str,
    ext: str,
    kind: Kind,
    has_video: bool | None,
) -> None:
    path = media[name]
    found = sniff(_head(path), filename=path.name, has_video_track=has_video)
    assert found == Sniffed(kind, media_type, ext)


def test_mp4_without_known_tracks_falls_back_on_the_extension(tmp_path: Path) -> None:
    """Android recorders write sound into plain "isom" MP4 files named .m4a."""
    path = tmp_path / "rec.m4a"
    subprocess.run(
        [require_tool("ffmpeg"), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
         "sine=duration=0.3", "-c:a", "aac", "-f", "mp4", str(path)],
        check=True, capture_output=True,
    )  # fmt: skip
    head = _head(path)
    assert head[8:12] == b"isom"
    assert sniff(head, filename="rec.m4a").kind is Kind.RECORDING
    assert sniff(head, filename="rec.mp4").kind is Kind.VIDEO
    assert sniff(head, filename="rec.mp4", has_video_track=False) == Sniffed(
        Kind.RECORDING, "audio/mp4", "m4a"
    )


def test_the_extension_does_not_override_the_content(tmp_path: Path) -> None:
    png = _pillow("PNG", "png")(tmp_path)
    assert sniff(_head(png), filename="call.mp3") == Sniffed(Kind.SCREENSHOT, "image/png", "png")


def test_image_kind_follows_name_and_camera(tmp_path: Path) -> None:
    jpeg = save_image(tmp_path / "a.jpg", "JPEG")
    png = save_image(tmp_path / "b.png", "PNG")
    assert sniff(_head(jpeg), screenshot_name=True).kind is Kind.SCREENSHOT
    assert sniff(_head(jpeg)).kind is Kind.PHOTO
    assert sniff(_head(png), has_camera=True).kind is Kind.PHOTO
    assert sniff(_head(png), has_camera=True, screenshot_name=True).kind is Kind.SCREENSHOT


def test_unknown_content_is_a_document_never_an_error() -> None:
    blob = bytes(range(256)) * 4
    assert sniff(blob, filename="dump.dat") == Sniffed(
        Kind.DOCUMENT, "application/octet-stream", "dat"
    )
    assert sniff(blob) == Sniffed(Kind.DOCUMENT, "application/octet-stream", "bin")
    assert sniff(blob, filename="evil.<script>").ext == "bin"


def test_empty_file_is_a_typed_error() -> None:
    with pytest.raises(EmptyFileError) as caught:
        sniff(b"", filename="empty.mp3")
    assert isinstance(caught.value, VaultError)
    assert caught.value.code == "empty_file"


def test_a_lone_mpeg_sync_word_is_not_mp3() -> None:
    """Two bytes of frame sync followed by garbage must not be taken for audio."""
    assert detect(b"\xff\xfb\xff\xff" + os.urandom(64)).media_type != "audio/mpeg"


@settings(max_examples=400, deadline=None)
@given(st.binary(min_size=1, max_size=HEAD_SIZE))
def test_any_bytes_give_a_kind(head: bytes) -> None:
    found = sniff(head, filename="x.bin")
    assert found.kind in set(Kind)
    assert found.media_type and found.ext


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([b"\x00\x00\x00\x18ftyp", b"ID3\x04\x00", b"RIFF\x00\x00\x00\x00", b"PK\x03\x04",
                     b"OggS", b"\xff\xf1", b"\xff\xfb", b"BM", b"\x1a\x45\xdf\xa3"]),
    st.binary(max_size=256),
)  # fmt: skip
def test_truncated_and_corrupt_headers_give_a_kind(prefix: bytes, tail: bytes) -> None:
    assert sniff(prefix + tail).kind in set(Kind)
