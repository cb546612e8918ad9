"""The models: exact UTC times, constraints, JSON columns and the append-only custody table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from vault.db.models import Item, Lender, LenderNumber, Note, Setting
from vault.times import NaiveDatetimeError, TimeFormatError, format_utc, parse_utc

NOW = datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=UTC)
BEIJING = timezone(timedelta(hours=8))


def make_item(item_id: str, **fields: object) -> Item:
    values: dict[str, object] = {
        "id": item_id,
        "kind": "recording",
        "media_type": "audio/mp4",
        "original_name": "通话录音 13800138000 20250314.m4a",
        "size": 1234,
        "sha256": "ab" * 32,
        "imported_at": NOW,
        "captured_at": NOW,
        "captured_offset_min": 480,
        "time_source": "file_name",
    }
    values.update(fields)
    return Item(**values)


@pytest.mark.parametrize(
    "moment",
    [
        NOW,
        datetime(2024, 12, 31, 23, 59, 59, 999999, tzinfo=BEIJING),
        datetime(1999, 1, 1, tzinfo=timezone(timedelta(hours=-9, minutes=-30))),
        datetime(2038, 1, 19, 3, 14, 8, 1, tzinfo=UTC),
    ],
)
def test_aware_times_round_trip_exactly_as_utc(
    sessions: sessionmaker[Session], moment: datetime
) -> None:
    with sessions() as session:
        session.add(make_item("t1", captured_at=moment, incident_at=moment, incident_offset_min=0))
        session.commit()
    with sessions() as session:
        item = session.get_one(Item, "t1")
        assert item.captured_at == moment
        assert item.captured_at.utcoffset() == timedelta(0)
        assert item.incident_at == moment
        assert item.captured_at.microsecond == moment.microsecond


def test_stored_times_are_fixed_width_utc_text_that_sorts_chronologically(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    moments = [
        datetime(2025, 1, 1, 7, 0, tzinfo=BEIJING),  # 2024-12-31T23:00Z
        datetime(2024, 12, 31, 23, 30, tzinfo=UTC),
        datetime(2025, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
    ]
    with sessions() as session:
        for n, moment in enumerate(moments):
            session.add(make_item(f"i{n}", captured_at=moment))
        session.commit()
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT captured_at FROM items ORDER BY captured_at")).scalars()
        assert list(stored) == [
            "2024-12-31T23:00:00.000000Z",
            "2024-12-31T23:30:00.000000Z",
            "2025-01-01T00:00:00.000001Z",
        ]


def test_naive_times_are_refused_when_assigned() -> None:
    with pytest.raises(NaiveDatetimeError, match="without a time zone"):
        Lender(name="x", created_at=datetime(2025, 1, 1))
    lender = Lender(name="x", created_at=NOW)
    with pytest.raises(NaiveDatetimeError):
        lender.created_at = datetime(2025, 1, 1)


def test_assigned_times_are_held_as_utc_at_once() -> None:
    lender = Lender(name="x", created_at=datetime(2025, 1, 1, 8, tzinfo=BEIJING))
    assert lender.created_at == datetime(2025, 1, 1, 0, tzinfo=UTC)
    assert lender.created_at.tzinfo is UTC


@pytest.mark.parametrize(
    "bad",
    [
        "2025-01-01T00:00:00Z",
        "2025-01-01T00:00:00.000000+00:00",
        "2025-01-01 00:00:00.000000Z",
        "2025-02-30T00:00:00.000000Z",
        "",
    ],
)
def test_only_the_exact_utc_text_form_parses(bad: str) -> None:
    with pytest.raises(TimeFormatError):
        parse_utc(bad)


def test_format_utc_pads_early_years() -> None:
    assert format_utc(datetime(5, 1, 2, tzinfo=UTC)) == "0005-01-02T00:00:00.000000Z"


def test_content_key_is_unique_but_may_be_left_empty(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        session.add_all([make_item("a"), make_item("b")])  # two NULL content keys
        session.add(make_item("c", content_key="k1"))
        session.commit()
        session.add(make_item("d", content_key="k1"))
        with pytest.raises(IntegrityError, match="UNIQUE"):
            session.commit()


def test_items_refuse_a_bad_sha256_size_or_a_half_incident_time(
    sessions: sessionmaker[Session],
) -> None:
    for bad in (
        {"sha256": "abc"},
        {"size": -1},
        {"incident_at": NOW},
        {"incident_offset_min": 480},
    ):
        with sessions() as session:
            session.add(make_item("x", **bad))
            with pytest.raises(IntegrityError, match="CHECK"):
                session.commit()


def test_a_lender_number_is_unique_per_lender_and_goes_with_the_lender(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session:
        lender = Lender(name="微粒貸", created_at=NOW)
        lender.numbers.append(LenderNumber(number="13800138000", label="自称法务部"))
        other = Lender(name="京東金融", created_at=NOW)
        other.numbers.append(LenderNumber(number="13800138000"))  # same number, other lender
        session.add_all([lender, other])
        session.commit()
        lender.numbers.append(LenderNumber(number="13800138000"))
        with pytest.raises(IntegrityError, match="UNIQUE"):
            session.commit()
        session.rollback()
        session.delete(lender)
        session.commit()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM lender_numbers")).scalar() == 1


def test_json_lists_round_trip_and_in_place_changes_are_saved(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        session.add(make_item("j", categories=["threats", "contacting_family"]))
        session.add(Lender(name="借唄", agencies=["某某資產管理"], created_at=NOW))
        session.add(Setting(key="tsa", value={"urls": ["https://freetsa.org/tsr"], "on": True}))
        session.commit()
    with sessions() as session:
        item = session.get_one(Item, "j")
        assert item.categories == ["threats", "contacting_family"]
        item.categories.append("home_visit")
        session.commit()
    with sessions() as session:
        assert session.get_one(Item, "j").categories[-1] == "home_visit"
        setting = session.get_one(Setting, "tsa")
        assert setting.value == {"urls": ["https://freetsa.org/tsr"], "on": True}


def test_notes_need_a_lender_and_may_name_an_item(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        lender = Lender(name="好運貸", created_at=NOW)
        session.add_all([lender, make_item("n1")])
        session.flush()
        note = Note(
            lender_id=lender.id,
            item_id="n1",
            text="兩人上門，在門口大聲辱罵",
            occurred_at=datetime(2025, 3, 1, 19, 30, tzinfo=BEIJING),
            occurred_offset_min=480,
            created_at=NOW,
        )
        session.add(note)
        session.commit()
        assert session.scalars(select(Note.text)).one() == "兩人上門，在門口大聲辱罵"


def test_the_database_refuses_to_change_or_delete_custody_events(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO custody_events (seq, at, action, payload, prev_hash, hash) "
                "VALUES (1, '2025-01-01T00:00:00.000000Z', 'vault_created', '{}', :z, :z)"
            ),
            {"z": "0" * 64},
        )
    for statement in ("UPDATE custody_events SET action = 'x'", "DELETE FROM custody_events"):
        with pytest.raises(IntegrityError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT action FROM custody_events")).scalar() == "vault_created"


def test_custody_head_holds_a_single_row(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO custody_head (id, seq, hash) VALUES (1, 1, 'h')"))
    with pytest.raises(IntegrityError, match="CHECK"), engine.begin() as conn:
        conn.execute(text("INSERT INTO custody_head (id, seq, hash) VALUES (2, 2, 'h')"))
