"""``evault check``: read every blob back, replay the custody log over the tables.

Three things are checked, and a fault in one never stops the others:

- every blob: read back in full and compared with the SHA-256 the import recorded, and
  with the SM3 recorded after it where there is one (one pass computes both). A
  blob that is missing, truncated, not a regular file (a folder, a FIFO, a symlink) or
  unreadable is one problem naming its item; the other items are still checked.
- the custody log: the hash chain (:func:`vault.ledger.verify_chain`), then one
  ordered pass that replays every event's payload into the state it proves (an item's
  import fields, its later edits, withdrawal and purge; notes, lenders, complaints,
  backup row counts, transcripts, checkpoints and timestamps; an SM3 counts only with its
  ``sm3_computed`` event, made for the item's SHA-256). Every stored row is compared with
  that state field by field: a field edited in ``vault.db`` is a problem naming the
  row and the field, a row the log names that is gone is a problem, never an orphan.
- checkpoints: each signature (the vault's key), the chain of consistency proofs
  between them, the newest root recomputed over the items, and each RFC 3161 token.

``repair`` deletes nothing: it moves true orphans (blobs no row and no custody event
names) and temp files of interrupted writes into ``quarantine/`` and says what moved.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from vault import custody, merkle, sshsig
from vault.age import AgeReader, Identity
from vault.custody import ledger
from vault.dto import CheckProblem, CheckReport
from vault.errors import AgeError
from vault.handle import OpenVault
from vault.hashing import SHA256, SM3
from vault.ingest.sm3 import blob_digests
from vault.safekeeping.layout import pending_ids
from vault.store import BlobStore
from vault.times import format_utc
from vault.trusted_time.checkpoints import CheckpointError, leaf_hashes
from vault.trusted_time.statement import NAMESPACE

logger = logging.getLogger(__name__)


# Fields every import path leaves at these values (the payload does not repeat them).
_IMPORT_DEFAULTS: dict[str, object] = {
    "categories": [],
    "purpose": None,
    "incident_at": None,
    "withdrawn_at": None,
    "purged_at": None,
}
_LENDER_FIELDS = ("app", "company", "loan_ref", "agencies", "notes")
_ITEM_TIMES = {"captured_at", "incident_at", "imported_at", "withdrawn_at", "purged_at"}
_ITEM_COLUMNS = [
    "id",
    "lender_id",
    "kind",
    "media_type",
    "original_name",
    "size",
    "sha256",
    "sm3",
    "imported_at",
    "captured_at",
    "captured_offset_min",
    "time_source",
    "incident_at",
    "counterpart",
    "contact_name",
    "source_app",
    "device",
    "categories",
    "title",
    "purpose",
    "withdrawn_at",
    "purged_at",
]


@dataclass
class _Replayed:
    """What the custody log proves about the tables, built in one pass over the events."""

    events: int = 0
    items: dict[str, dict[str, object]] = field(default_factory=dict)
    named_items: set[str] = field(default_factory=set)
    backup_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: dict[int, dict[str, object]] = field(default_factory=dict)
    transcripts: dict[int, dict[str, object]] = field(default_factory=dict)
    lenders: dict[int, dict[str, Any]] = field(default_factory=dict)
    complaints: dict[int, dict[str, Any]] = field(default_factory=dict)
    checkpoints: dict[int, dict[str, object]] = field(default_factory=dict)
    tokens: dict[str, dict[str, object]] = field(default_factory=dict)
    vault: dict[str, object] = field(default_factory=dict)
    problems: list[CheckProblem] = field(default_factory=list)


def check_vault(
    vault: OpenVault, *, repair: bool = False, progress: Callable[[int, int], None] | None = None
) -> CheckReport:
    problems: list[CheckProblem] = []
    identities: list[Identity] = [vault.keys.identity]
    with vault.sessions() as session:
        chain = ledger.verify_chain(session)
        replayed = _replay(session)
        rows = _raw_rows(session, "items", _ITEM_COLUMNS)
        problems += _compare_items(rows, replayed, vault.store)
        problems += _compare_others(session, replayed)
        problems += _compare_vault(vault, replayed)
        problems += _check_checkpoints(vault, session, replayed)
    problems += replayed.problems
    live = [r for r in rows if r["purged_at"] is None]
    for done, row in enumerate(live):
        if progress is not None:
            progress(done, len(live))
        problem = _check_blob(vault, identities, row)
        if problem is not None:
            problems.append(problem)
    problems += [
        CheckProblem(kind=f"custody_{p.kind}", message=p.message, seq=p.seq) for p in chain
    ]
    # A backup folder also knows the blobs an unfinished backup published before its
    # database (vault.safekeeping): they wait for that database, they are not orphans.
    known = {str(r["id"]) for r in rows} | replayed.named_items | pending_ids(vault.info.path)
    repaired: list[str] = []
    quarantined: list[str] = []
    strays = [
        (
            vault.store.path_for(blob_id),
            "orphan_blob",
            f"Blob {blob_id} belongs to no item (left by an interrupted import).",
        )
        for blob_id in vault.store.iter_ids()
        if blob_id not in known
    ] + [
        (temp, "temp_file", f"{temp.name} is an unfinished write left by an interrupted import.")
        for temp in vault.store.iter_temp_files()
    ]
    for path, kind, message in strays:
        if repair:
            repaired.append(str(path))
            quarantined.append(str(vault.store.move_to_quarantine(path)))
        else:
            problems.append(CheckProblem(kind=kind, message=message))
    return CheckReport(
        len(live), replayed.events, tuple(problems), tuple(repaired), tuple(quarantined)
    )


# --- blobs ------------------------------------------------------------------------------


def _check_blob(
    vault: OpenVault, identities: list[Identity], row: dict[str, Any]
) -> CheckProblem | None:
    item_id, sm3 = str(row["id"]), row["sm3"]
    path = vault.store.path_for(item_id)
    fault = _not_a_plain_file(path)
    if fault is not None:
        kind = "missing_blob" if fault == "missing" else "unreadable_blob"
        text = (
            f"The file of item {item_id} is missing."
            if fault == "missing"
            else f"The file of item {item_id} cannot be read: {fault}."
        )
        return CheckProblem(kind, text, item_id)
    algorithms = (SHA256, SM3) if sm3 is not None else (SHA256,)
    try:
        with AgeReader(path, identities) as reader:
            digests, length = blob_digests(reader, algorithms)
    except AgeError as error:
        return CheckProblem("unreadable_blob", f"Item {item_id}: {error}", item_id)
    except OSError as error:
        return CheckProblem(
            "unreadable_blob",
            f"The file of item {item_id} cannot be read: {error.strerror or error}.",
            item_id,
        )
    if digests[SHA256] != row["sha256"] or length != row["size"]:
        return CheckProblem(
            "hash_mismatch",
            f"Item {item_id} no longer matches the hash recorded at import.",
            item_id,
        )
    if sm3 is not None and digests[SM3] != sm3:
        return CheckProblem(
            "sm3_mismatch",
            f"Item {item_id}: its recorded SM3 is not the SM3 of its file.",
            item_id,
        )
    return None


def _not_a_plain_file(path: Path) -> str | None:
    """Why ``path`` is not a regular file that can be opened, or None. Never blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return "missing"
    except OSError as error:
        if path.is_symlink():
            return "it is a symbolic link, not the vault's own file"
        return str(error.strerror or error)
    try:
        mode = os.fstat(fd).st_mode
    finally:
        os.close(fd)
    if stat.S_ISDIR(mode):
        return "a folder is in its place"
    if not stat.S_ISREG(mode):
        return "it is not a regular file"
    return None


# --- replaying the custody log ---------------------------------------------------------


def _replay(session: Session) -> _Replayed:
    out = _Replayed()
    for seq, at, action, item_id, lender_id, payload_text, *_ in ledger.event_rows(session):
        out.events += 1
        try:
            payload = json.loads(payload_text)
        except (TypeError, ValueError, RecursionError):
            continue  # verify_chain reports the malformed row
        if not isinstance(payload, dict):
            continue
        if isinstance(item_id, str):
            out.named_items.add(item_id)
        try:
            _apply(out, seq, str(at), action, item_id, lender_id, payload)
        except (KeyError, TypeError, ValueError, AttributeError):
            out.problems.append(
                CheckProblem(
                    "custody_payload",
                    f"Custody event {seq} ({action}) does not have the payload it should.",
                    item_id if isinstance(item_id, str) else None,
                    seq,
                )
            )
    return out


def _apply(  # noqa: PLR0912, PLR0915 - one branch per action
    out: _Replayed,
    seq: int,
    at: str,
    action: str,
    item_id: str | None,
    lender_id: int | None,
    payload: dict[str, Any],
) -> None:
    if action == custody.Action.ITEM_IMPORTED and item_id is not None:
        state: dict[str, object] = dict(_IMPORT_DEFAULTS)
        for key, value in payload.items():
            state[key] = _utc_text(value) if key in _ITEM_TIMES and value else value
        state["lender_id"] = lender_id
        state["imported_at"] = at
        out.items[item_id] = state
        return
    state_or_none = out.items.get(item_id) if item_id is not None else None
    if action == custody.Action.METADATA_EDITED and state_or_none is not None:
        for name, change in payload["changes"].items():
            key = "lender_id" if name == "lender" else name
            old, new = change["from"], change["to"]
            if key in _ITEM_TIMES:
                old, new = _utc_text(old), _utc_text(new)
            if key in state_or_none and _norm(state_or_none[key]) != _norm(old):
                out.problems.append(
                    CheckProblem(
                        "item_altered",
                        f"Item {item_id}: its {name} was changed outside the vault before "
                        f"custody event {seq} (the log had {state_or_none[key]!r}, the edit "
                        f"found {old!r}).",
                        item_id,
                        seq,
                    )
                )
            state_or_none[key] = new
    elif action == custody.Action.ITEM_WITHDRAWN and state_or_none is not None:
        state_or_none["withdrawn_at"] = at
    elif action == custody.Action.ITEM_RESTORED and state_or_none is not None:
        state_or_none["withdrawn_at"] = None
    elif action == custody.Action.ITEM_PURGED and state_or_none is not None:
        state_or_none["purged_at"] = at
    elif action == custody.Action.SM3_COMPUTED and state_or_none is not None:
        earlier = state_or_none.get("sm3")
        if payload["sha256"] != state_or_none.get("sha256") or earlier not in {
            None,
            payload["sm3"],
        }:
            out.problems.append(
                CheckProblem(
                    "custody_payload",
                    f"Custody event {seq} records an SM3 of other bytes than item {item_id}.",
                    item_id,
                    seq,
                )
            )
        else:
            state_or_none["sm3"] = str(payload["sm3"])
    elif action == custody.Action.BACKUP_EVENTS_ADDED and item_id is not None:
        out.backup_counts[item_id] = {
            "call": int(payload["calls"]),
            "sms": int(payload["sms"]),
            "mms": int(payload["mms"]),
        }
    elif action == custody.Action.NOTE_ADDED:
        moment = datetime.fromisoformat(payload["occurred_at"])
        offset = moment.utcoffset()
        out.notes[int(payload["note_id"])] = {
            "lender_id": lender_id,
            "item_id": payload.get("about_item"),  # the item the note is about, if any
            "text": payload["text"],
            "occurred_at": format_utc(moment),
            "occurred_offset_min": None if offset is None else int(offset.total_seconds()) // 60,
            "created_at": at,
        }
    elif action == custody.Action.TRANSCRIPT_SAVED:
        out.transcripts[int(payload["transcript_id"])] = {
            "item_id": item_id,
            "version": int(payload["version"]),
            "origin": str(payload["origin"]),
            "duration_ms": payload["duration_ms"],
            "segments": _segments_text(payload["segments"]),
            "saved_at": at,
        }
    elif action == custody.Action.LENDER_ADDED and lender_id is not None:
        lender_state: dict[str, Any] = {
            key: payload[key] for key in _LENDER_FIELDS if key in payload
        }  # what a later version of the event may record as well
        lender_state.update(name=payload["name"], numbers=set(payload["numbers"]))
        out.lenders[lender_id] = lender_state
    elif action == custody.Action.LENDER_UPDATED and lender_id in out.lenders:
        lender = out.lenders[lender_id]
        if "renamed" in payload:
            lender["name"] = payload["renamed"]["to"]
        if "company" in payload:
            lender["company"] = payload["company"]["to"]
        lender["numbers"] |= set(payload.get("added_numbers", ()))
    elif action == custody.Action.COMPLAINT_ADDED:
        out.complaints[int(payload["complaint_id"])] = {
            "lender_id": lender_id,
            "channel": payload["channel"],
            "filed_on": payload["filed_on"],
            "reference": payload["reference"],
            "status": payload["status"],
            "next_follow_up": payload["next_follow_up"],
            "notes": payload["notes"],
            "created_at": at,
            "updated_at": at,
            "items": set(payload["items"]),
        }
    elif action == custody.Action.COMPLAINT_UPDATED:
        complaint = out.complaints.get(int(payload["complaint_id"]))
        if complaint is not None:
            for name, change in payload["changes"].items():
                if name == "items_added":
                    complaint["items"] |= set(change)
                elif name == "items_removed":
                    complaint["items"] -= set(change)
                else:
                    complaint[name] = change["to"]
            complaint["updated_at"] = at
    elif action == custody.Action.CHECKPOINT:
        out.checkpoints[int(payload["checkpoint"])] = {
            "tree_size": payload["tree_size"],
            "root": payload["root"],
            "statement_sha256": payload["statement_sha256"],
            "created_at": at,
        }
    elif action == custody.Action.TIMESTAMP_RECEIVED:
        out.tokens[str(payload["token_sha256"])] = {
            "checkpoint_id": payload["checkpoint"],
            "tsa_url": payload["tsa"],
            "tsa_name": payload["tsa_name"],
            "gen_time": _utc_text(payload["gen_time"]),
            "serial": payload["serial"],
        }
    elif action == custody.Action.VAULT_CREATED:
        out.vault = dict(payload)


def _segments_text(value: object) -> str:
    """A transcript's segments in one comparable form (canonical JSON text)."""
    return custody.canonical_json(value).decode("utf-8")  # type: ignore[arg-type]


def _utc_text(value: object) -> str | None:
    """A time from a payload (ISO text with an offset) in the stored UTC form."""
    if value is None:
        return None
    return format_utc(datetime.fromisoformat(str(value)))


def _norm(value: object) -> object:
    if isinstance(value, list | tuple | set):
        return sorted(str(v) for v in value)
    return value


# --- comparing the tables with the replayed state ------------------------------------------


def _raw_rows(session: Session, table: str, columns: list[str]) -> list[dict[str, Any]]:
    """Every row of ``table`` as stored (text times, JSON text), so a tampered value is a
    finding, not an exception."""
    result = session.connection().exec_driver_sql(f"SELECT {', '.join(columns)} FROM {table}")  # noqa: S608 - fixed names
    return [dict(zip(columns, row, strict=True)) for row in result]


def _stored(column: str, value: object) -> object:
    if column in {"categories", "agencies"} and isinstance(value, str):
        try:
            return _norm(json.loads(value))
        except ValueError:
            return value
    return _norm(value)


def _altered(kind: str, what: str, column: str, stored: object, proved: object) -> CheckProblem:
    return CheckProblem(
        kind,
        f"{what}: its {column} was changed in the database (custody log: {_short(proved)}, "
        f"database: {_short(stored)}).",
    )


def _short(value: object, limit: int = 80) -> str:
    """A value for a problem line: its repr, cut short (a note's text can be long)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compare_items(
    rows: list[dict[str, object]], replayed: _Replayed, store: BlobStore
) -> list[CheckProblem]:
    problems: list[CheckProblem] = []
    seen: set[str] = set()
    for row in rows:
        item_id = str(row["id"])
        seen.add(item_id)
        proved = replayed.items.get(item_id)
        if proved is None:
            problems.append(
                CheckProblem(
                    "item_not_in_custody",
                    f"Item {item_id} has no import event in the custody log: it was added "
                    "outside the vault.",
                    item_id,
                )
            )
            continue
        for column, value in proved.items():
            if column not in row:
                continue
            if _stored(column, row[column]) != _norm(value):
                problem = _altered("item_altered", f"Item {item_id}", column, row[column], value)
                problems.append(CheckProblem(problem.kind, problem.message, item_id))
    for item_id in sorted(set(replayed.items) - seen):
        problems.append(
            CheckProblem(
                "item_record_deleted",
                f"The record of item {item_id} was deleted; its file is still here."
                if store.path_for(item_id).exists()
                else f"The record of item {item_id} was deleted.",
                item_id,
            )
        )
    return problems


def _compare_others(session: Session, replayed: _Replayed) -> list[CheckProblem]:
    problems: list[CheckProblem] = []
    problems += _compare_table(
        "note",
        _raw_rows(
            session,
            "notes",
            [
                *("id", "lender_id", "item_id", "text"),
                *("occurred_at", "occurred_offset_min", "created_at"),
            ],
        ),
        replayed.notes,
    )
    transcripts = _raw_rows(
        session,
        "transcripts",
        ["id", "item_id", "version", "origin", "duration_ms", "segments", "saved_at"],
    )
    for row in transcripts:
        with contextlib.suppress(ValueError, TypeError):  # else compared as stored: altered
            row["segments"] = _segments_text(json.loads(str(row["segments"])))
    present = {int(str(row["id"])) for row in transcripts}
    problems += _compare_table(
        "transcript",
        transcripts,
        {
            key: proved
            for key, proved in replayed.transcripts.items()
            if key in present or not _purged(replayed, proved["item_id"])
        },
    )
    lenders = {
        int(str(r["id"])): dict(r, numbers=set())
        for r in _raw_rows(session, "lenders", ["id", "name", *_LENDER_FIELDS])
    }
    for number in _raw_rows(session, "lender_numbers", ["lender_id", "number"]):
        owner = lenders.get(int(str(number["lender_id"])))
        if owner is not None:
            owner["numbers"].add(number["number"])
    problems += _compare_table("lender", list(lenders.values()), replayed.lenders)
    complaints = {
        int(str(r["id"])): dict(r, items=set())
        for r in _raw_rows(
            session,
            "complaints",
            [
                "id",
                "lender_id",
                "channel",
                "filed_on",
                "reference",
                "status",
                "next_follow_up",
                "notes",
                "created_at",
                "updated_at",
            ],
        )
    }
    for link in _raw_rows(session, "complaint_items", ["complaint_id", "item_id"]):
        complaint = complaints.get(int(str(link["complaint_id"])))
        if complaint is not None:
            complaint["items"].add(link["item_id"])
    problems += _compare_table("complaint", list(complaints.values()), replayed.complaints)
    return problems + _compare_backup_counts(session, replayed)


def _purged(replayed: _Replayed, item_id: object) -> bool:
    """Whether the log purged ``item_id``: purging deletes its transcripts, so their rows
    are expected gone (a vault purged by an earlier version may still hold them, and
    they are still compared)."""
    state = replayed.items.get(str(item_id))
    return state is not None and state.get("purged_at") is not None


def _compare_backup_counts(session: Session, replayed: _Replayed) -> list[CheckProblem]:
    problems: list[CheckProblem] = []
    counts: dict[str, dict[str, int]] = {}
    for item_id, kind, number in session.connection().exec_driver_sql(
        "SELECT item_id, kind, count(*) FROM backup_events GROUP BY item_id, kind"
    ):
        counts.setdefault(str(item_id), {})[str(kind)] = int(number)
    for item_id in sorted(set(counts) | set(replayed.backup_counts)):
        proved = replayed.backup_counts.get(item_id)
        found = counts.get(item_id, {})
        if proved is None:
            problems.append(
                CheckProblem(
                    "backup_events_not_in_custody",
                    f"The phone-backup rows of item {item_id} are not in the custody log.",
                    item_id,
                )
            )
            continue
        for kind, expected in proved.items():
            if found.get(kind, 0) != expected:
                problems.append(
                    CheckProblem(
                        "backup_events_altered",
                        f"Item {item_id}: the custody log records {expected} {kind} rows from "
                        f"the backup but the database holds {found.get(kind, 0)}.",
                        item_id,
                    )
                )
    return problems


def _compare_table(
    noun: str, rows: list[dict[str, Any]], proved_rows: dict[int, dict[str, Any]]
) -> list[CheckProblem]:
    problems: list[CheckProblem] = []
    seen: set[int] = set()
    for row in rows:
        key = int(row["id"])
        seen.add(key)
        proved = proved_rows.get(key)
        if proved is None:
            problems.append(
                CheckProblem(
                    f"{noun}_not_in_custody",
                    f"{noun.capitalize()} {key} is not in the custody log: it was added "
                    "outside the vault.",
                )
            )
            continue
        for column, value in proved.items():
            if _stored(column, row.get(column)) != _norm(value):
                problems.append(
                    _altered(
                        f"{noun}_altered",
                        f"{noun.capitalize()} {key}",
                        column,
                        _norm(row.get(column)),
                        _norm(value),
                    )
                )
    for key in sorted(set(proved_rows) - seen):
        problems.append(
            CheckProblem(
                f"{noun}_record_deleted",
                f"The record of {noun} {key} was deleted from the database.",
            )
        )
    return problems


def _compare_vault(vault: OpenVault, replayed: _Replayed) -> list[CheckProblem]:
    if not replayed.vault:
        return []
    expected = {"vault_id": vault.info.vault_id, "recipient": vault.info.recipient}
    return [
        CheckProblem(
            "vault_altered",
            f"The vault's {name} differs from the one recorded when it was created.",
        )
        for name, value in expected.items()
        if replayed.vault.get(name) != value
    ]


# --- checkpoints ------------------------------------------------------------------------


def _check_checkpoints(  # noqa: PLR0912 - one check after the other
    vault: OpenVault, session: Session, replayed: _Replayed
) -> list[CheckProblem]:
    problems: list[CheckProblem] = []
    key = vault.keys.signing_key.public_key()
    rows = _raw_rows(
        session, "checkpoints", ["id", "created_at", "tree_size", "root", "statement", "signature"]
    )
    rows.sort(key=lambda r: int(str(r["id"])))
    statements: dict[int, bytes] = {}
    previous: dict[str, Any] | None = None
    for row in rows:
        number = int(str(row["id"]))
        statement = bytes(row["statement"]) if isinstance(row["statement"], bytes) else b""
        statements[number] = statement

        def fault(text: str, number: int = number) -> None:
            problems.append(CheckProblem("checkpoint_invalid", f"Checkpoint {number}: {text}"))

        proved = replayed.checkpoints.get(number)
        if proved is None:
            fault("it is not in the custody log.")
        else:
            found = {
                "tree_size": row["tree_size"],
                "root": row["root"],
                "statement_sha256": hashlib.sha256(statement).hexdigest(),
                "created_at": row["created_at"],
            }
            for name, value in proved.items():
                if found[name] != value:
                    fault(f"its {name} differs from the one in the custody log.")
        try:
            sshsig.verify(str(row["signature"]), statement, NAMESPACE, key)
        except sshsig.SignatureError:
            fault("its signature does not match the vault's key.")
        try:
            document = json.loads(statement)
            size, root = int(document["tree_size"]), str(document["root"])
        except (ValueError, KeyError, TypeError):
            fault("its signed statement cannot be read.")
            previous = None
            continue
        if size != row["tree_size"] or root != row["root"]:
            fault("its size or root differs from its signed statement.")
        if previous is not None:
            proof = [bytes.fromhex(p) for p in document.get("consistency_proof") or []]
            if not merkle.verify_consistency(
                previous["size"], size, bytes.fromhex(previous["root"]), bytes.fromhex(root), proof
            ):
                fault(f"it is not consistent with checkpoint {previous['number']}.")
        previous = {"number": number, "size": size, "root": root}
    if previous is not None:
        try:
            hashes = leaf_hashes(session, previous["size"])
        except CheckpointError as error:
            hashes = []
            problems.append(CheckProblem("checkpoint_invalid", str(error)))
        if len(hashes) != previous["size"] or merkle.root(hashes).hex() != previous["root"]:
            problems.append(
                CheckProblem(
                    "checkpoint_invalid",
                    f"The vault's items no longer match checkpoint {previous['number']}: an "
                    "item's hash, id or import time was changed, or an item was removed.",
                )
            )
    for number in sorted(set(replayed.checkpoints) - set(statements)):
        problems.append(
            CheckProblem(
                "checkpoint_record_deleted", f"The record of checkpoint {number} was deleted."
            )
        )
    return problems + _check_tokens(vault, session, replayed, statements)


def _check_tokens(
    vault: OpenVault, session: Session, replayed: _Replayed, statements: dict[int, bytes]
) -> list[CheckProblem]:
    from vault.rfc3161.errors import TsaError, TsaUntrustedError  # noqa: PLC0415
    from vault.rfc3161.protocol import check_reply  # noqa: PLC0415
    from vault.trusted_time import servers  # noqa: PLC0415 - the TSA stack only when there are tokens

    problems: list[CheckProblem] = []
    tokens = _raw_rows(
        session,
        "timestamp_tokens",
        ["id", "checkpoint_id", "tsa_url", "tsa_name", "gen_time", "serial", "response"],
    )
    if not tokens:
        return problems
    roots = servers.roots_for(servers.tsa_list(vault))
    for token in tokens:
        response = bytes(token["response"]) if isinstance(token["response"], bytes) else b""
        name = f"The timestamp {token['id']} of checkpoint {token['checkpoint_id']}"
        proved = replayed.tokens.get(hashlib.sha256(response).hexdigest())
        if proved is None:
            problems.append(
                CheckProblem("timestamp_invalid", f"{name} is not the one the custody log records.")
            )
        else:
            for column, value in proved.items():
                if token[column] != value:
                    problems.append(
                        CheckProblem(
                            "timestamp_invalid",
                            f"{name}: its {column} differs from the custody log.",
                        )
                    )
        statement = statements.get(int(str(token["checkpoint_id"])), b"")
        try:
            check_reply(response, statement, roots, nonce=None, source=name)
        except TsaUntrustedError as error:
            problems.append(CheckProblem("timestamp_untrusted", str(error)))
        except TsaError as error:
            problems.append(CheckProblem("timestamp_invalid", str(error)))
    return problems
