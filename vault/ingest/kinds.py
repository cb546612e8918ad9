"""What a file is, from its first bytes: the evidence kind, media type and extension.

The extension is only a tie-breaker (an MP4 container holds a voice recording as
readily as a video); the content decides. Unknown content is a document of type
``application/octet-stream``, never an error; only an empty file is refused.
"""

from __future__ import annotations

import codecs
import logging
import re
import struct
from dataclasses import dataclass
from enum import StrEnum

from vault.errors import VaultError

logger = logging.getLogger(__name__)

HEAD_SIZE = 4096
"""How many leading bytes :func:`detect` looks at; callers should pass at least this many."""


class EmptyFileError(VaultError):
    """The file has no bytes at all: there is nothing to keep as evidence."""

    code = "empty_file"
    exit_code = 2


class Kind(StrEnum):
    """Kinds of evidence items (DESIGN.md §4)."""

    RECORDING = "recording"
    SCREENSHOT = "screenshot"
    PHOTO = "photo"
    VIDEO = "video"
    DOCUMENT = "document"
    NOTE = "note"
    BACKUP = "backup"


class Family(StrEnum):
    """Broad content family found by :func:`detect`."""

    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    AUDIO_OR_VIDEO = "audio_or_video"  # MP4/3GP/MOV: the tracks decide
    DOCUMENT = "document"
    BACKUP = "backup"


@dataclass(frozen=True, slots=True)
class MediaType:
    """The content format: family, IANA media type and the usual extension."""

    family: Family
    media_type: str
    ext: str


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The evidence kind with its media type and canonical extension (no dot)."""

    kind: Kind
    media_type: str
    ext: str


AUDIO_EXTENSIONS = frozenset(
    {
        "m4a",
        "m4b",
        "aac",
        "3ga",
        "amr",
        "awb",
        "mp3",
        "wav",
        "ogg",
        "oga",
        "opus",
        "flac",
        "caf",
        "aiff",
        "aif",
    }
)

_HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"})
_HEIF_BRANDS = frozenset({b"mif1", b"msf1", b"mif2"})
_AUDIO_BRANDS = frozenset({b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "})
_M4V_BRANDS = frozenset({b"M4V ", b"M4VH", b"M4VP"})
_QT_BOXES = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})
_SAFE_EXT = re.compile(r"[a-z0-9]{1,8}")
_OLE_TYPES = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "msg": "application/vnd.ms-outlook",
}
_OOXML = (
    (b"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    (b"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    (b"ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
)
_ODF = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/epub+zip": "epub",
}
_UNKNOWN = "application/octet-stream"


def sniff(
    head: bytes,
    *,
    filename: str | None = None,
    screenshot_name: bool = False,
    has_camera: bool = False,
    has_video_track: bool | None = None,
) -> Sniffed:
    """Kind, media type and extension of a file whose first bytes are ``head``.

    ``screenshot_name`` is what the file-name reader said, ``has_camera`` whether EXIF
    names a camera, ``has_video_track`` what the MP4 box walk found (``None``: unknown).
    Raises :class:`EmptyFileError` when ``head`` is empty.
    """
    media = detect(head, filename)
    if media.family is Family.AUDIO_OR_VIDEO:
        media = _resolve_av(media, filename, has_video_track)
    kind = classify(media, screenshot_name=screenshot_name, has_camera=has_camera)
    return Sniffed(kind, media.media_type, media.ext)


def classify(media: MediaType, *, screenshot_name: bool = False, has_camera: bool = False) -> Kind:
    """Map a detected format to an evidence kind."""
    if media.family is Family.IMAGE:
        if screenshot_name or (media.media_type == "image/png" and not has_camera):
            return Kind.SCREENSHOT
        return Kind.PHOTO
    if media.family is Family.AUDIO:
        return Kind.RECORDING
    if media.family in (Family.VIDEO, Family.AUDIO_OR_VIDEO):
        return Kind.VIDEO
    if media.family is Family.BACKUP:
        return Kind.BACKUP
    return Kind.DOCUMENT


def detect(head: bytes, filename: str | None = None) -> MediaType:
    """Detect the format of content starting with ``head`` (a file's first bytes)."""
    if not head:
        raise EmptyFileError("The file is empty.")
    head = head[:HEAD_SIZE]
    for probe in _PROBES:
        found = probe(head, filename)
        if found is not None:
            return found
    return MediaType(Family.DOCUMENT, _UNKNOWN, _extension_of(filename) or "bin")


# --- probes, each returns a MediaType or None -----------------------------------------

_JPEG = MediaType(Family.IMAGE, "image/jpeg", "jpg")
_MP3 = MediaType(Family.AUDIO, "audio/mpeg", "mp3")
_AAC = MediaType(Family.AUDIO, "audio/aac", "aac")
_FLAC = MediaType(Family.AUDIO, "audio/flac", "flac")
_MP4 = MediaType(Family.AUDIO_OR_VIDEO, "video/mp4", "mp4")
_ZIP = MediaType(Family.DOCUMENT, "application/zip", "zip")
_HEIC = MediaType(Family.IMAGE, "image/heic", "heic")

# Fixed signatures at offset 0, longest first where one is a prefix of another.
_MAGIC: tuple[tuple[bytes, MediaType], ...] = (
    (b"\xff\xd8\xff", _JPEG),
    (b"\x89PNG\r\n\x1a\n", MediaType(Family.IMAGE, "image/png", "png")),
    (b"GIF87a", MediaType(Family.IMAGE, "image/gif", "gif")),
    (b"GIF89a", MediaType(Family.IMAGE, "image/gif", "gif")),
    (b"II*\x00", MediaType(Family.IMAGE, "image/tiff", "tiff")),
    (b"MM\x00*", MediaType(Family.IMAGE, "image/tiff", "tiff")),
    (b"#!AMR-WB\n", MediaType(Family.AUDIO, "audio/amr-wb", "awb")),
    (b"#!AMR\n", MediaType(Family.AUDIO, "audio/amr", "amr")),
    (b"fLaC", _FLAC),
    (b"caff", MediaType(Family.AUDIO, "audio/x-caf", "caf")),
    (b"FLV\x01", MediaType(Family.VIDEO, "video/x-flv", "flv")),
    (b"\x00\x00\x01\xba", MediaType(Family.VIDEO, "video/mpeg", "mpg")),
    (b"{\\rtf", MediaType(Family.DOCUMENT, "application/rtf", "rtf")),
    (b"PK\x05\x06", _ZIP),
    (b"PK\x07\x08", _ZIP),
)
# RIFF and IFF containers by their form type (bytes 8..12).
_FORMS: dict[tuple[bytes, bytes], MediaType] = {
    (b"RIFF", b"WEBP"): MediaType(Family.IMAGE, "image/webp", "webp"),
    (b"RIFF", b"WAVE"): MediaType(Family.AUDIO, "audio/wav", "wav"),
    (b"RIFF", b"AVI "): MediaType(Family.VIDEO, "video/x-msvideo", "avi"),
    (b"FORM", b"AIFF"): MediaType(Family.AUDIO, "audio/aiff", "aiff"),
    (b"FORM", b"AIFC"): MediaType(Family.AUDIO, "audio/aiff", "aiff"),
}
# ISO base media (MP4 family) by major brand, then by the brand's first three bytes.
_BRANDS: dict[bytes, MediaType] = {
    **dict.fromkeys(_HEIC_BRANDS, _HEIC),
    **dict.fromkeys(_HEIF_BRANDS, MediaType(Family.IMAGE, "image/heif", "heif")),
    **dict.fromkeys(_AUDIO_BRANDS, MediaType(Family.AUDIO, "audio/mp4", "m4a")),
    **dict.fromkeys(_M4V_BRANDS, MediaType(Family.VIDEO, "video/x-m4v", "m4v")),
    b"qt  ": MediaType(Family.VIDEO, "video/quicktime", "mov"),
}
_BRAND_PREFIXES: dict[bytes, MediaType] = {
    b"3g2": MediaType(Family.AUDIO_OR_VIDEO, "video/3gpp2", "3g2"),
    **dict.fromkeys(
        (b"3gp", b"3gr", b"3gs", b"3ge", b"3gg"),
        MediaType(Family.AUDIO_OR_VIDEO, "video/3gpp", "3gp"),
    ),
}


def _signatures(head: bytes, _filename: str | None) -> MediaType | None:
    for magic, media in _MAGIC:
        if head.startswith(magic):
            return media
    form = _FORMS.get((head[:4], head[8:12]))
    if form is not None:
        return form
    if _is_bmp(head):
        return MediaType(Family.IMAGE, "image/bmp", "bmp")
    return None


def _is_bmp(head: bytes) -> bool:
    if len(head) < 18 or head[:2] != b"BM" or head[6:10] != b"\x00\x00\x00\x00":
        return False
    (dib_size,) = struct.unpack_from("<I", head, 14)
    return dib_size in (12, 40, 52, 56, 64, 108, 124)


def _iso_bmff(head: bytes, _filename: str | None) -> MediaType | None:
    if len(head) < 12 or struct.unpack_from(">I", head, 0)[0] < 8:
        return None
    if head[4:8] != b"ftyp":
        # QuickTime files written before "ftyp" existed start with a plain box.
        if head[4:8] in _QT_BOXES:
            return MediaType(Family.AUDIO_OR_VIDEO, "video/quicktime", "mov")
        return None
    (size,) = struct.unpack_from(">I", head, 0)
    major = head[8:12]
    end = min(max(size, 16), len(head))
    brands = {major} | {head[i : i + 4] for i in range(16, end - 3, 4)}
    if brands & {b"avif", b"avis"}:
        return MediaType(Family.IMAGE, "image/avif", "avif")
    if major in _HEIF_BRANDS and brands & _HEIC_BRANDS:
        return _HEIC
    return _BRANDS.get(major) or _BRAND_PREFIXES.get(major[:3]) or _MP4


def _streams(head: bytes, _filename: str | None) -> MediaType | None:
    """Formats recognised by more than a fixed signature."""
    if head.startswith(b"ID3"):
        return _after_id3(head)
    if head.startswith(b"OggS"):
        return _ogg(head)
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # EBML: Matroska, or WebM by its doctype
        webm = b"webm" in head[:64]
        return MediaType(
            Family.VIDEO, "video/webm" if webm else "video/x-matroska", "webm" if webm else "mkv"
        )
    if _adts_frames(head):
        return _AAC
    if _mpeg_audio_frames(head):
        return _MP3
    return None


def _after_id3(head: bytes) -> MediaType:
    """An ID3v2 tag usually starts an MP3, sometimes a FLAC or AAC stream."""
    if len(head) >= 10 and all(b < 0x80 for b in head[6:10]):
        size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
        rest = head[10 + size + (10 if head[5] & 0x10 else 0) :]
        if rest.startswith(b"fLaC"):
            return _FLAC
        if rest and _adts_frames(rest):
            return _AAC
    return _MP3


def _ogg(head: bytes) -> MediaType:
    first_page = head[:512]
    if b"OpusHead" in first_page:
        return MediaType(Family.AUDIO, "audio/ogg", "opus")
    if b"\x80theora" in first_page:
        return MediaType(Family.VIDEO, "video/ogg", "ogv")
    return MediaType(Family.AUDIO, "audio/ogg", "ogg")


# MPEG-1/2/2.5 audio frame headers: kbit/s by (MPEG-1?, layer) and sample rates.
_BITRATES = {
    (True, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mpeg_frame_length(head: bytes, at: int) -> int | None:
    """Length of the MPEG audio frame whose header starts at ``at``, or None."""
    if at + 4 > len(head) or head[at] != 0xFF or head[at + 1] & 0xE0 != 0xE0:
        return None
    version = (head[at + 1] >> 3) & 3
    layer = 4 - ((head[at + 1] >> 1) & 3)
    bitrate_index, rate_index = head[at + 2] >> 4, (head[at + 2] >> 2) & 3
    if version == 1 or layer == 4 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    mpeg1 = version == 3
    bitrate = _BITRATES[(mpeg1, layer)][bitrate_index] * 1000
    rate = _SAMPLE_RATES[version][rate_index]
    padding = (head[at + 2] >> 1) & 1
    if layer == 1:
        return (12 * bitrate // rate + padding) * 4
    if layer == 3 and not mpeg1:
        return 72 * bitrate // rate + padding
    return 144 * bitrate // rate + padding


def _mpeg_audio_frames(head: bytes) -> bool:
    length = _mpeg_frame_length(head, 0)
    if length is None:
        return False
    if length + 4 > len(head):
        return True  # the next frame lies beyond what we were given
    return _mpeg_frame_length(head, length) is not None


def _adts_length(head: bytes, at: int) -> int | None:
    if at + 7 > len(head) or head[at] != 0xFF or head[at + 1] & 0xF6 != 0xF0:
        return None
    if (head[at + 2] >> 2) & 0x0F > 12:
        return None
    length = ((head[at + 3] & 0x03) << 11) | (head[at + 4] << 3) | (head[at + 5] >> 5)
    return length if length >= 7 else None


def _adts_frames(head: bytes) -> bool:
    length = _adts_length(head, 0)
    if length is None:
        return False
    if length + 7 > len(head):
        return True
    return _adts_length(head, length) is not None


def _documents(head: bytes, filename: str | None) -> MediaType | None:
    if b"%PDF-" in head[:1024]:
        return MediaType(Family.DOCUMENT, "application/pdf", "pdf")
    if head.startswith(b"PK\x03\x04"):
        return _zip(head)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        ext = _extension_of(filename) or ""
        return MediaType(
            Family.DOCUMENT,
            _OLE_TYPES.get(ext, "application/x-ole-storage"),
            ext if ext in _OLE_TYPES else "ole",
        )
    return _text(head)


def _zip(head: bytes) -> MediaType:
    """ZIP and the office formats built on it, from the first local file headers."""
    if len(head) >= 30:
        name_len, extra_len = struct.unpack_from("<HH", head, 26)
        name = head[30 : 30 + name_len]
        if name == b"mimetype":
            start = 30 + name_len + extra_len
            declared = head[start : start + 64].split(b"PK", 1)[0]
            for media_type, ext in _ODF.items():
                if declared.startswith(media_type.encode()):
                    return MediaType(Family.DOCUMENT, media_type, ext)
    for marker, media_type, ext in _OOXML:
        if marker in head:
            return MediaType(Family.DOCUMENT, media_type, ext)
    return _ZIP


def _text(head: bytes) -> MediaType | None:
    text = _decode_text(head)
    if text is None:
        return None
    start = text.lstrip("\ufeff \t\r\n")[:1024]
    lowered = start.lower()
    if lowered.startswith("<?xml"):
        if "<smses" in text or "<calls" in text:
            return MediaType(Family.BACKUP, "application/xml", "xml")
        if "<html" in lowered:
            return MediaType(Family.DOCUMENT, "text/html", "html")
        return MediaType(Family.DOCUMENT, "application/xml", "xml")
    if lowered.startswith(("<!doctype html", "<html")) or (
        lowered.startswith("<") and ("<html" in lowered or "<head" in lowered)
    ):
        return MediaType(Family.DOCUMENT, "text/html", "html")
    return MediaType(Family.DOCUMENT, "text/plain", "txt")


def _decode_text(head: bytes) -> str | None:
    """The head as text if it is UTF-8 (or BOM-marked UTF-16) without binary controls."""
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    if not text.strip():
        return None
    for ch in text:
        code = ord(ch)
        if (code < 0x20 and ch not in "\t\n\r\f\v\x1b") or code == 0x7F:
            return None
    return text


_PROBES = (_signatures, _iso_bmff, _streams, _documents)


# --- helpers --------------------------------------------------------------------------


def _resolve_av(media: MediaType, filename: str | None, has_video: bool | None) -> MediaType:
    """Decide whether an MP4/3GP/MOV container is a video or a sound recording."""
    if has_video is None:
        has_video = _extension_of(filename) not in AUDIO_EXTENSIONS
    if has_video:
        return MediaType(Family.VIDEO, media.media_type, media.ext)
    if media.media_type == "video/mp4":
        return MediaType(Family.AUDIO, "audio/mp4", "m4a")
    return MediaType(Family.AUDIO, media.media_type.replace("video/", "audio/"), media.ext)


def _extension_of(filename: str | None) -> str | None:
    if not filename:
        return None
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in base:
        return None
    ext = base.rsplit(".", 1)[1].lower()
    return ext if _SAFE_EXT.fullmatch(ext) else None
