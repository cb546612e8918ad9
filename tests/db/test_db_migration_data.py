"""Every migration step keeps the data of the schema before it, both ways.

For each revision: a database at the revision before it holds rows in every table it
has (written as plain SQL, the way that schema stored them), is upgraded, and must
give back every row unchanged and take rows in the tables the step added; downgraded
again, the rows of the older schema are still all there. A user's vault is upgraded
on unlock, so a step that lost or changed a row would lose evidence.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, Select, column, literal_column, select, table, text

from tests.db.test_db_migrations import revisions_oldest_first, to_revision
from vault.db import open_database

T = "2025-03-14T01:26:53.589793Z"
H = "ab" * 32

# Rows each revision's new tables take, as that revision stores them.
SEEDS: dict[str, list[tuple[str, dict[str, object]]]] = {
    "0001": [
        ("custody_head", {"id": 1, "seq": 2, "hash": H}),
        (
            "lenders",
            {
                "id": 1,
                "name": "微粒貸",
                "app": "App",
                "company": "某公司",
                "loan_ref": "L-1",
                "agencies": '["某催收公司"]',
                "notes": "备注",
                "created_at": T,
            },
        ),
        ("lender_numbers", {"id": 1, "lender_id": 1, "number": "13800138000", "label": "催收"}),
        ("settings", {"key": "time_zone", "value": '"Asia/Shanghai"'}),
        (
            "items",
            {
                "id": "it1",
                "lender_id": 1,
                "kind": "recording",
                "media_type": "audio/mp4",
                "original_name": "通话录音 13800138000.m4a",
                "size": 10,
                "sha256": "cd" * 32,
                "content_key": "k1",
                "sm3": "ef" * 32,
                "imported_at": T,
                "captured_at": T,
                "captured_offset_min": 480,
                "time_source": "file_name",
                "incident_at": T,
                "incident_offset_min": 480,
                "counterpart": "13800138000",
                "contact_name": "张三",
                "source_app": "Recorder",
                "device": "Phone",
                "categories": '["threat"]',
                "title": "威胁电话",
                "purpose": "证明威胁",
                "withdrawn_at": None,
                "purged_at": None,
            },
        ),
        *(
            (
                "custody_events",
                {
                    "seq": seq,
                    "at": T,
                    "action": action,
                    "item_id": item,
                    "lender_id": 1,
                    "payload": "{}",
                    "prev_hash": prev,
                    "hash": digest,
                },
            )
            for seq, action, item, prev, digest in (
                (1, "lender_added", None, "0" * 64, "11" * 32),
                (2, "item_imported", "it1", "11" * 32, H),
            )
        ),
        (
            "notes",
            {
                "id": 1,
                "lender_id": 1,
                "item_id": "it1",
                "text": "上门催收",
                "occurred_at": T,
                "occurred_offset_min": 480,
                "created_at": T,
            },
        ),
    ],
    "0002": [
        (
            "backup_events",
            {
                "id": 1,
                "item_id": "it1",
                "seq": 1,
                "kind": "call",
                "direction": "in",
                "type_code": 1,
                "number": "13800138000",
                "address": "+86 138 0013 8000",
                "contact_name": "催收",
                "occurred_at": 1741915613589,
                "occurred_offset_min": 480,
                "duration_s": 35,
                "body": None,
                "local_day": 20161,
                "local_minute": 566,
                "contact": 1,
            },
        ),
        (
            "complaints",
            {
                "id": 1,
                "lender_id": 1,
                "channel": "12378",
                "filed_on": "2025-03-15",
                "reference": "R-1",
                "status": "filed",
                "next_follow_up": "2025-03-29",
                "notes": "已投诉",
                "created_at": T,
                "updated_at": T,
            },
        ),
        ("complaint_items", {"complaint_id": 1, "item_id": "it1"}),
    ],
    "0003": [
        (
            "checkpoints",
            {
                "id": 1,
                "created_at": T,
                "tree_size": 1,
                "root": "12" * 32,
                "statement": b"{}\n",
                "signature": "sig",
            },
        ),
        ("checkpoint_leaves", {"item_id": "it1", "leaf_index": 0}),
        (
            "stamp_queue",
            {
                "checkpoint_id": 1,
                "queued_at": T,
                "attempts": 1,
                "next_attempt_at": T,
                "last_error": "timeout",
                "done_at": T,
                "outcome": "stamped",
            },
        ),
        (
            "timestamp_tokens",
            {
                "id": 1,
                "checkpoint_id": 1,
                "tsa_url": "http://127.0.0.1/",
                "tsa_name": "Test TSA",
                "gen_time": T,
                "received_at": T,
                "serial": "01",
                "nonce": "02",
                "response": b"0\x00",
                "chain_pem": "PEM",
            },
        ),
    ],
    "0004": [("checkpoint_note_leaves", {"note_id": 1, "leaf_index": 1})],
    "0005_transcript": [
        (
            "transcripts",
            {
                "id": 1,
                "item_id": "it1",
                "version": 1,
                "origin": "manual",
                "segments": '[{"start_ms": 0, "speaker": "collector", "text": "再不还钱就上门"}]',
                "duration_ms": 1000,
                "saved_at": T,
            },
        )
    ],
    "0006_phone": [
        (
            "item_times",
            {
                "item_id": "it1",
                "name_time": T,
                "name_offset_min": 480,
                "file_modified_at": T,
                "call_direction": "in",
            },
        ),
        ("mms_attachments", {"item_id": "it1", "backup_item_id": "it1", "seq": 1}),
    ],
    "0007_ocr": [
        (
            "ocr_texts",
            {
                "item_id": "it1",
                "status": "read",
                "text": "再不還錢就爆你通訊錄",
                "folded": "再不还钱就爆你通讯录",
                "engine": "tesseract",
                "engine_version": "5.3.0",
                "languages": "chi_sim+chi_tra+eng",
                "read_at": T,
            },
        )
    ],
    # no table of its own: its full-text indexes are filled from the rows there
    "0008_search": [],
}


def rows_of(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but alembic's, in a stable order."""
    with engine.connect() as conn:
        names = conn.execute(
            text(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name != 'alembic_version' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ).scalars()
        every: Select[Any] = select(literal_column("*")).order_by(literal_column("1"))
        found: dict[str, list[tuple[object, ...]]] = {}
        for name in list(names):
            result = conn.execute(every.select_from(table(name)))
            found[name] = [tuple(row) for row in result]
        return found


def seed(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        for name, row in SEEDS[revision]:
            conn.execute(table(name, *map(column, row)).insert().values(**row))


def test_every_revision_has_seed_rows() -> None:
    assert [r for r, _ in revisions_oldest_first()] == list(SEEDS)


@pytest.mark.parametrize(("revision", "before"), revisions_oldest_first()[1:])
def test_a_step_keeps_every_row_of_the_schema_before_it(
    tmp_path: Path, revision: str, before: str
) -> None:
    engine = open_database(tmp_path / "vault.db", os.urandom(32), create=True)
    try:
        done = [r for r, _ in revisions_oldest_first()]
        for step in done[: done.index(before) + 1]:
            to_revision(engine, step)
            seed(engine, step)
        old = rows_of(engine)
        assert all(old.values()), "every table of the older schema holds a row"

        to_revision(engine, revision)
        upgraded = rows_of(engine)
        assert {name: upgraded[name] for name in old} == old
        added = sorted(set(upgraded) - set(old))
        assert added, f"revision {revision} adds tables"
        seed(engine, revision)  # the new tables take rows beside the old ones
        assert all(rows_of(engine)[name] for name in added)

        to_revision(engine, before, down=True)
        assert rows_of(engine) == old
    finally:
        engine.dispose()
