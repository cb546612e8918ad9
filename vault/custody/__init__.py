"""The custody log's format: an append-only, hash-chained record of everything done.

Every action (an import, a metadata edit, a withdrawal, an export …) appends one event
in the same database transaction as the change it records. Each event's hash covers the
previous event's hash, so editing, deleting or reordering stored events breaks the chain,
and :func:`vault.custody.ledger.verify_chain` says at which event. The single ``custody_head`` row, updated
with each append, records the newest event, so deleting the newest events is caught too.

Event hash (format version 1) — a verifier outside the app recomputes exactly this:

    hash = lowercase hex of SHA-256( canonical_json({
        "seq":       <integer, 1 for the first event, then +1 per event>,
        "at":        <UTC time as "YYYY-MM-DDTHH:MM:SS.ffffffZ": 4-digit year, always
                      6 fractional digits, the letter Z>,
        "action":    <string, e.g. "item_imported">,
        "item_id":   <string or null>,
        "lender_id": <integer or null>,
        "payload":   <JSON object>,
        "prev":      <hash of the event with seq - 1; for seq 1, 64 "0" characters>,
    }) )

``canonical_json`` is the JSON text of the value, encoded as UTF-8, with:

- object keys sorted by Unicode code point, and no whitespace anywhere (separators
  ``,`` and ``:``);
- strings written as their own characters, escaping only ``"`` as ``\\"``, ``\\`` as
  ``\\\\``, and the control characters U+0000 to U+001F as ``\\b \\f \\n \\r \\t``
  or ``\\u00xx`` (lowercase hex); everything else, U+007F and U+2028 included, as is;
- integers in plain decimal; ``null``, ``true``, ``false``.

In Python: ``json.dumps(value, sort_keys=True, separators=(",", ":"),
ensure_ascii=False).encode("utf-8")``. Payloads hold only null, true/false, integers
within ±(2^53 - 1), strings, arrays and objects with string keys: no floating-point
numbers, whose text form differs between languages, and no integers a JavaScript
verifier would round.

This module is the format alone (events, their hash, checking a sequence of them), with
no database, so a bundle's verifier reads it too; :mod:`vault.custody.ledger` stores and
reads the events in the vault's database.

What the chain proves: no stored event was changed, removed or reordered after the
fact, unless someone holding the database key rewrote every later event and the head
as well. Signed, RFC 3161 time-stamped checkpoints (vault.trusted_time) close that gap.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeAlias, TypeGuard

from vault.errors import UsageError, VaultError
from vault.times import format_utc, parse_utc

logger = logging.getLogger(__name__)

JSONValue: TypeAlias = bool | int | str | list["JSONValue"] | dict[str, "JSONValue"] | None

GENESIS_HASH = "0" * 64
MAX_SAFE_INTEGER = 2**53 - 1
MAX_PAYLOAD_DEPTH = 32

# --- the action vocabulary --------------------------------------------------------------


class Action(StrEnum):
    """Every action a custody event can record (the log's whole vocabulary)."""

    VAULT_CREATED = "vault_created"
    ITEM_IMPORTED = "item_imported"
    METADATA_EDITED = "metadata_edited"
    NOTE_ADDED = "note_added"
    LENDER_ADDED = "lender_added"
    LENDER_UPDATED = "lender_updated"
    ITEM_WITHDRAWN = "item_withdrawn"
    ITEM_RESTORED = "item_restored"
    ITEM_PURGED = "item_purged"
    EXPORTED = "exported"
    CHECKPOINT = "checkpoint"
    TIMESTAMP_RECEIVED = "timestamp_received"
    COMPLAINT_ADDED = "complaint_added"
    COMPLAINT_UPDATED = "complaint_updated"
    COMPLAINT_PACK = "complaint_pack"  # copies of evidence written for a complaint channel
    PASSPHRASE_CHANGED = "passphrase_changed"  # noqa: S105 - an action name, not a secret
    BACKUP_EVENTS_ADDED = "backup_events_added"
    SM3_COMPUTED = "sm3_computed"  # derived after the import, from the stored blob
    VAULT_BACKED_UP = "vault_backed_up"  # a copy made by evault backup (vault.safekeeping)
    TRANSCRIPT_SAVED = "transcript_saved"  # a version of a recording's transcript


ACTIONS = frozenset(Action)

_HEX64 = re.compile(r"[0-9a-f]{64}")


# --- errors -----------------------------------------------------------------------------


class UnknownActionError(UsageError):
    code = "custody_unknown_action"


class CustodyPayloadError(UsageError):
    code = "custody_payload"


class CustodyFormatError(VaultError):
    """A custody event (from the database or a bundle) is not well formed."""

    code = "custody_format"
    exit_code = 1


class CustodyChainError(VaultError):
    """The log cannot be extended because its head disagrees with its events."""

    code = "custody_chain"
    exit_code = 1


# --- events -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CustodyEventDTO:
    """One custody event, free of the database (also what a bundle carries)."""

    seq: int
    at: datetime
    action: str
    item_id: str | None
    lender_id: int | None
    payload: dict[str, JSONValue] = field(hash=False)
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, JSONValue]:
        """This event as a JSON object (for manifest.json); the inverse of :meth:`from_json`."""
        return {
            "seq": self.seq,
            "at": format_utc(self.at),
            "action": self.action,
            "item_id": self.item_id,
            "lender_id": self.lender_id,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    @classmethod
    def from_json(cls, data: object) -> CustodyEventDTO:
        """Read an event from parsed JSON, treating it as hostile: every field is checked.

        Only the form is checked here; whether the hash is right is for :func:`verify_events`.
        """
        if not isinstance(data, dict):
            raise CustodyFormatError("A custody event is not a JSON object.")
        expected = {"seq", "at", "action", "item_id", "lender_id", "payload", "prev_hash", "hash"}
        if set(data) != expected:
            raise CustodyFormatError("A custody event does not have exactly the expected fields.")
        return checked_event(
            seq=data["seq"],
            at=data["at"],
            action=data["action"],
            item_id=data["item_id"],
            lender_id=data["lender_id"],
            payload=data["payload"],
            prev_hash=data["prev_hash"],
            hash_=data["hash"],
        )


def checked_event(
    *,
    seq: object,
    at: object,
    action: object,
    item_id: object,
    lender_id: object,
    payload: object,
    prev_hash: object,
    hash_: object,
) -> CustodyEventDTO:
    if not _is_int(seq) or seq < 1:
        raise CustodyFormatError("A custody event's sequence number is not a positive integer.")
    if not isinstance(at, str):
        raise CustodyFormatError(f"Custody event {seq} has no time in text form.")
    try:
        when = parse_utc(at)
    except VaultError:
        raise CustodyFormatError(f"Custody event {seq} has a malformed time.") from None
    if not isinstance(action, str) or not action or not _encodable(action):
        raise CustodyFormatError(f"Custody event {seq} has no action.")
    if item_id is not None and not (isinstance(item_id, str) and _encodable(item_id)):
        raise CustodyFormatError(f"Custody event {seq} has an item id that is not text.")
    lender: int | None = None
    if _is_int(lender_id):
        lender = lender_id
    elif lender_id is not None:
        raise CustodyFormatError(f"Custody event {seq} has a lender id that is not an integer.")
    if not isinstance(payload, dict):
        raise CustodyFormatError(f"Custody event {seq} has a payload that is not an object.")
    try:
        clean = clean_payload(payload, 0)
    except CustodyPayloadError:
        raise CustodyFormatError(f"Custody event {seq} has a payload it cannot hold.") from None
    prev = _hex64(prev_hash, seq, "previous hash")
    own = _hex64(hash_, seq, "hash")
    return CustodyEventDTO(seq, when, action, item_id, lender, clean, prev, own)


def _hex64(value: object, seq: int, name: str) -> str:
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        raise CustodyFormatError(f"Custody event {seq} has a {name} that is not 64 hex digits.")
    return value


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def clean_payload(value: Mapping[Any, object], depth: int) -> dict[str, JSONValue]:
    out: dict[str, JSONValue] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise CustodyPayloadError("Custody payload keys must be text.")
        out[_text(key)] = _clean(item, depth + 1)
    return out


def _clean(value: object, depth: int) -> JSONValue:
    """A plain-JSON copy of ``value`` (tuples become lists), or CustodyPayloadError."""
    if depth > MAX_PAYLOAD_DEPTH:
        raise CustodyPayloadError("A custody payload is nested too deeply.")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise CustodyPayloadError(
                "Custody payload numbers must lie within ±(2^53 - 1) to read the same everywhere."
            )
        return int(value)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, float):
        raise CustodyPayloadError(
            "Custody payloads cannot hold fractional numbers; use whole units."
        )
    if isinstance(value, Mapping):
        return clean_payload(value, depth)
    if isinstance(value, list | tuple):
        return [_clean(item, depth + 1) for item in value]
    raise CustodyPayloadError(f"A custody payload cannot hold a {type(value).__name__}.")


def _text(value: str) -> str:
    if not _encodable(value):
        raise CustodyPayloadError("Custody payload text must be valid Unicode.")
    return str(value)


def _encodable(value: str) -> bool:
    """False for text with lone surrogates, which have no UTF-8 form."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def canonical_json(value: JSONValue) -> bytes:
    """The canonical UTF-8 encoding the event hash is computed over (module docstring)."""
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def event_hash(event: CustodyEventDTO) -> str:
    """Recompute ``event``'s hash from its contents and ``prev_hash``, ignoring its ``hash``."""
    return fields_hash(
        seq=event.seq,
        at=event.at,
        action=event.action,
        item_id=event.item_id,
        lender_id=event.lender_id,
        payload=event.payload,
        prev=event.prev_hash,
    )


def fields_hash(
    *,
    seq: int,
    at: datetime,
    action: str,
    item_id: str | None,
    lender_id: int | None,
    payload: dict[str, JSONValue],
    prev: str,
) -> str:
    document: dict[str, JSONValue] = {
        "seq": seq,
        "at": format_utc(at),
        "action": action,
        "item_id": item_id,
        "lender_id": lender_id,
        "payload": payload,
        "prev": prev,
    }
    return hashlib.sha256(canonical_json(document)).hexdigest()


# --- appending --------------------------------------------------------------------------


class ProblemKind(StrEnum):
    MALFORMED = "malformed"  # a stored field cannot be read
    HASH_MISMATCH = "hash_mismatch"  # the event's contents were edited
    MISSING_EVENTS = "missing_events"  # a gap in the sequence: events were deleted
    OUT_OF_ORDER = "out_of_order"  # a sequence number repeats or goes backwards
    PREV_MISMATCH = "prev_mismatch"  # the event does not link to the one before it
    HEAD_MISMATCH = "head_mismatch"  # the log does not end where the head says


@dataclass(frozen=True)
class ChainProblem:
    """One thing wrong with the log: where (``seq``; ``None`` for the log as a whole) and what."""

    seq: int | None
    kind: ProblemKind
    message: str


def verify_events(
    events: Iterable[CustodyEventDTO], expected_head: str | None, *, complete: bool = True
) -> list[ChainProblem]:
    """Check a sequence of events in order and return every problem found (empty if sound).

    ``expected_head`` is the hash the last event must have (the recorded head), or
    ``None`` to skip that check. With ``complete=False`` the events may be a selection
    of the log (as in a bundle for one lender): gaps are allowed and links are checked
    only between events with consecutive sequence numbers.
    """
    walker = ChainWalker(complete=complete)
    for event in events:
        walker.visit(event)
    walker.finish(expected_head=expected_head, expected_seq=None)
    return walker.problems


class ChainWalker:
    """The checks shared by :func:`verify_events` and :func:`verify_chain`."""

    def __init__(self, *, complete: bool) -> None:
        self.complete = complete
        self.problems: list[ChainProblem] = []
        self.last_seq = 0
        self.last_hash: str | None = GENESIS_HASH
        self.count = 0

    def _report(self, seq: int | None, kind: ProblemKind, message: str) -> None:
        self.problems.append(ChainProblem(seq, kind, message))

    def malformed(self, seq: int) -> None:
        self._report(seq, ProblemKind.MALFORMED, f"Custody event {seq} cannot be read.")
        self.count += 1
        self.last_seq = max(self.last_seq, seq)
        self.last_hash = None  # its stored hash is unknown; do not blame the next link

    def visit(self, event: CustodyEventDTO) -> None:
        seq = event.seq
        self.count += 1
        if seq <= self.last_seq:
            self._report(
                seq,
                ProblemKind.OUT_OF_ORDER,
                f"Custody event {seq} comes after event {self.last_seq}: the log is out of order.",
            )
            return
        linked = seq == self.last_seq + 1
        if not linked and self.complete:
            first, last = self.last_seq + 1, seq - 1
            missing = f"event {first} is" if first == last else f"events {first} to {last} are"
            self._report(
                seq, ProblemKind.MISSING_EVENTS, f"Custody {missing} missing: they were deleted."
            )
        if event_hash(event) != event.hash:
            self._report(
                seq,
                ProblemKind.HASH_MISMATCH,
                f"Custody event {seq} was altered: its hash does not match its contents.",
            )
        if linked and self.last_hash is not None and event.prev_hash != self.last_hash:
            before = "the start of the log" if seq == 1 else f"event {seq - 1}"
            self._report(
                seq,
                ProblemKind.PREV_MISMATCH,
                f"Custody event {seq} does not link to {before}.",
            )
        self.last_seq = seq
        self.last_hash = event.hash

    def finish(
        self, *, expected_head: str | None, expected_seq: int | None, head_missing: bool = False
    ) -> None:
        last = self.last_seq or None
        if head_missing:
            if self.count:
                self._report(
                    None, ProblemKind.HEAD_MISMATCH, "The custody log's head record is missing."
                )
        elif expected_seq is not None and expected_seq != self.last_seq:
            self._report(
                last,
                ProblemKind.HEAD_MISMATCH,
                f"The custody log ends at event {self.last_seq} but its head records event "
                f"{expected_seq}: the newest events were deleted or the head was altered.",
            )
        elif expected_head is None:
            return
        elif self.count == 0:
            self._report(
                None,
                ProblemKind.HEAD_MISMATCH,
                "The custody log is empty but its head records events.",
            )
        elif self.last_hash is not None and self.last_hash != expected_head:
            self._report(
                last,
                ProblemKind.HEAD_MISMATCH,
                f"The custody log ends at event {self.last_seq} but its head records a "
                "different event: the newest events were deleted or altered.",
            )


__all__ = [
    "ACTIONS",
    "GENESIS_HASH",
    "Action",
    "ChainProblem",
    "ChainWalker",
    "CustodyChainError",
    "CustodyEventDTO",
    "CustodyFormatError",
    "CustodyPayloadError",
    "JSONValue",
    "ProblemKind",
    "UnknownActionError",
    "canonical_json",
    "event_hash",
    "verify_events",
]
