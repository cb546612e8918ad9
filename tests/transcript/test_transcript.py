"""Transcripts: versions kept, each in the custody log, checked by evault check."""

from __future__ import annotations

import hashlib

import pytest

from vault.check import check_vault
from vault.handle import OpenVault
from vault.items import item_history, list_items
from vault.store import BlobStore
from vault.transcript import (
    NotARecordingError,
    Segment,
    TranscriptError,
    latest_transcript,
    parse_file_text,
    parse_lines,
    save_transcript,
    transcript_for,
    transcript_versions,
)

FIRST = [
    {"start_ms": 0, "speaker": "collector", "text": "你再不还钱"},
    {"start_ms": 1500, "speaker": "collector", "text": "就去你家"},
]


def _ids(vault: OpenVault) -> tuple[str, str]:
    items = {i.kind: i.id for i in list_items(vault)}
    return items["recording"], items["screenshot"]


def _blob_sha(store: BlobStore, item_id: str) -> str:
    return hashlib.sha256(store.path_for(item_id).read_bytes()).hexdigest()


def test_every_version_is_kept_and_recorded_without_touching_the_audio(
    vault: OpenVault,
) -> None:
    recording, _ = _ids(vault)
    blob_before = _blob_sha(vault.store, recording)
    assert latest_transcript(vault, recording) is None

    first = save_transcript(vault, recording, FIRST, duration_ms=2600)
    again = save_transcript(vault, recording, FIRST)  # the same words: no new version
    second = save_transcript(
        vault, recording, [*FIRST, {"start_ms": 800, "speaker": "self", "text": " 我在想办法 "}]
    )

    assert (first.version, again.version, second.version) == (1, 1, 2)
    assert second.duration_ms == 2600  # kept from the version before
    assert [s.start_ms for s in second.segments] == [0, 800, 1500]  # in time order
    assert second.segments[1] == Segment(800, "self", "我在想办法")
    assert [t.version for t in transcript_versions(vault, recording)] == [1, 2]
    assert transcript_versions(vault, recording)[0].segments == first.segments
    latest = latest_transcript(vault, recording)
    assert latest == second
    assert second.first_lines(2, "zh_CN") == ["00:00 催收方：你再不还钱", "00:00 本人：我在想办法"]
    assert second.first_lines(1, "en") == ["00:00 Collector: 你再不还钱"]
    assert latest.origin == "manual"
    with vault.sessions() as session:
        assert transcript_for(session, recording) == second
    saved = [e for e in item_history(vault, recording) if e.action == "transcript_saved"]
    assert [e.payload["version"] for e in saved] == [1, 2]
    recorded = saved[1].payload["segments"]
    assert isinstance(recorded, list)
    assert recorded[1] == {
        "start_ms": 800,
        "speaker": "self",
        "text": "我在想办法",
    }
    assert _blob_sha(vault.store, recording) == blob_before
    assert check_vault(vault).problems == ()


@pytest.mark.parametrize(
    ("statement", "kind", "field"),
    [
        (
            "UPDATE transcripts SET segments = "
            '\'[{"start_ms": 0, "speaker": "collector", "text": "请按时还款"}]\'',
            "transcript_altered",
            "segments",
        ),
        ("UPDATE transcripts SET origin = 'asr'", "transcript_altered", "origin"),
        ("UPDATE transcripts SET duration_ms = 1", "transcript_altered", "duration_ms"),
        ("DELETE FROM transcripts", "transcript_record_deleted", "transcript 1"),
        (
            "INSERT INTO transcripts (item_id, version, origin, segments, duration_ms, saved_at) "
            "SELECT item_id, 2, origin, segments, duration_ms, saved_at FROM transcripts",
            "transcript_not_in_custody",
            "Transcript 2",
        ),
    ],
)
def test_check_names_a_transcript_changed_in_the_database(
    vault: OpenVault, statement: str, kind: str, field: str
) -> None:
    recording, _ = _ids(vault)
    save_transcript(vault, recording, FIRST, duration_ms=2600)
    with vault.sessions() as session, session.begin():
        session.connection().exec_driver_sql(statement)
    problems = check_vault(vault).problems
    assert [(p.kind, field in p.message) for p in problems] == [(kind, True)]


def test_only_a_recording_with_real_segments_is_saved(vault: OpenVault) -> None:
    recording, screenshot = _ids(vault)
    with pytest.raises(NotARecordingError):
        save_transcript(vault, screenshot, FIRST)
    bad = [
        [],
        [{"start_ms": -1, "speaker": "collector", "text": "x"}],
        [{"start_ms": 0, "speaker": "lender", "text": "x"}],
        [{"start_ms": 0, "speaker": "self", "text": "   "}],
        [{"start_ms": 1.5, "speaker": "self", "text": "x"}],
        [{"start_ms": 0, "speaker": "self", "text": "长" * 100_001}],
    ]
    for segments in bad:
        with pytest.raises(TranscriptError):
            save_transcript(vault, recording, segments)
    assert transcript_versions(vault, recording) == []


def test_plain_lines_and_json_both_read() -> None:
    lines = parse_lines("00:00 催收方 你再不还钱\n\n0:01.5 本人: 我在想办法\n1:02:03 other 挂断")
    assert lines == (
        Segment(0, "collector", "你再不还钱"),
        Segment(1500, "self", "我在想办法"),
        Segment(3_723_000, "other", "挂断"),
    )
    assert parse_file_text('{"segments": [{"start_ms": 5, "speaker": "self", "text": "好"}]}') == (
        Segment(5, "self", "好"),
    )
    for wrong in ("1:5 催收方 x", "00:01 lender x", "00:01 催收方"):
        with pytest.raises(TranscriptError):
            parse_lines(wrong)


def test_the_search_box_finds_a_recording_by_the_words_of_its_latest_transcript(
    vault: OpenVault,
) -> None:
    from vault.listing import ItemFilter, item_page  # noqa: PLC0415

    def found(words: str) -> list[str]:
        return [i.id for i in item_page(vault, ItemFilter(text=words), 0, 100)]

    recording, _ = _ids(vault)
    assert found("去你家") == []
    save_transcript(
        vault, recording, [{"start_ms": 0, "speaker": "collector", "text": "你再不还钱就去你家"}]
    )
    assert found("去你家") == [recording]
    save_transcript(vault, recording, [{"start_ms": 0, "speaker": "collector", "text": "明天上门"}])
    assert found("去你家") == [], "a new version takes the place of the one before"
    assert found("上门") == [recording], "two characters: no trigram, still found"
