# mypy: disable-error-code="no-untyped-call"
"""Export from the window: the form, a real bundle anyone can verify, cancel, errors."""

from __future__ import annotations

import subprocess
import threading
import zipfile
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from tests.helpers import require_tool
from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui import tasks
from ui.dialogs import Script
from ui.format import today_date
from ui.main_window import MainWindow
from ui.views.export_dialog import ExportDialog, ExportProgressDialog, default_bundle_path
from ui.views.vault_view import VaultView
from vault.bundle.verify import verify_bundle
from vault.handle import create_vault
from vault.importing import import_paths
from vault.lenders import add_lender


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow, tmp_path: Path, media_dir: Path) -> VaultView:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "度小满")
    add_lender(vault, "分期乐")
    import_paths(vault, sorted(media_dir.iterdir()), lender="分期乐")
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.vault_view.sidebar.lenders()) == 2, timeout=10_000)
    return window.vault_view


def _open_form(qtbot: QtBot, view: VaultView) -> ExportDialog:
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.findChild(ExportDialog) is not None)
    form = view.findChild(ExportDialog)
    assert form is not None and form.isVisible()
    return form


def test_export_from_the_window_writes_a_bundle_that_verifies(
    qtbot: QtBot,
    view: VaultView,
    tmp_path: Path,
    dialogs: Script,
) -> None:
    form = _open_form(qtbot, view)
    assert [form.lender.itemText(i) for i in range(form.lender.count())] == ["分期乐"], (
        "only lenders with evidence are offered"
    )
    assert "分期乐" in Path(form.path.text()).name, "the suggested name says whose evidence"
    out = tmp_path / "out" / "分期乐 证据包.zip"
    out.parent.mkdir()
    form.path.setText(str(out))
    form.language.setCurrentIndex(form.language.findData("zh_CN"))
    qtbot.mouseClick(form.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs), timeout=60_000)
    ((text, details),) = dialogs.texts("inform")
    assert str(out) in text and "2" in text
    assert "SHA256SUMS" in details
    labels = [a.label for a in dialogs.shown[-1].actions]
    assert labels == ["Copy the path", "Verify this bundle", "Show the folder"]
    assert not dialogs.texts("warn", "failure"), dialogs
    result = verify_bundle(out)
    assert result.valid and result.items == 2, [c for c in result.checks if not c.ok]
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        pdfs = [n for n in names if n.endswith(".pdf")]
        assert pdfs, f"the evidence list PDF is rendered (on the GUI thread): {names}"
        assert archive.read(pdfs[0]).startswith(b"%PDF-")
    require_tool("unzip")
    subprocess.run(["unzip", "-tq", str(out)], check=True, capture_output=True)
    assert not list(out.parent.glob(".*partial")), "no temp file is left beside the bundle"


def test_cancelling_the_export_writes_nothing(
    qtbot: QtBot,
    view: VaultView,
    tmp_path: Path,
    dialogs: Script,
) -> None:
    form = _open_form(qtbot, view)
    out = tmp_path / "cancelled.zip"
    form.path.setText(str(out))
    gate = threading.Event()
    tasks.op(lambda: gate.wait(30)).run()  # the export waits behind this until cancelled
    qtbot.mouseClick(form.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.findChild(ExportProgressDialog) is not None)
    progress = view.findChild(ExportProgressDialog)
    assert progress is not None
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=30_000)
    assert not dialogs.texts("warn", "failure"), dialogs
    assert "cancelled" in dialogs.texts("inform")[0][0].lower()
    assert not out.exists() and not list(tmp_path.glob(".*partial"))


def test_an_existing_file_is_never_overwritten(
    qtbot: QtBot,
    view: VaultView,
    tmp_path: Path,
    dialogs: Script,
) -> None:
    out = tmp_path / "taken.zip"
    out.write_bytes(b"the user's other file")
    form = _open_form(qtbot, view)
    form.path.setText(str(out))
    qtbot.mouseClick(form.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs), timeout=30_000)
    assert "already exists" in dialogs.texts("warn")[0][0]
    assert out.read_bytes() == b"the user's other file"
    assert not dialogs.texts("inform"), "no summary of an export that did not happen"


def test_lock_during_export_leaves_no_bundle_and_no_dialog(
    qtbot: QtBot, window: MainWindow, view: VaultView, tmp_path: Path
) -> None:
    form = _open_form(qtbot, view)
    out = tmp_path / "locked.zip"
    form.path.setText(str(out))
    gate = threading.Event()
    tasks.op(lambda: gate.wait(30)).run()  # the export waits behind this until locked
    qtbot.mouseClick(form.export_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    gate.set()
    qtbot.waitUntil(tasks.worker().idle, timeout=30_000)
    assert window.vault is None
    assert not out.exists() and not list(tmp_path.glob(".*partial"))
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ExportProgressDialog)
                and w.isVisible()]  # fmt: skip


def test_suggested_names_never_overwrite(tmp_path: Path) -> None:
    first = default_bundle_path("分期乐", date(2026, 11, 22), tmp_path)
    assert first.name == "证据包_分期乐_2026-11-22.zip", (
        "no spaces: README's lines paste as printed"
    )
    first.write_bytes(b"x")
    second = default_bundle_path("分期乐", date(2026, 11, 22), tmp_path)
    assert second != first and not second.exists() and second.suffix == ".zip"
    assert second.name == "证据包_分期乐_2026-11-22_2.zip"
    english = default_bundle_path("Fen Qi Le", date(2026, 11, 22), tmp_path, language="en")
    assert english.name == "evidence_bundle_Fen_Qi_Le_2026-11-22.zip"
    odd = default_bundle_path('a/b:c*"d', date(2026, 11, 22), tmp_path)
    assert odd.parent == tmp_path, "a lender name cannot steer the file into another folder"


def test_the_suggested_name_follows_lender_and_language_until_the_user_types_one(
    qtbot: QtBot,
) -> None:
    dialog = ExportDialog(["分期乐", "微粒贷"], "分期乐")
    qtbot.addWidget(dialog)
    today = today_date().isoformat()
    assert Path(dialog.path.text()).name == f"证据包_分期乐_{today}.zip"
    dialog.lender.setCurrentIndex(dialog.lender.findText("微粒贷"))
    assert Path(dialog.path.text()).name == f"证据包_微粒贷_{today}.zip"
    dialog.language.setCurrentIndex(dialog.language.findData("zh_TW"))
    assert Path(dialog.path.text()).name == f"證據包_微粒贷_{today}.zip"
    assert " " not in Path(dialog.path.text()).name
    dialog.path.setText("/tmp/我的证据.zip")
    dialog.lender.setCurrentIndex(dialog.lender.findText("分期乐"))
    assert dialog.path.text() == "/tmp/我的证据.zip", "a name the user typed stays"


def test_the_dates_start_from_the_lenders_first_and_last_evidence(
    qtbot: QtBot, view: VaultView
) -> None:
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    from vault.items import list_items  # noqa: PLC0415

    vault = view.vault
    assert vault is not None
    shanghai = ZoneInfo("Asia/Shanghai")
    days = sorted(
        (i.incident_at or i.captured_at).astimezone(shanghai).date()
        for i in list_items(vault, lender="分期乐")
    )
    form = _open_form(qtbot, view)
    assert form.lender.currentText() == "分期乐"
    assert not form.date_from.isEnabled(), "not in use until ticked"
    assert (form.date_from.date().toPython(), form.date_to.date().toPython()) == (
        days[0],
        days[-1],
    ), "a tick starts from the whole record of this lender, not from last month"
    form.limit_dates.setChecked(True)
    request = form.request()
    assert (request.date_from, request.date_to) == (days[0], days[-1])
    form.reject()
