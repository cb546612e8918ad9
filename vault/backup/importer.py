"""Import a phone backup: the XML becomes an evidence item, its rows become events.

One pass over the file, on a worker thread (:mod:`vault.backup.reading`): each chunk
read is hashed (SHA-256; its SM3 comes after the import), encrypted into the item's
blob and fed to the streaming XML reader. This thread writes the parsed rows to
``backup_events`` batch by batch as they come — all inside one database transaction
that also adds the item and its custody events. A malformed or hostile file, a
duplicate of an earlier import, or any failure rolls the transaction back and removes
the temp blob: the vault is left exactly as it was.

Events carry no lender; they belong to the lenders whose numbers they show (see
:mod:`vault.db.backup`). :func:`vault.lenders.assign_number` adds a number to a lender, and the
events of that number follow.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
from collections import Counter
from datetime import UTC, datetime, timedelta
from itertools import chain
from operator import itemgetter
from pathlib import Path

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from vault import custody
from vault.backup.reading import (
    BATCH_ROWS,
    BackupStream,
    NotARegularFileError,
    StagedPart,
    stage_part,
)
from vault.backup.title import backup_title
from vault.backup.xml_reader import (
    INBOUND,
    BackupReader,
    BackupRow,
    BackupSummary,
    MmsPart,
    Row,
    ZoneOffsets,
)
from vault.custody import ledger
from vault.db.backup import ANSWERED_CALL, MESSAGE, NOT_CONTACT, UNANSWERED_CALL, BackupEvent
from vault.db.models import CustodyEvent, Item, LenderNumber, MmsAttachment
from vault.dto import BackupImportReport, NumberCount
from vault.errors import UsageError
from vault.fsutil import display_name
from vault.handle import OpenVault
from vault.hashing import SHA256, SM3
from vault.ingest.capture import Capture
from vault.ingest.kinds import Kind, sniff
from vault.ingest.pipeline import content_key
from vault.ingest.record import NewItem, record_items
from vault.lenders import lender_id_of
from vault.phones import canonical, stored_spellings, try_normalize
from vault.store import StagedBlob, new_item_id
from vault.times import offset_minutes

logger = logging.getLogger(__name__)

TIME_SOURCE = "backup_record"  # each row's own epoch-millisecond date
ITEM_TIME_SOURCE = "backup_newest_row"  # a backup exists no earlier than its newest row
SOURCE_APP = "SMS Backup & Restore"
UNASSIGNED_SHOWN = 10
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class DuplicateBackupError(UsageError):
    """The backup's bytes are already an item of the vault: ``item_id`` (which may be in
    the trash, or stored by a file import and never analysed; see
    :mod:`vault.importing`, which handles both)."""

    code = "backup_duplicate"

    def __init__(self, message: str, *, item_id: str) -> None:
        super().__init__(message)
        self.item_id = item_id


class BackupAlreadyAnalysedError(UsageError):
    """The stored item's rows are already events: there is nothing to analyse again."""

    code = "backup_already_analysed"


class NotABackupItemError(UsageError):
    """The item to analyse is not a phone backup (its kind is not ``backup``)."""

    code = "backup_not_a_backup_item"


class _EventWriter:
    """Writes reader rows to ``backup_events`` on the transaction's connection.

    A batch is one DBAPI statement, its rows bound as the reader made them (see
    :class:`~vault.backup.xml_reader.BackupRow`): a backup has 100,000+ rows, and any
    per-row Python work here would cost about as much as parsing the XML, while
    SQLite inserts the whole batch in one step without the GIL (so the worker parses
    meanwhile). What the analysis reads of every row — local day and minute, how the
    row reached the phone — is worked out by the statement itself, and ``""`` or
    ``-1`` become NULL there (``NULLIF``). The report's counts are kept with C-level
    passes over each batch.
    """

    def __init__(self, conn: Connection) -> None:
        self.cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        self.newest_ms: int | None = None
        # Rows per (number, direction), for the import report; given up (None) past
        # MAX_TALLIED keys, when the report counts in the database instead.
        self.tally: Counter[tuple[str, str]] | None = Counter()

    def __call__(self, rows: list[Row]) -> None:
        self.cursor.execute(_insert_sql(len(rows)), list(chain.from_iterable(rows)))
        newest = max(map(_AT_MS, rows))
        if self.newest_ms is None or newest > self.newest_ms:
            self.newest_ms = newest
        if self.tally is not None:
            self.tally.update(map(_NUMBER_DIRECTION, rows))
            if len(self.tally) > MAX_TALLIED:
                self.tally = None

    def counts(self) -> tuple[Counter[str], Counter[str]] | None:
        """Rows, and inbound rows, per number ("" for no number); None if not tallied."""
        if self.tally is None:
            return None
        rows: Counter[str] = Counter()
        inbound: Counter[str] = Counter()
        for (number, direction), count in self.tally.items():
            rows[number] += count
            if direction in INBOUND:
                inbound[number] += count
        return rows, inbound


_AT_MS = itemgetter(BackupRow._fields.index("at_ms"))
_NUMBER_DIRECTION = itemgetter(
    BackupRow._fields.index("number"), BackupRow._fields.index("direction")
)
# kind -> direction -> how the row reached the debtor (see vault.db.backup)
_CONTACT = {
    "call": {
        "incoming": ANSWERED_CALL,
        **{direction: UNANSWERED_CALL for direction in INBOUND - {"incoming"}},
    },
    "sms": {"incoming": MESSAGE},
    "mms": {"incoming": MESSAGE},
}


def _contact_sql(kind: str, direction: str) -> str:
    """``_CONTACT`` as a SQL ``CASE`` over the row's kind and direction parameters
    (nested ``CASE`` rather than ``IN`` lists, which SQLite rebuilds for every row)."""
    by_direction: dict[str, dict[str, int]] = {}
    for row_kind, contacts in _CONTACT.items():
        for row_direction, contact in contacts.items():
            by_direction.setdefault(row_direction, {})[row_kind] = contact
    branches = " ".join(
        f"WHEN '{row_direction}' THEN CASE {kind} "
        + " ".join(f"WHEN '{k}' THEN {contact}" for k, contact in sorted(kinds.items()))
        + f" ELSE {NOT_CONTACT} END"
        for row_direction, kinds in sorted(by_direction.items())
    )
    return f"CASE {direction} {branches} ELSE {NOT_CONTACT} END"


# Column <- expression over the row's fields: the rows come as a VALUES list, whose
# columns are named column1, column2, ... in the order of BackupRow's fields.
_F = {field: f"column{index}" for index, field in enumerate(BackupRow._fields, start=1)}
_LOCAL_MINUTES = f"({_F['at_ms']} / {60_000} + {_F['offset_min']})"  # since the epoch
_COLUMNS = {
    "item_id": _F["item_id"],
    "seq": _F["seq"],
    "kind": _F["kind"],
    "direction": _F["direction"],
    "type_code": _F["type_code"],
    "number": f"NULLIF({_F['number']}, '')",
    "address": _F["address"],
    "contact_name": f"NULLIF({_F['contact_name']}, '')",
    "occurred_at": _F["at_ms"],
    "occurred_offset_min": _F["offset_min"],
    "duration_s": f"NULLIF({_F['duration_s']}, -1)",
    "body": f"NULLIF({_F['body']}, '')",
    "local_day": f"{_LOCAL_MINUTES} / 1440",
    "local_minute": f"{_LOCAL_MINUTES} % 1440",
    "contact": _contact_sql(_F["kind"], _F["direction"]),
}
_ROW_MARKS = f"({', '.join('?' * len(BackupRow._fields))})"


@functools.lru_cache(maxsize=4)
def _insert_sql(rows: int) -> str:
    """One statement for a whole batch: the rows are bound at once and SQLite inserts
    them in a single step, with no per-row round trip through the driver."""
    return (
        f"INSERT INTO backup_events ({', '.join(_COLUMNS)}) "  # noqa: S608 - built from constants
        f"SELECT {', '.join(_COLUMNS.values())} FROM (VALUES {', '.join([_ROW_MARKS] * rows)})"
    )


# Page cache while a backup is written: a small one, so full pages are encrypted and
# written by the insert statements — while the worker parses — instead of all at commit.
CACHE_KIB = 2 << 10
MAX_TALLIED = 50_000  # distinct (number, direction) counted in memory during an import


def store_backup(
    vault: OpenVault,
    path: Path | io.RawIOBase,
    *,
    lender: str | None = None,
    name: str | None = None,
) -> BackupImportReport:
    """Store the backup at ``path`` as an item of ``lender`` and its rows as events.

    ``path`` may also be a stream (an upload), read to its end; ``name`` is then the
    file name it came with.

    Raises a :class:`~vault.backup.xml_reader.BackupFormatError` (malformed, truncated
    or hostile XML) or :class:`DuplicateBackupError`; the vault is then unchanged.
    """
    lender_id = lender_id_of(vault, lender) if lender else None
    item_id = new_item_id()
    with vault.sessions() as session:
        session.begin()
        conn = session.connection()
        conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
        writer = _EventWriter(conn)
        stream = BackupStream(
            vault.store, vault.keys.identity.recipient(), path, item_id, vault.tz, keep_parts=True
        )
        try:
            for rows in stream.batches():  # written while the worker parses the next
                writer(rows)
            read = stream.result()
            digest = read.digests[SHA256]
            key = content_key(vault.keys.content_key, digest)
            earlier = session.scalar(select(Item.id).where(Item.content_key == key))
            if earlier is not None:
                raise DuplicateBackupError(
                    f"This backup was already imported as item {earlier}.", item_id=earlier
                )
            vault.store.publish(read.staged)
            vault.store.sync([item_id])
            newest = _EPOCH + timedelta(milliseconds=writer.newest_ms or 0)
            if writer.newest_ms is None:
                newest = datetime.now(UTC)
            _add_item(
                session,
                vault,
                read.staged,
                name or (path.name if isinstance(path, Path) else "backup.xml"),
                lender_id,
                read.summary,
                newest,
                digest,
                read.digests.get(SM3),
                key,
            )
            attached = _add_attachments(session, vault, stream.parts, item_id, lender_id)
            session.commit()  # inside the try: a failed commit removes the blob too
        except BaseException:
            stream.close()
            session.rollback()
            if stream.staged is not None:
                vault.store.discard(stream.staged)
            for part in stream.parts:
                vault.store.discard(part.staged)
            _remove_empty_folder(vault.store.path_for(item_id).parent)
            raise
        stream.close()
    summary = read.summary
    logger.info("imported a backup with %d rows, %d MMS attachments", summary.rows, attached)
    return _report(vault, writer, summary, item_id, lender, lender_id)


READ_CHUNK = 1 << 20


def analyse_stored_backup(
    vault: OpenVault, item_id: str, *, lender: str | None = None
) -> BackupImportReport:
    """Read the stored blob of backup item ``item_id`` and record its rows as its events.

    For a backup XML that a file import stored as a plain item (older vaults did): the
    rows become events of that item, exactly as if it had come through
    :func:`store_backup` — no second item — with a ``backup_events_added`` custody event.
    ``lender`` is the lender whose numbers the report counts (default: the item's).
    Raises :class:`NotABackupItemError`, :class:`BackupAlreadyAnalysedError` or a
    :class:`~vault.backup.xml_reader.BackupFormatError`; the vault is then unchanged.
    """
    with vault.sessions() as session:
        session.begin()
        item = session.get(Item, item_id)
        if item is None or item.purged_at is not None:
            raise NotABackupItemError(f"There is no item {item_id!r} in this vault.")
        if item.kind != Kind.BACKUP:
            raise NotABackupItemError(f"Item {item_id} is not a phone backup.")
        if _analysed(session, item_id):
            raise BackupAlreadyAnalysedError(
                f"The calls and messages of item {item_id} are already in the vault."
            )
        lender_id = lender_id_of(vault, lender) if lender else item.lender_id
        item_lender = item.lender_id
        conn = session.connection()
        conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
        writer = _EventWriter(conn)
        parts: list[StagedPart] = []
        recipient = vault.keys.identity.recipient()

        def keep(part: MmsPart) -> None:
            staged = stage_part(vault.store, recipient, part)
            if staged is not None:
                parts.append(staged)

        reader = BackupReader(
            writer, item_id=item_id, tz=vault.tz, batch_rows=BATCH_ROWS, on_part=keep
        )
        try:
            with vault.store.open(item_id, [vault.keys.identity]) as blob:
                while chunk := blob.read(READ_CHUNK):
                    reader.feed(chunk)
            summary = reader.close()
            _add_attachments(session, vault, parts, item_id, item_lender)
            ledger.append(
                session,
                custody.Action.BACKUP_EVENTS_ADDED,
                at=datetime.now(UTC),
                item_id=item_id,
                lender_id=item_lender,
                payload={"calls": summary.calls, "sms": summary.sms, "mms": summary.mms},
            )
            session.commit()
        except BaseException:
            session.rollback()
            for part in parts:
                vault.store.discard(part.staged)
            raise
    logger.info("analysed a stored backup with %d rows", summary.rows)
    return _report(vault, writer, summary, item_id, lender, lender_id)


def backup_report(vault: OpenVault, item_id: str, *, lender: str | None) -> BackupImportReport:
    """What an analysed backup item holds, counted in the database (a re-import's report)."""
    lender_id = lender_id_of(vault, lender) if lender else None
    kind_count = func.count(BackupEvent.id)
    with vault.sessions() as session:
        rows = session.execute(
            select(BackupEvent.kind, kind_count)
            .where(BackupEvent.item_id == item_id)
            .group_by(BackupEvent.kind)
        )
        kinds = {str(kind): int(count) for kind, count in rows}
        attached = _attached_in_db(session, item_id, lender_id)
        unassigned = _unassigned_in_db(session, item_id)
    return BackupImportReport(
        item_id=item_id,
        lender=lender,
        calls=int(kinds.get("call", 0)),
        sms=int(kinds.get("sms", 0)),
        mms=int(kinds.get("mms", 0)),
        attached=attached,
        unassigned=unassigned,
    )


def is_analysed(vault: OpenVault, item_id: str) -> bool:
    """Whether the rows of backup item ``item_id`` are already recorded as events."""
    with vault.sessions() as session:
        return _analysed(session, item_id)


def _analysed(session: Session, item_id: str) -> bool:
    """An analysed backup has its custody event (even one with no rows at all)."""
    seq = session.scalar(
        select(CustodyEvent.seq).where(
            CustodyEvent.item_id == item_id,
            CustodyEvent.action == str(custody.Action.BACKUP_EVENTS_ADDED),
        )
    )
    return seq is not None


def _remove_empty_folder(folder: Path) -> None:
    """Leave no trace of a refused import: its blob folder goes if nothing else is in it."""
    with contextlib.suppress(OSError):
        folder.rmdir()


def _add_attachments(
    session: Session,
    vault: OpenVault,
    parts: list[StagedPart],
    backup_item_id: str,
    lender_id: int | None,
) -> int:
    """Each MMS attachment becomes an item: hash, its message's time, the counterpart
    from the message's address, linked to the message (``mms_attachments``). One that
    is already in the vault is not stored twice. Returns how many were stored."""
    now = datetime.now(UTC)
    items: list[NewItem] = []
    seen: set[str] = set()
    for part in parts:
        key = content_key(vault.keys.content_key, part.sha256)
        earlier = session.scalar(select(Item.id).where(Item.content_key == key))
        if earlier is not None or key in seen:
            vault.store.discard(part.staged)
            continue
        seen.add(key)
        items.append(_attachment_item(vault, part, key))
    for item in items:
        vault.store.publish(next(p.staged for p in parts if p.staged.item_id == item.item_id))
    vault.store.sync([item.item_id for item in items])
    record_items(session, items, lender_id, now)
    by_id = {p.staged.item_id: p for p in parts}
    for item in items:
        session.add(
            MmsAttachment(
                item_id=item.item_id,
                backup_item_id=backup_item_id,
                seq=by_id[item.item_id].part.seq,
            )
        )
    return len(items)


def _attachment_item(vault: OpenVault, staged: StagedPart, key: str) -> NewItem:
    part = staged.part
    message = part.message
    try:
        at = _EPOCH + timedelta(milliseconds=int(message.get("date", "")))
    except ValueError:  # the message's row refuses the whole backup before this is used
        at = datetime.now(UTC)
    sniffed = sniff(staged.head, filename=part.name or None)
    address = message.get("address", "").split("~", 1)[0]
    contact = message.get("contact_name", "")
    name = part.name or f"mms-{part.seq}.{sniffed.ext}"
    capture = Capture(
        kind=sniffed.kind,
        media_type=sniffed.media_type,
        ext=sniffed.ext,
        captured_at_utc=at,
        captured_offset_min=offset_minutes(at.astimezone(vault.tz)),
        time_source=TIME_SOURCE,
        counterpart=try_normalize(address) if address else None,
        contact_name=None if contact in {"", "null", "(Unknown)"} else contact,
        source_app="MMS",
        device=None,
    )
    return NewItem(
        item_id=staged.staged.item_id,
        original_name=display_name(name),
        size=staged.staged.size,
        sha256=staged.sha256,
        sm3=None,
        content_key=key,
        capture=capture,
        title=None,
    )


def _add_item(
    session: Session,
    vault: OpenVault,
    staged: StagedBlob,
    name: str,
    lender_id: int | None,
    summary: BackupSummary,
    newest: datetime,
    digest: str,
    sm3: str | None,
    key: str,
) -> None:
    now = datetime.now(UTC)
    title = backup_title(
        call_log=summary.root == "calls",
        calls=summary.calls,
        messages=summary.sms + summary.mms,
    )
    capture = Capture(
        kind=Kind.BACKUP,
        media_type="application/xml",
        ext="xml",
        captured_at_utc=newest.astimezone(UTC),
        captured_offset_min=offset_minutes(newest.astimezone(vault.tz)),
        time_source=ITEM_TIME_SOURCE,
        counterpart=None,
        contact_name=None,
        source_app=SOURCE_APP,
        device=None,
    )
    item = NewItem(
        item_id=staged.item_id,
        original_name=display_name(name),
        size=staged.size,
        sha256=digest,
        sm3=sm3,
        content_key=key,
        capture=capture,
        title=title,
    )
    record_items(session, [item], lender_id, now)
    ledger.append(
        session,
        custody.Action.BACKUP_EVENTS_ADDED,
        at=now,
        item_id=staged.item_id,
        lender_id=lender_id,
        payload={"calls": summary.calls, "sms": summary.sms, "mms": summary.mms},
    )


def _report(
    vault: OpenVault,
    writer: _EventWriter,
    summary: BackupSummary,
    item_id: str,
    lender: str | None,
    lender_id: int | None,
) -> BackupImportReport:
    """What a read backup brought: its rows by kind, and whose numbers they are."""
    attached, unassigned = _report_counts(vault, writer, item_id, lender_id)
    return BackupImportReport(
        item_id=item_id,
        lender=lender,
        calls=summary.calls,
        sms=summary.sms,
        mms=summary.mms,
        attached=attached,
        unassigned=unassigned,
    )


def _report_counts(
    vault: OpenVault, writer: _EventWriter, item_id: str, lender_id: int | None
) -> tuple[int, tuple[NumberCount, ...]]:
    """Rows of the lender's numbers, and the most frequent numbers no lender has."""
    counts = writer.counts()
    with vault.sessions() as session:
        if counts is None:
            return _attached_in_db(session, item_id, lender_id), _unassigned_in_db(session, item_id)
        assigned = session.execute(select(LenderNumber.number, LenderNumber.lender_id)).all()
    rows, inbound = counts
    owned = {canonical(n) for n, owner in assigned if owner == lender_id}
    attached = sum(count for n, count in rows.items() if canonical(n) in owned)
    return attached, _unassigned(inbound, {canonical(n) for n, _ in assigned})


def _unassigned(inbound: Counter[str], assigned: set[str]) -> tuple[NumberCount, ...]:
    """The numbers no lender has that reached the phone most often (counted on import)."""
    counts = [(n, count) for n, count in inbound.items() if n and canonical(n) not in assigned]
    counts.sort(key=lambda entry: (-entry[1], entry[0]))
    return tuple(NumberCount(n, count) for n, count in counts[:UNASSIGNED_SHOWN])


def _attached_in_db(session: Session, item_id: str, lender_id: int | None) -> int:
    if lender_id is None:
        return 0
    count = session.scalar(
        select(func.count(BackupEvent.id)).where(
            BackupEvent.item_id == item_id,
            BackupEvent.number.in_(stored_spellings(_numbers_of(session, lender_id))),
        )
    )
    return int(count or 0)


def _numbers_of(session: Session, lender_id: int | None) -> list[str]:
    """The numbers of one lender, or of every lender, as stored."""
    query = select(LenderNumber.number)
    if lender_id is not None:
        query = query.where(LenderNumber.lender_id == lender_id)
    return list(session.scalars(query))


def _unassigned_in_db(session: Session, item_id: str) -> tuple[NumberCount, ...]:
    count = func.count(BackupEvent.id)
    rows = session.execute(
        select(BackupEvent.number, count)
        .where(
            BackupEvent.item_id == item_id,
            BackupEvent.number.is_not(None),
            BackupEvent.direction.in_(sorted(INBOUND)),
            BackupEvent.number.not_in(stored_spellings(_numbers_of(session, None))),
        )
        .group_by(BackupEvent.number)
        .order_by(count.desc(), BackupEvent.number)
        .limit(UNASSIGNED_SHOWN)
    )
    return tuple(NumberCount(str(number), int(n)) for number, n in rows)


__all__ = [
    "BackupAlreadyAnalysedError",
    "DuplicateBackupError",
    "NotABackupItemError",
    "NotARegularFileError",
    "ZoneOffsets",
    "analyse_stored_backup",
    "backup_report",
    "is_analysed",
    "store_backup",
]
