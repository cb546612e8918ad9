"""A recording's 录音文字稿 in the bundle: HTML and PDF beside the evidence list, naming
the recording's file, SHA-256 and duration, in SHA256SUMS, checked by evault verify."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt application exists

import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.bundle.conftest import LENDER, Exported, make_vault
from tests.bundle.test_bundle_tamper import (
    evault_verify,
    flip_middle_byte,
    rewrite,
    standard_tools,
)
from tests.helpers import require_tool
from vault.bundle import layout
from vault.bundle.export import ExportRequest, export_bundle
from vault.items import list_items
from vault.transcript import save_transcript

SEGMENTS = [
    {"start_ms": 0, "speaker": "collector", "text": "你再不还钱"},
    {"start_ms": 1200, "speaker": "collector", "text": "就去你家"},
    {"start_ms": 2000, "speaker": "self", "text": "我在想办法 <b>"},
]
STATEMENT = "本文字稿依据原始录音整理，内容以原始录音为准"


@dataclass(frozen=True)
class Bundles:
    by_language: dict[str, Path]
    recording_path: str
    sha256: str


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory, originals: Path) -> Iterator[Bundles]:
    from ui.pdf_report import render_pdf  # noqa: PLC0415 - Qt only for this module

    root = tmp_path_factory.mktemp("transcript")
    vault = make_vault(root / "vault", originals)
    try:
        recording = next(i for i in list_items(vault) if i.kind == "recording")
        save_transcript(vault, recording.id, SEGMENTS[:1], duration_ms=2_600)
        save_transcript(vault, recording.id, SEGMENTS)  # the bundle holds the latest
        made = {
            lang: export_bundle(
                vault,
                ExportRequest(out=root / f"{lang}.zip", lender=LENDER, language=lang, stamp=False),
                render_pdf=render_pdf if lang == "zh_CN" else None,
            ).path
            for lang in ("zh_CN", "zh_TW", "en")
        }
    finally:
        vault.lock()
    with zipfile.ZipFile(made["zh_CN"]) as archive:
        entries = json.loads(archive.read(layout.MANIFEST))["items"]
    entry = next(e for e in entries if e["id"] == recording.id)
    yield Bundles(made, entry["path"], recording.sha256)


def test_the_transcript_names_its_recording_and_is_summed(bundles: Bundles) -> None:
    html_path, pdf_path = layout.transcript_paths(bundles.recording_path)
    assert html_path.startswith("report/transcripts/") and html_path.endswith("_transcript.html")
    with zipfile.ZipFile(bundles.by_language["zh_CN"]) as archive:
        sums = layout.parse_sums(archive.read(layout.SHA256SUMS))
        manifest = json.loads(archive.read(layout.MANIFEST))
        readme = archive.read(layout.README).decode("utf-8")
        page = archive.read(html_path).decode("utf-8")
        assert archive.read(pdf_path).startswith(b"%PDF-")
    assert {html_path, pdf_path} <= set(sums)
    assert {html_path, pdf_path} <= set(manifest["report"])
    (entry,) = [e for e in manifest["items"] if e["path"] == bundles.recording_path]
    saved = [e["payload"] for e in entry["custody"] if e["action"] == "transcript_saved"]
    assert [(p["version"], p["recording_sha256"]) for p in saved] == [
        (1, bundles.sha256),
        (2, bundles.sha256),
    ]  # every version travels in the recording's custody record
    assert "report/transcripts/ 中是 1 段录音的文字稿" in readme
    assert "report/transcripts/ holds the transcripts of 1 recordings" in readme
    for shown in (
        "录音文字稿",
        bundles.recording_path,
        bundles.sha256,
        "<td>00:02</td>",  # duration 2.6 s, kept from the first version
        "第 2 版",
        "<td>00:01</td><td>催收方</td><td>就去你家</td>",
        "<td>本人</td><td>我在想办法 &lt;b&gt;</td>",  # the user's words, escaped
        STATEMENT,
        "提交人（签名）：",
        "日期：",
    ):
        assert shown in page, shown


def test_the_pdf_reads_as_the_html_says(bundles: Bundles, tmp_path: Path) -> None:
    _, pdf_path = layout.transcript_paths(bundles.recording_path)
    with zipfile.ZipFile(bundles.by_language["zh_CN"]) as archive:
        (tmp_path / "t.pdf").write_bytes(archive.read(pdf_path))
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(tmp_path / "t.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for shown in (STATEMENT, bundles.sha256, "就去你家", "提交人（签名）"):
        assert shown in text, shown
    assert bundles.recording_path.rsplit("/", 1)[1] in text


def test_each_language_has_its_words(bundles: Bundles) -> None:
    html_path, pdf_path = layout.transcript_paths(bundles.recording_path)
    expected = {
        "zh_TW": ("錄音文字稿", "內容以原始錄音為準", "說話人"),
        "en": ("Transcript of a recording", "original recording prevails", "Collector"),
    }
    for lang, words in expected.items():
        with zipfile.ZipFile(bundles.by_language[lang]) as archive:
            page = archive.read(html_path).decode("utf-8")
            assert pdf_path not in archive.namelist()  # exported without a PDF renderer
        for word in words:
            assert word in page, (lang, word)


def test_the_bundle_verifies_and_a_changed_transcript_is_caught(
    bundles: Bundles, tmp_path: Path
) -> None:
    bundle = bundles.by_language["zh_CN"]
    result = evault_verify(bundle)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Result: VALID" in result.stdout
    assert standard_tools(bundle, tmp_path / "unzipped") == (0, 0)  # sha256sum, ssh-keygen
    for name in layout.transcript_paths(bundles.recording_path):

        def change(files: dict[str, bytes], name: str = name) -> dict[str, bytes]:
            return files | {name: flip_middle_byte(files[name])}

        tampered = rewrite(bundle, tmp_path / "t.zip", change)
        result = evault_verify(tampered)
        assert result.returncode == 1, name
        assert f"{name} does not match its SHA-256 in SHA256SUMS" in result.stdout


def test_a_recording_without_a_transcript_gets_none(exported: Exported) -> None:
    with zipfile.ZipFile(exported.bundle) as archive:
        names = archive.namelist()
        readme = archive.read(layout.README).decode("utf-8")
    assert not [n for n in names if n.startswith(layout.TRANSCRIPTS_DIR)]
    assert layout.TRANSCRIPTS_DIR not in readme


def test_the_evidence_list_shows_the_transcript_as_the_recordings_content(
    bundles: Bundles,
) -> None:
    expected = {
        "zh_CN": "00:01 催收方：就去你家",
        "zh_TW": "00:01 催收方：就去你家",
        "en": "00:01 Collector: 就去你家",
    }
    for lang, line in expected.items():
        with zipfile.ZipFile(bundles.by_language[lang]) as archive:
            listing = archive.read(layout.REPORT_HTML).decode("utf-8")
        assert line in listing, lang
        assert "我在想办法 &lt;b&gt;" in listing  # the latest version, escaped


def test_a_transcript_saved_without_the_length_shows_the_recordings_measured_one(
    tmp_path: Path, originals: Path
) -> None:
    """``evault transcript set`` gives no length: the document takes it from the file,
    as the evidence list does (the espeak-ng recording lasts about two seconds)."""
    vault = make_vault(tmp_path / "vault", originals)
    try:
        recording = next(i for i in list_items(vault) if i.kind == "recording")
        save_transcript(vault, recording.id, SEGMENTS)
        out = export_bundle(
            vault, ExportRequest(out=tmp_path / "b.zip", lender=LENDER, stamp=False)
        ).path
    finally:
        vault.lock()
    html_path, _ = layout.transcript_paths(
        next(
            e["path"]
            for e in json.loads(zipfile.ZipFile(out).read(layout.MANIFEST))["items"]
            if e["id"] == recording.id
        )
    )
    text = zipfile.ZipFile(out).read(html_path).decode("utf-8")
    assert "未记录" not in text, "the length is known from the file"
    assert re.search(r"<td>00:0[1-4]</td>", text), text
