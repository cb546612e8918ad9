"""Machine-read text of images and its trigram full-text index.

Revision ID: 0007_ocr
Revises: 0006_phone
Create Date: 2026-12-03

Self-contained like every revision: it never imports vault.db models. Nothing already
in a vault changes; its screenshots and photos have no row yet, so they wait to be read.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_ocr"
down_revision: str | None = "0006_phone"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_DDL = (
    "CREATE VIRTUAL TABLE ocr_search USING fts5(item_id UNINDEXED, text, tokenize = 'trigram')",
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


def upgrade() -> None:
    op.create_table(
        "ocr_texts",
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("folded", sa.Text(), nullable=True),
        sa.Column("engine", sa.Text(), nullable=False),
        sa.Column("engine_version", sa.Text(), nullable=False),
        sa.Column("languages", sa.Text(), nullable=False),
        sa.Column("read_at", sa.String(length=27), nullable=False),
        sa.CheckConstraint(
            "status IN ('read', 'unreadable')", name=op.f("ck_ocr_texts_status_known")
        ),
        sa.CheckConstraint(
            "(status = 'read') = (text IS NOT NULL)", name=op.f("ck_ocr_texts_text_when_read")
        ),
        sa.CheckConstraint(
            "(text IS NULL) = (folded IS NULL)", name=op.f("ck_ocr_texts_folded_with_text")
        ),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_ocr_texts_item_id_items")),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_ocr_texts")),
    )
    for statement in SEARCH_DDL:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER items_purged_drop_ocr_text")
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER ocr_texts_search_{trigger}")
    op.execute("DROP TABLE ocr_search")
    op.drop_table("ocr_texts")
