# mypy: disable-error-code="no-untyped-call"
"""The window's smaller defects (issue 13): edits kept, dates typed, numbers at creation…"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QDate, QDateTime, QFileInfo, Qt, QTime
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtMultimedia import QAudioDevice
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ui.ui_helpers import answer_next_modal, type_text
from ui import i18n, tasks
from ui.dialogs import Script
from ui.main_window import MainWindow
from ui.qt_gaps import qt_gaps
from ui.viewers import media_player
from ui.views.add_lender import AddLenderDialog
from ui.views.date_field import DateTimeField
from ui.views.timeline_view import TEXT_SHOWN, TimelineModel
from ui.views.vault_view import VaultView
from ui.views.wrap import WrapDelegate
from vault.dto import TimelineEntry
from vault.handle import create_vault, unlock_vault
from vault.importing import import_paths
from vault.items import edit_item, get_item
from vault.lenders import add_lender
from vault.notes import add_note


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> VaultView:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "度小满")
    add_lender(vault, "分期乐")
    files = []
    for n, text in enumerate(("第一条", "第二条")):
        path = tmp_path / f"sms_{n}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    import_paths(vault, files, lender="度小满")
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.vault_view.sidebar.lenders()) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: window.vault_view.model.rowCount() == 2, timeout=10_000)
    return window.vault_view


def _edit_shown(qtbot: QtBot, view: VaultView, row: int, purpose: str) -> str:
    view.table.selectRow(row)
    item = view.model.item_at(row)
    assert item is not None
    qtbot.waitUntil(lambda: view.detail.item is not None and view.detail.item.id == item.id)
    view.detail.setCurrentIndex(1)
    view.detail.categories["threats"].click()
    type_text(view.detail.purpose, purpose)
    return item.id


def _stored(path: Path, item_id: str) -> tuple[tuple[str, ...], str | None]:
    vault = unlock_vault(path, PASSPHRASE)
    try:
        item = get_item(vault, item_id)
        return item.categories, item.purpose
    finally:
        vault.lock()


def test_edits_are_saved_when_another_row_is_selected(qtbot: QtBot, view: VaultView) -> None:
    item_id = _edit_shown(qtbot, view, 0, "催收威胁上门")
    view.table.selectRow(1)  # no click on "Save changes"
    qtbot.waitUntil(lambda: view.status.text() == view.tr("Saved."), timeout=5000)
    row = view.model.row_of(item_id)
    saved = view.model.item_at(row)
    assert saved is not None
    assert saved.categories == ("threats",) and saved.purpose == "催收威胁上门"
    view.table.selectRow(row)
    qtbot.waitUntil(lambda: view.detail.item is not None and view.detail.item.id == item_id)
    assert view.detail.categories["threats"].isChecked()
    assert view.detail.purpose.toPlainText() == "催收威胁上门"


def test_edits_are_saved_when_the_lender_changes(qtbot: QtBot, view: VaultView) -> None:
    item_id = _edit_shown(qtbot, view, 0, "换平台前写的")
    items = view.sidebar.list.findItems("分期乐", Qt.MatchFlag.MatchStartsWith)
    view.sidebar.list.setCurrentItem(items[0])
    qtbot.waitUntil(lambda: view.model.rowCount() == 0 and view.detail.item is None)
    window = view.window()
    assert isinstance(window, MainWindow) and window.vault is not None
    path = window.vault.info.path
    window.lock()
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
    assert _stored(path, item_id) == (("threats",), "换平台前写的")


def test_edits_are_saved_when_the_vault_is_locked(qtbot: QtBot, view: VaultView) -> None:
    item_id = _edit_shown(qtbot, view, 1, "锁定前写的")
    window = view.window()
    assert isinstance(window, MainWindow) and window.vault is not None
    path = window.vault.info.path
    window.close()  # closing locks
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
    assert window.vault is None
    assert _stored(path, item_id) == (("threats",), "锁定前写的")


def test_a_date_being_typed_is_kept_when_the_vault_locks(qtbot: QtBot, view: VaultView) -> None:
    view.table.selectRow(0)
    item = view.model.item_at(0)
    assert item is not None
    qtbot.waitUntil(lambda: view.detail.item is not None)
    view.detail.setCurrentIndex(1)
    field = view.detail.incident
    field.setFocus()
    qtbot.keyClicks(field, "2025-03-01 09:30")  # no Enter: the idle lock comes first
    window = view.window()
    assert isinstance(window, MainWindow) and window.vault is not None
    path = window.vault.info.path
    window.idle.idle.emit()  # what the idle timer does
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
    assert window.vault is None
    vault = unlock_vault(path, PASSPHRASE)
    try:
        incident = get_item(vault, item.id).incident_at
    finally:
        vault.lock()
    assert incident == datetime(2025, 3, 1, 1, 30, tzinfo=UTC), "09:30 in Shanghai"


def test_nothing_is_saved_when_nothing_changed(qtbot: QtBot, view: VaultView) -> None:
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.detail.item is not None)
    assert view.detail.unsaved_changes() == {}
    view.table.selectRow(1)
    qtbot.wait(100)
    assert view.status.text() != view.tr("Saved.")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("2025-03-01 09:30", "2025-03-01 09:30"),
        ("2025/3/1 9:05", "2025-03-01 09:05"),
        ("20250301", "2025-03-01 14:45"),  # no time typed: the time shown stays
        ("2025-02-30 10:00", "2024-06-01 14:45"),  # no such day: the date shown stays
        ("next tuesday", "2024-06-01 14:45"),
    ],
)
def test_a_date_typed_into_the_field_takes(qtbot: QtBot, typed: str, shown: str) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    field = DateTimeField(QDateTime(QDate(2024, 6, 1), QTime(14, 45)), page)
    other = QLineEdit(page)
    layout = QVBoxLayout(page)
    layout.addWidget(field)
    layout.addWidget(other)
    page.show()
    qtbot.waitExposed(page)
    qtbot.mouseClick(field.lineEdit(), Qt.MouseButton.LeftButton)  # the cursor lands in a section
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == shown
    assert field.dateTime().toString("yyyy-MM-dd HH:mm") == shown
    qtbot.keyClick(field, Qt.Key.Key_Up)  # the arrow keys still step a section
    assert field.text() != shown


def test_dates_typed_in_chinese_and_taken_on_leaving_the_field(
    qtbot: QtBot, view: VaultView
) -> None:
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.detail.item is not None)
    view.detail.setCurrentIndex(1)
    field = view.detail.incident
    field.setFocus()
    field.lineEdit().selectAll()
    type_text(field.lineEdit(), "2025年3月1日 9点30")  # what an input method commits
    view.detail.title.setFocus()
    qtbot.waitUntil(lambda: field.text() == "2025-03-01 09:30")
    for edit in (view.filters.since, view.filters.until):
        edit.setFocus()
        qtbot.keyClicks(edit, "2025-03-0" + ("1" if edit is view.filters.since else "9"))
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert view.filters.since.date().toString("yyyy-MM-dd") == "2025-03-01"
    assert view.filters.until.date().toString("yyyy-MM-dd") == "2025-03-09"


def test_the_collectors_numbers_are_entered_with_the_lender(
    qtbot: QtBot, view: VaultView, dialogs: Script
) -> None:
    seen: list[tuple[bool, str]] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AddLenderDialog)
        dialog.name.setCurrentText("洋钱罐")
        qtbot.keyClicks(dialog.numbers, "138 0013 8000, 95188x")
        seen.append((dialog.ok_button.isEnabled(), dialog.problem.text()))
        qtbot.keyClick(dialog.numbers, Qt.Key.Key_Backspace)
        seen.append((dialog.ok_button.isEnabled(), dialog.problem.text()))
        qtbot.keyClick(dialog.numbers, Qt.Key.Key_Return)

    answer_next_modal(fill)
    qtbot.mouseClick(view.sidebar.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.sidebar.current() == "洋钱罐", timeout=5000)
    assert seen[0][0] is False and "95188x" in seen[0][1], "a wrong number is named, OK waits"
    assert seen[1] == (True, seen[1][1]) and not dialogs
    lender = next(dto for dto in view.sidebar.lenders() if dto.name == "洋钱罐")
    assert set(lender.numbers) == {"13800138000", "95188"}
    qtbot.waitUntil(lambda: "13800138000" in view.case.numbers.text(), timeout=5000)


def test_a_platform_named_on_the_empty_screen_leaves_only_the_numbers_to_write(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    vault, _ = create_vault(tmp_path / "empty", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    vault.lock()
    window.show_unlock(tmp_path / "empty")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    view = window.vault_view
    hint = view.empty_hint
    qtbot.waitUntil(hint.isVisible, timeout=10_000)
    names = [b.text() for b in hint.platform_buttons if b.isVisible()]
    assert "度小满" in names and len(names) == 12, names
    seen: list[tuple[str, bool]] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AddLenderDialog)
        seen.append((dialog.lender_name(), dialog.focusWidget() is dialog.numbers))
        qtbot.keyClicks(dialog.numbers, "95055")
        qtbot.keyClick(dialog.numbers, Qt.Key.Key_Return)

    answer_next_modal(fill)
    pick = next(b for b in hint.platform_buttons if b.text() == "度小满")
    qtbot.mouseClick(pick, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.sidebar.current() == "度小满", timeout=5000)
    assert seen == [("度小满", True)], "the platform clicked, the numbers field waiting"
    assert view.sidebar.lenders()[0].numbers == ("95055",)
    assert not any(b.isVisible() for b in hint.platform_buttons), "a lender now: import next"


def test_a_lender_without_numbers_is_still_added(qtbot: QtBot, view: VaultView) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AddLenderDialog)
        assert dialog.ok_button.isEnabled(), "a platform is offered first"
        dialog.name.setCurrentText("")
        assert not dialog.ok_button.isEnabled(), "a lender needs a name"
        dialog.name.setCurrentText("  好分期 ")
        dialog.accept()

    answer_next_modal(fill)
    qtbot.mouseClick(view.sidebar.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.sidebar.current() == "好分期", timeout=5000)


def test_an_empty_main_screen_says_what_to_do_first(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    vault, _ = create_vault(tmp_path / "empty", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    vault.lock()
    window.show_unlock(tmp_path / "empty")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    view = window.vault_view
    hint = view.empty_hint
    qtbot.waitUntil(hint.isVisible, timeout=10_000)
    assert "adding the lending platform" in hint.text.text()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AddLenderDialog)
        dialog.name.setCurrentText("安逸花")
        dialog.accept()

    answer_next_modal(fill)
    qtbot.mouseClick(hint.button, Qt.MouseButton.LeftButton)  # the hint's own button
    qtbot.waitUntil(lambda: view.sidebar.current() == "安逸花", timeout=5000)
    assert hint.isVisible() and "No evidence here yet" in hint.text.text()
    assert hint.button.text() == view.import_button.text()
    opened = window.vault
    assert opened is not None
    path = tmp_path / "sms.txt"
    path.write_text("催收短信", encoding="utf-8")
    view.import_paths([path], "安逸花")
    qtbot.waitUntil(lambda: view.table.isVisible() and view.model.rowCount() == 1, timeout=10_000)
    assert not hint.isVisible()


ROOT = Path(__file__).resolve().parents[2]
PRODUCT = {"zh_CN": "证据保险箱", "zh_TW": "證據保險箱", "en": "Evidence Vault"}


@pytest.mark.parametrize(
    ("language", "look_in", "file_type"),
    [("zh_CN", "查找范围(&L)：", "文件类型(&T)："), ("zh_TW", "尋找於(&L)：", "檔案類型(&T)：")],
)
def test_qts_own_file_dialog_speaks_the_users_language(
    qtbot: QtBot, language: str, look_in: str, file_type: str
) -> None:
    i18n.install(language)
    try:
        dialog = QFileDialog(None, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, where no native
        qtbot.addWidget(dialog)
        dialog.show()
        texts = {label.text() for label in dialog.findChildren(QLabel) if label.isVisible()}
        assert look_in in texts and file_type in texts, texts
        assert all(not text.isascii() for text in texts), texts
        assert all(not text.isascii() for text in qt_gaps())
        folder = QAbstractFileIconProvider().type(QFileInfo(str(ROOT)))
        assert folder in {"文件夹", "資料夾"}, "the Type column of a folder"
    finally:
        i18n.install("en")


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW", "en"])
def test_the_title_bar_has_no_english_folder_name(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, language: str
) -> None:
    i18n.install(language)
    try:
        for folder, title in (
            ("vault", PRODUCT[language]),  # the default folder: its name is English
            ("家里的证据", f"{PRODUCT[language]} — 家里的证据"),
        ):
            vault, _ = create_vault(tmp_path / folder, PASSPHRASE, work_factor=FAST_WORK_FACTOR)
            window.opened(vault)
            assert window.windowTitle() == title
            window.lock()
            qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
        assert window.windowTitle() == PRODUCT[language]
    finally:
        i18n.install("en")


def test_one_product_name_in_each_language() -> None:
    """证据保险箱 / 證據保險箱 / Evidence Vault: in the window, the bundle's README and
    report, the README and the desktop file; the vault itself is a 保险箱 too."""
    others = ("保险库", "保管箱", "保險庫", "證據保管")
    places = [
        ROOT / "resources" / "translations" / "evidence_vault_zh_CN.ts",
        ROOT / "resources" / "translations" / "evidence_vault_zh_TW.ts",
        ROOT / "resources" / "evidence-vault.desktop",
        ROOT / "README.md",
        *sorted((ROOT / "vault" / "bundle").rglob("*.py")),
        *sorted((ROOT / "ui").rglob("*.py")),
    ]
    found = [
        f"{path.relative_to(ROOT)}: {word}"
        for path in places
        for word in others
        if word in path.read_text(encoding="utf-8")
    ]
    assert not found, found
    desktop = (ROOT / "resources" / "evidence-vault.desktop").read_text(encoding="utf-8")
    for language, name in PRODUCT.items():
        key = "Name" if language == "en" else f"Name[{language}]"
        assert f"{key}={name}\n" in desktop
    for language in ("zh_CN", "zh_TW"):
        ts = (ROOT / "resources" / "translations" / f"evidence_vault_{language}.ts").read_text(
            encoding="utf-8"
        )
        assert f"<source>Evidence Vault</source>\n        <translation>{PRODUCT[language]}<" in ts


LONG_NOTE = "下午三点两名男子到小区门口，自称外访人员，" * 12


def test_long_texts_are_whole_in_the_lists_and_on_hover(qtbot: QtBot, view: VaultView) -> None:
    vault = view.vault
    assert vault is not None
    first = view.model.item_at(0)
    assert first is not None
    edit_item(vault, first.id, {"title": "催收" * 40, "purpose": "证明催收人员威胁联系单位"})
    add_note(vault, "度小满", LONG_NOTE)
    items = view.sidebar.list.findItems("度小满", Qt.MatchFlag.MatchStartsWith)
    view.sidebar.list.setCurrentItem(items[0])
    view.refresh()
    qtbot.waitUntil(lambda: view.notes.count() == 1, timeout=5000)

    def retitled() -> bool:
        item = view.model.item_at(view.model.row_of(first.id))
        return item is not None and item.title == "催收" * 40

    qtbot.waitUntil(retitled, timeout=5000)
    row = view.model.row_of(first.id)
    tip = view.model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.split("\n") == ["催收" * 40, first.original_name, "证明催收人员威胁联系单位"]
    view.middle_tabs.setCurrentIndex(1)
    note = view.notes.item(0)
    qtbot.waitUntil(lambda: view.notes.visualItemRect(note).height() > 0)
    line = view.notes.fontMetrics().height()
    assert view.notes.visualItemRect(note).height() >= 4 * line, "a long note wraps"
    assert view.notes.visualItemRect(note).width() <= view.notes.viewport().width()
    assert note.toolTip() == LONG_NOTE


def test_a_long_rule_and_its_source_wrap_in_their_row(qtbot: QtBot, view: VaultView) -> None:
    findings = view.case.findings
    assert isinstance(findings.itemDelegate(), WrapDelegate)
    findings.clear()
    rule = "未经债务人同意，严禁在每日22:00至次日08:00进行电话催收、外访催收及其他催收。"
    source = "中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》，2026-01-30 起施行"
    findings.addTopLevelItem(QTreeWidgetItem([rule, "14 天", "480", source]))
    view.middle_tabs.setCurrentWidget(view.case)
    view.case.tabs.setCurrentWidget(findings)
    qtbot.waitUntil(findings.isVisible)
    row = findings.topLevelItem(0)
    assert row is not None
    line = findings.fontMetrics().height()
    qtbot.waitUntil(lambda: findings.visualItemRect(row).height() >= 2 * line, timeout=3000)
    fm = findings.fontMetrics()
    assert fm.horizontalAdvance(source) > findings.header().sectionSize(3), "it would not fit"
    days = findings.header().sectionSize(1)
    assert days >= fm.horizontalAdvance("14 天"), "a short column stays one line, whole"


def test_the_timeline_shows_a_cut_off_text_whole_on_hover() -> None:
    text = "你再不还钱我们就去你单位" * 20
    entry = TimelineEntry(
        at=datetime(2025, 3, 1, 2, 0, tzinfo=UTC), offset_min=480, time_source="device",
        source="event", kind="sms", lender="度小满", ref="e1", item_id=None,
        number="10690000", direction="in", text=text,
    )  # fmt: skip
    model = TimelineModel()
    model.set_entries([entry])
    shown = model.index(0, 3).data(Qt.ItemDataRole.DisplayRole)
    assert len(shown) == TEXT_SHOWN and shown.endswith("…")
    assert model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == text
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)


def _import_photo(qtbot: QtBot, view: VaultView, tmp_path: Path) -> int:
    vault = view.vault
    assert vault is not None
    photo = tmp_path / "IMG_20250301_120000.jpg"
    Image.new("RGB", (1600, 1200), (200, 40, 40)).save(photo)
    import_paths(vault, [photo], lender="度小满")
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)
    kinds = [view.model.item_at(r).media_type for r in range(3)]  # type: ignore[union-attr]
    return kinds.index("image/jpeg")


def test_the_item_pane_is_empty_beside_the_notes_and_the_case(
    qtbot: QtBot, view: VaultView, tmp_path: Path
) -> None:
    row = _import_photo(qtbot, view, tmp_path)
    view.table.selectRow(row)
    preview = view.detail.preview
    qtbot.waitUntil(lambda: preview.currentWidget() is preview.image, timeout=5000)
    for tab in (view.notes, view.case):
        view.middle_tabs.setCurrentWidget(tab)
        assert view.detail.item is None and preview.currentWidget() is preview.message
        view.middle_tabs.setCurrentWidget(view.evidence)
        qtbot.waitUntil(lambda: preview.currentWidget() is preview.image, timeout=5000)
        assert view.detail.item is not None and view.detail.item.media_type == "image/jpeg"


def test_an_image_chosen_behind_the_details_tab_opens_whole(
    qtbot: QtBot, view: VaultView, tmp_path: Path
) -> None:
    row = _import_photo(qtbot, view, tmp_path)
    view.detail.setCurrentIndex(1)  # 详情 in front
    view.table.selectRow(row)
    image = view.detail.preview.image
    qtbot.waitUntil(lambda: view.detail.preview.currentWidget() is image, timeout=5000)
    qtbot.wait(50)
    view.detail.setCurrentIndex(0)
    qtbot.waitUntil(image.view.isVisible)
    qtbot.wait(50)  # the layout settles
    viewport = image.view.viewport().rect()
    shown = image.view.mapFromScene(image.view.sceneRect()).boundingRect()
    assert viewport.adjusted(-2, -2, 2, 2).contains(shown), (viewport, shown)
    assert shown.width() >= viewport.width() * 0.9 or shown.height() >= viewport.height() * 0.9
    view.detail.resize(view.detail.width() - 120, view.detail.height())
    qtbot.wait(50)
    viewport = image.view.viewport().rect()
    shown = image.view.mapFromScene(image.view.sceneRect()).boundingRect()
    assert viewport.adjusted(-2, -2, 2, 2).contains(shown), "still whole after a resize"
    before = image.zoom()
    qtbot.mouseClick(image.zoom_in, Qt.MouseButton.LeftButton)
    view.detail.resize(view.detail.width() + 60, view.detail.height())
    qtbot.wait(50)
    assert image.zoom() == pytest.approx(before * 1.25), "the user's zoom is kept"


def test_no_sound_device_is_said_in_one_sentence(
    qtbot: QtBot, view: VaultView, media_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = view.vault
    assert vault is not None
    recording = next(media_dir.glob("*.m4a"))
    import_paths(vault, [recording], lender="度小满")
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)
    kinds = [view.model.item_at(r).kind for r in range(3)]  # type: ignore[union-attr]
    view.table.selectRow(kinds.index("recording"))
    preview = view.detail.preview
    qtbot.waitUntil(lambda: preview.currentWidget() is preview.media, timeout=10_000)
    media = preview.media
    has_sound = bool(media_player.audio_outputs())
    assert media.no_sound.isVisible() is not has_sound
    monkeypatch.setattr(media_player, "audio_outputs", lambda: [])  # unplugged
    media._check_sound()
    assert media.no_sound.isVisible()
    assert (
        media.no_sound.text().count(".") == 1 and "speakers or headphones" in media.no_sound.text()
    )
    monkeypatch.setattr(media_player, "audio_outputs", lambda: [QAudioDevice()])  # plugged in
    media._check_sound()
    assert not media.no_sound.isVisible()
