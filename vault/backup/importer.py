"""Import a phone backup: the XML becomes an evidence item, its rows become events.

One pass over the file: each chunk read is hashed (SHA-256, SM3), encrypted into the
item's blob and fed to the streaming XML reader, whose rows are written to
``backup_events`` in batches — all inside one database transaction that also adds the
item and its custody events. A malformed or hostile file, a duplicate of an earlier
import, or any failure rolls the transaction back and removes the temp blob: the vault
is left exactly as it was.

Events carry no lender; they belong to the lenders whose numbers they show (see
:mod:`vault.db.case_models`). :func:`assign_number` adds a number to a lender, and the
events of that number follow.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from vault import custody
from vault.backup.xml_reader import INBOUND, BackupReader, BackupRow, BackupSummary
from vault.db.case_models import (
    ANSWERED_CALL,
    MESSAGE,
    NOT_CONTACT,
    UNANSWERED_CALL,
    BackupEvent,
)
from vault.db.models import Item, Lender, LenderNumber
from vault.dto import BackupImportReport, LenderDTO, NumberCount
from vault.errors import UsageError
from vault.ingest.pipeline import content_key
from vault.phones import normalize
from vault.service import OpenVault, UnknownLenderError
from vault.store import StagedBlob, new_item_id

logger = logging.getLogger(__name__)

TIME_SOURCE = "backup_record"  # each row's own epoch-millisecond date
ITEM_TIME_SOURCE = "backup_newest_row"  # a backup exists no earlier than its newest row
SOURCE_APP = "SMS Backup & Restore"
UNASSIGNED_SHOWN = 10
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class DuplicateBackupError(UsageError):
    code = "backup_duplicate"


class NotARegularFileError(UsageError):
    code = "backup_not_a_file"


class _EventWriter:
    """Writes reader rows to ``backup_events`` on the transaction's connection.

    Rows go through the DBAPI's ``executemany`` as plain integers and strings: a backup
    has 100,000+ rows and the ORM's per-row work would cost more than parsing the XML.
    Missing values are sent as ``""`` or ``-1`` and turned into NULL by the statement
    (``NULLIF``): the driver binds ``None`` through its slow adapter lookup, which alone
    tripled the cost of a row.
    """

    def __init__(self, conn: Connection, item_id: str, tz: ZoneInfo) -> None:
        self.conn = conn
        self.item_id = item_id
        self.newest_ms: int | None = None
        # Rows, and inbound rows, per number, for the import report; given up (None) past
        # MAX_TALLIED numbers, when the report counts in the database instead.
        self.numbers: Counter[str | None] | None = Counter()
        self.inbound: Counter[str | None] | None = Counter()
        self._offsets = ZoneOffsets(tz)

    def __call__(self, rows: list[BackupRow]) -> None:
        item_id = self.item_id
        offsets = self._offsets
        exact = offsets.exact
        contacts = _CONTACT
        values = [
            (
                item_id,
                seq,
                kind,
                direction,
                code,
                number or "",
                address,
                name or "",
                at_ms,
                # the zone's UTC offset at this instant (cached per hour; see ZoneOffsets)
                (
                    offset := hourly
                    if (hourly := offsets[at_ms // _HOUR_MS]) is not None
                    else exact(at_ms)
                ),
                -1 if duration is None else duration,
                body or "",
                # local day and minute of the day, from local minutes since the epoch
                (local := at_ms // _MINUTE_MS + offset) // _DAY_MINUTES,
                local % _DAY_MINUTES,
                contacts[kind].get(direction, NOT_CONTACT),
            )
            for seq, kind, direction, code, number, address, name, at_ms, duration, body in rows
        ]
        newest = max(map(_AT_MS, rows))
        if self.newest_ms is None or newest > self.newest_ms:
            self.newest_ms = newest
        if self.numbers is not None and self.inbound is not None:
            self.numbers.update(map(_NUMBER, rows))
            self.inbound.update(row.number for row in rows if row.direction in INBOUND)
            if len(self.numbers) > MAX_TALLIED:
                self.numbers = self.inbound = None
        self.conn.exec_driver_sql(_INSERT, values)


class ZoneOffsets(dict[int, int | None]):
    """Hour since the epoch -> UTC offset in minutes of ``tz`` throughout that hour.

    ``None`` marks an hour in which the offset changes (a daylight-saving switch, at
    whatever minute the zone makes it): rows of that hour are looked up one by one with
    :meth:`exact`, so every row gets the offset in force at its own instant.
    """

    def __init__(self, tz: ZoneInfo) -> None:
        super().__init__()
        self.tz = tz

    def exact(self, at_ms: int) -> int:
        delta = (_EPOCH + timedelta(milliseconds=at_ms)).astimezone(self.tz).utcoffset()
        return 0 if delta is None else int(delta.total_seconds()) // 60

    def __missing__(self, hour: int) -> int | None:
        first = self.exact(hour * _HOUR_MS)
        offset = first if self.exact(hour * _HOUR_MS + _HOUR_MS - 1) == first else None
        self[hour] = offset
        return offset


_HOUR_MS = 3_600_000
_MINUTE_MS = 60_000
_DAY_MINUTES = 1440
_AT_MS = itemgetter(7)  # BackupRow.at_ms
_NUMBER = itemgetter(4)  # BackupRow.number
# kind -> direction -> how the row reached the debtor (see vault.db.case_models)
_CONTACT = {
    "call": {
        "incoming": ANSWERED_CALL,
        **{direction: UNANSWERED_CALL for direction in INBOUND - {"incoming"}},
    },
    "sms": {"incoming": MESSAGE},
    "mms": {"incoming": MESSAGE},
}
_COLUMNS = (
    "item_id",
    "seq",
    "kind",
    "direction",
    "type_code",
    "number",
    "address",
    "contact_name",
    "occurred_at",
    "occurred_offset_min",
    "duration_s",
    "body",
    "local_day",
    "local_minute",
    "contact",
)
_VALUES = (
    *("?", "?", "?", "?", "?", "NULLIF(?, '')", "?", "NULLIF(?, '')", "?", "?"),
    *("NULLIF(?, -1)", "NULLIF(?, '')", "?", "?", "?"),
)
_INSERT = (
    f"INSERT INTO backup_events ({', '.join(_COLUMNS)}) "  # noqa: S608 - constant column names
    f"VALUES ({', '.join(_VALUES)})"
)
CACHE_KIB = 32 << 10  # page cache while a large backup is written
MAX_TALLIED = 50_000  # distinct numbers counted in memory during an import


def import_backup(vault: OpenVault, path: Path, *, lender: str | None = None) -> BackupImportReport:
    """Store the backup at ``path`` as an item of ``lender`` and its rows as events.

    Raises a :class:`~vault.backup.xml_reader.BackupFormatError` (malformed, truncated
    or hostile XML) or :class:`DuplicateBackupError`; the vault is then unchanged.
    """
    lender_id = vault.lender_id(lender) if lender else None
    item_id = new_item_id()
    sha256, sm3 = hashlib.sha256(), hashlib.new("sm3")
    staged: StagedBlob | None = None
    with vault.sessions() as session:
        session.begin()
        conn = session.connection()
        conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
        writer = _EventWriter(conn, item_id, vault.tz)
        reader = BackupReader(writer)

        gate = _Gate()

        def observe(view: memoryview) -> None:
            sha256.update(view)
            sm3.update(view)
            if gate.error is None:
                try:
                    reader.feed(view)
                except Exception as error:  # raised again once the writer is closed
                    # Keep no traceback or context: their frames would pin the chunk's
                    # buffer, which the encryption loop must release.
                    error.__context__ = error.__cause__ = None
                    gate.error = error.with_traceback(None)

        try:
            staged = _stage(vault, path, item_id, observe, gate)
            if gate.error is not None:
                raise gate.error
            summary = reader.close()
            digest = sha256.hexdigest()
            key = content_key(vault.keys.content_key, digest)
            earlier = session.scalar(select(Item.id).where(Item.content_key == key))
            if earlier is not None:
                raise DuplicateBackupError(f"This backup was already imported as item {earlier}.")
            vault.store.publish(staged)
            vault.store.sync([item_id])
            newest = _EPOCH + timedelta(milliseconds=writer.newest_ms or 0)
            if writer.newest_ms is None:
                newest = datetime.now(UTC)
            _add_item(
                session,
                vault,
                staged,
                path,
                lender_id,
                summary,
                newest,
                digest,
                sm3.hexdigest(),
                key,
            )
            session.commit()  # inside the try: a failed commit removes the blob too
        except BaseException:
            session.rollback()
            if staged is not None:
                vault.store.discard(staged)
            _remove_empty_folder(vault.store.path_for(item_id).parent)
            raise
    logger.info("imported a backup with %d rows", summary.rows)
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


def _remove_empty_folder(folder: Path) -> None:
    """Leave no trace of a refused import: its blob folder goes if nothing else is in it."""
    with contextlib.suppress(OSError):
        folder.rmdir()


class _Gate(io.RawIOBase):
    """Reads the source file until the XML reader fails, then reports end of file.

    The reader's error is not raised inside the encryption loop (whose buffers must be
    released first): the loop simply sees the end, and the error is raised after it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.error: Exception | None = None
        self.src: io.FileIO | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.error is not None or self.src is None:
            return 0
        return self.src.readinto(buffer) or 0


def _stage(
    vault: OpenVault,
    path: Path,
    item_id: str,
    observe: Callable[[memoryview], None],
    gate: _Gate,
) -> StagedBlob:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
        os.close(fd)
        what = "is empty" if stat.S_ISREG(info.st_mode) else "is not a regular file"
        raise NotARegularFileError(f"{path.name} {what}.")
    with os.fdopen(fd, "rb", buffering=0) as src:
        gate.src = src
        source = cast(BinaryIO, gate)
        return vault.store.stage(item_id, source, vault.keys.identity.recipient(), observe)


def _add_item(
    session: Session,
    vault: OpenVault,
    staged: StagedBlob,
    path: Path,
    lender_id: int | None,
    summary: BackupSummary,
    newest: datetime,
    digest: str,
    sm3: str,
    key: str,
) -> None:
    now = datetime.now(UTC)
    delta = newest.astimezone(vault.tz).utcoffset()
    offset = 0 if delta is None else int(delta.total_seconds()) // 60
    what = "call log" if summary.root == "calls" else "message"
    title = f"Phone {what} backup ({summary.calls} calls, {summary.sms + summary.mms} messages)"
    session.add(
        Item(
            id=staged.item_id,
            lender_id=lender_id,
            kind="backup",
            media_type="application/xml",
            original_name=path.name,
            size=staged.size,
            sha256=digest,
            content_key=key,
            sm3=sm3,
            imported_at=now,
            captured_at=newest,
            captured_offset_min=offset,
            time_source=ITEM_TIME_SOURCE,
            source_app=SOURCE_APP,
            categories=[],
            title=title,
        )
    )
    custody.append(
        session,
        custody.ITEM_IMPORTED,
        at=now,
        item_id=staged.item_id,
        lender_id=lender_id,
        payload={
            "sha256": digest,
            "sm3": sm3,
            "size": staged.size,
            "original_name": path.name,
            "media_type": "application/xml",
            "kind": "backup",
            "captured_at": newest.isoformat(),
            "captured_offset_min": offset,
            "time_source": ITEM_TIME_SOURCE,
        },
    )
    custody.append(
        session,
        custody.BACKUP_EVENTS_ADDED,
        at=now,
        item_id=staged.item_id,
        lender_id=lender_id,
        payload={"calls": summary.calls, "sms": summary.sms, "mms": summary.mms},
    )


def _report_counts(
    vault: OpenVault, writer: _EventWriter, item_id: str, lender_id: int | None
) -> tuple[int, tuple[NumberCount, ...]]:
    """Rows of the lender's numbers, and the most frequent numbers no lender has."""
    with vault.sessions() as session:
        if writer.numbers is None or writer.inbound is None:
            return _attached_in_db(session, item_id, lender_id), _unassigned_in_db(session, item_id)
        assigned = session.execute(select(LenderNumber.number, LenderNumber.lender_id)).all()
    attached = sum(writer.numbers[n] for n, owner in assigned if owner == lender_id)
    return attached, _unassigned(writer.inbound, {n for n, _ in assigned})


def _unassigned(inbound: Counter[str | None], assigned: set[str]) -> tuple[NumberCount, ...]:
    """The numbers no lender has that reached the phone most often (counted on import)."""
    counts = [(n, count) for n, count in inbound.items() if n is not None and n not in assigned]
    counts.sort(key=lambda entry: (-entry[1], entry[0]))
    return tuple(NumberCount(n, count) for n, count in counts[:UNASSIGNED_SHOWN])


def _attached_in_db(session: Session, item_id: str, lender_id: int | None) -> int:
    if lender_id is None:
        return 0
    count = session.scalar(
        select(func.count(BackupEvent.id)).where(
            BackupEvent.item_id == item_id,
            BackupEvent.number.in_(
                select(LenderNumber.number).where(LenderNumber.lender_id == lender_id)
            ),
        )
    )
    return int(count or 0)


def _unassigned_in_db(session: Session, item_id: str) -> tuple[NumberCount, ...]:
    count = func.count(BackupEvent.id)
    rows = session.execute(
        select(BackupEvent.number, count)
        .where(
            BackupEvent.item_id == item_id,
            BackupEvent.number.is_not(None),
            BackupEvent.direction.in_(sorted(INBOUND)),
            BackupEvent.number.not_in(select(LenderNumber.number)),
        )
        .group_by(BackupEvent.number)
        .order_by(count.desc(), BackupEvent.number)
        .limit(UNASSIGNED_SHOWN)
    )
    return tuple(NumberCount(str(number), int(n)) for number, n in rows)


def assign_number(vault: OpenVault, lender: str, numbers: Iterable[str]) -> tuple[LenderDTO, int]:
    """Add collector numbers to ``lender``; returns the lender and how many events now follow.

    The change is a ``lender_updated`` custody event (via the vault's lender update).
    """
    wanted = sorted({normalize(n) for n in numbers})
    if not wanted:
        raise UsageError("Give at least one phone number to assign.")
    with vault.sessions() as session:
        if session.scalar(select(Lender.id).where(Lender.name == lender.strip())) is None:
            raise UnknownLenderError(f"There is no lender named {lender!r} in this vault.")
    updated = vault.add_lender_numbers(lender, wanted)
    with vault.sessions() as session:
        count = session.scalar(
            select(func.count(BackupEvent.id)).where(BackupEvent.number.in_(wanted))
        )
    return updated, int(count or 0)


__all__ = [
    "DuplicateBackupError",
    "NotARegularFileError",
    "ZoneOffsets",
    "assign_number",
    "import_backup",
]
