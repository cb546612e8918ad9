"""The evidence list reads plainly: the zone in words, no raw codes, screenshots large
enough to see, body text in proportion to its headings."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from html import escape
from zoneinfo import ZoneInfo

import pytest

from tests.bundle.conftest import Exported
from vault.bundle import layout
from vault.bundle.export import note_item
from vault.bundle.manifest import ExportedItem
from vault.bundle.report import content, evidence_list, wording
from vault.bundle.report.evidence_list import ReportInput
from vault.bundle.report.facts import ItemFacts
from vault.dto import NoteDTO


@pytest.mark.parametrize(
    ("zone", "language", "shown"),
    [
        ("Etc/UTC", "zh_CN", "协调世界时（UTC）"),
        ("UTC", "en", "Coordinated Universal Time (UTC)"),
        ("Asia/Shanghai", "zh_CN", "北京时间（UTC+08:00）"),
        ("Asia/Taipei", "zh_TW", "台北時間（UTC+08:00）"),
        ("America/St_Johns", "en", "UTC-02:30"),  # summer time, no name: the offset alone
        ("Asia/Kathmandu", "zh_CN", "UTC+05:45"),
    ],
)
def test_the_zone_is_said_in_plain_words(zone: str, language: str, shown: str) -> None:
    at = datetime(2026, 7, 1, tzinfo=UTC)
    assert evidence_list.zone_text(ZoneInfo(zone), at, language) == shown


def test_every_time_source_has_words_in_every_language() -> None:
    sources = {"exif", "container", "file_name", "file_mtime", "import_time", "user"}
    sources.add("backup_newest_row")
    for language in evidence_list.LANGUAGES:
        assert sources <= set(wording.TIME_SOURCE_LABELS[language]), language
        assert set(wording.KIND_LABELS[language]) >= {"note", "backup", "screenshot"}


@pytest.mark.parametrize("language", evidence_list.LANGUAGES)
def test_no_time_source_code_reaches_the_list(language: str) -> None:
    note = NoteDTO(7, "好运贷", "上门", datetime(2026, 3, 2, tzinfo=UTC), 480)
    item, data = note_item(note)
    backup = replace(item, id="a", kind="backup", time_source="backup_newest_row")
    later = replace(item, id="b", kind="backup", time_source="a_code_of_a_later_version")
    rows = [
        ExportedItem(1, "evidence/x/001_2026-03-02_backup.xml", backup, ()),
        ExportedItem(2, "evidence/x/002_2026-03-02_backup.xml", later, ()),
    ]
    html = evidence_list.render_html(
        evidence_list.ReportInput(
            language=language,
            bundle_id="b",
            created_at=datetime(2026, 3, 3, tzinfo=UTC),
            time_zone=ZoneInfo("Etc/UTC"),
            fingerprint="SHA256:x",
            lenders=[],
            items=[*rows, ExportedItem(3, "evidence/x/003_2026-03-02_note.txt", item, (), data)],
        )
    )
    assert "backup_newest_row" not in html and "a_code_of_a_later_version" not in html
    assert "Etc/UTC" not in html
    assert escape(wording.TIME_SOURCE_LABELS[language]["backup_newest_row"]) in html
    assert wording.UNKNOWN_TIME_SOURCE[language] in html


def test_the_exported_list_is_readable(exported: Exported) -> None:
    with zipfile.ZipFile(exported.bundle) as archive:
        html = archive.read(layout.REPORT_HTML).decode("utf-8")
    assert "Asia/Shanghai" not in html and "北京时间（UTC+08:00）" in html
    widths = [
        int(w) for w in re.findall(r'<img src="data:image/jpeg;base64,[^"]+" width="(\d+)"', html)
    ]
    assert len(widths) == 4 and min(widths) >= 160  # three screenshots and the photo
    sizes = {
        rule: float(size)
        for rule, size in re.findall(r"^([a-z0-9., ]+) \{[^}]*font-size: ([\d.]+)pt", html, re.M)
    }
    assert sizes["body"] >= 10 and sizes["h1"] / sizes["body"] <= 1.6, sizes
    assert sizes["table.list td"] >= 9, sizes
    # The espeak-ng call recording lasts some three seconds; it is audio-visual material.
    assert re.search(r'<td valign="top">(?:<img [^>]*>)?0:0[2-5]</td>', html), "no length"
    assert "视听资料" in html and "电子数据原件" in html


def _report(language: str, rows: list[ExportedItem], facts: dict[str, ItemFacts]) -> ReportInput:
    return evidence_list.ReportInput(
        language=language,
        bundle_id="b",
        created_at=datetime(2026, 3, 3, tzinfo=UTC),
        time_zone=ZoneInfo("Asia/Shanghai"),
        fingerprint="SHA256:x",
        lenders=[],
        items=rows,
        facts=facts,
    )


LONG_NOTE = "\n".join(f"第 {n} 次：催收员打电话说要上门。" for n in range(1, 12))


def _content_rows() -> tuple[list[ExportedItem], dict[str, ItemFacts]]:
    note, data = note_item(NoteDTO(7, "好运贷", LONG_NOTE, datetime(2026, 3, 2, tzinfo=UTC), 480))
    call = replace(note, id="c", kind="recording", original_name="13800138000_20260302.m4a")
    shot = replace(note, id="s", kind="screenshot", original_name="Screenshot_20260302.png")
    rows = [
        ExportedItem(1, "evidence/x/001_2026-03-02_recording.m4a", call, ()),
        ExportedItem(2, "evidence/x/002_2026-03-02_screenshot.png", shot, ()),
        ExportedItem(3, "evidence/x/003_2026-03-02_note.txt", note, (), data),
    ]
    facts = {
        "c": ItemFacts(content.transcript_content("催收方：今天不还就去你家。"), 3725.4),
        "s": ItemFacts(content.ocr_content("再不还就爆你通讯录")),
    }
    return rows, facts


@pytest.mark.parametrize("language", evidence_list.LANGUAGES)
def test_the_list_has_the_columns_of_a_court_form(language: str) -> None:
    rows, facts = _content_rows()
    html = evidence_list.render_html(_report(language, rows, facts))
    text = wording.EVIDENCE_LIST[language]
    for key, _ in evidence_list.COLUMNS:
        assert f">{escape(text[key])}</th>" in html, key
    forms = wording.FORM_LABELS[language]
    for form in ("audio_visual", "electronic_data", "party_statement"):
        assert escape(forms[form]) in html, form
    assert escape(wording.ORIGINALITY_LABELS[language]["original_electronic"]) in html
    assert escape(wording.ORIGINALITY_LABELS[language]["original_statement"]) in html
    assert "1:02:05" in html  # the recording's length
    assert escape(text["pages"].format(n=1)) in html  # a screenshot is one page
    assert escape(text["submitter"]) in html and escape(text["forms_note"]) in html
    labels = wording.CONTENT_LABELS[language]
    assert escape(labels["transcript"]) in html and "催收方：今天不还就去你家。" in html
    assert escape(labels["ocr"]) in html  # machine-read text says so
    # On a screen the cell holds the full text; there is no appendix.
    assert "第 11 次" in html and escape(text["appendix_title"]) not in html
    assert rows[0].item.sha256 in html, "a hash is one word: found and copied whole"


@pytest.mark.parametrize("language", evidence_list.LANGUAGES)
def test_the_printed_list_keeps_long_content_for_its_appendix(language: str) -> None:
    rows, facts = _content_rows()
    screen, printed = evidence_list.render_screen_and_print(_report(language, rows, facts))
    text = wording.EVIDENCE_LIST[language]
    assert escape(text["appendix_title"]) not in screen
    appendix = printed.split(f"<h2>{escape(text['appendix_title'])}</h2>", 1)[1]
    listed = printed.split(f"<h2>{escape(text['appendix_title'])}</h2>", 1)[0]
    assert "第 11 次" not in listed and "第 4 次" in listed  # the cell: the first lines
    assert escape(text["more"].format(number=3)) in listed
    assert "第 1 次" in appendix and "第 11 次" in appendix  # the appendix: all of it
    heading = text["appendix_item"].format(number=3, name=text["note_name"])
    assert escape(heading) in appendix
    assert "再不还就爆你通讯录" not in appendix  # short content stays in its cell alone
