"""A phone backup item's title: one neutral form stored, rendered in the reader's language.

The importer stores the title in one fixed form (``Phone call log backup (52 calls, 0
messages)``), which older vaults hold too. It is data, not a sentence: the window and the
evidence list read its counts back with :func:`parse_backup_title` and say them in the
user's language. A title the user typed is anything else and is shown as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE = re.compile(r"Phone (call log|message) backup \((\d+) calls, (\d+) messages\)")


@dataclass(frozen=True, slots=True)
class BackupTitle:
    """What a stored backup title says: a call log (else messages), and its counts."""

    call_log: bool
    calls: int
    messages: int


def backup_title(*, call_log: bool, calls: int, messages: int) -> str:
    """The stored (neutral) title of a backup item."""
    what = "call log" if call_log else "message"
    return f"Phone {what} backup ({calls} calls, {messages} messages)"


def parse_backup_title(title: str | None) -> BackupTitle | None:
    """The counts of a title made by :func:`backup_title`; ``None`` for any other title."""
    match = _TITLE.fullmatch(title or "")
    if match is None:
        return None
    return BackupTitle(match[1] == "call log", int(match[2]), int(match[3]))
