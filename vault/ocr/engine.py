"""Reading the text of one image with Tesseract, in memory from end to end.

The image's plaintext never touches the disk: it is decrypted into memory, prepared
with Pillow and handed to libtesseract as raw pixels (through ``tesserocr``, its
maintained binding); the text comes back as a string. Preparing matters: Tesseract
binarises the page itself and loses dark text on mid-tone backgrounds — on WeChat's
green bubble (#95EC69) it reads nothing at all — so each image is first turned to
greyscale and its contrast stretched (:func:`prepare_image`); a dark-mode screen (light
text on black) is also inverted, so that every capture reaches Tesseract as dark text
on a light page.

Loading the three languages' models takes Tesseract about half a second, longer than
reading a screenshot, so a :class:`Tesseract` is made once and reads many images; the
``tesseract`` command pays that load for every image. The models come from the
system's Tesseract language packages (Debian's ``tesseract-ocr-chi-sim`` and the rest),
found by :func:`find_engine`. One :class:`Tesseract` is used by one thread at a time;
:mod:`vault.ocr.worker` runs one per core, each in a child process of its own.
"""

from __future__ import annotations

import functools
import io
import os
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, ImageStat, UnidentifiedImageError

from vault.errors import VaultError
from vault.image_formats import register as register_image_formats

ENGINE = "tesseract"
LANGUAGES = "chi_sim+chi_tra+eng"
SECONDS_PER_IMAGE = 300  # a stuck reading is ended; a phone screenshot takes a second
MAX_PIXELS = 60_000_000  # a long scrolled capture is fine; larger is not a screenshot
DARK_MEAN = 110  # below this average grey the screen is taken for dark mode
AUTOMATIC_LAYOUT = 3  # Tesseract's default page segmentation (its layout analysis)
SPARSE_TEXT = 11  # Tesseract's page segmentation mode for text scattered over a page
# where the language packages put the models: Debian and Ubuntu (Tesseract 5 and 4),
# Fedora, Homebrew and source builds; TESSDATA_PREFIX comes first, as for Tesseract
TESSDATA_FOLDERS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)

_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})[ \t]+(?={_CJK})")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_INSTALL = "install tesseract-ocr, tesseract-ocr-chi-sim and tesseract-ocr-chi-tra"


class OcrEngineMissingError(VaultError):
    """Tesseract or one of its language files is not installed."""

    code = "ocr_engine_missing"
    exit_code = 2


class UnreadableImageError(VaultError):
    """The item's bytes are not an image Pillow can open (damaged, truncated)."""

    code = "ocr_unreadable_image"
    exit_code = 1


class OcrFailedError(VaultError):
    """Tesseract ran but failed on this image."""

    code = "ocr_failed"
    exit_code = 1


@dataclass(frozen=True, slots=True)
class Engine:
    """The Tesseract found on this computer: its version, languages and models' folder."""

    version: str
    tessdata: str
    languages: str = LANGUAGES
    name: str = ENGINE


def _tessdata_folders() -> Iterator[Path]:
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        yield Path(prefix)
        yield Path(prefix) / "tessdata"
    yield from map(Path, TESSDATA_FOLDERS)


@functools.lru_cache(maxsize=1)
def find_engine() -> Engine:
    """libtesseract and a folder with the three languages' models, or
    :class:`OcrEngineMissingError` saying what to install."""
    try:
        import tesserocr  # noqa: PLC0415 - loads libtesseract: only when OCR runs
    except ImportError as error:
        raise OcrEngineMissingError(
            "The Tesseract library (tesserocr) is missing from this installation."
        ) from error
    wanted = LANGUAGES.split("+")
    folders = [folder for folder in _tessdata_folders() if folder.is_dir()]
    for folder in folders:
        if all((folder / f"{lang}.traineddata").is_file() for lang in wanted):
            return Engine(tesserocr.tesseract_version().split()[1], str(folder))
    if not folders:
        raise OcrEngineMissingError(f"Tesseract's language files are not installed; {_INSTALL}.")
    missing = [lang for lang in wanted if not (folders[0] / f"{lang}.traineddata").is_file()]
    raise OcrEngineMissingError(
        f"Tesseract has no language file for {', '.join(missing)}; {_INSTALL}."
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    image: Image.Image  # greyscale, dark text on a light page
    dark: bool  # a dark-mode screen, inverted to dark on light

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, format="PNG", compress_level=1)
        return out.getvalue()


def prepare(data: bytes) -> bytes:
    """The image in ``data`` as a greyscale PNG with stretched contrast, dark on light.

    Raises :class:`UnreadableImageError` for bytes Pillow cannot decode.
    """
    return prepare_image(data).png()


def prepare_image(data: bytes) -> Prepared:
    """The image in ``data`` greyscale with stretched contrast, dark on light, and whether
    the screen was a dark-mode one."""
    register_image_formats()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise UnreadableImageError("The image is too large to be a screenshot.")
                opened.load()
                image = ImageOps.exif_transpose(opened)
                grey = image.convert("L")
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        ValueError,
        SyntaxError,
        Warning,
    ) as error:
        raise UnreadableImageError(
            "The image cannot be decoded (damaged or not an image)."
        ) from error
    grey = ImageOps.autocontrast(grey, cutoff=1)
    dark = ImageStat.Stat(grey).mean[0] < DARK_MEAN
    if dark:
        grey = ImageOps.invert(grey)
    return Prepared(grey, dark)


class Tesseract:
    """libtesseract with the languages' models loaded, reading one image at a time."""

    def __init__(self, engine: Engine) -> None:
        from tesserocr import PyTessBaseAPI  # noqa: PLC0415 - see find_engine

        self.engine = engine
        try:
            self._api: Any = PyTessBaseAPI(path=engine.tessdata + os.sep, lang=engine.languages)
        except RuntimeError as error:
            raise OcrEngineMissingError(
                f"Tesseract could not load its language files; {_INSTALL}."
            ) from error

    def recognise(self, prepared: Image.Image, *, psm: int = AUTOMATIC_LAYOUT) -> str:
        """The text of a prepared image, its CJK characters joined up; ``psm`` is
        Tesseract's page segmentation mode."""
        api = self._api
        api.SetPageSegMode(psm)
        api.SetImageBytes(prepared.tobytes(), prepared.width, prepared.height, 1, prepared.width)
        if not api.Recognize(timeout=SECONDS_PER_IMAGE * 1000):
            raise OcrFailedError("Tesseract took too long on this image.")
        return tidy(api.GetUTF8Text())

    def read(self, data: bytes) -> str:
        """The text in the image ``data``: prepared, then recognised.

        Tesseract's layout analysis loses whole bubbles of a dark-mode chat (measured: of
        three bubbles, none or one), where its sparse-text mode finds them all; so a dark
        screen is read in sparse-text mode, a light one with the layout analysis (which
        keeps a message's lines together) and, only when that finds nothing, in
        sparse-text mode.
        """
        prepared = prepare_image(data)
        if prepared.dark:
            return self.recognise(prepared.image, psm=SPARSE_TEXT)
        text = self.recognise(prepared.image)
        return text or self.recognise(prepared.image, psm=SPARSE_TEXT)

    def close(self) -> None:
        self._api.End()


def tidy(text: str) -> str:
    """Tesseract's output without the spaces it puts between Chinese characters, trailing
    blanks and runs of empty lines."""
    lines = (
        _SPACE_BETWEEN_CJK.sub("", line).rstrip() for line in text.replace("\f", "").split("\n")
    )
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()
