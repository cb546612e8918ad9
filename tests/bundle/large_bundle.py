"""A real signed bundle of many small items, written in seconds with the project's own code.

Importing 50,000 files through a vault would make a test about encryption; this writes
the bundle the export would write for such a vault, from the same parts: each item's
``item_imported`` custody event (hashed with :func:`vault.custody.event_hash`, its
payload in the import pipeline's form), its inclusion proof to one checkpoint
(:mod:`vault.checkpoint`'s leaves and tree, statement signed with SSHSIG), the
checkpoint's RFC 3161 token from a real TSA (``stamp``), :func:`build_manifest`,
``SHA256SUMS`` and its signature. ``evault verify`` finds it VALID; the time proofs
hold when the TSA's root is given with ``--tsa-ca``.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from vault import custody, merkle, sshsig
from vault.bundle import layout, manifest
from vault.bundle.layout import TIMESTAMPS as FOLDER
from vault.bundle.manifest import ItemTimeProof
from vault.custody import CustodyEventDTO, JSONValue, canonical_json
from vault.dto import ItemDTO, LenderDTO
from vault.times import format_utc
from vault.trusted_time.statement import NAMESPACE, STATEMENT_TYPE, leaf_data, statement_name

LENDER = "好运贷"
_START = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def write_large_bundle(
    path: Path,
    count: int,
    stamp: Callable[[bytes], bytes],
    *,
    seed: int = 11,
    compact: bool = False,
) -> Path:
    """A signed bundle of ``count`` small evidence files; ``stamp(statement)`` gives a .tsr.

    The manifest is written as the export writes it (:func:`manifest.encode`), or with
    ``compact`` without indentation: the same JSON, written several times faster.
    """
    rng = random.Random(seed)
    key = Ed25519PrivateKey.generate()
    vault_id = str(uuid.UUID(int=rng.getrandbits(128)))
    lender = LenderDTO(1, LENDER, "好运贷", None, None, ("13800138000",), (), None, count)
    width = layout.number_width(count)
    entries, files = [], {}
    prev = custody.GENESIS_HASH
    for n in range(1, count + 1):
        data = f"evidence {n}\n".encode()
        when = _START + timedelta(seconds=n, microseconds=rng.randrange(1_000_000))
        item = ItemDTO(
            id=str(uuid.UUID(int=rng.getrandbits(128))),
            lender=LENDER,
            kind="screenshot",
            media_type="image/png",
            original_name=f"Screenshot_20250301_{n:06d}_com.tencent.mm.png",
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            sm3=rng.randbytes(32).hex(),
            imported_at=when,
            captured_at=when - timedelta(days=1),
            captured_offset_min=480,
            time_source="file_name",
            incident_at=None,
            counterpart="13800138000",
            contact_name=None,
            source_app="com.tencent.mm",
            categories=("harassment",),
            title=None,
            purpose=None,
            withdrawn=False,
        )
        payload: dict[str, JSONValue] = {
            "sha256": item.sha256,
            "sm3": item.sm3,
            "size": item.size,
            "original_name": item.original_name,
            "media_type": item.media_type,
            "kind": item.kind,
            "captured_at": item.captured_at.isoformat(),
            "captured_offset_min": item.captured_offset_min,
            "time_source": item.time_source,
            "counterpart": item.counterpart,
            "contact_name": item.contact_name,
            "source_app": item.source_app,
            "device": None,
        }
        event = CustodyEventDTO(
            n + 1, when, custody.Action.ITEM_IMPORTED, item.id, 1, payload, prev, ""
        )
        event = CustodyEventDTO(**{**event.__dict__, "hash": custody.event_hash(event)})
        prev = event.hash
        named = layout.EvidenceName(
            lender_folder=LENDER,
            number=n,
            width=width,
            incident_date=item.captured_at.date(),
            kind=item.kind,
            ext="png",
        )
        entries.append(manifest.ExportedItem(n, named.path, item, (event,)))
        files[named.path] = data
    statement_path, time_files, proofs = _checkpoint(entries, key, vault_id, stamp)
    files |= time_files
    document = manifest.build_manifest(
        bundle_id=str(uuid.UUID(int=rng.getrandbits(128))),
        created_at=_START + timedelta(days=2),
        generator="evault test",
        vault_id=vault_id,
        ssh_public_key=sshsig.public_key_line(key.public_key()),
        fingerprint=sshsig.fingerprint(key.public_key()),
        time_zone="Asia/Shanghai",
        language="zh_CN",
        selection={"lender": LENDER, "items": None, "from": None, "to": None},
        lenders=[lender],
        items=entries,
        report_files=[],
        proofs=proofs,
        checkpoints=[{"checkpoint": 1, "statement": statement_path}],
    )
    if compact:
        files[layout.MANIFEST] = json.dumps(document, ensure_ascii=False).encode()
    else:
        files[layout.MANIFEST] = manifest.encode(document)
    signer = sshsig.allowed_signers_line(layout.PRINCIPAL, key.public_key())
    files[layout.ALLOWED_SIGNERS] = (signer + "\n").encode("ascii")
    sums = layout.format_sums([(name, hashlib.sha256(d).hexdigest()) for name, d in files.items()])
    files[layout.SHA256SUMS] = sums
    files[layout.SIGNATURE] = sshsig.sign(key, sums, layout.NAMESPACE).encode("ascii")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return path


# Runs ``evault verify`` as the CLI does, and writes the process's peak RSS (VmHWM: it
# counts only this program, not the parent it was forked from) to stderr as it exits.
_PEAK_RSS_CHILD = """
import atexit, runpy, sys
def peak():
    with open("/proc/self/status") as status:
        kb = next(line for line in status if line.startswith("VmHWM:")).split()[1]
    sys.stderr.write(f"\\npeak-rss-kb {kb}\\n")
atexit.register(peak)
sys.argv = ["evault", "verify", *sys.argv[1:]]
runpy.run_module("vault.cli", run_name="__main__", alter_sys=True)
"""


def verify_peak_rss(bundle: Path, *args: str) -> tuple[int, str, int]:
    """Exit code, output and peak RSS in bytes of ``evault verify bundle args…``."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS_CHILD, str(bundle), *args],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    kb = re.findall(r"^peak-rss-kb (\d+)$", done.stderr, re.MULTILINE)
    assert kb, done.stderr[-2000:]
    return done.returncode, done.stdout + done.stderr, int(kb[-1]) * 1024


class _Proof(ItemTimeProof):
    """An ItemTimeProof whose ``to_json`` gives the same object without ``asdict``'s
    deep copies (a third of the time this module takes for 50,000 items)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "checkpoint": self.checkpoint,
            "statement": self.statement,
            "leaf_index": self.leaf_index,
            "tree_size": self.tree_size,
            "leaf_hash": self.leaf_hash,
            "proof": list(self.proof),
        }


def _checkpoint(
    entries: list[manifest.ExportedItem],
    key: Ed25519PrivateKey,
    vault_id: str,
    stamp: Callable[[bytes], bytes],
) -> tuple[str, dict[str, bytes], dict[str, ItemTimeProof]]:
    """One checkpoint over every item, signed and stamped, and each item's proof to it."""
    leaves = [
        merkle.leaf_hash(leaf_data(e.item.id, e.item.sha256, e.item.imported_at)) for e in entries
    ]
    levels = merkle.tree_levels(leaves)
    statement = (
        canonical_json(
            {
                "type": STATEMENT_TYPE,
                "vault_id": vault_id,
                "checkpoint": 1,
                "tree_size": len(leaves),
                "root": levels[-1][0].hex(),
                "created_at": format_utc(_START + timedelta(days=1)),
                "signer": sshsig.fingerprint(key.public_key()),
                "previous": None,
                "consistency_proof": [],
            }
        )
        + b"\n"
    )
    path = f"{FOLDER}/{statement_name(1)}"
    files = {
        path: statement,
        f"{path}.sig": sshsig.sign(key, statement, NAMESPACE).encode("ascii"),
        f"{path}.tsr": stamp(statement),
    }
    proofs: dict[str, ItemTimeProof] = {
        e.item.id: _Proof(
            checkpoint=1,
            statement=path,
            leaf_index=index,
            tree_size=len(leaves),
            leaf_hash=leaves[index].hex(),
            proof=tuple(h.hex() for h in merkle.proof_from_levels(levels, index)),
        )
        for index, e in enumerate(entries)
    }
    return path, files, proofs
