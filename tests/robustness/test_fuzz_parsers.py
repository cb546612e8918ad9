"""Hypothesis mutates real files (flip, truncate, insert, splice, overwrite bytes) and
feeds them to every parser of untrusted input. A parser may return its documented
"absent" result or raise one of the project's typed errors (``VaultError``); any other
exception, more than 2 s for one input, or a jump in memory is a defect.

``derandomize=True`` makes every run try the same inputs; the example counts below
are the figures (inputs per parser)."""

from __future__ import annotations

import contextlib
import io
import resource
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.bundle.conftest import LENDER, make_vault
from tests.robustness.robust_helpers import (
    FIGURES,
    calls_xml,
    jpeg_with_exif,
    sms_xml,
    speech_wav,
    transcode,
)
from vault.age import X25519Identity, encrypt, iter_plaintext
from vault.age.reader import AgeReader
from vault.backup.xml_reader import BackupFormatError, BackupReader
from vault.bundle.export import ExportRequest, export_bundle
from vault.bundle.verify import verify_bundle
from vault.bundle.zipsafe import SafeZip
from vault.errors import VaultError
from vault.ingest.exif import read_exif
from vault.ingest.media_dates import id3_time, read_mp4, wav_time
from vault.ingest.names import read_name

pytestmark = pytest.mark.slow
MEMORY_GROWTH_KIB = 300 * 1024


def fuzz(examples: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=2000,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "truncate", "insert", "splice", "overwrite"]))
        at = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            data = data[:at]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "splice":
            other = draw(st.sampled_from(seeds))
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start : start + draw(st.integers(1, 4096))]
        else:
            value = draw(st.sampled_from([b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x7f"]))
            data[at : at + len(value)] = value
    return bytes(data)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@pytest.fixture(scope="module", autouse=True)
def bounded_memory() -> Iterator[None]:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    yield
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown < MEMORY_GROWTH_KIB, f"the parsers grew the peak memory by {grown} KiB"


def _count(parser: str) -> None:
    fuzzed = FIGURES.setdefault("fuzz", {})
    fuzzed[parser] = int(fuzzed.get(parser, 0)) + 1  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def media(folder: Path) -> dict[str, bytes]:
    wav = speech_wav(folder / "speech.wav", "还钱")
    return {
        "jpeg": jpeg_with_exif(folder / "photo.jpg").read_bytes(),
        "wav": transcode(
            wav, folder / "tagged.wav", "-c:a", "pcm_s16le", metadata=["date=2024-03-02 10:30"]
        ).read_bytes(),
        "m4a": transcode(
            wav,
            folder / "call.m4a",
            "-c:a",
            "aac",
            "-b:a",
            "16k",
            metadata=["creation_time=2024-03-02T10:30:00Z"],
        ).read_bytes(),
        "mp3": transcode(
            wav,
            folder / "call.mp3",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "16k",
            metadata=["date=2024-03-02 10:30"],
        ).read_bytes(),
    }


def test_the_seed_files_are_read(media: dict[str, bytes]) -> None:
    info = read_exif(io.BytesIO(media["jpeg"]))
    assert info is not None and info.taken is not None
    mp4 = read_mp4(io.BytesIO(media["m4a"]))
    assert mp4 is not None and mp4.created is not None and mp4.has_audio


@pytest.fixture(scope="module")
def exif_seeds(media: dict[str, bytes]) -> list[bytes]:
    return [media["jpeg"]]


@fuzz(2000)
@given(data=st.data())
def test_exif_reader(data: st.DataObject, exif_seeds: list[bytes]) -> None:
    _count("EXIF")
    read_exif(io.BytesIO(data.draw(mutated(exif_seeds))))


@fuzz(2000)
@given(data=st.data())
def test_mp4_reader(data: st.DataObject, media: dict[str, bytes]) -> None:
    _count("MP4")
    read_mp4(io.BytesIO(data.draw(mutated([media["m4a"][:65536]]))))


@fuzz(2000)
@given(data=st.data())
def test_id3_reader(data: st.DataObject, media: dict[str, bytes]) -> None:
    _count("ID3")
    id3_time(io.BytesIO(data.draw(mutated([media["mp3"][:8192]]))))


@fuzz(2000)
@given(data=st.data())
def test_wav_reader(data: st.DataObject, media: dict[str, bytes]) -> None:
    _count("WAV")
    wav_time(io.BytesIO(data.draw(mutated([media["wav"][:8192], media["wav"][-2048:]]))))


REAL_NAMES = [
    "13800138000(13800138000)_20240302103000.m4a",
    "Screenshot_2024-03-01-14-22-01-123_com.tencent.mm.png",
    "IMG_20240305_211000.jpg",
    "通话录音@张三(13800138000)_20240302103000.mp3",
    "Screenshot_20240310_093000_com.tencent.mm.png",
]


@fuzz(3000)
@given(name=st.one_of(st.text(max_size=120), st.sampled_from(REAL_NAMES), st.data()))
def test_file_name_parser(name: object) -> None:
    _count("file names")
    if isinstance(name, str):
        read_name(name)
        return
    assert isinstance(name, st.DataObject)
    raw = name.draw(mutated([n.encode() for n in REAL_NAMES]))
    read_name(raw.decode("utf-8", "surrogateescape"))


@pytest.fixture(scope="module")
def age_seeds(folder: Path) -> tuple[X25519Identity, list[bytes]]:
    identity = X25519Identity.generate()
    seeds = []
    for armor, size in ((False, 100), (False, 70_000), (True, 300)):
        out = io.BytesIO()
        encrypt(
            io.BytesIO(bytes(range(256)) * (size // 256 + 1)),
            out,
            [identity.recipient()],
            armor=armor,
        )
        seeds.append(out.getvalue())
    return identity, seeds


@fuzz(1500)
@given(data=st.data())
def test_age_reader(
    data: st.DataObject, age_seeds: tuple[X25519Identity, list[bytes]], folder: Path
) -> None:
    _count("age")
    identity, seeds = age_seeds
    blob = data.draw(mutated(seeds))
    try:
        for _ in iter_plaintext(io.BytesIO(blob), [identity]):
            pass
    except VaultError:
        pass
    path = folder / "fuzz.age"
    path.write_bytes(blob)
    try:
        with AgeReader(path, [identity]) as reader:
            reader.read()
    except VaultError:
        pass


@pytest.fixture(scope="module")
def xml_seeds(folder: Path) -> list[bytes]:
    return [
        calls_xml(folder / "calls.xml", 20).read_bytes(),
        sms_xml(folder / "sms.xml", 20).read_bytes(),
    ]


@fuzz(1500)
@given(data=st.data())
def test_backup_xml_reader(data: st.DataObject, xml_seeds: list[bytes]) -> None:
    _count("backup XML")
    blob = data.draw(mutated(xml_seeds))
    split = data.draw(st.integers(0, len(blob)))
    reader = BackupReader(lambda rows: None, tz=UTC)
    try:
        reader.feed(blob[:split])
        reader.feed(blob[split:])
        reader.close()
    except VaultError:
        pass


@pytest.fixture(scope="module")
def bundle_seed(folder: Path) -> bytes:
    originals = folder / "phone"
    originals.mkdir()
    jpeg_with_exif(originals / "IMG_20240305_211000.jpg")
    (originals / "call.bin").write_bytes(b"recording" * 30)
    vault = make_vault(folder / "vault", originals)
    try:
        result = export_bundle(
            vault, ExportRequest(out=folder / "bundle.zip", lender=LENDER, stamp=False)
        )
    finally:
        vault.lock()
    assert verify_bundle(result.path).valid
    return result.path.read_bytes()


@fuzz(600)
@given(data=st.data())
def test_zip_reader(data: st.DataObject, bundle_seed: bytes, folder: Path) -> None:
    _count("ZIP")
    path = folder / "fuzz.zip"
    path.write_bytes(data.draw(mutated([bundle_seed])))
    try:
        with SafeZip(path) as archive:
            for name in archive.names():
                for _ in archive.chunks(name):
                    pass
    except VaultError:
        pass


@fuzz(200)
@given(data=st.data())
def test_bundle_verifier(data: st.DataObject, bundle_seed: bytes, folder: Path) -> None:
    _count("bundle verifier")
    path = folder / "fuzz-bundle.zip"
    path.write_bytes(data.draw(mutated([bundle_seed])))
    with contextlib.suppress(VaultError):
        verify_bundle(path)


def test_an_unknown_encoding_in_a_backup_is_a_format_error(xml_seeds: list[bytes]) -> None:
    """Found by the fuzzer: ``encoding='TTF-8'`` raised LookupError out of the reader."""
    reader = BackupReader(lambda rows: None, tz=UTC)
    with pytest.raises(BackupFormatError, match="character encoding"):
        reader.feed(xml_seeds[0].replace(b"UTF-8", b"TTF-8", 1))
        reader.close()
