"""Fixtures of the receive tests: a fast vault with one lender, and real files to send."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.case.case_xml import Call, write_calls
from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from tests.helpers import require_tool
from tests.ingest.ingest_images import save_image
from vault.handle import OpenVault, create_vault
from vault.lenders import add_lender

LENDER = "微粒貸"
# A Xiaomi call recording's name: the number and the local time are in it.
RECORDING_NAME = "13800138000(13800138000)_20240315143022.m4a"


@pytest.fixture
def receive_vault(tmp_path: Path) -> Iterator[OpenVault]:
    opened, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(opened, LENDER)
    yield opened
    opened.lock()


@pytest.fixture(scope="session")
def phone_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A spoken call recording (espeak-ng, then AAC in M4A with the index at its end, as
    phones write it), a screenshot with EXIF (Pillow) and a call-log backup XML."""
    folder = tmp_path_factory.mktemp("phone")
    speech = folder / "speech.wav"
    subprocess.run(
        [require_tool("espeak-ng"), "-v", "zh", "-w", str(speech), "你好，请按时还款"],
        check=True,
        capture_output=True,
    )
    recording = folder / RECORDING_NAME
    subprocess.run(
        [require_tool("ffmpeg"), "-hide_banner", "-loglevel", "error", "-y", "-i", str(speech),
         "-c:a", "aac", "-map_metadata", "-1", str(recording)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    screenshot = save_image(
        folder / "Screenshot_2024-03-16-09-10-11-222_com.tencent.mm.jpg",
        "JPEG",
        original="2024:03:16 09:10:11",
        offset="+08:00",
    )
    calls = write_calls(
        folder / "calls-20240317.xml",
        [Call("13800138000", "2024-03-17 10:00", type=3), Call("13800138000", "2024-03-17 11:00")],
    )
    return {"recording": recording, "screenshot": screenshot, "calls": calls}
