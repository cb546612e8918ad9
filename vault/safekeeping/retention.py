"""Which database snapshots a backup folder keeps: the newest 10, plus the newest of
every month before them. Blobs are never deleted; only snapshot files go."""

from __future__ import annotations

from collections.abc import Sequence

from vault.safekeeping.layout import snapshot_order

KEEP_LAST = 10
RULE = "the last 10 backups, plus the last one of each earlier month"


def kept(names: Sequence[str]) -> set[str]:
    """The snapshot names to keep among ``names`` (``YYYYMMDDTHHMMSSZ.db``, any order)."""
    ordered = sorted(names, key=snapshot_order)
    keep = set(ordered[-KEEP_LAST:])
    newest_of_month: dict[str, str] = {}
    for name in ordered:
        newest_of_month[name[:6]] = name  # YYYYMM; later names overwrite earlier ones
    return keep | set(newest_of_month.values())
