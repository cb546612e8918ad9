"""A fresh vault per test and a way to bring rendered screenshots into it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from vault.handle import OpenVault, create_vault
from vault.importing import import_paths

Importer = Callable[[dict[str, bytes]], dict[str, str]]


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[OpenVault]:
    opened, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    yield opened
    opened.lock()


@pytest.fixture
def import_screens(vault: OpenVault, tmp_path: Path) -> Importer:
    """Import ``{name: png bytes}`` as phone screenshots; returns ``{name: item id}``."""
    counter = iter(range(10, 60))

    def run(screens: dict[str, bytes]) -> dict[str, str]:
        ids = {}
        for name, data in screens.items():
            path = tmp_path / f"Screenshot_20240317_0930{next(counter)}_com.tencent.mm.png"
            path.write_bytes(data)
            report = import_paths(vault, [path])
            item_id = report.results[0].item_id
            assert item_id is not None, report.results[0].reason
            ids[name] = item_id
        return ids

    return run
