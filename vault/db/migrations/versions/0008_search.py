"""Full-text indexes over items' own fields, notes and transcripts, and the live items
by time.

Revision ID: 0008_search
Revises: 0007_ocr
Create Date: 2026-12-04

Self-contained like every revision: it never imports vault.db models. Nothing already in
a vault changes; the new indexes are filled from the rows there.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008_search"
down_revision: str | None = "0007_ocr"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DDL = (
    "CREATE VIRTUAL TABLE item_search USING fts5(item_id UNINDEXED, text, tokenize = 'trigram')",
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
    "CREATE VIRTUAL TABLE note_search USING fts5(item_id UNINDEXED, text, tokenize = 'trigram')",
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
TRANSCRIPT_DDL = (
    "CREATE VIRTUAL TABLE transcript_search USING fts5("
    "item_id UNINDEXED, text, tokenize = 'trigram')",
    "CREATE TRIGGER transcripts_search_insert AFTER INSERT ON transcripts "
    "BEGIN DELETE FROM transcript_search WHERE item_id = new.item_id; "
    "INSERT INTO transcript_search (rowid, item_id, text) SELECT new.id, new.item_id, "
    "coalesce(group_concat(json_extract(value, '$.text'), char(10)), '') "
    "FROM json_each(new.segments); END",
    "CREATE TRIGGER transcripts_search_delete AFTER DELETE ON transcripts "
    "BEGIN DELETE FROM transcript_search WHERE rowid = old.id; END",
)
FILL = (
    "INSERT INTO item_search (item_id, text) SELECT id, "
    "coalesce(title, '') || char(10) || coalesce(purpose, '') || char(10) || "
    "original_name || char(10) || coalesce(contact_name, '') || char(10) || "
    "coalesce(counterpart, '') FROM items WHERE purged_at IS NULL",
    "INSERT INTO note_search (rowid, item_id, text) SELECT id, item_id, text FROM notes",
    # each recording's latest version only, as the trigger keeps it
    "INSERT INTO transcript_search (rowid, item_id, text) SELECT t.id, t.item_id, "
    "(SELECT coalesce(group_concat(json_extract(value, '$.text'), char(10)), '') "
    "FROM json_each(t.segments)) FROM transcripts AS t WHERE t.version = "
    "(SELECT max(version) FROM transcripts AS u WHERE u.item_id = t.item_id)",
)


def upgrade() -> None:
    for statement in DDL + TRANSCRIPT_DDL + FILL:
        op.execute(statement)


def downgrade() -> None:
    for trigger in ("insert", "delete"):
        op.execute(f"DROP TRIGGER transcripts_search_{trigger}")
    op.execute("DROP TABLE transcript_search")
    for trigger in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER notes_search_{trigger}")
    op.execute("DROP TABLE note_search")
    op.execute("DROP INDEX ix_items_live_lender_time")
    op.execute("DROP INDEX ix_items_live_time")
    for trigger in ("insert", "update", "purge", "delete"):
        op.execute(f"DROP TRIGGER items_search_{trigger}")
    op.execute("DROP TABLE item_search")
