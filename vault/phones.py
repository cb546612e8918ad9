"""Phone numbers as collectors use them: normalise once, compare everywhere.

Chinese numbers arrive as ``+86 138-0013-8000``, ``008613800138000``, ``13800138000``,
``(010) 6552 9988`` or ``95188``. The normal form keeps digits only, drops the
country prefix for mainland numbers and keeps a leading ``+`` for foreign ones, so the
same caller always compares equal.
"""

from __future__ import annotations

import re

from vault.errors import UsageError

_SEPARATORS = re.compile(r"[\s\-().\u00a0\u3000\uff08\uff09\u2010-\u2015]")
_ALLOWED = re.compile(r"\+?\d{3,20}")


class PhoneNumberError(UsageError):
    code = "phone_number"


def normalize(raw: str) -> str:
    """Return the canonical form of ``raw`` or raise :class:`PhoneNumberError`."""
    text = _SEPARATORS.sub("", raw.strip().translate(_FULLWIDTH_DIGITS))
    if text.startswith("00"):
        text = "+" + text[2:]
    if not _ALLOWED.fullmatch(text):
        raise PhoneNumberError(f"{raw!r} is not a phone number.")
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("86") and len(text) == 13 and text[2] == "1":
        text = text[2:]  # 86 + 11-digit mobile number written without '+'
    return text


def try_normalize(raw: str) -> str | None:
    """Like :func:`normalize` but returns ``None`` for text that is not a number."""
    try:
        return normalize(raw)
    except PhoneNumberError:
        return None


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９＋", "0123456789+")
