"""``evault verify`` stays under 200 MB of memory (peak RSS) for any bundle: a real signed
bundle of 50,000 items (VALID, every time proof held), a hostile one whose signed
manifest is exactly at the size limit, full of items and of values as large as allowed,
and one of the most entries with names as long as the directory's bound allows.

Each verify runs as its own process (``evault verify``, :func:`verify_peak_rss`), which
reports its own peak RSS (VmHWM) as it exits.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.bundle.large_bundle import verify_peak_rss, write_large_bundle
from tests.trusted_time.conftest import pki  # noqa: F401 - pki is a fixture
from tests.trusted_time.local_tsa import LocalTsa, Pki
from vault import sshsig
from vault.bundle import layout
from vault.bundle.manifest import FORMAT, MAX_ITEM_CHARS, MAX_MANIFEST_BYTES, SCHEMA_VERSION
from vault.rfc3161.protocol import request_timestamp

MAX_RSS = 200 * 1000 * 1000
ITEMS = 50_000


@pytest.mark.slow
def test_a_real_bundle_of_50000_items_verifies_in_bounded_memory(
    tmp_path: Path,
    pki: Pki,  # noqa: F811
) -> None:
    root = x509.load_pem_x509_certificate(pki.ca.read_bytes())
    tsa = LocalTsa(pki).start()
    try:
        bundle = write_large_bundle(
            tmp_path / "large.zip",
            ITEMS,
            lambda statement: request_timestamp(tsa.url, statement, [root]).response,
            compact=True,
        )
    finally:
        tsa.stop()
    with zipfile.ZipFile(bundle) as archive:
        size = archive.getinfo(layout.MANIFEST).file_size
        assert sum(n.startswith(layout.EVIDENCE_DIR) for n in archive.namelist()) == ITEMS
    assert size > 100_000_000  # read whole, it would cost several times that
    code, output, rss = verify_peak_rss(bundle, "--tsa-ca", str(pki.ca))
    assert code == 0, output[-3000:]
    assert "Result: VALID" in output
    assert f"All {ITEMS} items have a trusted time (RFC 3161)." in output
    print(f"peak RSS {rss / 1e6:.0f} MB for a {size / 1e6:.0f} MB manifest")
    assert rss < MAX_RSS, f"peak RSS {rss / 1e6:.0f} MB for a {size / 1e6:.0f} MB manifest"


def _hostile_manifest(key: Ed25519PrivateKey) -> bytes:
    """Exactly MAX_MANIFEST_BYTES: 60,000 items padded to several KB, then a value list
    of strings each just under the per-value limit, then spaces to the byte."""
    head = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "vault": {"vault_id": "v", "ssh_public_key": sshsig.public_key_line(key.public_key())},
        "bundle_id": "b",
        "created_at": "2025-01-01T00:00:00.000000Z",
    }
    text = json.dumps(head)[:-1] + ', "items": ['
    item = {
        "number": 0,
        "id": "x" * 64,
        "path": "evidence/" + "p" * 900,
        "sha256": "0" * 64,
        "size": 1,
        "custody": [],
        "title": "t" * 4000,
    }
    one = json.dumps(item)
    items = ",".join(one.replace('"number": 0', f'"number": {n}', 1) for n in range(1, 60_001))
    parts = [text, items, '], "padding": [']
    used = sum(len(p) for p in parts) + 2
    filler = '"' + "z" * (MAX_ITEM_CHARS - 8) + '"'
    count = (MAX_MANIFEST_BYTES - used) // (len(filler) + 1) - 1
    parts.append(",".join([filler] * count))
    parts.append("]}")
    data = "".join(parts).encode()
    return data + b" " * (MAX_MANIFEST_BYTES - len(data))


@pytest.mark.slow
def test_a_signed_manifest_at_the_size_limit_is_read_in_bounded_memory(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    data = _hostile_manifest(key)
    assert len(data) == MAX_MANIFEST_BYTES
    signer = sshsig.allowed_signers_line(layout.PRINCIPAL, key.public_key()) + "\n"
    sums = layout.format_sums(
        [
            (layout.MANIFEST, hashlib.sha256(data).hexdigest()),
            (layout.ALLOWED_SIGNERS, hashlib.sha256(signer.encode()).hexdigest()),
        ]
    )
    bundle = tmp_path / "hostile.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(layout.MANIFEST, data)
        archive.writestr(layout.ALLOWED_SIGNERS, signer)
        archive.writestr(layout.SHA256SUMS, sums)
        archive.writestr(layout.SIGNATURE, sshsig.sign(key, sums, layout.NAMESPACE))
    del data
    code, output, rss = verify_peak_rss(bundle)
    assert code == 1, output[-3000:]
    assert "SHA256SUMS is signed by" in output  # the signature held: the manifest was read
    assert "Result: INVALID" in output
    assert "is in manifest.json but not in the bundle" in output  # every item was read
    print(f"peak RSS {rss / 1e6:.0f} MB")
    assert rss < MAX_RSS, f"peak RSS {rss / 1e6:.0f} MB"


@pytest.mark.slow
def test_an_archive_of_the_most_entries_with_the_longest_names_stays_bounded(
    tmp_path: Path,
) -> None:
    """60,000 entries whose names fill the 16 MiB directory and SHA256SUMS, all signed and
    described by the manifest: what costs memory per entry is at its bound everywhere."""
    key = Ed25519PrivateKey.generate()
    names = [f"evidence/{'好' * 40}/{n:06d}-{'q' * 68}.png" for n in range(1, 59_991)]
    digest = hashlib.sha256(b"x").hexdigest()
    head = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "bundle_id": "b",
        "created_at": "c",
        "vault": {"vault_id": "v", "ssh_public_key": sshsig.public_key_line(key.public_key())},
    }
    items = [
        {"number": n, "id": f"{n:036d}", "path": name, "sha256": digest, "size": 1, "custody": []}
        for n, name in enumerate(names, start=1)
    ]
    data = json.dumps(head | {"items": items}, ensure_ascii=False).encode()
    signer = sshsig.allowed_signers_line(layout.PRINCIPAL, key.public_key()) + "\n"
    sums = layout.format_sums(
        [(name, digest) for name in names]
        + [
            (layout.MANIFEST, hashlib.sha256(data).hexdigest()),
            (layout.ALLOWED_SIGNERS, hashlib.sha256(signer.encode()).hexdigest()),
        ]
    )
    assert len(sums) > 16_000_000
    bundle = tmp_path / "wide.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_STORED) as archive:
        for name in names:
            archive.writestr(name, b"x")
        archive.writestr(layout.MANIFEST, data)
        archive.writestr(layout.ALLOWED_SIGNERS, signer)
        archive.writestr(layout.SHA256SUMS, sums)
        archive.writestr(layout.SIGNATURE, sshsig.sign(key, sums, layout.NAMESPACE))
    del data, items
    code, output, rss = verify_peak_rss(bundle)
    assert "OK      manifest: manifest.json describes the 59990 evidence files" in output
    assert "All 59992 files match SHA256SUMS." in output
    assert code == 1  # no custody events: that step fails, every other holds
    print(f"peak RSS {rss / 1e6:.0f} MB")
    assert rss < MAX_RSS, f"peak RSS {rss / 1e6:.0f} MB"


def test_a_manifest_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    bundle = tmp_path / "over.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_STORED) as archive:  # deflated, it is a bomb
        archive.writestr(layout.MANIFEST, b" " * (MAX_MANIFEST_BYTES + 1))
    code, output, _ = verify_peak_rss(bundle)
    assert code == 1
    assert f"manifest.json is {MAX_MANIFEST_BYTES + 1:,} bytes, more than the" in output
