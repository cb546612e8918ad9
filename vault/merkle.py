"""Merkle tree hashing of RFC 6962 / RFC 9162 §2.1, the tree behind every checkpoint.

A leaf is hashed as SHA-256(0x00 || data) and an interior node as
SHA-256(0x01 || left || right); a tree of n > 1 leaves splits at k, the largest power
of two smaller than n. Roots and proofs are therefore the ones of Certificate
Transparency and can be checked by any RFC 9162 implementation.

Building the tree level by level, hashing neighbours in pairs and moving the last node
of an odd-length level up unchanged, gives exactly the RFC's tree: the left part of
every split is a complete subtree of k leaves. :func:`root` and
:func:`root_and_inclusion_proofs` work that way, in one pass over the levels;
:func:`inclusion_proof` and :func:`consistency_proof` follow the RFC's recursive
definitions (PATH and SUBPROOF) directly.

A proof does not bind the tree size by itself: trees of different sizes can share a
proof's shape (leaf 0 of 3 leaves and leaf 0 of 4 leaves both have two siblings on the
right). The size must come from the signed checkpoint, next to the root.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from vault.errors import VaultError

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

_sha256 = hashlib.sha256
_LEAF = b"\x00"
_NODE = b"\x01"


class MerkleError(VaultError):
    """A Merkle tree was asked for something that does not exist."""

    code = "merkle"
    exit_code = 2


class LeafHashError(MerkleError):
    code = "merkle_leaf_hash"


class TreeSizeError(MerkleError):
    code = "merkle_tree_size"


def leaf_hash(data: bytes) -> bytes:
    """Return the RFC 6962 hash of one leaf: SHA-256(0x00 || data)."""
    return _sha256(_LEAF + data).digest()


def hash_leaves(leaves: Iterable[bytes]) -> list[bytes]:
    """Return :func:`leaf_hash` of every leaf, in order (one loop, no call per leaf)."""
    sha, prefix = _sha256, _LEAF
    return [sha(prefix + data).digest() for data in leaves]


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return the RFC 6962 hash of an interior node: SHA-256(0x01 || left || right)."""
    return _sha256(_NODE + left + right).digest()


def root(leaf_hashes: Sequence[bytes]) -> bytes:
    """Return the tree head of ``leaf_hashes``; an empty tree's is SHA-256 of nothing."""
    hashes = _checked(leaf_hashes)
    if not hashes:
        return EMPTY_ROOT
    level = hashes
    while len(level) > 1:
        level = _next_level(level)
    return level[0]


def root_and_inclusion_proofs(leaf_hashes: Sequence[bytes]) -> tuple[bytes, list[list[bytes]]]:
    """Return the tree head and the inclusion proof of every leaf, in leaf order.

    The tree's levels are hashed once (n - 1 node hashes in all); each proof is then
    the leaf's sibling followed by its parent's proof, assembled from the top down.
    """
    hashes = _checked(leaf_hashes)
    if not hashes:
        return EMPTY_ROOT, []
    levels = tree_levels(hashes)
    with _collector_paused():
        return levels[-1][0], _proofs_top_down(levels)


def all_inclusion_proofs(leaf_hashes: Sequence[bytes]) -> list[list[bytes]]:
    """Return the inclusion proof of every leaf, in leaf order (see the function above)."""
    return root_and_inclusion_proofs(leaf_hashes)[1]


def tree_levels(leaf_hashes: Sequence[bytes]) -> list[list[bytes]]:
    """Every level of the tree, leaves first and the root last (hashed once).

    Keep the levels to read the proofs of a few leaves with :func:`proof_from_levels`
    without hashing the tree again for each.
    """
    levels = [_checked(leaf_hashes)]
    while len(levels[-1]) > 1:
        levels.append(_next_level(levels[-1]))
    return levels


def proof_from_levels(levels: Sequence[Sequence[bytes]], index: int) -> list[bytes]:
    """The inclusion proof of leaf ``index`` read off :func:`tree_levels` (no rehashing)."""
    if not levels or not 0 <= index < len(levels[0]):
        size = len(levels[0]) if levels else 0
        raise TreeSizeError(f"There is no leaf {index} in a Merkle tree of {size} leaves.")
    proof: list[bytes] = []
    for level in levels[:-1]:
        sibling = index ^ 1
        if sibling < len(level):
            proof.append(level[sibling])
        index >>= 1
    return proof


def inclusion_proof(leaf_hashes: Sequence[bytes], index: int) -> list[bytes]:
    """Return PATH(index, D[n]) of RFC 6962 §2.1.1: sibling hashes from leaf to root."""
    hashes = _checked(leaf_hashes)
    if not 0 <= index < len(hashes):
        raise TreeSizeError(f"There is no leaf {index} in a Merkle tree of {len(hashes)} leaves.")
    path: list[bytes] = []
    lo, hi = 0, len(hashes)
    while hi - lo > 1:
        mid = lo + _split(hi - lo)
        if index < mid:
            path.append(_subtree_root(hashes, mid, hi))
            hi = mid
        else:
            path.append(_subtree_root(hashes, lo, mid))
            lo = mid
    path.reverse()
    return path


def consistency_proof(leaf_hashes: Sequence[bytes], old_size: int) -> list[bytes]:
    """Return PROOF(old_size, D[n]) of RFC 6962 §2.1.2 for the tree of ``leaf_hashes``.

    The proof is empty when ``old_size`` is 0 or the whole tree: there is nothing to show.
    """
    hashes = _checked(leaf_hashes)
    new_size = len(hashes)
    if not 0 <= old_size <= new_size:
        raise TreeSizeError(
            f"A Merkle tree of {new_size} leaves cannot extend one of {old_size} leaves."
        )
    if old_size in (0, new_size):
        return []
    proof: list[bytes] = []
    lo, hi, m, complete = 0, new_size, old_size, True
    while m != hi - lo:
        k = _split(hi - lo)
        if m <= k:
            proof.append(_subtree_root(hashes, lo + k, hi))
            hi = lo + k
        else:
            proof.append(_subtree_root(hashes, lo, lo + k))
            lo, m, complete = lo + k, m - k, False
    if not complete:
        proof.append(_subtree_root(hashes, lo, hi))
    proof.reverse()
    return proof


def verify_inclusion(
    leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """Tell whether ``proof`` shows leaf ``index`` in the tree of ``tree_size`` and ``root``.

    This is the algorithm of RFC 9162 §2.1.3.2. Anything malformed (a hash of the wrong
    length, an index outside the tree, a proof too long or too short) is simply false.
    """
    if not 0 <= index < tree_size or not _all_hashes(leaf_hash, root, *proof):
        return False
    fn, sn, r = index, tree_size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """Tell whether the tree (``new_size``, ``new_root``) extends (``old_size``, ``old_root``).

    This is the algorithm of RFC 9162 §2.1.4.2 for 0 < old_size < new_size. Equal sizes
    are consistent when the roots are equal and the proof is empty, and the empty tree
    is a prefix of every tree. Anything malformed is simply false.
    """
    if not 0 <= old_size <= new_size or not _all_hashes(old_root, new_root, *proof):
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof and old_root == EMPTY_ROOT
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


def _checked(leaf_hashes: Sequence[bytes]) -> list[bytes]:
    hashes = list(leaf_hashes)
    if hashes and set(map(len, hashes)) != {HASH_SIZE}:
        position, value = next((i, v) for i, v in enumerate(hashes) if len(v) != HASH_SIZE)
        raise LeafHashError(f"Leaf hash {position} is {len(value)} bytes long, not {HASH_SIZE}.")
    return hashes


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off the cycle collector while building many small acyclic lists.

    A 100,000-leaf checkpoint creates about 200,000 proof lists; each would count toward
    a collection that rescans every list made so far, which triples the time spent and
    frees nothing (the lists hold only bytes). Reference counting still frees memory.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _all_hashes(*values: bytes) -> bool:
    return all(isinstance(v, bytes) and len(v) == HASH_SIZE for v in values)


def _next_level(level: list[bytes]) -> list[bytes]:
    sha, prefix = _sha256, _NODE
    parents = [
        sha(prefix + left + right).digest()
        for left, right in zip(level[0::2], level[1::2], strict=False)
    ]
    if len(level) % 2:
        parents.append(level[-1])
    return parents


def _subtree_root(hashes: list[bytes], lo: int, hi: int) -> bytes:
    level = hashes[lo:hi]
    while len(level) > 1:
        level = _next_level(level)
    return level[0]


def _proofs_top_down(levels: list[list[bytes]]) -> list[list[bytes]]:
    proofs: list[list[bytes]] = [[]]
    for depth in range(len(levels) - 2, -1, -1):
        level = levels[depth]
        pairs = len(level) // 2
        # Left children (even positions) have their right neighbour as sibling, and
        # right children the left one; both share the parent's proof above that.
        lefts = [[sibling, *above] for sibling, above in zip(level[1::2], proofs, strict=False)]
        rights = [
            [sibling, *above]
            for sibling, above in zip(level[0 : 2 * pairs : 2], proofs, strict=False)
        ]
        below = lefts + rights
        below[0::2] = lefts
        below[1::2] = rights
        if len(level) % 2:
            # The last node of an odd level moves up unchanged: no sibling here.
            below.append(proofs[-1])
        proofs = below
    return proofs


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)
