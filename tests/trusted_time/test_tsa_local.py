"""RFC 3161 stamping against a real ``openssl ts -reply`` TSA on 127.0.0.1."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers import require_tool
from tests.trusted_time.conftest import evidence
from tests.trusted_time.local_tsa import LocalTsa, Pki
from vault import custody
from vault.custody import ledger
from vault.db.trusted_time import StampQueueEntry, TimestampToken
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.rfc3161.errors import TsaUrlError
from vault.rfc3161.protocol import check_reply
from vault.rfc3161.trust import load_pem_certificates
from vault.trusted_time import checkpoints, servers, stamping
from vault.trusted_time.statement import statement_name


def stored_tokens(vault: OpenVault) -> list[TimestampToken]:
    with vault.sessions() as session:
        rows = list(session.scalars(select(TimestampToken)))
        session.expunge_all()
        return rows


def queue(vault: OpenVault) -> list[StampQueueEntry]:
    with vault.sessions() as session:
        rows = list(
            session.scalars(select(StampQueueEntry).order_by(StampQueueEntry.checkpoint_id))
        )
        session.expunge_all()
        return rows


def test_a_checkpoint_stamped_by_the_local_tsa_verifies_with_our_code_and_openssl(
    stamping_vault: OpenVault, local_tsa: LocalTsa, pki: Pki, tmp_path: Path
) -> None:
    vault = stamping_vault
    import_paths(vault, evidence(tmp_path / "a", 3))
    assert local_tsa.requests == 0, "an import must not talk to a TSA"
    before = datetime.now(UTC) - timedelta(seconds=2)
    report = stamping.stamp_pending(vault)
    assert report.attempted and report.failures == () and report.pending == 0
    (token,) = report.stamped
    assert token.tsa_name == "Evidence Vault Test TSA"
    assert before <= token.gen_time <= datetime.now(UTC) + timedelta(seconds=2)
    (row,) = stored_tokens(vault)
    made = checkpoints.checkpoints(vault)[0]
    assert row.checkpoint_id == made.id == token.checkpoint_id
    assert "BEGIN CERTIFICATE" in row.chain_pem
    # Our own check, from the stored bytes alone, against the test root.
    checked = check_reply(
        row.response, made.statement, load_pem_certificates(pki.ca.read_bytes(), "ca"),
        nonce=int(row.nonce), source="stored",
    )  # fmt: skip
    assert checked.gen_time == token.gen_time
    # And OpenSSL's, as a receiver would run it.
    statement = tmp_path / statement_name(made.id)
    statement.write_bytes(made.statement)
    tsr = Path(f"{statement}.tsr")
    tsr.write_bytes(row.response)
    openssl = require_tool("openssl")
    result = subprocess.run(
        [openssl, "ts", "-verify", "-data", str(statement), "-in", str(tsr), "-CAfile", str(pki.ca)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and "Verification: OK" in result.stdout, result.stderr
    statement.write_bytes(made.statement + b" ")
    tampered = subprocess.run(
        [openssl, "ts", "-verify", "-data", str(statement), "-in", str(tsr), "-CAfile", str(pki.ca)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert tampered.returncode != 0
    with vault.sessions() as session:
        events = [
            e for e in ledger.iter_events(session) if e.action == custody.Action.TIMESTAMP_RECEIVED
        ]
    assert len(events) == 1 and events[0].payload["checkpoint"] == made.id
    assert queue(vault)[0].outcome == "stamped"


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("garbage", "is not an RFC 3161 timestamp"),
        ("wrong_nonce", "another nonce"),
        ("wrong_imprint", "stamps other data"),
        ("expired", "was not valid at the time"),
        ("non_tsa", "not a time-stamping certificate"),
    ],
)
def test_a_bad_reply_is_rejected_with_its_reason_and_nothing_is_stored(
    stamping_vault: OpenVault, local_tsa: LocalTsa, tmp_path: Path, mode: str, reason: str
) -> None:
    vault = stamping_vault
    import_paths(vault, evidence(tmp_path / "a", 2))
    local_tsa.mode = mode
    report = stamping.stamp_pending(vault)
    assert report.attempted and report.stamped == () and report.pending == 1
    (failure,) = report.failures
    assert reason in failure and local_tsa.url in failure
    assert stored_tokens(vault) == []
    (entry,) = queue(vault)
    assert entry.done_at is None and entry.attempts == 1 and reason in (entry.last_error or "")


def test_a_reply_with_a_certificate_chain_is_used_or_refused_cleanly(
    stamping_vault: OpenVault, local_tsa: LocalTsa, pki: Pki, tmp_path: Path
) -> None:
    # OpenSSL 3.0 writes the ``certs =`` chain as an unsorted SET OF unless the DER order
    # happens to match; rfc3161-client reads only strict DER. Either way: no crash, and
    # what is stored verifies.
    vault = stamping_vault
    import_paths(vault, evidence(tmp_path / "a", 2))
    local_tsa.mode = "multi_cert"
    report = stamping.stamp_pending(vault)
    assert report.attempted
    if report.stamped:
        (row,) = stored_tokens(vault)
        statement = checkpoints.checkpoints(vault)[0].statement
        roots = load_pem_certificates(pki.ca.read_bytes(), "ca")
        assert check_reply(row.response, statement, roots, nonce=None, source="stored")
        assert row.chain_pem.count("BEGIN CERTIFICATE") >= 2
    else:
        assert "not strict DER" in report.failures[0]
        assert stored_tokens(vault) == [] and report.pending == 1


def test_a_tsa_whose_root_is_not_trusted_is_rejected(
    vault: OpenVault, local_tsa: LocalTsa, tmp_path: Path
) -> None:
    import_paths(vault, evidence(tmp_path / "a", 1))
    report = stamping.stamp_pending(vault, urls=[local_tsa.url])
    assert report.stamped == ()
    assert "does not verify up to a trusted root" in report.failures[0]
    assert stored_tokens(vault) == []


def test_offline_imports_queue_checkpoints_and_the_queue_drains_when_the_tsa_is_back(
    stamping_vault: OpenVault, local_tsa: LocalTsa, tmp_path: Path
) -> None:
    vault = stamping_vault
    local_tsa.stop()  # the TSA is unreachable: nothing listens on its port
    for batch in range(3):
        report = import_paths(vault, evidence(tmp_path / f"b{batch}", 2, tag=f"b{batch}"))
        assert all(r.item_id for r in report.results)
        assert stamping.pending_count(vault) == batch + 1
    now = datetime.now(UTC)
    failed = stamping.stamp_pending(vault, now=now, timeout=2)
    assert failed.attempted and failed.stamped == () and failed.pending == 3
    assert "could not be reached" in failed.failures[0]
    assert {e.attempts for e in queue(vault)} == {1}
    # Within the back-off nothing is sent; after it (or when forced) it is.
    assert not stamping.stamp_pending(vault, now=now + timedelta(seconds=30)).attempted
    local_tsa.start()  # back on the same port
    drained = stamping.stamp_pending(vault, now=now + timedelta(minutes=2))
    assert drained.attempted and drained.pending == 0 and len(drained.stamped) == 1
    assert drained.stamped[0].checkpoint_id == 3, "the newest root covers every older item"
    assert [e.outcome for e in queue(vault)] == ["superseded", "superseded", "stamped"]
    assert local_tsa.requests == 1
    assert stamping.backoff(1) == timedelta(minutes=1)
    assert stamping.backoff(3) == timedelta(minutes=4)
    assert stamping.backoff(40) == timedelta(hours=6)


def test_the_tsa_list_defaults_to_public_tsas_and_is_editable(vault: OpenVault, pki: Pki) -> None:
    defaults = [t.url for t in servers.tsa_list(vault)]
    assert defaults == [t.url for t in servers.DEFAULT_TSAS] and len(defaults) >= 2
    servers.add_tsa(vault, "http://127.0.0.1:9/tsr", ca_pem=pki.ca.read_text())
    assert [t.url for t in servers.tsa_list(vault)][-1] == "http://127.0.0.1:9/tsr"
    servers.remove_tsa(vault, defaults[0])
    assert defaults[0] not in [t.url for t in servers.tsa_list(vault)]
    with pytest.raises(servers.UnknownTsaError):
        servers.remove_tsa(vault, defaults[0])
    with pytest.raises(TsaUrlError):
        servers.add_tsa(vault, "file:///etc/passwd")
    with pytest.raises(TsaUrlError):
        servers.add_tsa(vault, "http://127.0.0.1:9/tsr", ca_pem="not a certificate")
