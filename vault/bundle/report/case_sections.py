"""The case-analysis part of the evidence list: harassment statistics, charts, rule findings.

The figures come from the case analysis (``vault.case.stats.stats_for`` over the
imported call-log and SMS backups, ``vault.case.rules.detector.find_violations`` for the
rule findings); this module only lays them out as HTML that Qt's rich-text engine and
any browser render alike. Charts are horizontal bars drawn with table cells, so they
need no image and stay sharp in the PDF.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from vault.bundle.report import wording
from vault.case.complaints import complaints
from vault.case.rules.detector import rule_results
from vault.case.stats import stats_for
from vault.dto import ComplaintDTO, Finding, LenderStats, NotInForce, PackSummary
from vault.errors import VaultError
from vault.handle import OpenVault

logger = logging.getLogger(__name__)

BAR_COLOUR = "#b03a2e"
MAX_DAY_ROWS = 120  # days with most calls beyond this are listed, the rest summarised


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def analysis_sections(
    vault: OpenVault,
    lenders: Sequence[str],
    language: str,
    *,
    start: date | None = None,
    end: date | None = None,
) -> list[str]:
    """HTML sections (statistics, charts, findings, complaints) for each lender, within the
    dates given; one section per lender.

    When the analysis cannot run (a damaged backup table, a broken rule pack) the
    evidence list goes out without these sections rather than not at all; the failure
    is logged.
    """
    sections = []
    for lender in lenders:
        parts = []
        try:
            stats = stats_for(vault, lender, start=start, end=end)
            results = rule_results(vault, lender)
            findings = [
                f
                for f in results.findings
                if f.day is None
                or ((start is None or f.day >= start) and (end is None or f.day <= end))
            ]
            early = [
                n
                for n in results.not_in_force
                if (start is None or n.last >= start) and (end is None or n.first <= end)
            ]
        except VaultError as error:
            logger.warning("case analysis left out of the report: %s", type(error).__name__)
        else:
            parts.append(
                render_stats(
                    stats, findings, language, vault.tz, not_in_force=early, packs=results.packs
                )
            )
        try:
            parts.append(render_complaints(lender, complaints(vault, lender), language))
        except VaultError as error:
            logger.warning("complaints left out of the report: %s", type(error).__name__)
        if parts:
            sections.append("\n".join(parts))
    return sections


def render_complaints(lender: str, filed: Sequence[ComplaintDTO], language: str) -> str:
    """The lender's complaints record: where each was filed, when, its reference, status."""
    text = wording.COMPLAINTS[language if language in wording.COMPLAINTS else "zh_CN"]
    colon = "：" if language != "en" else ": "
    parts = [f"<h3>{_e(text['title'])}{colon}{_e(lender)}</h3>"]
    if not filed:
        parts.append(f"<p>{_e(text['none'])}</p>")
        return "\n".join(parts)
    columns = (
        ("channel", "22%"),
        ("filed_on", "12%"),
        ("reference", "18%"),
        ("status", "12%"),
        ("follow_up", "12%"),
        ("notes", "24%"),
    )
    head = "".join(f'<th width="{w}">{_e(text[k])}</th>' for k, w in columns)
    parts += [
        '<table class="list" border="1" cellspacing="0" cellpadding="2" width="100%">',
        f"<thead><tr>{head}</tr></thead>",
    ]
    for c in sorted(filed, key=lambda c: (c.filed_on, c.id)):
        cells = (
            text.get(c.channel, c.channel),
            c.filed_on.isoformat(),
            c.reference or "—",
            text.get(c.status, c.status),
            c.next_follow_up.isoformat() if c.next_follow_up else "—",
            c.notes or "—",
        )
        parts.append(
            "<tr>" + "".join(f'<td valign="top">{_e(cell)}</td>' for cell in cells) + "</tr>"
        )
    parts.append("</table>")
    return "\n".join(parts)


def render_stats(
    stats: LenderStats,
    findings: Sequence[Finding],
    language: str,
    zone: ZoneInfo,
    *,
    not_in_force: Sequence[NotInForce] = (),
    packs: Sequence[PackSummary] = (),
    with_findings: bool = True,
) -> str:
    """The statistics, charts and (unless ``with_findings`` is False) the findings table."""
    text = wording.CASE_SECTIONS[language if language in wording.CASE_SECTIONS else "zh_CN"]
    parts = [f"<h3>{_e(text['stats'])}{'：' if language != 'en' else ': '}{_e(stats.lender)}</h3>"]
    if not stats.days:
        parts.append(f"<p>{_e(text['none'])}</p>")
    else:
        burst = "—"
        if stats.longest_burst is not None:
            b = stats.longest_burst
            burst = (
                f"{b.contacts} ({b.start.astimezone(zone):%Y-%m-%d %H:%M}–"
                f"{b.end.astimezone(zone):%H:%M})"
            )
        rows = [
            (text["attempted"], stats.calls_attempted),
            (text["answered"], stats.calls_answered),
            (text["zero_seconds"], stats.calls_zero_seconds),
            (text["sms"], stats.sms),
            (text["night"], stats.night_contacts),
            (text["numbers"], stats.distinct_numbers),
            (text["burst"], burst),
        ]
        parts.append('<table border="1" cellspacing="0" cellpadding="2">')
        parts += [f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows]
        parts.append("</table>")
        days = sorted(stats.days, key=lambda d: d.calls_attempted, reverse=True)[:MAX_DAY_ROWS]
        shown = sorted(days, key=lambda d: d.day)
        parts.append(f"<h4>{_e(text['per_day'])}</h4>")
        parts.append(
            _bars(
                [(d.day.isoformat(), d.calls_attempted) for d in shown],
                text["day"],
                text["count"],
            )
        )
        if len(stats.days) > len(shown):
            more = text["more_days"].format(n=len(stats.days) - len(shown))
            parts.append(f'<p class="small">{_e(more)}</p>')
        parts.append(f"<h4>{_e(text['per_hour'])}</h4>")
        parts.append(
            _bars(
                [(f"{h:02d}:00–{h:02d}:59", n) for h, n in enumerate(stats.hours)],
                text["hour"],
                text["count"],
            )
        )
    if with_findings:
        parts.append(render_findings(findings, language))
    if not_in_force:
        parts.append(_not_in_force(not_in_force, language))
    if packs:
        parts.append(_sources(packs, language))
    return "\n".join(parts)


def _sources(packs: Sequence[PackSummary], language: str) -> str:
    """Each rule pack checked, its version, and where and when its wording was checked."""
    text = wording.RULE_WORDS[language if language in wording.RULE_WORDS else "zh_CN"]
    out = [f"<h4>{_e(text['sources_heading'])}</h4>", '<ul class="small">']
    for pack in packs:
        heading, lines = wording.source_lines(pack, language)
        note = pack.source.note
        body = "".join(f"<br/>{_e(line)}" for line in lines)
        if note and language == "en":  # the pack's own note is written in English
            body += f"<br/>{_e(note)}"
        out.append(f"<li>{_e(heading)}{body}</li>")
    out.append("</ul>")
    return "\n".join(out)


def render_findings(findings: Sequence[Finding], language: str) -> str:
    """The findings' heading and table: each rule broken, its source, day, count, limit."""
    text = wording.CASE_SECTIONS[language if language in wording.CASE_SECTIONS else "zh_CN"]
    return f"<h4>{_e(text['findings'])}</h4>\n{_findings(findings, text, language)}"


def _not_in_force(facts: Sequence[NotInForce], language: str) -> str:
    """Per rule, the evidence it left out as older than its date in force, and why."""
    heading = wording.NOT_IN_FORCE[language if language in wording.NOT_IN_FORCE else "zh_CN"]
    out = [f"<h4>{_e(heading['heading'])}</h4>", "<ul>"]
    for fact in facts:
        description = fact.description_en if language == "en" else fact.description_zh
        sentence = wording.not_in_force_sentence(fact, language)
        out.append(f"<li>{_e(description)}<br/>{_e(sentence)}</li>")
    out.append("</ul>")
    return "\n".join(out)


def _bars(rows: Sequence[tuple[str, int]], label: str, count: str) -> str:
    top = max((n for _, n in rows), default=0) or 1
    out = [
        '<table class="list" border="1" cellspacing="0" cellpadding="1" width="100%">',
        f'<thead><tr><th width="16%">{_e(label)}</th><th width="8%">{_e(count)}</th>'
        '<th width="76%"></th></tr></thead>',
    ]
    for name, n in rows:
        width = max(1, round(100 * n / top)) if n else 0
        bar = (
            '<table cellspacing="0" cellpadding="0" width="100%"><tr>'
            + (f'<td width="{width}%" bgcolor="{BAR_COLOUR}">&nbsp;</td>' if width else "")
            + (f'<td width="{100 - width}%">&nbsp;</td>' if width < 100 else "")
            + "</tr></table>"
        )
        out.append(f"<tr><td>{_e(name)}</td><td>{n}</td><td>{bar}</td></tr>")
    out.append("</table>")
    return "\n".join(out)


def _findings(findings: Sequence[Finding], text: dict[str, str], language: str) -> str:
    if not findings:
        return f"<p>{_e(text['no_findings'])}</p>"
    out = [
        '<table class="list" border="1" cellspacing="0" cellpadding="2" width="100%">',
        f'<thead><tr><th width="30%">{_e(text["rule"])}</th><th width="24%">{_e(text["source"])}</th>'
        f'<th width="20%">{_e(text["counted"])}</th>'
        f'<th width="12%">{_e(text["when"])}</th><th width="7%">{_e(text["count"])}</th>'
        f'<th width="7%">{_e(text["limit"])}</th></tr></thead>',
    ]
    for f in findings:
        description = f.description_en if language == "en" else f.description_zh
        title = f.source.title_en if language == "en" else f.source.title_zh
        source = f"{title}（{f.source.issuer}）" + (
            f" {f.source.article}" if f.source.article else ""
        )
        day = f.day.isoformat() if f.day else "—"
        limit = "—" if f.limit is None else str(f.limit)
        counted = wording.counted_sentence(f, language) or "—"
        out.append(
            f"<tr><td>{_e(description)}</td><td>{_e(source)}</td><td>{_e(counted)}</td>"
            f"<td>{_e(day)}</td><td>{f.count}</td><td>{_e(limit)}</td></tr>"
        )
    out.append("</table>")
    return "\n".join(out)
