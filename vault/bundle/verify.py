"""``evault verify``: check a bundle without a vault, treating it as hostile.

The archive is opened through :class:`~vault.bundle.zipsafe.SafeZip` (bounded, no path
escapes, nothing extracted). Then each step of :data:`STEPS` runs in order and returns
one :class:`~vault.dto.BundleCheck`; a step that needs something an earlier step found
broken reports itself as not checked rather than guessing. Later features (Merkle
inclusion proofs, checkpoint statements under ``timestamps/``, the RFC 3161 token
``SHA256SUMS.tsr``) add their own steps to :data:`STEPS`, reading what the context
already holds (the manifest's facts, each item's findings).

Fail fast: the signature over SHA256SUMS and the manifest are checked from small,
bounded entries first; evidence entries are inflated only when the signature holds,
and an entry SHA256SUMS does not list is refused unread. An unsigned or badly signed
archive therefore costs its directory and a few kilobytes, whatever it claims to hold.
Bytes before the first entry or after the end record make the bundle invalid (step
``archive``): no bundle Evidence Vault writes has any.

Trusted time (steps ``time`` and ``bundle_timestamp``, in :mod:`vault.bundle.verify_time`):
each item's inclusion proof,
its checkpoint's signature and RFC 3161 token are checked against the system's roots
plus those given with ``--tsa-ca``. A missing proof or token, or a token whose TSA root
is not trusted here, is reported as "not proven" and does not make the bundle invalid:
the hashes and the signature still hold. A proof, statement, signature or token that
does not hold, or a token of a trusted TSA that fails, makes it invalid.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from vault import custody
from vault.bundle import layout, verify_time
from vault.bundle.manifest import (
    MAX_MANIFEST_BYTES,
    ManifestError,
    ManifestHead,
    ManifestItem,
    read_manifest,
)
from vault.bundle.readahead import read_ahead
from vault.bundle.verify_context import ItemTimeFinding, TimeFinding, VerifyContext
from vault.bundle.verify_time import ItemTimes, check_bundle_timestamp, check_time
from vault.bundle.zipsafe import DEFAULT_LIMITS, READ_SIZE, SafeZip, ZipLimits
from vault.dto import BundleCheck, BundleItemStatus, BundleVerification, VerifyProgress
from vault.errors import VaultError
from vault.note_file import note_file_bytes, note_item_id
from vault.sshsig import (
    AllowedSignersError,
    SignatureError,
    fingerprint,
    parse_allowed_signers,
    public_key_line,
    verify,
)

logger = logging.getLogger(__name__)

MAX_SUMS_BYTES = 16 << 20  # 50,000 items need 5.9 MB
MAX_SMALL_BYTES = 64 << 10
REQUIRED = (layout.SHA256SUMS, layout.SIGNATURE, layout.ALLOWED_SIGNERS, layout.MANIFEST)
MAX_LISTED_PROBLEMS = 50
MAX_SHOWN_PATH = 100  # characters shown of a path the archive does not hold

# What each evidence file of a verified bundle is found to be (BundleItemStatus.status).
INTACT, ALTERED, MISSING, UNCHECKED = "intact", "altered", "missing", "unchecked"


class VerifyCancelledError(VaultError):
    """The user stopped a verification; nothing was decided about the bundle."""

    code = "verify_cancelled"


@dataclass(frozen=True)
class TimedVerification(BundleVerification):
    """A bundle's verification with its trusted-time findings (``evault verify --json``)."""

    item_times: tuple[ItemTimeFinding, ...] = ()
    bundle_time: TimeFinding | None = None
    item_files: tuple[BundleItemStatus, ...] = ()  # each item's file: intact, altered …

    @property
    def items_with_time(self) -> int:
        return sum(1 for t in self.item_times if t.status == verify_time.PROVEN)


Step = Callable[[VerifyContext], BundleCheck]


def _problems(name: str, found: list[str], ok_summary: str, bad_summary: str) -> BundleCheck:
    if not found:
        return BundleCheck(name, True, ok_summary)
    shown = found[:MAX_LISTED_PROBLEMS]
    if len(found) > MAX_LISTED_PROBLEMS:
        shown.append(f"… and {len(found) - MAX_LISTED_PROBLEMS} more problems.")
    return BundleCheck(name, False, bad_summary, tuple(shown))


def check_archive(ctx: VerifyContext) -> BundleCheck:
    """The file is the ZIP archive and nothing else: no prefix, nothing appended."""
    archive = ctx.archive
    found = []
    if archive.prefix_bytes:
        found.append(
            f"{archive.prefix_bytes} bytes precede the first ZIP entry; "
            "a bundle written by Evidence Vault has none."
        )
    if archive.appended_bytes:
        found.append(
            f"{archive.appended_bytes} bytes follow the ZIP archive's end record; "
            "a bundle written by Evidence Vault has none."
        )
    return _problems(
        "archive",
        found,
        "The file holds the ZIP archive and nothing else.",
        "The file holds bytes that are not part of the bundle.",
    )


def _read_sums(ctx: VerifyContext) -> None:
    """Read SHA256SUMS (bounded) into the context once; the signature covers these bytes."""
    if ctx.sums_bytes is not None or layout.SHA256SUMS not in ctx.archive.entries:
        return
    ctx.sums_bytes = ctx.archive.read(layout.SHA256SUMS, MAX_SUMS_BYTES)
    try:
        ctx.sums = layout.parse_sums(ctx.sums_bytes)
    except layout.SumsFormatError as error:
        ctx.sums_error = str(error)


def check_files(ctx: VerifyContext) -> BundleCheck:
    """Every file hashes to its line in SHA256SUMS, and the two lists agree.

    Nothing is inflated unless the signature over SHA256SUMS held, and a file that
    SHA256SUMS does not list is refused unread: a hostile archive costs no more than
    reading its directory and a few small files.
    """
    archive = ctx.archive
    missing_required = [name for name in REQUIRED if name not in archive.entries]
    if layout.SHA256SUMS not in archive.entries:
        return BundleCheck(
            "files",
            False,
            "SHA256SUMS is missing, so no file can be checked.",
            tuple(f"{name} is missing from the bundle." for name in missing_required),
        )
    _read_sums(ctx)
    if ctx.sums is None:
        return BundleCheck("files", False, ctx.sums_error or "SHA256SUMS could not be read.")
    found = [f"{name} is missing from the bundle." for name in missing_required]
    if not ctx.signature_ok:
        # Only the small files the signature step reads itself are hashed, to say why
        # it failed; evidence is never inflated for a bundle whose signature fails.
        for name, limit in _SMALL_SUMMED:
            entry = archive.entries.get(name)
            if (
                entry is not None
                and name in ctx.sums
                and entry.size <= limit
                and _digest(ctx, name) != ctx.sums[name]
            ):
                found.append(f"{name} does not match its SHA-256 in SHA256SUMS: it was changed.")
        return BundleCheck(
            "files",
            False,
            "Not checked: the signature of SHA256SUMS does not hold, so the evidence files "
            "were neither read nor hashed.",
            tuple(found[:MAX_LISTED_PROBLEMS]),
        )
    present = [n for n in archive.names() if n not in layout.NOT_SUMMED]
    unlisted = [name for name in present if name not in ctx.sums]
    ctx.altered.update(unlisted)
    found += [
        f"{name} is in the bundle but not in SHA256SUMS: a file was added or renamed."
        for name in unlisted
    ]
    listed = [n for n in present if n in ctx.sums]
    bytes_done = 0
    for name in listed:
        _check_cancel(ctx)
        ctx.files_hashed += 1
        if _digest(ctx, name) != ctx.sums[name]:
            ctx.altered.add(name)
            found.append(f"{name} does not match its SHA-256 in SHA256SUMS: it was changed.")
        bytes_done += archive.entries[name].size
        _report(ctx, ctx.files_hashed, len(listed), bytes_done)
    ctx.files_checked = True
    found += [
        f"{name} is listed in SHA256SUMS but missing from the bundle: it was removed or renamed."
        for name in ctx.sums
        if name not in archive.entries
    ]
    ctx.files_ok = not found
    return _problems(
        "files",
        found,
        f"All {ctx.files_hashed} files match SHA256SUMS.",
        "Some files do not match SHA256SUMS.",
    )


_SMALL_SUMMED = ((layout.ALLOWED_SIGNERS, MAX_SMALL_BYTES), (layout.MANIFEST, MAX_MANIFEST_BYTES))


def _digest(ctx: VerifyContext, name: str) -> str:
    if name == layout.MANIFEST and ctx.manifest_sha256 is not None:
        return ctx.manifest_sha256  # the manifest step hashed what it read
    return _sha256(ctx.archive, name)


def _sha256(archive: SafeZip, name: str) -> str:
    digest = hashlib.sha256()
    blocks = archive.chunks(name)
    # A helper thread overlaps inflating with hashing for a file of several blocks; for
    # one block (most evidence files) starting it costs more than the whole file.
    for block in read_ahead(blocks) if archive.entries[name].size > READ_SIZE else blocks:
        digest.update(block)
    return digest.hexdigest()


def _check_cancel(ctx: VerifyContext) -> None:
    if ctx.cancel is not None and ctx.cancel.is_set():
        raise VerifyCancelledError("The verification was cancelled.")


def _report(ctx: VerifyContext, files_done: int = 0, files_total: int = 0, size: int = 0) -> None:
    if ctx.progress is not None:
        ctx.progress(
            VerifyProgress(ctx.step, ctx.steps_done, ctx.steps_total, files_done, files_total, size)
        )


def check_signature(ctx: VerifyContext) -> BundleCheck:
    """SHA256SUMS.sig is the allowed signer's SSHSIG over SHA256SUMS (namespace evidence-vault)."""
    archive = ctx.archive
    _read_sums(ctx)
    if ctx.sums_bytes is None:
        return BundleCheck("signature", False, "Not checked: SHA256SUMS is missing.")
    for name in (layout.ALLOWED_SIGNERS, layout.SIGNATURE):
        if name not in archive.entries:
            return BundleCheck(
                "signature", False, f"{name} is missing, so the signature cannot be checked."
            )
    try:
        key = _signer(archive)
        ctx.signer = key
        ctx.signer_key = public_key_line(key)
        ctx.signer_fingerprint = fingerprint(key)
        signature = archive.read(layout.SIGNATURE, MAX_SMALL_BYTES)
        verify(signature, ctx.sums_bytes, layout.NAMESPACE, key)
    except SignatureError as error:
        return BundleCheck("signature", False, f"The signature of SHA256SUMS is not valid: {error}")
    expected = (ctx.expected_key or "").strip()
    if expected and expected not in {ctx.signer_fingerprint, _key_only(ctx.signer_key)}:
        return BundleCheck(
            "signature",
            False,
            f"SHA256SUMS is signed by {ctx.signer_fingerprint}, not by the expected key {expected}.",
        )
    ctx.signature_ok = True
    return BundleCheck(
        "signature",
        True,
        f"SHA256SUMS is signed by {ctx.signer_fingerprint}. This key came inside the bundle: "
        "compare the fingerprint with one the sender gives you another way to know who signed.",
    )


def _signer(archive: SafeZip) -> Ed25519PublicKey:
    """The one key allowed_signers names for the principal evidence-vault."""
    try:
        text = archive.read(layout.ALLOWED_SIGNERS, MAX_SMALL_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise AllowedSignersError("allowed_signers is not UTF-8 text.") from None
    signers = [s for s in parse_allowed_signers(text) if s.principal == layout.PRINCIPAL]
    if len(signers) != 1:
        raise AllowedSignersError(
            f"allowed_signers must name exactly one key for the principal {layout.PRINCIPAL}."
        )
    return signers[0].key


def check_manifest(ctx: VerifyContext) -> BundleCheck:
    """manifest.json agrees with SHA256SUMS, the archive and the signing key.

    The manifest is streamed item by item (:func:`read_manifest`), and each item's
    custody chain and time proof are checked as it is read, for the ``custody`` and
    ``time`` steps to report: only compact findings are kept, so memory stays bounded
    whatever the manifest holds. One larger than :data:`MAX_MANIFEST_BYTES` is refused
    unread. Its SHA-256 is taken on the way, for the ``files`` step.
    """
    archive = ctx.archive
    entry = archive.entries.get(layout.MANIFEST)
    if entry is None:
        return BundleCheck("manifest", False, "manifest.json is missing.")
    if entry.size > MAX_MANIFEST_BYTES:
        return BundleCheck(
            "manifest",
            False,
            f"manifest.json is {entry.size:,} bytes, more than the {MAX_MANIFEST_BYTES:,} a "
            "bundle's manifest may have; it was not read.",
        )
    checks = _ItemChecks(ctx, archive.limits.max_entries)
    digest = hashlib.sha256()

    def chunks() -> Iterator[bytes]:
        for block in archive.chunks(layout.MANIFEST):
            digest.update(block)
            yield block

    try:
        parsed = read_manifest(chunks(), checks, max_items=archive.limits.max_entries)
    except ManifestError as error:
        return BundleCheck("manifest", False, str(error))
    ctx.manifest = parsed
    ctx.manifest_sha256 = digest.hexdigest()
    ctx.custody_check = checks.custody_check(parsed.item_count)
    ctx.item_times = checks.times.findings if checks.times is not None else []
    found = checks.manifest_found(parsed.item_count)
    return found.check(
        "manifest",
        f"manifest.json describes the {parsed.item_count} evidence files consistently.",
        "manifest.json does not agree with the bundle.",
    )


class _Found:
    """A step's problems: the first :data:`MAX_LISTED_PROBLEMS` kept, the rest counted."""

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.shown) < MAX_LISTED_PROBLEMS:
            self.shown.append(message)

    def check(self, name: str, ok_summary: str, bad_summary: str) -> BundleCheck:
        if not self.count:
            return BundleCheck(name, True, ok_summary)
        shown = list(self.shown)
        if self.count > len(shown):
            shown.append(f"… and {self.count - len(shown)} more problems.")
        return BundleCheck(name, False, bad_summary, tuple(shown))


def _shown(path: str) -> str:
    return path if len(path) <= MAX_SHOWN_PATH else f"{path[:MAX_SHOWN_PATH]}…"


class _ItemChecks:
    """The per-item work of the manifest, custody and time steps, done as items arrive.

    What is kept per item: its archive path (the archive's own string), its number, and
    its time finding; never the item's events or proof.
    """

    def __init__(self, ctx: VerifyContext, max_items: int) -> None:
        self.ctx = ctx
        self.sums = ctx.sums or {}
        self.key_differs = False
        self.manifest = _Found()
        self.custody = _Found()
        self.paths: set[str] = set()
        self.numbers = bytearray(max_items + 1)  # one flag per item number seen
        self.numbered = 0
        self.numbers_broken = False
        self.events = 0
        self.times: ItemTimes | None = None

    def begin(self, head: ManifestHead) -> None:
        signer_key = self.ctx.signer_key
        self.key_differs = signer_key is not None and _key_only(head.ssh_public_key) != (
            _key_only(signer_key)
        )
        if self.ctx.signer is not None:
            self.times = ItemTimes(self.ctx, self.ctx.signer, head.vault_id)

    def item(self, item: ManifestItem) -> None:
        path = self._consistency(item)
        self.ctx.item_paths.append((item.number, path))  # the archive's own string, shared
        self._custody(item)
        if self.times is not None:
            self.times.item(item, path)

    def _consistency(self, item: ManifestItem) -> str:
        """Check the item against the archive and SHA256SUMS; return its path as shown."""
        if not 1 <= item.number < len(self.numbers) or self.numbers[item.number]:
            self.numbers_broken = True
        else:
            self.numbers[item.number] = 1
            self.numbered = max(self.numbered, item.number)
        where = f"Item {item.number} ({_shown(item.path)})"
        if not item.path.startswith(layout.EVIDENCE_DIR):
            self.manifest.add(f"{where} does not lie under evidence/.")
        entry = self.ctx.archive.entries.get(item.path)
        if entry is None:
            self.manifest.add(f"{where} is in manifest.json but not in the bundle.")
            return _shown(item.path)
        if entry.name in self.paths:
            self.manifest.add(f"{where} is listed twice in manifest.json.")
        self.paths.add(entry.name)
        if self.sums.get(item.path) != item.sha256:
            self.manifest.add(
                f"{where} has a different SHA-256 in manifest.json than in SHA256SUMS."
            )
        if entry.size != item.size:
            self.manifest.add(f"{where} has a different size in manifest.json than in the bundle.")
        return entry.name

    def _custody(self, item: ManifestItem) -> None:
        where = f"Item {item.number}"
        self.events += len(item.events)
        for problem in custody.verify_events(item.events, None, complete=False):
            self.custody.add(f"{where}: {problem.message}")
        if item.kind == layout.NOTE_KIND:
            self._note_custody(item, where)
            return
        if any(event.item_id != item.item_id for event in item.events):
            self.custody.add(f"{where}: a custody event belongs to another item.")
        imports = [e for e in item.events if e.action == custody.Action.ITEM_IMPORTED]
        if len(imports) != 1:
            self.custody.add(f"{where}: its custody record does not hold exactly one import.")
            return
        payload = imports[0].payload
        if payload.get("sha256") != item.sha256 or payload.get("size") != item.size:
            self.custody.add(
                f"{where}: the file's hash or size differs from the one recorded at import."
            )

    def _note_custody(self, item: ManifestItem, where: str) -> None:
        """A note's record is the one ``note_added`` event holding its text, whole: the
        file must be exactly what that text becomes (:func:`note_file_bytes`)."""
        added = [e for e in item.events if e.action == custody.Action.NOTE_ADDED]
        if len(added) != 1 or len(item.events) != 1:
            self.custody.add(f"{where}: its custody record does not hold exactly one note.")
            return
        payload = added[0].payload
        note_id = payload.get("note_id")
        text = payload.get("text")
        if (
            not isinstance(note_id, int)
            or isinstance(note_id, bool)
            or item.item_id != note_item_id(note_id)
            or added[0].item_id is not None
        ):
            self.custody.add(f"{where}: its custody event records another note.")
            return
        data = note_file_bytes(text) if isinstance(text, str) else None
        if (
            data is None
            or hashlib.sha256(data).hexdigest() != item.sha256
            or len(data) != (item.size)
        ):
            self.custody.add(
                f"{where}: the note's file differs from the text recorded when it was written."
            )

    def manifest_found(self, count: int) -> _Found:
        found = _Found()
        if self.key_differs:
            found.add("manifest.json names a different vault key than allowed_signers.")
        # Distinct numbers, none above the count: exactly 1 … count.
        if self.numbers_broken or self.numbered > count:
            found.add("manifest.json numbers its items with gaps or repeats.")
        for message in self.manifest.shown:
            found.add(message)
        found.count += self.manifest.count - len(self.manifest.shown)
        for name in self.ctx.archive.names():
            if name.startswith(layout.EVIDENCE_DIR) and name not in self.paths:
                found.add(f"{_shown(name)} is under evidence/ but not described in manifest.json.")
        return found

    def custody_check(self, count: int) -> BundleCheck:
        return self.custody.check(
            "custody",
            f"The {self.events} custody events of {count} items form unbroken hash chains.",
            "The custody records are not intact.",
        )


def check_custody(ctx: VerifyContext) -> BundleCheck:
    """Each item's custody events are hash-chained and begin with its import, same hash.

    The events were checked as the manifest step read each item; this reports it.
    """
    if ctx.manifest is None or ctx.custody_check is None:
        return BundleCheck("custody", False, "Not checked: manifest.json could not be read.")
    return ctx.custody_check


def _key_only(line: str) -> str:
    return " ".join(line.split()[:2])


# Order matters: the signature and the manifest are checked from small, bounded
# entries before ``files`` inflates any evidence, which it does only when they hold.
STEPS: list[tuple[str, Step]] = [
    ("archive", check_archive),
    ("signature", check_signature),
    ("manifest", check_manifest),
    ("files", check_files),
    ("custody", check_custody),
    ("time", check_time),
    ("bundle_timestamp", check_bundle_timestamp),
]


def _item_files(ctx: VerifyContext) -> tuple[BundleItemStatus, ...]:
    """Each item's file as found: missing, altered, intact, or unchecked (no trusted sums)."""
    entries = ctx.archive.entries

    def status(path: str) -> str:
        if path not in entries:
            return MISSING
        if path in ctx.altered:
            return ALTERED
        return INTACT if ctx.files_checked else UNCHECKED

    return tuple(BundleItemStatus(number, path, status(path)) for number, path in ctx.item_paths)


def verify_bundle(
    path: Path,
    *,
    expected_key: str | None = None,
    limits: ZipLimits = DEFAULT_LIMITS,
    steps: list[tuple[str, Step]] | None = None,
    tsa_roots: Sequence[x509.Certificate] = (),
    progress: Callable[[VerifyProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> TimedVerification:
    """Verify the bundle at ``path``; a file that is not a readable, safe ZIP raises
    :class:`~vault.bundle.zipsafe.BundleUnreadableError` (exit 2).

    ``expected_key`` (a ``SHA256:…`` fingerprint or an ``ssh-ed25519 …`` key the
    receiver got from the sender another way) makes a bundle signed by any other key
    invalid. ``tsa_roots`` are trusted for RFC 3161 tokens beside the system's roots.
    ``progress`` hears of each step and each file hashed; setting ``cancel`` stops the
    work at the next step or file with :class:`VerifyCancelledError`.
    """
    chosen = steps if steps is not None else STEPS
    with SafeZip(path, limits) as archive:
        ctx = VerifyContext(
            path=path,
            archive=archive,
            expected_key=expected_key,
            tsa_roots=tsa_roots,
            progress=progress,
            cancel=cancel,
            steps_total=len(chosen),
        )
        checks = []
        for done, (name, step) in enumerate(chosen):
            _check_cancel(ctx)
            ctx.step, ctx.steps_done = name, done
            _report(ctx)
            checks.append(step(ctx))
    manifest = ctx.manifest
    result = TimedVerification(
        path=path,
        checks=tuple(checks),
        bundle_id=manifest.bundle_id if manifest else None,
        created_at=manifest.created_at if manifest else None,
        vault_id=manifest.vault_id if manifest else None,
        signer_key=ctx.signer_key,
        signer_fingerprint=ctx.signer_fingerprint,
        items=manifest.item_count if manifest else 0,
        files=len(archive.entries),
        item_times=tuple(ctx.item_times),
        bundle_time=ctx.bundle_time,
        item_files=_item_files(ctx),
    )
    logger.info("verified a bundle: %s", "valid" if result.valid else "invalid")
    return result
