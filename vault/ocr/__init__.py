"""Machine-read text of screenshots and photos (OCR), its search and what it suggests.

- :mod:`vault.ocr.engine` reads one image with Tesseract, in memory end to end;
- :mod:`vault.ocr.reading` is the queue of images waiting to be read and the pass that
  reads them on every core;
- :mod:`vault.ocr.search` finds items by their text (FTS5, trigram);
- :mod:`vault.ocr.phrases` turns the text into suggestions the user confirms: phrases
  of a versioned pack and phone numbers, matched to lenders' collector numbers.

The text is derived data: it never replaces the original and is always labelled as
machine-read, with the engine, its version and the languages that produced it.
:func:`ocr_text` is what other parts (the evidence list, the detail pane) read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from vault.db.ocr import READ, OcrRecord

if TYPE_CHECKING:
    from vault.handle import OpenVault


@dataclass(frozen=True, slots=True)
class OcrText:
    """The machine-read text of one image item (``text`` is None for an unreadable one)."""

    item_id: str
    text: str | None
    engine: str
    version: str
    languages: str
    read_at: datetime
    machine_read: bool = True

    @property
    def readable(self) -> bool:
        return self.text is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "engine": self.engine,
            "version": self.version,
            "languages": self.languages,
            "read_at": self.read_at.isoformat(),
            "machine_read": self.machine_read,
        }


def ocr_text(session: Session, item_id: str) -> OcrText | None:
    """The text read from ``item_id``, or None while it waits (or is no image)."""
    row = session.get(OcrRecord, item_id)
    if row is None:
        return None
    return OcrText(
        item_id=row.item_id,
        text=row.text if row.status == READ else None,
        engine=row.engine,
        version=row.engine_version,
        languages=row.languages,
        read_at=row.read_at,
    )


def item_text(vault: OpenVault, item_id: str) -> OcrText | None:
    """:func:`ocr_text` in a session of its own."""
    with vault.sessions() as session:
        return ocr_text(session, item_id)
