"""Notes in the Merkle tree: each note's leaf position, beside the items'.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Self-contained like every revision: it never imports vault.db models. Nothing already
in a vault changes: its checkpoints cover its items as before, and its notes become
leaves at the end of the tree at the next checkpoint.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "checkpoint_note_leaves",
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("leaf_index", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("note_id", name=op.f("pk_checkpoint_note_leaves")),
        sa.CheckConstraint(
            "leaf_index >= 0", name=op.f("ck_checkpoint_note_leaves_index_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["note_id"], ["notes.id"], name=op.f("fk_checkpoint_note_leaves_note_id_notes")
        ),
        sa.UniqueConstraint("leaf_index", name=op.f("uq_checkpoint_note_leaves_leaf_index")),
    )


def downgrade() -> None:
    op.drop_table("checkpoint_note_leaves")
