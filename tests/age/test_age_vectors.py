"""Every C2SP/CCTV age test vector gives the expected outcome and plaintext hash."""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import AGE_VECTORS
from vault import errors
from vault.age import Identity, ScryptIdentity, X25519Identity, iter_plaintext

NOT_VECTORS = {"README.txt", "UPSTREAM-README.md", "LICENSE"}

OUTCOMES: list[tuple[type[errors.VaultError], str]] = [
    (errors.ArmorError, "armor failure"),
    (errors.HeaderMacError, "HMAC failure"),
    (errors.NoIdentityMatchError, "no match"),
    (errors.HeaderError, "header failure"),
    (errors.NotAgeFileError, "header failure"),
    (errors.PayloadError, "payload failure"),
]


@dataclass
class Vector:
    name: str
    expect: str
    body: bytes
    payload: str | None = None
    armored: bool = False
    identities: list[Identity] = field(default_factory=list)
    hybrid_only: bool = False


def load(path: Path) -> Vector:
    head, body = path.read_bytes().split(b"\n\n", 1)
    meta: dict[str, list[str]] = {}
    for line in head.decode().splitlines():
        key, value = line.split(": ", 1)
        meta.setdefault(key, []).append(value)
    if meta.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    identities: list[Identity] = []
    pq = [v for v in meta.get("identity", []) if v.startswith("AGE-SECRET-KEY-PQ-")]
    identities += [X25519Identity.parse(v) for v in meta.get("identity", []) if v not in pq]
    identities += [ScryptIdentity(v.encode()) for v in meta.get("passphrase", [])]
    return Vector(
        name=path.name,
        expect=meta["expect"][0],
        body=body,
        payload=meta.get("payload", [None])[0],
        armored=meta.get("armored") == ["yes"],
        identities=identities,
        hybrid_only=bool(pq) and not identities,
    )


def vector_paths() -> list[Path]:
    if not AGE_VECTORS.is_dir():
        return []
    return sorted(p for p in AGE_VECTORS.iterdir() if p.name not in NOT_VECTORS)


def outcome(vector: Vector) -> tuple[str, str]:
    digest = hashlib.sha256()
    try:
        for chunk in iter_plaintext(
            io.BytesIO(vector.body), vector.identities, armor=vector.armored
        ):
            digest.update(chunk)
    except errors.VaultError as error:
        label = next(label for kind, label in OUTCOMES if isinstance(error, kind))
        return label, digest.hexdigest()
    return "success", digest.hexdigest()


@pytest.mark.skipif(not AGE_VECTORS.is_dir(), reason="../shared/testdata/age-vectors is absent")
def test_the_vector_folder_is_complete() -> None:
    assert len(vector_paths()) == 143


@pytest.mark.parametrize("path", vector_paths(), ids=lambda p: p.name)
def test_vector(path: Path) -> None:
    vector = load(path)
    got, digest = outcome(vector)
    if vector.hybrid_only:
        # ML-KEM hybrid identities are not implemented: such files are "not for us".
        assert got in {vector.expect, "no match"}, f"{vector.name}: got {got}"
        if got == "no match":
            return
    assert got == vector.expect, f"{vector.name}: expected {vector.expect}, got {got}"
    if vector.payload is not None:
        assert digest == vector.payload, f"{vector.name}: released plaintext differs"
