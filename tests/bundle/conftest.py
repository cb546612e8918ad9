"""A vault holding real evidence (espeak-ng/ffmpeg call recording, Pillow screenshots and
photo, a PDF), and a bundle exported from it, shared by the bundle tests."""

from __future__ import annotations

import json
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from tests.helpers import require_tool
from vault.bundle.export import ExportRequest, export_bundle
from vault.dto import ExportResult
from vault.handle import OpenVault, create_vault
from vault.importing import import_paths
from vault.items import list_items
from vault.lenders import add_lender
from vault.trusted_time import servers

PASSPHRASE = "correct horse battery staple"
LENDER = "微粒貸"
OTHER_LENDER = "360借條"


@pytest.fixture(scope="session")
def originals(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Evidence files as a phone leaves them, named the way the phones name them."""
    folder = tmp_path_factory.mktemp("phone")
    speech = folder / "speech.wav"
    subprocess.run(
        [require_tool("espeak-ng"), "-v", "zh", "-w", str(speech), "你再不还钱就去你家"],
        check=True,
        capture_output=True,
    )
    recording = folder / "13800138000(13800138000)_20240302103000.m4a"
    subprocess.run(
        [
            require_tool("ffmpeg"),
            *("-hide_banner", "-loglevel", "error", "-y", "-i", str(speech)),
            *("-c:a", "aac", "-b:a", "32k", str(recording)),
        ],
        check=True,
    )
    speech.unlink()
    for day in range(1, 4):
        shot = Image.new("RGB", (360, 780), (240, 240, 240))
        for y in range(0, 780, 60):
            shot.paste((30 * day, 120, 200), (20, y, 340, y + 30))
        shot.save(folder / f"Screenshot_2024-03-0{day}-14-22-0{day}-123_com.tencent.mm.png")
    photo = Image.new("RGB", (640, 480), (90, 140, 60))
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2024:03:05 21:10:00"
    photo.save(folder / "IMG_20240305_211000.jpg", exif=exif)
    Image.new("RGB", (595, 842), (255, 255, 255)).save(folder / "律师函.pdf")
    return folder


@dataclass(frozen=True)
class Exported:
    vault_dir: Path
    bundle: Path
    result: ExportResult
    originals: dict[str, bytes]  # path in the bundle -> the original bytes


def offline(vault: OpenVault) -> OpenVault:
    """No time-stamp servers: exports then never reach out to the network."""
    for tsa in servers.tsa_list(vault):
        servers.remove_tsa(vault, tsa.url)
    return vault


def make_vault(path: Path, originals: Path) -> OpenVault:
    vault, _ = create_vault(path, PASSPHRASE, work_factor=10, time_zone="Asia/Shanghai")
    offline(vault)
    add_lender(vault, LENDER, numbers=["13800138000"], app="微粒贷")
    add_lender(vault, OTHER_LENDER)
    report = import_paths(vault, sorted(originals.iterdir()), lender=LENDER)
    assert all(r.item_id for r in report.results), report
    return vault


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, originals: Path) -> Iterator[Exported]:
    root = tmp_path_factory.mktemp("exported")
    vault = make_vault(root / "vault", originals)
    try:
        result = export_bundle(vault, ExportRequest(out=root / "bundle.zip", lender=LENDER))
        by_name = {item.original_name: item for item in list_items(vault, lender=LENDER)}
    finally:
        vault.lock()
    with zipfile.ZipFile(result.path) as archive:
        paths = [n for n in archive.namelist() if n.startswith("evidence/")]
        manifest = json.loads(archive.read("manifest.json"))
    mapping = {
        entry["path"]: (originals / by_name[entry["original_name"]].original_name).read_bytes()
        for entry in manifest["items"]
    }
    assert sorted(mapping) == sorted(paths)
    yield Exported(root / "vault", result.path, result, mapping)
