"""``evault verify`` fails fast: no evidence entry is inflated unless the signature of
SHA256SUMS holds, and an entry SHA256SUMS does not list is refused unread. An unsigned
archive of 400 entries of 16 MiB zeros (6.25 GiB once inflated, a full inflate takes tens
of seconds) is refused in well under a second."""

from __future__ import annotations

import contextlib
import hashlib
import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bundle.conftest import Exported
from tests.bundle.hostile_zips import deflated_zeros, stored, write_raw_zip
from vault import cli
from vault.bundle import layout
from vault.bundle.verify import verify_bundle
from vault.bundle.zipsafe import SafeZip
from vault.dto import BundleCheck, BundleVerification

ENTRIES = 400
SIZE = 16 << 20
MAX_SECONDS = 2.0


@pytest.fixture
def inflated(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Bytes inflated per entry, counted through SafeZip.chunks (every read goes there)."""
    counts: dict[str, int] = {}
    original = SafeZip.chunks

    def counting(self: SafeZip, name: str) -> Iterator[bytes]:
        counts.setdefault(name, 0)
        for block in original(self, name):
            counts[name] += len(block)
            yield block

    monkeypatch.setattr(SafeZip, "chunks", counting)
    return counts


def zeros_bundle(path: Path, signed_by: Exported | None = None) -> Path:
    """400 evidence entries of 16 MiB zeros, listed in SHA256SUMS; with ``signed_by``,
    that bundle's allowed_signers and SHA256SUMS.sig, which do not fit this SHA256SUMS."""
    names = [f"evidence/{n:03d}-zeros.bin" for n in range(1, ENTRIES + 1)]
    digest = hashlib.sha256(bytes(SIZE)).hexdigest()
    sums = "".join(f"{digest}  {name}\n" for name in names).encode()
    small = [stored(layout.SHA256SUMS, sums), stored(layout.MANIFEST, b"{}")]
    if signed_by is not None:
        with zipfile.ZipFile(signed_by.bundle) as real:
            small += [stored(n, real.read(n)) for n in (layout.ALLOWED_SIGNERS, layout.SIGNATURE)]
    bundle = write_raw_zip(path, [*small, *deflated_zeros(names, SIZE)])
    with zipfile.ZipFile(bundle) as archive:  # it really inflates: the test can fail
        assert len(archive.namelist()) == ENTRIES + len(small)
        with archive.open(names[0]) as entry:
            assert entry.read() == bytes(SIZE)
    return bundle


def timed_verify(bundle: Path) -> tuple[BundleVerification, float]:
    start = time.perf_counter()
    result = verify_bundle(bundle)
    return result, time.perf_counter() - start


def check(result: BundleVerification, name: str) -> BundleCheck:
    return next(c for c in result.checks if c.name == name)


def evidence_read(inflated: dict[str, int]) -> dict[str, int]:
    return {name: size for name, size in inflated.items() if name.startswith(layout.EVIDENCE_DIR)}


def test_an_unsigned_bundle_is_refused_without_inflating_evidence(
    tmp_path: Path, inflated: dict[str, int]
) -> None:
    bundle = zeros_bundle(tmp_path / "unsigned.zip")
    result, took = timed_verify(bundle)
    figure = f"refused in {took:.3f} s; inflated {sum(inflated.values())} bytes: {inflated}"
    assert result.valid is False, figure
    assert evidence_read(inflated) == {}, figure
    assert sum(inflated.values()) < 64 << 10, figure
    assert took < MAX_SECONDS, figure
    assert not check(result, "signature").ok
    files = check(result, "files")
    assert not files.ok and "evidence files were neither read nor hashed" in files.summary
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["verify", str(bundle)])
    assert code == 1, out.getvalue() + err.getvalue()
    assert "Result: INVALID" in out.getvalue()
    assert evidence_read(inflated) == {}


def test_a_badly_signed_bundle_is_refused_without_inflating_evidence(
    exported: Exported, tmp_path: Path, inflated: dict[str, int]
) -> None:
    bundle = zeros_bundle(tmp_path / "resigned.zip", signed_by=exported)
    result, took = timed_verify(bundle)
    figure = f"refused in {took:.3f} s; inflated {sum(inflated.values())} bytes: {inflated}"
    assert result.valid is False, figure
    assert "is not valid" in check(result, "signature").summary, result.checks
    assert evidence_read(inflated) == {}, figure
    assert took < MAX_SECONDS, figure


def test_a_bundle_signed_by_another_key_than_expected_is_not_inflated(
    exported: Exported, inflated: dict[str, int]
) -> None:
    other = "SHA256:" + "A" * 43
    result = verify_bundle(exported.bundle, expected_key=other)
    assert result.valid is False
    assert "not by the expected key" in check(result, "signature").summary
    assert evidence_read(inflated) == {}
    # The same bundle, with the right key, is read whole: the counter does count.
    right = verify_bundle(exported.bundle, expected_key=exported.result.signer_fingerprint)
    assert right.valid, right.checks
    assert set(evidence_read(inflated)) == set(exported.originals)


def test_an_entry_sha256sums_does_not_list_is_refused_unread(
    exported: Exported, tmp_path: Path, inflated: dict[str, int]
) -> None:
    bundle = tmp_path / "added.zip"
    extra = "evidence/99-added.bin"
    with zipfile.ZipFile(exported.bundle) as source, zipfile.ZipFile(bundle, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr(extra, bytes(SIZE), zipfile.ZIP_DEFLATED, compresslevel=1)
    result = verify_bundle(bundle)
    assert result.valid is False
    assert check(result, "signature").ok  # SHA256SUMS and its signature are untouched
    files = check(result, "files")
    assert f"{extra} is in the bundle but not in SHA256SUMS: a file was added or renamed." in (
        files.problems
    ), files
    assert extra not in inflated, inflated
    assert set(evidence_read(inflated)) == set(exported.originals)
