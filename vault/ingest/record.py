"""Recording stored blobs as items: the one place an item row and its import event are made.

Every import path (files and folders through :mod:`vault.ingest.pipeline`, phone backups
through :mod:`vault.backup.importer`) ends here, inside its own transaction: the item
rows and one ``item_imported`` custody event per item, whose payload holds every field
the item was given, so ``evault check`` can compare each of them with the row later.
Nothing is committed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from vault import custody
from vault.custody import ledger
from vault.db.models import Item, ItemTimes
from vault.ingest.capture import Capture


@dataclass(frozen=True, slots=True)
class NewItem:
    """A blob already published in the store, and what is known of it."""

    item_id: str
    original_name: str  # as shown: undecodable bytes escaped (vault.fsutil.display_name)
    size: int
    sha256: str
    sm3: str | None
    content_key: str
    capture: Capture
    title: str | None = None


def record_items(
    session: Session, items: Sequence[NewItem], lender_id: int | None, now: datetime
) -> None:
    """Add the rows of ``items`` and their ``item_imported`` events (one batched insert)."""
    if not items:
        return
    session.execute(insert(Item), [_row(item, lender_id, now) for item in items])
    session.execute(insert(ItemTimes), [_times_row(item) for item in items])
    ledger.append_many(
        session,
        [
            ledger.NewEvent(
                custody.Action.ITEM_IMPORTED,
                now,
                _payload(item),
                item_id=item.item_id,
                lender_id=lender_id,
            )
            for item in items
        ],
    )


def _row(item: NewItem, lender_id: int | None, now: datetime) -> dict[str, object]:
    capture = item.capture
    return {
        "id": item.item_id,
        "lender_id": lender_id,
        "kind": str(capture.kind),
        "media_type": capture.media_type,
        "original_name": item.original_name,
        "size": item.size,
        "sha256": item.sha256,
        "content_key": item.content_key,
        "sm3": item.sm3,
        "imported_at": now,
        "captured_at": capture.captured_at_utc,
        "captured_offset_min": capture.captured_offset_min,
        "time_source": capture.time_source,
        "counterpart": capture.counterpart,
        "contact_name": capture.contact_name,
        "source_app": capture.source_app,
        "device": capture.device,
        "categories": [],
        "title": item.title,
    }


def _times_row(item: NewItem) -> dict[str, object]:
    capture = item.capture
    return {
        "item_id": item.item_id,
        "name_time": capture.name_time_utc,
        "name_offset_min": capture.name_offset_min,
        "file_modified_at": capture.file_modified_utc,
        "call_direction": capture.direction,
    }


def _payload(item: NewItem) -> dict[str, object]:
    capture = item.capture
    return {
        "sha256": item.sha256,
        "sm3": item.sm3,
        "size": item.size,
        "original_name": item.original_name,
        "media_type": capture.media_type,
        "kind": str(capture.kind),
        "captured_at": capture.captured_at_utc.isoformat(),
        "captured_offset_min": capture.captured_offset_min,
        "time_source": capture.time_source,
        "name_time": _iso(capture.name_time_utc),
        "name_offset_min": capture.name_offset_min,
        "file_modified_at": _iso(capture.file_modified_utc),
        "call_direction": capture.direction,
        # what the file told about its origin: recorded so that check can compare it
        "counterpart": capture.counterpart,
        "contact_name": capture.contact_name,
        "source_app": capture.source_app,
        "device": capture.device,
        "title": item.title,
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
