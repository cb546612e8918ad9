"""Frozen data that crosses the core's boundary (to the CLI, the UI thread, JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class Jsonable:
    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = _jsonable(asdict(self))  # type: ignore[call-overload]
        return result


@dataclass(frozen=True)
class VaultInfo(Jsonable):
    path: Path
    vault_id: str
    created_at: str
    recipient: str
    ssh_public_key: str
    work_factor: int


@dataclass(frozen=True)
class LenderDTO(Jsonable):
    id: int
    name: str
    app: str | None
    company: str | None
    loan_ref: str | None
    numbers: tuple[str, ...]
    agencies: tuple[str, ...]
    notes: str | None
    item_count: int


@dataclass(frozen=True)
class ItemDTO(Jsonable):
    id: str
    lender: str | None
    kind: str
    media_type: str
    original_name: str
    size: int
    sha256: str
    sm3: str | None
    imported_at: datetime
    captured_at: datetime
    captured_offset_min: int
    time_source: str
    incident_at: datetime | None
    counterpart: str | None
    contact_name: str | None
    source_app: str | None
    categories: tuple[str, ...]
    title: str | None
    purpose: str | None
    withdrawn: bool


@dataclass(frozen=True)
class NoteDTO(Jsonable):
    id: int
    lender: str
    text: str
    occurred_at: datetime
    occurred_offset_min: int


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    REFUSED = "refused"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class ImportResult(Jsonable):
    path: Path
    status: ImportStatus
    item_id: str | None = None
    reason: str | None = None
    duplicate_of: str | None = None


@dataclass(frozen=True)
class ImportProgress:
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    current: Path | None


@dataclass(frozen=True)
class ImportReport(Jsonable):
    results: tuple[ImportResult, ...] = field(default_factory=tuple)

    def count(self, status: ImportStatus) -> int:
        return sum(1 for r in self.results if r.status is status)


@dataclass(frozen=True)
class CheckProblem(Jsonable):
    kind: str
    message: str
    item_id: str | None = None
    seq: int | None = None


@dataclass(frozen=True)
class CheckReport(Jsonable):
    items_checked: int
    events_checked: int
    problems: tuple[CheckProblem, ...]
    repaired: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems
