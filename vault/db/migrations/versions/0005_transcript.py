"""Transcripts: the saved versions of a recording's written transcript.

Revision ID: 0005_transcript
Revises: 0004
Create Date: 2026-12-03

Self-contained like every revision: it never imports vault.db models. Nothing already
in a vault changes; a recording has no transcript until one is saved.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_transcript"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = sa.String(length=27)


def upgrade() -> None:
    op.create_table(
        "transcripts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("segments", sa.JSON(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("saved_at", _UTC, nullable=False),
        sa.UniqueConstraint("item_id", "version", name=op.f("uq_transcripts_item_id_version")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_transcripts_version_positive")),
        sa.CheckConstraint(
            "duration_ms IS NULL OR duration_ms >= 0",
            name=op.f("ck_transcripts_duration_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_transcripts_item_id_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transcripts")),
    )
    op.create_index(op.f("ix_transcripts_item_id"), "transcripts", ["item_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_transcripts_item_id"), table_name="transcripts")
    op.drop_table("transcripts")
