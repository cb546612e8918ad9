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
from vault.bundle.report import evidence_list, wording
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
