"""Root and every inclusion proof of a 100,000-item checkpoint, against a bare hashing loop.

    .venv/bin/python bench/merkle_bench.py [--leaves 100000] [--rounds 5]

The floor is what no RFC 6962 tree can beat: a plain ``hashlib.sha256`` loop doing the
same n leaf hashes (0x00 || leaf) and n - 1 node hashes (0x01 || left || right) on
values of the same sizes, with nothing else. Each candidate starts from the raw leaves
(item id, content SHA-256 and import time), so leaf hashing is inside every timing.
The best of ``--rounds`` alternating runs is printed for each, with its ratio to the floor.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vault import merkle


def make_leaves(count: int) -> list[bytes]:
    """Leaves shaped like a checkpoint's: item id, content SHA-256, imported_at (UTC)."""
    start = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    leaves = []
    for i in range(count):
        item_id = hashlib.blake2b(i.to_bytes(8, "big"), digest_size=16).hexdigest()
        content = hashlib.sha256(b"evidence file %d" % i).hexdigest()
        imported_at = (start + timedelta(seconds=7 * i)).isoformat(timespec="microseconds")
        leaves.append(f"{item_id}\n{content}\n{imported_at}".encode())
    return leaves


def floor(leaves: list[bytes]) -> object:
    sha = hashlib.sha256
    digests = [sha(b"\x00" + leaf).digest() for leaf in leaves]
    nodes = [sha(b"\x01" + a + b).digest() for a, b in itertools.pairwise(digests)]
    return digests, nodes


def one_pass(leaves: list[bytes]) -> tuple[bytes, list[list[bytes]]]:
    return merkle.root_and_inclusion_proofs(merkle.hash_leaves(leaves))


def two_calls(leaves: list[bytes]) -> tuple[bytes, list[list[bytes]]]:
    hashes = merkle.hash_leaves(leaves)
    return merkle.root(hashes), merkle.all_inclusion_proofs(hashes)


def best_of(rounds: int, candidates: dict[str, Callable[[], object]]) -> dict[str, float]:
    best = dict.fromkeys(candidates, float("inf"))
    for _ in range(rounds):
        for name, action in candidates.items():
            start = time.perf_counter()
            result = action()
            elapsed = time.perf_counter() - start  # before `result` is freed
            best[name] = min(best[name], elapsed)
            del result
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--leaves", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    n = args.leaves
    if n < 2:
        sys.exit("--leaves must be at least 2")

    leaves = make_leaves(n)
    head, proofs = one_pass(leaves)
    hashes = merkle.hash_leaves(leaves)
    if (head, proofs) != two_calls(leaves):
        sys.exit("root_and_inclusion_proofs and root + all_inclusion_proofs disagree")
    for index in range(0, n, max(1, n // 1000)):
        if not merkle.verify_inclusion(hashes[index], index, n, proofs[index], head):
            sys.exit(f"the proof of leaf {index} does not verify")

    floor_label = f"hashlib loop: {n:,} leaf + {n - 1:,} node hashes (floor)"
    labels = {
        floor_label: lambda: floor(leaves),
        "root_and_inclusion_proofs (one pass)": lambda: one_pass(leaves),
        "root() + all_inclusion_proofs()": lambda: two_calls(leaves),
    }
    best = best_of(args.rounds, labels)
    base = best[floor_label]
    width = max(map(len, labels))
    print(
        f"Merkle checkpoint of {n:,} leaves of {len(leaves[0])} bytes, "
        f"best of {args.rounds} rounds (Python {sys.version.split()[0]})"
    )
    print(f"  {'':{width}}  {'time':>10}  {'vs floor':>8}")
    for label in labels:
        print(f"  {label:{width}}  {best[label] * 1000:8.1f} ms  {best[label] / base:7.2f}x")
    lengths = [len(p) for p in proofs]
    print(
        f"  root {head.hex()[:16]}…, {len(proofs):,} proofs of "
        f"{min(lengths)}-{max(lengths)} hashes (mean {sum(lengths) / n:.1f})"
    )


if __name__ == "__main__":
    main()
