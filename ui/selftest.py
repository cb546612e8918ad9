"""``evidence-vault --selftest``: :mod:`vault.selftest` with what the window needs from Qt.

The window's executable has its own frozen modules, so it tests itself, not only
``evault``: its Qt modules load, Qt finds the platforms it opens on (X11, Wayland, and
offscreen, which the test itself runs on), the image formats the previews and the icon
use, and the app's and Qt's catalogs of every shipped language; the vault's scrypt runs
in a child process, the window's own executable started again, as an unlock does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from vault.errors import VaultError
from vault.selftest import run_selftest

# loaded by the window on first use, not by an import PyInstaller can follow
WINDOW_MODULES = (
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtCharts",
    "ui.main_window",
)
PLATFORMS = ("xcb", "wayland", "offscreen")
IMAGE_FORMATS = ("svg", "png", "jpeg", "webp", "gif")


class QtPartMissingError(VaultError):
    code = "selftest_qt_missing"
    exit_code = 1


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.pdf_report import render_pdf  # noqa: PLC0415 - Qt only when the test runs

    steps = [
        ("Qt platforms", _platforms),
        ("image formats", _image_formats),
        ("catalogs", _catalogs),
    ]
    return run_selftest(
        render_pdf=render_pdf, modules=WINDOW_MODULES, isolate_kdf=True, extra=steps
    )


def _platforms() -> str:
    from PySide6.QtCore import QLibraryInfo  # noqa: PLC0415 - Qt only when the test runs

    if not sys.platform.startswith("linux"):
        return "not checked on this system (its plugins have other names)"
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    missing = [name for name in PLATFORMS if not (folder / f"libq{name}.so").is_file()]
    if missing:
        raise QtPartMissingError(f"{folder} lacks the Qt platforms {', '.join(missing)}.")
    return ", ".join(PLATFORMS)


def _image_formats() -> str:
    from PySide6.QtGui import QIcon, QImageReader  # noqa: PLC0415 - Qt only when the test runs

    from ui import i18n  # noqa: PLC0415
    from ui.pdf_report import ensure_application  # noqa: PLC0415

    ensure_application()
    known = {bytes(name.data()).decode() for name in QImageReader.supportedImageFormats()}
    missing = [name for name in IMAGE_FORMATS if name not in known]
    if missing:
        raise QtPartMissingError(f"Qt cannot read the image formats {', '.join(missing)}.")
    icon = i18n.resource_dir() / "icons" / "evidence-vault.svg"
    if QIcon(str(icon)).pixmap(64, 64).isNull():
        raise QtPartMissingError(f"The app's icon {icon} does not draw.")
    return ", ".join(IMAGE_FORMATS) + " and the icon"


def _catalogs() -> str:
    from ui import i18n  # noqa: PLC0415 - Qt only when the test runs

    found = []
    for language in (name for name in i18n.LANGUAGES if name != "en"):
        if i18n.app_translator(language) is None:
            raise QtPartMissingError(f"The app's {language} catalog is missing.")
        for catalog in i18n.QT_CATALOGS:
            if i18n.qt_translator(language, catalog) is None:
                raise QtPartMissingError(f"Qt's {catalog} catalog for {language} is missing.")
        found.append(language)
    return f"the app's and Qt's for {', '.join(found)}"
