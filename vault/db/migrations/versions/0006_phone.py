"""The times an imported file offered beside its capture time: what its name said and
its own modified time, and the call direction a recording's name gave; and which MMS
of a backup carried each attachment stored as an item.

Revision ID: 0006_phone
Revises: 0005_transcript
Create Date: 2026-12-03

Self-contained like every revision: it never imports vault.db models. A table of its
own beside items (items keeps its CREATE statement untouched). Items already in a vault
have no row: what their names said was not kept then.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_phone"
down_revision: str | None = "0005_transcript"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = sa.String(length=27)


def upgrade() -> None:
    op.create_table(
        "item_times",
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.Column("name_time", _UTC, nullable=True),
        sa.Column("name_offset_min", sa.Integer(), nullable=True),
        sa.Column("file_modified_at", _UTC, nullable=True),
        sa.Column("call_direction", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_item_times_item_id_items")
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_item_times")),
    )
    op.create_table(
        "mms_attachments",
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.Column("backup_item_id", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_mms_attachments_item_id_items")
        ),
        sa.ForeignKeyConstraint(
            ["backup_item_id"], ["items.id"], name=op.f("fk_mms_attachments_backup_item_id_items")
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_mms_attachments")),
    )
    op.create_index(
        op.f("ix_mms_attachments_backup_item_id"), "mms_attachments", ["backup_item_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_mms_attachments_backup_item_id"), table_name="mms_attachments")
    op.drop_table("mms_attachments")
    op.drop_table("item_times")
