"""Reading a ZIP archive someone else made, treating it as hostile.

A bundle arrives from a stranger, so before any entry is read the archive is checked
(APPNOTE.TXT, the PKWARE ZIP specification, is the reference for the records parsed):

- the end-of-central-directory record (and its ZIP64 form) is read first, so an
  archive claiming too many entries or a huge central directory is refused before
  Python's ``zipfile`` builds a list of them;
- every name must be a plain relative path: no absolute path, drive letter,
  backslash, ``.``/``..`` segment, empty segment or control character;
- symlinks and other special entries, encrypted entries and compression methods other
  than stored and deflate are refused;
- a name may occur once, also when compared the way case-insensitive file systems
  compare them (NFC, case-folded);
- sizes are bounded per entry and in total, and an entry that expands more than
  ``max_ratio`` times is a zip bomb; entries whose data overlap (the trick of
  non-recursive zip bombs) are refused;
- reading an entry never yields more bytes than its declared size, and its CRC-32 is
  checked at the end (``zipfile`` does both), so a lying header ends in an error;
- bytes before the first entry (a prefix) or after the end record (appended data, a
  polyglot) are counted in :attr:`SafeZip.prefix_bytes` and :attr:`SafeZip.appended_bytes`
  for the verifier to report: no bundle Evidence Vault writes has any.

Nothing is ever extracted: callers stream entries from the archive.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import stat
import struct
import sys
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from vault.errors import VaultError

logger = logging.getLogger(__name__)

READ_SIZE = 1 << 20
_EOCD = struct.Struct("<4s4H2LH")
_EOCD_SIG = b"PK\x05\x06"
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_LOCATOR_SIG = b"PK\x06\x07"
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_ZIP64_EOCD_SIG = b"PK\x06\x06"
_MAX_COMMENT = 0xFFFF
_LOCAL_HEADER_SIZE = 30
_STORED_OR_DEFLATED = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_UNIX = 3
_ENCRYPTED = 0x1


class BundleUnreadableError(VaultError):
    """The file cannot be read as a bundle at all (verify exits 2)."""

    code = "bundle_unreadable"
    exit_code = 2


class HostileZipError(BundleUnreadableError):
    """The archive holds something no honest bundle holds (bomb, path escape, symlink …)."""

    code = "bundle_hostile_zip"


@dataclass(frozen=True)
class ZipLimits:
    """Bounds on what a bundle may hold; the defaults fit any real case file."""

    max_entries: int = 60_000  # 50,000 items with room for the bundle's other files
    max_central_directory: int = 16 << 20  # 50,000 items need 4.8 MB
    max_entry_size: int = 32 << 30
    max_total_size: int = 128 << 30
    max_ratio: int = 200  # deflate's best is about 1032:1; real bundles stay near 1:1
    ratio_floor: int = 16 << 20  # smaller entries may compress as well as they like


DEFAULT_LIMITS = ZipLimits()


@dataclass(frozen=True, slots=True)
class ZipEntry:
    name: str
    size: int
    compressed_size: int
    # what reading the entry needs, so zipfile's own list of entries can be let go
    header_offset: int = 0
    method: int = zipfile.ZIP_STORED
    flag_bits: int = 0
    crc: int = 0

    def zip_info(self) -> zipfile.ZipInfo:
        """A ZipInfo for :meth:`zipfile.ZipFile.open`, made when the entry is read."""
        info = zipfile.ZipInfo(self.name)
        info.header_offset = self.header_offset
        info.compress_type = self.method
        info.flag_bits = self.flag_bits
        info.CRC = self.crc
        info.compress_size = self.compressed_size
        info.file_size = self.size
        return info


class SafeZip:
    """A checked, read-only view of a ZIP archive; entries are streamed, never extracted."""

    def __init__(self, path: Path, limits: ZipLimits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        try:
            self._file: BinaryIO = path.open("rb")
        except OSError as error:
            raise BundleUnreadableError(
                f"{path.name} cannot be opened: {error.strerror or error}."
            ) from None
        try:
            self.appended_bytes = _check_end_record(self._file, limits)
            try:
                self._zip = zipfile.ZipFile(self._file)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
                raise BundleUnreadableError(
                    "The bundle is not a readable ZIP archive: it is damaged or was cut short."
                ) from None
            self.entries = _checked_entries(self._zip.infolist(), limits)
            self.prefix_bytes = _first_entry_offset(self._zip)
        except BaseException:
            self._file.close()
            raise
        self.directories = frozenset(
            i.filename for i in self._zip.infolist() if i.filename.endswith("/")
        )
        # zipfile's ZipInfo objects cost about 1 KB per entry, 60 MB for 60,000: the
        # checked entries hold what reading needs (ZipFile.open takes a ZipInfo).
        self._zip.filelist = []
        self._zip.NameToInfo = {}

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()
        self._file.close()

    def names(self) -> list[str]:
        """Every file entry (directories left out), in archive order."""
        return list(self.entries)

    def chunks(self, name: str) -> Iterator[bytes]:
        """The entry's bytes in pieces of at most 1 MiB; damage raises BundleUnreadableError."""
        entry = self.entries[name]
        seen = 0
        try:
            with self._zip.open(entry.zip_info()) as source:
                while block := source.read(READ_SIZE):
                    seen += len(block)
                    if seen > entry.size:  # zipfile stops at the declared size; be sure
                        raise HostileZipError(f"{name} holds more data than its header declares.")
                    yield block
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError, ValueError) as error:
            logger.info("bundle entry unreadable: %s", type(error).__name__)
            raise BundleUnreadableError(
                f"{name} cannot be read from the archive: it is damaged or was cut short."
            ) from None
        if seen != entry.size:
            raise BundleUnreadableError(f"{name} is shorter than its header declares.")

    def read(self, name: str, limit: int) -> bytes:
        """The whole entry, which must be at most ``limit`` bytes (for small text files)."""
        if self.entries[name].size > limit:
            raise HostileZipError(
                f"{name} is {self.entries[name].size} bytes, more than the {limit} it may have."
            )
        return b"".join(self.chunks(name))


def _first_entry_offset(archive: zipfile.ZipFile) -> int:
    """Where the first local header (or, with no entries, the central directory) begins.

    ``zipfile`` shifts every offset by the bytes found before the archive, so this is
    the count of bytes that precede it whether or not the prefix's writer fixed them up.
    """
    offsets = [int(info.header_offset) for info in archive.infolist()]
    return min(offsets) if offsets else int(getattr(archive, "start_dir", 0))


def _check_end_record(source: BinaryIO, limits: ZipLimits) -> int:
    """Find the end-of-central-directory record and refuse oversized directories early.

    Returns how many bytes follow the end record (and its comment).
    """
    size = source.seek(0, 2)
    tail_size = min(size, _EOCD.size + _MAX_COMMENT)
    source.seek(size - tail_size)
    tail = source.read(tail_size)
    where = tail.rfind(_EOCD_SIG)
    if where < 0 or len(tail) - where < _EOCD.size:
        raise BundleUnreadableError(
            "The file is not a ZIP archive, or it was cut short: its end record is missing."
        )
    eocd_offset = size - tail_size + where
    _, disk, cd_disk, _, entries, cd_size, cd_offset, comment = _EOCD.unpack_from(tail, where)
    end: int = eocd_offset + _EOCD.size + comment
    if end > size:
        raise BundleUnreadableError(
            "The ZIP archive's end record is cut short: the file was truncated."
        )
    if 0xFFFF in (entries, disk, cd_disk) or 0xFFFFFFFF in (cd_size, cd_offset):
        entries, cd_size, disk, cd_disk = _zip64_record(source, eocd_offset)
    if disk != 0 or cd_disk != 0:
        raise BundleUnreadableError("Split or multi-disk ZIP archives are not supported.")
    if entries > limits.max_entries:
        raise HostileZipError(
            f"The archive claims {entries} entries; a bundle may hold at most {limits.max_entries}."
        )
    if cd_size > limits.max_central_directory:
        raise HostileZipError(
            f"The archive's directory is {cd_size} bytes; at most "
            f"{limits.max_central_directory} are accepted."
        )
    return size - end


def _zip64_record(source: BinaryIO, eocd_offset: int) -> tuple[int, int, int, int]:
    locator_offset = eocd_offset - _ZIP64_LOCATOR.size
    if locator_offset < 0:
        raise BundleUnreadableError("The ZIP64 archive's locator record is missing.")
    source.seek(locator_offset)
    sig, _, record_offset, disks = _ZIP64_LOCATOR.unpack(source.read(_ZIP64_LOCATOR.size))
    if sig != _ZIP64_LOCATOR_SIG:
        raise BundleUnreadableError("The ZIP64 archive's locator record is missing.")
    if disks > 1 or record_offset > locator_offset - _ZIP64_EOCD.size:
        raise BundleUnreadableError("The ZIP64 archive's end record is misplaced.")
    source.seek(record_offset)
    record = source.read(_ZIP64_EOCD.size)
    if len(record) != _ZIP64_EOCD.size:
        raise BundleUnreadableError("The ZIP64 archive's end record is cut short.")
    sig, _, _, _, disk, cd_disk, _, entries, cd_size, _ = _ZIP64_EOCD.unpack(record)
    if sig != _ZIP64_EOCD_SIG:
        raise BundleUnreadableError("The ZIP64 archive's end record is missing.")
    return entries, cd_size, disk, cd_disk


def check_name(name: str) -> None:
    """Refuse a name that is not a plain relative path inside the bundle."""
    shown = name.encode("unicode_escape").decode("ascii")[:200]
    if not name or name.startswith("/") or "\\" in name or (len(name) > 1 and name[1] == ":"):
        raise HostileZipError(f"The archive entry {shown!r} is an absolute or Windows path.")
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise HostileZipError(f"The archive entry {shown!r} has control characters in its name.")
    parts = name.rstrip("/").split("/")
    if any(part in {"", ".", ".."} for part in parts):
        raise HostileZipError(f"The archive entry {shown!r} tries to leave the bundle folder.")


def _checked_entries(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> dict[str, ZipEntry]:
    if len(infos) > limits.max_entries:
        raise HostileZipError(
            f"The archive has {len(infos)} entries; a bundle may hold at most {limits.max_entries}."
        )
    entries: dict[str, ZipEntry] = {}
    folded: set[bytes] = set()  # 16-byte digests of the folded names: a fraction of them
    total = 0
    for info in infos:
        # interned, so SHA256SUMS and the manifest share this one copy of each name
        name = info.filename = sys.intern(info.filename)
        check_name(name)
        folded_name = unicodedata.normalize("NFC", name.rstrip("/")).casefold()
        key = hashlib.blake2b(folded_name.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if key in folded:
            raise HostileZipError(f"The archive holds the name {name!r} more than once.")
        folded.add(key)
        _check_kind(info)
        if name.endswith("/"):
            if info.file_size:
                raise HostileZipError(f"The folder entry {name!r} holds data.")
            continue
        _check_size(info, limits)
        total += info.file_size
        if total > limits.max_total_size:
            raise HostileZipError(
                f"The archive would expand to more than {limits.max_total_size} bytes."
            )
        entries[name] = ZipEntry(
            name,
            info.file_size,
            info.compress_size,
            info.header_offset,
            info.compress_type,
            info.flag_bits,
            info.CRC,
        )
    _check_no_overlap(infos)
    return entries


def _check_kind(info: zipfile.ZipInfo) -> None:
    mode = info.external_attr >> 16
    if info.create_system == _UNIX and mode:
        kind = stat.S_IFMT(mode)
        if kind == stat.S_IFLNK:
            raise HostileZipError(f"The archive entry {info.filename!r} is a symbolic link.")
        if kind not in {0, stat.S_IFREG, stat.S_IFDIR}:
            raise HostileZipError(f"The archive entry {info.filename!r} is not a regular file.")
    if info.flag_bits & _ENCRYPTED:
        raise HostileZipError(f"The archive entry {info.filename!r} is encrypted.")
    if info.compress_type not in _STORED_OR_DEFLATED:
        raise HostileZipError(
            f"The archive entry {info.filename!r} uses a compression method bundles never use."
        )


def _check_size(info: zipfile.ZipInfo, limits: ZipLimits) -> None:
    if info.file_size > limits.max_entry_size:
        raise HostileZipError(
            f"The archive entry {info.filename!r} would expand to {info.file_size} bytes, "
            f"more than the {limits.max_entry_size} a bundle file may have."
        )
    if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
        info.compress_size, 1
    ):
        raise HostileZipError(
            f"The archive entry {info.filename!r} would expand to {info.file_size} bytes, "
            f"{info.file_size // max(info.compress_size, 1)} times its stored size: it is a zip bomb."
        )


def _check_no_overlap(infos: list[zipfile.ZipInfo]) -> None:
    # A lower bound of each entry's extent (its name's length is left out), so honest
    # archives never trip it while entries pointing into each other's data do.
    spans = sorted(
        (i.header_offset, i.header_offset + _LOCAL_HEADER_SIZE + i.compress_size) for i in infos
    )
    for (_, end), (start, _) in itertools.pairwise(spans):
        if start < end:
            raise HostileZipError(
                "Two archive entries share the same stored data: it is a zip bomb."
            )
