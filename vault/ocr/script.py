"""Simplified and Traditional Chinese as one script, for matching only.

Tesseract reads with ``chi_sim`` and ``chi_tra`` together and picks, character by
character, whichever model is surer, so a Simplified screenshot can come back with some
characters in Traditional form (``請問`` for ``请问``). The text is stored as read; for
search and phrase matching it is folded to Simplified one character at a time with the
conversion table of MediaWiki (``zhconv``). Folding keeps the length, so a span found
in the folded text is the same span in the text as read.
"""

from __future__ import annotations

import functools

from zhconv import zhconv  # type: ignore[import-untyped]


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    zhconv.loaddict()
    pairs = zhconv.zhcdicts["zh2Hans"].items()
    return str.maketrans({k: v for k, v in pairs if len(k) == 1 and len(v) == 1})


def fold(text: str) -> str:
    """``text`` with each Traditional character in its Simplified form (same length)."""
    return text.translate(_table())
