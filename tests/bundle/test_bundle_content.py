"""An item's 内容: the transcript before the machine-read text before the notes, the
first lines in the list's cell, and the notes about an item found in a real vault."""

from __future__ import annotations

import json
import zipfile
from html import escape
from pathlib import Path

import pytest
from PIL import Image

from tests.bundle.conftest import LENDER, PASSPHRASE, make_vault, offline
from tests.core.tamper_helpers import tamper
from vault import cli
from vault.bundle import layout
from vault.bundle.export import note_item
from vault.bundle.report import wording
from vault.bundle.report.content import (
    CELL_CHARS,
    CELL_LINES,
    Content,
    Origin,
    first_content,
    item_content,
    note_content,
    ocr_content,
    transcript_content,
)
from vault.bundle.verify import verify_bundle
from vault.check import check_vault
from vault.errors import VaultError
from vault.handle import create_vault, unlock_vault
from vault.importing import import_paths
from vault.items import get_item, list_items
from vault.lenders import add_lender
from vault.notes import add_note, list_notes


def test_a_transcript_comes_before_machine_read_text_and_notes() -> None:
    transcript = transcript_content("催收方：今天不还就去你家。")
    ocr = ocr_content("再不还就爆你通讯录")
    note = note_content(["他打了三次"])
    assert first_content([transcript, ocr, note]) is transcript
    assert first_content([None, ocr, note]) is ocr
    assert first_content([None, None, note]) is note
    assert first_content([None, None, None]) is None


def test_a_source_without_words_gives_way_to_the_next() -> None:
    blank_transcript = transcript_content("  \n \n")
    ocr = ocr_content("法院传票")
    assert first_content([blank_transcript, ocr]) is ocr
    assert note_content(["", "   "]) is None


def test_machine_read_text_is_always_marked_so() -> None:
    assert ocr_content("x").machine_read and ocr_content("x").origin is Origin.OCR
    assert not transcript_content("x").machine_read
    assert transcript_content("x", machine_draft=True).machine_read  # a machine draft, later
    assert not note_content(["x"]).machine_read  # type: ignore[union-attr]


def test_notes_are_joined_oldest_first_with_a_blank_line() -> None:
    content = note_content([" 第一次上门 ", "第二次打电话"])
    assert content == Content("第一次上门\n\n第二次打电话", Origin.NOTE, machine_read=False)


def test_the_cell_shows_the_first_lines_and_says_when_there_is_more() -> None:
    short = transcript_content("00:01 催收方：还钱\n\n00:05 本人：我没钱")
    assert short.first_lines() == "00:01 催收方：还钱\n00:05 本人：我没钱"
    assert not short.is_cut
    lines = [f"{n:02d}:00 催收方：第 {n} 句" for n in range(CELL_LINES + 3)]
    long = transcript_content("\n".join(lines))
    assert long.first_lines() == "\n".join(lines[:CELL_LINES]) + "…"
    assert long.is_cut
    one_long_line = ocr_content("爆" * 500)
    shown = one_long_line.first_lines()
    assert shown.endswith("…") and len(shown) <= CELL_CHARS and one_long_line.is_cut


def test_the_notes_about_an_item_are_its_content(tmp_path: Path) -> None:
    shot = tmp_path / "Screenshot_2024-03-02-10-30-00.png"
    Image.new("RGB", (200, 400), (250, 250, 250)).save(shot)
    other = tmp_path / "Screenshot_2024-03-03-10-30-00.png"
    Image.new("RGB", (200, 400), (10, 10, 10)).save(other)
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=10)
    offline(vault)
    try:
        add_lender(vault, "好运贷")
        results = import_paths(vault, [shot, other], lender="好运贷").results
        shot_id, other_id = (r.item_id for r in results)
        assert shot_id is not None and other_id is not None
        add_note(vault, "好运贷", "这是催收员发来的威胁短信截图。", item_id=shot_id)
        add_note(vault, "好运贷", "同一天又打了五次电话。", item_id=shot_id)
        add_note(vault, "好运贷", "与截图无关的记录。")
        with pytest.raises(VaultError):
            add_note(vault, "好运贷", "关于不存在的证据", item_id="no-such-item")
        notes = list_notes(vault, "好运贷")
        assert [n.item_id for n in notes] == [shot_id, shot_id, None]
        with vault.sessions() as session:
            about = item_content(session, get_item(vault, shot_id))
            nothing = item_content(session, get_item(vault, other_id))
            own = item_content(session, note_item(notes[2])[0])
    finally:
        vault.lock()
    assert about == Content(
        "这是催收员发来的威胁短信截图。\n\n同一天又打了五次电话。",
        Origin.NOTE,
        machine_read=False,
        notes=(notes[0].id, notes[1].id),
    )
    assert nothing is None
    assert own is not None and own.text == "与截图无关的记录。"  # a note's content: itself


def test_a_note_about_an_item_from_the_cli_is_checked_and_listed(
    tmp_path: Path, originals: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = make_vault(tmp_path / "vault", originals)
    try:
        recording = next(i for i in list_items(vault) if i.kind == "recording")
    finally:
        vault.lock()
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    said = "录音中催收员说：“再不还钱就去你家。”"
    note = ["note", "add", "--vault", str(tmp_path / "vault"), "--lender", LENDER]
    assert cli.main([*note, "--text", said, "--item", recording.id]) == 0
    assert cli.main([*note, "--text", "x", "--item", "no-such-item"]) != 0
    assert cli.main(["check", "--vault", str(tmp_path / "vault")]) == 0
    out = tmp_path / "bundle.zip"
    export = ["export", "--vault", str(tmp_path / "vault"), "--lender", LENDER, "--out", str(out)]
    assert cli.main(export) == 0
    assert verify_bundle(out).valid
    with zipfile.ZipFile(out) as archive:
        html = archive.read(layout.REPORT_HTML).decode("utf-8")
        listed = json.loads(archive.read(layout.MANIFEST))["items"]
    row = next(r for r in html.split("<tr>") if "_recording.m4a" in r)
    assert escape(said) in row and escape(wording.CONTENT_LABELS["zh_CN"]["note"]) in row
    # The note is also evidence in its own row; the recording's cell names its number.
    number = next(i["number"] for i in listed if i["kind"] == "note")
    assert escape(wording.CONTENT_LABELS["zh_CN"]["see"].format(numbers=number)) in row
    # The link is part of the record: changed behind the vault's back, evault check says so.
    vault = unlock_vault(tmp_path / "vault", PASSPHRASE)
    try:
        tamper(vault, "UPDATE notes SET item_id = NULL")
        problems = check_vault(vault).problems
        assert [p.kind for p in problems] == ["note_altered"] and "item_id" in problems[0].message
    finally:
        vault.lock()
