"""Frozen data that crosses the core's boundary (to the CLI, the UI thread, JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any


def _jsonable(value: Any) -> Any:
    """Plain JSON of a DTO's fields: times and dates in ISO 8601, paths as text."""
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class Jsonable:
    """A DTO that turns itself into plain JSON (for ``--json`` and the manifest)."""

    __slots__ = ()  # subclasses declared with slots=True then hold no __dict__

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
class RecoveryKey:
    """What a recovery sheet shows: the secret key line and what names its vault.

    Deliberately not :class:`Jsonable`: the secret is never part of any JSON output.
    """

    secret_key: str = field(repr=False)
    recipient: str
    created_at: datetime
    vault_id: str


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
    # the effective times (incident, else capture) of its first and last live item
    first_at: datetime | None = None
    last_at: datetime | None = None


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
    # The three times kept apart: the file name's (with the offset it was shown in), the
    # file's own modified time, and imported_at above; time_source says which one (or
    # EXIF / the container) became captured_at.
    name_time: datetime | None = None
    name_offset_min: int | None = None
    file_modified_at: datetime | None = None
    call_direction: str | None = None


@dataclass(frozen=True)
class NoteDTO(Jsonable):
    id: int
    lender: str
    text: str
    occurred_at: datetime
    occurred_offset_min: int
    created_at: datetime | None = None  # when it was written down (its "import" time)
    item_id: str | None = None  # the item it is about, if any


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    REFUSED = "refused"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class ImportResult(Jsonable):
    """One file's outcome. A refused file has ``reason``, one English sentence, and
    ``code``, the refusing error's code, which the window turns into its own language."""

    path: Path
    status: ImportStatus
    item_id: str | None = None
    reason: str | None = None
    duplicate_of: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class ImportProgress:
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    current: Path | None


@dataclass(frozen=True)
class ImportReport(Jsonable):
    """One result per file, in order; a phone backup among the files also has its
    :class:`BackupImportReport` in ``backups`` (its calls and messages, and the numbers
    no lender has yet)."""

    results: tuple[ImportResult, ...] = field(default_factory=tuple)
    backups: tuple[BackupImportReport, ...] = field(default_factory=tuple)

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
    """What ``evault check`` found. ``repaired`` lists the stray files a repair moved and
    ``quarantined`` where each went (same order, inside the vault's ``quarantine/``);
    a repair never deletes anything."""

    items_checked: int
    events_checked: int
    problems: tuple[CheckProblem, ...]
    repaired: tuple[str, ...] = ()
    quarantined: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


# --- evidence bundles (vault.bundle) ------------------------------------------------------


@dataclass(frozen=True)
class ExportProgress:
    items_done: int
    items_total: int
    bytes_done: int
    bytes_total: int
    current: str | None  # the path inside the bundle being written


@dataclass(frozen=True)
class ExportResult(Jsonable):
    path: Path
    bundle_id: str
    items: int
    bytes: int
    files: int
    sha256sums_sha256: str
    signer_fingerprint: str
    custody_seq: int


@dataclass(frozen=True)
class BundleCheck(Jsonable):
    """One step of verifying a bundle (hashes, signature, manifest, custody …)."""

    name: str
    ok: bool
    summary: str
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class BundleItemStatus(Jsonable):
    """One evidence file of a verified bundle: ``status`` is one of ``intact``,
    ``altered`` (its bytes differ from SHA256SUMS, or SHA256SUMS does not list it),
    ``missing`` (manifest.json lists it, the archive does not hold it) or ``unchecked``
    (the signature did not hold, so no evidence file was read)."""

    number: int
    path: str
    status: str


@dataclass(frozen=True)
class VerifyProgress:
    """How far a verification is: the step running, and files hashed of those listed."""

    step: str
    steps_done: int
    steps_total: int
    files_done: int = 0
    files_total: int = 0
    bytes_done: int = 0


@dataclass(frozen=True)
class BundleVerification(Jsonable):
    path: Path
    checks: tuple[BundleCheck, ...]
    bundle_id: str | None = None
    created_at: str | None = None
    vault_id: str | None = None
    signer_key: str | None = None
    signer_fingerprint: str | None = None
    items: int = 0
    files: int = 0

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(check.ok for check in self.checks)


# --- trusted time (vault.trusted_time) -------------------------------------------------


@dataclass(frozen=True)
class CheckpointDTO(Jsonable):
    """A signed checkpoint: ``statement`` is the exact signed bytes (docs/trusted-time.md)."""

    id: int
    created_at: datetime
    tree_size: int
    root: str
    statement: bytes = field(repr=False)
    signature: str = field(repr=False)


@dataclass(frozen=True)
class TimestampTokenDTO(Jsonable):
    """An RFC 3161 reply over a checkpoint statement that passed every check when received."""

    id: int
    checkpoint_id: int
    tsa_url: str
    tsa_name: str
    gen_time: datetime
    serial: str


@dataclass(frozen=True)
class TsaDTO(Jsonable):
    """A time-stamp authority the vault asks, in order; ``ca_pem`` is a root the user added."""

    url: str
    ca_pem: str | None = None


@dataclass(frozen=True)
class StampReport(Jsonable):
    """What one round of sending the queue did: the token stored, and why TSAs failed."""

    stamped: tuple[TimestampTokenDTO, ...]
    failures: tuple[str, ...]
    pending: int
    attempted: bool


# --- case analysis (vault.backup, vault.case, vault.case.rules, vault.case.complaints) --------


@dataclass(frozen=True)
class NumberCount(Jsonable):
    number: str
    count: int


@dataclass(frozen=True)
class BackupImportReport(Jsonable):
    """One imported phone backup: the stored XML item and what its rows became."""

    item_id: str
    lender: str | None
    calls: int
    sms: int
    mms: int
    attached: int  # rows whose number belongs to the lender
    unassigned: tuple[NumberCount, ...]  # busiest inbound numbers no lender has yet
    # the rows were recorded for an item already in the vault (a backup stored earlier
    # as a plain file); ``restored``: that item was in the trash and is back
    existing: bool = False
    restored: bool = False


@dataclass(frozen=True)
class TimelineEntry(Jsonable):
    """One moment of a case: an item, a note or a backup event, with its time source.

    ``source`` is "item", "note" or "event"; ``ref`` the item id, note id or event id;
    ``item_id`` the item the entry rests on (for an event, the backup it came from).
    """

    at: datetime  # UTC
    offset_min: int  # UTC offset of the local time shown to the user
    time_source: str
    source: str
    kind: str
    lender: str | None
    ref: str
    item_id: str | None
    number: str | None = None
    direction: str | None = None
    duration_s: int | None = None
    text: str | None = None
    categories: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()  # an MMS event: the items its attachments became


@dataclass(frozen=True)
class Burst(Jsonable):
    """Contacts that followed each other with gaps of at most the burst gap."""

    start: datetime
    end: datetime
    contacts: int


@dataclass(frozen=True)
class DayStats(Jsonable):
    day: date  # in the vault's time zone
    calls_attempted: int
    calls_answered: int
    distinct_numbers: int
    sms: int
    night_contacts: int
    longest_burst: int
    # Inbound calls logged as picked up but lasting 0 seconds: not connected, so counted
    # neither in ``calls_answered`` nor as answered by any rule (attempts, like a miss).
    calls_zero_seconds: int = 0


@dataclass(frozen=True)
class NumberStats(Jsonable):
    number: str
    calls_attempted: int
    calls_answered: int
    sms: int
    first_at: datetime
    last_at: datetime
    calls_zero_seconds: int = 0


@dataclass(frozen=True)
class LenderStats(Jsonable):
    """Harassment statistics of one lender, as data for charts and the report."""

    lender: str
    time_zone: str
    calls_attempted: int
    calls_answered: int
    sms: int
    night_contacts: int
    distinct_numbers: int
    days: tuple[DayStats, ...]
    hours: tuple[int, ...]  # 24 counts of inbound contacts by local hour of day
    numbers: tuple[NumberStats, ...]
    longest_burst: Burst | None
    calls_zero_seconds: int = 0  # see DayStats.calls_zero_seconds


@dataclass(frozen=True)
class SourceCheck(Jsonable):
    """One place a rule pack's wording was checked against, and when.

    ``verified`` says whether the wording of the rules was confirmed there (an issuer's
    own release or the text itself) or only the document's name and dates."""

    title: str
    url: str | None
    checked: date
    verified: bool
    note: str | None = None


@dataclass(frozen=True)
class RuleSource(Jsonable):
    title_zh: str
    title_en: str
    issuer: str
    article: str | None
    published: date
    in_force: date
    url: str | None
    note: str | None = None  # how the citation was established, and what is not verified
    sources: tuple[SourceCheck, ...] = ()  # where the pack was checked, with the dates
    pack_version: int | None = None


@dataclass(frozen=True)
class Finding(Jsonable):
    """A rule that the evidence shows broken: on ``day`` (or across items), ``count`` times."""

    rule_id: str
    pack: str
    source: RuleSource
    description_zh: str
    description_en: str
    day: date | None
    count: int
    limit: int | None
    event_ids: tuple[int, ...]
    item_ids: tuple[str, ...]
    # What was counted (a measure of :mod:`vault.case.rules.packfile`, "quiet_hours" or
    # "category"), and for call rules the day's 0-second inbound calls, which are not
    # connected calls: left out of ``answered`` counts, counted as unanswered attempts.
    counted: str | None = None
    zero_second_calls: int = 0


@dataclass(frozen=True)
class NotInForce(Jsonable):
    """What a rule would have counted but for its date in force: ``count`` contacts
    (``what`` = "contacts") or items (``what`` = "items") dated ``first``..``last``, all
    before ``source.in_force``. Said beside the findings so that silence is explained."""

    rule_id: str
    pack: str
    source: RuleSource
    description_zh: str
    description_en: str
    what: str
    count: int
    first: date
    last: date


@dataclass(frozen=True)
class RuleResults(Jsonable):
    """The detector's whole answer: the findings, and per rule what it left out because
    the evidence predates the rule's date in force."""

    findings: tuple[Finding, ...]
    not_in_force: tuple[NotInForce, ...]
    packs: tuple[PackSummary, ...] = ()  # the packs checked, with their sources


@dataclass(frozen=True)
class PackSummary(Jsonable):
    """A rule pack that was checked: its id, version and source (with where and when it
    was checked), so a reader sees what the findings rest on even when there are none."""

    pack: str
    version: int
    source: RuleSource


@dataclass(frozen=True)
class ComplaintDTO(Jsonable):
    id: int
    lender: str
    channel: str
    filed_on: date
    reference: str | None
    status: str
    next_follow_up: date | None
    notes: str | None
    item_ids: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
