"""``evault stamp`` and ``evault tsa`` end to end, against the local TSA."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.trusted_time.conftest import PASSPHRASE, evidence
from tests.trusted_time.local_tsa import LocalTsa, Pki
from vault.cli import main
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.trusted_time import servers


def test_tsa_and_stamp_commands(
    vault: OpenVault,
    local_tsa: LocalTsa,
    pki: Pki,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    folder = str(vault.info.path)
    import_paths(vault, evidence(tmp_path / "a", 2))
    vault.lock()
    assert main(["tsa", "list", "--vault", folder]) == 0
    listed = capsys.readouterr().out
    assert all(t.url in listed for t in servers.DEFAULT_TSAS)
    for tsa in servers.DEFAULT_TSAS:
        assert main(["tsa", "remove", "--vault", folder, tsa.url]) == 0
    assert main(["tsa", "remove", "--vault", folder, servers.DEFAULT_TSAS[0].url]) == 2
    assert "is not in this vault's list" in capsys.readouterr().err
    assert main(["tsa", "add", "--vault", folder, local_tsa.url, "--ca", str(pki.ca)]) == 0
    assert "1. " + local_tsa.url + "  (with an added root" in capsys.readouterr().out
    local_tsa.mode = "garbage"
    assert main(["stamp", "--vault", folder]) == 1
    out = capsys.readouterr().out
    assert "is not an RFC 3161 timestamp" in out and "1 checkpoint(s) still wait" in out
    local_tsa.mode = "ok"
    assert main(["stamp", "--vault", folder]) == 0
    assert "Checkpoint 1 stamped by Evidence Vault Test TSA" in capsys.readouterr().out
    assert main(["stamp", "--vault", folder]) == 0
    assert "Nothing waits for a timestamp." in capsys.readouterr().out
    assert main(["tsa", "add", "--vault", folder, "ftp://example.org/tsa"]) == 2
    assert "is not an http:// or https:// address" in capsys.readouterr().err
