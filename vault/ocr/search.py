"""Finding items by their machine-read text: FTS5 with the trigram tokenizer.

The trigram index answers any substring of three characters or more (``爆通讯录``,
``13800138000``, ``court``) from the index, case-insensitively; the whole query is one
phrase, as the title search takes it. One or two characters (``上门``) have no trigram,
so they fall back to ``LIKE`` over the indexed text, a scan of the text column only.
Query and text are both folded to Simplified (:mod:`vault.ocr.script`), so ``上门``
finds ``上門``. The condition plugs into :mod:`vault.listing`, so the evidence table's search box and
``evault list --search`` find an item by its title, notes or text with one query.
"""

from __future__ import annotations

from typing import Any

from vault.db.ocr import SEARCH_TABLE
from vault.db.search import matching
from vault.ocr.script import fold


def items_with_text(text: str) -> Any:
    """A ``SELECT item_id`` of the items whose machine-read text contains ``text``."""
    return matching(SEARCH_TABLE, fold(text.strip()))
