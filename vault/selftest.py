"""The self-test of an installed or built app: the borrower's whole path in a throw-away vault.

``evault selftest`` and ``evidence-vault --selftest`` run it. It proves that a build
carries every data file and module the code needs, by using them: it creates a vault in
a temporary folder, imports a phone folder (a recording, a screenshot with EXIF and an
"SMS Backup & Restore" call log), writes a note, finds the rules broken, matches the
phrase pack against Traditional text (its data files, in use), reads the screenshot
with Tesseract in a child process (where its language files are installed), exports the
lender's bundle with its PDF evidence list, verifies the bundle and checks the vault.

The phone folder is made here, not shipped: the WAV with the standard library's ``wave``
(with the ``LIST/INFO/ICRD`` date a recorder writes), the PNG with Pillow (with EXIF
``DateTimeOriginal``), the call log with :mod:`vault.demo.backup_sample`. So the files
exercise the very encoders and readers the build froze, and the build needs no tool
that makes speech. The export asks no time-stamp server: the test needs no network.

Each step prints one line; the first failure prints one sentence naming the step and
what is missing (a data file, a module) and the run ends with exit code 1.
"""

from __future__ import annotations

import importlib
import io
import math
import struct
import tempfile
import time
import traceback
import wave
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from vault import shipped
from vault.errors import VaultError

if TYPE_CHECKING:
    from vault.bundle.export import PdfRenderer
    from vault.handle import OpenVault

PASSPHRASE = "self-test: a throw-away vault"  # noqa: S105 - a vault deleted at the end
LENDER = "自检贷"
COLLECTOR = "+86 171 1234 5678"
ZONE = "Asia/Shanghai"
RECORDED = datetime(2025, 12, 31, 23, 30, 15)  # wall clock in ZONE, as the recorder writes
SCREENSHOT_TAKEN = datetime(2025, 12, 31, 23, 45, 10)
WORK_FACTOR = 18  # age's default scrypt cost: the vault is real, only short-lived
PDF_LIST = "report/evidence-list.pdf"
# what every build needs and the steps below load only on some paths
MODULES = ("sqlcipher3", "PIL.Image", "PIL.PngImagePlugin", "vault.case.rules.packs")


class SelfTestError(VaultError):
    code = "selftest_failed"
    exit_code = 1


@dataclass
class _Run:
    folder: Path
    render_pdf: PdfRenderer | None
    modules: Sequence[str]
    isolate_kdf: bool
    extra: Sequence[tuple[str, Callable[[], str]]] = ()
    vault: OpenVault | None = None
    items: dict[str, str] = field(default_factory=dict)  # file name -> item id

    @property
    def open(self) -> OpenVault:
        if self.vault is None:
            raise SelfTestError("The vault was not created.")
        return self.vault


def run_selftest(
    *,
    render_pdf: PdfRenderer | None,
    modules: Iterable[str] = (),
    isolate_kdf: bool = False,
    extra: Sequence[tuple[str, Callable[[], str]]] = (),
    say: Callable[[str], None] = print,
) -> int:
    """Run every step, saying each; 0 when all pass, 1 at the first failure.

    ``modules`` are checked beside :data:`MODULES` (the window's Qt parts, say);
    ``isolate_kdf`` runs the vault's scrypt in a child process, as the window does;
    ``extra`` are named steps of the caller's own, run after the modules load (what the
    window needs from Qt: platforms, image formats, catalogs). Each returns its line.
    """
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="evidence-vault-selftest-") as folder:
        run = _Run(Path(folder), render_pdf, [*MODULES, *modules], isolate_kdf, extra)
        try:
            for name, step in _steps(run):
                try:
                    say(f"ok  {name}: {step(run)}")
                except Exception as error:  # every failure is reported, named by its step
                    say(f"FAILED  {name}: {_sentence(error)}")
                    if not isinstance(error, _NAMED):  # a fault: its trace helps the packager
                        say("".join(traceback.format_exception(error)).rstrip())
                    return 1
        finally:
            if run.vault is not None:
                run.vault.lock()
    say(f"Self-test passed in {time.monotonic() - started:.1f} s.")
    return 0


_NAMED = (VaultError, ModuleNotFoundError, FileNotFoundError)


def _sentence(error: BaseException) -> str:
    if isinstance(error, ModuleNotFoundError):
        return f"the module {error.name} is missing from this installation."
    if isinstance(error, FileNotFoundError) and error.filename:
        return f"the file {error.filename} is missing from this installation."
    return str(error) or type(error).__name__


def _data_files(run: _Run) -> str:
    missing = shipped.missing_files()
    if missing:
        where = shipped.root()
        raise SelfTestError(f"{where} lacks the data files {', '.join(missing)}.")
    return f"{len(shipped.DATA_FILES)} kinds of data file in {shipped.root()}"


def _modules(run: _Run) -> str:
    for name in run.modules:
        importlib.import_module(name)
    return f"{len(run.modules)} modules load"


def _create(run: _Run) -> str:
    from vault.handle import create_vault  # noqa: PLC0415 - a step loads what it tests
    from vault.lenders import add_lender  # noqa: PLC0415

    run.vault, _ = create_vault(
        run.folder / "vault",
        PASSPHRASE,
        work_factor=WORK_FACTOR,
        time_zone=ZONE,
        isolate_kdf=run.isolate_kdf,
    )
    add_lender(run.vault, LENDER, numbers=[COLLECTOR])
    how = "scrypt in a child process" if run.isolate_kdf else "scrypt in this process"
    return f"a vault with one lender ({how})"


def _import(run: _Run) -> str:
    from vault.dto import ImportStatus  # noqa: PLC0415 - a step loads what it tests
    from vault.importing import import_paths  # noqa: PLC0415
    from vault.items import list_items  # noqa: PLC0415

    phone = make_phone_folder(run.folder / "phone")
    report = import_paths(run.open, [phone], lender=LENDER)
    refused = [
        f"{r.path.name} ({r.reason or r.status})"
        for r in report.results
        if r.status is not ImportStatus.IMPORTED
    ]
    if refused or len(report.results) != 3:
        raise SelfTestError(f"The import did not take all three files: {', '.join(refused)}.")
    if not report.backups or not report.backups[0].calls:
        raise SelfTestError("The call log was imported but none of its calls were read.")
    by_name = {item.original_name: item for item in list_items(run.open, lender=LENDER)}
    expected = {RECORDING: ("audio", "container"), SCREENSHOT: ("image", "exif")}
    for name, (family, source) in expected.items():
        item = by_name.get(name)
        if item is None or not item.media_type.startswith(family):
            raise SelfTestError(f"{name} was not imported as {family}.")
        if item.time_source != source:
            raise SelfTestError(f"{name} took its time from {item.time_source}, not {source}.")
    counted = report.count(ImportStatus.IMPORTED)
    return f"{counted} files, {report.backups[0].calls} calls; times from WAV and EXIF"


def _note(run: _Run) -> str:
    from vault.notes import add_note  # noqa: PLC0415 - a step loads what it tests

    note = add_note(run.open, LENDER, "催收员说晚上上门找我父母。")
    return f"note {note.id}"


def _violations(run: _Run) -> str:
    from vault.case.rules.detector import rule_results  # noqa: PLC0415 - a step loads it

    findings = rule_results(run.open, LENDER).findings
    if not findings:
        raise SelfTestError("The rule packs found nothing in calls made at night.")
    return f"{len(findings)} findings"


def _phrases(run: _Run) -> str:
    """The phrase pack and the Simplified/Traditional table the build ships, in use."""
    from vault.categories import Category  # noqa: PLC0415 - a step loads it
    from vault.ocr.phrases import find_phrases, shipped_pack  # noqa: PLC0415

    pack = shipped_pack()
    found = find_phrases("明天上門找你", pack)
    if [p.category for p in found] != [Category.HOME_VISIT]:
        raise SelfTestError("The phrase pack or the Traditional-Simplified table is broken.")
    return f"phrase pack {pack.pack} v{pack.version}, {len(pack.phrases)} phrases"


def _ocr(run: _Run) -> str:
    """The screenshot read by a Tesseract child: the build can start its own OCR child and
    load libtesseract. Tesseract's language files are recommended, not required: without
    them the images wait, and the step says so."""
    from vault.ocr.engine import OcrEngineMissingError, find_engine  # noqa: PLC0415
    from vault.ocr.reading import read_waiting  # noqa: PLC0415

    try:
        engine = find_engine()
    except OcrEngineMissingError as error:
        return f"not run: {error}"
    done = read_waiting(run.open, workers=1)
    if done.read != 1:
        problems = [r.problem for r in done.unreadable] or ["no text was recorded"]
        raise SelfTestError(f"The screenshot could not be read: {problems[0]}")
    return f"the screenshot read by Tesseract {engine.version} in a child process"


def _export(run: _Run) -> str:
    from vault.bundle.export import ExportRequest, export_bundle  # noqa: PLC0415

    if run.render_pdf is None:
        raise SelfTestError("This installation cannot render the PDF evidence list.")
    out = run.folder / "bundle.zip"
    result = export_bundle(
        run.open, ExportRequest(out=out, lender=LENDER, stamp=False), render_pdf=run.render_pdf
    )
    with zipfile.ZipFile(out) as bundle:
        names = set(bundle.namelist())
        pdf = bundle.read(PDF_LIST) if PDF_LIST in names else b""
    if not pdf.startswith(b"%PDF"):
        raise SelfTestError(f"The bundle has no PDF evidence list ({PDF_LIST}).")
    return f"{result.items} items, {len(pdf)} bytes of PDF list"


def _verify(run: _Run) -> str:
    from vault.bundle.verify import verify_bundle  # noqa: PLC0415 - a step loads what it tests

    result = verify_bundle(run.folder / "bundle.zip")
    if not result.valid:
        failed = "; ".join(f"{c.name}: {c.summary}" for c in result.checks if not c.ok)
        raise SelfTestError(f"The bundle this installation wrote does not verify: {failed}.")
    return f"{len(result.checks)} checks pass"


def _check(run: _Run) -> str:
    from vault.check import check_vault  # noqa: PLC0415 - a step loads what it tests

    report = check_vault(run.open)
    if not report.ok:
        raise SelfTestError(f"The vault check found: {report.problems[0].message}")
    return f"{report.items_checked} items, {report.events_checked} custody events"


def _steps(run: _Run) -> list[tuple[str, Callable[[_Run], str]]]:
    def call(step: Callable[[], str]) -> Callable[[_Run], str]:
        return lambda _: step()

    return [*STEPS[:2], *((name, call(step)) for name, step in run.extra), *STEPS[2:]]


STEPS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("data files", _data_files),
    ("modules", _modules),
    ("create a vault", _create),
    ("import a phone folder", _import),
    ("write a note", _note),
    ("violations", _violations),
    ("suggestions from text", _phrases),
    ("read the screenshot's text", _ocr),
    ("export with the PDF list", _export),
    ("verify the bundle", _verify),
    ("check the vault", _check),
)

# --- the phone folder -----------------------------------------------------------------

RECORDING = "17112345678_20251231233015.wav"  # a Huawei recorder's name: number, time
SCREENSHOT = "Screenshot_20251231_234510_com.tencent.mm.png"
CALLS = "calls-20260204013000.xml"


def make_phone_folder(folder: Path) -> Path:
    """A recording, a screenshot and a call log with night calls, as copied off a phone."""
    from vault.demo.backup_sample import write_calls  # noqa: PLC0415 - a step loads it

    folder.mkdir(parents=True)
    (folder / RECORDING).write_bytes(recording_wav(RECORDED))
    screenshot_png(folder / SCREENSHOT, SCREENSHOT_TAKEN)
    write_calls(folder / CALLS, 60, days=30, numbers=[COLLECTOR])
    return folder


def recording_wav(recorded: datetime, seconds: float = 1.5, rate: int = 16_000) -> bytes:
    """A mono 16-bit PCM WAV (a falling two-tone ring) dated with ``LIST/INFO/ICRD``."""
    samples = bytearray()
    for n in range(int(seconds * rate)):
        tone = 440.0 if (n // (rate // 4)) % 2 == 0 else 330.0
        value = int(12_000 * math.sin(2 * math.pi * tone * n / rate))
        samples += struct.pack("<h", value)
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(bytes(samples))
    stamp = recorded.strftime("%Y-%m-%d %H:%M:%S").encode("ascii") + b"\x00"
    info = b"INFO" + b"ICRD" + struct.pack("<I", len(stamp)) + stamp
    chunk = b"LIST" + struct.pack("<I", len(info)) + info
    data = out.getvalue() + chunk
    return data[:4] + struct.pack("<I", len(data) - 8) + data[8:]


def screenshot_png(path: Path, taken: datetime) -> None:
    """A phone-sized PNG with a chat bubble, its EXIF saying when it was taken."""
    from PIL import ExifTags, Image, ImageDraw  # noqa: PLC0415 - a step loads what it tests

    image = Image.new("RGB", (360, 640), (245, 245, 245))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((30, 120, 330, 170), radius=12, fill=(200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "HUAWEI"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken.strftime(
        "%Y:%m:%d %H:%M:%S"
    )
    image.save(path, exif=exif)
