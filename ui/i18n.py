"""Qt translators: the app's own .qm files plus Qt's, following the system locale."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

logger = logging.getLogger(__name__)

LANGUAGES = ("en", "zh_CN", "zh_TW")
_installed: list[QTranslator] = []
# Qt's own texts: file dialogs ("Look in:", "Files of type:"), OK/Cancel, the player
QT_CATALOGS = ("qtbase", "qtmultimedia")


def resource_dir() -> Path:
    """``resources/`` from a source checkout, or beside the frozen app (PyInstaller)."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def translations_dir() -> Path:
    return resource_dir() / "translations"


def choose_language(setting: str, system: QLocale | None = None) -> str:
    """The setting when given; else the system locale, Traditional for TW/HK/MO."""
    if setting in LANGUAGES:
        return setting
    locale = system or QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        traditional = (
            locale.script() == QLocale.Script.TraditionalChineseScript
            or locale.territory()
            in {
                QLocale.Country.Taiwan,
                QLocale.Country.HongKong,
                QLocale.Country.Macau,
            }
        )
        return "zh_TW" if traditional else "zh_CN"
    return "en"


def install(language: str) -> str:
    """Replace the installed translators with those for ``language``; returns it."""
    app = QCoreApplication.instance()
    if app is None:
        return language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return language
    ours = app_translator(language)
    if ours is not None:
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        logger.warning("No compiled translation for %s; run tools/build_translations.", language)
    for catalog in QT_CATALOGS:
        qt = qt_translator(language, catalog)
        if qt is not None:
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            logger.warning("Qt's %s translation for %s is missing: its dialogs stay English.",
                           catalog, language)  # fmt: skip
    return language


def current_language() -> str:
    """The language the window is shown in: that of the default locale, which
    :func:`install` sets (before it runs, the system's, as :func:`choose_language` reads it)."""
    return choose_language("", QLocale())


def app_translator(language: str) -> QTranslator | None:
    """The app's own catalog for ``language``, loaded; None when it is missing."""
    ours = QTranslator(QCoreApplication.instance())
    return ours if ours.load(f"evidence_vault_{language}", str(translations_dir())) else None


def qt_translator(language: str, catalog: str) -> QTranslator | None:
    """Qt's ``catalog`` (``qtbase``, ``qtmultimedia``) for ``language``; None when missing."""
    qt = QTranslator(QCoreApplication.instance())
    found = any(
        qt.load(QLocale(language), catalog, "_", str(folder)) for folder in qt_translation_dirs()
    )
    return qt if found else None


def qt_translation_dirs() -> list[Path]:
    """Where Qt's own catalogs are: those of the Qt in use, then copies shipped with ours
    (a frozen build carries them in resources/translations, see build.spec)."""
    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), translations_dir()]
