"""Tables of trusted time (checkpoints, timestamp requests and tokens); see revision 0003.

- ``checkpoint_leaves`` gives every item its fixed position in the vault's Merkle tree,
  assigned once, in the order items are first checkpointed, so that the tree only ever
  grows at the end (docs/trusted-time.md).
- ``checkpoint_note_leaves`` does the same for notes (revision 0004): a note is a leaf
  ``note-<id>`` of the same tree, its positions never those of an item.
- ``checkpoints`` holds each signed checkpoint statement exactly as it was signed.
- ``stamp_queue`` is the offline queue: one row per checkpoint still to be sent to a
  time-stamp authority (TSA), with its back-off.
- ``timestamp_tokens`` holds every RFC 3161 reply that passed the checks, byte for byte,
  with the certificates it carried.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vault.db.base import Base


class CheckpointLeaf(Base):
    """The position of one item in the vault's append-only Merkle tree."""

    __tablename__ = "checkpoint_leaves"
    __table_args__ = (CheckConstraint("leaf_index >= 0", name="index_not_negative"),)

    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), primary_key=True)
    leaf_index: Mapped[int] = mapped_column(Integer, unique=True)


class CheckpointNoteLeaf(Base):
    """The position of one note in the vault's Merkle tree (the items' positions' series)."""

    __tablename__ = "checkpoint_note_leaves"
    __table_args__ = (CheckConstraint("leaf_index >= 0", name="index_not_negative"),)

    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id"), primary_key=True)
    leaf_index: Mapped[int] = mapped_column(Integer, unique=True)


class Checkpoint(Base):
    """A signed statement of the tree's size and root at one moment."""

    __tablename__ = "checkpoints"
    __table_args__ = (
        CheckConstraint("tree_size > 0", name="tree_size_positive"),
        CheckConstraint("length(root) = 64", name="root_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime]
    tree_size: Mapped[int] = mapped_column(Integer)
    root: Mapped[str] = mapped_column(String(64))
    statement: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[str] = mapped_column(Text)


class StampQueueEntry(Base):
    """A checkpoint waiting for a timestamp; gone from the queue once one is stored."""

    __tablename__ = "stamp_queue"

    checkpoint_id: Mapped[int] = mapped_column(ForeignKey("checkpoints.id"), primary_key=True)
    queued_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(Text)  # "stamped" or "superseded"


class TimestampToken(Base):
    """An RFC 3161 reply (``.tsr``) over a checkpoint statement, checked when received."""

    __tablename__ = "timestamp_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    checkpoint_id: Mapped[int] = mapped_column(ForeignKey("checkpoints.id"), index=True)
    tsa_url: Mapped[str] = mapped_column(Text)
    tsa_name: Mapped[str] = mapped_column(Text)
    gen_time: Mapped[datetime]
    received_at: Mapped[datetime]
    serial: Mapped[str] = mapped_column(Text)
    nonce: Mapped[str] = mapped_column(Text)
    response: Mapped[bytes] = mapped_column(LargeBinary)
    chain_pem: Mapped[str] = mapped_column(Text)
