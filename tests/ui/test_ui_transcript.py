# mypy: disable-error-code="no-untyped-call"
"""The transcript editor under the player: typed along with the keys, saved as versions."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QTableWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.ui.test_ui_verify import _rewrite, _verify
from ui import tasks
from ui.main_window import MainWindow
from ui.views.preview import Preview
from vault.bundle.export import ExportRequest, export_bundle
from vault.handle import create_vault, unlock_vault
from vault.importing import import_paths
from vault.items import list_items
from vault.lenders import add_lender
from vault.transcript import Segment, save_transcript, transcript_versions


def _type_line(qtbot: QtBot, table: QTableWidget, text: str) -> None:
    """Type into the line F2 opened as a Chinese input method does (it commits the
    words), then Return: the line is stored once the event loop runs."""
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), "F2 puts the cursor in the new line's text"
    typed = QInputMethodEvent("", [])
    typed.setCommitString(text)
    QApplication.sendEvent(editor, typed)
    assert editor.text() == text
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_typing_along_saves_versions_and_clicking_a_line_seeks(
    qtbot: QtBot, window: MainWindow, media_dir: Path, tmp_path: Path
) -> None:
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, "好分期")
    import_paths(vault, sorted(media_dir.iterdir()), lender="好分期")
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    view = window.vault_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    rows = {view.model.item_at(r).kind: r for r in range(2)}  # type: ignore[union-attr]
    recording = view.model.item_at(rows["recording"])
    assert recording is not None
    view.table.selectRow(rows["recording"])
    preview = view.detail.preview
    media, editor = preview.media, preview.transcript
    qtbot.waitUntil(lambda: editor.item_id == recording.id and editor.isEnabled(), timeout=10_000)
    qtbot.waitUntil(lambda: media.player.duration() > 1000, timeout=10_000)
    assert "F2" in editor.status.text()  # nothing transcribed yet: how to start
    window.activateWindow()

    media.speed.setCurrentIndex(media.speed.findData(0.75))
    assert media.player.playbackRate() == 0.75
    media.seek(1000)
    qtbot.waitUntil(lambda: media.player.position() >= 1000, timeout=5000)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_F2)  # a line at the playing time
    _type_line(qtbot, editor.table, "你再不还钱")
    qtbot.keyClick(editor.table, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: media.player.position() == 0, timeout=5000)  # back 5 s, to 0
    qtbot.keyClick(editor.table, Qt.Key.Key_F2)  # before the first line, in time order
    _type_line(qtbot, editor.table, "喂")
    speaker = editor.table.cellWidget(1, 1)
    assert isinstance(speaker, QComboBox)
    assert speaker.currentData() == "collector"
    speaker.setCurrentIndex(speaker.findData("self"))
    assert editor.segments() == (
        Segment(0, "collector", "喂"),
        Segment(1000, "self", "你再不还钱"),
    )
    assert "Ctrl+S" in editor.status.text()
    first_time = editor.table.item(0, 0)
    assert first_time is not None
    first_time.setText("abc")  # not a time: put back
    assert (first_time.text(), editor.segments()[0].start_ms) == ("00:00", 0)
    first_time.setText("0:00.4")  # a time typed over
    assert editor.segments()[0].start_ms == 400
    qtbot.keyClick(editor.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "1" in editor.status.text() and editor.unsaved() is None)

    time_cell = editor.table.item(1, 0)
    assert time_cell is not None
    qtbot.mouseClick(
        editor.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=editor.table.visualItemRect(time_cell).center(),
    )
    qtbot.waitUntil(lambda: media.player.position() == 1000, timeout=5000)  # a click seeks

    item = editor.table.item(1, 2)
    assert item is not None
    item.setText("你再不还钱就去你家")
    view.table.selectRow(rows["screenshot"])  # leaving the recording saves what was typed
    qtbot.waitUntil(lambda: preview.currentWidget() is preview.image, timeout=10_000)
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)

    view.table.selectRow(rows["recording"])  # back: the saved lines, then lock while typing
    qtbot.waitUntil(lambda: editor.item_id == recording.id and editor.isEnabled(), timeout=10_000)
    assert editor.segments()[1].text == "你再不还钱就去你家"
    assert "2" in editor.status.text()
    history = view.detail.history
    qtbot.waitUntil(
        lambda: (
            sum("Transcript saved" in history.item(r).text() for r in range(history.count())) == 2
        ),
        timeout=10_000,
    )
    last = editor.table.item(0, 2)
    assert last is not None
    last.setText("喂？")
    window.lock()
    qtbot.waitUntil(tasks.worker().idle, timeout=10_000)

    opened = unlock_vault(tmp_path / "vault", PASSPHRASE)
    try:
        versions = transcript_versions(opened, recording.id)
    finally:
        opened.lock()
    assert [v.version for v in versions] == [1, 2, 3]
    assert versions[2].segments[0] == Segment(400, "collector", "喂？")
    assert versions[1].segments[1] == Segment(1000, "self", "你再不还钱就去你家")
    assert versions[0].duration_ms is not None and versions[0].duration_ms > 1000


def test_the_app_verifies_a_bundle_with_a_transcript_and_catches_a_changed_one(
    qtbot: QtBot, window: MainWindow, media_dir: Path, tmp_path: Path
) -> None:
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, "分期乐")
    import_paths(vault, sorted(media_dir.iterdir()), lender="分期乐")
    recording = next(i for i in list_items(vault) if i.kind == "recording")
    save_transcript(vault, recording.id, [{"start_ms": 0, "speaker": "collector", "text": "还钱"}])
    bundle = tmp_path / "证据包.zip"
    export_bundle(vault, ExportRequest(out=bundle, lender="分期乐", stamp=False))
    vault.lock()
    with zipfile.ZipFile(bundle) as archive:
        (page,) = [n for n in archive.namelist() if n.endswith("_transcript.html")]

    dialog = _verify(qtbot, window, bundle)
    assert dialog.verification is not None and dialog.verification.valid
    assert "Result: VALID" in dialog.details.toPlainText()

    changed = tmp_path / "changed.zip"
    swapped = "还钱".encode(), "不还".encode()
    _rewrite(bundle, changed, lambda name, data: data.replace(*swapped) if name == page else data)
    with qtbot.waitSignal(dialog.verified, timeout=30_000):
        dialog.verify_path(changed)
    assert dialog.verification is not None and not dialog.verification.valid
    assert "NOT intact" in dialog.verdict.text()
    assert f"{page} does not match its SHA-256" in dialog.details.toPlainText()


def test_a_backup_opened_to_look_at_shows_the_transcript_but_takes_no_lines(
    qtbot: QtBot, media_dir: Path, tmp_path: Path
) -> None:
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, "分期乐")
    import_paths(vault, sorted(media_dir.iterdir()), lender="分期乐")
    recording = next(i for i in list_items(vault) if i.kind == "recording")
    save_transcript(vault, recording.id, [{"start_ms": 0, "speaker": "collector", "text": "还钱"}])
    vault.lock()
    looked_at = unlock_vault(tmp_path / "vault", PASSPHRASE, read_only=True)
    preview = Preview()
    qtbot.addWidget(preview)
    try:
        preview.load(looked_at, recording)
        editor = preview.transcript
        qtbot.waitUntil(lambda: editor.item_id == recording.id, timeout=10_000)
        assert editor.segments() == (Segment(0, "collector", "还钱"),)
        assert not editor.editable and not editor.add_button.isEnabled()
        editor.insert_at_position()
        assert editor.table.rowCount() == 1 and editor.unsaved() is None
        preview.clear()  # leaving writes nothing to a backup
        qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
        assert [v.version for v in transcript_versions(looked_at, recording.id)] == [1]
    finally:
        qtbot.waitUntil(tasks.worker().idle, timeout=10_000)
        looked_at.lock()
