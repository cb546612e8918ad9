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
chunks), so a file is never held whole and no DOM is built. It uses expat directly and
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
    """One row of a backup, as read (times are epoch milliseconds, UTC).

    A named tuple rather than a dataclass: backups have 100,000+ rows.
    """

    seq: int
    kind: str  # call | sms | mms
    direction: str
    type_code: int
    number: str | None
    address: str
    contact_name: str | None
    at_ms: int
    duration_s: int | None
    body: str | None


@dataclass(frozen=True)
class BackupSummary:
    root: str
    calls: int
    sms: int
    mms: int

    @property
    def rows(self) -> int:
        return self.calls + self.sms + self.mms


RowSink = Callable[[list[BackupRow]], None]


class _Stop(Exception):
    """Carries an error out of an expat handler."""

    def __init__(self, error: BackupFormatError) -> None:
        super().__init__(str(error))
        self.error = error


class BackupReader:
    """Feed bytes with :meth:`feed`, then :meth:`close`; rows go to ``sink`` in batches."""

    def __init__(self, sink: RowSink, *, batch_rows: int = BATCH_ROWS) -> None:
        self._sink = sink
        self._batch_rows = batch_rows
        self._batch: list[BackupRow] = []
        self._run = 0
        self._depth = 0
        self._root: str | None = None
        self._counts = {"call": 0, "sms": 0, "mms": 0}
        self._mms: dict[str, str] | None = None
        self._mms_text: list[str] = []
        self._numbers: dict[str, str | None] = {}
        self._seq = 0
        self._carry = b""
        parser = expat.ParserCreate()
        parser.buffer_text = False
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        parser.ExternalEntityRefHandler = self._external
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
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
        if self._root is None:
            raise BackupFormatError("The file holds no XML elements.")
        self._flush()
        return BackupSummary(
            self._root, self._counts["call"], self._counts["sms"], self._counts["mms"]
        )

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

    def _flush(self) -> None:
        if self._batch:
            batch, self._batch = self._batch, []
            self._sink(batch)

    # --- refusals ----------------------------------------------------------------------

    def _doctype(self, *args: object) -> None:
        raise _Stop(
            HostileXmlError(
                "The backup declares a document type (DOCTYPE), which phone backups never do; "
                "it is refused because such declarations can expand entities or read other files."
            )
        )

    def _entity(self, *args: object) -> None:
        raise _Stop(HostileXmlError("The backup declares XML entities, which are refused."))

    def _external(self, *args: object) -> int:
        raise _Stop(HostileXmlError("The backup refers to an external entity, which is refused."))

    # --- elements ----------------------------------------------------------------------

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        depth = self._depth = self._depth + 1
        if depth == 2:  # the rows: checked first, they are nearly every element
            root = self._root
            if name == "call" and root == "calls":
                self._row("call", attrs, attrs.get("number", ""), CALL_DIRECTIONS, "type", None)
            elif name == "sms" and root == "smses":
                self._row("sms", attrs, attrs.get("address", ""), SMS_DIRECTIONS, "type", None)
            elif name == "mms" and root == "smses":
                self._mms = attrs
                self._mms_text = []
            return
        if depth > MAX_DEPTH:
            raise _Stop(HostileXmlError("The backup nests elements deeper than any phone backup."))
        if depth == 1:
            if name not in ("calls", "smses"):
                raise _Stop(
                    BackupFormatError(
                        f"The file is XML but not an SMS Backup & Restore backup (root <{name}>)."
                    )
                )
            self._root = name
            return
        if self._mms is not None and name == "part" and attrs.get("ct") == "text/plain":
            text = attrs.get("text")
            if text and text != "null":
                self._mms_text.append(text)

    def _end(self, name: str) -> None:
        depth = self._depth = self._depth - 1
        if depth == 1 and self._mms is not None and name == "mms":
            attrs, self._mms = self._mms, None
            body = "\n".join(self._mms_text) or None
            self._row("mms", attrs, attrs.get("address", ""), MMS_DIRECTIONS, "msg_box", body)

    def _number(self, address: str) -> str | None:
        if len(self._numbers) > MAX_CACHED_NUMBERS:
            self._numbers.clear()
        number = self._numbers[address] = try_normalize(address) if address else None
        return number

    def _row(
        self,
        kind: str,
        attrs: dict[str, str],
        address: str,
        directions: dict[int, str],
        type_field: str,
        mms_body: str | None,
    ) -> None:
        # The hot path of a 100,000-row backup: no helper calls for the common case.
        self._seq = seq = self._seq + 1
        try:
            at_ms = int(attrs["date"])
            type_code = int(attrs[type_field])
            duration = int(attrs.get("duration", "0")) if kind == "call" else None
        except (KeyError, ValueError):
            raise _Stop(_bad_row(seq, attrs, type_field)) from None
        if not _MIN_MS <= at_ms < _MAX_MS:
            raise _Stop(BackupFormatError(f"Row {seq} of the backup has a date out of range."))
        if duration is not None and duration < 0:
            raise _Stop(BackupFormatError(f"Row {seq} of the backup has a negative duration."))
        if kind == "mms":
            body = mms_body
        else:
            body = attrs.get("body")
            if body in _NO_TEXT:
                body = None
        name = attrs.get("contact_name")
        if name in _NO_TEXT:
            name = None
        # An MMS to several people lists them joined by '~'; the first is the sender.
        first = address.split("~", 1)[0] if "~" in address else address
        number = self._numbers.get(first, _UNSEEN)
        if number is _UNSEEN:
            number = self._number(first)
        self._counts[kind] += 1
        batch = self._batch
        batch.append(
            _new_row(
                BackupRow,
                (
                    seq,
                    kind,
                    directions.get(type_code, "other"),
                    type_code,
                    number,
                    address,
                    name,
                    at_ms,
                    duration,
                    body,
                ),
            )
        )
        if len(batch) >= self._batch_rows:
            self._flush()


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
_NO_TEXT = frozenset({None, "null", "(Unknown)", ""})
_UNSEEN = "\x00unseen"  # never a number: marks an address not yet in the cache
_new_row = tuple.__new__  # BackupRow(*fields) without the generated __new__'s call


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
]
