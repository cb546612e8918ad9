"""What the evidence list says of each item beyond its record, read from the vault at
export: its content (:mod:`vault.bundle.report.content`) and, for a recording or a video,
how long it lasts (:mod:`vault.ingest.media_duration`, read from the decrypted file)."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vault.bundle.manifest import ExportedItem
from vault.bundle.report.content import Content, item_content
from vault.errors import VaultError
from vault.ingest.kinds import Kind
from vault.ingest.media_duration import duration_seconds
from vault.items import open_item

if TYPE_CHECKING:
    from vault.handle import OpenVault

logger = logging.getLogger(__name__)

TIMED_KINDS = frozenset({Kind.RECORDING, Kind.VIDEO})


@dataclass(frozen=True)
class ItemFacts:
    content: Content | None = None
    duration_s: float | None = None


def item_facts(
    vault: OpenVault, entries: Sequence[ExportedItem], *, language: str = "zh_CN"
) -> dict[str, ItemFacts]:
    """``item id -> ItemFacts`` for the items that have content or a duration."""
    facts = {}
    with vault.sessions() as session:
        for entry in entries:
            item = entry.item
            content = item_content(session, item, language=language)
            duration = (
                _duration(vault, item.id, item.media_type) if item.kind in TIMED_KINDS else None
            )
            if content is not None or duration is not None:
                facts[item.id] = ItemFacts(content, duration)
    return facts


def _duration(vault: OpenVault, item_id: str, media_type: str) -> float | None:
    try:
        with io.BufferedReader(open_item(vault, item_id)) as plain:
            return duration_seconds(plain, media_type)
    except (OSError, VaultError) as error:  # the export itself reports a missing file
        logger.info("no duration for an item (%s)", type(error).__name__)
        return None
