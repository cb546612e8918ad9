"""Helpers shared by the tests: where the shared test data lives, tool checks."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from vault.bundle import layout

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


def standard_tools_accept(bundle: Path, folder: Path) -> None:
    """What a clerk does on any computer: unzip, ``sha256sum -c``, ``ssh-keygen -Y verify``."""
    subprocess.run([require_tool("unzip"), "-q", str(bundle), "-d", str(folder)], check=True)
    sums = subprocess.run(
        [require_tool("sha256sum"), "-c", layout.SHA256SUMS],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert sums.returncode == 0, sums.stdout + sums.stderr
    with (folder / layout.SHA256SUMS).open("rb") as message:
        signature = subprocess.run(
            [
                require_tool("ssh-keygen"),
                *("-Y", "verify", "-f", layout.ALLOWED_SIGNERS, "-I", layout.PRINCIPAL),
                *("-n", layout.NAMESPACE, "-s", layout.SIGNATURE),
            ],
            cwd=folder,
            stdin=message,
            capture_output=True,
            text=True,
            check=False,
        )
    assert signature.returncode == 0, signature.stderr
    assert "Good" in signature.stdout
