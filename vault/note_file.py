"""A note as a file: the bytes a bundle carries for it and its Merkle tree leaf use.

A note (当事人陈述, what the user wrote down) travels as a text file under
``evidence/``: UTF-8 with a byte-order mark and CRLF line ends, so Notepad on Windows
shows it right. Its bytes follow from the text alone, so the checkpoint that covers the
note (its leaf: ``note-<id>``, the SHA-256 of these bytes, when it was written) and the
bundle verifier (from the note's ``note_added`` custody event) compute the same ones.
"""

from __future__ import annotations

import hashlib

NOTE_ID_PREFIX = "note-"


def note_item_id(note_id: int) -> str:
    """A note's id in a bundle and in the tree (``note-12``): never an item's UUID."""
    return f"{NOTE_ID_PREFIX}{note_id}"


def note_file_bytes(text: str) -> bytes:
    """The file a note becomes: a UTF-8 BOM, then the text with CRLF line ends."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return ("\ufeff" + "\r\n".join(lines)).encode("utf-8", "replace")


def note_sha256(text: str) -> str:
    return hashlib.sha256(note_file_bytes(text)).hexdigest()
