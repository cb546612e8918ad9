"""What a machine-read text suggests: harassment categories and phone numbers.

A versioned phrase pack (``vault/ocr/packs/*.json``, in the style of the rule packs of
:mod:`vault.case.rules.packfile`) maps phrases to the category each suggests::

    {"format": 1, "pack": "<id>", "version": <int>, "note": <text>,
     "phrases": [{"category": <vault.categories code>, "phrases": [<text>, …]}]}

:func:`suggestions` finds every phrase in an item's text (with its span, so the detail
pane can highlight it) and every phone number, normalised with :mod:`vault.phones` and
matched to the lenders' collector numbers. They are suggestions: nothing is filed until
the user accepts one (``vault.items.edit_item``), and an item already filed under a
category is not offered it again.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vault.categories import Category
from vault.db.models import Item, Lender, LenderNumber
from vault.errors import UsageError
from vault.ocr import OcrText, ocr_text
from vault.ocr.script import fold
from vault.phones import canonical, try_normalize

if TYPE_CHECKING:
    from vault.handle import OpenVault

PACK_FORMAT = 1
DEFAULT_PACK = "collection_phrases.json"

# A number as written in a message: digits with the separators people use, optionally
# with a country code; short service codes (95188) are numbers too.
_NUMBER = re.compile(r"(?<![\d])(?:\+|00)?\d[\d\s\-()（）]{3,18}\d(?![\d])")


class PhrasePackError(UsageError):
    code = "phrase_pack"


@dataclass(frozen=True, slots=True)
class PhrasePack:
    pack: str
    version: int
    phrases: tuple[tuple[str, Category], ...]  # longest first, so a longer phrase wins


@dataclass(frozen=True, slots=True)
class PhraseSuggestion:
    """A phrase of the pack found in the text, and the category it suggests."""

    category: Category
    phrase: str
    start: int
    end: int
    pack: str
    pack_version: int


@dataclass(frozen=True, slots=True)
class NumberSuggestion:
    """A phone number found in the text; ``lender`` when it is a known collector number."""

    number: str  # normalised
    written: str
    start: int
    end: int
    lender: str | None


@dataclass(frozen=True, slots=True)
class Suggestions:
    item_id: str
    phrases: tuple[PhraseSuggestion, ...]
    numbers: tuple[NumberSuggestion, ...]

    @property
    def categories(self) -> tuple[Category, ...]:
        """The categories suggested, each once, in the order they appear in the text."""
        return tuple(dict.fromkeys(p.category for p in self.phrases))


def parse_pack(data: Any, name: str) -> PhrasePack:
    """Check a decoded pack; raises :class:`PhrasePackError` naming ``name`` and the field."""
    if not isinstance(data, dict) or data.get("format") != PACK_FORMAT:
        raise PhrasePackError(f"The phrase pack {name} is not a format {PACK_FORMAT} pack.")
    pack, version, groups = data.get("pack"), data.get("version"), data.get("phrases")
    if not isinstance(pack, str) or not isinstance(version, int) or not isinstance(groups, list):
        raise PhrasePackError(f"The phrase pack {name} lacks its pack, version or phrases.")
    found: dict[str, Category] = {}
    for group in groups:
        try:
            category = Category(group["category"])
            texts = [str(t) for t in group["phrases"] if str(t).strip()]
        except (KeyError, TypeError, ValueError):
            raise PhrasePackError(f"The phrase pack {name} has a bad phrases entry.") from None
        for text in texts:
            found.setdefault(fold(text.strip()), category)
    ordered = sorted(found.items(), key=lambda pair: (-len(pair[0]), pair[0]))
    return PhrasePack(pack, version, tuple(ordered))


@functools.lru_cache(maxsize=1)
def shipped_pack() -> PhrasePack:
    text = resources.files("vault.ocr.packs").joinpath(DEFAULT_PACK).read_text("utf-8")
    return parse_pack(json.loads(text), DEFAULT_PACK)


def find_phrases(text: str, pack: PhrasePack) -> list[PhraseSuggestion]:
    """Every phrase of ``pack`` in ``text`` (either script), not overlapping a longer one,
    by position; ``phrase`` is the text as written there."""
    written, text = text, fold(text)
    taken = [False] * len(text)
    found: list[PhraseSuggestion] = []
    for phrase, category in pack.phrases:
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(phrase)
                found.append(
                    PhraseSuggestion(
                        category, written[start:end], start, end, pack.pack, pack.version
                    )
                )
            start = text.find(phrase, end)
    return sorted(found, key=lambda s: s.start)


def find_numbers(text: str, collectors: dict[str, str]) -> list[NumberSuggestion]:
    """Phone numbers in ``text``, normalised; ``collectors`` maps numbers to lenders."""
    found: list[NumberSuggestion] = []
    for match in _NUMBER.finditer(text):
        written = match.group().strip()
        number = try_normalize(written)
        if number is None or len(re.sub(r"\D", "", number)) < 5:
            continue
        found.append(
            NumberSuggestion(number, written, match.start(), match.end(), collectors.get(number))
        )
    return found


def collector_numbers(session: Session) -> dict[str, str]:
    """Every lender's collector numbers, normalised, to the lender's name."""
    rows = session.execute(select(LenderNumber.number, Lender.name).join(Lender))
    return {canonical(number): name for number, name in rows}


def suggestions_for(session: Session, item_id: str, pack: PhrasePack | None = None) -> Suggestions:
    """What ``item_id``'s machine-read text suggests (nothing while it waits or when
    unreadable); categories the item already has are left out."""
    read = ocr_text(session, item_id)
    if read is None or read.text is None:
        return Suggestions(item_id, (), ())
    item = session.get(Item, item_id)
    filed = set(item.categories or ()) if item is not None else set()
    phrases = [
        p for p in find_phrases(read.text, pack or shipped_pack()) if p.category.value not in filed
    ]
    numbers = find_numbers(read.text, collector_numbers(session))
    return Suggestions(item_id, tuple(phrases), tuple(numbers))


def suggestions(vault: OpenVault, item_id: str) -> Suggestions:
    """:func:`suggestions_for` in a session of its own."""
    with vault.sessions() as session:
        return suggestions_for(session, item_id)


def accept_category(vault: OpenVault, item_id: str, category: Category) -> Sequence[str]:
    """File the item under a suggested category (the user's choice, logged as an edit)."""
    from vault.items import edit_item, get_item  # noqa: PLC0415 - items imports listing's peers

    current = list(get_item(vault, item_id).categories)
    if category.value not in current:
        current.append(category.value)
    return edit_item(vault, item_id, {"categories": current}).categories


@dataclass(frozen=True, slots=True)
class ItemReading:
    """What the detail pane shows of an item's text: the text and its suggestions."""

    text: OcrText | None
    suggestions: Suggestions


def item_reading(vault: OpenVault, item_id: str) -> ItemReading:
    with vault.sessions() as session:
        return ItemReading(ocr_text(session, item_id), suggestions_for(session, item_id))
