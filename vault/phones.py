"""Phone numbers as collectors use them: normalise once, compare everywhere.

Chinese numbers arrive as ``+86 138-0013-8000``, ``008613800138000``, ``13800138000``,
``+86 10 6552 9988``, ``(010) 6552 9988`` or ``95188``. Google's numbering plan
(``phonenumbers``) reads them, and the normal form is what a mainland phone dials:

- mainland numbers: the national digits, a fixed line with its trunk ``0`` and area code
  (``01065529988``, ``075587654321``), a mobile as its 11 digits (``13800138000``);
- short service codes (``95188``, ``10086``, ``12378``) and other numbers the plan does
  not know stay the digits they were written as;
- numbers abroad: ``+`` country code and number (``+14155552671``).

So the same caller always compares equal, whichever form a phone, a backup or the user
wrote. Vaults written before this form kept a fixed line given with ``+86`` without its
``0`` (``1065529988``); :func:`canonical` reads those as the same line and
:func:`stored_spellings` lists them for queries, so old vaults match without rewriting
recorded numbers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import phonenumbers

from vault.errors import UsageError

_SEPARATORS = re.compile(r"[\s\-().\u00a0\u3000\uff08\uff09\u2010-\u2015]")
_ALLOWED = re.compile(r"\+?[0-9]{3,20}")  # other scripts' digits are refused
_NOT_DIGIT = re.compile(r"\D")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９＋", "0123456789+")
_MAINLAND = 86
CANONICAL_CACHED = 16_384
_REGION = "CN"  # numbers written without a country code are dialled from the mainland


class PhoneNumberError(UsageError):
    code = "phone_number"


def normalize(raw: str) -> str:
    """Return the canonical form of ``raw`` or raise :class:`PhoneNumberError`."""
    text = _SEPARATORS.sub("", raw.strip().translate(_FULLWIDTH_DIGITS))
    if text.startswith("00"):
        text = "+" + text[2:]
    if not _ALLOWED.fullmatch(text):
        raise PhoneNumberError(f"{raw!r} is not a phone number.")
    try:
        number = phonenumbers.parse(text, _REGION)
    except phonenumbers.NumberParseException:
        return text  # too short or an unknown country code: kept as written
    international = text.startswith("+")
    if number.country_code == _MAINLAND:
        if phonenumbers.is_valid_number(number):
            national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            return _NOT_DIGIT.sub("", national)
        # a service code after +86 ("+86 95188") is the code; bare digits stay as written
        return phonenumbers.national_significant_number(number) if international else text
    if international and phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return text


def try_normalize(raw: str) -> str | None:
    """Like :func:`normalize` but returns ``None`` for text that is not a number."""
    try:
        return normalize(raw)
    except PhoneNumberError:
        return None


@functools.lru_cache(maxsize=CANONICAL_CACHED)
def canonical(stored: str) -> str:
    """The normal form of a number a vault stored, by this version or an earlier one
    (``""`` and other text that is no number stay as they are). Cached: a backup holds
    100,000 events from a few thousand numbers."""
    return try_normalize(stored) or stored


def stored_spellings(numbers: Iterable[str]) -> list[str]:
    """Every spelling a vault may hold for any of ``numbers`` (each in any stored form),
    sorted: for ``number IN (...)`` queries over stored numbers."""
    spellings: set[str] = set()
    for number in numbers:
        normal = canonical(number)
        spellings.update((number, normal))
        if _is_mainland_trunk_form(normal):
            # what earlier versions stored for "+86 10 6552 9988" and "86 10 6552 9988"
            spellings.update((normal[1:], "86" + normal[1:]))
    return sorted(spellings)


def _is_mainland_trunk_form(normal: str) -> bool:
    return len(normal) >= 10 and normal.startswith("0") and not normal.startswith("00")
