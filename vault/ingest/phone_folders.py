"""A phone plugged in over USB: where it is mounted, and its folders that hold evidence.

Linux shows a phone in one of two ways. Over MTP (what Android offers by default) GVFS
mounts it under ``/run/user/UID/gvfs/mtp:host=<maker>_<model>_<serial>``, one folder
per storage ("Internal shared storage", "内部共享存储空间", an SD card). As USB mass
storage (older phones, SD cards in a reader) the desktop mounts each volume under
``/media/USER/<label>`` or ``/run/media/USER/<label>``, and the volume is the storage.

Each vendor's recorder and the chat apps write to fixed folders relative to the
storage root; each is one row of :data:`FOLDERS` and of docs/phone-folders.md. The
roots to look under are a parameter, so tests build a vendor's tree in a temporary
folder. Nothing here writes: the folders found are imported by the ordinary folder
import (:func:`vault.importing.import_paths`), which copies and never changes them.
"""

from __future__ import annotations

import getpass
import logging
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from vault.ingest.pipeline import expand

logger = logging.getLogger(__name__)

_MAX_STORAGES = 8  # storages per MTP device looked into (internal, SD card, …)
_MAX_COUNT = 100_000  # files counted per folder; more is shown as this many


class FolderKind(StrEnum):
    CALL_RECORDINGS = "call_recordings"
    SCREENSHOTS = "screenshots"
    CHAT_IMAGES = "chat_images"


class Transport(StrEnum):
    MTP = "mtp"
    MASS_STORAGE = "mass_storage"


@dataclass(frozen=True, slots=True)
class KnownFolder:
    """One place evidence is written, relative to a storage root."""

    id: str
    path: str  # "/"-separated, matched case-insensitively per component
    vendor: str
    kind: FolderKind


# One row per folder; docs/phone-folders.md lists the same rows with their sources.
FOLDERS: tuple[KnownFolder, ...] = (
    KnownFolder("xiaomi_call_rec", "MIUI/sound_recorder/call_rec", "Xiaomi / HyperOS",
                FolderKind.CALL_RECORDINGS),
    KnownFolder("huawei_call_record", "Sounds/CallRecord", "Huawei / Honor",
                FolderKind.CALL_RECORDINGS),
    KnownFolder("vivo_record_call", "Record/Call", "vivo", FolderKind.CALL_RECORDINGS),
    KnownFolder("oppo_music_call_recordings", "Music/Recordings/Call Recordings",
                "OPPO / realme / OnePlus", FolderKind.CALL_RECORDINGS),
    KnownFolder("oppo_call_recordings", "Recordings/Call Recordings",
                "OPPO / realme / OnePlus", FolderKind.CALL_RECORDINGS),
    KnownFolder("samsung_recordings_call", "Recordings/Call", "Samsung",
                FolderKind.CALL_RECORDINGS),
    KnownFolder("recordings", "Recordings", "OPPO / realme, Pixel", FolderKind.CALL_RECORDINGS),
    KnownFolder("lineage_call_recordings", "Music/Call Recordings", "LineageOS",
                FolderKind.CALL_RECORDINGS),
    KnownFolder("cube_acr", "CubeCallRecorder/All", "Cube ACR", FolderKind.CALL_RECORDINGS),
    KnownFolder("dcim_screenshots", "DCIM/Screenshots", "Android", FolderKind.SCREENSHOTS),
    KnownFolder("pictures_screenshots", "Pictures/Screenshots", "Android",
                FolderKind.SCREENSHOTS),
    KnownFolder("wechat_pictures", "Pictures/WeiXin", "WeChat", FolderKind.CHAT_IMAGES),
    KnownFolder("wechat_pictures_en", "Pictures/WeChat", "WeChat", FolderKind.CHAT_IMAGES),
    KnownFolder("wechat_tencent", "tencent/MicroMsg/WeiXin", "WeChat", FolderKind.CHAT_IMAGES),
    KnownFolder("qq_pictures", "Pictures/QQ", "QQ", FolderKind.CHAT_IMAGES),
    KnownFolder("qq_tencent", "tencent/QQ_Images", "QQ", FolderKind.CHAT_IMAGES),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class FoundFolder:
    """A known folder present on a phone, with how many files the import would take."""

    folder: KnownFolder
    path: Path
    files: int


@dataclass(frozen=True, slots=True)
class PhoneStorage:
    """One storage of a phone (or one mass-storage volume) and its evidence folders."""

    name: str  # what the user recognises: the phone's model, then the storage
    transport: Transport
    root: Path
    folders: tuple[FoundFolder, ...]


def default_roots() -> tuple[Path, ...]:
    """Where this user's desktop mounts phones: GVFS's MTP folder, then removable media."""
    user = _user_name()
    roots = [Path(f"/run/user/{os.getuid()}/gvfs")]
    if user:
        roots += [Path("/media") / user, Path("/run/media") / user]
    return tuple(roots)


def find_phones(
    roots: Sequence[Path] | None = None, *, cancel: threading.Event | None = None
) -> list[PhoneStorage]:
    """Every phone storage under ``roots`` (default :func:`default_roots`) with its folders.

    An MTP device is listed even with no known folder (the user sees it was found); a
    mass-storage volume only when it holds one (a USB stick is not a phone). A folder
    that holds another one found is left out: its files are the inner folder's (Samsung
    ``Recordings/Call`` inside ``Recordings``). Unreadable mounts are skipped.
    """
    found: list[PhoneStorage] = []
    for root in roots if roots is not None else default_roots():
        for mount in _children(root):
            if cancel is not None and cancel.is_set():
                return found
            found += _storages_of(mount)
    return found


def folder_paths(storages: Iterable[PhoneStorage]) -> list[Path]:
    """The paths of every folder found, in order (what "import all" imports)."""
    return [found.path for storage in storages for found in storage.folders]


def _storages_of(mount: Path) -> list[PhoneStorage]:
    if mount.name.startswith("mtp:"):
        device = _device_name(mount.name)
        listed = [
            PhoneStorage(f"{device} · {storage.name}", Transport.MTP, storage, _folders(storage))
            for storage in _children(mount)[:_MAX_STORAGES]
        ]
        return [s for s in listed if s.folders] or [PhoneStorage(device, Transport.MTP, mount, ())]
    if ":" in mount.name:
        return []  # another GVFS mount (a camera, an iPhone, a network share)
    folders = _folders(mount)
    return [PhoneStorage(mount.name, Transport.MASS_STORAGE, mount, folders)] if folders else []


def _folders(storage: Path) -> tuple[FoundFolder, ...]:
    present = [
        (known, path) for known in FOLDERS if (path := _resolve(storage, known.path)) is not None
    ]
    paths = [path for _, path in present]
    kept = [
        (known, path)
        for known, path in present
        if not any(other != path and other.is_relative_to(path) for other in paths)
    ]
    return tuple(FoundFolder(known, path, _count(path)) for known, path in kept)


def _resolve(storage: Path, relative: str) -> Path | None:
    """``storage/relative`` with each component matched case-insensitively, or ``None``."""
    here = storage
    for part in relative.split("/"):
        exact = here / part
        if exact.is_dir() and not exact.is_symlink():
            here = exact
            continue
        match = next((c for c in _children(here) if c.name.casefold() == part.casefold()), None)
        if match is None:
            return None
        here = match
    return here


def _children(folder: Path) -> list[Path]:
    """The sub-folders of ``folder`` (not links), sorted; none when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(
                Path(entry.path) for entry in entries if entry.is_dir(follow_symlinks=False)
            )
    except OSError as exc:
        logger.info("could not list a mount folder (%s)", type(exc).__name__)
        return []


def _count(folder: Path) -> int:
    return sum(1 for _ in _bounded(expand([folder])))


def _bounded(files: Iterator[Path]) -> Iterator[Path]:
    for done, path in enumerate(files):
        if done >= _MAX_COUNT:
            return
        yield path


_SERIAL = re.compile(r"^(?=.*\d)[0-9A-Za-z]{8,}$")


def _device_name(mount_name: str) -> str:
    """ "mtp:host=Xiaomi_Redmi_Note_12_a1b2c3d4" -> "Xiaomi Redmi Note 12"."""
    host = mount_name.split("host=", 1)[-1]
    words = [w for w in re.split(r"[_\s]+", host) if w]
    if len(words) > 1 and _SERIAL.match(words[-1]):
        words = words[:-1]
    return " ".join(words) or mount_name


def _user_name() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None
