"""A backup folder on a FAT32 USB stick: its names and files survive a real FAT32 file
system (an image made by mkfs.vfat, written and read with mtools, as this machine cannot
mount one), and a file over FAT32's 4 GiB limit is refused with a sentence naming it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import require_tool
from tests.safekeeping.conftest import PASSPHRASE, Stocked
from vault.check import check_vault
from vault.handle import unlock_vault
from vault.safekeeping import layout
from vault.safekeeping.copying import CopyTooLargeError, copy_file
from vault.safekeeping.make import make_backup
from vault.safekeeping.restore import restore_backup


def test_a_backup_copied_through_a_fat32_image_still_opens_checks_and_restores(
    stocked: Stocked, tmp_path: Path
) -> None:
    mkfs, mcopy = require_tool("mkfs.vfat"), require_tool("mcopy")
    image = tmp_path / "stick.img"
    with image.open("wb") as out:
        out.truncate(64 * 1024**2)
    subprocess.run([mkfs, "-F", "32", "-n", "USB", str(image)], check=True, capture_output=True)
    dest = tmp_path / "backup"
    make_backup(stocked.vault, dest)
    stocked.add_files(2, "b")
    make_backup(stocked.vault, dest)
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    onto = [mcopy, "-s", "-i", str(image), str(dest), "::/"]
    subprocess.run(onto, check=True, capture_output=True, env=env)
    back = tmp_path / "read-back"
    back.mkdir()
    out_of = [mcopy, "-s", "-n", "-i", str(image), "::/backup", str(back)]
    subprocess.run(out_of, check=True, capture_output=True, env=env)
    from_stick = back / "backup"
    names = {p.relative_to(dest) for p in dest.rglob("*") if p.is_file()}
    assert {p.relative_to(from_stick) for p in from_stick.rglob("*") if p.is_file()} == names
    assert len(layout.snapshot_names(from_stick)) == 2
    with unlock_vault(from_stick, PASSPHRASE, exclusive=False) as copy:
        assert check_vault(copy).ok
    restore_backup(from_stick, PASSPHRASE, tmp_path / "restored")
    with unlock_vault(tmp_path / "restored", PASSPHRASE, exclusive=False) as restored:
        assert check_vault(restored).ok


def test_a_file_over_four_gib_is_refused_on_fat32_before_anything_is_written(
    tmp_path: Path,
) -> None:
    big = tmp_path / "long-recording.age"
    with big.open("wb") as out:
        out.truncate(layout.FAT32_LIMIT + 1)  # sparse: no 4 GiB really written
    target = tmp_path / "copy.age"
    with pytest.raises(CopyTooLargeError, match=r"long-recording\.age .*FAT32.*exFAT"):
        copy_file(big, target, limit=layout.FAT32_LIMIT)
    assert not target.exists()


def test_the_file_system_of_a_folder_is_read_from_the_mount_table(tmp_path: Path) -> None:
    kind = layout.file_system_of(tmp_path)
    mounts = Path("/proc/mounts").read_text(encoding="utf-8")
    assert kind and f" {kind} " in mounts
    assert layout.size_limit(tmp_path) is (layout.FAT32_LIMIT if kind == "vfat" else None)
