"""Reading the text of one image with Tesseract, in memory from end to end.

The image's plaintext never touches the disk: it is decrypted into memory, prepared
with Pillow and handed to ``tesseract stdin stdout`` through a pipe; the text comes
back the same way. Preparing matters: Tesseract binarises the page itself and loses
dark text on mid-tone backgrounds — on WeChat's green bubble (#95EC69) it reads nothing
at all — so each image is first turned to greyscale and its contrast stretched
(:func:`prepare`); a dark-mode screen (light text on black) is also inverted, so that
every capture reaches Tesseract as dark text on a light page.

Each Tesseract process runs on one thread (``OMP_THREAD_LIMIT=1``): the queue runs one
process per core, which uses the cores better than one process spreading its threads.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, ImageStat, UnidentifiedImageError

from vault.errors import VaultError
from vault.image_formats import register as register_image_formats

ENGINE = "tesseract"
LANGUAGES = "chi_sim+chi_tra+eng"
SECONDS_PER_IMAGE = 300  # a stuck process is ended; a phone screenshot takes seconds
MAX_PIXELS = 60_000_000  # a long scrolled capture is fine; larger is not a screenshot
DARK_MEAN = 110  # below this average grey the screen is taken for dark mode
SPARSE_TEXT = 11  # Tesseract's page segmentation mode for text scattered over a page

_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})[ \t]+(?={_CJK})")
_BLANK_LINES = re.compile(r"\n\s*\n+")


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
    """The Tesseract found on this machine: how it was called and its version."""

    path: str
    version: str
    languages: str = LANGUAGES


@functools.lru_cache(maxsize=1)
def find_engine() -> Engine:
    """The installed Tesseract with the three languages, or :class:`OcrEngineMissingError`."""
    path = shutil.which(ENGINE)
    if path is None:
        raise OcrEngineMissingError(
            "Tesseract is not installed; install tesseract-ocr, tesseract-ocr-chi-sim "
            "and tesseract-ocr-chi-tra."
        )
    version = _run([path, "--version"], b"").decode("utf-8", "replace").split()
    listed = set(_run([path, "--list-langs"], b"").decode("utf-8", "replace").split())
    missing = [lang for lang in LANGUAGES.split("+") if lang not in listed]
    if missing:
        raise OcrEngineMissingError(
            f"Tesseract has no language file for {', '.join(missing)}; install "
            "tesseract-ocr-chi-sim and tesseract-ocr-chi-tra."
        )
    return Engine(path, version[1] if len(version) > 1 else "unknown")


@dataclass(frozen=True, slots=True)
class Prepared:
    png: bytes
    dark: bool  # a dark-mode screen, inverted to dark on light


def prepare(data: bytes) -> bytes:
    """The image in ``data`` as a greyscale PNG with stretched contrast, dark on light.

    Raises :class:`UnreadableImageError` for bytes Pillow cannot decode.
    """
    return prepare_image(data).png


def prepare_image(data: bytes) -> Prepared:
    """:func:`prepare`, also saying whether the screen was a dark-mode one."""
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
    out = io.BytesIO()
    grey.save(out, format="PNG", compress_level=1)
    return Prepared(out.getvalue(), dark)


def recognise(engine: Engine, prepared: bytes, *, psm: int | None = None) -> str:
    """Tesseract's text for a prepared image, its CJK characters joined up; ``psm`` is
    Tesseract's page segmentation mode (default: its automatic layout analysis)."""
    mode = ["--psm", str(psm)] if psm is not None else []
    raw = _run([engine.path, "stdin", "stdout", "-l", engine.languages, *mode], prepared)
    return tidy(raw.decode("utf-8", "replace"))


def tidy(text: str) -> str:
    """Tesseract's output without the spaces it puts between Chinese characters, trailing
    blanks and runs of empty lines."""
    lines = (
        _SPACE_BETWEEN_CJK.sub("", line).rstrip() for line in text.replace("\f", "").split("\n")
    )
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def read_image(engine: Engine, data: bytes) -> str:
    """The text in the image ``data``: prepared, then recognised.

    Tesseract's layout analysis loses whole bubbles of a dark-mode chat (measured: of
    three bubbles, none or one), where its sparse-text mode finds them all; so a dark
    screen is read in sparse-text mode, a light one with the layout analysis (which keeps
    a message's lines together) and, only when that finds nothing, in sparse-text mode.
    """
    prepared = prepare_image(data)
    if prepared.dark:
        return recognise(engine, prepared.png, psm=SPARSE_TEXT)
    text = recognise(engine, prepared.png)
    return text or recognise(engine, prepared.png, psm=SPARSE_TEXT)


def _run(argv: list[str], data: bytes) -> bytes:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell
            argv, input=data, capture_output=True, timeout=SECONDS_PER_IMAGE, env=env, check=False
        )
    except FileNotFoundError as error:
        raise OcrEngineMissingError("Tesseract is not installed.") from error
    except subprocess.TimeoutExpired as error:
        raise OcrFailedError("Tesseract took too long on this image.") from error
    if done.returncode != 0:
        raise OcrFailedError(f"Tesseract failed on this image (exit status {done.returncode}).")
    return done.stdout
