# mypy: disable-error-code="no-untyped-call"
"""The import summary says in the user's language why each file was not imported: the
window shows the sentence for the refusal's code, the core's English reason only for a
code it has no sentence for."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ui.ui_helpers import drop_files
from ui import i18n
from ui.dialogs import Script
from ui.main_window import MainWindow
from ui.views.import_dialog import summary_text
from vault.dto import ImportReport, ImportResult, ImportStatus
from vault.handle import create_vault
from vault.ingest import pipeline

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.timeout(60, method="thread")


@pytest.fixture
def zh_cn() -> Iterator[None]:
    if not (ROOT / "resources" / "translations" / "evidence_vault_zh_CN.qm").exists():
        pytest.fail("the .qm files are missing; run tools/build_translations (tools/setup does)")
    i18n.install("zh_CN")
    yield
    i18n.install("en")


def test_the_summary_says_in_chinese_why_each_file_was_refused(
    zh_cn: None,
    qtbot: QtBot,
    window: MainWindow,
    dialogs: Script,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)

    chosen = tmp_path / "chosen"
    chosen.mkdir()
    good = chosen / "IMG_20250301_120000.jpg"
    Image.new("RGB", (64, 64), (10, 200, 30)).save(good)
    fifo = chosen / "通话录音.m4a"
    os.mkfifo(fifo)
    link = chosen / "link.jpg"
    link.symlink_to(good)
    swapped = chosen / "swapped.png"
    Image.new("RGB", (8, 8), (200, 0, 0)).save(swapped)
    real_expand = pipeline.expand

    def expand_then_swap(paths: list[Path]) -> Iterator[Path]:
        # a folder now stands where the chosen file was: the user replaced it meanwhile
        listed = list(real_expand(paths))
        swapped.unlink()
        swapped.mkdir()
        yield from listed

    monkeypatch.setattr(pipeline, "expand", expand_then_swap)
    drop_files(window, [fifo, link, swapped, good], QPoint(600, 400))
    qtbot.waitUntil(lambda: bool(dialogs), timeout=15_000)
    text, details = dialogs[0]
    assert text == "已导入：1\n已在保险箱中：0\n未导入：3", text
    assert details.splitlines() == [
        "通话录音.m4a: 这是命名管道，不是文件：只能导入普通文件。",
        "link.jpg: 不导入符号链接。请选择文件本身。",
        "swapped.png: 这是文件夹，不是文件，因此没有导入。",
    ]


def test_an_unknown_code_falls_back_to_the_english_reason(
    zh_cn: None, qtbot: QtBot, window: MainWindow
) -> None:
    report = ImportReport(
        (
            ImportResult(Path("a.png"), ImportStatus.REFUSED, reason="Some new reason.", code="x"),
            ImportResult(Path("b.png"), ImportStatus.REFUSED, reason="The file is empty.", code="empty_file"),
            ImportResult(Path("c.png"), ImportStatus.REFUSED, reason="Without a code."),
        )
    )  # fmt: skip
    _, details = summary_text(window, report)
    assert details.splitlines() == [
        "a.png: Some new reason.",
        "b.png: 文件是空的。",
        "c.png: Without a code.",
    ]
