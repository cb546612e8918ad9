"""``evault complaint pack``: the material one complaint channel takes, made from the case.

A pack is a folder ``投诉材料_<channel>_<lender>_<date>`` (and, for a channel that takes
one, a ZIP of it beside it) holding:

- ``投诉内容.txt``: the paste-ready text in the channel's fields (:mod:`vault.case.pack_text`);
- ``附件/``: what fits the channel's limits (:mod:`vault.case.pack_channels`) — the
  violation table as a PDF (rendered by the injected HTML-to-PDF renderer, as the
  bundle's evidence list is) and compressed, captioned JPEG copies of the lender's
  images (:mod:`vault.case.pack_images`), images the rules cite first; every file is
  under the channel's per-file limit;
- ``附件清单.txt``: each attachment with, for a copy, the 序号 and SHA-256 of its original;
- ``投诉指引.txt``: where to file it, what the channel asks for, and what to do next.

Items are numbered as the full bundle numbers them (:func:`vault.bundle.export.bundle_entries`),
so "序号 007" in a pack is ``evidence/<lender>/007_…`` in the bundle. The folder is
written under a hidden temporary name beside the destination and renamed into place
when complete; a crash leaves no complete-looking pack. Making a pack is recorded as a
custody event (which channel, which items' copies left the vault).
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import shutil
import threading
import uuid
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from vault import custody
from vault.bundle import layout
from vault.bundle.export import ExportRequest, NothingToExportError, bundle_entries
from vault.bundle.manifest import ExportedItem
from vault.bundle.report.case_sections import render_findings, render_stats
from vault.bundle.report.evidence_list import style_sheet
from vault.case.pack_channels import ChannelSpec, channel_spec
from vault.case.pack_images import image_copy
from vault.case.pack_text import PackAttachment, PackInput, compose, encode, number_text
from vault.case.rules.detector import rule_results
from vault.case.stats import stats_for
from vault.custody import ledger
from vault.dto import Finding, Jsonable, LenderDTO, LenderStats
from vault.errors import UsageError, VaultError
from vault.handle import OpenVault
from vault.items import open_item
from vault.lenders import lender_by_name, list_lenders
from vault.notes import list_notes
from vault.portable import fsync_dir

logger = logging.getLogger(__name__)

TEXT_FILE = "投诉内容.txt"
GUIDE_FILE = "投诉指引.txt"
LIST_FILE = "附件清单.txt"
ATTACHMENTS_DIR = "附件"
TABLE_PDF = "违规情况表.pdf"
MAX_IMAGE_SOURCE = 64 * 1024 * 1024  # originals larger than this are not copied
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/heic", "image/gif"})

PdfRenderer = Callable[[str, Path], None]
ProgressCallback = Callable[[int, int], None]  # done, total


class CompanyMissingError(UsageError):
    code = "pack_company_missing"


class PackEmptyError(UsageError):
    code = "pack_empty"


class PackCancelledError(UsageError):
    code = "pack_cancelled"


class PackMismatchError(VaultError):
    """An original no longer matches the hash recorded at import: no copy is made of it."""

    code = "pack_hash_mismatch"
    exit_code = 1


@dataclass(frozen=True)
class PackResult(Jsonable):
    channel: str
    folder: Path
    zip_path: Path | None
    text_file: Path
    attachments: tuple[PackAttachment, ...]
    copied_items: tuple[str, ...]  # ids of the items whose copies are attached
    images_left_out: int  # the lender's images beyond the channel's count
    table_pdf: bool  # the violation table went in as a PDF
    next_steps: str  # in the language asked for
    where: str


def default_demands(channel: str) -> tuple[str, ...]:
    """The 诉求 a pack states unless the user writes their own."""
    return channel_spec(channel).demands_zh


def build_pack(
    vault: OpenVault,
    lender: str,
    channel: str,
    out_dir: Path,
    *,
    company: str | None = None,
    demands: Sequence[str] | None = None,
    render_pdf: PdfRenderer | None = None,
    language: str = "zh_CN",
    made_on: date | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> PackResult:
    """Write the pack of ``lender`` for ``channel`` into the folder ``out_dir``."""
    spec = channel_spec(channel)
    if not out_dir.is_dir():
        raise UsageError(f"The folder {out_dir} does not exist.")
    who = _lender(vault, lender)
    chosen_company = (company or who.company or "").strip()
    if not chosen_company:
        raise CompanyMissingError(
            f"The lender {who.name!r} has no company name (被投诉机构全称); set it with: "
            f'evault lender update --vault DIR "{who.name}" --company "公司全称".'
        )
    today = made_on or datetime.now(vault.tz).date()
    try:
        request = ExportRequest(out=out_dir / "unused.zip", lender=who.name)
        entries, _ = bundle_entries(vault, request)
    except NothingToExportError:
        raise PackEmptyError(
            f"The lender {who.name!r} has no evidence yet to make complaint material from."
        ) from None
    results = rule_results(vault, who.name)
    stats = stats_for(vault, who.name)
    notes = list_notes(vault, who.name)
    chosen = _images(entries, results.findings, spec)
    name = _free_name(
        out_dir, f"投诉材料_{spec.code}_{layout.path_segment(who.name, 'lender')}_{today}"
    )
    final = out_dir / name
    temp = out_dir / f".{name}.{uuid.uuid4().hex[:12]}.partial"
    os.mkdir(temp, 0o700)
    try:
        attachments, table = _write_attachments(
            vault, temp / ATTACHMENTS_DIR, entries, chosen, spec, stats, results.findings,
            render_pdf, progress, cancel,
        )  # fmt: skip
        text = compose(
            PackInput(
                spec=spec,
                lender=who,
                company=chosen_company,
                stats=stats,
                findings=results.findings,
                entries=entries,
                notes=notes,
                demands=tuple(d.strip() for d in (demands or spec.demands_zh) if d.strip()),
                attachments=attachments,
                tz=vault.tz,
                made_on=today,
            )
        )
        _write(temp / TEXT_FILE, encode(text))
        _write(temp / LIST_FILE, encode(_attachment_list(entries, attachments)))
        _write(temp / GUIDE_FILE, encode(guide_text(spec)))
        zip_path = _zip(temp, out_dir, name) if spec.makes_zip else None
        os.rename(temp, final)
        fsync_dir(out_dir)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    _record(vault, who, spec, final, attachments)
    logger.info("wrote a %s complaint pack with %d attachments", spec.code, len(attachments))
    return PackResult(
        channel=spec.code,
        folder=final,
        zip_path=zip_path,
        text_file=final / TEXT_FILE,
        attachments=tuple(attachments),
        copied_items=tuple(entry.item.id for entry in chosen.entries),
        images_left_out=chosen.left_out,
        table_pdf=table,
        next_steps=spec.next_steps.get(language, spec.next_steps["zh_CN"]),
        where=spec.where_en if language == "en" else spec.where_zh,
    )


def guide_text(spec: ChannelSpec) -> str:
    """Where to file, what the channel asks for, and what to do next (投诉指引.txt)."""
    lines = [f"【渠道】{spec.name_zh}", f"【在哪里提交】{spec.where_zh}", "【需要准备】"]
    lines += [f"□ {entry}" for entry in spec.checklist_zh]
    limit = spec.max_file_bytes / 1_000_000
    kinds = "PDF、JPG" if spec.takes_pdf else "JPG"
    lines += [
        f"【附件限制】每个文件不超过 {limit:g} MB（{kinds}）；本材料包的附件均已控制在此之内。",
        "【下一步】",
        spec.next_steps["zh_CN"],
        "",
        "说明：附件中的图片是压缩副本，每张下方注明其在完整证据包中的序号和原件的 SHA-256；"
        "对方如需核对，请提供完整证据包（ZIP），其中的原件可逐一校验。",
    ]
    if not spec.verified:
        lines.append("渠道的限制和地址来自公开资料，提交前请以渠道页面的最新说明为准。")
    return "\n".join(lines) + "\n"


# --- choosing and writing ---------------------------------------------------------------


@dataclass(frozen=True)
class _Chosen:
    entries: tuple[ExportedItem, ...]
    left_out: int


def _lender(vault: OpenVault, name: str) -> LenderDTO:
    with vault.sessions() as session:
        lender_by_name(session, name)  # the one "no such lender" error
    return next(x for x in list_lenders(vault) if x.name == name.strip())


def _images(
    entries: Sequence[ExportedItem], findings: Sequence[Finding], spec: ChannelSpec
) -> _Chosen:
    """The images to copy: those the findings cite first, then the rest, in bundle order."""
    images = [
        e for e in entries
        if e.item.media_type in IMAGE_TYPES and e.item.size <= MAX_IMAGE_SOURCE
    ]  # fmt: skip
    cited = {item_id for finding in findings for item_id in finding.item_ids}
    ordered = sorted(images, key=lambda e: (e.item.id not in cited, e.number))
    kept = sorted(ordered[: spec.max_images], key=lambda e: e.number)
    return _Chosen(tuple(kept), len(images) - len(kept))


def _write_attachments(
    vault: OpenVault,
    folder: Path,
    entries: Sequence[ExportedItem],
    chosen: _Chosen,
    spec: ChannelSpec,
    stats: LenderStats,
    findings: Sequence[Finding],
    render_pdf: PdfRenderer | None,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> tuple[list[PackAttachment], bool]:
    os.mkdir(folder, 0o700)
    attachments: list[PackAttachment] = []
    total = len(chosen.entries) + 1
    table = False
    if spec.takes_pdf and render_pdf is not None:
        pdf = folder / TABLE_PDF
        render_pdf(_table_html(vault, stats, findings), pdf)
        size = pdf.stat().st_size
        if size > spec.max_file_bytes:
            pdf.unlink()
            logger.warning("the violation table PDF is over the channel's limit; left out")
        else:
            attachments.append(PackAttachment(TABLE_PDF, size, _sha256(pdf), None, None, None))
            table = True
    if progress is not None:
        progress(1, total)
    for index, entry in enumerate(chosen.entries, start=1):
        if cancel is not None and cancel.is_set():
            raise PackCancelledError("The complaint pack was cancelled; nothing was written.")
        item = entry.item
        shown = number_text(entries, entry.number)
        data = _read(vault, item.id)
        if hashlib.sha256(data).hexdigest() != item.sha256:
            raise PackMismatchError(
                f"Item {item.id} no longer matches the hash recorded at import; run evault check."
            )
        copy = image_copy(data, number_text=shown, sha256=item.sha256, limit=spec.max_file_bytes)
        name = f"附件{index + int(table):02d}_序号{shown}_副本.jpg"
        (folder / name).write_bytes(copy)
        attachments.append(
            PackAttachment(
                name, len(copy), hashlib.sha256(copy).hexdigest(), entry.number,
                item.sha256, item.original_name,
            )
        )  # fmt: skip
        if progress is not None:
            progress(index + 1, total)
    return attachments, table


def _table_html(vault: OpenVault, stats: LenderStats, findings: Sequence[Finding]) -> str:
    table = render_findings(findings, "zh_CN")  # the violations first, then the figures
    body = table + render_stats(stats, (), "zh_CN", vault.tz, with_findings=False)
    title = html.escape(stats.lender)
    return (
        f"<html><head><meta charset='utf-8'><style>{style_sheet('zh_CN')}</style></head><body>"
        f"<h1>违规情况表 — {title}</h1>{body}</body></html>"
    )


def _read(vault: OpenVault, item_id: str) -> bytes:
    reader = open_item(vault, item_id)
    try:
        return reader.pread(0, reader.size)
    finally:
        reader.close()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(path: Path, data: bytes) -> None:
    with path.open("xb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _attachment_list(entries: Sequence[ExportedItem], attachments: Sequence[PackAttachment]) -> str:
    lines = [
        "附件清单（图片均为压缩副本；原件在完整证据包的 evidence/ 文件夹中，序号相同）",
        "文件名\t大小（字节）\t本文件 SHA-256\t原件序号\t原件 SHA-256\t原件文件名",
    ]
    for file in attachments:
        number = "" if file.number is None else number_text(entries, file.number)
        lines.append(
            f"{file.name}\t{file.size}\t{file.sha256}\t{number}\t"
            f"{file.original_sha256 or ''}\t{file.original_name or ''}"
        )
    return "\n".join(lines) + "\n"


def _free_name(folder: Path, base: str) -> str:
    name, n = base, 1
    while (folder / name).exists() or (folder / f"{name}.zip").exists():
        n += 1
        name = f"{base}_{n}"
    return name


def _zip(temp: Path, out_dir: Path, name: str) -> Path:
    """A ZIP of the pack's files under ``name/``, renamed into place beside the folder."""
    target = out_dir / f"{name}.zip"
    partial = out_dir / f".{name}.zip.{uuid.uuid4().hex[:12]}.partial"
    try:
        with zipfile.ZipFile(partial, "x", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(temp.rglob("*")):
                if path.is_file():
                    bundle.write(path, f"{name}/{path.relative_to(temp).as_posix()}")
        with partial.open("rb") as done:
            os.fsync(done.fileno())
        os.rename(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _record(
    vault: OpenVault,
    lender: LenderDTO,
    spec: ChannelSpec,
    folder: Path,
    files: Sequence[PackAttachment],
) -> None:
    with vault.sessions() as session, session.begin():
        ledger.append(
            session,
            custody.Action.COMPLAINT_PACK,
            at=datetime.now(UTC),
            lender_id=lender.id,
            payload={
                "channel": spec.code.value,
                "folder": folder.name,
                "copies": [
                    {"number": f.number, "original_sha256": f.original_sha256, "sha256": f.sha256}
                    for f in files
                    if f.number is not None
                ],
            },
        )


__all__ = [
    "CompanyMissingError",
    "PackCancelledError",
    "PackEmptyError",
    "PackResult",
    "build_pack",
    "default_demands",
    "guide_text",
]
