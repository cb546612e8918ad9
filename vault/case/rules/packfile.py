"""Versioned rule packs: collection-conduct rules as data files, not code.

A pack is one JSON file for one source document (``vault/case/rules/packs/*.json`` ship
with the app; more can be passed in, e.g. from a vault's own ``rules/`` folder)::

    {"format": 1, "pack": "<id>", "version": <int>,
     "source": {"title_zh", "title_en", "issuer", "published": "YYYY-MM-DD",
                "in_force": "YYYY-MM-DD", "url": <text|null>, "note": <text>,
                "sources": [{"title", "url": <text|null>, "checked": "YYYY-MM-DD",
                             "verified": <bool>, "note": <optional text>}]},
     "rules": [{"id", "article": <text|null>, "in_force": <optional, overrides the
                source's>, "until": <optional last day>, "description_zh",
                "description_en", "check": {...}}]}

Checks (see :mod:`vault.case.rules.detector`):

- ``{"type": "quiet_hours", "start": "HH:MM", "end": "HH:MM", "kinds": [...]}``
- ``{"type": "daily_max", "measure": "connected_calls" | "unanswered_call_attempts" |
  "call_attempts" | "contacts", "max": <int>}`` (``answered_calls``, the name of
  version 1 packs, counts the same as ``connected_calls``)
- ``{"type": "category", "categories": [<item category codes>]}``

``sources`` says where the pack's wording was checked and on which day; ``verified``
is true only where the rules' wording itself was confirmed (the text, or the issuer's
own release), false where only the document's name and dates were. The shipped packs
all have it; a vault's own pack may leave it out.

Every field is checked on load; a bad pack raises :class:`RulePackError` naming the
file and the field.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from importlib import resources
from pathlib import Path
from typing import Any

from vault.categories import Category
from vault.dto import RuleSource, SourceCheck
from vault.errors import UsageError

logger = logging.getLogger(__name__)

PACK_FORMAT = 1
MEASURES = frozenset(
    {"connected_calls", "answered_calls", "unanswered_call_attempts", "call_attempts", "contacts"}
)
EVENT_KINDS = frozenset({"call", "sms", "mms"})
MAX_PACK_BYTES = 1 << 20
_HHMM = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class RulePackError(UsageError):
    code = "rule_pack"


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time
    kinds: frozenset[str]


@dataclass(frozen=True)
class DailyMax:
    measure: str
    max: int


@dataclass(frozen=True)
class CategoryCheck:
    categories: frozenset[str]


Check = QuietHours | DailyMax | CategoryCheck


@dataclass(frozen=True)
class Rule:
    id: str
    pack: str
    source: RuleSource
    description_zh: str
    description_en: str
    until: date | None
    check: Check

    def applies_on(self, day: date) -> bool:
        """A rule applies only on and after its date in force (and up to ``until``)."""
        return day >= self.source.in_force and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class RulePack:
    pack: str
    version: int
    rules: tuple[Rule, ...]

    @property
    def source(self) -> RuleSource:
        """The pack's source document (each rule's copy differs only in article and date)."""
        return self.rules[0].source


def shipped_pack_files() -> list[Path]:
    folder = resources.files("vault.case.rules.packs")
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".json"))


def load_packs(extra: Iterable[Path] = ()) -> list[RulePack]:
    """The shipped packs and any ``extra`` pack files; pack ids and rule ids must be unique."""
    packs = [load_pack(path) for path in [*shipped_pack_files(), *extra]]
    seen_packs: set[str] = set()
    seen_rules: set[str] = set()
    for pack in packs:
        if pack.pack in seen_packs:
            raise RulePackError(f"Two rule packs are both named {pack.pack!r}.")
        seen_packs.add(pack.pack)
        for rule in pack.rules:
            if rule.id in seen_rules:
                raise RulePackError(f"Two rules are both named {rule.id!r}.")
            seen_rules.add(rule.id)
    return packs


def load_pack(path: Path) -> RulePack:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RulePackError(
            f"The rule pack {path.name} cannot be read: {error.strerror}."
        ) from None
    if len(raw) > MAX_PACK_BYTES:
        raise RulePackError(f"The rule pack {path.name} is larger than any rule pack should be.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RulePackError(f"The rule pack {path.name} is not valid UTF-8 JSON.") from None
    return parse_pack(data, path.name)


def parse_pack(data: object, name: str) -> RulePack:
    where = _Where(name)
    obj = where.mapping(data, "the pack")
    if obj.get("format") != PACK_FORMAT:
        raise where.error(f"has a format other than {PACK_FORMAT}")
    pack_id = where.ident(obj.get("pack"), "pack")
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise where.error("has a version that is not a positive whole number")
    src = where.mapping(obj.get("source"), "source")
    in_force = where.day(src.get("in_force"), "source.in_force")
    title_zh = where.text(src.get("title_zh"), "source.title_zh")
    title_en = where.text(src.get("title_en"), "source.title_en")
    issuer = where.text(src.get("issuer"), "source.issuer")
    published = where.day(src.get("published"), "source.published")
    url = where.optional_text(src.get("url"), "source.url")
    note = where.optional_text(src.get("note"), "source.note")
    checks = _sources(where, src.get("sources", []))
    rules_data = obj.get("rules")
    if not isinstance(rules_data, list) or not rules_data:
        raise where.error("has no rules")
    rules = []
    for index, entry in enumerate(rules_data, 1):
        rule = where.mapping(entry, f"rule {index}")
        rule_in_force = (
            where.day(rule["in_force"], f"rule {index} in_force")
            if "in_force" in rule
            else in_force
        )
        source = RuleSource(
            title_zh=title_zh,
            title_en=title_en,
            issuer=issuer,
            article=where.optional_text(rule.get("article"), f"rule {index} article"),
            published=published,
            in_force=rule_in_force,
            url=url,
            note=note,
            sources=checks,
            pack_version=version,
        )
        until = where.day(rule["until"], f"rule {index} until") if "until" in rule else None
        rules.append(
            Rule(
                id=where.ident(rule.get("id"), f"rule {index} id"),
                pack=pack_id,
                source=source,
                description_zh=where.text(rule.get("description_zh"), f"rule {index} zh"),
                description_en=where.text(rule.get("description_en"), f"rule {index} en"),
                until=until,
                check=_check(where, rule.get("check"), index),
            )
        )
    return RulePack(pack_id, version, tuple(rules))


def _sources(where: _Where, data: object) -> tuple[SourceCheck, ...]:
    if not isinstance(data, list):
        raise where.error("has no list for source.sources")
    checks = []
    for index, entry in enumerate(data, 1):
        field = f"source.sources {index}"
        obj = where.mapping(entry, field)
        verified = obj.get("verified")
        if not isinstance(verified, bool):
            raise where.error(f"has no true or false for {field} verified")
        checks.append(
            SourceCheck(
                title=where.text(obj.get("title"), f"{field} title"),
                url=where.optional_text(obj.get("url"), f"{field} url"),
                checked=where.day(obj.get("checked"), f"{field} checked"),
                verified=verified,
                note=where.optional_text(obj.get("note"), f"{field} note"),
            )
        )
    return tuple(checks)


def _check(where: _Where, data: object, index: int) -> Check:
    check = where.mapping(data, f"rule {index} check")
    kind = check.get("type")
    if kind == "quiet_hours":
        kinds = where.strings(check.get("kinds"), f"rule {index} kinds")
        if not kinds <= EVENT_KINDS:
            raise where.error(f"names unknown event kinds in rule {index}")
        return QuietHours(
            where.clock(check.get("start"), index), where.clock(check.get("end"), index), kinds
        )
    if kind == "daily_max":
        measure = check.get("measure")
        limit = check.get("max")
        if measure not in MEASURES:
            raise where.error(f"has an unknown measure in rule {index}")
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
            raise where.error(f"has a limit that is not a whole number in rule {index}")
        return DailyMax(str(measure), limit)
    if kind == "category":
        categories = where.strings(check.get("categories"), f"rule {index} categories")
        known = {c.value for c in Category}
        if not categories <= known:
            raise where.error(f"names unknown categories in rule {index}")
        return CategoryCheck(categories)
    raise where.error(f"has an unknown check type in rule {index}")


class _Where:
    """Validation helpers whose errors name the pack file."""

    def __init__(self, name: str) -> None:
        self.name = name

    def error(self, what: str) -> RulePackError:
        return RulePackError(f"The rule pack {self.name} {what}.")

    def mapping(self, value: object, field: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(f"has no object for {field}")
        return value

    def text(self, value: object, field: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"has no text for {field}")
        return value

    def optional_text(self, value: object, field: str) -> str | None:
        return None if value is None else self.text(value, field)

    def ident(self, value: object, field: str) -> str:
        if not isinstance(value, str) or not _ID.fullmatch(value):
            raise self.error(f"has no valid identifier for {field}")
        return value

    def day(self, value: object, field: str) -> date:
        try:
            if isinstance(value, str) and len(value) == len("YYYY-MM-DD"):
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise self.error(f"has no YYYY-MM-DD date for {field}")

    def clock(self, value: object, index: int) -> time:
        match = _HHMM.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            raise self.error(f"has a time that is not HH:MM in rule {index}")
        return time(int(match[1]), int(match[2]))

    def strings(self, value: object, field: str) -> frozenset[str]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.error(f"has no list of names for {field}")
        return frozenset(value)


__all__ = [
    "CategoryCheck",
    "DailyMax",
    "QuietHours",
    "Rule",
    "RulePack",
    "RulePackError",
    "load_pack",
    "load_packs",
    "parse_pack",
    "shipped_pack_files",
]
