"""The case analysis as HTML fragments for the evidence report (vault.bundle).

For each lender of the exported items: the statistics (totals, the days with contacts,
contacts by hour of day) and the rule findings with their sources. Everything shown is
escaped; fragments use only plain tables so the PDF renderer needs no scripts.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from vault.analysis.events import Scope, contact_scope, lender_numbers, prepare
from vault.analysis.stats import compute_stats
from vault.dto import Finding, ItemDTO, LenderStats
from vault.rules.detector import detect, vault_pack_files
from vault.rules.packfile import Rule, load_packs
from vault.service import OpenVault

logger = logging.getLogger(__name__)

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "stats": "Contacts by {lender} ({zone})",
        "totals": (
            "{calls} calls attempted, {answered} answered, {sms} messages, "
            "{night} at night (22:00–08:00), {numbers} numbers; longest burst {burst} contacts."
        ),
        "day": "Day",
        "calls": "Calls",
        "answered": "Answered",
        "numbers": "Numbers",
        "sms": "Messages",
        "night": "Night",
        "burst": "Longest burst",
        "hour": "Hour",
        "contacts": "Contacts",
        "findings": "Conduct rules the evidence shows broken",
        "none": "No rule finding.",
        "rule": "Rule",
        "source": "Source",
        "count": "Count",
        "evidence": "Evidence",
        "in_force": "in force from",
        "events": "{n} call/message records",
        "items": "{n} items",
    },
    "zh_CN": {
        "stats": "{lender} 的联系统计（{zone}）",
        "totals": (
            "来电 {calls} 次，接通 {answered} 次，短信 {sms} 条，夜间（22:00–08:00）{night} 次，"
            "号码 {numbers} 个；最长连续骚扰 {burst} 次。"
        ),
        "day": "日期",
        "calls": "来电",
        "answered": "接通",
        "numbers": "号码数",
        "sms": "短信",
        "night": "夜间",
        "burst": "最长连续",
        "hour": "时段",
        "contacts": "联系次数",
        "findings": "证据显示的违规催收行为",
        "none": "未发现违规。",
        "rule": "规则",
        "source": "依据",
        "count": "次数",
        "evidence": "证据",
        "in_force": "施行日期",
        "events": "{n} 条通话/短信记录",
        "items": "{n} 件证据",
    },
    "zh_TW": {
        "stats": "{lender} 的聯繫統計（{zone}）",
        "totals": (
            "來電 {calls} 次，接通 {answered} 次，簡訊 {sms} 則，夜間（22:00–08:00）{night} 次，"
            "號碼 {numbers} 個；最長連續騷擾 {burst} 次。"
        ),
        "day": "日期",
        "calls": "來電",
        "answered": "接通",
        "numbers": "號碼數",
        "sms": "簡訊",
        "night": "夜間",
        "burst": "最長連續",
        "hour": "時段",
        "contacts": "聯繫次數",
        "findings": "證據顯示的違規催收行為",
        "none": "未發現違規。",
        "rule": "規則",
        "source": "依據",
        "count": "次數",
        "evidence": "證據",
        "in_force": "施行日期",
        "events": "{n} 筆通話/簡訊記錄",
        "items": "{n} 件證據",
    },
}


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def report_sections(vault: OpenVault, items: Sequence[ItemDTO], language: str) -> list[str]:
    """HTML fragments (statistics, findings) for every lender of ``items``."""
    labels = _LABELS.get(language, _LABELS["zh_CN"])
    english = language == "en"
    sections = []
    for lender in sorted({item.lender for item in items if item.lender}):
        stats, findings = lender_analysis(vault, lender)
        sections.append(_stats_html(stats, labels))
        sections.append(_findings_html(findings, labels, english=english))
    return sections


def lender_analysis(vault: OpenVault, lender: str) -> tuple[LenderStats, list[Finding]]:
    """``stats_for`` and ``find_violations`` of one lender, worked out side by side.

    Both are a few SQL queries over the lender's events, which SQLite runs without
    holding the GIL: the findings are worked out on a helper thread, on a read-only
    connection of its own (no connection crosses threads), while this thread works out
    the statistics, so on two cores the pair takes about as long as the longer of the
    two. Each reads in a transaction of its own; nothing writes in between, as all
    database work runs on the thread that calls this.
    """
    lender_id = vault.lender_id(lender)
    rules = [rule for pack in load_packs(vault_pack_files(vault.info.path)) for rule in pack.rules]
    items = vault.items(lender=lender)
    with vault.sessions() as session:
        scope = contact_scope(lender_numbers(session, lender_id))
    with ThreadPoolExecutor(1, thread_name_prefix="analysis") as helper:
        findings = helper.submit(_findings, vault, scope, rules, items)
        with vault.sessions() as session:
            conn = session.connection()
            prepare(conn)
            stats = compute_stats(conn, scope, lender, vault.tz.key)
        return stats, findings.result()


def _findings(
    vault: OpenVault, scope: Scope, rules: Sequence[Rule], items: Sequence[ItemDTO]
) -> list[Finding]:
    with vault.sessions() as session:
        conn = session.connection()
        prepare(conn)
        return detect(conn, scope, rules, items, vault.tz)


def _stats_html(stats: LenderStats, t: dict[str, str]) -> str:
    burst = stats.longest_burst.contacts if stats.longest_burst else 0
    parts = [
        f"<h3>{_e(t['stats'].format(lender=stats.lender, zone=stats.time_zone))}</h3>",
        "<p>"
        + _e(
            t["totals"].format(
                calls=stats.calls_attempted,
                answered=stats.calls_answered,
                sms=stats.sms,
                night=stats.night_contacts,
                numbers=stats.distinct_numbers,
                burst=burst,
            )
        )
        + "</p>",
    ]
    if stats.days:
        head = "".join(
            f"<th>{_e(t[k])}</th>"
            for k in ("day", "calls", "answered", "numbers", "sms", "night", "burst")
        )
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{_e(v)}</td>"
                for v in (
                    d.day.isoformat(),
                    d.calls_attempted,
                    d.calls_answered,
                    d.distinct_numbers,
                    d.sms,
                    d.night_contacts,
                    d.longest_burst,
                )
            )
            + "</tr>"
            for d in stats.days
        )
        parts.append(f'<table class="analysis-days"><tr>{head}</tr>{rows}</table>')
        hours = "".join(f"<th>{h:02d}</th>" for h in range(24))
        counts = "".join(f"<td>{n}</td>" for n in stats.hours)
        parts.append(
            f'<table class="analysis-hours"><tr><th>{_e(t["hour"])}</th>{hours}</tr>'
            f"<tr><th>{_e(t['contacts'])}</th>{counts}</tr></table>"
        )
    return "\n".join(parts)


def _findings_html(findings: list[Finding], t: dict[str, str], *, english: bool) -> str:
    parts = [f"<h3>{_e(t['findings'])}</h3>"]
    if not findings:
        parts.append(f"<p>{_e(t['none'])}</p>")
        return "\n".join(parts)
    head = "".join(f"<th>{_e(t[k])}</th>" for k in ("day", "rule", "source", "count", "evidence"))
    rows = []
    for f in findings:
        title = f.source.title_en if english else f.source.title_zh
        article = f" {f.source.article}" if f.source.article else ""
        source = f"{title}{article} ({t['in_force']} {f.source.in_force.isoformat()})"
        evidence = (
            t["events"].format(n=len(f.event_ids))
            if f.event_ids
            else t["items"].format(n=len(f.item_ids))
        )
        limit = f" / {f.limit}" if f.limit is not None else ""
        rows.append(
            "<tr>"
            f"<td>{_e(f.day.isoformat() if f.day else '')}</td>"
            f"<td>{_e(f.description_en if english else f.description_zh)}</td>"
            f"<td>{_e(source)}</td>"
            f"<td>{_e(f'{f.count}{limit}')}</td>"
            f"<td>{_e(evidence)}</td>"
            "</tr>"
        )
    parts.append(f'<table class="analysis-findings"><tr>{head}</tr>{"".join(rows)}</table>')
    return "\n".join(parts)


__all__ = ["lender_analysis", "report_sections"]
