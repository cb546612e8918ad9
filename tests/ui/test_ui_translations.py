# mypy: disable-error-code="no-untyped-call"
"""Translations are complete and current, and no text is clipped in a longer language."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ui import i18n
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.views.complaints import ComplaintDialog
from vault.handle import create_vault
from vault.importing import import_paths
from vault.lenders import add_lender

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
LANGUAGES = ("zh_CN", "zh_TW")


def _ts(lang: str) -> Path:
    return ROOT / "resources" / "translations" / f"evidence_vault_{lang}.ts"


def _messages(path: Path) -> dict[tuple[str, str], str | None]:
    result: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314 - our own file
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            kind = translation.get("type")
            text = "".join(translation.itertext()).strip() or None
            key = (name, message.findtext("source", ""))
            result[key] = None if kind in {"unfinished", "obsolete", "vanished"} else text
    return result


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_is_complete_and_matches_the_code(lang: str, tmp_path: Path) -> None:
    if not (BIN / "pyside6-lupdate").exists():
        pytest.fail("pyside6-lupdate is not installed; run tools/setup")
    fresh = tmp_path / _ts(lang).name
    shutil.copy(_ts(lang), fresh)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    committed, current = _messages(_ts(lang)), _messages(fresh)
    stale = sorted(set(committed) - set(current))
    new = sorted(set(current) - set(committed))
    assert not new, (
        f"strings in ui/ missing from {lang}: run tools/build_translations --update: {new}"
    )
    assert not stale, (
        f"{lang} has strings no longer in ui/: run tools/build_translations --update: {stale}"
    )
    unfinished = sorted(key for key, text in current.items() if not text)
    assert not unfinished, f"untranslated in {lang}: {unfinished}"
    for (context, source), text in current.items():
        for marker in re.findall(r"%\d|%n", source):
            assert text is not None and marker in text, (
                f"{lang} {context}: {source!r} lost {marker}"
            )


@pytest.mark.parametrize(
    ("system", "expected"),
    [("zh_CN", "zh_CN"), ("zh_HK", "zh_TW"), ("zh_Hant_TW", "zh_TW"), ("de_DE", "en")],
)
def test_language_follows_the_system_unless_set(system: str, expected: str) -> None:
    from PySide6.QtCore import QLocale  # noqa: PLC0415

    assert i18n.choose_language("", QLocale(system)) == expected
    assert i18n.choose_language("zh_TW", QLocale("en_US")) == "zh_TW"


def _pseudo_qm(tmp_path: Path) -> Path:
    """A pseudo-locale: every string a third longer and wider, markers kept."""
    tree = ET.parse(_ts("zh_CN"))  # noqa: S314 - our own file
    for message in tree.getroot().iter("message"):
        source = message.findtext("source", "")
        translation = message.find("translation")
        assert translation is not None
        padded = (
            "⟦"
            + source.translate(str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ"))
            + "·" * (len(source) // 3)
            + "⟧"
        )
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            ET.SubElement(translation, "numerusform").text = padded
            translation.text = None
        else:
            translation.text = padded
    ts = tmp_path / "pseudo.ts"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = tmp_path / "pseudo.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


@pytest.fixture
def pseudo_locale(tmp_path: Path) -> Iterator[None]:
    if not (BIN / "pyside6-lrelease").exists():
        pytest.fail("pyside6-lrelease is not installed; run tools/setup")
    translator = QTranslator()
    assert translator.load(str(_pseudo_qm(tmp_path)))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def _clipped(root: QWidget) -> list[str]:
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        text = widget.text()
        if not text:
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 1:
                problems.append(f"{text!r}: needs {needed}px height, has {widget.height()}")
        elif widget.minimumSizeHint().width() > widget.width() + 1:
            problems.append(
                f"{text!r}: needs {widget.minimumSizeHint().width()}px, has {widget.width()}"
            )
    return problems


@pytest.fixture(params=["pseudo", "zh_CN", "zh_TW"])
def any_locale(request: pytest.FixtureRequest) -> Iterator[str]:
    """The pseudo-locale and each real translation; yields a marker of its text."""
    if request.param == "pseudo":
        request.getfixturevalue("pseudo_locale")
        yield "⟦"
        return
    if not (ROOT / "resources" / "translations" / f"evidence_vault_{request.param}.qm").exists():
        pytest.fail("the .qm files are missing; run tools/build_translations (tools/setup does)")
    i18n.install(request.param)
    yield {"zh_CN": "创建", "zh_TW": "建立"}[request.param]
    i18n.install("en")


def test_no_text_is_clipped(
    qtbot: QtBot, settings: Settings, any_locale: str, tmp_path: Path
) -> None:
    window = MainWindow(settings, work_factor=10)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert any_locale in window.welcome.create_button.text(), "the translation is in use"
    problems: list[str] = []

    def check(name: str, widget: QWidget) -> None:
        QApplication.processEvents()
        problems.extend(f"{name}: {p}" for p in _clipped(widget))

    check("welcome", window)
    window.show_unlock(tmp_path / "vault")
    check("unlock", window)
    wizard = window.start_create()
    qtbot.waitExposed(wizard)
    check("wizard location", wizard)
    wizard.next()
    check("wizard passphrase", wizard)
    wizard.reject()
    vault, _ = create_vault(tmp_path / "vault", "x" * 24, work_factor=10)
    add_lender(vault, "美团借钱")
    note = tmp_path / "短信.txt"
    note.write_text("逾期通知", encoding="utf-8")
    import_paths(vault, [note], lender="美团借钱")
    window.opened(vault)
    view = window.vault_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.detail.sha256.text() != "")
    check("vault", window)
    view.detail.setCurrentIndex(1)
    check("item details", window)
    view.sidebar.list.setCurrentRow(1)
    view.middle_tabs.setCurrentWidget(view.case)
    qtbot.waitUntil(lambda: view.case.findings.topLevelItemCount() > 0)
    check("case", window)
    view.case.tabs.setCurrentWidget(view.case.complaints)
    check("complaints", window)
    view.case.tabs.setCurrentWidget(view.case.timeline)
    qtbot.waitUntil(lambda: view.case.timeline.model.rowCount() > 0)
    check("timeline", window)
    complaint = ComplaintDialog("美团借钱", None, window)
    complaint.show()
    qtbot.waitExposed(complaint)
    check("complaint", complaint)
    complaint.reject()
    view.middle_tabs.setCurrentIndex(0)
    settings_dialog = window.edit_settings()
    qtbot.waitExposed(settings_dialog)
    check("settings", settings_dialog)
    settings_dialog.reject()
    trusted = view.trusted_time()
    assert trusted is not None
    qtbot.waitExposed(trusted)
    qtbot.waitUntil(lambda: trusted.servers.count() > 0)
    check("trusted time", trusted)
    trusted.reject()
    export = view.export_bundle()
    assert export is not None
    qtbot.waitExposed(export)
    check("export", export)
    export.reject()
    window.lock()
    narrow = QPushButton("⟦Á vérý lóng búttón téxt·········⟧", window)
    narrow.setFixedWidth(20)
    narrow.show()
    assert _clipped(narrow), "the clipping check itself must notice cut-off text"
    assert not problems, "text is cut off:\n" + "\n".join(problems)


def test_compiled_chinese_shows_on_the_welcome(qtbot: QtBot, settings: Settings) -> None:
    qm = ROOT / "resources" / "translations" / "evidence_vault_zh_CN.qm"
    if not qm.exists():
        pytest.fail("the .qm files are missing; run tools/build_translations (tools/setup does)")
    i18n.install("zh_CN")
    try:
        window = MainWindow(settings, work_factor=10)
        qtbot.addWidget(window)
        assert window.welcome.create_button.text() == "创建新保险箱"
    finally:
        i18n.install("en")
