"""``manifest.json``: the machine-readable description of a bundle (docs/bundle-format.md).

Building is plain: DTOs in, a JSON object out. Reading treats the file as hostile and
streams it (:mod:`vault.bundle.jsonstream`): the caller bounds its size
(:data:`MAX_MANIFEST_BYTES`) before reading, and :func:`read_manifest` hands each item,
shape-checked, to a visitor and then drops it, so memory does not grow with the file.
What it checks:

- the whole text is UTF-8 JSON (each way it is not has its own sentence);
- ``format``, ``schema_version`` and ``vault`` come before ``items`` (the writer puts
  them first), so a manifest of another format or version is refused before its items
  are read, and the visitor knows the vault before the first item;
- at most ``max_items`` items (a bundle cannot hold more files), each at most
  :data:`MAX_ITEM_CHARS` long, and no other single value longer than that;
- every field of an item the verifier relies on, and each custody event's form.

Sizes measured on a bundle of 50,000 small items written by this code (each with its
import event and an inclusion proof to a tree of 50,000 leaves): ``manifest.json`` is
178.8 MB, 3.6 KB per item. An item whose custody record holds a dozen edits stays
under 20 KB.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from vault.bundle.jsonstream import JsonStream, JsonStreamError, ValueTooLargeError
from vault.custody import CustodyEventDTO, CustodyFormatError, JSONValue
from vault.dto import ItemDTO, Jsonable, LenderDTO
from vault.errors import VaultError
from vault.times import format_utc

FORMAT = "evidence-vault-bundle"
SCHEMA_VERSION = 3
# 1: before trusted time (proofs always null, no time_note); 2: before notes (no item
# of kind "note"). A version-2 verifier would take a note for a broken import record.
READABLE_VERSIONS = (1, 2, 3)
NO_TIME_NOTE = "No stamped checkpoint covers this item yet: no trusted time is proven for it."
# 50,000 items at 3.6 KB each are 179 MB; the limit
# leaves room for items with several edits, and reading stays bounded in memory anyway.
MAX_MANIFEST_BYTES = 320 << 20
MAX_ITEM_CHARS = 1 << 20  # one item (or any other single value) of manifest.json
MAX_ITEMS = 60_000  # as many as a bundle's archive may hold files (ZipLimits)
MAX_ID_CHARS = 64  # item ids are UUIDs (36); paths are a lender folder and a file name
MAX_PATH_CHARS = 1024


class ManifestError(VaultError):
    """manifest.json is missing, not JSON, or not in the documented shape."""

    code = "bundle_manifest"
    exit_code = 1


@dataclass(frozen=True)
class ItemTimeProof(Jsonable):
    """An item's inclusion proof, as manifest.json carries it (hashes in lowercase hex)."""

    checkpoint: int
    statement: str  # path of the statement in the bundle
    leaf_index: int
    tree_size: int
    leaf_hash: str
    proof: tuple[str, ...]


@dataclass(frozen=True)
class ExportedItem:
    """One item as it goes into a bundle: the vault's record plus where it lies."""

    number: int
    path: str
    item: ItemDTO
    events: tuple[CustodyEventDTO, ...]
    data: bytes | None = None  # the file's bytes when made at export (a note), not a blob


def _time(value: datetime | None) -> str | None:
    return None if value is None else format_utc(value)


def item_entry(entry: ExportedItem, proof: ItemTimeProof | None = None) -> dict[str, JSONValue]:
    item = entry.item
    return {
        "number": entry.number,
        "id": item.id,
        "path": entry.path,
        "lender": item.lender,
        "sha256": item.sha256,
        "sm3": item.sm3,
        "size": item.size,
        "kind": item.kind,
        "media_type": item.media_type,
        "original_name": item.original_name,
        "imported_at": _time(item.imported_at),
        "captured_at": _time(item.captured_at),
        "captured_offset_min": item.captured_offset_min,
        "time_source": item.time_source,
        # the times the file offered beside captured_at, kept apart, whichever was taken
        "name_time": _time(item.name_time),
        "name_offset_min": item.name_offset_min,
        "file_modified_at": _time(item.file_modified_at),
        "call_direction": item.call_direction,
        "incident_at": _time(item.incident_at),
        "counterpart": item.counterpart,
        "contact_name": item.contact_name,
        "source_app": item.source_app,
        "categories": list(item.categories),
        "title": item.title,
        "purpose": item.purpose,
        "custody": [event.to_json() for event in entry.events],
        # Trusted time: the earliest stamped checkpoint whose Merkle root covers this
        # item and the inclusion proof to it; null, with the reason, when none does yet.
        "checkpoint": proof.checkpoint if proof else None,
        "inclusion_proof": proof.to_json() if proof else None,
        "time_note": None if proof else NO_TIME_NOTE,
    }


def lender_entry(lender: LenderDTO) -> dict[str, JSONValue]:
    return {
        "id": lender.id,
        "name": lender.name,
        "app": lender.app,
        "company": lender.company,
        "loan_ref": lender.loan_ref,
        "numbers": list(lender.numbers),
    }


def build_manifest(
    *,
    bundle_id: str,
    created_at: datetime,
    generator: str,
    vault_id: str,
    ssh_public_key: str,
    fingerprint: str,
    time_zone: str,
    language: str,
    selection: dict[str, JSONValue],
    lenders: Sequence[LenderDTO],
    items: Sequence[ExportedItem],
    report_files: Sequence[str],
    proofs: Mapping[str, ItemTimeProof] | None = None,
    checkpoints: Sequence[dict[str, JSONValue]] = (),
) -> dict[str, JSONValue]:
    proofs = proofs or {}
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "bundle_id": bundle_id,
        "created_at": format_utc(created_at),
        "generator": generator,
        "language": language,
        "vault": {
            "vault_id": vault_id,
            "ssh_public_key": ssh_public_key,
            "fingerprint": fingerprint,
            "time_zone": time_zone,
        },
        "selection": selection,
        "custody_hash": "sha256-canonical-json-v1",
        "lenders": [lender_entry(lender) for lender in lenders],
        "items": [item_entry(entry, proofs.get(entry.item.id)) for entry in items],
        "report": list(report_files),
        "checkpoints": list(checkpoints),
    }


def encode(manifest: dict[str, JSONValue]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ManifestItem:
    """One item as read, handed to the visitor and then dropped (never all at once)."""

    number: int
    item_id: str
    path: str
    sha256: str
    size: int
    events: tuple[CustodyEventDTO, ...]
    kind: str | None = None
    imported_at: str | None = None
    checkpoint: Any = None  # as written; checked by the verifier's time step
    inclusion_proof: Any = None


@dataclass(frozen=True)
class ManifestHead:
    """What precedes the items: known to the visitor before the first item."""

    vault_id: str
    ssh_public_key: str


@dataclass(frozen=True)
class Manifest:
    bundle_id: str
    created_at: str
    vault_id: str
    ssh_public_key: str
    item_count: int


class ItemVisitor(Protocol):
    """Receives the manifest's items one at a time, after the head."""

    def begin(self, head: ManifestHead) -> None: ...

    def item(self, item: ManifestItem) -> None: ...


def _field(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ManifestError(f"manifest.json: {where} has no valid {key!r}.")
    return value


_HEAD_KEYS = frozenset({"format", "schema_version", "bundle_id", "created_at"})


def read_manifest(
    data: bytes | Iterable[bytes],
    visitor: ItemVisitor | None = None,
    *,
    max_items: int = MAX_ITEMS,
) -> Manifest:
    """Stream and shape-check manifest.json; any deviation is a ManifestError naming it.

    ``data`` is the whole file or its chunks in order. Each item goes to ``visitor``
    as soon as it is read; what the visitor learnt is void if this raises.
    """
    stream = JsonStream([data] if isinstance(data, bytes) else data)
    try:
        return _read(stream, visitor, max_items)
    except ValueTooLargeError as error:
        raise ManifestError(f"manifest.json {error}") from None
    except JsonStreamError as error:
        raise ManifestError(f"manifest.json {error}") from None


def _read(stream: JsonStream, visitor: ItemVisitor | None, max_items: int) -> Manifest:
    if stream.peek() != "{":
        with contextlib.suppress(ValueTooLargeError):
            stream.value(MAX_ITEM_CHARS, "a value")  # the precise fault, when there is one
        raise ManifestError("manifest.json is not a JSON object.")
    top: dict[str, Any] = {}
    count: int | None = None
    for key in stream.members():
        if key in _HEAD_KEYS or key == "vault":
            top[key] = stream.value(MAX_ITEM_CHARS, f"a {key!r}")
        elif key == "items":
            head = _check_head(top, before_items=True)
            if visitor is not None:
                visitor.begin(head)
            count = _read_items(stream, visitor, max_items)
        else:
            stream.skip(MAX_ITEM_CHARS, f"a part of {key!r}")
    stream.end()
    head = _check_head(top, before_items=False)
    if count is None:
        raise ManifestError("manifest.json: the bundle has no valid 'items'.")
    return Manifest(
        bundle_id=_field(top, "bundle_id", str, "the bundle"),
        created_at=_field(top, "created_at", str, "the bundle"),
        vault_id=head.vault_id,
        ssh_public_key=head.ssh_public_key,
        item_count=count,
    )


def _check_head(top: dict[str, Any], *, before_items: bool) -> ManifestHead:
    if top.get("format") != FORMAT:
        if before_items and "format" not in top:
            raise ManifestError(
                "manifest.json gives its items before its format; a bundle's manifest "
                "gives format, schema version and vault first."
            )
        raise ManifestError("manifest.json does not describe an Evidence Vault bundle.")
    version = top.get("schema_version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        readable = " and ".join(str(v) for v in READABLE_VERSIONS)
        raise ManifestError(
            f"manifest.json has schema version {version!r}; this version reads {readable}."
        )
    if before_items and "vault" not in top:
        raise ManifestError(
            "manifest.json gives its items before its vault; a bundle's manifest "
            "gives format, schema version and vault first."
        )
    vault = _field(top, "vault", dict, "the bundle")
    return ManifestHead(
        vault_id=_field(vault, "vault_id", str, "the vault"),
        ssh_public_key=_field(vault, "ssh_public_key", str, "the vault"),
    )


def _read_items(stream: JsonStream, visitor: ItemVisitor | None, max_items: int) -> int:
    if stream.peek() != "[":
        stream.skip(MAX_ITEM_CHARS, "a part of 'items'")
        raise ManifestError("manifest.json: the bundle has no valid 'items'.")
    count = 0
    for _ in stream.elements():
        count += 1
        if count > max_items:
            raise ManifestError(
                f"manifest.json lists more than {max_items:,} items; a bundle holds at most "
                f"{max_items:,} files."
            )
        item = _read_item(stream.value(MAX_ITEM_CHARS, f"item {count}, which is"), count)
        if visitor is not None:
            visitor.item(item)
    return count


def _read_item(entry: object, index: int) -> ManifestItem:
    where = f"item {index}"
    if not isinstance(entry, dict):
        raise ManifestError(f"manifest.json: {where} is not an object.")
    events_raw = _field(entry, "custody", list, where)
    try:
        events = tuple(CustodyEventDTO.from_json(event) for event in events_raw)
    except CustodyFormatError as error:
        raise ManifestError(f"manifest.json: {where}: {error}") from None
    size = _field(entry, "size", int, where)
    if size < 0:
        raise ManifestError(f"manifest.json: {where} has a negative size.")
    item_id = _field(entry, "id", str, where)
    path = _field(entry, "path", str, where)
    if len(item_id) > MAX_ID_CHARS or len(path) > MAX_PATH_CHARS:
        raise ManifestError(f"manifest.json: {where} has an id or path too long to be real.")
    return ManifestItem(
        number=_field(entry, "number", int, where),
        item_id=item_id,
        path=path,
        sha256=_field(entry, "sha256", str, where),
        size=size,
        events=events,
        kind=entry.get("kind") if isinstance(entry.get("kind"), str) else None,
        imported_at=entry.get("imported_at") if isinstance(entry.get("imported_at"), str) else None,
        checkpoint=entry.get("checkpoint"),
        inclusion_proof=entry.get("inclusion_proof"),
    )
