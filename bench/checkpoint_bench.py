"""A checkpoint over 100,000 items (root + every inclusion proof) beside a bare hashlib loop.

    .venv/bin/python bench/checkpoint_bench.py [--items 100000] [--rounds 3] [--no-vault]

The floor is a plain ``hashlib.sha256`` loop over the same leaf bytes (item id, content
SHA-256, imported_at, as docs/trusted-time.md defines them): n leaf hashes and n - 1
node hashes, nothing else. Beside it:

- ``tree + all proofs``: the leaf hashes, the root and every inclusion proof, the way a
  checkpoint's tree is built (vault.merkle.root_and_inclusion_proofs);
- ``tree levels + all proofs``: the path a bundle export takes (vault.merkle.tree_levels
  and proof_from_levels for every item);
- with a real vault (unless ``--no-vault``): ``create_checkpoint`` end to end over that
  many item rows in the SQLCipher database (read the rows, hash, sign, store), first
  over all of them, then again after one more item (the consistency proof included).

The best of ``--rounds`` is printed, with its ratio to the floor.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from vault import merkle
from vault.db.models import Item
from vault.handle import create_vault
from vault.times import format_utc
from vault.trusted_time import checkpoints, statement


def make_rows(count: int) -> list[tuple[str, str, datetime]]:
    start = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    return [
        (
            hashlib.blake2b(i.to_bytes(8, "big"), digest_size=16).hexdigest()[:26],
            hashlib.sha256(b"evidence file %d" % i).hexdigest(),
            start + timedelta(seconds=7 * i),
        )
        for i in range(count)
    ]


def floor(leaves: list[bytes]) -> object:
    sha = hashlib.sha256
    digests = [sha(b"\x00" + leaf).digest() for leaf in leaves]
    return [sha(b"\x01" + a + b).digest() for a, b in itertools.pairwise(digests)]


def tree_and_proofs(leaves: list[bytes]) -> object:
    return merkle.root_and_inclusion_proofs(merkle.hash_leaves(leaves))


def levels_and_proofs(leaves: list[bytes]) -> object:
    levels = merkle.tree_levels(merkle.hash_leaves(leaves))
    return [merkle.proof_from_levels(levels, i) for i in range(len(leaves))]


def best(rounds: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def vault_figures(rows: list[tuple[str, str, datetime]]) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        vault, _ = create_vault(Path(folder) / "v", "bench passphrase", work_factor=10)
        common = {"kind": "document", "media_type": "application/octet-stream", "size": 1}
        values = [
            common
            | {
                "id": item_id,
                "sha256": sha,
                "imported_at": at,
                "captured_at": at,
                "captured_offset_min": 480,
                "time_source": "file_mtime",
                "original_name": f"{n}.bin",
                "categories": [],
            }
            for n, (item_id, sha, at) in enumerate(rows)
        ]
        with vault.sessions() as session, session.begin():
            session.execute(insert(Item), values[:-1])
        start = time.perf_counter()
        made = checkpoints.create_checkpoint(vault)
        first = time.perf_counter() - start
        with vault.sessions() as session, session.begin():
            session.execute(insert(Item), values[-1:])
        start = time.perf_counter()
        again = checkpoints.create_checkpoint(vault)
        second = time.perf_counter() - start
        if made is None or again is None or again.tree_size != len(rows):
            raise SystemExit("the vault's checkpoints do not cover every item")
        vault.lock()
        return first, second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-vault", action="store_true")
    args = parser.parse_args()
    rows = make_rows(args.items)
    leaves = [statement.leaf_data(*row) for row in rows]
    if not leaves[0].decode().endswith(format_utc(rows[0][2])):
        raise SystemExit("leaf encoding differs from docs/trusted-time.md")
    n = args.items
    base = best(args.rounds, lambda: floor(leaves))
    results = {
        f"hashlib loop: {n:,} leaf + {n - 1:,} node hashes (floor)": base,
        "checkpoint tree: root + all proofs": best(args.rounds, lambda: tree_and_proofs(leaves)),
        "tree levels + all proofs (bundle path)": best(
            args.rounds, lambda: levels_and_proofs(leaves)
        ),
    }
    print(f"{'':58}{'time':>10}  vs floor")
    for name, seconds in results.items():
        print(f"  {name:56}{seconds * 1000:8.1f} ms  {seconds / base:6.2f}x")
    if not args.no_vault:
        first, second = vault_figures(rows)
        print(
            f"  create_checkpoint over {n - 1:,} item rows (DB, sign, store) {first * 1000:8.1f} ms"
        )
        print(f"  create_checkpoint after one more item (+ consistency)   {second * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
