"""``evault export``: write a lender's evidence as a self-verifying bundle (DESIGN.md §6).

One streaming pass per item: the blob is decrypted, its SHA-256 recomputed and the
plaintext written into the ZIP (stored, not compressed: recordings and images are
compressed already, and a stored entry is the original byte for byte). A blob whose
hash or size no longer matches what was recorded at import stops the export. An item
whose SM3 the background pass has not reached yet gets it in the same pass: it is
recorded with its custody event (:mod:`vault.ingest.sm3`) once every evidence file is
written and checked, before the evidence list and the manifest are made, so every
bundle lists the SM3 of every file.

Trusted time: every item that a stamped checkpoint covers carries its inclusion proof in
``manifest.json``, and ``timestamps/`` holds those checkpoints' statements, signatures,
RFC 3161 tokens and TSA certificates (all in ``SHA256SUMS``). When a TSA answers within
a short timeout, ``SHA256SUMS.tsr`` stamps ``SHA256SUMS`` itself; when none does, the
bundle is written without it and the result says so.

The ZIP is written under a hidden temp name beside the destination; only when every
file, ``SHA256SUMS`` and its signature are written and synced is the export recorded
as a custody event and the file renamed into place. A crash or a cancel leaves at most
the hidden temp file, never a complete-looking bundle. That partial file holds plaintext
evidence, so it is named recognisably (``.<name>.evault-<random>.partial``) and kept under
an exclusive lock (:func:`vault.portable.lock_file`) while it is written; the next export to the same folder removes
every such partial whose lock it can take (its writer is gone) and reports their names.

Python warnings (Pillow's, when a screenshot is odd) never reach stderr: the export
collects them and logs them at debug level.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import re
import stat
import threading
import uuid
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from vault import __version__, custody
from vault.bundle import layout, manifest, readme, time_export
from vault.bundle.manifest import ItemTimeProof
from vault.bundle.readahead import read_ahead
from vault.bundle.report import evidence_list
from vault.bundle.report.case_sections import analysis_sections
from vault.bundle.report.facts import item_facts
from vault.bundle.report.transcript_doc import TranscriptDocument, render_transcript_html
from vault.bundle.time_export import BundleFile, proof_bundle_parts
from vault.custody import CustodyEventDTO, JSONValue, ledger
from vault.dto import ExportProgress, ExportResult, ItemDTO, LenderDTO, NoteDTO
from vault.errors import AgeError, UsageError, VaultError
from vault.fsutil import PRIVATE_FILE
from vault.handle import OpenVault
from vault.hashing import SM3
from vault.ingest import sm3
from vault.items import UnknownItemError, get_item, list_items, open_item
from vault.lenders import list_lenders
from vault.note_file import note_file_bytes, note_item_id
from vault.notes import list_notes
from vault.portable import BINARY, NOFOLLOW, NONBLOCK, fsync_dir, lock_file, try_lock_file
from vault.rfc3161.protocol import CheckedToken, check_url
from vault.sshsig import allowed_signers_line, fingerprint, public_key_line, sign
from vault.times import format_utc, seconds_utc
from vault.transcript import TranscriptDTO, is_recording, transcribed_items, transcript_for

logger = logging.getLogger(__name__)

READ_SIZE = 1 << 20
_SMALL_FILE_MODE = 0o644 << 16
# ".bundle.zip.evault-0123456789ab.partial" (and its ".pdf" report beside it); the
# unprefixed form is what earlier versions left behind.
_PARTIAL = re.compile(r"\..+\.(?:evault-)?[0-9a-f]{12}\.partial(?:\.pdf)?")

ProgressCallback = Callable[[ExportProgress], None]
PdfRenderer = Callable[[str, Path], None]


class ExportError(VaultError):
    code = "export"


class NothingToExportError(UsageError):
    code = "export_empty"


class BundleExistsError(UsageError):
    code = "export_exists"


class ExportCancelledError(ExportError):
    code = "export_cancelled"


class EvidenceMismatchError(ExportError):
    """A blob no longer matches the hash recorded at import: the export stops."""

    code = "export_hash_mismatch"
    exit_code = 1


@dataclass(frozen=True)
class ExportRequest:
    out: Path
    lender: str | None = None
    item_ids: Sequence[str] | None = None
    date_from: date | None = None
    date_to: date | None = None
    language: str = "zh_CN"
    # SHA256SUMS.tsr: these TSAs are asked first, then (unless use_vault_tsas is False)
    # the vault's own list; stamp=False writes no SHA256SUMS.tsr and uses no network.
    tsa_urls: Sequence[str] = ()
    use_vault_tsas: bool = True
    stamp: bool = True
    tsa_timeout: float = time_export.EXPORT_TSA_TIMEOUT


@dataclass(frozen=True)
class BundleExportResult(ExportResult):
    """What an export wrote, with what it proves about time."""

    items_with_time: int = 0  # items carrying an inclusion proof to a stamped checkpoint
    sums_tsa_name: str | None = None  # who stamped SHA256SUMS (None: no SHA256SUMS.tsr)
    sums_stamped_at: datetime | None = None
    # hidden partial files of killed earlier exports, removed from the folder before writing
    stale_partials_removed: tuple[str, ...] = ()

    @property
    def sums_stamped(self) -> bool:
        return self.sums_tsa_name is not None


def export_bundle(
    vault: OpenVault,
    request: ExportRequest,
    *,
    render_pdf: PdfRenderer | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ExportResult:
    """Write the bundle ``request`` describes and record it in the custody log."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        try:
            return _export(vault, request, render_pdf, progress, cancel)
        finally:
            for warning in caught:
                logger.debug(
                    "warning during export: %s: %s", warning.category.__name__, warning.message
                )


def _export(
    vault: OpenVault,
    request: ExportRequest,
    render_pdf: PdfRenderer | None,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> ExportResult:
    vault.check_writable()  # the custody log records each export
    if request.language not in evidence_list.LANGUAGES:
        raise UsageError(f"{request.language!r} is not a report language; use zh_CN, zh_TW or en.")
    out = request.out
    if out.exists():
        raise BundleExistsError(f"{out} already exists; choose another file name.")
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist.")
    for url in request.tsa_urls:
        check_url(url)
    entries, lenders = bundle_entries(vault, request)
    removed = remove_stale_partials(out.parent)
    writer = _BundleWriter(vault, request, entries, lenders, progress, cancel)
    fd, temp = _create_partial(out)
    try:
        with os.fdopen(fd, "w+b") as raw:  # closing it releases the lock: after the rename
            writer.write(raw, temp, render_pdf)
            raw.flush()
            os.fsync(raw.fileno())
            seq = _record(vault, request, writer, entries, lenders)
            os.rename(temp, out)
            fsync_dir(out.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    logger.info("exported a bundle of %d items", len(entries))
    stamp = writer.sums_token
    return BundleExportResult(
        path=out,
        bundle_id=writer.bundle_id,
        items=len(entries),
        bytes=sum(e.item.size for e in entries),
        files=len(writer.sums) + 2 + (1 if stamp else 0),
        sha256sums_sha256=writer.sums_digest,
        signer_fingerprint=writer.fingerprint,
        custody_seq=seq,
        items_with_time=len(writer.proofs),
        sums_tsa_name=stamp.tsa_name if stamp else None,
        sums_stamped_at=stamp.gen_time if stamp else None,
        stale_partials_removed=removed,
    )


# --- partial files ----------------------------------------------------------------------


def _create_partial(out: Path) -> tuple[int, Path]:
    """A new hidden partial file beside ``out``, created and held under ``LOCK_EX``.

    Another export's clean-up may take the lock in the instant between the create and our
    ``flock`` and unlink the file; the lock is then on a file no longer at ``temp``, so a
    fresh name is tried.
    """
    while True:
        temp = out.with_name(f".{out.name}.evault-{os.urandom(6).hex()}.partial")
        fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL | NOFOLLOW | BINARY, PRIVATE_FILE)
        try:
            lock_file(fd)
            held = os.fstat(fd)
            try:
                now = os.lstat(temp)
            except FileNotFoundError:
                now = None
        except BaseException:
            os.close(fd)
            raise
        if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
            return fd, temp
        os.close(fd)


def remove_stale_partials(folder: Path) -> tuple[str, ...]:
    """Remove the partial files of exports that died in ``folder``; their names.

    A partial whose lock cannot be taken at once belongs to an export still running and
    is left alone; a partial report (``.pdf``) goes with its bundle's partial, or alone
    when that is gone.
    """
    try:
        names = sorted(name for name in os.listdir(folder) if _PARTIAL.fullmatch(name))
    except OSError:
        return ()
    removed = []
    for name in names:
        owner = name.removesuffix(".pdf")
        if name != owner and owner in names:
            continue  # removed with its owner below
        if _remove_if_unlocked(folder, owner, name):
            removed.append(name)
            if name == owner and f"{name}.pdf" in names:
                with contextlib.suppress(FileNotFoundError):
                    (folder / f"{name}.pdf").unlink()
                    removed.append(f"{name}.pdf")
    if removed:
        logger.info("removed %d partial files of earlier exports", len(removed))
    return tuple(sorted(removed))


def _remove_if_unlocked(folder: Path, owner: str, name: str) -> bool:
    try:
        fd = os.open(folder / owner, os.O_RDONLY | NOFOLLOW | NONBLOCK)
    except FileNotFoundError:
        fd = None  # a report partial whose bundle partial is gone
    except OSError:
        return False  # a link, or unreadable: not ours to remove
    try:
        if fd is not None:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return False
            if not try_lock_file(fd):
                return False  # an export is writing it now
        target = folder / name
        if not stat.S_ISREG(os.lstat(target).st_mode):
            return False
        target.unlink()
        return True
    except FileNotFoundError:
        return False
    finally:
        if fd is not None:
            os.close(fd)


# --- choosing and naming ----------------------------------------------------------------


def bundle_entries(
    vault: OpenVault, request: ExportRequest
) -> tuple[list[manifest.ExportedItem], list[LenderDTO]]:
    """The items and notes a bundle of ``request`` holds, each with the number (序号) and
    path the bundle gives it, and the lenders they belong to. Whatever else refers to
    an item "as in the bundle" (a complaint pack) takes its number from here."""
    try:
        items = select_items(vault, request)
    except NothingToExportError:
        if request.lender is None or request.item_ids:
            raise
        items = []  # the lender's notes alone still make a bundle
    names = {i.lender for i in items}
    if request.lender is not None and not request.item_ids:
        names.add(request.lender.strip())
    lenders = [lender for lender in list_lenders(vault) if lender.name in names]
    notes = select_notes(vault, request, lenders)
    if not items and not notes:
        raise NothingToExportError("There is nothing to export for this selection.")
    return _name_items(vault, items, lenders, notes), lenders


def select_items(vault: OpenVault, request: ExportRequest) -> list[ItemDTO]:
    """The items a request names: a lender's (or the listed ids), within the dates given."""
    if request.lender is None and not request.item_ids:
        raise UsageError("Name a lender or the items to export.")
    if request.item_ids:
        chosen = [get_item(vault, item_id) for item_id in dict.fromkeys(request.item_ids)]
        for item in chosen:
            if item.withdrawn:
                raise UsageError(f"Item {item.id} was withdrawn; restore it to export it.")
            if request.lender is not None and item.lender != request.lender.strip():
                raise UnknownItemError(f"Item {item.id} does not belong to {request.lender!r}.")
    else:
        chosen = list_items(vault, lender=request.lender)
    if request.date_from and request.date_to and request.date_from > request.date_to:
        raise UsageError("The start date is after the end date.")
    chosen = [i for i in chosen if _in_range(_incident_date(i, vault), request)]
    if not chosen:
        raise NothingToExportError("There is nothing to export for this selection.")
    return chosen


def select_notes(
    vault: OpenVault, request: ExportRequest, lenders: Sequence[LenderDTO]
) -> list[NoteDTO]:
    """The notes a bundle takes along as evidence (当事人陈述): its lenders' notes within
    the dates given; when items are listed by id, only the notes about those items."""
    chosen = [note for lender in lenders for note in list_notes(vault, lender.name)]
    if request.item_ids:
        wanted = set(request.item_ids)
        chosen = [note for note in chosen if note.item_id in wanted]
    return [n for n in chosen if _in_range(n.occurred_at.astimezone(vault.tz).date(), request)]


def note_item(note: NoteDTO) -> tuple[ItemDTO, bytes]:
    """A note as a bundle's evidence file: its row (kind ``note``) and the file's bytes."""
    data = note_file_bytes(note.text)
    item_id = note_item_id(note.id)
    item = ItemDTO(
        id=item_id,
        lender=note.lender,
        kind=layout.NOTE_KIND,
        media_type=layout.NOTE_MEDIA_TYPE,
        original_name=f"{item_id}.txt",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        sm3=hashlib.new("sm3", data).hexdigest(),
        imported_at=note.created_at or note.occurred_at,
        captured_at=note.occurred_at,
        captured_offset_min=note.occurred_offset_min,
        time_source="user",
        incident_at=None,
        counterpart=None,
        contact_name=None,
        source_app=None,
        categories=(),
        title=None,
        purpose=None,
        withdrawn=False,
    )
    return item, data


def _incident_date(item: ItemDTO, vault: OpenVault) -> date:
    return (item.incident_at or item.captured_at).astimezone(vault.tz).date()


def _in_range(day: date, request: ExportRequest) -> bool:
    if request.date_from and day < request.date_from:
        return False
    return not (request.date_to and day > request.date_to)


def _name_items(
    vault: OpenVault,
    items: list[ItemDTO],
    lenders: list[LenderDTO],
    notes: Sequence[NoteDTO] = (),
) -> list[manifest.ExportedItem]:
    """Order items (lender, category, incident time) and give each its number and path;
    notes come last in their lender's list, in the order they happened."""
    note_files = {}
    for note in notes:
        note_item_row, data = note_item(note)
        note_files[note_item_row.id] = (note, data)
        items = [*items, note_item_row]
    folders: dict[str | None, str] = {}
    used: set[str] = set()
    ids = {lender.name: lender.id for lender in lenders}
    for name in sorted({i.lender for i in items}, key=lambda n: (n is None, n or "")):
        fallback = f"lender-{ids[name]}" if name is not None else "unassigned"
        folder = layout.path_segment(name or "", fallback)
        while folder.casefold() in used:  # two names may sanitise alike
            folder = f"{folder}_"
        used.add(folder.casefold())
        folders[name] = folder

    def order(item: ItemDTO) -> tuple[str, int, datetime, str]:
        moment = item.incident_at or item.captured_at
        return (folders[item.lender], evidence_list.group_order(item), moment, item.id)

    ordered = sorted(items, key=order)
    width = layout.number_width(len(ordered))
    entries = []
    with vault.sessions() as session:
        for number, item in enumerate(ordered, start=1):
            named = layout.EvidenceName(
                lender_folder=folders[item.lender],
                number=number,
                width=width,
                incident_date=_incident_date(item, vault),
                kind=layout.path_segment(item.kind, "item"),
                ext=layout.extension(item.original_name),
            )
            if item.id in note_files:
                note, data = note_files[item.id]
                events = _note_events(session, ids[note.lender], note.id)
                named = dataclasses.replace(named, ext="txt")
                entries.append(manifest.ExportedItem(number, named.path, item, events, data))
                continue
            events = tuple(ledger.iter_events(session, item_id=item.id))
            entries.append(manifest.ExportedItem(number, named.path, item, events))
    return entries


def _note_events(session: Session, lender_id: int, note_id: int) -> tuple[CustodyEventDTO, ...]:
    """The custody event that recorded a note (its text, whole), as its record."""
    return tuple(
        event
        for event in ledger.iter_events(session, lender_id=lender_id)
        if event.action == custody.Action.NOTE_ADDED and event.payload.get("note_id") == note_id
    )


# --- writing ----------------------------------------------------------------------------


class _BundleWriter:
    def __init__(
        self,
        vault: OpenVault,
        request: ExportRequest,
        entries: list[manifest.ExportedItem],
        lenders: list[LenderDTO],
        progress: ProgressCallback | None,
        cancel: threading.Event | None,
    ) -> None:
        self.vault = vault
        self.request = request
        self.entries = entries
        self.lenders = lenders
        self.progress = progress
        self.cancel = cancel
        self.bundle_id = str(uuid.uuid4())
        self.created_at = datetime.now(UTC)
        public = vault.keys.signing_key.public_key()
        self.fingerprint = fingerprint(public)
        self.public_line = public_key_line(public)
        self.sums: list[tuple[str, str]] = []
        self.sums_digest = ""
        self.thumbnails: dict[str, bytes] = {}
        self.bytes_total = sum(e.item.size for e in entries)
        self.bytes_done = 0
        self.proofs: dict[str, ItemTimeProof] = {}
        self.time_files: list[BundleFile] = []
        self.times: dict[str, tuple[datetime, str]] = {}
        self.sums_token: CheckedToken | None = None
        self.new_sm3: dict[str, sm3.ComputedSm3] = {}

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise ExportCancelledError("The export was cancelled; no bundle was written.")

    def _report(self, done: int, current: str | None) -> None:
        if self.progress is not None:
            self.progress(
                ExportProgress(done, len(self.entries), self.bytes_done, self.bytes_total, current)
            )

    def write(self, raw: BinaryIO, temp: Path, render_pdf: PdfRenderer | None) -> None:
        self.proofs, self.time_files = proof_bundle_parts(
            self.vault, [entry.item.id for entry in self.entries]
        )
        self.times = time_export.proven_times(self.vault, self.proofs)
        with zipfile.ZipFile(raw, "w", allowZip64=True) as bundle:
            for done, entry in enumerate(self.entries):
                self._check_cancel()
                self._report(done, entry.path)
                self._write_evidence(bundle, entry)
            self._check_cancel()
            self._record_sm3()
            self._report(len(self.entries), None)
            facts = item_facts(self.vault, self.entries, language=self.request.language)
            html, pdf_html = evidence_list.render_screen_and_print(
                evidence_list.ReportInput(
                    language=self.request.language,
                    bundle_id=self.bundle_id,
                    created_at=self.created_at,
                    time_zone=self.vault.tz,
                    fingerprint=self.fingerprint,
                    lenders=self.lenders,
                    items=self.entries,
                    facts=facts,
                    thumbnails=self.thumbnails,
                    time_note=evidence_list.time_statement(
                        self.request.language, self.entries, self.times
                    ),
                    extra_sections=analysis_sections(
                        self.vault,
                        [lender.name for lender in self.lenders],
                        self.request.language,
                        start=self.request.date_from,
                        end=self.request.date_to,
                    ),
                )
            )
            report_files = [layout.REPORT_HTML]
            self._write_small(bundle, layout.REPORT_HTML, html.encode("utf-8"))
            if render_pdf is not None:
                self._write_pdf(bundle, temp, pdf_html, render_pdf)
                report_files.append(layout.REPORT_PDF)
            self._check_cancel()
            transcripts = self._transcripts()
            for entry, transcript in transcripts:
                self._check_cancel()
                measured = facts[entry.item.id].duration_s if entry.item.id in facts else None
                report_files += self._write_transcript(
                    bundle, temp, entry, transcript, measured, render_pdf
                )
            for part in self.time_files:
                self._write_small(bundle, part.path, part.data)
            self._write_small(
                bundle, layout.MANIFEST, manifest.encode(self._manifest(report_files))
            )
            self._write_small(
                bundle,
                layout.README,
                readme.readme_bytes(
                    readme.readme_text(
                        bundle_name=self.request.out.name,
                        bundle_id=self.bundle_id,
                        created_at=seconds_utc(self.created_at),
                        fingerprint=self.fingerprint,
                        items=len(self.entries),
                        statements=sorted({p.statement for p in self.proofs.values()}),
                        items_without_time=len(self.entries) - len(self.proofs),
                        notes=sum(1 for e in self.entries if e.item.kind == layout.NOTE_KIND),
                        example_file=self.entries[0].path if self.entries else None,
                        transcripts=len(transcripts),
                    )
                ),
            )
            signer = allowed_signers_line(
                layout.PRINCIPAL, self.vault.keys.signing_key.public_key()
            )
            self._write_small(bundle, layout.ALLOWED_SIGNERS, (signer + "\n").encode("ascii"))
            sums = layout.format_sums(self.sums)
            self.sums_digest = hashlib.sha256(sums).hexdigest()
            self._write_small(bundle, layout.SHA256SUMS, sums, summed=False)
            signature = sign(self.vault.keys.signing_key, sums, layout.NAMESPACE)
            self._write_small(bundle, layout.SIGNATURE, signature.encode("ascii"), summed=False)
            self._check_cancel()
            if self.request.stamp:
                self.sums_token = time_export.stamp_sums(
                    self.vault,
                    sums,
                    self.request.tsa_urls,
                    use_vault_tsas=self.request.use_vault_tsas,
                    timeout=self.request.tsa_timeout,
                )
            if self.sums_token is not None:
                self._write_small(
                    bundle, layout.TIMESTAMP_TOKEN, self.sums_token.response, summed=False
                )

    def _manifest(self, report_files: list[str]) -> dict[str, JSONValue]:
        request = self.request
        selection: dict[str, JSONValue] = {
            "lender": request.lender,
            "items": list(request.item_ids) if request.item_ids else None,
            "from": request.date_from.isoformat() if request.date_from else None,
            "to": request.date_to.isoformat() if request.date_to else None,
        }
        return manifest.build_manifest(
            bundle_id=self.bundle_id,
            created_at=self.created_at,
            generator=f"evault {__version__}",
            vault_id=self.vault.info.vault_id,
            ssh_public_key=self.public_line,
            fingerprint=self.fingerprint,
            time_zone=self.vault.tz.key,
            language=request.language,
            selection=selection,
            lenders=self.lenders,
            items=self.entries,
            report_files=report_files,
            proofs=self.proofs,
            checkpoints=time_export.checkpoint_entries(self.proofs, self.times),
        )

    def _write_small(
        self, bundle: zipfile.ZipFile, name: str, data: bytes, *, summed: bool = True
    ) -> None:
        info = _zip_info(name, self.created_at.astimezone(self.vault.tz))
        info.compress_type = zipfile.ZIP_DEFLATED
        bundle.writestr(info, data)
        if summed:
            self.sums.append((name, hashlib.sha256(data).hexdigest()))

    def _transcripts(self) -> list[tuple[manifest.ExportedItem, TranscriptDTO]]:
        """The exported recordings that have a transcript, with its latest version."""
        found = []
        with self.vault.sessions() as session:
            having = transcribed_items(session)  # one query, not one per item of a large bundle
            for entry in self.entries:
                item = entry.item
                if item.id not in having or not is_recording(item.kind, item.media_type):
                    continue
                transcript = transcript_for(session, item.id)
                if transcript is not None:
                    found.append((entry, transcript))
        return found

    def _write_transcript(
        self,
        bundle: zipfile.ZipFile,
        temp: Path,
        entry: manifest.ExportedItem,
        transcript: TranscriptDTO,
        measured_s: float | None,
        render_pdf: PdfRenderer | None,
    ) -> list[str]:
        """The recording's 录音文字稿 as HTML (and PDF): the paths written; ``measured_s``
        is the recording's length read from the file, for a transcript saved without one."""
        html_path, pdf_path = layout.transcript_paths(entry.path)
        text = render_transcript_html(
            TranscriptDocument(
                language=self.request.language,
                bundle_id=self.bundle_id,
                recording_path=entry.path,
                original_name=entry.item.original_name,
                sha256=entry.item.sha256,
                lender=entry.item.lender,
                transcript=transcript,
                time_zone=self.vault.tz,
                measured_ms=round(measured_s * 1000) if measured_s is not None else None,
            )
        )
        self._write_small(bundle, html_path, text.encode("utf-8"))
        if render_pdf is None:
            return [html_path]
        self._write_pdf(bundle, temp, text, render_pdf, name=pdf_path)
        return [html_path, pdf_path]

    def _write_pdf(
        self,
        bundle: zipfile.ZipFile,
        temp: Path,
        html: str,
        render_pdf: PdfRenderer,
        *,
        name: str = layout.REPORT_PDF,
    ) -> None:
        pdf = temp.with_name(temp.name + ".pdf")
        try:
            render_pdf(html, pdf)
            digest = hashlib.sha256()
            info = _zip_info(name, self.created_at.astimezone(self.vault.tz))
            info.compress_type = zipfile.ZIP_DEFLATED
            with pdf.open("rb") as source, bundle.open(info, "w", force_zip64=True) as target:
                while block := source.read(READ_SIZE):
                    digest.update(block)
                    target.write(block)
            self.sums.append((name, digest.hexdigest()))
        finally:
            with contextlib.suppress(FileNotFoundError):
                pdf.unlink()

    def _write_evidence(self, bundle: zipfile.ZipFile, entry: manifest.ExportedItem) -> None:
        item = entry.item
        local = (item.incident_at or item.captured_at).astimezone(self.vault.tz)
        info = _zip_info(entry.path, local)
        if entry.data is not None:  # a note: its file was made from the text just now
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, entry.data)
            self.bytes_done += len(entry.data)
            self.sums.append((entry.path, item.sha256))
            return
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = item.size
        digest = hashlib.sha256()
        sm3_digest = hashlib.new(SM3) if item.sm3 is None else None
        keep = (
            item.media_type in evidence_list.THUMBNAIL_TYPES
            and item.size <= evidence_list.MAX_THUMBNAIL_SOURCE
        )
        kept: list[bytes] = []
        written = 0
        with bundle.open(info, "w", force_zip64=True) as target:
            for block in self._plaintext(item):
                digest.update(block)
                if sm3_digest is not None:
                    sm3_digest.update(block)
                target.write(block)
                written += len(block)
                self.bytes_done += len(block)
                if keep:
                    kept.append(block)
        if written != item.size or digest.hexdigest() != item.sha256:
            raise EvidenceMismatchError(
                f"Item {item.id} ({entry.path}) no longer matches the hash recorded at import; "
                "the export was stopped. Run evault check."
            )
        self.sums.append((entry.path, item.sha256))
        if sm3_digest is not None:
            self.new_sm3[item.id] = sm3.ComputedSm3(item.id, item.sha256, sm3_digest.hexdigest())
        if kept:
            thumb = evidence_list.make_thumbnail(b"".join(kept))
            if thumb is not None:
                self.thumbnails[item.id] = thumb

    def _record_sm3(self) -> None:
        """Record the SM3 computed while writing, and put it and its custody event in the
        items' entries (an item given its SM3 meanwhile keeps that one, the same)."""
        if not self.new_sm3:
            return
        with self.vault.sessions() as session, session.begin():
            sm3.record(session, list(self.new_sm3.values()), datetime.now(UTC))
            for index, entry in enumerate(self.entries):
                computed = self.new_sm3.get(entry.item.id)
                if computed is not None:
                    self.entries[index] = dataclasses.replace(
                        entry,
                        item=dataclasses.replace(entry.item, sm3=computed.sm3),
                        events=tuple(ledger.iter_events(session, item_id=entry.item.id)),
                    )

    def _plaintext(self, item: ItemDTO) -> Iterator[bytes]:
        """Decrypted blocks of ``item``, decrypted one block ahead on a helper thread."""
        try:
            reader = open_item(self.vault, item.id)
        except FileNotFoundError:
            raise ExportError(f"The file of item {item.id} is missing; run evault check.") from None
        except AgeError as error:
            raise ExportError(f"Item {item.id} cannot be decrypted: {error}") from None
        blocks = (reader.pread(o, READ_SIZE) for o in range(0, reader.size, READ_SIZE))
        ahead = read_ahead(blocks)
        try:
            for block in ahead:
                self._check_cancel()
                yield block
        except AgeError as error:
            raise ExportError(f"Item {item.id} cannot be decrypted: {error}") from None
        finally:
            ahead.close()
            reader.close()


def _zip_info(name: str, moment: datetime) -> zipfile.ZipInfo:
    stamp = moment.timetuple()[:6] if moment.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.create_system = 3  # Unix, so the mode below is honoured by unzip
    info.external_attr = _SMALL_FILE_MODE
    return info


def _record(
    vault: OpenVault,
    request: ExportRequest,
    writer: _BundleWriter,
    entries: list[manifest.ExportedItem],
    lenders: list[LenderDTO],
) -> int:
    payload: dict[str, object] = {
        "bundle_id": writer.bundle_id,
        "file_name": request.out.name,
        "sha256sums_sha256": writer.sums_digest,
        "signer": writer.fingerprint,
        "language": request.language,
        "lenders": [lender.name for lender in lenders],
        "items": [{"item_id": e.item.id, "sha256": e.item.sha256} for e in entries],
        "items_with_time": len(writer.proofs),
        "sums_timestamp": None
        if writer.sums_token is None
        else {
            "tsa_name": writer.sums_token.tsa_name,
            "gen_time": format_utc(writer.sums_token.gen_time),
        },
    }
    with vault.sessions() as session, session.begin():
        event = ledger.append(
            session,
            custody.Action.EXPORTED,
            at=writer.created_at,
            lender_id=lenders[0].id if len(lenders) == 1 else None,
            payload=payload,
        )
    return event.seq
