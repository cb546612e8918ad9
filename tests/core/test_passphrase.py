"""The passphrase strength estimate the create-vault wizard shows and enforces."""

from __future__ import annotations

import pytest

from vault.passphrase import Hint, estimate


@pytest.mark.parametrize(
    "weak", ["", "123456", "password", "woaini1314", "aaaaaaaaaaaa", "abcdefgh"]
)
def test_well_known_and_patterned_passwords_are_not_acceptable(weak: str) -> None:
    strength = estimate(weak)
    assert not strength.acceptable, (weak, strength)


@pytest.mark.parametrize(
    "strong",
    [
        "correct horse battery staple ledger",
        "Tr0ub4dour&3-xq!9Lm",
        "我的证据一定要保存好2026",
        "river-moon-ledger-quiet-7Q",
    ],
)
def test_long_mixed_or_many_word_passphrases_are_acceptable(strong: str) -> None:
    strength = estimate(strong)
    assert strength.acceptable, (strong, strength)
    assert strength.score >= 3


def test_a_few_plain_words_are_fair_not_strong() -> None:
    assert estimate("correct horse").score <= 1
    assert estimate("correct horse battery staple").score == 2


def test_hints_name_what_is_wrong() -> None:
    assert Hint.TOO_SHORT in estimate("Ab1!").hints
    assert Hint.COMMON in estimate("password").hints
    assert Hint.REPEATED in estimate("zzzzzzzzzzzz").hints
    assert Hint.SEQUENCE in estimate("qwertyuiop12").hints
    assert estimate("").hints == (Hint.EMPTY,)


def test_score_grows_with_length() -> None:
    scores = [estimate("k7#Pq" * n).score for n in (1, 2, 3)]
    assert scores == sorted(scores)
    assert scores[0] < scores[-1]
