"""Phones plugged in over USB: their mounts are found, and each vendor's evidence folders."""

from __future__ import annotations

import re
import wave
from pathlib import Path

import pytest
from PIL import Image

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from vault.dto import ImportStatus
from vault.handle import create_vault
from vault.importing import import_paths
from vault.ingest.phone_folders import FOLDERS, KnownFolder, Transport, find_phones, folder_paths

REPO = Path(__file__).resolve().parents[2]
MTP = "mtp:host=Xiaomi_Redmi_Note_12_a1b2c3d4e5"
STORAGE = "内部共享存储空间"


def _recording(path: Path, tone: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(bytes([tone % 256, 1]) * 800)  # each file its own content


def _image(path: Path, shade: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (20, 40), (shade, 9, 9)).save(path)


def _fill(folder: Path, kind: str, count: int, seed: int = 0) -> None:
    for n in range(count):
        if kind == "call_recordings":
            _recording(folder / f"1380013{seed:02d}{n:02d}_20240315143022.wav", seed * 10 + n)
        else:
            _image(folder / f"Screenshot_20240315_1430{n:02d}.png", seed * 10 + n)


@pytest.mark.parametrize("known", FOLDERS, ids=[row.id for row in FOLDERS])
def test_each_vendor_folder_is_found_on_an_mtp_phone_with_its_count(
    tmp_path: Path, known: KnownFolder
) -> None:
    gvfs = tmp_path / "gvfs"
    storage = gvfs / MTP / STORAGE
    _fill(storage / known.path, known.kind, 3)
    (storage / "Android" / "data").mkdir(parents=True)  # what every phone also has
    (storage / "Download").mkdir()
    [phone] = find_phones([gvfs])
    assert phone.transport is Transport.MTP
    assert phone.name == f"Xiaomi Redmi Note 12 · {STORAGE}"
    assert [(f.folder.id, f.files) for f in phone.folders] == [(known.id, 3)]
    assert phone.folders[0].path == storage / known.path


def test_a_whole_xiaomi_phone_lists_its_recordings_wechat_and_screenshots(tmp_path: Path) -> None:
    storage = tmp_path / "gvfs" / MTP / STORAGE
    _fill(storage / "MIUI/sound_recorder/call_rec", "call_recordings", 2)
    _fill(storage / "DCIM/Screenshots", "screenshots", 4)
    _fill(storage / "Pictures/WeiXin", "chat_images", 1)
    _fill(storage / "Pictures/WeiXin/sub", "chat_images", 1, seed=5)  # counted, like import
    (tmp_path / "gvfs" / "smb-share:server=nas,share=x").mkdir()  # not a phone
    [phone] = find_phones([tmp_path / "gvfs"])
    assert {f.folder.id: f.files for f in phone.folders} == {
        "xiaomi_call_rec": 2,
        "dcim_screenshots": 4,
        "wechat_pictures": 2,
    }


def test_samsung_recordings_call_is_offered_not_the_recordings_folder_around_it(
    tmp_path: Path,
) -> None:
    storage = tmp_path / "gvfs" / "mtp:host=SAMSUNG_SAMSUNG_Android_R58M123ABCD" / "Phone"
    _fill(storage / "Recordings/Call", "call_recordings", 2)
    _fill(storage / "Recordings/Voice Recorder", "call_recordings", 1, seed=3)
    [phone] = find_phones([tmp_path / "gvfs"])
    assert phone.name == "SAMSUNG SAMSUNG Android · Phone"
    assert [(f.folder.id, f.files) for f in phone.folders] == [("samsung_recordings_call", 2)]


def test_folder_names_match_whatever_their_case(tmp_path: Path) -> None:
    storage = tmp_path / "gvfs" / MTP / STORAGE
    _fill(storage / "Tencent/micromsg/WEIXIN", "chat_images", 2)
    [phone] = find_phones([tmp_path / "gvfs"])
    assert [(f.folder.id, f.files) for f in phone.folders] == [("wechat_tencent", 2)]


def test_an_mtp_phone_without_known_folders_is_still_listed(tmp_path: Path) -> None:
    (tmp_path / "gvfs" / "mtp:host=HUAWEI_ALN-AL00_XYZ123456789" / "内部存储" / "Music").mkdir(
        parents=True
    )
    [phone] = find_phones([tmp_path / "gvfs"])
    assert phone.name == "HUAWEI ALN-AL00" and phone.folders == ()


def test_a_mass_storage_phone_is_listed_and_a_plain_usb_stick_is_not(tmp_path: Path) -> None:
    media = tmp_path / "media" / "user"
    _fill(media / "VIVO_X100" / "Record" / "Call", "call_recordings", 2)
    (media / "KINGSTON" / "photos").mkdir(parents=True)
    [phone] = find_phones([media, tmp_path / "run-media-missing"])
    assert (phone.name, phone.transport) == ("VIVO_X100", Transport.MASS_STORAGE)
    assert [(f.folder.id, f.files) for f in phone.folders] == [("vivo_record_call", 2)]


def test_found_folders_import_through_the_folder_import(tmp_path: Path) -> None:
    storage = tmp_path / "gvfs" / "mtp:host=OPPO_PGT110_abcdef123456" / "Internal shared storage"
    _fill(storage / "Music/Recordings/Call Recordings", "call_recordings", 2)
    _fill(storage / "Pictures/QQ", "chat_images", 3, seed=7)
    phones = find_phones([tmp_path / "gvfs"])
    vault, _ = create_vault(
        tmp_path / "v", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    try:
        report = import_paths(vault, folder_paths(phones))
    finally:
        vault.lock()
    assert report.count(ImportStatus.IMPORTED) == 5
    assert sum(f.files for p in phones for f in p.folders) == 5


def test_the_documented_folder_table_is_the_code_table() -> None:
    doc = (REPO / "docs" / "phone-folders.md").read_text("utf-8")
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| `([^`]+)` \|", doc, re.MULTILINE)
    assert rows == [(row.id, row.path) for row in FOLDERS]
