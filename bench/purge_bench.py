"""Deleting a screenshot for good in a vault of 50,000 read ones, against one never read.

    .venv/bin/python bench/purge_bench.py [--items 50000] [--purges 5]

A vault gets ``--items`` screenshots with machine-read text written straight into its
database (as ``bench/ocr_bench.py`` builds its search vault), plus ``--purges`` more with
no text. Each purge (:func:`vault.items.purge_item`) deletes the item's transcripts and,
for one with text, its text and search row, with FTS5's secure delete, so no trigram
of it stays in the segments. The peer, in the same run and vault, is the purge of an
item that was never read: no text to take out of the index. Both are timed alternately, and the
ratio is of the medians.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ocr_bench import (  # type: ignore[import-not-found]
    PASSPHRASE,
    screenshot_row,
    search_vault,
    text_row,
)
from sqlalchemy import insert

from vault.db.models import Item
from vault.db.ocr import OcrRecord
from vault.handle import OpenVault, unlock_vault
from vault.items import purge_item, withdraw_item
from vault.store import new_item_id


def purgeable_items(vault: OpenVault, count: int, *, read: bool) -> list[str]:
    """``count`` more screenshots with ids a blob store accepts (the search vault's are
    not), with machine-read text or never read."""
    now = datetime(2024, 3, 18, tzinfo=UTC)
    ids = [new_item_id() for _ in range(count)]
    words = "今天天气不错我们去公园散步吧晚上一起吃饭好不好明天见面再说工作很忙再不还钱就爆你通讯录"
    with vault.sessions() as session, session.begin():
        session.execute(
            insert(Item),
            [
                screenshot_row(item_id, f"purged_{read}_{n}.png", uuid.uuid4().hex * 2, now)
                for n, item_id in enumerate(ids)
            ],
        )
        if read:
            session.execute(insert(OcrRecord), [text_row(item_id, words, now) for item_id in ids])
    return ids


def timed_purge(vault: OpenVault, item_id: str) -> float:
    withdraw_item(vault, item_id)
    start = time.perf_counter()
    purge_item(vault, item_id)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--purges", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: temp)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="purge-bench-", dir=args.dir))
    try:
        where, built = search_vault(work / "vault", args.items)
        vault = unlock_vault(where, PASSPHRASE)
        read = purgeable_items(vault, args.purges, read=True)
        unread = purgeable_items(vault, args.purges, read=False)
        with_text, without = [], []
        for read_id, unread_id in zip(read, unread, strict=True):
            with_text.append(timed_purge(vault, read_id))
            without.append(timed_purge(vault, unread_id))
        vault.lock()
        text_ms, peer_ms = statistics.median(with_text), statistics.median(without)
        print(f"Purge in a vault of {args.items} read screenshots (built in {built:.1f} s)")
        print(f"  read (text taken out of the index): median {text_ms:7.1f} ms  {with_text}")
        print(f"  never read (the peer):     median {peer_ms:7.1f} ms  {without}")
        print(f"  ratio: {text_ms / peer_ms:.1f}x")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
