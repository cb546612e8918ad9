"""Machine-read text of images (OCR) and the full-text index over it; see revision 0007_ocr.

- ``ocr_texts`` holds, for each screenshot or photo that was read, the text Tesseract
  found with the engine, its version, the languages and when it was read. It is derived
  data: the item's blob is never touched, and a row can always be read again. An image
  Tesseract could not open gets a row with ``status = 'unreadable'`` and no text, so the
  queue does not try it at every start; an image item with no row waits to be read.
- ``folded`` is the same text with Traditional characters in Simplified form
  (:mod:`vault.ocr.script`), which search and phrase matching use.
- ``ocr_search`` is an FTS5 table with the trigram tokenizer (any substring of three or
  more characters, Chinese included, is an index lookup) over ``folded``. Triggers on
  ``ocr_texts`` keep it equal to that column, so no code path can forget to index;
  purging an item (its contents destroyed for good) deletes its text the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Connection, ForeignKey, Table, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from vault.db.base import Base

READ = "read"
UNREADABLE = "unreadable"

SEARCH_TABLE = "ocr_search"

# Migrations must emit the same statements; tests/db compare sqlite_master text.
OCR_SEARCH_DDL = (
    f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
    "item_id UNINDEXED, text, tokenize = 'trigram')",
    "CREATE TRIGGER ocr_texts_search_insert AFTER INSERT ON ocr_texts "
    "WHEN new.folded IS NOT NULL BEGIN INSERT INTO ocr_search (item_id, text) "
    "VALUES (new.item_id, new.folded); END",
    "CREATE TRIGGER ocr_texts_search_delete AFTER DELETE ON ocr_texts "
    "BEGIN DELETE FROM ocr_search WHERE item_id = old.item_id; END",
    "CREATE TRIGGER ocr_texts_search_update AFTER UPDATE ON ocr_texts "
    "BEGIN DELETE FROM ocr_search WHERE item_id = old.item_id; "
    "INSERT INTO ocr_search (item_id, text) SELECT new.item_id, new.folded "
    "WHERE new.folded IS NOT NULL; END",
    # a purged item's contents are destroyed for good: its text goes with them
    "CREATE TRIGGER items_purged_drop_ocr_text AFTER UPDATE OF purged_at ON items "
    "WHEN new.purged_at IS NOT NULL BEGIN DELETE FROM ocr_texts WHERE item_id = new.id; END",
)


class OcrRecord(Base):
    """The text machine-read from one image item, labelled with how it was read (the row
    behind :class:`vault.ocr.OcrText`)."""

    __tablename__ = "ocr_texts"
    __table_args__ = (
        CheckConstraint(f"status IN ('{READ}', '{UNREADABLE}')", name="status_known"),
        CheckConstraint(f"(status = '{READ}') = (text IS NOT NULL)", name="text_when_read"),
        CheckConstraint("(text IS NULL) = (folded IS NULL)", name="folded_with_text"),
    )

    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), primary_key=True)
    status: Mapped[str] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    folded: Mapped[str | None] = mapped_column(Text)
    engine: Mapped[str] = mapped_column(Text)
    engine_version: Mapped[str] = mapped_column(Text)
    languages: Mapped[str] = mapped_column(Text)
    read_at: Mapped[datetime]


@event.listens_for(OcrRecord.__table__, "after_create")
def _create_search_index(target: Table, connection: Connection, **kw: Any) -> None:
    for statement in OCR_SEARCH_DDL:
        connection.exec_driver_sql(statement)
