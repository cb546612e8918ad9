"""The custody log: appends chain correctly, and every kind of tampering is reported."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from vault import custody
from vault.custody import (
    GENESIS_HASH,
    ChainProblem,
    CustodyChainError,
    CustodyEventDTO,
    CustodyFormatError,
    CustodyPayloadError,
    ProblemKind,
    UnknownActionError,
    event_hash,
    verify_events,
)
from vault.custody.ledger import append, iter_events, verify_chain
from vault.db import open_database, session_factory, upgrade
from vault.db.models import Item, Lender
from vault.times import NaiveDatetimeError

T0 = datetime(2025, 3, 14, 1, 0, tzinfo=UTC)
EVENTS = 1000
ACTIONS = sorted(custody.ACTIONS)


def nested_lists(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


def kinds(problems: list[ChainProblem]) -> list[tuple[int | None, ProblemKind]]:
    return [(p.seq, p.kind) for p in problems]


def add_subjects(session: Session) -> None:
    session.add(Lender(id=1, name="微粒貸", created_at=T0))
    session.add(
        Item(
            id="item-1",
            lender_id=1,
            kind="recording",
            media_type="audio/amr",
            original_name="13800138000_20250314090000.amr",
            size=42,
            sha256="ef" * 32,
            imported_at=T0,
            captured_at=T0,
            captured_offset_min=480,
            time_source="file_name",
        )
    )


def append_many(session: Session, count: int, *, start: int = 1) -> list[CustodyEventDTO]:
    events = []
    for n in range(start, start + count):
        events.append(
            append(
                session,
                ACTIONS[n % len(ACTIONS)],
                at=T0 + timedelta(seconds=n, microseconds=n),
                item_id="item-1" if n % 3 == 0 else None,
                lender_id=1 if n % 2 == 0 else None,
                payload={
                    "n": n,
                    "note": f"第{n}次來電，威脅聯繫家人",
                    "flags": [True, False, None],
                    "nested": {"big": 2**53 - 1 - n, "list": [1, "二", {"三": 3}]},
                },
            )
        )
    return events


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A vault.db holding a chain of 1,000 events, built once and copied per test."""
    path = tmp_path_factory.mktemp("custody") / "vault.db"
    key = os.urandom(32)
    engine = open_database(path, key, create=True)
    upgrade(engine)
    with session_factory(engine)() as session:
        add_subjects(session)
        append_many(session, EVENTS)
        session.commit()
    engine.dispose()
    return path, key


@pytest.fixture
def chain(template: tuple[Path, bytes], tmp_path: Path) -> Iterator[Engine]:
    path, key = template
    copy = tmp_path / "vault.db"
    shutil.copyfile(path, copy)
    copy.chmod(0o600)
    engine = open_database(copy, key)
    yield engine
    engine.dispose()


def tamper(engine: Engine, *statements: str, **params: object) -> None:
    """Change the log with plain SQL, as someone holding the key could.

    The append-only triggers are dropped and foreign keys switched off first: the chain
    must catch what a determined editor does, not only what the schema lets through.
    """
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA foreign_keys = OFF")
        cursor.execute("BEGIN")
        cursor.execute("DROP TRIGGER IF EXISTS custody_events_no_update")
        cursor.execute("DROP TRIGGER IF EXISTS custody_events_no_delete")
        for statement in statements:
            cursor.execute(statement, params)
        cursor.execute("COMMIT")
    finally:
        raw.close()


def verify(engine: Engine) -> list[ChainProblem]:
    with Session(engine) as session:
        return verify_chain(session)


def load(engine: Engine) -> list[CustodyEventDTO]:
    with Session(engine) as session:
        return list(iter_events(session))


# --- appending --------------------------------------------------------------------------


def test_a_thousand_appended_events_verify_clean(chain: Engine) -> None:
    assert verify(chain) == []
    events = load(chain)
    assert [e.seq for e in events] == list(range(1, EVENTS + 1))
    with chain.connect() as conn:
        assert conn.execute(text("SELECT seq, hash FROM custody_head")).one() == (
            EVENTS,
            events[-1].hash,
        )


def test_each_event_links_to_the_one_before_starting_from_genesis(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        add_subjects(session)
        first, second, third = append_many(session, 3)
        session.commit()
    assert (first.seq, second.seq, third.seq) == (1, 2, 3)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert all(event_hash(e) == e.hash for e in (first, second, third))
    with sessions() as session:
        assert list(iter_events(session)) == [first, second, third]
        assert [e.seq for e in iter_events(session, item_id="item-1")] == [3]
        assert [e.seq for e in iter_events(session, lender_id=1)] == [2]


def test_event_hash_follows_the_documented_encoding() -> None:
    event = CustodyEventDTO(
        seq=7,
        at=datetime(2025, 3, 14, 17, 26, 53, 5, tzinfo=timezone(timedelta(hours=8))),
        action="item_imported",
        item_id="01JPA7",
        lender_id=3,
        payload={
            "sha256": "ab" * 32,
            "name": "錄音 “催收”.m4a",
            "size": 12,
            "z": None,
            "text": 'a"\\\x01\n\x7f\u2028',
        },
        prev_hash="1" * 64,
        hash="",
    )
    # Written out by hand from the module docstring: sorted keys, no spaces, raw UTF-8.
    canonical = (
        '{"action":"item_imported","at":"2025-03-14T09:26:53.000005Z","item_id":"01JPA7",'
        '"lender_id":3,"payload":{"name":"錄音 “催收”.m4a","sha256":"' + "ab" * 32 + '",'
        '"size":12,"text":"a\\"\\\\\\u0001\\n\x7f\u2028","z":null},'
        '"prev":"' + "1" * 64 + '","seq":7}'
    )
    assert event_hash(event) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_append_does_not_commit(engine: Engine, sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        append(session, custody.Action.VAULT_CREATED, at=T0, payload={})
        session.rollback()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM custody_events")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM custody_head")).scalar() == 0


def test_an_event_is_stored_together_with_the_change_it_records(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        lender = Lender(name="360借條", created_at=T0)
        session.add(lender)  # not flushed yet: append must flush it first
        event = append(
            session, custody.Action.LENDER_ADDED, at=T0, lender_id=None, payload={"name": "360借條"}
        )
        session.commit()
    with sessions() as session:
        assert session.get(Lender, lender.id) is not None
        assert list(iter_events(session)) == [event]
        assert verify_chain(session) == []


@pytest.mark.parametrize(
    ("action", "at", "payload", "error"),
    [
        ("item_deleted", T0, {}, UnknownActionError),
        (custody.Action.ITEM_IMPORTED, datetime(2025, 1, 1), {}, NaiveDatetimeError),
        (custody.Action.ITEM_IMPORTED, T0, {"seconds": 1.5}, CustodyPayloadError),
        (custody.Action.ITEM_IMPORTED, T0, {1: "x"}, CustodyPayloadError),
        (custody.Action.ITEM_IMPORTED, T0, {"when": T0}, CustodyPayloadError),
        (custody.Action.ITEM_IMPORTED, T0, {"deep": nested_lists(40)}, CustodyPayloadError),
        (custody.Action.ITEM_IMPORTED, T0, {"size": 2**53}, CustodyPayloadError),
        (custody.Action.ITEM_IMPORTED, T0, {"name": "\ud800"}, CustodyPayloadError),
        (custody.Action.ITEM_IMPORTED, T0, {"\udfff": 1}, CustodyPayloadError),
    ],
)
def test_append_refuses_bad_input_and_writes_nothing(
    engine: Engine,
    sessions: sessionmaker[Session],
    action: str,
    at: datetime,
    payload: dict[str, object],
    error: type[Exception],
) -> None:
    with sessions() as session:
        with pytest.raises(error):
            append(session, action, at=at, payload=payload)
        session.commit()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM custody_events")).scalar() == 0


# --- tampering with the stored log ------------------------------------------------------


def test_an_edited_payload_is_reported_at_that_event(chain: Engine) -> None:
    tamper(chain, "UPDATE custody_events SET payload = '{\"n\":1}' WHERE seq = 500")
    problems = verify(chain)
    assert kinds(problems) == [(500, ProblemKind.HASH_MISMATCH)]
    assert "event 500 was altered" in problems[0].message


def test_an_edited_time_is_reported_at_that_event(chain: Engine) -> None:
    tamper(chain, "UPDATE custody_events SET at = '2025-03-13T00:00:00.000000Z' WHERE seq = 42")
    assert kinds(verify(chain)) == [(42, ProblemKind.HASH_MISMATCH)]


def test_a_deleted_middle_event_is_reported_as_a_gap(chain: Engine) -> None:
    tamper(chain, "DELETE FROM custody_events WHERE seq = 500")
    problems = verify(chain)
    assert kinds(problems) == [(501, ProblemKind.MISSING_EVENTS)]
    assert "event 500 is missing" in problems[0].message


def test_a_deleted_run_of_events_is_reported_once(chain: Engine) -> None:
    tamper(chain, "DELETE FROM custody_events WHERE seq BETWEEN 400 AND 409")
    problems = verify(chain)
    assert kinds(problems) == [(410, ProblemKind.MISSING_EVENTS)]
    assert "events 400 to 409 are missing" in problems[0].message


def test_deleting_the_newest_events_is_caught_by_the_head(chain: Engine) -> None:
    tamper(chain, "DELETE FROM custody_events WHERE seq >= 998")
    problems = verify(chain)
    assert kinds(problems) == [(997, ProblemKind.HEAD_MISMATCH)]
    assert "ends at event 997 but its head records event 1000" in problems[0].message


def test_deleting_the_first_event_is_caught(chain: Engine) -> None:
    tamper(chain, "DELETE FROM custody_events WHERE seq = 1")
    assert kinds(verify(chain)) == [(2, ProblemKind.MISSING_EVENTS)]


def test_a_forged_event_with_a_recomputed_hash_breaks_the_next_link(chain: Engine) -> None:
    original = load(chain)[499]
    forged = dataclasses.replace(original, payload={"n": 500, "note": "nothing happened"})
    forged = dataclasses.replace(forged, hash=event_hash(forged))
    tamper(
        chain,
        "UPDATE custody_events SET payload = :payload, hash = :hash WHERE seq = 500",
        payload=json.dumps(forged.payload),
        hash=forged.hash,
    )
    problems = verify(chain)
    assert kinds(problems) == [(501, ProblemKind.PREV_MISMATCH)]
    assert "does not link to event 500" in problems[0].message


def test_a_forged_previous_hash_is_reported(chain: Engine) -> None:
    tamper(chain, "UPDATE custody_events SET prev_hash = :fake WHERE seq = 700", fake="f" * 64)
    assert kinds(verify(chain)) == [
        (700, ProblemKind.HASH_MISMATCH),
        (700, ProblemKind.PREV_MISMATCH),
    ]


def test_swapped_events_are_reported(chain: Engine) -> None:
    tamper(
        chain,
        "UPDATE custody_events SET seq = -1 WHERE seq = 300",
        "UPDATE custody_events SET seq = 300 WHERE seq = 301",
        "UPDATE custody_events SET seq = 301 WHERE seq = -1",
    )
    # Each moved event carries the other's contents under its own number, and the
    # event after them no longer links to what now stands before it.
    assert kinds(verify(chain)) == [
        (300, ProblemKind.HASH_MISMATCH),
        (300, ProblemKind.PREV_MISMATCH),
        (301, ProblemKind.HASH_MISMATCH),
        (301, ProblemKind.PREV_MISMATCH),
        (302, ProblemKind.PREV_MISMATCH),
    ]


def test_an_altered_head_is_reported(chain: Engine) -> None:
    tamper(chain, "UPDATE custody_head SET hash = :fake", fake="0" * 64)
    assert kinds(verify(chain)) == [(EVENTS, ProblemKind.HEAD_MISMATCH)]


def test_a_deleted_head_is_reported(chain: Engine) -> None:
    tamper(chain, "DELETE FROM custody_head")
    problems = verify(chain)
    assert kinds(problems) == [(None, ProblemKind.HEAD_MISMATCH)]
    assert "head record is missing" in problems[0].message


@pytest.mark.parametrize(
    ("column", "value"),
    [("at", "yesterday"), ("payload", "{not json"), ("hash", "XYZ"), ("lender_id", "one")],
)
def test_an_unreadable_row_is_reported_without_blaming_its_neighbours(
    chain: Engine, column: str, value: str
) -> None:
    tamper(chain, f"UPDATE custody_events SET {column} = :value WHERE seq = 10", value=value)  # noqa: S608 - fixed column names
    assert kinds(verify(chain)) == [(10, ProblemKind.MALFORMED)]
    with Session(chain) as session, pytest.raises(CustodyFormatError):
        list(iter_events(session))


def test_appending_after_a_deletion_keeps_the_deletion_visible(chain: Engine) -> None:
    tamper(chain, "DELETE FROM custody_events WHERE seq = 1000")
    with Session(chain) as session:
        event = append(session, custody.Action.CHECKPOINT, at=T0, payload={"root": "00"})
        session.commit()
    assert event.seq == EVENTS + 1
    assert kinds(verify(chain)) == [(EVENTS + 1, ProblemKind.MISSING_EVENTS)]


@pytest.mark.parametrize(
    "statement", ["UPDATE custody_head SET seq = 998", "DELETE FROM custody_head"]
)
def test_append_refuses_to_fork_a_log_whose_head_disagrees(chain: Engine, statement: str) -> None:
    tamper(chain, statement)
    with Session(chain) as session, pytest.raises(CustodyChainError):
        append(session, custody.Action.CHECKPOINT, at=T0, payload={})


# --- events outside the database (a bundle) --------------------------------------------


def test_events_round_trip_through_json_and_verify_without_a_database(chain: Engine) -> None:
    events = load(chain)
    wire = json.dumps([e.to_json() for e in events], ensure_ascii=False)
    loaded = [CustodyEventDTO.from_json(obj) for obj in json.loads(wire)]
    assert loaded == events
    assert verify_events(loaded, events[-1].hash) == []
    assert verify_events(loaded, None) == []


def test_verify_events_reports_each_kind_of_damage(chain: Engine) -> None:
    events = load(chain)[:20]
    head = events[-1].hash
    assert verify_events(events, head) == []

    dropped = events[:5] + events[6:]
    assert kinds(verify_events(dropped, head)) == [(7, ProblemKind.MISSING_EVENTS)]

    edited = list(events)
    edited[3] = dataclasses.replace(edited[3], action=custody.Action.ITEM_PURGED)
    assert kinds(verify_events(edited, head)) == [(4, ProblemKind.HASH_MISMATCH)]

    swapped = list(events)
    swapped[8], swapped[9] = swapped[9], swapped[8]
    assert kinds(verify_events(swapped, head)) == [
        (10, ProblemKind.MISSING_EVENTS),
        (9, ProblemKind.OUT_OF_ORDER),
    ]

    assert kinds(verify_events(events[:-1], head)) == [(19, ProblemKind.HEAD_MISMATCH)]
    assert kinds(verify_events([], head)) == [(None, ProblemKind.HEAD_MISMATCH)]
    assert verify_events([], None) == []


def test_a_selection_of_events_verifies_when_gaps_are_allowed(chain: Engine) -> None:
    events = load(chain)
    selection = [e for e in events if e.item_id == "item-1"]
    assert kinds(verify_events(selection, None))[0] == (3, ProblemKind.MISSING_EVENTS)
    assert verify_events(selection, None, complete=False) == []
    forged = [*selection[:-1], dataclasses.replace(selection[-1], payload={})]
    assert kinds(verify_events(forged, None, complete=False)) == [
        (forged[-1].seq, ProblemKind.HASH_MISMATCH)
    ]


def good_json() -> dict[str, object]:
    return {
        "seq": 1,
        "at": "2025-03-14T01:00:00.000000Z",
        "action": "vault_created",
        "item_id": None,
        "lender_id": None,
        "payload": {},
        "prev_hash": GENESIS_HASH,
        "hash": "a" * 64,
    }


@pytest.mark.parametrize(
    "change",
    [
        {"seq": 0},
        {"seq": True},
        {"seq": "1"},
        {"at": "2025-03-14T01:00:00Z"},
        {"at": 17},
        {"action": ""},
        {"item_id": 5},
        {"lender_id": 1.0},
        {"lender_id": False},
        {"payload": []},
        {"payload": {"x": 0.5}},
        {"payload": {"x": 2**53}},
        {"item_id": "\ud800"},
        {"prev_hash": "A" * 64},
        {"hash": "a" * 63},
        {"extra": 1},
    ],
)
def test_from_json_rejects_malformed_events(change: dict[str, object]) -> None:
    data = good_json() | change
    with pytest.raises(CustodyFormatError):
        CustodyEventDTO.from_json(data)


def test_from_json_rejects_missing_fields_and_non_objects() -> None:
    data = good_json()
    del data["hash"]
    for bad in (data, [good_json()], "event", None):
        with pytest.raises(CustodyFormatError):
            CustodyEventDTO.from_json(bad)
    assert CustodyEventDTO.from_json(good_json()).seq == 1
