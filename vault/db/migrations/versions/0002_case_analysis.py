"""The case analysis: events from call-log and SMS backups, complaints.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Self-contained like every revision: it never imports vault.db.backup.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = sa.String(length=27)


def upgrade() -> None:
    op.create_table(
        "backup_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("direction", sa.Text(), nullable=False),
        sa.Column("type_code", sa.Integer(), nullable=False),
        sa.Column("number", sa.Text(), nullable=True),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("contact_name", sa.Text(), nullable=True),
        sa.Column("occurred_at", sa.Integer(), nullable=False),  # epoch milliseconds, UTC
        sa.Column("occurred_offset_min", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("local_day", sa.Integer(), nullable=False),
        sa.Column("local_minute", sa.Integer(), nullable=False),
        sa.Column("contact", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind = 'call' OR kind = 'sms' OR kind = 'mms'", name=op.f("ck_backup_events_kind")
        ),
        sa.CheckConstraint(
            "duration_s IS NULL OR duration_s >= 0",
            name=op.f("ck_backup_events_duration_not_negative"),
        ),
        sa.CheckConstraint("contact >= 0 AND contact <= 3", name=op.f("ck_backup_events_contact")),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_backup_events_item_id_items"),
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_backup_events")),
    )
    op.create_index(op.f("ix_backup_events_item_id"), "backup_events", ["item_id"])
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lender_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("next_follow_up", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("updated_at", _UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["lender_id"], ["lenders.id"], name=op.f("fk_complaints_lender_id_lenders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
    )
    op.create_index(op.f("ix_complaints_lender_id"), "complaints", ["lender_id"])
    op.create_table(
        "complaint_items",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_items_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_complaint_items_item_id_items")
        ),
        sa.PrimaryKeyConstraint("complaint_id", "item_id", name=op.f("pk_complaint_items")),
    )
    op.create_index(op.f("ix_complaint_items_item_id"), "complaint_items", ["item_id"])


def downgrade() -> None:
    # Dropping a table drops its indexes with it.
    for table in ("complaint_items", "complaints", "backup_events"):
        op.drop_table(table)
