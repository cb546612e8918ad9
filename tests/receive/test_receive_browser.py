"""The phone's side in a real browser: headless Chromium opens the page from the QR
code's URL and uploads a recording, a screenshot and a call-log backup."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import segno

from tests.receive.browser import Chromium, chromium_binary
from tests.receive.conftest import LENDER
from vault.handle import OpenVault
from vault.items import list_items
from vault.receive import ReceiveSession

ROWS = "JSON.stringify([...document.querySelectorAll('#list li')].map(li => [li.className, li.textContent]))"


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Chromium]:
    binary = chromium_binary()
    if binary is None:
        pytest.skip("no chromium here (Debian: apt-get install chromium)")
    chromium = Chromium(binary, tmp_path / "profile")
    yield chromium
    chromium.close()


def _url_from_qr(url: str, folder: Path) -> str:
    """The URL as a phone's camera reads it from the QR code (zbarimg), if one is here."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        return url
    png = folder / "qr.png"
    out = io.BytesIO()
    segno.make_qr(url, error="m").save(out, kind="png", scale=6)
    png.write_bytes(out.getvalue())
    read = subprocess.run(
        [zbarimg, "--raw", "-q", str(png)], capture_output=True, text=True, check=True
    )
    return read.stdout.strip()


def _vault_bytes(folder: Path) -> Iterator[bytes]:
    for path in folder.rglob("*"):
        if path.is_file():
            yield path.read_bytes()


@pytest.mark.slow
def test_a_real_browser_uploads_the_phones_files(
    browser: Chromium, receive_vault: OpenVault, phone_files: dict[str, Path], tmp_path: Path
) -> None:
    session = ReceiveSession(
        receive_vault, LENDER, bind="127.0.0.1", accept_first=True, language="zh_CN"
    )
    session.start()
    try:
        url = _url_from_qr(session.url, tmp_path)
        assert url == session.url
        tab = browser.open_page(url)
        browser.wait_for(tab, "document.getElementById('files') !== null")
        assert browser.evaluate(tab, "document.getElementById('code').textContent") == (
            session.pairing_code
        )
        assert "选择文件" in browser.evaluate(tab, "document.body.textContent")
        files = [phone_files["recording"], phone_files["screenshot"], phone_files["calls"]]
        browser.choose_files(tab, "#files", files)
        rows = browser.wait_for(
            tab,
            f"(() => {{ const r = JSON.parse({ROWS}); "
            f"return r.length === {len(files)} && r.every(x => x[0]) ? r : null; }})()",
        )
    finally:
        session.stop()
    assert [row[0] for row in rows] == ["ok", "ok", "ok"], rows
    assert all("已存入保险箱" in row[1] for row in rows)
    items = {item.original_name: item for item in list_items(receive_vault)}
    assert set(items) == {f.name for f in files}
    for original in files:
        assert items[original.name].sha256 == hashlib.sha256(original.read_bytes()).hexdigest()
    assert items[phone_files["recording"].name].time_source == "file_name"
    assert items[phone_files["screenshot"].name].time_source == "exif"
    assert items[phone_files["calls"].name].kind == "backup"
    # no plaintext touched the vault's folder: no stored file holds a piece of an original
    pieces = [f.read_bytes()[256:512] for f in files]
    for stored in _vault_bytes(receive_vault.info.path):
        assert not any(piece in stored for piece in pieces)
    assert not list(receive_vault.store.iter_temp_files())
