"""Synthetic item rows for benchmarks of large vaults (never used by the app itself).

Inserting 50,000 real imports would make a benchmark about encryption, not about
listing. These rows have no blob and no custody event, so ``evault check`` reports
them: use only on a throw-away vault.
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta

from vault.categories import Category
from vault.db.models import Item
from vault.handle import OpenVault
from vault.lenders import lender_id_of
from vault.store import new_item_id

_KINDS = ("recording", "screenshot", "photo", "video", "document")
_MEDIA = {
    "recording": "audio/mp4",
    "screenshot": "image/png",
    "photo": "image/jpeg",
    "video": "video/mp4",
    "document": "application/pdf",
}


def add_synthetic_items(
    vault: OpenVault, lender: str, count: int, *, seed: int = 7, batch: int = 5000
) -> None:
    """Insert ``count`` item rows for ``lender`` (which must exist) in large batches."""
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
    lender_id = lender_id_of(vault, lender)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    cats = list(Category)
    made = 0
    while made < count:
        rows = []
        for n in range(made, min(count, made + batch)):
            kind = rng.choice(_KINDS)
            at = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 365))
            digest = hashlib.sha256(f"{seed}/{n}".encode()).hexdigest()
            rows.append(
                Item(
                    id=new_item_id(),
                    lender_id=lender_id,
                    kind=kind,
                    media_type=_MEDIA[kind],
                    original_name=f"call_{n:06d}.m4a" if kind == "recording" else f"file_{n:06d}",
                    size=rng.randrange(1000, 5_000_000),
                    sha256=digest,
                    content_key=None,
                    sm3=None,
                    imported_at=start,
                    captured_at=at,
                    captured_offset_min=480,
                    time_source="file_name",
                    counterpart=f"1{rng.randrange(3000000000, 9999999999)}",
                    categories=[rng.choice(cats).value],
                    title=f"Item {n}",
                )
            )
        with vault.sessions() as session, session.begin():
            session.add_all(rows)
        made += len(rows)
