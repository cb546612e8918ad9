"""How strong a passphrase is, in terms a borrower can act on.

A small, dependency-free estimator in the spirit of zxcvbn: it counts the search space
an attacker faces (character classes, length, words), then takes away what guessing
tools try first (very common passwords, repeats, keyboard and alphabet runs). The UI
shows ``score`` as a bar and ``hints`` as translated sentences; ``acceptable`` is the
only rule: the create-vault wizard refuses what is not acceptable.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

MIN_LENGTH = 8
ACCEPTABLE_SCORE = 2
# Bits of guessing work at which each score starts (score 0 below the first).
_SCORE_BITS = (28.0, 40.0, 60.0, 80.0)

_COMMON = frozenset(
    {
        "123456", "12345678", "123456789", "1234567890", "password", "password1",
        "qwerty", "qwertyuiop", "abc123", "111111", "000000", "666666", "888888",
        "123123", "iloveyou", "woaini", "woaini1314", "5201314", "1314520", "admin",
        "letmein", "welcome", "monkey", "dragon", "football", "sunshine", "princess",
        "a123456", "aa123456", "qq123456", "zxcvbnm", "asdfghjkl", "1qaz2wsx",
        "passw0rd", "p@ssw0rd", "trustno1", "baseball", "superman", "147258369",
    }
)  # fmt: skip
_RUNS = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm")


class Hint(StrEnum):
    """Why a passphrase is weak; stable codes the UI translates."""

    EMPTY = "empty"
    TOO_SHORT = "too_short"
    COMMON = "common"
    REPEATED = "repeated"
    SEQUENCE = "sequence"
    ONE_CLASS = "one_class"
    ADD_WORDS = "add_words"


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (trivial) … 4 (very strong)
    bits: float
    hints: tuple[Hint, ...]

    @property
    def acceptable(self) -> bool:
        return self.score >= ACCEPTABLE_SCORE


def _pool(text: str) -> int:
    pool = 0
    if re.search(r"[a-z]", text):
        pool += 26
    if re.search(r"[A-Z]", text):
        pool += 26
    if re.search(r"[0-9]", text):
        pool += 10
    if re.search(r"[^\w\s]|_", text, re.ASCII):
        pool += 33
    if re.search(r"\s", text):
        pool += 1
    if re.search(r"[^\x00-\x7f]", text):
        pool += 2000  # CJK and other scripts: a large alphabet per character
    return max(pool, 1)


def _sequence_chars(lowered: str) -> int:
    """How many characters sit inside runs of 3+ along the alphabet, digits or keyboard."""
    covered = [False] * len(lowered)
    for i in range(len(lowered) - 2):
        chunk = lowered[i : i + 3]
        for run in _RUNS:
            if chunk in run or chunk in run[::-1]:
                covered[i] = covered[i + 1] = covered[i + 2] = True
    return sum(covered)


def _distinct_words(text: str) -> int:
    return len({w for w in re.split(r"[\s\-_.,;:]+", text.lower()) if len(w) >= 3})


def estimate(passphrase: str) -> Strength:
    """Score ``passphrase`` from 0 to 4 with the reasons it is weak."""
    if not passphrase:
        return Strength(0, 0.0, (Hint.EMPTY,))
    hints: list[Hint] = []
    lowered = passphrase.lower()
    length = len(passphrase)
    bits = length * math.log2(_pool(passphrase))
    if lowered in _COMMON or lowered.rstrip("!1.") in _COMMON:
        hints.append(Hint.COMMON)
        bits = min(bits, 10.0)
    distinct = len(set(passphrase))
    if distinct <= max(2, length // 4):
        hints.append(Hint.REPEATED)
        bits = min(bits, distinct * math.log2(_pool(passphrase)) + math.log2(length))
    in_runs = _sequence_chars(lowered)
    if in_runs >= max(3, length // 2):
        hints.append(Hint.SEQUENCE)
        bits -= in_runs * math.log2(_pool(passphrase)) * 0.8
    words = _distinct_words(passphrase)
    if re.fullmatch(r"[a-z\s\-_.,;:]+", lowered):
        # only dictionary-like words: guessed word by word, not letter by letter
        bits = min(bits, max(words, 1) * 13.0 + 4.0)
    elif words >= 4:
        bits = max(bits, words * 11.0)  # four random words are a Diceware-style phrase
    if length < MIN_LENGTH:
        hints.append(Hint.TOO_SHORT)
        bits = min(bits, _SCORE_BITS[0] + 5)
    if _pool(passphrase) <= 26 and words < 4 and Hint.COMMON not in hints:
        hints.append(Hint.ONE_CLASS)
    bits = max(bits, 0.0)
    score = sum(1 for threshold in _SCORE_BITS if bits >= threshold)
    if Hint.TOO_SHORT in hints:
        score = min(score, 1)
    if score < 3 and Hint.ADD_WORDS not in hints:
        hints.append(Hint.ADD_WORDS)
    return Strength(score, round(bits, 1), tuple(hints))
