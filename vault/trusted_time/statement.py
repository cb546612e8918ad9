"""The bytes a checkpoint signs: its leaves and its statement (docs/trusted-time.md).

A leaf is ``<item id> LF <sha256 hex> LF <imported_at UTC>`` in UTF-8; the statement is
canonical JSON of type :data:`STATEMENT_TYPE`, signed as OpenSSH SSHSIG in namespace
:data:`NAMESPACE`. No database: the bundle verifier rebuilds leaves from the manifest.
"""

from __future__ import annotations

from datetime import datetime

from vault.times import format_utc

STATEMENT_TYPE = "evidence-vault-checkpoint/1"
NAMESPACE = "evidence-vault"


def leaf_data(item_id: str, sha256_hex: str, imported_at: datetime) -> bytes:
    """The bytes of one leaf: ``<item id> LF <sha256 hex> LF <imported_at UTC>`` in UTF-8."""
    return leaf_bytes(item_id, sha256_hex, format_utc(imported_at))


def leaf_bytes(item_id: str, sha256_hex: str, imported_at_utc: str) -> bytes:
    """:func:`leaf_data` from ``imported_at`` already in its stored UTC text form."""
    return f"{item_id}\n{sha256_hex}\n{imported_at_utc}".encode()


def statement_name(checkpoint_id: int) -> str:
    """The file name of a checkpoint statement in a bundle's ``timestamps/`` folder."""
    return f"checkpoint-{checkpoint_id:06d}.json"
