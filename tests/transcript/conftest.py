"""A vault holding a real spoken call recording (espeak-ng, ffmpeg) and a screenshot."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers import require_tool
from vault.handle import OpenVault, create_vault
from vault.importing import import_paths
from vault.lenders import add_lender

PASSPHRASE = "correct horse battery staple"
LENDER = "微粒貸"


@pytest.fixture(scope="session")
def phone_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("phone")
    speech = folder / "speech.wav"
    subprocess.run(
        [require_tool("espeak-ng"), "-v", "zh", "-w", str(speech), "你再不还钱就去你家"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            require_tool("ffmpeg"),
            *("-hide_banner", "-loglevel", "error", "-y", "-i", str(speech)),
            *("-c:a", "aac", "-b:a", "32k", str(folder / "13800138000_20240302103000.m4a")),
        ],
        check=True,
    )
    speech.unlink()
    Image.new("RGB", (90, 160), (240, 240, 240)).save(
        folder / "Screenshot_2024-03-01-14-22-01-123_com.tencent.mm.png"
    )
    return folder


@pytest.fixture
def vault(tmp_path: Path, phone_files: Path) -> Iterator[OpenVault]:
    opened, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=10, time_zone="Asia/Shanghai"
    )
    add_lender(opened, LENDER)
    report = import_paths(opened, sorted(phone_files.iterdir()), lender=LENDER)
    assert all(r.item_id for r in report.results), report
    yield opened
    opened.lock()
