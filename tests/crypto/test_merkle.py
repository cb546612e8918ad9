"""RFC 6962 / RFC 9162 Merkle trees: known answers, proofs that verify, and tampering that fails."""

from __future__ import annotations

import gc
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vault import merkle
from vault.merkle import (
    EMPTY_ROOT,
    LeafHashError,
    TreeSizeError,
    all_inclusion_proofs,
    consistency_proof,
    hash_leaves,
    inclusion_proof,
    leaf_hash,
    root,
    root_and_inclusion_proofs,
    verify_consistency,
    verify_inclusion,
)

# --- an independent reference, written from the RFC 6962 §2.1 definitions -------------


def ref_split(n: int) -> int:
    """k such that k < n <= 2k and k is a power of two."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def ref_mth(data: list[bytes]) -> bytes:
    """MTH(D[n]) exactly as RFC 6962 §2.1 defines it, recursively, from the leaf data."""
    if not data:
        return hashlib.sha256().digest()
    if len(data) == 1:
        return hashlib.sha256(b"\x00" + data[0]).digest()
    k = ref_split(len(data))
    return hashlib.sha256(b"\x01" + ref_mth(data[:k]) + ref_mth(data[k:])).digest()


def ref_path(m: int, data: list[bytes]) -> list[bytes]:
    """PATH(m, D[n]) of RFC 6962 §2.1.1."""
    if len(data) == 1:
        return []
    k = ref_split(len(data))
    if m < k:
        return [*ref_path(m, data[:k]), ref_mth(data[k:])]
    return [*ref_path(m - k, data[k:]), ref_mth(data[:k])]


def ref_subproof(m: int, data: list[bytes], complete: bool) -> list[bytes]:
    """SUBPROOF(m, D[n], b) of RFC 6962 §2.1.2."""
    if m == len(data):
        return [] if complete else [ref_mth(data)]
    k = ref_split(len(data))
    if m <= k:
        return [*ref_subproof(m, data[:k], complete), ref_mth(data[k:])]
    return [*ref_subproof(m - k, data[k:], False), ref_mth(data[:k])]


def ref_path_shape(index: int, size: int) -> list[bool]:
    """Which side the leaf takes at each split of PATH: True for the left part."""
    shape = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = ref_split(hi - lo)
        shape.append(index < lo + k)
        if index < lo + k:
            hi = lo + k
        else:
            lo += k
    return shape


def ref_subproof_shape(m: int, n: int) -> list[bool]:
    """Which part SUBPROOF descends into at each split: True for the left part."""
    shape = []
    while m != n:
        k = ref_split(n)
        shape.append(m <= k)
        if m <= k:
            n = k
        else:
            m, n = m - k, n - k
    return shape


def flip(value: bytes, bit: int = 0) -> bytes:
    changed = bytearray(value)
    changed[bit // 8 % len(changed)] ^= 1 << (bit % 8)
    return bytes(changed)


def random_leaf_hashes(size: int, seed: bytes) -> list[bytes]:
    return [hashlib.sha256(seed + i.to_bytes(4, "big")).digest() for i in range(size)]


# --- known answers -----------------------------------------------------------------------

# The RFC 6962 reference leaves and tree heads published with Certificate Transparency's
# Merkle tree test data (transparency-dev/merkle, testonly/constants.go).
CT_LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
CT_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
# Interior nodes of the 8-leaf tree by level, from the same data set.
CT_NODES = {
    (0, 1): "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    (0, 4): "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    (1, 1): "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    (1, 2): "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
    (1, 3): "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    (2, 0): "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    (2, 1): "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
}


def nodes(*keys: tuple[int, int]) -> list[bytes]:
    return [bytes.fromhex(CT_NODES[key]) for key in keys]


def test_roots_match_the_published_rfc6962_tree_heads() -> None:
    hashes = hash_leaves(CT_LEAVES)
    for size, expected in enumerate(CT_ROOTS):
        assert root(hashes[:size]).hex() == expected, f"tree of {size} leaves"
        assert root_and_inclusion_proofs(hashes[:size])[0].hex() == expected
    assert EMPTY_ROOT.hex() == CT_ROOTS[0]


@pytest.mark.parametrize(
    ("index", "expected"),
    [(0, nodes((0, 1), (1, 1), (2, 1))), (5, nodes((0, 4), (1, 3), (2, 0)))],
)
def test_inclusion_proofs_match_the_published_ones(index: int, expected: list[bytes]) -> None:
    hashes = hash_leaves(CT_LEAVES)
    assert inclusion_proof(hashes, index) == expected
    assert all_inclusion_proofs(hashes)[index] == expected
    assert verify_inclusion(hashes[index], index, 8, expected, bytes.fromhex(CT_ROOTS[8]))


@pytest.mark.parametrize(
    ("old_size", "new_size", "expected"),
    [
        (2, 8, nodes((1, 1), (2, 1))),
        (6, 8, nodes((1, 2), (1, 3), (2, 0))),
        (2, 5, nodes((1, 1), (0, 4))),
    ],
)
def test_consistency_proofs_match_the_published_ones(
    old_size: int, new_size: int, expected: list[bytes]
) -> None:
    hashes = hash_leaves(CT_LEAVES)[:new_size]
    assert consistency_proof(hashes, old_size) == expected
    old_root, new_root = bytes.fromhex(CT_ROOTS[old_size]), bytes.fromhex(CT_ROOTS[new_size])
    assert verify_consistency(old_size, new_size, old_root, new_root, expected)


def test_hashing_matches_the_recursive_definition_for_every_small_tree() -> None:
    data = [b"item %d" % i for i in range(40)]
    hashes = hash_leaves(data)
    assert hashes == [leaf_hash(d) for d in data]
    for n in range(41):
        assert root(hashes[:n]) == ref_mth(data[:n]), f"root of {n} leaves"
        proofs = all_inclusion_proofs(hashes[:n])
        for m in range(n):
            assert inclusion_proof(hashes[:n], m) == ref_path(m, data[:n]), f"PATH({m}, {n})"
            assert proofs[m] == ref_path(m, data[:n]), f"all proofs, leaf {m} of {n}"
        for m in range(1, n):
            expected = ref_subproof(m, data[:n], True)
            assert consistency_proof(hashes[:n], m) == expected, f"PROOF({m}, {n})"


# --- property tests on random trees up to 10,000 leaves -----------------------------------

sizes = st.integers(min_value=1, max_value=10_000)
seeds = st.binary(min_size=4, max_size=4)


@settings(max_examples=15, deadline=None)
@given(size=sizes, seed=seeds, data=st.data())
def test_every_proof_verifies_and_both_builders_agree(
    size: int, seed: bytes, data: st.DataObject
) -> None:
    hashes = random_leaf_hashes(size, seed)
    head, proofs = root_and_inclusion_proofs(hashes)
    assert head == root(hashes)
    assert all_inclusion_proofs(hashes) == proofs
    assert len(proofs) == size
    for index, proof in enumerate(proofs):
        assert verify_inclusion(hashes[index], index, size, proof, head), f"leaf {index}"
    # The recursive builder costs O(n) per leaf: compare it on the edges and a sample.
    sample = data.draw(st.lists(st.integers(0, size - 1), max_size=6))
    for index in {0, size - 1, size // 2, *sample}:
        assert inclusion_proof(hashes, index) == proofs[index], f"leaf {index} of {size}"


@settings(max_examples=60, deadline=None)
@given(size=sizes, seed=seeds, data=st.data())
def test_altering_anything_in_an_inclusion_proof_fails(
    size: int, seed: bytes, data: st.DataObject
) -> None:
    hashes = random_leaf_hashes(size, seed)
    index = data.draw(st.integers(0, size - 1), label="index")
    proof = inclusion_proof(hashes, index)
    head = root(hashes)
    leaf = hashes[index]
    bit = data.draw(st.integers(0, 255), label="bit")
    assert verify_inclusion(leaf, index, size, proof, head)

    assert not verify_inclusion(flip(leaf, bit), index, size, proof, head)
    assert not verify_inclusion(leaf, index, size, proof, flip(head, bit))
    for position in range(len(proof)):
        altered = [*proof]
        altered[position] = flip(altered[position], bit)
        assert not verify_inclusion(leaf, index, size, altered, head), f"sibling {position}"
    assert not verify_inclusion(leaf, index, size, [*proof, proof[-1] if proof else leaf], head)
    if proof:
        assert not verify_inclusion(leaf, index, size, proof[:-1], head)
    other_index = data.draw(st.integers(-1, size), label="other index")
    if other_index != index:
        assert not verify_inclusion(leaf, other_index, size, proof, head)
    # A proof fixes the shape of the path, not the size: another size verifies exactly
    # when its path has the same shape (why a checkpoint must sign its size).
    other_size = data.draw(st.integers(0, 2 * size + 1), label="other size")
    if other_size != size:
        same_shape = other_size > index and ref_path_shape(index, other_size) == ref_path_shape(
            index, size
        )
        assert verify_inclusion(leaf, index, other_size, proof, head) == same_shape


@settings(max_examples=60, deadline=None)
@given(new_size=st.integers(min_value=1, max_value=3_000), seed=seeds, data=st.data())
def test_consistency_proofs_verify_and_fail_when_altered(
    new_size: int, seed: bytes, data: st.DataObject
) -> None:
    hashes = random_leaf_hashes(new_size, seed)
    old_size = data.draw(st.integers(0, new_size), label="old size")
    proof = consistency_proof(hashes, old_size)
    old_root, new_root = root(hashes[:old_size]), root(hashes)
    assert verify_consistency(old_size, new_size, old_root, new_root, proof)

    bit = data.draw(st.integers(0, 255), label="bit")
    assert not verify_consistency(old_size, new_size, flip(old_root, bit), new_root, proof)
    # From the empty tree there is nothing to prove: any new root extends it.
    assert verify_consistency(old_size, new_size, old_root, flip(new_root, bit), proof) == (
        old_size == 0
    )
    for position in range(len(proof)):
        altered = [*proof]
        altered[position] = flip(altered[position], bit)
        assert not verify_consistency(old_size, new_size, old_root, new_root, altered)
    assert not verify_consistency(old_size, new_size, old_root, new_root, [*proof, new_root])
    if proof:
        assert not verify_consistency(old_size, new_size, old_root, new_root, proof[:-1])
    if 0 < old_size < new_size:
        # As with inclusion, other sizes verify exactly when the proof has their shape.
        other_old = data.draw(st.integers(1, new_size + 3), label="other old size")
        other_new = data.draw(st.integers(other_old + 1, new_size + 4), label="other new size")
        if (other_old, other_new) != (old_size, new_size):
            same_shape = ref_subproof_shape(other_old, other_new) == ref_subproof_shape(
                old_size, new_size
            )
            assert verify_consistency(other_old, other_new, old_root, new_root, proof) == same_shape
        assert not verify_consistency(new_size, old_size, new_root, old_root, proof)


def test_proofs_carry_over_to_other_sizes_exactly_when_the_shape_is_the_same() -> None:
    # Every pair of small trees, exhaustively: the random tests above rarely draw a
    # size with the same shape.
    hashes = random_leaf_hashes(20, b"seed")
    carried = 0
    for size in range(1, 21):
        head = root(hashes[:size])
        for index in range(size):
            proof = inclusion_proof(hashes[:size], index)
            for other in range(index + 1, 21):
                same = ref_path_shape(index, other) == ref_path_shape(index, size)
                assert verify_inclusion(hashes[index], index, other, proof, head) == same
                carried += same and other != size
    assert carried > 0
    carried = 0
    for new in range(2, 21):
        for old in range(1, new):
            proof = consistency_proof(hashes[:new], old)
            old_root, new_root = root(hashes[:old]), root(hashes[:new])
            for other_new in range(2, 21):
                for other_old in range(1, other_new):
                    same = ref_subproof_shape(other_old, other_new) == ref_subproof_shape(old, new)
                    verified = verify_consistency(other_old, other_new, old_root, new_root, proof)
                    assert verified == same, (
                        f"proof {old}->{new} checked as {other_old}->{other_new}"
                    )
                    carried += same and (other_old, other_new) != (old, new)
    assert carried > 0


def test_trivial_consistency_needs_an_empty_proof_and_matching_roots() -> None:
    hashes = random_leaf_hashes(5, b"seed")
    head = root(hashes)
    assert consistency_proof(hashes, 5) == []
    assert consistency_proof(hashes, 0) == []
    assert verify_consistency(5, 5, head, head, [])
    assert not verify_consistency(5, 5, head, flip(head), [])
    assert not verify_consistency(5, 5, head, head, [head])
    assert verify_consistency(0, 5, EMPTY_ROOT, head, [])
    assert not verify_consistency(0, 5, flip(EMPTY_ROOT), head, [])
    assert verify_consistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])


def test_malformed_verification_input_is_false_not_an_exception() -> None:
    hashes = random_leaf_hashes(6, b"seed")
    head = root(hashes)
    proof = inclusion_proof(hashes, 2)
    assert verify_inclusion(hashes[2], 2, 6, proof, head)
    assert not verify_inclusion(hashes[2][:31], 2, 6, proof, head)
    assert not verify_inclusion(hashes[2], 2, 6, [proof[0] + b"\x00", *proof[1:]], head)
    assert not verify_inclusion(hashes[2], 2, 6, proof, head[:16])
    assert not verify_inclusion(hashes[2], -1, 6, proof, head)
    assert not verify_inclusion(hashes[2], 0, 0, [], EMPTY_ROOT)
    assert not verify_inclusion(hashes[0], 0, 1, [], head[:31])
    assert not verify_consistency(-1, 6, head, head, [])
    assert not verify_consistency(3, 6, head, head, [b"short"])


def test_a_proof_longer_than_the_path_fails_even_when_it_hashes_to_the_root() -> None:
    # Leaf 1 of a two-leaf tree, passed off as the only leaf of a one-leaf tree whose
    # "proof" hashes [h0, h1] the right way round: the size says there is no sibling.
    h0, h1 = random_leaf_hashes(2, b"seed")
    two = root([h0, h1])
    assert verify_inclusion(h1, 1, 2, [h0], two)
    assert not verify_inclusion(h1, 0, 1, [h0], two)


def test_a_tree_of_one_leaf_has_the_leaf_as_root_and_an_empty_proof() -> None:
    only = leaf_hash(b"the only item")
    assert root([only]) == only
    assert inclusion_proof([only], 0) == []
    assert all_inclusion_proofs([only]) == [[]]
    assert verify_inclusion(only, 0, 1, [], only)
    assert all_inclusion_proofs([]) == []


def test_proof_lists_are_independent_of_each_other() -> None:
    hashes = random_leaf_hashes(7, b"seed")
    proofs = all_inclusion_proofs(hashes)
    before = [list(p) for p in proofs]
    proofs[6].append(b"x" * 32)  # the last leaf of an odd tree is carried up unchanged
    proofs[0].clear()
    assert proofs[1:6] == before[1:6]


@pytest.mark.parametrize("collector_on", [True, False])
def test_building_all_proofs_leaves_the_garbage_collector_as_it_was(collector_on: bool) -> None:
    was = gc.isenabled()
    try:
        if not collector_on:
            gc.disable()
        root_and_inclusion_proofs(random_leaf_hashes(100, b"seed"))
        assert gc.isenabled() is collector_on
    finally:
        if was:
            gc.enable()


def test_asking_for_what_is_not_in_the_tree_raises_a_clear_error() -> None:
    hashes = random_leaf_hashes(4, b"seed")
    for bad_index in (-1, 4):
        with pytest.raises(TreeSizeError) as caught:
            inclusion_proof(hashes, bad_index)
        assert str(caught.value) == f"There is no leaf {bad_index} in a Merkle tree of 4 leaves."
    with pytest.raises(TreeSizeError, match="cannot extend one of 5 leaves"):
        consistency_proof(hashes, 5)
    with pytest.raises(TreeSizeError):
        consistency_proof(hashes, -1)
    with pytest.raises(LeafHashError) as caught_hash:
        root([*hashes, b"\x00" * 31])
    assert str(caught_hash.value) == "Leaf hash 4 is 31 bytes long, not 32."
    assert caught_hash.value.code == "merkle_leaf_hash"
    for builder in (all_inclusion_proofs, merkle.root_and_inclusion_proofs):
        with pytest.raises(LeafHashError):
            builder([b"short"])
