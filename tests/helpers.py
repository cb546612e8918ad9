"""Helpers shared by the tests: where the shared test data lives, tool checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
AGE_VECTORS = SHARED / "testdata" / "age-vectors"


def require_tool(name: str) -> str:
    """Path of a system tool the test needs; fails (not skips) when it is missing.

    tools/setup installs every tool the suite uses, so a missing one is a broken
    set-up, not a reason to pass silently.
    """
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; run tools/setup first")
    return path
