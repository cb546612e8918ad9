"""Trusted time in a bundle: one lender's items prove their time, nothing of the others leaks."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.helpers import require_tool
from tests.trusted_time.conftest import evidence
from tests.trusted_time.local_tsa import LocalTsa, Pki
from vault.bundle.time_export import proof_bundle_parts, stamp_bytes
from vault.bundle.verify_time import ItemFacts, verify_bundle_time, verify_stamp
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.items import list_items
from vault.lenders import add_lender
from vault.rfc3161.trust import load_pem_certificates
from vault.sshsig import allowed_signers_line
from vault.trusted_time import servers, stamping


def write_bundle(folder: Path, files: list[tuple[str, bytes]]) -> None:
    for path, data in files:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def test_a_single_lender_bundle_proves_its_items_times_and_hides_the_others(
    stamping_vault: OpenVault, local_tsa: LocalTsa, pki: Pki, tmp_path: Path
) -> None:
    vault = stamping_vault
    add_lender(vault, "好运贷")
    add_lender(vault, "微粒贷")
    import_paths(vault, evidence(tmp_path / "a1", 3, tag="a1"), lender="好运贷")
    import_paths(vault, evidence(tmp_path / "b1", 3, tag="b1"), lender="微粒贷")
    first = stamping.stamp_pending(vault).stamped[0]
    import_paths(vault, evidence(tmp_path / "a2", 2, tag="a2"), lender="好运贷")
    second = stamping.stamp_pending(vault).stamped[0]
    import_paths(vault, evidence(tmp_path / "a3", 1, tag="a3"), lender="好运贷")  # not stamped
    mine = list_items(vault, lender="好运贷")
    others = list_items(vault, lender="微粒贷")
    proofs, files = proof_bundle_parts(vault, [i.id for i in mine])

    by_batch = {i.original_name: proofs.get(i.id) for i in mine}
    assert {p.checkpoint for n, p in by_batch.items() if p and "a1" in n} == {first.checkpoint_id}
    assert {p.checkpoint for n, p in by_batch.items() if p and "a2" in n} == {second.checkpoint_id}
    assert [n for n, p in by_batch.items() if p is None] == [
        i.original_name for i in mine if "a3" in i.original_name
    ]
    everything = b"".join(f.data for f in files) + repr(proofs).encode()
    for other in others:
        assert other.id.encode() not in everything and other.sha256.encode() not in everything
    assert "微粒贷".encode() not in everything and "好运贷".encode() not in everything

    bundle = tmp_path / "bundle"
    write_bundle(bundle, [(f.path, f.data) for f in files])
    facts = [
        ItemFacts(i.id, i.sha256, i.imported_at, proofs[i.id].to_json() if i.id in proofs else None)
        for i in mine
    ]

    def read(path: str) -> bytes | None:
        target = bundle / path
        return target.read_bytes() if target.is_file() else None

    signer = vault.keys.signing_key.public_key()
    roots = load_pem_certificates(pki.ca.read_bytes(), "ca")
    found = {
        t.item_id: t for t in verify_bundle_time(facts, read, signer, vault.info.vault_id, roots)
    }
    for item in mine:
        if item.id in proofs:
            assert found[item.id].ok, found[item.id].message
            assert found[item.id].message.startswith("existed no later than ")
            assert found[item.id].message.endswith("(Evidence Vault Test TSA)")
        else:
            assert found[item.id].message == "No timestamp covers this item yet."
    # Without the TSA's root the tokens are not trusted; a changed file breaks its proof.
    untrusted = verify_bundle_time(facts, read, signer, vault.info.vault_id)
    assert all(not t.ok for t in untrusted)
    assert any("trusted root" in t.message for t in untrusted)
    proven = next(f for f in facts if f.proof)
    forged = ItemFacts(proven.item_id, "0" * 64, proven.imported_at, proven.proof)
    (finding,) = verify_bundle_time([forged], read, signer, vault.info.vault_id, roots)
    assert not finding.ok and "inclusion proof" in finding.message

    # A statement changed inside the bundle is a finding for each of its items, not a crash.
    statement = bundle / proven.proof["statement"]
    original = statement.read_bytes()
    statement.write_bytes(original.replace(b'"tree_size":', b'"tree_size":1'))
    changed = verify_bundle_time([proven], read, signer, vault.info.vault_id, roots)
    assert not changed[0].ok and "signature" in changed[0].message
    statement.write_bytes(original)

    # The receiver's standard tools agree.
    openssl, ssh_keygen = require_tool("openssl"), require_tool("ssh-keygen")
    verified = subprocess.run(
        [openssl, "ts", "-verify", "-data", str(statement), "-in", f"{statement}.tsr",
         "-CAfile", str(pki.ca)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert "Verification: OK" in verified.stdout, verified.stderr
    (tmp_path / "allowed_signers").write_text(allowed_signers_line("evidence-vault", signer) + "\n")
    signed = subprocess.run(
        [ssh_keygen, "-Y", "verify", "-f", str(tmp_path / "allowed_signers"), "-I",
         "evidence-vault", "-n", "evidence-vault", "-s", f"{statement}.sig"],
        input=statement.read_bytes(), capture_output=True, check=False,
    )  # fmt: skip
    assert signed.returncode == 0, signed.stderr


def test_stamp_bytes_stamps_a_bundle_file_or_gives_none(
    stamping_vault: OpenVault, local_tsa: LocalTsa, pki: Pki
) -> None:
    sums = b"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  evidence/a.png\n"
    token = stamp_bytes(sums, servers.tsa_list(stamping_vault), timeout=5)
    assert token is not None
    roots = load_pem_certificates(pki.ca.read_bytes(), "ca")
    assert verify_stamp(sums, token.response, roots, source="SHA256SUMS.tsr").gen_time == (
        token.gen_time
    )
    local_tsa.stop()
    assert stamp_bytes(sums, servers.tsa_list(stamping_vault), timeout=2) is None
