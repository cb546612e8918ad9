"""The backup reminder's rule: after N new items or D days since the last backup.

No database here, so the window's settings read the defaults without loading the vault.
"""

from __future__ import annotations

from datetime import datetime, timedelta

DEFAULT_REMIND_ITEMS = 20
DEFAULT_REMIND_DAYS = 7


def is_due(
    new_items: int, last_at: datetime | None, now: datetime, *, items: int, days: int
) -> bool:
    """Whether to remind: never backed up and holding items, or N items or D days since."""
    if last_at is None:
        return new_items > 0
    return new_items >= items or now - last_at >= timedelta(days=days)
