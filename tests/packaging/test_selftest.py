"""The self-test from the checkout: it passes here, and it fails naming what is missing."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from PIL import Image

from tests.helpers import REPO, require_tool
from ui.pdf_report import render_pdf
from vault import shipped
from vault.ingest.exif import read_exif
from vault.ingest.media_dates import wav_time
from vault.selftest import RECORDED, SCREENSHOT_TAKEN, recording_wav, run_selftest, screenshot_png


def _run(**options: object) -> tuple[int, list[str]]:
    lines: list[str] = []
    code = run_selftest(say=lines.append, **options)  # type: ignore[arg-type]
    return code, lines


def test_the_selftest_walks_the_whole_path_here() -> None:
    code, lines = _run(render_pdf=render_pdf)
    assert code == 0, "\n".join(lines)
    steps = [line.split(":")[0] for line in lines[:-1]]
    assert all(step.startswith("ok  ") for step in steps), lines
    assert any("export with the PDF list" in step for step in steps)
    ocr = next(line for line in lines if line.startswith("ok  read the screenshot's text"))
    assert "in a child process" in ocr, "Tesseract is installed here: the step reads"
    assert lines[-1].startswith("Self-test passed")


def test_a_missing_module_is_named_and_stops_the_run() -> None:
    code, lines = _run(render_pdf=render_pdf, modules=["vault.no_such_part"])
    assert code == 1
    assert [line.split(":")[0] for line in lines] == ["ok  data files", "FAILED  modules"]
    assert lines[-1] == (
        "FAILED  modules: the module vault.no_such_part is missing from this installation."
    )


def test_without_a_pdf_renderer_the_export_step_fails() -> None:
    code, lines = _run(render_pdf=None)
    assert code == 1
    assert lines[-1] == (
        "FAILED  export with the PDF list: This installation cannot render the PDF evidence list."
    )


def test_a_folder_without_the_rule_packs_is_named(tmp_path: Path) -> None:
    for pattern, _ in shipped.DATA_FILES:
        for found in REPO.glob(pattern):
            target = tmp_path / found.relative_to(REPO)
            target.parent.mkdir(parents=True, exist_ok=True)
            if found.is_dir():
                shutil.copytree(found, target)
            else:
                shutil.copy2(found, target)
    assert shipped.missing_files(tmp_path) == []
    for pack in (tmp_path / "vault" / "case" / "rules" / "packs").glob("*.json"):
        pack.unlink()
    assert shipped.missing_files(tmp_path) == ["vault/case/rules/packs/*.json"]


def test_the_recording_is_a_wav_that_ffmpeg_plays_and_carries_its_date(tmp_path: Path) -> None:
    data = recording_wav(RECORDED)
    assert wav_time(io.BytesIO(data)) == RECORDED
    wav = tmp_path / "r.wav"
    wav.write_bytes(data)
    probe = subprocess.run(
        [require_tool("ffprobe"), "-v", "error", "-show_entries", "format=duration",
         "-of", "csv=p=0", str(wav)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert abs(float(probe.stdout) - 1.5) < 0.01


def test_the_screenshot_is_a_png_whose_exif_says_when(tmp_path: Path) -> None:
    png = tmp_path / "s.png"
    screenshot_png(png, SCREENSHOT_TAKEN)
    with Image.open(png) as image:
        assert image.format == "PNG" and image.size == (360, 640)
    with png.open("rb") as handle:
        exif = read_exif(handle)
    assert exif is not None and exif.taken == SCREENSHOT_TAKEN
