"""Fixtures of the case-analysis tests: a fast vault in Asia/Shanghai with one lender."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from vault.handle import OpenVault, create_vault
from vault.lenders import add_lender

COLLECTOR = "17110002000"
COLLECTOR_2 = "17110012001"
MOTHER = "13900000001"


@pytest.fixture
def case_vault(tmp_path: Path) -> Iterator[OpenVault]:
    opened, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(opened, "微粒貸", numbers=[f"+86 {COLLECTOR[:3]} {COLLECTOR[3:7]} {COLLECTOR[7:]}"])
    yield opened
    opened.lock()
