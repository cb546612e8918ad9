"""Emptying the trash leaves nothing of an item's content readable: no transcript, no
machine-read text, no search entry; the custody log keeps its tombstone event."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.ocr.screens import Bubble, chat
from tests.transcript.conftest import PASSPHRASE
from vault.check import check_vault
from vault.cli import main
from vault.db.models import Transcript
from vault.db.ocr import OcrRecord
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.items import item_history_raw, list_items, purge_item, withdraw_item
from vault.listing import ItemFilter, item_page
from vault.ocr import item_text
from vault.ocr.reading import read_waiting
from vault.ocr.script import fold
from vault.transcript import save_transcript, transcript_versions

SPOKEN = "明天上门找你家人"
SHOWN = "再不还钱就爆你通讯录"


def searched(vault: OpenVault, words: str) -> set[str]:
    """Every item the search finds, the trash included."""
    return {
        item.id
        for flt in (ItemFilter(text=words, include_withdrawn=True), ItemFilter(text=words))
        for item in item_page(vault, flt, 0, 100)
    }


def fts_hits(vault: OpenVault, words: str) -> int:
    """Rows of the full-text table itself that match ``words`` (its text is folded)."""
    with vault.sessions() as session:
        return int(
            session.scalar(
                text("SELECT count(*) FROM ocr_search WHERE ocr_search MATCH :phrase"),
                {"phrase": f'"{fold(words)}"'},
            )
            or 0
        )


def indexed_trigrams(vault: OpenVault, words: str) -> set[bytes]:
    """The trigrams of ``words`` found in the raw segments of the full-text index."""
    with vault.sessions() as session:
        segments = b"".join(
            bytes(block or b"")
            for block in session.scalars(text("SELECT block FROM ocr_search_data"))
        )
    folded = fold(words)
    trigrams = {folded[i : i + 3].encode() for i in range(len(folded) - 2)}
    return {t for t in trigrams if t in segments}


def test_purging_a_recording_and_a_screenshot_leaves_no_transcript_text_or_index(
    vault: OpenVault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    recording = next(i.id for i in list_items(vault) if i.kind == "recording")
    shot = tmp_path / "Screenshot_2024-03-01-14-30-05-456_com.tencent.mm.png"
    shot.write_bytes(chat([Bubble("你好"), Bubble(SHOWN, mine=True)]))
    screenshot = import_paths(vault, [shot]).results[0].item_id
    assert screenshot is not None
    save_transcript(vault, recording, [{"start_ms": 0, "speaker": "collector", "text": "你好"}])
    save_transcript(vault, recording, [{"start_ms": 1200, "speaker": "collector", "text": SPOKEN}])
    read_waiting(vault, workers=1)
    # what is there before: two transcript versions, the text read by real Tesseract
    assert len(transcript_versions(vault, recording)) == 2
    read = item_text(vault, screenshot)
    assert read is not None and SHOWN in fold(read.text or ""), read
    assert screenshot in searched(vault, SHOWN) and fts_hits(vault, SHOWN) == 1
    assert len(indexed_trigrams(vault, SHOWN)) >= 3

    for item_id in (recording, screenshot):
        withdraw_item(vault, item_id, reason="duplicate")
        purge_item(vault, item_id)

    gone = (recording, screenshot)
    with vault.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Transcript)) == 0
        assert session.scalar(select(func.count()).where(OcrRecord.item_id.in_(gone))) == 0
        assert session.scalar(select(func.count()).select_from(OcrRecord)) == 1, "the other"
        assert (
            session.scalar(
                text("SELECT count(*) FROM ocr_search WHERE item_id = :i"), {"i": screenshot}
            )
            == 0
        )
    assert searched(vault, SHOWN) == set() and fts_hits(vault, SHOWN) == 0
    assert not indexed_trigrams(vault, SHOWN), "a deleted row's trigrams left in the index"
    assert searched(vault, SPOKEN) == set()
    # the log keeps what it recorded for a purge: the tombstone's hashes and size
    for item_id in (recording, screenshot):
        last = item_history_raw(vault, item_id)[-1]
        assert last.action == "item_purged"
        assert set(last.payload) == {"sha256", "size"}, last.payload
    report = check_vault(vault)
    assert report.ok, report.problems

    where = str(vault.info.path)
    vault.lock()
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    assert main(["check", "--vault", where]) == 0, capsys.readouterr()


def test_check_still_finds_a_deleted_transcript_of_a_live_recording(vault: OpenVault) -> None:
    """A purge expects its transcripts gone; any other missing one is still a finding."""
    recording = next(i.id for i in list_items(vault) if i.kind == "recording")
    save_transcript(vault, recording, [{"start_ms": 0, "speaker": "self", "text": "我在想办法"}])
    with vault.sessions() as session, session.begin():
        session.execute(text("DELETE FROM transcripts"))
    kinds = {p.kind for p in check_vault(vault).problems}
    assert "transcript_record_deleted" in kinds, kinds
