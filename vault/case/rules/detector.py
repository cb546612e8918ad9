"""The violation detector: each rule of each pack checked against a lender's evidence.

Days and hours are local to the vault's time zone. A rule looks only at events (and
items) of days on or after its date in force. Checks:

- ``quiet_hours``: inbound contacts of the listed kinds whose local time is in
  [start, end) — a window may wrap past midnight, so 22:00–08:00 covers 22:00:00 up to
  07:59:59.999 and neither 21:59 nor 08:00. One finding per local day.
- ``daily_max``: per local day, a measure above the limit (one finding per day):
  ``connected_calls`` (collector-initiated calls that connected: inbound from one of
  the lender's numbers, picked up, lasting more than 0 seconds; ``answered_calls`` is
  the same), ``unanswered_call_attempts`` (inbound calls missed, rejected, blocked or
  sent to voicemail, and inbound calls logged as picked up that lasted 0 seconds),
  ``call_attempts`` (both), ``contacts`` (calls attempted and messages received).
  Every event counted is listed as evidence, and the finding says what it counted
  (``counted``) and how many of the day's inbound calls lasted 0 seconds
  (``zero_second_calls``). All events in a vault come from the debtor's own phone, so
  "per debtor" and "to the same contact number" both mean per day here; the user's
  own outgoing calls are never counted.
- ``category``: the lender's items filed under one of the categories (one finding
  listing every such item dated on or after the rule's date in force). A category the
  user assigned is all a rule needs: categories confirmed from a screenshot's text
  recognition are item categories like any other.

What a rule would have counted on days before its date in force is not a finding, but
it is not silence either: :func:`check_rules` also returns, per rule, how many contacts
(or items) it left out for that reason (:class:`vault.dto.NotInForce`), so the user
reads "these calls predate the rule's date in force" instead of nothing.

Findings name the rule and its source, the evidence (event ids and the ids of the
backup items they came from, or item ids) and the count.

The event rules of all packs are checked by one query grouped by local day over the
integer columns written on import; rules that count the same events share a column,
and each rule then keeps the days it is in force (and, for ``daily_max``, the days
above its limit).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from vault.case.events import (
    CONNECTED,
    ZERO_SECONDS,
    Scope,
    contact_scope,
    day_of,
    lender_numbers,
    prepare,
)
from vault.case.rules.packfile import (
    CategoryCheck,
    DailyMax,
    QuietHours,
    Rule,
    RulePack,
    load_packs,
)
from vault.db.backup import MESSAGE, UNANSWERED_CALL
from vault.dto import Finding, ItemDTO, NotInForce, PackSummary, RuleResults
from vault.handle import OpenVault
from vault.items import list_items
from vault.lenders import lender_id_of

logger = logging.getLogger(__name__)

LOCAL_RULES_DIR = "rules"  # a vault's own extra packs: <vault>/rules/*.json


def find_violations(
    vault: OpenVault, lender: str, *, packs: Sequence[RulePack] | None = None
) -> list[Finding]:
    """Findings for ``lender`` under the shipped packs plus the vault's own ``rules/`` packs."""
    return list(rule_results(vault, lender, packs=packs).findings)


def rule_results(
    vault: OpenVault, lender: str, *, packs: Sequence[RulePack] | None = None
) -> RuleResults:
    """:func:`find_violations` with what each rule left out as not yet in force."""
    lender_id = lender_id_of(vault, lender)
    if packs is None:
        packs = load_packs(vault_pack_files(vault.info.path))
    items = list_items(vault, lender=lender)
    rules = [rule for pack in packs for rule in pack.rules]
    with vault.sessions() as session:
        scope = contact_scope(lender_numbers(session, lender_id))
        conn = session.connection()
        prepare(conn)
        results = check_rules(conn, scope, rules, items, vault.tz)
    return with_packs(results, packs)


def with_packs(results: RuleResults, packs: Iterable[RulePack]) -> RuleResults:
    """``results`` saying which packs (versions, sources) were checked."""
    summaries = tuple(PackSummary(p.pack, p.version, p.source) for p in packs)
    return RuleResults(results.findings, results.not_in_force, summaries)


def vault_pack_files(path: Path) -> list[Path]:
    """A vault's own extra rule packs: ``<vault>/rules/*.json``."""
    folder = path / LOCAL_RULES_DIR
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def detect(
    conn: Connection, scope: Scope, rules: Iterable[Rule], items: Sequence[ItemDTO], tz: ZoneInfo
) -> list[Finding]:
    """Every finding of ``rules`` over the contacts ``scope`` chooses and over ``items``."""
    return list(check_rules(conn, scope, rules, items, tz).findings)


def check_rules(
    conn: Connection, scope: Scope, rules: Iterable[Rule], items: Sequence[ItemDTO], tz: ZoneInfo
) -> RuleResults:
    """:func:`detect`, with per rule what it left out as predating its date in force."""
    findings: list[Finding] = []
    early: dict[str, _Early] = {}  # rule id -> what it left out, in the order of ``rules``
    event_rules: list[tuple[Rule, Condition]] = []
    rules = list(rules)
    for rule in rules:
        check = rule.check
        if isinstance(check, CategoryCheck):
            findings += _categories(rule, check, items, tz, early)
        elif isinstance(check, QuietHours | DailyMax):
            event_rules.append((rule, _condition(check)))
    if event_rules and not scope.empty:
        findings += _per_day(conn, scope, event_rules, early)
    findings.sort(key=lambda f: (f.day or date.min, f.rule_id))
    order = {rule.id: index for index, rule in enumerate(rules)}
    skipped = sorted(early.values(), key=lambda e: order[e.rule.id])
    return RuleResults(tuple(findings), tuple(e.fact() for e in skipped))


class _Early:
    """What one rule would have counted before its date in force."""

    def __init__(self, rule: Rule, what: str, day: date) -> None:
        self.rule, self.what = rule, what
        self.count, self.first, self.last = 0, day, day

    def add(self, what: str, day: date, count: int) -> None:
        if what != self.what:  # some days calls only, others messages too
            self.what = "contacts"
        self.count += count
        self.first, self.last = min(self.first, day), max(self.last, day)

    def fact(self) -> NotInForce:
        rule = self.rule
        return NotInForce(
            rule_id=rule.id,
            pack=rule.pack,
            source=rule.source,
            description_zh=rule.description_zh,
            description_en=rule.description_en,
            what=self.what,
            count=self.count,
            first=self.first,
            last=self.last,
        )


def _note_early(early: dict[str, _Early], rule: Rule, what: str, day: date, count: int) -> None:
    """Count ``count`` contacts (or items) of ``day`` if the rule is not yet in force then."""
    if day < rule.source.in_force:
        early.setdefault(rule.id, _Early(rule, what, day)).add(what, day, count)


Condition = tuple[str, tuple[str | int, ...]]  # SQL over one event, with its parameters
_MEASURES = {
    "connected_calls": CONNECTED,
    "answered_calls": CONNECTED,
    "unanswered_call_attempts": f"(contact = {UNANSWERED_CALL} OR {ZERO_SECONDS})",
    "call_attempts": f"contact < {MESSAGE}",
    "contacts": "contact > 0",
}
CALL_MEASURES = frozenset(
    {"connected_calls", "answered_calls", "unanswered_call_attempts", "call_attempts"}
)


def _condition(check: QuietHours | DailyMax) -> Condition:
    """The events a rule counts, as a condition on one event (the days in force are
    applied to the per-day results)."""
    if isinstance(check, DailyMax):
        return _MEASURES[check.measure], ()
    # Minute of the local day: [start, end) holds 22:00:00 up to 07:59:59.999 for a
    # window that wraps past midnight (times in packs are whole minutes).
    start = check.start.hour * 60 + check.start.minute
    end = check.end.hour * 60 + check.end.minute
    inside = "OR" if start > end else "AND"
    kinds = sorted(check.kinds)
    marks = ", ".join("?" * len(kinds))
    return (
        f"kind IN ({marks}) AND (local_minute >= ? {inside} local_minute < ?)",
        (*kinds, start, end),
    )


def _per_day(
    conn: Connection,
    scope: Scope,
    rules: list[tuple[Rule, Condition]],
    early: dict[str, _Early],
) -> list[Finding]:
    """One pass over the contacts, grouped by local day, for every event rule at once.

    Rules that count the same events (the night rules of several packs) share one
    column: per distinct condition, the ids of the matching events in time order and
    the items they came from.
    """
    conditions = list(dict.fromkeys(condition for _, condition in rules))
    columns = []
    params: list[str | int] = []
    for sql, values in conditions:
        columns.append(
            f"group_concat(id, ',' ORDER BY occurred_at, id) FILTER (WHERE {sql}), "
            f"group_concat(DISTINCT item_id) FILTER (WHERE {sql}), "
            f"count(*) FILTER (WHERE contact = {MESSAGE} AND {sql})"
        )
        params += values * 3
    query = (
        f"SELECT local_day, count(*) FILTER (WHERE {ZERO_SECONDS}), {', '.join(columns)} "  # noqa: S608
        f"FROM backup_events WHERE {scope.where} "  # built from constants
        "GROUP BY local_day ORDER BY local_day"
    )
    column_of = {condition: 2 + 3 * index for index, condition in enumerate(conditions)}
    findings = []
    for row in conn.exec_driver_sql(query, (*params, *scope.params)):
        day, zero_seconds = day_of(row[0]), row[1]
        for rule, condition in rules:
            event_ids, item_ids, messages = row[column_of[condition] : column_of[condition] + 3]
            if event_ids is None:
                continue
            ids = tuple(map(int, event_ids.split(",")))
            limit = rule.check.max if isinstance(rule.check, DailyMax) else None
            if limit is not None and len(ids) <= limit:
                continue
            if rule.applies_on(day):
                findings.append(_finding(rule, day, ids, item_ids, limit, zero_seconds))
            else:
                _note_early(early, rule, "contacts" if messages else "calls", day, len(ids))
    return findings


def _categories(
    rule: Rule,
    check: CategoryCheck,
    items: Sequence[ItemDTO],
    tz: ZoneInfo,
    early: dict[str, _Early],
) -> list[Finding]:
    matching = []
    for item in items:
        if not check.categories & set(item.categories):
            continue
        day = (item.incident_at or item.captured_at).astimezone(tz).date()
        if rule.applies_on(day):
            matching.append(item)
        else:
            _note_early(early, rule, "items", day, 1)
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
            counted="category",
        )
    ]


def _finding(
    rule: Rule,
    day: date,
    event_ids: tuple[int, ...],
    item_ids: str,
    limit: int | None,
    zero_seconds: int,
) -> Finding:
    check = rule.check
    counted = check.measure if isinstance(check, DailyMax) else "quiet_hours"
    calls = isinstance(check, DailyMax) and check.measure in CALL_MEASURES
    return Finding(
        rule_id=rule.id,
        pack=rule.pack,
        source=rule.source,
        description_zh=rule.description_zh,
        description_en=rule.description_en,
        day=day,
        count=len(event_ids),
        limit=limit,
        event_ids=event_ids,
        item_ids=tuple(sorted(item_ids.split(","))),
        counted="connected_calls" if counted == "answered_calls" else counted,
        zero_second_calls=zero_seconds if calls else 0,
    )


__all__ = [
    "LOCAL_RULES_DIR",
    "check_rules",
    "detect",
    "find_violations",
    "rule_results",
    "vault_pack_files",
    "with_packs",
]
