"""Vault fixtures: a fast scrypt work factor comes from here, never from production code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vault.handle import OpenVault, create_vault

PASSPHRASE = "correct horse battery staple"
FAST_WORK_FACTOR = 10


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault(vault_dir: Path) -> Iterator[OpenVault]:
    opened, _ = create_vault(
        vault_dir, PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    yield opened
    opened.lock()
