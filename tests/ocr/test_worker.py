"""Tesseract in child processes: the models load once per child, a crash costs one image."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ocr.screens import page
from vault.ocr import worker as worker_module
from vault.ocr.engine import OcrFailedError, UnreadableImageError, find_engine
from vault.ocr.script import fold
from vault.ocr.worker import OcrWorker, child_command, workers


@pytest.fixture
def worker() -> Iterator[OcrWorker]:
    reader = OcrWorker(find_engine())
    yield reader
    reader.close()


def test_one_child_reads_image_after_image_with_the_models_it_loaded_once(
    worker: OcrWorker,
) -> None:
    assert worker.pid is None, "a child starts at its first image, not before"
    first = fold(worker.read(page(["第一页 催收通知"])))
    pid = worker.pid
    second = fold(worker.read(page(["明天我们上门找你"])))
    assert "催收通知" in first and "上门找你" in second, (first, second)
    assert worker.pid == pid is not None, "the same child, its models still loaded"
    worker.close()
    assert worker.pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_the_child_has_a_fixed_command_line_and_no_passphrase_in_its_environment(
    worker: OcrWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVAULT_PASSPHRASE", "a passphrase only the parent knows")
    worker.read(page(["这是一页催收通知"]))
    proc = Path(f"/proc/{worker.pid}")
    assert (proc / "cmdline").read_bytes().split(b"\0")[:-1] == [
        part.encode() for part in child_command()
    ]
    environment = (proc / "environ").read_bytes()
    assert b"EVAULT_PASSPHRASE" not in environment
    assert b"a passphrase only the parent knows" not in environment
    assert b"OMP_THREAD_LIMIT=1" in environment.split(b"\0")
    limits = (proc / "limits").read_text()
    core = next(line for line in limits.splitlines() if line.startswith("Max core file size"))
    assert core.split()[4:6] == ["0", "0"], "it holds decrypted images: no core file"


def test_bytes_that_are_no_image_get_the_same_sentence_from_the_child(worker: OcrWorker) -> None:
    with pytest.raises(UnreadableImageError, match=r"^The image cannot be decoded \(damaged"):
        worker.read(b"not an image at all")
    assert "催收通知" in fold(worker.read(page(["这是一页催收通知"]))), (
        "the child goes on after a bad image"
    )


def test_a_killed_child_costs_one_image_and_the_next_image_starts_a_new_child(
    worker: OcrWorker,
) -> None:
    worker.read(page(["这是一页催收通知"]))
    killed = worker.pid
    assert killed is not None
    os.kill(killed, signal.SIGKILL)
    with pytest.raises(OcrFailedError, match=r"^Tesseract stopped on this image \(SIGKILL\)\.$"):
        worker.read(page(["第二页催收通知"]))
    assert worker.pid is None
    assert "第三页" in fold(worker.read(page(["第三页催收通知"])))
    assert worker.pid not in (None, killed)


def test_a_child_that_takes_too_long_is_ended_and_the_image_counts_as_failed(
    worker: OcrWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker_module, "SECONDS_PER_IMAGE", 0)
    monkeypatch.setattr(worker_module, "_GRACE", 0)
    with pytest.raises(OcrFailedError, match=r"^Tesseract took too long on this image\.$"):
        worker.read(page(["这是一页催收通知"]))
    assert worker.pid is None, "the child was killed, not left reading"


def test_a_set_of_children_is_ended_on_leaving_it() -> None:
    with workers(find_engine(), 2) as readers:
        assert "催收通知" in fold(readers.read(page(["这是一页催收通知"])))
        pids = [w.pid for w in readers._all if w.pid is not None]
        assert len(pids) == 1, "only the children that were needed started"
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


@pytest.fixture
def no_language_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A computer whose only Tesseract models are English (the usual minimal install)."""
    from vault.ocr import engine  # noqa: PLC0415

    only_english = tmp_path / "tessdata"
    only_english.mkdir()
    (only_english / "eng.traineddata").write_bytes(b"")
    monkeypatch.setenv("TESSDATA_PREFIX", str(only_english))
    monkeypatch.setattr(engine, "TESSDATA_FOLDERS", ())
    engine.find_engine.cache_clear()
    yield
    engine.find_engine.cache_clear()


@pytest.mark.usefixtures("no_language_files")
def test_missing_chinese_models_are_named_with_the_packages_to_install(tmp_path: Path) -> None:
    from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE  # noqa: PLC0415
    from tests.robustness.robust_helpers import in_process  # noqa: PLC0415
    from vault.handle import create_vault  # noqa: PLC0415
    from vault.ocr.engine import OcrEngineMissingError  # noqa: PLC0415

    with pytest.raises(OcrEngineMissingError) as missing:
        find_engine()
    assert str(missing.value) == (
        "Tesseract has no language file for chi_sim, chi_tra; install tesseract-ocr, "
        "tesseract-ocr-chi-sim and tesseract-ocr-chi-tra."
    )
    create_vault(tmp_path / "v", PASSPHRASE, work_factor=FAST_WORK_FACTOR)[0].lock()
    code, text = in_process(["ocr", "--vault", str(tmp_path / "v")], PASSPHRASE)
    assert code == 2 and "tesseract-ocr-chi-sim" in text, (code, text)
