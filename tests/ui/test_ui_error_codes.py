# mypy: disable-error-code="no-untyped-call"
"""Every ``VaultError`` the core can raise has its own sentence, in all three languages.

The codes are discovered, not listed: every module under ``vault/`` is imported and the
subclasses of ``VaultError`` are walked, so a new error class without a sentence fails
here the day it is added.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import vault
from ui import errors, i18n
from vault.errors import VaultError

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("zh_CN", "zh_TW")

# Modules that cannot be imported on their own, each with the reason. Nothing else is skipped:
# any other module that fails to import fails the test.
NOT_IMPORTABLE = {
    "vault.db.migrations.env": "Alembic's env script: it runs only inside alembic's context.",
}

# Codes whose parent's sentence is the right one for the user, each with the reason.
PARENT_SENTENCE_IS_RIGHT: dict[str, str] = {}


def _import_all_of_vault() -> list[str]:
    def fail(name: str) -> None:
        raise ImportError(f"cannot import the package {name}")

    names = []
    for info in pkgutil.walk_packages(vault.__path__, "vault.", onerror=fail):
        if info.name in NOT_IMPORTABLE:
            continue
        importlib.import_module(info.name)
        names.append(info.name)
    return names


def _error_classes() -> list[type[VaultError]]:
    _import_all_of_vault()
    found: list[type[VaultError]] = [VaultError]
    pending = [VaultError]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub not in found:
                found.append(sub)
                pending.append(sub)
    return [cls for cls in found if cls.__module__.split(".")[0] == "vault"]


def _codes() -> dict[str, str]:
    """Each distinct code and the class that defines it."""
    codes: dict[str, str] = {}
    for cls in _error_classes():
        if "code" in vars(cls):
            codes.setdefault(cls.code, f"{cls.__module__}.{cls.__qualname__}")
    return codes


def _translations(lang: str) -> dict[str, str | None]:
    """Source sentence -> its finished translation (None: unfinished), context Errors."""
    path = ROOT / "resources" / "translations" / f"evidence_vault_{lang}.ts"
    result: dict[str, str | None] = {}
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314 - our own file
        if context.findtext("name") != "Errors":
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            text = "".join(translation.itertext()).strip()
            finished = translation.get("type") not in {"unfinished", "obsolete", "vanished"}
            result[message.findtext("source", "")] = text if finished and text else None
    return result


def test_the_whole_core_imports_without_qt() -> None:
    script = (
        "import importlib, pkgutil, sys, vault\n"
        f"skip = {sorted(NOT_IMPORTABLE)!r}\n"
        "for info in pkgutil.walk_packages(vault.__path__, 'vault.'):\n"
        "    if info.name not in skip:\n"
        "        importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6'}))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]", f"vault/ pulled in Qt: {run.stdout}"


def test_discovery_reaches_every_package() -> None:
    modules = _import_all_of_vault()
    assert {"vault.sshsig", "vault.bundle.zipsafe", "vault.cli", "vault.rfc3161.errors"} <= set(
        modules
    )
    codes = _codes()
    # codes from modules a hand-written list of modules once missed
    assert {"signature_bad", "bundle_hostile_zip", "checkpoint_inconsistent"} <= set(codes)
    assert len(codes) > 60, sorted(codes)


def test_every_code_has_its_own_sentence() -> None:
    codes = _codes()
    missing = sorted(
        f"{code} ({where})"
        for code, where in codes.items()
        if code not in errors.known_codes() and code not in PARENT_SENTENCE_IS_RIGHT
    )
    assert not missing, f"add a translated sentence to ui/errors.py for: {missing}"
    unused = sorted(errors.known_codes() - set(codes))
    assert not unused, f"ui/errors.py has sentences for codes no error class has: {unused}"
    assert not set(PARENT_SENTENCE_IS_RIGHT) & errors.known_codes()


def test_each_error_class_gets_the_sentence_of_its_own_code() -> None:
    table = errors._messages()
    for cls in _error_classes():
        if cls.code in table:
            assert errors.message_for(cls.__new__(cls)) == table[cls.code], cls


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_sentence_is_translated(lang: str) -> None:
    translated = _translations(lang)
    english = errors._messages()
    untranslated = sorted(code for code, source in english.items() if not translated.get(source))
    assert not untranslated, (
        f"no finished {lang} translation for: {untranslated}; "
        "run tools/build_translations --update and translate them"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_built_translation_shows_every_sentence(lang: str, qapp: QApplication) -> None:
    qm = ROOT / "resources" / "translations" / f"evidence_vault_{lang}.qm"
    if not qm.exists():
        pytest.fail("the .qm files are missing; run tools/build_translations (tools/setup does)")
    english = errors._messages()
    i18n.install(lang)
    try:
        shown = errors._messages()
    finally:
        i18n.install("en")
    expected = _translations(lang)
    wrong = sorted(code for code, source in english.items() if shown[code] != expected.get(source))
    assert not wrong, f"the {lang} .qm is older than the .ts: run tools/build_translations"


# Every way the import refuses a file: each has its own code, so the window can say in
# the user's language what the file was and why it was not kept.
IMPORT_REFUSALS = {
    "symlink_refused",
    "fifo_refused",
    "device_refused",
    "socket_refused",
    "folder_refused",
    "not_regular_file",
    "file_replaced",
    "empty_file",
    "capture_unreadable",
    "import_unreadable",
    "import_missing",
    "import_write_refused",
}


def test_every_import_refusal_is_discovered_and_has_a_sentence() -> None:
    missing = IMPORT_REFUSALS - set(_codes())
    assert not missing, missing
    assert not IMPORT_REFUSALS - errors.known_codes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_import_refusal_reads_in_chinese(lang: str, qapp: QApplication) -> None:
    english = {code: errors.sentence_for(code) for code in IMPORT_REFUSALS}
    i18n.install(lang)
    try:
        shown = {code: errors.sentence_for(code) for code in IMPORT_REFUSALS}
    finally:
        i18n.install("en")
    same = sorted(code for code in IMPORT_REFUSALS if shown[code] == english[code])
    assert not same, f"{lang} shows English for: {same}"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in str(text)) for text in shown.values())


def test_a_code_without_a_sentence_has_none() -> None:
    assert errors.sentence_for("no_such_code") is None
    assert errors.sentence_for(None) is None
