# mypy: disable-error-code="no-untyped-call"
"""Verifying a bundle in the app (no vault needed), and the page after an export."""

from __future__ import annotations

import subprocess
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from tests.helpers import require_tool
from tests.trusted_time.local_tsa import LocalTsa, Pki, make_pki
from tests.ui.conftest import FAST_WORK_FACTOR, PASSPHRASE
from ui import i18n, tasks
from ui.dialogs import Script
from ui.main_window import MainWindow
from ui.views.export_dialog import ExportDialog
from ui.views.verify_dialog import VerifyBundleDialog
from vault.bundle.export import ExportRequest, export_bundle
from vault.handle import create_vault
from vault.importing import import_paths
from vault.lenders import add_lender
from vault.trusted_time import servers


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, media_dir: Path) -> Path:
    """A real bundle of two files (a recording and a screenshot), made without network."""
    folder = tmp_path_factory.mktemp("bundle")
    vault, _ = create_vault(
        folder / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(vault, "分期乐")
    import_paths(vault, sorted(media_dir.iterdir()), lender="分期乐")
    out = folder / "证据包.zip"
    export_bundle(vault, ExportRequest(out=out, lender="分期乐", stamp=False))
    vault.lock()
    return out


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Copy the ZIP, each entry through ``change`` (None drops it), as an editor would."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)


def _evidence(bundle: Path) -> list[str]:
    with zipfile.ZipFile(bundle) as archive:
        return sorted(n for n in archive.namelist() if n.startswith("evidence/"))


def _verify(qtbot: QtBot, window: MainWindow, path: Path) -> VerifyBundleDialog:
    """Open the check from the welcome page, as a receiver without a vault does."""
    assert window.stack.currentWidget() is window.welcome
    button = window.findChild(QPushButton, "verifyBundleButton")
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(VerifyBundleDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.verify_button.isEnabled(), "nothing to verify before a file is named"
    dialog.path.setText(f"  {path}  ")  # as pasted from a mail
    with qtbot.waitSignal(dialog.verified, timeout=30_000):
        qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    return dialog


def _rows(dialog: VerifyBundleDialog) -> dict[str, str]:
    items = dialog.items
    rows = (items.topLevelItem(i) for i in range(items.topLevelItemCount()))
    return {row.text(1): row.text(2) for row in rows if row is not None}


def test_an_intact_bundle_is_said_to_be_intact(
    qtbot: QtBot, window: MainWindow, bundle: Path
) -> None:
    dialog = _verify(qtbot, window, bundle)
    assert dialog.verification is not None and dialog.verification.valid
    assert "is intact" in dialog.verdict.text() and "2 files" in dialog.verdict.text()
    assert _rows(dialog) == dict.fromkeys(_evidence(bundle), "Intact")
    fingerprint = dialog.verification.signer_fingerprint
    assert fingerprint and fingerprint in dialog.facts.text()
    assert "another way" in dialog.facts.text(), "the key travels in the bundle: say so"
    assert "no timestamp of its own" in dialog.facts.text()
    assert "Result: VALID" in dialog.details.toPlainText(), "the evault verify text"


def test_a_changed_file_is_named_as_altered(
    qtbot: QtBot, window: MainWindow, bundle: Path, tmp_path: Path
) -> None:
    victim = _evidence(bundle)[0]
    tampered = tmp_path / "tampered.zip"
    _rewrite(bundle, tampered, lambda name, data: data + b"x" if name == victim else data)
    dialog = _verify(qtbot, window, tampered)
    assert "NOT intact" in dialog.verdict.text()
    rows = _rows(dialog)
    assert rows.pop(victim) == "Altered"
    assert set(rows.values()) == {"Intact"}, "only the changed file is marked"
    assert "Some files differ" in dialog.facts.text()


def test_a_removed_file_is_named_as_missing(
    qtbot: QtBot, window: MainWindow, bundle: Path, tmp_path: Path
) -> None:
    victim = _evidence(bundle)[-1]
    cut = tmp_path / "cut.zip"
    _rewrite(bundle, cut, lambda name, data: None if name == victim else data)
    dialog = _verify(qtbot, window, cut)
    assert "NOT intact" in dialog.verdict.text()
    assert _rows(dialog)[victim] == "Missing"


def test_a_bad_signature_trusts_no_file(
    qtbot: QtBot, window: MainWindow, bundle: Path, tmp_path: Path
) -> None:
    require_tool("ssh-keygen")
    key = tmp_path / "other_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    with zipfile.ZipFile(bundle) as archive:
        sums = tmp_path / "SHA256SUMS"
        sums.write_bytes(archive.read("SHA256SUMS"))
    subprocess.run(
        ["ssh-keygen", "-Y", "sign", "-f", str(key), "-n", "evidence-vault", str(sums)],
        check=True,
        capture_output=True,
    )
    forged = (tmp_path / "SHA256SUMS.sig").read_bytes()
    resigned = tmp_path / "resigned.zip"
    _rewrite(bundle, resigned, lambda name, data: forged if name == "SHA256SUMS.sig" else data)
    dialog = _verify(qtbot, window, resigned)
    assert "NOT intact" in dialog.verdict.text()
    assert "signature does not hold" in dialog.facts.text()
    assert set(_rows(dialog).values()) == {"Not checked"}


def test_a_file_that_is_no_bundle_gets_one_sentence(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    junk = tmp_path / "photo.zip"
    junk.write_bytes(b"\xff\xd8\xff not a zip")
    button = window.findChild(QPushButton, "verifyBundleButton")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(VerifyBundleDialog)
    assert dialog is not None
    dialog.verify_path(junk)
    qtbot.waitUntil(lambda: not dialog.running(), timeout=10_000)
    assert "cannot be read as an evidence bundle" in dialog.verdict.text()
    assert dialog.items.topLevelItemCount() == 0


def test_stopping_a_check_says_it_decided_nothing(
    qtbot: QtBot, window: MainWindow, bundle: Path
) -> None:
    (action,) = [a for a in window.findChildren(QAction) if a.objectName() == "verifyBundleAction"]
    action.trigger()
    dialog = window.findChild(VerifyBundleDialog)
    assert dialog is not None
    gate = threading.Event()
    tasks.op(lambda: gate.wait(30)).run()  # the check waits behind this until stopped
    dialog.verify_path(bundle)
    assert dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=10_000)
    assert "stopped before the end" in dialog.verdict.text()
    assert dialog.verification is None


# --- the page after an export -----------------------------------------------------------


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    require_tool("openssl")
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def offline_tsa(pki: Pki) -> Iterator[LocalTsa]:
    """The vault's only timestamp server, which has stopped answering."""
    server = LocalTsa(pki).start()
    yield server
    server.stop()


def _export(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, media_dir: Path, tsa: LocalTsa, pki: Pki
) -> Path:
    vault, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    for listed in servers.tsa_list(vault):
        servers.remove_tsa(vault, listed.url)
    servers.add_tsa(vault, tsa.url, ca_pem=pki.ca.read_text())
    add_lender(vault, "分期乐")
    import_paths(vault, sorted(media_dir.iterdir()), lender="分期乐")
    vault.lock()
    window.show_unlock(tmp_path / "vault")
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock.passphrase, Qt.Key.Key_Return)
    view = window.vault_view
    qtbot.waitUntil(lambda: len(view.sidebar.lenders()) == 1, timeout=10_000)
    tsa.stop()  # offline at the moment of export
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    form = view.findChild(ExportDialog)
    assert form is not None
    out = tmp_path / "证据包.zip"
    form.path.setText(str(out))
    assert form.stamp.isChecked()
    qtbot.mouseClick(form.export_button, Qt.MouseButton.LeftButton)
    return out


def test_after_an_export_without_timestamp_the_page_says_so_and_what_next(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    media_dir: Path,
    offline_tsa: LocalTsa,
    pki: Pki,
    dialogs: Script,
) -> None:
    out = _export(qtbot, window, tmp_path, media_dir, offline_tsa, pki)
    qtbot.waitUntil(lambda: bool(dialogs.texts("inform")), timeout=60_000)
    assert not dialogs.texts("warn", "failure"), dialogs
    ((text, _details),) = dialogs.texts("inform")
    assert str(out) in text, "the path is shown, not only behind a folder button"
    assert "No timestamp server answered" in text
    assert "“Timestamp now”" in text, "what to do about it (stamp later)"
    assert "What to do next" in text and "Keep this vault" in text
    assert "“Make complaint material…”" in text, "the channels that take no ZIP: where to go"
    actions = {a.label: a for a in dialogs.shown[-1].actions}
    assert list(actions) == ["Copy the path", "Verify this bundle", "Show the folder"]

    QGuiApplication.clipboard().clear()
    actions["Copy the path"].run()
    assert QGuiApplication.clipboard().text() == str(out)

    actions["Verify this bundle"].run()
    dialog = window.findChild(VerifyBundleDialog)
    assert dialog is not None and dialog.path.text() == str(out)
    qtbot.waitUntil(lambda: dialog.verification is not None, timeout=30_000)
    assert dialog.verification is not None and dialog.verification.valid
    assert "is intact" in dialog.verdict.text()
    QApplication.clipboard().clear()


@pytest.mark.parametrize(
    ("language", "verdict"),
    [("zh_CN", "结论：有效"), ("zh_TW", "結論：有效"), ("en", "Result: VALID")],
)
def test_the_technical_details_speak_the_windows_language(
    qtbot: QtBot, bundle: Path, language: str, verdict: str
) -> None:
    dialog = VerifyBundleDialog(None, language=language)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.verified, timeout=30_000):
        dialog.verify_path(bundle)
    details = dialog.details.toPlainText()
    assert verdict in details and details.count("\n") > 8, details
    if language != "en":
        assert "Result:" not in details and "Proven:" not in details
    default = VerifyBundleDialog(None)
    qtbot.addWidget(default)
    assert default.language == i18n.current_language()


def test_the_dialog_takes_the_windows_language_by_default(qtbot: QtBot) -> None:
    previous = QLocale()
    try:
        for name, language in (("zh_TW", "zh_TW"), ("zh_CN", "zh_CN"), ("en", "en")):
            QLocale.setDefault(QLocale(name))  # what i18n.install does for the window
            dialog = VerifyBundleDialog(None)
            qtbot.addWidget(dialog)
            assert dialog.language == i18n.current_language() == language
    finally:
        QLocale.setDefault(previous)
