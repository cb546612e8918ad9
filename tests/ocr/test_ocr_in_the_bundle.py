"""The seam from reading to the receiver: a screenshot's text reaches the evidence list."""

from __future__ import annotations

import html
import zipfile
from pathlib import Path

from tests.ocr.conftest import Importer
from tests.ocr.screens import Bubble, chat
from vault.bundle.export import ExportRequest, export_bundle
from vault.bundle.report import wording
from vault.handle import OpenVault
from vault.ocr import item_text
from vault.ocr.reading import read_waiting


def test_the_text_read_from_a_screenshot_is_its_content_marked_machine_read(
    vault: OpenVault, import_screens: Importer, tmp_path: Path
) -> None:
    ids = import_screens({"threat": chat([Bubble("再不还钱就爆你通讯录", mine=True)])})
    read_waiting(vault)
    out = tmp_path / "bundle.zip"
    export_bundle(vault, ExportRequest(out=out, item_ids=list(ids.values()), stamp=False))
    with zipfile.ZipFile(out) as bundle:
        name = next(n for n in bundle.namelist() if n.endswith(".html") and "/" in n)
        page = html.unescape(bundle.read(name).decode("utf-8"))
    read = item_text(vault, ids["threat"])
    assert read is not None and read.text is not None and "爆你" in read.text, read
    assert read.text in page, "the words the collector wrote, as read, are the list's 内容"
    assert wording.CONTENT_LABELS["zh_CN"]["ocr"] in page, "and they are labelled machine-read"
