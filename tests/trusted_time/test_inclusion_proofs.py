"""Inclusion proofs of checkpoint trees: all verify, and any altered part fails (hypothesis)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vault import merkle
from vault.trusted_time import statement

START = datetime(2024, 3, 15, 6, 30, tzinfo=UTC)


def leaves(count: int, salt: int) -> list[bytes]:
    return [
        statement.leaf_data(
            hashlib.blake2b(b"%d-%d" % (salt, i), digest_size=16).hexdigest(),
            hashlib.sha256(b"%d" % i).hexdigest(),
            START + timedelta(seconds=i),
        )
        for i in range(count)
    ]


def flip(value: bytes, bit: int) -> bytes:
    at = bit // 8 % len(value)
    return value[:at] + bytes([value[at] ^ (1 << bit % 8)]) + value[at + 1 :]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.one_of(st.integers(1, 64), st.integers(65, 10_000)),
    salt=st.integers(0, 2**32),
    picks=st.lists(st.integers(0, 2**31), min_size=1, max_size=8),
    bit=st.integers(0, 255),
)
def test_every_proof_verifies_and_any_altered_leaf_sibling_or_root_fails(
    size: int, salt: int, picks: list[int], bit: int
) -> None:
    hashes = merkle.hash_leaves(leaves(size, salt))
    levels = merkle.tree_levels(hashes)
    root = levels[-1][0]
    one_pass_root, proofs = merkle.root_and_inclusion_proofs(hashes)
    assert root == one_pass_root == merkle.root(hashes)
    for index, proof in enumerate(proofs):
        assert merkle.verify_inclusion(hashes[index], index, size, proof, root)
    for pick in picks:
        index = pick % size
        proof = merkle.proof_from_levels(levels, index)
        assert proof == proofs[index]
        assert not merkle.verify_inclusion(flip(hashes[index], bit), index, size, proof, root)
        assert not merkle.verify_inclusion(hashes[index], index, size, proof, flip(root, bit))
        for position in range(len(proof)):
            altered = [*proof[:position], flip(proof[position], bit), *proof[position + 1 :]]
            assert not merkle.verify_inclusion(hashes[index], index, size, altered, root)
        if size > 1:
            other = (index + 1 + pick) % size
            if other != index:
                assert not merkle.verify_inclusion(hashes[other], index, size, proof, root)
