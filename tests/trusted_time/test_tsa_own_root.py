"""A TSA added with its own root (``tsa add URL --ca FILE``, as FreeTSA needs) stamps and
exports, also when the export asks it again by name with ``--tsa``: the root is given
to the verifier once, however many places name it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.trusted_time.conftest import PASSPHRASE, evidence
from tests.trusted_time.local_tsa import LocalTsa, Pki
from vault.bundle.time_export import stamp_bytes
from vault.cli import main
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.lenders import add_lender
from vault.rfc3161.protocol import check_reply, unique_certificates
from vault.rfc3161.trust import load_pem_certificates
from vault.trusted_time import servers


@pytest.fixture
def own_root_vault(
    vault: OpenVault,
    local_tsa: LocalTsa,
    pki: Pki,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> str:
    """A locked vault whose only TSA is the local one, added with ``--ca``; two items."""
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)
    add_lender(vault, "借呗")
    import_paths(vault, evidence(tmp_path / "a", 2), lender="借呗")
    folder = str(vault.info.path)
    vault.lock()
    for tsa in servers.DEFAULT_TSAS:
        assert main(["tsa", "remove", "--vault", folder, tsa.url]) == 0
    assert main(["tsa", "add", "--vault", folder, local_tsa.url, "--ca", str(pki.ca)]) == 0
    capsys.readouterr()
    return folder


def test_stamp_with_a_tsa_that_has_its_own_root(
    own_root_vault: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stamp", "--vault", own_root_vault]) == 0
    assert "stamped by Evidence Vault Test TSA" in capsys.readouterr().out


@pytest.mark.parametrize("ask_by_name", [False, True], ids=["from-the-list", "with---tsa"])
def test_export_with_a_tsa_that_has_its_own_root(
    own_root_vault: str,
    local_tsa: LocalTsa,
    pki: Pki,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    ask_by_name: bool,
) -> None:
    bundle = tmp_path / "bundle.zip"
    extra = ["--tsa", local_tsa.url] if ask_by_name else []
    args = ["export", "--vault", own_root_vault, "--lender", "借呗", "--out", str(bundle)]
    assert main([*args, *extra]) == 0
    captured = capsys.readouterr()
    assert "SHA256SUMS stamped at" in captured.out, captured.out + captured.err
    with zipfile.ZipFile(bundle) as archive:
        assert any(name.endswith("SHA256SUMS.tsr") for name in archive.namelist())
    assert main(["verify", str(bundle), "--tsa-ca", str(pki.ca)]) == 0


def test_a_root_named_twice_is_given_to_the_verifier_once(local_tsa: LocalTsa, pki: Pki) -> None:
    root = load_pem_certificates(pki.ca.read_text(), "the test root")
    again = load_pem_certificates(pki.ca.read_text(), "the test root")  # equal, not identical
    assert len(unique_certificates([*root, *again, *root])) == 1
    token = stamp_bytes(b"evidence", [local_tsa.url], extra_roots=[*root, *again])
    assert token is not None
    checked = check_reply(token.response, b"evidence", [*root, *again], nonce=None, source="test")
    assert checked.tsa_name == token.tsa_name
