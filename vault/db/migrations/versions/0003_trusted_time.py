"""Trusted time: checkpoints, the RFC 3161 queue and tokens.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Filled in with the tables of this revision."""


def downgrade() -> None:
    """Filled in with the tables of this revision."""
