"""Trusted time: checkpoints, the RFC 3161 queue and tokens.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

Self-contained like every revision: it never imports vault.db models. Times are
fixed-width ISO-8601 UTC text (27 chars).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = sa.String(length=27)


def upgrade() -> None:
    op.create_table(
        "checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("tree_size", sa.Integer(), nullable=False),
        sa.Column("root", sa.String(length=64), nullable=False),
        sa.Column("statement", sa.LargeBinary(), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkpoints")),
        sa.CheckConstraint("tree_size > 0", name=op.f("ck_checkpoints_tree_size_positive")),
        sa.CheckConstraint("length(root) = 64", name=op.f("ck_checkpoints_root_length")),
    )
    op.create_table(
        "stamp_queue",
        sa.Column("checkpoint_id", sa.Integer(), nullable=False),
        sa.Column("queued_at", _UTC, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", _UTC, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("done_at", _UTC, nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("checkpoint_id", name=op.f("pk_stamp_queue")),
        sa.ForeignKeyConstraint(
            ["checkpoint_id"],
            ["checkpoints.id"],
            name=op.f("fk_stamp_queue_checkpoint_id_checkpoints"),
        ),
    )
    op.create_table(
        "timestamp_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkpoint_id", sa.Integer(), nullable=False),
        sa.Column("tsa_url", sa.Text(), nullable=False),
        sa.Column("tsa_name", sa.Text(), nullable=False),
        sa.Column("gen_time", _UTC, nullable=False),
        sa.Column("received_at", _UTC, nullable=False),
        sa.Column("serial", sa.Text(), nullable=False),
        sa.Column("nonce", sa.Text(), nullable=False),
        sa.Column("response", sa.LargeBinary(), nullable=False),
        sa.Column("chain_pem", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timestamp_tokens")),
        sa.ForeignKeyConstraint(
            ["checkpoint_id"],
            ["checkpoints.id"],
            name=op.f("fk_timestamp_tokens_checkpoint_id_checkpoints"),
        ),
    )
    op.create_index(
        op.f("ix_timestamp_tokens_checkpoint_id"), "timestamp_tokens", ["checkpoint_id"]
    )
    op.create_table(
        "checkpoint_leaves",
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.Column("leaf_index", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_checkpoint_leaves")),
        sa.CheckConstraint("leaf_index >= 0", name=op.f("ck_checkpoint_leaves_index_not_negative")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_checkpoint_leaves_item_id_items")
        ),
        sa.UniqueConstraint("leaf_index", name=op.f("uq_checkpoint_leaves_leaf_index")),
    )


def downgrade() -> None:
    for table in ("checkpoint_leaves", "timestamp_tokens", "stamp_queue", "checkpoints"):
        op.drop_table(table)
