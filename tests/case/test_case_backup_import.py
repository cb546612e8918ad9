"""Importing phone backups: the XML is an item, its rows are events, hostile files change nothing."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from tests.case.case_xml import ANSWERED, MISSED, OUTGOING, Call, Sms, write_calls, write_sms
from tests.case.conftest import COLLECTOR, COLLECTOR_2, MOTHER
from vault import custody
from vault.backup import importer, reading
from vault.backup.importer import (
    DuplicateBackupError,
    NotARegularFileError,
    ZoneOffsets,
)
from vault.backup.xml_reader import (
    MAX_TOKEN_BYTES,
    BackupFormatError,
    BackupRow,
    BackupTruncatedError,
    HostileXmlError,
    Row,
)
from vault.case.stats import stats_for
from vault.custody import ledger
from vault.db.backup import ANSWERED_CALL, NOT_CONTACT, UNANSWERED_CALL, BackupEvent
from vault.db.models import CustodyHead, Item
from vault.handle import OpenVault
from vault.importing import import_backup
from vault.items import get_item, open_item
from vault.lenders import assign_number
from vault.trusted_time import checkpoints


def snapshot(vault: OpenVault) -> tuple[object, ...]:
    """Everything an import could change: rows, custody head, every file under blobs/."""
    with vault.sessions() as session:
        items = session.scalar(select(func.count(Item.id)))
        events = session.scalar(select(func.count(BackupEvent.id)))
        head = session.execute(select(CustodyHead.seq, CustodyHead.hash)).one_or_none()
    blobs = vault.info.path / "blobs"
    files = sorted(str(p.relative_to(blobs)) for p in blobs.rglob("*")) if blobs.exists() else []
    return items, events, tuple(head) if head else None, tuple(files)


def test_a_call_log_becomes_an_item_and_events_linked_to_it(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    xml = write_calls(
        tmp_path / "calls.xml",
        [
            Call(f"+86 {COLLECTOR}", "2026-03-02 09:15", ANSWERED, 75),
            Call(COLLECTOR, "2026-03-02 09:20", MISSED),
            Call(MOTHER, "2026-03-02 10:00", OUTGOING, 30),
        ],
    )
    report = import_backup(case_vault, xml, lender="微粒貸")
    assert (report.calls, report.sms, report.mms) == (3, 0, 0)
    assert report.attached == 2, "only the rows from the lender's number are attached"
    item = get_item(case_vault, report.item_id)
    assert item.kind == "backup" and item.lender == "微粒貸"
    assert item.sha256 == hashlib.sha256(xml.read_bytes()).hexdigest()
    with open_item(case_vault, report.item_id) as reader:
        assert reader.pread(0, item.size) == xml.read_bytes(), "the XML is stored byte for byte"
    with case_vault.sessions() as session:
        rows = session.scalars(select(BackupEvent).order_by(BackupEvent.seq)).all()
        assert [(r.item_id, r.seq, r.direction, r.number, r.duration_s) for r in rows] == [
            (report.item_id, 1, "incoming", COLLECTOR, 75),
            (report.item_id, 2, "missed", COLLECTOR, 0),
            (report.item_id, 3, "outgoing", MOTHER, 30),
        ]
        assert rows[0].occurred_at.isoformat() == "2026-03-02T01:15:00+00:00"
        assert rows[0].occurred_offset_min == 480
        actions = [e.action for e in ledger.iter_events(session, item_id=report.item_id)]
        assert actions == [custody.Action.ITEM_IMPORTED, custody.Action.BACKUP_EVENTS_ADDED]
        assert ledger.verify_chain(session) == []


def test_messages_and_mms_become_events_with_their_text(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    xml = write_sms(
        tmp_path / "sms.xml",
        [
            Sms(COLLECTOR, "2026-03-02 23:40", "再不还钱就通知你妈妈 <律师函> & more"),
            Sms(MOTHER, "2026-03-02 23:50", "ok", 2),
        ],
    )
    text = xml.read_text(encoding="utf-8").replace(
        "</smses>",
        '<mms date="1772467200000" msg_box="1" address="17110002000~13800138000" m_type="132">'
        '<parts><part seq="0" ct="application/smil" text="&lt;smil/&gt;"/>'
        '<part seq="1" ct="text/plain" text="法院传票"/></parts>'
        '<addrs><addr address="17110002000" type="137" charset="106"/></addrs></mms></smses>',
    )
    xml.write_text(text, encoding="utf-8")
    report = import_backup(case_vault, xml, lender="微粒貸")
    assert (report.calls, report.sms, report.mms) == (0, 2, 1)
    with case_vault.sessions() as session:
        rows = session.scalars(select(BackupEvent).order_by(BackupEvent.seq)).all()
    assert [(r.kind, r.direction, r.number, r.body) for r in rows] == [
        ("sms", "incoming", COLLECTOR, "再不还钱就通知你妈妈 <律师函> & more"),
        ("sms", "outgoing", MOTHER, "ok"),
        ("mms", "incoming", COLLECTOR, "法院传票"),
    ]


def test_a_number_assigned_after_import_brings_its_events_to_the_lender(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    xml = write_calls(
        tmp_path / "calls.xml",
        [Call(COLLECTOR, "2026-03-02 09:00"), Call(COLLECTOR_2, "2026-03-02 09:05")]
        + [Call(COLLECTOR_2, f"2026-03-03 10:0{i}") for i in range(3)],
    )
    report = import_backup(case_vault, xml, lender="微粒貸")
    assert report.attached == 1
    assert [(n.number, n.count) for n in report.unassigned] == [(COLLECTOR_2, 4)]
    assert stats_for(case_vault, "微粒貸").calls_attempted == 1
    lender, following = assign_number(case_vault, "微粒貸", ["171-1001-2001"])
    assert COLLECTOR_2 in lender.numbers and following == 4
    assert stats_for(case_vault, "微粒貸").calls_attempted == 5
    with case_vault.sessions() as session:
        last = list(ledger.iter_events(session))[-1]
    assert last.action == custody.Action.LENDER_UPDATED
    assert last.payload == {"added_numbers": [COLLECTOR_2]}


def test_importing_the_same_backup_twice_is_refused_and_changes_nothing(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    xml = write_calls(tmp_path / "calls.xml", [Call(COLLECTOR, "2026-03-02 09:00")])
    first = import_backup(case_vault, xml, lender="微粒貸")
    before = snapshot(case_vault)
    with pytest.raises(DuplicateBackupError, match=first.item_id):
        import_backup(case_vault, xml, lender="微粒貸")
    assert snapshot(case_vault) == before


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<calls><call number="&lol9;" duration="0" date="1772467200000" type="1"/></calls>\n'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE calls [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    '<calls><call number="&secret;" duration="0" date="1772467200000" type="1"/></calls>\n'
)
PARAMETER_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE calls [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">'
    " %remote;]>\n<calls/>\n"
)


@pytest.mark.parametrize(
    ("content", "error", "sentence"),
    [
        (BILLION_LAUGHS, HostileXmlError, "document type"),
        (EXTERNAL_ENTITY, HostileXmlError, "document type"),
        (PARAMETER_ENTITY, HostileXmlError, "document type"),
        ('<calls><call number="&x;" date="1" type="1"/></calls>', HostileXmlError, "entity"),
        (
            '<calls count="2"><call number="17110002000" duration="0" date="1772467200000" '
            'type="3"/><call number="1711',
            BackupTruncatedError,
            "truncated",
        ),
        (
            '<calls><call number="1" duration="0" date="1772467200000" type="1"/></calls',
            BackupTruncatedError,
            "truncated",
        ),
        ("not xml at all", BackupFormatError, "not well-formed"),
        ("<html><body/></html>", BackupFormatError, "not an SMS Backup & Restore backup"),
        ('<calls><call number="1" date="soon" type="1"/></calls>', BackupFormatError, "date"),
        ('<calls><call number="1" date="1772467200000"/></calls>', BackupFormatError, "no type"),
        (
            '<calls><call number="1" duration="-5" date="1772467200000" type="1"/></calls>',
            BackupFormatError,
            "negative duration",
        ),
        ('<calls><call number="1" date="12" type="1"/></calls>', BackupFormatError, "range"),
    ],
    ids=[
        "billion-laughs",
        "external-entity",
        "parameter-entity",
        "undefined-entity",
        "truncated-mid-row",
        "truncated-end-tag",
        "not-xml",
        "other-xml",
        "bad-date",
        "no-type",
        "negative-duration",
        "date-out-of-range",
    ],
)
def test_malformed_or_hostile_xml_is_refused_and_the_vault_is_unchanged(
    case_vault: OpenVault, tmp_path: Path, content: str, error: type[Exception], sentence: str
) -> None:
    xml = tmp_path / "backup.xml"
    xml.write_text(content, encoding="utf-8")
    before = snapshot(case_vault)
    with pytest.raises(error, match=sentence) as caught:
        import_backup(case_vault, xml, lender="微粒貸")
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message
    assert snapshot(case_vault) == before


def test_a_50_mb_attribute_is_refused_without_reading_it_all(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    xml = tmp_path / "huge.xml"
    with xml.open("wb") as out:
        out.write(
            b'<smses count="1"><sms address="17110002000" date="1772467200000" type="1" body="'
        )
        block = b"A" * (1 << 20)
        for _ in range(50):
            out.write(block)
        out.write(b'"/></smses>')
    before = snapshot(case_vault)
    with pytest.raises(HostileXmlError, match=f"longer than {MAX_TOKEN_BYTES >> 20} MiB"):
        import_backup(case_vault, xml, lender="微粒貸")
    assert snapshot(case_vault) == before


def test_a_file_that_is_not_a_regular_file_or_is_empty_is_refused(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    before = snapshot(case_vault)
    with pytest.raises(NotARegularFileError, match="empty"):
        import_backup(case_vault, empty)
    with pytest.raises(NotARegularFileError, match="not a regular file"):
        import_backup(case_vault, tmp_path)
    assert snapshot(case_vault) == before


def test_every_row_gets_the_zone_offset_of_its_own_instant_even_in_a_switch_hour() -> None:
    # Nepal moved from UTC+05:30 to UTC+05:45 at 1986-01-01 00:00 local, which is
    # 1985-12-31 18:30 UTC: in the middle of a UTC hour.
    offsets = ZoneOffsets(ZoneInfo("Asia/Kathmandu"))
    switch = int(datetime(1985, 12, 31, 18, 30, tzinfo=UTC).timestamp() * 1000)
    assert offsets[switch // 3_600_000] is None, "an hour with a switch is not cached"
    assert [offsets.exact(switch - 1), offsets.exact(switch)] == [330, 345]
    shanghai = ZoneOffsets(ZoneInfo("Asia/Shanghai"))
    assert shanghai[switch // 3_600_000] == 480


def test_rows_store_their_local_day_minute_and_how_they_reached_the_phone(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    xml = write_calls(
        tmp_path / "calls.xml",
        [
            Call(COLLECTOR, "2026-03-02 23:59:59", ANSWERED, 5),
            Call(COLLECTOR, "2026-03-03 00:00:00", MISSED),
            Call(MOTHER, "2026-03-03 07:59", OUTGOING, 30),
        ],
    )
    import_backup(case_vault, xml, lender="微粒貸")
    with case_vault.sessions() as session:
        rows = session.execute(
            select(BackupEvent.local_day, BackupEvent.local_minute, BackupEvent.contact).order_by(
                BackupEvent.seq
            )
        ).all()
    march_2 = (date(2026, 3, 2) - date(1970, 1, 1)).days
    assert [tuple(r) for r in rows] == [
        (march_2, 23 * 60 + 59, ANSWERED_CALL),
        (march_2 + 1, 0, UNANSWERED_CALL),
        (march_2 + 1, 7 * 60 + 59, NOT_CONTACT),
    ]


@pytest.mark.parametrize("tallied", [importer.MAX_TALLIED, 0], ids=["in-memory", "in-database"])
def test_the_import_report_counts_the_same_with_many_distinct_numbers(
    case_vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tallied: int
) -> None:
    # Past MAX_TALLIED distinct numbers the report is counted in the database instead,
    # so memory stays bounded whatever the backup holds.
    monkeypatch.setattr(importer, "MAX_TALLIED", tallied)
    calls = [Call(COLLECTOR, "2026-03-02 09:00"), Call(COLLECTOR, "2026-03-02 09:01", OUTGOING)]
    calls += [Call(COLLECTOR_2, f"2026-03-03 10:0{i}") for i in range(3)]
    calls += [Call(MOTHER, "2026-03-03 11:00"), Call(MOTHER, "2026-03-03 11:05", OUTGOING)]
    report = import_backup(case_vault, write_calls(tmp_path / "calls.xml", calls), lender="微粒貸")
    assert report.attached == 2
    assert [(n.number, n.count) for n in report.unassigned] == [(COLLECTOR_2, 3), (MOTHER, 1)]


def test_rows_parsed_on_the_worker_are_written_in_file_order_batch_by_batch(
    case_vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tiny batches and a one-batch queue: the worker waits for the database often.
    monkeypatch.setattr(reading, "BATCH_ROWS", 3)
    monkeypatch.setattr(reading, "QUEUED_BATCHES", 1)
    calls = [Call(COLLECTOR, f"2026-03-02 09:{i:02d}", ANSWERED, i) for i in range(20)]
    report = import_backup(case_vault, write_calls(tmp_path / "calls.xml", calls), lender="微粒貸")
    assert (report.calls, report.attached) == (20, 20)
    with case_vault.sessions() as session:
        rows = session.execute(select(BackupEvent.seq, BackupEvent.duration_s)).all()
    assert [tuple(r) for r in rows] == [(i + 1, i) for i in range(20)]


def test_a_failure_while_rows_are_written_stops_the_reading_and_changes_nothing(
    case_vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "BATCH_ROWS", 2)
    monkeypatch.setattr(reading, "QUEUED_BATCHES", 1)
    written = importer._EventWriter.__call__

    def fail_on_the_second_batch(self: importer._EventWriter, rows: list[Row]) -> None:
        if rows[0][1] > 2:  # seq of the batch's first row
            raise OSError("disk full")
        written(self, rows)

    monkeypatch.setattr(importer._EventWriter, "__call__", fail_on_the_second_batch)
    calls = [Call(COLLECTOR, f"2026-03-02 09:{i:02d}") for i in range(30)]
    xml = write_calls(tmp_path / "calls.xml", calls)
    before = snapshot(case_vault)
    with pytest.raises(OSError, match="disk full"):
        import_backup(case_vault, xml, lender="微粒貸")
    assert snapshot(case_vault) == before, "no event, item, custody event or blob is left"
    assert not [t for t in threading.enumerate() if t.name == "backup-read"], "worker stopped"


def test_a_batch_statement_stays_within_sqlite_s_default_parameter_limit() -> None:
    # Each batch is one statement with a parameter per field of each row; SQLite builds
    # other than this one may keep the default limit of 32,766 parameters.
    assert reading.BATCH_ROWS * len(BackupRow._fields) <= 32_766


def test_a_backup_import_is_checkpointed_like_any_import(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    report = import_backup(
        case_vault,
        write_calls(tmp_path / "calls.xml", [Call(COLLECTOR, "2026-03-02 10:00")]),
        lender="微粒貸",
    )
    (made,) = checkpoints.checkpoints(case_vault)
    with case_vault.sessions() as session:
        assert checkpoints.leaf_indexes(session, [report.item_id]) == {report.item_id: 0}
    assert made.tree_size == 1
    # a second, duplicate import stores nothing and makes no checkpoint
    with pytest.raises(DuplicateBackupError):
        import_backup(case_vault, tmp_path / "calls.xml", lender="微粒貸")
    assert len(checkpoints.checkpoints(case_vault)) == 1
