"""The case analysis as HTML fragments for the evidence report."""

from __future__ import annotations

from pathlib import Path

from tests.case.case_xml import MISSED, Call, write_calls
from tests.case.conftest import COLLECTOR
from vault.analysis import report_sections
from vault.backup.importer import import_backup
from vault.service import OpenVault


def test_report_sections_show_statistics_and_findings_escaped(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    case_vault.add_lender("<b>贷</b>", numbers=[COLLECTOR])
    calls = [Call(COLLECTOR, "2026-03-02 23:10", MISSED), Call(COLLECTOR, "2026-03-02 10:00")]
    import_backup(case_vault, write_calls(tmp_path / "calls.xml", calls), lender="<b>贷</b>")
    items = case_vault.items(lender="<b>贷</b>")
    stats_html, findings_html = report_sections(case_vault, items, "zh_CN")
    assert "&lt;b&gt;贷&lt;/b&gt;" in stats_html and "<b>贷" not in stats_html
    assert "来电 2 次" in stats_html and "<td>2026-03-02</td>" in stats_html
    assert "GB/T 45251-2025" in findings_html and "施行日期 2025-02-28" in findings_html
    assert findings_html.count("<tr>") == 1 + 3, "one header and the three night rules"
    english = report_sections(case_vault, items, "en")
    assert "2 calls attempted" in english[0] and "No collection between 22:00" in english[1]
    assert report_sections(case_vault, [], "en") == []
