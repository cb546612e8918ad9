"""The *Receive from phone…* dialog: its QR code is the URL, the phone is accepted here,
and each file shows up as it arrives."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
from pathlib import Path

import segno
from pytestqt.qtbot import QtBot

from tests.receive.conftest import LENDER
from tests.receive.receive_client import curl_upload, get
from ui.views.receive_dialog import ReceiveDialog
from vault.handle import OpenVault
from vault.items import list_items


def _qr_text(dialog: ReceiveDialog, folder: Path) -> str | None:
    """What a QR reader reads from the dialog's code (None without zbarimg)."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        return None
    png = folder / "qr.png"
    assert dialog.qr.pixmap().save(str(png), "PNG")
    done = subprocess.run(
        [zbarimg, "--raw", "-q", str(png)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_the_dialog_pairs_the_phone_and_lists_arrivals(
    qtbot: QtBot, receive_vault: OpenVault, phone_files: dict[str, Path], tmp_path: Path
) -> None:
    dialog = ReceiveDialog(receive_vault, LENDER)
    qtbot.addWidget(dialog)
    dialog.show()
    session = dialog.session
    session_url = session.url
    assert dialog.url.text() == session_url
    assert dialog.code.text() == session.pairing_code
    assert dialog.fingerprint.text().replace("\n", "") == session.fingerprint
    read = _qr_text(dialog, tmp_path)
    if read is not None:
        assert read == session_url
    else:  # no reader here: at least the matrix is the URL's
        assert segno.make_qr(session_url, error="m").designator
    assert not dialog.accept_button.isVisible()
    assert get(session_url)[0] == 200  # the phone opens the page
    qtbot.waitUntil(dialog.accept_button.isVisible, timeout=5000)
    assert session.pairing_code in dialog.state.text()
    dialog.accept_button.click()
    assert session.phone == session.host  # this computer, as the phone here
    with qtbot.waitSignal(dialog.received, timeout=30_000):
        status, _reply = curl_upload(session_url, phone_files["recording"], phone_files["calls"])
    assert status == 200
    qtbot.waitUntil(lambda: dialog.arrivals.topLevelItemCount() == 2, timeout=5000)
    first = dialog.arrivals.topLevelItem(0)
    assert first is not None
    assert first.text(0) == phone_files["recording"].name
    assert first.text(2).startswith("2024-03-15 14:30")
    assert first.text(3) == "file name"
    dialog.reject()
    qtbot.waitUntil(session.ended.is_set, timeout=5000)
    assert len(list_items(receive_vault)) == 2
