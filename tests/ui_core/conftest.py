"""Vault fixtures for the core functions the desktop app needs (fast KDF from here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vault.handle import OpenVault, create_vault

FAST_WORK_FACTOR = 10


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[OpenVault]:
    opened, _ = create_vault(
        tmp_path / "vault",
        "correct horse battery staple",
        work_factor=FAST_WORK_FACTOR,
        time_zone="Asia/Shanghai",
    )
    yield opened
    opened.lock()
