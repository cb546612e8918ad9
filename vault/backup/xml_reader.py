"""A streaming, hostile-input-safe reader of "SMS Backup & Restore" XML files.

The format (SyncTech, "Fields in XML Backup Files",
https://synctech.com.au/sms-backup-restore/fields-in-xml-backup-files/):

- call logs: ``<calls count="N">`` holding ``<call number= duration= date= type=
  contact_name= …/>``; ``date`` is Java epoch milliseconds, ``duration`` seconds;
  ``type`` 1 incoming (answered), 2 outgoing, 3 missed, 4 voicemail, 5 rejected,
  6 refused/blocked (Android ``CallLog.Calls`` adds 7 answered externally).
- messages: ``<smses count="N">`` holding ``<sms address= date= type= body=
  contact_name= …/>`` (type 1 received, 2 sent, 3 draft, 4 outbox, 5 failed,
  6 queued) and ``<mms date= msg_box= address= …>`` with ``<parts><part ct= text=/>``
  children (msg_box 1 inbox, 2 sent, 3 draft, 4 outbox).

The reader is fed bytes as they are read (the importer hashes and encrypts the same
chunks, see :mod:`vault.backup.reading`), so a file is never held whole and no DOM is
built. It uses expat directly and
refuses what a phone backup never contains and an attacker needs: any document type
declaration (so no entity can be declared: no "billion laughs", no external
entities), external entity references, tokens longer than :data:`MAX_TOKEN_BYTES`
(a 50 MB attribute is refused after 16 MiB, without buffering the rest), nesting
deeper than :data:`MAX_DEPTH`, and a file that ends early.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import NamedTuple
from xml.parsers import expat

from vault.errors import UsageError
from vault.phones import try_normalize

logger = logging.getLogger(__name__)

MAX_TOKEN_BYTES = 16 << 20  # longest run of bytes between two '<': bounds any tag or text
MAX_DEPTH = 16
BATCH_ROWS = 5000
MAX_CACHED_NUMBERS = 10_000
_MIN_MS = 315_532_800_000  # 1980-01-01T00:00:00Z
_MAX_MS = 4_102_444_800_000  # 2100-01-01T00:00:00Z
_HOUR_MS = 3_600_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

CALL_DIRECTIONS = {
    1: "incoming",
    2: "outgoing",
    3: "missed",
    4: "voicemail",
    5: "rejected",
    6: "blocked",
    7: "incoming",
}
SMS_DIRECTIONS = {
    1: "incoming",
    2: "outgoing",
    3: "draft",
    4: "outgoing",
    5: "outgoing",
    6: "outgoing",
}
MMS_DIRECTIONS = {1: "incoming", 2: "outgoing", 3: "draft", 4: "outgoing"}
# Contacts that reached the phone (counted as the collector contacting the debtor).
INBOUND = frozenset({"incoming", "missed", "voicemail", "rejected", "blocked"})


class BackupFormatError(UsageError):
    """The file is not a readable "SMS Backup & Restore" XML backup."""

    code = "backup_format"


class BackupTruncatedError(BackupFormatError):
    code = "backup_truncated"


class HostileXmlError(BackupFormatError):
    """The XML uses a construct that phone backups never contain and attacks rely on."""

    code = "backup_hostile_xml"


class BackupRow(NamedTuple):
    """The layout of a row as the reader hands it on (times are epoch milliseconds, UTC).

    Rows travel as plain tuples in this order — ``BackupRow._make(row)`` names the
    fields —, ready to be bound to the database as they are: a backup has 100,000+
    rows, and a named tuple per row, or a second pass reshaping the rows for the
    database, would add a good part of the parse's cost again. Missing values are
    ``""`` (``-1`` for a duration) rather than ``None``, which the database driver
    binds through a slow path.
    """

    item_id: str  # the item the rows come from, as given to the reader
    seq: int  # position of the row in the file, from 1
    kind: str  # call | sms | mms
    direction: str
    type_code: int
    number: str  # normal form of the address; "" when it is not a phone number
    address: str
    contact_name: str  # "" when the backup names no contact
    at_ms: int
    offset_min: int  # UTC offset of the vault's zone at at_ms, in minutes
    duration_s: int  # -1 for messages
    body: str  # "" when there is no text


Row = tuple[str, int, str, str, int, str, str, str, int, int, int, str]  # see BackupRow


@dataclass(frozen=True)
class BackupSummary:
    root: str
    calls: int
    sms: int
    mms: int

    @property
    def rows(self) -> int:
        return self.calls + self.sms + self.mms


RowSink = Callable[[list[Row]], None]


@dataclass(frozen=True, slots=True)
class MmsPart:
    """An image, video or audio part of an MMS, as the backup carries it (base64).

    ``data`` is the attribute's text as the XML parser gave it (not copied); ``seq`` is
    the row number its message will have; ``message`` the ``<mms>`` element's attributes.
    """

    seq: int
    content_type: str
    name: str
    data: str
    message: dict[str, str]


PartSink = Callable[[MmsPart], None]
_MEDIA_PARTS = ("image/", "video/", "audio/")


class ZoneOffsets(dict[int, int | None]):
    """Hour since the epoch -> UTC offset in minutes of ``tz`` throughout that hour.

    ``None`` marks an hour in which the offset changes (a daylight-saving switch, at
    whatever minute the zone makes it): rows of that hour are looked up one by one with
    :meth:`exact`, so every row gets the offset in force at its own instant.
    """

    def __init__(self, tz: tzinfo) -> None:
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


class _Stop(Exception):
    """Carries an error out of an expat handler."""

    def __init__(self, error: BackupFormatError) -> None:
        super().__init__(str(error))
        self.error = error


class BackupReader:
    """Feed bytes with :meth:`feed`, then :meth:`close`; rows go to ``sink`` in batches.

    Rows are tuples laid out as :class:`BackupRow`, marked with ``item_id`` and with
    the UTC offset of ``tz`` at each row's instant.
    """

    def __init__(
        self,
        sink: RowSink,
        *,
        item_id: str = "",
        tz: tzinfo = UTC,
        batch_rows: int = BATCH_ROWS,
        on_part: PartSink | None = None,
    ) -> None:
        """``on_part`` is given each media part of an MMS as the parser meets it."""
        self._run = 0
        self._carry = b""
        self._elements = _handlers(sink, item_id, ZoneOffsets(tz), batch_rows, on_part)
        parser = expat.ParserCreate()
        parser.buffer_text = False
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = _doctype
        parser.EntityDeclHandler = _entity
        parser.ExternalEntityRefHandler = _external
        parser.StartElementHandler = self._elements.start
        parser.EndElementHandler = self._elements.end
        self._parser = parser

    # --- feeding -----------------------------------------------------------------------

    def feed(self, data: bytes | memoryview) -> None:
        chunk = bytes(data)
        last = chunk.rfind(b"<")
        self._run = self._run + len(chunk) if last < 0 else len(chunk) - last - 1
        if self._run > MAX_TOKEN_BYTES:
            raise HostileXmlError(
                f"The backup holds a single tag or text longer than {MAX_TOKEN_BYTES >> 20} MiB, "
                "which no phone backup contains."
            )
        self._parse(self._surrogates(chunk), final=False)

    def close(self) -> BackupSummary:
        self._parse(self._surrogates(b"", final=True), final=True)
        return self._elements.finish()

    def _surrogates(self, chunk: bytes, *, final: bool = False) -> bytes:
        """Character references to UTF-16 surrogates, made whole (see :func:`fix_surrogates`).

        A reference cut by the chunk boundary is carried over to the next chunk.
        """
        data = self._carry + chunk
        self._carry = b""
        if b"&" not in data[-_CARRY_BYTES:] and b"&#" not in data:
            return data
        if not final:
            amp = data.rfind(b"&", max(0, len(data) - _CARRY_BYTES))
            if amp >= 0 and b";" not in data[amp:]:
                data, self._carry = data[:amp], data[amp:]
            # A high surrogate's reference may be followed by its pair in the next chunk.
            last = _REF_AT_END.search(data[-_CARRY_BYTES:])
            if last is not None and int(last[1]) in _HIGH:
                cut = data.rfind(b"&#")
                data, self._carry = data[:cut], data[cut:] + self._carry
        return fix_surrogates(data)

    def _parse(self, data: bytes, *, final: bool) -> None:
        try:
            self._parser.Parse(data, final)
        except _Stop as stop:
            raise stop.error from None
        except expat.ExpatError as error:
            raise _expat_error(error, final) from None
        except LookupError:  # expat asks Python for the codec the declaration names
            raise BackupFormatError(
                "The backup declares a character encoding that is not known; "
                "phone backups are UTF-8."
            ) from None


# --- refusals ------------------------------------------------------------------------


def _doctype(*args: object) -> None:
    raise _Stop(
        HostileXmlError(
            "The backup declares a document type (DOCTYPE), which phone backups never do; "
            "it is refused because such declarations can expand entities or read other files."
        )
    )


def _entity(*args: object) -> None:
    raise _Stop(HostileXmlError("The backup declares XML entities, which are refused."))


def _external(*args: object) -> int:
    raise _Stop(HostileXmlError("The backup refers to an external entity, which is refused."))


# --- elements ------------------------------------------------------------------------


class _Handlers(NamedTuple):
    start: Callable[[str, dict[str, str]], None]
    end: Callable[[str], None]
    finish: Callable[[], BackupSummary]  # the last batch to the sink, and the counts


def _handlers(  # noqa: PLR0915 - one closure shares the parse state among the handlers
    sink: RowSink,
    item_id: str,
    offsets: ZoneOffsets,
    batch_rows: int,
    on_part: PartSink | None = None,
) -> _Handlers:
    """The expat element handlers, and the rows they make.

    ``start`` runs for every element of the file, so it is a closure over the parse
    state (cell variables are the cheapest state Python has) and reads a row's
    attributes straight into the row's tuple. Calls and SMS — nearly every element —
    take that path; the root, an MMS (whose text is in child elements, so it is made
    when it closes) and anything else go through ``element``.
    """
    depth = seq = mms_rows = 0
    root: str | None = None
    batch: list[Row] = []
    numbers: dict[str, str] = {}  # address -> normal form (or "")
    mms: dict[str, str] | None = None  # the open <mms>'s attributes
    mms_text: list[str] = []
    # What the rows of the root look like (set by the root element).
    row_tag = kind = address_field = ""
    directions: dict[int, str] = {}
    timed = texted = False  # calls have a duration, SMS a body
    least_duration = -1  # 0 for calls; messages have none (-1)

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, seq, batch
        depth += 1
        if depth != 2 or name != row_tag:
            element(name, attrs)
            return
        seq += 1
        try:
            at_ms = int(attrs["date"])
            code = int(attrs["type"])
            duration = int(attrs.get("duration", "0")) if timed else -1
        except (KeyError, ValueError):
            raise _Stop(_bad_row(seq, attrs, "type")) from None
        if not _MIN_MS <= at_ms < _MAX_MS or duration < least_duration:
            raise _Stop(_bad_value(seq, at_ms))
        address = attrs.get(address_field, "")
        number = numbers.get(address)
        if number is None:
            number = _normalize(numbers, address)
        contact_name = attrs.get("contact_name", "")
        if contact_name in _NO_TEXT:
            contact_name = ""
        body = attrs.get("body", "") if texted else ""
        if body in _NO_TEXT:
            body = ""
        offset = offsets[at_ms // _HOUR_MS]
        if offset is None:
            offset = offsets.exact(at_ms)
        batch.append(
            (
                item_id,
                seq,
                kind,
                directions.get(code, "other"),
                code,
                number,
                address,
                contact_name,
                at_ms,
                offset,
                duration,
                body,
            )
        )
        if len(batch) >= batch_rows:
            full, batch = batch, []
            sink(full)

    def element(name: str, attrs: dict[str, str]) -> None:
        nonlocal mms, mms_text
        if depth == 2:
            if name == "mms" and root == "smses":
                mms = attrs
                mms_text = []
        elif depth > MAX_DEPTH:
            raise _Stop(HostileXmlError("The backup nests elements deeper than any phone backup."))
        elif depth == 1:
            set_root(name)
        elif mms is not None and name == "part":
            content_type = attrs.get("ct", "")
            if content_type == "text/plain":
                text = attrs.get("text")
                if text and text != "null":
                    mms_text.append(text)
            elif on_part is not None and content_type.startswith(_MEDIA_PARTS):
                data = attrs.get("data")
                if data and data != "null":  # no row comes between an <mms> and its end
                    name = attrs.get("cl") or attrs.get("name") or ""
                    on_part(MmsPart(seq + 1, content_type, name, data, mms))

    def end(name: str) -> None:
        nonlocal depth, mms
        depth -= 1
        if depth == 1 and mms is not None and name == "mms":
            attrs, mms = mms, None
            add_mms(attrs, "\n".join(mms_text))

    def set_root(name: str) -> None:
        nonlocal root, row_tag, kind, address_field, directions, timed, texted, least_duration
        if name not in ("calls", "smses"):
            raise _Stop(
                BackupFormatError(
                    f"The file is XML but not an SMS Backup & Restore backup (root <{name}>)."
                )
            )
        root = name
        if name == "calls":
            row_tag = kind = "call"
            address_field, directions, timed, least_duration = "number", CALL_DIRECTIONS, True, 0
        else:
            row_tag = kind = "sms"
            address_field, directions, texted = "address", SMS_DIRECTIONS, True

    def add_mms(attrs: dict[str, str], body: str) -> None:
        nonlocal seq, mms_rows, batch
        seq += 1
        try:
            at_ms = int(attrs["date"])
            code = int(attrs["msg_box"])
        except (KeyError, ValueError):
            raise _Stop(_bad_row(seq, attrs, "msg_box")) from None
        if not _MIN_MS <= at_ms < _MAX_MS:
            raise _Stop(_bad_value(seq, at_ms))
        address = attrs.get("address", "")
        number = numbers.get(address)
        if number is None:
            number = _normalize(numbers, address)
        contact_name = attrs.get("contact_name", "")
        if contact_name in _NO_TEXT:
            contact_name = ""
        offset = offsets[at_ms // _HOUR_MS]
        if offset is None:
            offset = offsets.exact(at_ms)
        mms_rows += 1
        batch.append(
            (
                item_id,
                seq,
                "mms",
                MMS_DIRECTIONS.get(code, "other"),
                code,
                number,
                address,
                contact_name,
                at_ms,
                offset,
                -1,
                body,
            )
        )
        if len(batch) >= batch_rows:
            full, batch = batch, []
            sink(full)

    def finish() -> BackupSummary:
        nonlocal batch
        if root is None:
            raise BackupFormatError("The file holds no XML elements.")
        if batch:
            full, batch = batch, []
            sink(full)
        if root == "calls":
            return BackupSummary(root, seq, 0, 0)
        return BackupSummary(root, 0, seq - mms_rows, mms_rows)

    return _Handlers(start, end, finish)


def _normalize(numbers: dict[str, str], address: str) -> str:
    """The normal form of ``address`` ("" if none), remembered for the next rows."""
    if len(numbers) >= MAX_CACHED_NUMBERS:
        numbers.clear()
    # An MMS to several people lists them joined by '~'; the first is the sender.
    first = address.split("~", 1)[0]
    number = numbers[address] = (try_normalize(first) or "") if first else ""
    return number


def _bad_value(seq: int, at_ms: int) -> BackupFormatError:
    if not _MIN_MS <= at_ms < _MAX_MS:
        return BackupFormatError(f"Row {seq} of the backup has a date out of range.")
    return BackupFormatError(f"Row {seq} of the backup has a negative duration.")


def _bad_row(seq: int, attrs: dict[str, str], type_field: str) -> BackupFormatError:
    for name in ("date", type_field, "duration"):
        value = attrs.get(name)
        if value is None and name != "duration":
            return BackupFormatError(f"Row {seq} of the backup has no {name}.")
        if value is not None and not value.lstrip("-").isdigit():
            break
    return BackupFormatError(f"Row {seq} of the backup has a {name} that is not a number.")


_CARRY_BYTES = 24
_PAIR = re.compile(rb"&#(5[5-6]\d{3});&#(5[6-7]\d{3});")
_LONE = re.compile(rb"&#(5[5-7]\d{3});")
_REF_AT_END = re.compile(rb"&#(\d{5});$")
_HIGH = range(0xD800, 0xDC00)
_LOW = range(0xDC00, 0xE000)


def fix_surrogates(data: bytes) -> bytes:
    """Replace references to UTF-16 surrogate pairs by one reference to the character.

    Older versions of the app wrote an emoji as two references to its UTF-16 halves
    (``&#55357;&#56832;`` for U+1F600), which XML forbids; a lone half becomes U+FFFD.
    """

    def pair(match: re.Match[bytes]) -> bytes:
        high, low = int(match[1]), int(match[2])
        if high in _HIGH and low in _LOW:
            code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            return b"&#x%X;" % code
        return _LONE.sub(lone, match[0])

    def lone(match: re.Match[bytes]) -> bytes:
        value = int(match[1])
        return b"&#xFFFD;" if 0xD800 <= value < 0xE000 else match[0]

    return _LONE.sub(lone, _PAIR.sub(pair, data))


# The app writes missing values as the text "null" (and "(Unknown)" for no name).
_NO_TEXT = frozenset({"null", "(Unknown)", ""})


_TRUNCATION_CODES = frozenset(
    {
        expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS],
        expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN],
        expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR],
        expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION],
    }
)


def _expat_error(error: expat.ExpatError, final: bool) -> BackupFormatError:
    if final and error.code in _TRUNCATION_CODES:
        return BackupTruncatedError(
            "The backup file ends early: it is truncated or was not copied completely."
        )
    if error.code == expat.errors.codes[expat.errors.XML_ERROR_UNDEFINED_ENTITY]:
        return HostileXmlError("The backup uses an entity that is not defined, which is refused.")
    reason = expat.errors.messages[error.code] if error.code else str(error)
    return BackupFormatError(
        f"The backup is not well-formed XML ({reason} at line {error.lineno}, "
        f"column {error.offset})."
    )


__all__ = [
    "INBOUND",
    "BackupFormatError",
    "BackupReader",
    "BackupRow",
    "BackupSummary",
    "BackupTruncatedError",
    "HostileXmlError",
    "MmsPart",
    "PartSink",
    "Row",
    "ZoneOffsets",
]
