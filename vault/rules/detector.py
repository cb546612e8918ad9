"""The violation detector: each rule of each pack checked against a lender's evidence.

Days and hours are local to the vault's time zone. A rule looks only at events (and
items) of days on or after its date in force. Checks:

- ``quiet_hours``: inbound contacts of the listed kinds whose local time is in
  [start, end) — a window may wrap past midnight, so 22:00–08:00 covers 22:00:00 up to
  07:59:59.999 and neither 21:59 nor 08:00. One finding per local day.
- ``daily_max``: per local day, a measure above the limit (one finding per day):
  ``answered_calls`` (inbound calls picked up), ``unanswered_call_attempts`` (inbound
  calls missed, rejected, blocked or sent to voicemail), ``call_attempts`` (both),
  ``contacts`` (calls attempted and messages received). Every event counted is
  listed as evidence. All events in a vault come from the debtor's own phone, so "per
  debtor" and "to the same contact number" both mean per day here.
- ``category``: the lender's items filed under one of the categories (one finding
  listing every such item dated on or after the rule's date in force).

Findings name the rule and its source, the evidence (event ids and the ids of the
backup items they came from, or item ids) and the count.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from vault.analysis.events import EventRow, events_for_numbers, lender_numbers
from vault.dto import Finding, ItemDTO
from vault.rules.packfile import CategoryCheck, DailyMax, QuietHours, Rule, RulePack, load_packs
from vault.service import OpenVault

logger = logging.getLogger(__name__)

LOCAL_RULES_DIR = "rules"  # a vault's own extra packs: <vault>/rules/*.json


def find_violations(
    vault: OpenVault, lender: str, *, packs: Sequence[RulePack] | None = None
) -> list[Finding]:
    """Findings for ``lender`` under the shipped packs plus the vault's own ``rules/`` packs."""
    lender_id = vault.lender_id(lender)
    if packs is None:
        packs = load_packs(vault_pack_files(vault.info.path))
    with vault.sessions() as session:
        events = events_for_numbers(
            session, lender_numbers(session, lender_id), vault.tz, with_text=False
        )
    items = vault.items(lender=lender)
    return detect([rule for pack in packs for rule in pack.rules], events, items, vault.tz)


def vault_pack_files(path: Path) -> list[Path]:
    """A vault's own extra rule packs: ``<vault>/rules/*.json``."""
    folder = path / LOCAL_RULES_DIR
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def detect(
    rules: Iterable[Rule], events: Sequence[EventRow], items: Sequence[ItemDTO], tz: ZoneInfo
) -> list[Finding]:
    """Every finding of ``rules`` over ``events`` (oldest first) and ``items``."""
    findings: list[Finding] = []
    for rule in rules:
        check = rule.check
        if isinstance(check, QuietHours):
            findings += _quiet_hours(rule, check, events)
        elif isinstance(check, DailyMax):
            findings += _daily_max(rule, check, events)
        elif isinstance(check, CategoryCheck):
            findings += _categories(rule, check, items, tz)
    findings.sort(key=lambda f: (f.day or date.min, f.rule_id))
    return findings


def _quiet_hours(rule: Rule, check: QuietHours, events: Sequence[EventRow]) -> list[Finding]:
    wraps = check.start > check.end
    by_day: dict[date, list[EventRow]] = defaultdict(list)
    for event in events:
        if not event.inbound or event.kind not in check.kinds:
            continue
        day = event.day
        if not rule.applies_on(day):
            continue
        clock = event.local.time()
        inside = (
            (clock >= check.start or clock < check.end)
            if wraps
            else check.start <= clock < check.end
        )
        if inside:
            by_day[day].append(event)
    return [_finding(rule, day, group, None) for day, group in sorted(by_day.items())]


def _counts(measure: str, event: EventRow) -> bool:
    if measure == "answered_calls":
        return event.answered
    if measure == "unanswered_call_attempts":
        return event.call_attempt and not event.answered
    if measure == "call_attempts":
        return event.call_attempt
    return event.call_attempt or event.message  # contacts


def _daily_max(rule: Rule, check: DailyMax, events: Sequence[EventRow]) -> list[Finding]:
    by_day: dict[date, list[EventRow]] = defaultdict(list)
    for event in events:
        if _counts(check.measure, event):
            day = event.day
            if rule.applies_on(day):
                by_day[day].append(event)
    return [
        _finding(rule, day, group, check.max)
        for day, group in sorted(by_day.items())
        if len(group) > check.max
    ]


def _categories(
    rule: Rule, check: CategoryCheck, items: Sequence[ItemDTO], tz: ZoneInfo
) -> list[Finding]:
    matching = [
        item
        for item in items
        if check.categories & set(item.categories)
        and rule.applies_on((item.incident_at or item.captured_at).astimezone(tz).date())
    ]
    if not matching:
        return []
    return [
        Finding(
            rule_id=rule.id,
            pack=rule.pack,
            source=rule.source,
            description_zh=rule.description_zh,
            description_en=rule.description_en,
            day=None,
            count=len(matching),
            limit=None,
            event_ids=(),
            item_ids=tuple(item.id for item in matching),
        )
    ]


def _finding(rule: Rule, day: date, events: list[EventRow], limit: int | None) -> Finding:
    return Finding(
        rule_id=rule.id,
        pack=rule.pack,
        source=rule.source,
        description_zh=rule.description_zh,
        description_en=rule.description_en,
        day=day,
        count=len(events),
        limit=limit,
        event_ids=tuple(e.id for e in events),
        item_ids=tuple(sorted({e.item_id for e in events})),
    )


__all__ = ["LOCAL_RULES_DIR", "detect", "find_violations", "vault_pack_files"]
