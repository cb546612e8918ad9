"""Fixtures: a fast vault, real evidence files, and a real RFC 3161 TSA on 127.0.0.1."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers import require_tool
from tests.trusted_time.local_tsa import LocalTsa, Pki, make_pki
from vault.handle import OpenVault, create_vault
from vault.trusted_time import servers

PASSPHRASE = "correct horse battery staple"
FAST_WORK_FACTOR = 10


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[OpenVault]:
    opened, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    yield opened
    opened.lock()


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    require_tool("openssl")
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def local_tsa(pki: Pki) -> Iterator[LocalTsa]:
    server = LocalTsa(pki).start()
    yield server
    server.stop()


@pytest.fixture
def stamping_vault(vault: OpenVault, local_tsa: LocalTsa, pki: Pki) -> OpenVault:
    """A vault whose only TSA is the local one, its test root trusted for it."""
    for tsa in servers.tsa_list(vault):
        servers.remove_tsa(vault, tsa.url)
    servers.add_tsa(vault, local_tsa.url, ca_pem=pki.ca.read_text())
    return vault


def evidence(folder: Path, count: int, *, tag: str = "") -> list[Path]:
    """``count`` distinct real files: PNG screenshots and opaque binary recordings."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        if i % 2:
            path = folder / f"Screenshot_2024031{i % 10}_09300{i % 10}_com.tencent.mm{tag}.png"
            shade = zlib.crc32(tag.encode()) % 256
            Image.new("RGB", (8 + i, 8), (i * 7 % 256, shade, 255)).save(path)
        else:
            path = folder / f"call{tag}_{i}.bin"
            path.write_bytes(os.urandom(256 + i))
        paths.append(path)
    return paths
