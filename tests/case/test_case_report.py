"""The case analysis as HTML fragments for the evidence report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.case.case_xml import ANSWERED, MISSED, Call, write_calls
from tests.case.conftest import COLLECTOR
from vault.bundle.report.case_sections import analysis_sections
from vault.case import lender_analysis
from vault.case.complaints import add_complaint
from vault.case.rules.detector import find_violations
from vault.case.stats import stats_for
from vault.handle import OpenVault
from vault.importing import import_backup
from vault.lenders import add_lender


def test_report_sections_show_statistics_and_findings_escaped(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(case_vault, "<b>贷</b>", numbers=[COLLECTOR])
    calls = [Call(COLLECTOR, "2026-03-02 23:10", MISSED), Call(COLLECTOR, "2026-03-02 10:00")]
    import_backup(case_vault, write_calls(tmp_path / "calls.xml", calls), lender="<b>贷</b>")
    (chinese,) = analysis_sections(case_vault, ["<b>贷</b>"], "zh_CN")
    assert "&lt;b&gt;贷&lt;/b&gt;" in chinese and "<b>贷" not in chinese
    assert "<tr><td>来电次数</td><td>2</td></tr>" in chinese and "GB/T 45251-2025" in chinese
    (english,) = analysis_sections(case_vault, ["<b>贷</b>"], "en")
    assert "&lt;b&gt;贷&lt;/b&gt;" in english and "<tr><td>Calls</td><td>2</td></tr>" in english
    assert analysis_sections(case_vault, [], "en") == []


def test_lender_analysis_finds_what_stats_for_and_find_violations_find(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    # lender_analysis works the two out side by side, on two connections.
    calls = [Call(COLLECTOR, f"2026-03-0{d} {h:02d}:05", MISSED) for d in (2, 3) for h in range(24)]
    import_backup(case_vault, write_calls(tmp_path / "calls.xml", calls), lender="微粒貸")
    stats, findings = lender_analysis(case_vault, "微粒貸")
    assert stats == stats_for(case_vault, "微粒貸") and stats.calls_attempted == 48
    assert findings == find_violations(case_vault, "微粒貸") and findings


def test_the_complaints_record_is_in_the_lenders_section_escaped(
    case_vault: OpenVault,
) -> None:
    add_lender(case_vault, "好运贷")
    add_complaint(
        case_vault,
        "好运贷",
        channel="nifa",
        filed_on=date(2026, 3, 4),
        reference="<script>NIFA-17</script>",
        status="in_progress",
        next_follow_up=date(2026, 3, 18),
        notes="客服说三个工作日内回复",
    )
    add_complaint(case_vault, "好运贷", channel="police_110", filed_on=date(2026, 3, 1))
    (chinese,) = analysis_sections(case_vault, ["好运贷"], "zh_CN")
    record = chinese[chinese.index("投诉记录") :]
    for shown in ("中国互联网金融协会网上投诉", "处理中", "2026-03-18", "客服说三个工作日内回复"):
        assert shown in record, shown
    assert "&lt;script&gt;NIFA-17&lt;/script&gt;" in record and "<script>" not in record
    assert record.index("报警（110）") < record.index("中国互联网金融协会")  # by date filed
    (english,) = analysis_sections(case_vault, ["好运贷"], "en")
    assert "NIFA online complaint" in english and "In progress" in english
    assert "in_progress" not in english and "police_110" not in english
    (none,) = analysis_sections(case_vault, ["微粒貸"], "zh_TW")
    assert "尚未記錄對該平台的投訴" in none


def test_report_shows_zero_second_calls_what_was_counted_and_dated_sources(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    calls = [Call(COLLECTOR, f"2026-03-02 1{i}:00", ANSWERED, 30) for i in range(4)]
    calls += [Call(COLLECTOR, "2026-03-02 09:00", ANSWERED, 0)]
    import_backup(case_vault, write_calls(tmp_path / "calls.xml", calls), lender="微粒貸")
    (chinese,) = analysis_sections(case_vault, ["微粒貸"], "zh_CN")
    assert "<tr><td>接通次数（通话时长大于0秒）</td><td>4</td></tr>" in chinese
    assert "0秒来电（记为接听但时长为0，未接通，不计入接通）</td><td>1</td>" in chinese
    assert (
        "催收号码打入并接通（时长大于0秒）的来电；当日0秒来电（未接通，未计入接通）：1 个。"
        in chinese
    )
    assert "规则来源及核对日期" in chinese and "2026-12-03 核对：" in chinese
    assert "规则包 cba-2026，第 2 版" in chinese and "（未经原文核实）" in chinese
    (english,) = analysis_sections(case_vault, ["微粒貸"], "en")
    assert "<tr><td>Calls connected (longer than 0 seconds)</td><td>4</td></tr>" in english
    assert "0-second calls that day (not connected, not counted as connected): 1." in english
    assert "rule pack nifa-2018, version 2" in english
