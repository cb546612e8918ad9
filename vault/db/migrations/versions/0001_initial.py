"""The first schema: lenders, items, notes, the custody log and settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

A revision is self-contained: it never imports vault.db.models, whose classes follow
the newest schema, not this one. Times are fixed-width ISO-8601 UTC text (27 chars).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = sa.String(length=27)

_CUSTODY_TRIGGERS = (
    "CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events "
    "BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END",
    "CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events "
    "BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END",
)


def upgrade() -> None:
    op.create_table(
        "custody_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_custody_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_head")),
    )
    op.create_table(
        "lenders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("app", sa.Text(), nullable=True),
        sa.Column("company", sa.Text(), nullable=True),
        sa.Column("loan_ref", sa.Text(), nullable=True),
        sa.Column("agencies", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lenders")),
        sa.UniqueConstraint("name", name=op.f("uq_lenders_name")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("lender_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("media_type", sa.Text(), nullable=False),
        sa.Column("original_name", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content_key", sa.Text(), nullable=True),
        sa.Column("sm3", sa.String(length=64), nullable=True),
        sa.Column("imported_at", _UTC, nullable=False),
        sa.Column("captured_at", _UTC, nullable=False),
        sa.Column("captured_offset_min", sa.Integer(), nullable=False),
        sa.Column("time_source", sa.Text(), nullable=False),
        sa.Column("incident_at", _UTC, nullable=True),
        sa.Column("incident_offset_min", sa.Integer(), nullable=True),
        sa.Column("counterpart", sa.Text(), nullable=True),
        sa.Column("contact_name", sa.Text(), nullable=True),
        sa.Column("source_app", sa.Text(), nullable=True),
        sa.Column("device", sa.Text(), nullable=True),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=True),
        sa.Column("withdrawn_at", _UTC, nullable=True),
        sa.Column("purged_at", _UTC, nullable=True),
        sa.CheckConstraint("size >= 0", name=op.f("ck_items_size_not_negative")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_items_sha256_length")),
        sa.CheckConstraint(
            "(incident_at IS NULL) = (incident_offset_min IS NULL)",
            name=op.f("ck_items_incident_offset"),
        ),
        sa.ForeignKeyConstraint(
            ["lender_id"], ["lenders.id"], name=op.f("fk_items_lender_id_lenders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
        sa.UniqueConstraint("content_key", name=op.f("uq_items_content_key")),
    )
    op.create_index(op.f("ix_items_captured_at"), "items", ["captured_at"])
    op.create_index(op.f("ix_items_counterpart"), "items", ["counterpart"])
    op.create_index(op.f("ix_items_lender_id"), "items", ["lender_id"])
    op.create_index(op.f("ix_items_sha256"), "items", ["sha256"])
    op.create_table(
        "lender_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lender_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lender_numbers")),
        sa.UniqueConstraint("lender_id", "number", name=op.f("uq_lender_numbers_lender_id_number")),
        sa.ForeignKeyConstraint(
            ["lender_id"],
            ["lenders.id"],
            name=op.f("fk_lender_numbers_lender_id_lenders"),
            ondelete="CASCADE",
        ),
    )
    op.create_index(op.f("ix_lender_numbers_number"), "lender_numbers", ["number"])
    op.create_table(
        "custody_events",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", _UTC, nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("item_id", sa.Text(), nullable=True),
        sa.Column("lender_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_custody_events_item_id_items")
        ),
        sa.ForeignKeyConstraint(
            ["lender_id"], ["lenders.id"], name=op.f("fk_custody_events_lender_id_lenders")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_custody_events")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_custody_events_item_id"), "custody_events", ["item_id"])
    op.create_index(op.f("ix_custody_events_lender_id"), "custody_events", ["lender_id"])
    for statement in _CUSTODY_TRIGGERS:
        op.execute(statement)
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lender_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("occurred_at", _UTC, nullable=False),
        sa.Column("occurred_offset_min", sa.Integer(), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["lender_id"], ["lenders.id"], name=op.f("fk_notes_lender_id_lenders")
        ),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_notes_item_id_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    op.create_index(op.f("ix_notes_item_id"), "notes", ["item_id"])
    op.create_index(op.f("ix_notes_lender_id"), "notes", ["lender_id"])


def downgrade() -> None:
    # Dropping a table drops its indexes and triggers with it.
    for table in (
        "notes",
        "custody_events",
        "lender_numbers",
        "items",
        "settings",
        "lenders",
        "custody_head",
    ):
        op.drop_table(table)
