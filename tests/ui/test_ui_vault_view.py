# mypy: disable-error-code="no-untyped-call"
"""The open vault: import with progress and cancel, lenders, search and filters, viewers."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QInputDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ui.ui_helpers import answer_next_modal, drop_files, type_text, visible_texts
from ui import tasks
from ui.dialogs import Script
from ui.main_window import MainWindow
from ui.views.add_lender import AddLenderDialog
from ui.views.import_dialog import ImportDialog
from ui.views.note_dialog import NoteDialog
from ui.views.vault_view import VaultView
from vault.handle import create_vault
from vault.importing import import_paths
from vault.items import edit_item
from vault.lenders import add_lender
from vault.notes import list_notes


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> VaultView:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "度小满")
    add_lender(vault, "分期乐")
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.vault_view.sidebar.lenders()) == 2, timeout=10_000)
    return window.vault_view


def _select_lender(qtbot: QtBot, view: VaultView, name: str) -> None:
    items = view.sidebar.list.findItems(name, Qt.MatchFlag.MatchStartsWith)
    rect = view.sidebar.list.visualItemRect(items[0])
    qtbot.mouseClick(view.sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.sidebar.current() == name


def test_drop_on_the_window_imports_into_the_selected_lender_with_a_summary(
    qtbot: QtBot,
    window: MainWindow,
    view: VaultView,
    tmp_path: Path,
    dialogs: Script,
) -> None:
    _select_lender(qtbot, view, "分期乐")
    folder = tmp_path / "drop"
    folder.mkdir()
    Image.new("RGB", (64, 64), (10, 200, 30)).save(folder / "IMG_20250301_120000.jpg")
    (folder / "empty.m4a").write_bytes(b"")
    (folder / "call.txt").write_text("录音文字稿", encoding="utf-8")
    drop_files(window, [folder], QPoint(600, 400))
    qtbot.waitUntil(lambda: bool(dialogs), timeout=15_000)
    text, details = dialogs[0]
    assert "Imported: 2" in text and "Not imported: 1" in text
    assert "empty.m4a" in details and "empty" in details.lower(), "refusals say why"
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    qtbot.waitUntil(
        lambda: {lender.name: lender.item_count for lender in view.sidebar.lenders()}["分期乐"] == 2
    )
    drop_files(window, [folder], QPoint(600, 400))
    qtbot.waitUntil(lambda: len(dialogs) == 2, timeout=15_000)  # refused again: a box
    assert "Already in the vault: 2" in dialogs[1][0]
    assert not view.banner.isVisible(), "a summary with refusals is not also a banner"


def test_import_shows_progress_and_can_be_cancelled(
    qtbot: QtBot,
    window: MainWindow,
    view: VaultView,
    tmp_path: Path,
    dialogs: Script,
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(120):
        (folder / f"shot_{n:03d}.png").write_bytes(os.urandom(256 * 1024))
    view.import_paths([folder], "度小满")
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: "of 120" in dialog.labelText(), timeout=10_000)
    assert "MB/s" in dialog.labelText()
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs), timeout=20_000)
    assert "Cancelled before import:" in dialogs[0][0], dialogs[0][0]
    qtbot.waitUntil(lambda: 0 < view.model.rowCount() < 120)


def test_locking_during_an_import_stops_it_and_shows_nothing(
    qtbot: QtBot,
    window: MainWindow,
    view: VaultView,
    tmp_path: Path,
    dialogs: Script,
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(120):
        (folder / f"secret_{n:03d}.png").write_bytes(os.urandom(256 * 1024))
    view.import_paths([folder], "度小满")
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: "of 120" in dialog.labelText(), timeout=10_000)
    window.lock()
    qtbot.waitUntil(tasks.worker().idle, timeout=20_000)
    qtbot.wait(50)
    assert not dialogs, f"nothing may pop up after locking: {dialogs}"
    assert not any("secret_" in text for text in visible_texts())


def test_add_and_rename_lenders(qtbot: QtBot, view: VaultView, dialogs: Script) -> None:
    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("度小满金融")
        dialog.accept()

    _select_lender(qtbot, view, "度小满")
    answer_next_modal(rename)
    qtbot.mouseClick(view.sidebar.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.sidebar.current() == "度小满金融")

    def duplicate(dialog: QWidget) -> None:
        assert isinstance(dialog, AddLenderDialog)
        dialog.name.setCurrentText("分期乐")
        dialog.accept()

    answer_next_modal(duplicate)
    qtbot.mouseClick(view.sidebar.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs))
    assert dialogs[0][0] == "A lender with this name already exists."


def test_search_and_filters_narrow_the_table(qtbot: QtBot, view: VaultView, tmp_path: Path) -> None:
    vault = view.vault
    assert vault is not None
    files = []
    for n, text in enumerate(("第一条", "第二条", "第三条")):
        path = tmp_path / f"sms_{n}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    image = tmp_path / "Screenshot_20250314-102000.png"
    Image.new("RGB", (32, 32)).save(image)
    files.append(image)
    report = import_paths(vault, files, lender="度小满")
    first = report.results[0].item_id
    assert first is not None
    edit_item(vault, first, {"title": "威胁联系单位", "categories": ["threats"]})
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    type_text(view.filters.search, "联系单位")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=3000)
    assert view.model.item_at(0).id == first  # type: ignore[union-attr]
    view.filters.search.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=3000)
    view.filters.kind.setCurrentIndex(view.filters.kind.findData("screenshot"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.filters.kind.setCurrentIndex(0)
    view.filters.category.setCurrentIndex(view.filters.category.findData("threats"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.filters.category.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by title
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    titles = [view.model.item_at(r).title or view.model.item_at(r).original_name for r in range(4)]  # type: ignore[union-attr]
    assert titles == sorted(titles)


def test_image_zoom_and_pdf_preview(qtbot: QtBot, view: VaultView, tmp_path: Path) -> None:
    vault = view.vault
    assert vault is not None
    photo = tmp_path / "IMG_20250301_120000.jpg"
    Image.new("RGB", (1600, 1200), (200, 40, 40)).save(photo)
    pdf = tmp_path / "律师函.pdf"
    writer = QPdfWriter(str(pdf))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(100, 100, "Fake lawyer's letter")
    painter.end()
    import_paths(vault, [photo, pdf], lender="度小满")
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    kinds = [view.model.item_at(r).media_type for r in range(2)]  # type: ignore[union-attr]
    view.table.selectRow(kinds.index("image/jpeg"))
    preview = view.detail.preview
    qtbot.waitUntil(lambda: preview.currentWidget() is preview.image, timeout=5000)
    before = preview.image.zoom()
    qtbot.mouseClick(preview.image.zoom_in, Qt.MouseButton.LeftButton)
    assert preview.image.zoom() == pytest.approx(before * 1.25)
    view.table.selectRow(kinds.index("application/pdf"))
    qtbot.waitUntil(lambda: preview.pdf_document is not None, timeout=5000)
    qtbot.waitUntil(lambda: preview.pdf_document.pageCount() == 1, timeout=5000)  # type: ignore[union-attr]


def test_write_a_note_with_the_time_it_happened(qtbot: QtBot, view: VaultView) -> None:
    _select_lender(qtbot, view, "度小满")

    def write(dialog: QWidget) -> None:
        assert isinstance(dialog, NoteDialog)
        type_text(dialog.text, "两名男子到公司前台找我")
        dialog.save_button.click()

    answer_next_modal(write)
    qtbot.mouseClick(view.note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.notes.count() == 1)
    assert "公司前台" in view.notes.item(0).text()


def test_a_note_written_beside_an_item_can_be_about_it(
    qtbot: QtBot, view: VaultView, tmp_path: Path
) -> None:
    vault = view.vault
    assert vault is not None
    shot = tmp_path / "Screenshot_2024-03-02-10-30-00.png"
    Image.new("RGB", (120, 240), (250, 250, 250)).save(shot)
    import_paths(vault, [shot], lender="度小满")
    _select_lender(qtbot, view, "度小满")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.detail.item is not None)
    item_id = view.detail.item.id  # type: ignore[union-attr]
    seen: list[bool] = []

    def write(dialog: QWidget) -> None:
        assert isinstance(dialog, NoteDialog)
        seen.append(dialog.about_item.isVisible() and not dialog.about_item.isChecked())
        assert shot.name in dialog.about_item.text()
        type_text(dialog.text, "截图里的号码是催收员的私人号码")
        dialog.about_item.click()
        dialog.save_button.click()

    answer_next_modal(write)
    qtbot.mouseClick(view.note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.notes.count() == 1)
    assert seen == [True], "offered, not ticked for the user"
    assert [n.item_id for n in list_notes(vault, "度小满")] == [item_id]


def test_edit_the_time_it_happened_in_the_vaults_zone(
    qtbot: QtBot, view: VaultView, tmp_path: Path
) -> None:
    vault = view.vault
    assert vault is not None
    path = tmp_path / "visit.txt"
    path.write_text("上门", encoding="utf-8")
    import_paths(vault, [path], lender="度小满")
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    detail = view.detail
    qtbot.waitUntil(lambda: detail.item is not None)
    detail.setCurrentIndex(1)
    detail.incident.setDateTime(QDateTime(QDate(2025, 3, 1), QTime(9, 30)))
    detail.categories["home_visit"].click()  # saved a moment later, with the time
    qtbot.waitUntil(lambda: view.model.item_at(0).incident_at is not None)  # type: ignore[union-attr]
    item = view.model.item_at(0)
    assert item is not None
    assert item.incident_at == datetime(2025, 3, 1, 1, 30, tzinfo=UTC), "09:30 in Shanghai"
    assert item.categories == ("home_visit",)
    assert detail.incident.dateTime().time() == QTime(9, 30), "shown again as the user typed it"
