"""When and where the vault was last backed up, and whether a reminder is due.

Read from the custody log's newest ``vault_backed_up`` event: the log is the record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from vault import custody
from vault.db.models import CustodyEvent, Item
from vault.handle import OpenVault
from vault.safekeeping.reminder import DEFAULT_REMIND_DAYS, DEFAULT_REMIND_ITEMS, is_due


@dataclass(frozen=True)
class BackupStatus:
    last_at: datetime | None  # None: never backed up
    last_to: str
    new_items: int  # items imported since then (all of them when never)
    due: bool  # the reminder's rule says so


def backup_status(
    vault: OpenVault,
    *,
    remind_items: int = DEFAULT_REMIND_ITEMS,
    remind_days: int = DEFAULT_REMIND_DAYS,
    now: datetime | None = None,
) -> BackupStatus:
    """The last backup, and ``due`` once ``remind_items`` items were imported since it or
    ``remind_days`` days have passed (a vault never backed up is due once it holds items)."""
    now = now or datetime.now(UTC)
    with vault.sessions() as session:
        row = session.execute(
            select(CustodyEvent.at, CustodyEvent.payload)
            .where(CustodyEvent.action == custody.Action.VAULT_BACKED_UP)
            .order_by(CustodyEvent.seq.desc())
            .limit(1)
        ).first()
        count = select(func.count()).select_from(Item).where(Item.purged_at.is_(None))
        if row is not None:
            count = count.where(Item.imported_at > row.at)
        new_items = int(session.scalar(count) or 0)
    if row is None:
        return BackupStatus(None, "", new_items, is_due(new_items, None, now, items=1, days=1))
    try:
        where = str(json.loads(row.payload).get("to", ""))
    except (ValueError, AttributeError):
        where = ""
    due = is_due(new_items, row.at, now, items=remind_items, days=remind_days)
    return BackupStatus(row.at, where, new_items, due)
