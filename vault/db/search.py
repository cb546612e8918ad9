"""The full-text indexes over what the user and the files say of an item; see revision
0008_search.

The evidence table's search box finds an item by its title, purpose, file name,
contact's name and number, the notes attached to it, its transcript and the text read
from its image.
Scanning 50,000 rows for each of those costs more than the table may take to answer, so
each source has an FTS5 table with the trigram tokenizer (any substring of three or
more characters, Chinese included, is an index lookup; ASCII case is ignored, as by
``LIKE``), kept equal to its rows by triggers, so no code path can forget to index:

- ``item_search``: one row per item (``item_id``), its five fields joined by newlines, so
  that no three characters that match span two fields; a purged item's row is deleted;
- ``note_search``: one row per note, its rowid the note's id, with the note's item;
- ``transcript_search``: the segments' text of a recording's latest transcript (a new
  version takes the place of the one before; a purge deletes them all);
- ``ocr_search`` (:mod:`vault.db.ocr`): the machine-read text, folded to Simplified.

Two partial indexes serve the table's unfiltered view and a lender's: the live items
(neither withdrawn nor purged) in the order of their effective time, so the count and
the first page read an index, not the table.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, Table, column, event, literal_column, select, table

from vault.db.models import Item, Note, Transcript
from vault.db.ocr import SEARCH_TABLE as OCR_SEARCH

ITEM_SEARCH = "item_search"
NOTE_SEARCH = "note_search"
TRANSCRIPT_SEARCH = "transcript_search"

# Migrations must emit the same statements; tests/db compare sqlite_master text.
ITEM_SEARCH_DDL = (
    f"CREATE VIRTUAL TABLE {ITEM_SEARCH} USING fts5(item_id UNINDEXED, text, tokenize = 'trigram')",
    "CREATE TRIGGER items_search_insert AFTER INSERT ON items "
    "BEGIN INSERT INTO item_search (item_id, text) VALUES (new.id, "
    "coalesce(new.title, '') || char(10) || coalesce(new.purpose, '') || char(10) || "
    "new.original_name || char(10) || coalesce(new.contact_name, '') || char(10) || "
    "coalesce(new.counterpart, '')); END",
    "CREATE TRIGGER items_search_update AFTER UPDATE OF "
    "title, purpose, original_name, contact_name, counterpart ON items "
    "BEGIN DELETE FROM item_search WHERE item_id = old.id; "
    "INSERT INTO item_search (item_id, text) SELECT new.id, "
    "coalesce(new.title, '') || char(10) || coalesce(new.purpose, '') || char(10) || "
    "new.original_name || char(10) || coalesce(new.contact_name, '') || char(10) || "
    "coalesce(new.counterpart, '') WHERE new.purged_at IS NULL; END",
    "CREATE TRIGGER items_search_purge AFTER UPDATE OF purged_at ON items "
    "WHEN new.purged_at IS NOT NULL BEGIN DELETE FROM item_search WHERE item_id = new.id; END",
    "CREATE TRIGGER items_search_delete AFTER DELETE ON items "
    "BEGIN DELETE FROM item_search WHERE item_id = old.id; END",
    "CREATE INDEX ix_items_live_time ON items "
    "(coalesce(incident_at, captured_at), id) "
    "WHERE purged_at IS NULL AND withdrawn_at IS NULL",
    "CREATE INDEX ix_items_live_lender_time ON items "
    "(lender_id, coalesce(incident_at, captured_at), id) "
    "WHERE purged_at IS NULL AND withdrawn_at IS NULL",
)
NOTE_SEARCH_DDL = (
    f"CREATE VIRTUAL TABLE {NOTE_SEARCH} USING fts5(item_id UNINDEXED, text, tokenize = 'trigram')",
    "CREATE TRIGGER notes_search_insert AFTER INSERT ON notes "
    "BEGIN INSERT INTO note_search (rowid, item_id, text) "
    "VALUES (new.id, new.item_id, new.text); END",
    "CREATE TRIGGER notes_search_update AFTER UPDATE OF item_id, text ON notes "
    "BEGIN DELETE FROM note_search WHERE rowid = old.id; "
    "INSERT INTO note_search (rowid, item_id, text) "
    "VALUES (new.id, new.item_id, new.text); END",
    "CREATE TRIGGER notes_search_delete AFTER DELETE ON notes "
    "BEGIN DELETE FROM note_search WHERE rowid = old.id; END",
)


MIN_TRIGRAM = 3
SEARCH_TABLES = (ITEM_SEARCH, NOTE_SEARCH, TRANSCRIPT_SEARCH, OCR_SEARCH)
# FTS5 leaves a deleted row's tokens in its segments until they merge; with this
# setting (kept in the table's config, so once is enough) a delete removes them at once
SECURE_DELETE = tuple(
    f"INSERT INTO {name} ({name}, rank) VALUES ('secure-delete', 1)"  # noqa: S608 - constants
    for name in SEARCH_TABLES
)
RAW_INDEXES = ("ix_items_live_time", "ix_items_live_lender_time")  # expressions: no model


TRANSCRIPT_SEARCH_DDL = (
    f"CREATE VIRTUAL TABLE {TRANSCRIPT_SEARCH} USING fts5("
    "item_id UNINDEXED, text, tokenize = 'trigram')",
    "CREATE TRIGGER transcripts_search_insert AFTER INSERT ON transcripts "
    "BEGIN DELETE FROM transcript_search WHERE item_id = new.item_id; "
    "INSERT INTO transcript_search (rowid, item_id, text) SELECT new.id, new.item_id, "
    "coalesce(group_concat(json_extract(value, '$.text'), char(10)), '') "
    "FROM json_each(new.segments); END",
    "CREATE TRIGGER transcripts_search_delete AFTER DELETE ON transcripts "
    "BEGIN DELETE FROM transcript_search WHERE rowid = old.id; END",
)


@event.listens_for(Transcript.__table__, "after_create")
def _create_transcript_search(target: Table, connection: Connection, **kw: Any) -> None:
    for statement in TRANSCRIPT_SEARCH_DDL:
        connection.exec_driver_sql(statement)


def matching(table_name: str, words: str) -> Select[tuple[Any]]:
    """``SELECT item_id`` of the rows of the FTS5 table ``table_name`` whose text contains
    ``words``: an index lookup from three characters on; one or two characters have no
    trigram, so they scan the index's text (still far less than the items' rows)."""
    index = table(table_name, column("item_id"), column("text"))
    query = select(index.c.item_id)
    if len(words) >= MIN_TRIGRAM:
        return query.where(literal_column(table_name).op("MATCH")(_phrase(words)))
    return query.where(index.c.text.like(f"%{_escape_like(words)}%", escape="\\"))


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def is_search_table(name: str) -> bool:
    """An FTS5 table and the shadow tables SQLite keeps for it (no model maps them)."""
    return any(name == table or name.startswith(table + "_") for table in SEARCH_TABLES)


@event.listens_for(Item.__table__, "after_create")
def _create_item_search(target: Table, connection: Connection, **kw: Any) -> None:
    for statement in ITEM_SEARCH_DDL:
        connection.exec_driver_sql(statement)


@event.listens_for(Note.__table__, "after_create")
def _create_note_search(target: Table, connection: Connection, **kw: Any) -> None:
    for statement in NOTE_SEARCH_DDL:
        connection.exec_driver_sql(statement)
