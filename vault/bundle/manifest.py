"""``manifest.json``: the machine-readable description of a bundle (docs/bundle-format.md).

Building is plain: DTOs in, a JSON object out. Reading treats the file as hostile: the
size is bounded by the caller, and :func:`read_manifest` checks the shape of every
field it relies on before the verifier compares anything.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vault.custody import CustodyEventDTO, CustodyFormatError, JSONValue
from vault.dto import ItemDTO, LenderDTO
from vault.errors import VaultError
from vault.times import format_utc
from vault.tsa.bundle_time import ItemTimeProof

FORMAT = "evidence-vault-bundle"
SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)  # 1: before trusted time (proofs always null, no time_note)
NO_TIME_NOTE = "No stamped checkpoint covers this item yet: no trusted time is proven for it."
MAX_MANIFEST_BYTES = 256 << 20


class ManifestError(VaultError):
    """manifest.json is missing, not JSON, or not in the documented shape."""

    code = "bundle_manifest"
    exit_code = 1


@dataclass(frozen=True)
class ExportedItem:
    """One item as it goes into a bundle: the vault's record plus where it lies."""

    number: int
    path: str
    item: ItemDTO
    events: tuple[CustodyEventDTO, ...]


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
    number: int
    item_id: str
    path: str
    sha256: str
    size: int
    events: tuple[CustodyEventDTO, ...]
    imported_at: str | None = None
    checkpoint: Any = None  # as written; checked by the verifier's time step
    inclusion_proof: Any = None


@dataclass(frozen=True)
class Manifest:
    raw: dict[str, Any]
    bundle_id: str
    created_at: str
    vault_id: str
    ssh_public_key: str
    items: tuple[ManifestItem, ...]


def _field(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ManifestError(f"manifest.json: {where} has no valid {key!r}.")
    return value


def _parse_json(data: bytes) -> Any:
    """JSON text to a value; each way it can be wrong is its own sentence."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ManifestError(
            f"manifest.json is not valid UTF-8 text (byte {error.start} cannot be read)."
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except RecursionError:
        raise ManifestError("manifest.json is nested too deeply to be a bundle's.") from None
    except json.JSONDecodeError as error:
        raise ManifestError(
            f"manifest.json is not valid JSON: {error.msg} (line {error.lineno}, "
            f"column {error.colno})."
        ) from None
    except ValueError as error:  # int() refuses a number of thousands of digits
        if "integer string conversion" in str(error):
            raise ManifestError("manifest.json holds a number too long to be real.") from None
        raise ManifestError(f"manifest.json cannot be read: {error}") from None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ManifestError(f"manifest.json names {key!r} twice in one object.")
        result[key] = value
    return result


def read_manifest(data: bytes) -> Manifest:
    """Parse and shape-check manifest.json; any deviation is a ManifestError naming it."""
    raw = _parse_json(data)
    if not isinstance(raw, dict):
        raise ManifestError("manifest.json is not a JSON object.")
    if raw.get("format") != FORMAT:
        raise ManifestError("manifest.json does not describe an Evidence Vault bundle.")
    version = raw.get("schema_version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        readable = " and ".join(str(v) for v in READABLE_VERSIONS)
        raise ManifestError(
            f"manifest.json has schema version {version!r}; this version reads {readable}."
        )
    vault = _field(raw, "vault", dict, "the bundle")
    items_raw = _field(raw, "items", list, "the bundle")
    items = tuple(_read_item(entry, index) for index, entry in enumerate(items_raw, start=1))
    return Manifest(
        raw=raw,
        bundle_id=_field(raw, "bundle_id", str, "the bundle"),
        created_at=_field(raw, "created_at", str, "the bundle"),
        vault_id=_field(vault, "vault_id", str, "the vault"),
        ssh_public_key=_field(vault, "ssh_public_key", str, "the vault"),
        items=items,
    )


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
    return ManifestItem(
        number=_field(entry, "number", int, where),
        item_id=_field(entry, "id", str, where),
        path=_field(entry, "path", str, where),
        sha256=_field(entry, "sha256", str, where),
        size=size,
        events=events,
        imported_at=entry.get("imported_at") if isinstance(entry.get("imported_at"), str) else None,
        checkpoint=entry.get("checkpoint"),
        inclusion_proof=entry.get("inclusion_proof"),
    )
