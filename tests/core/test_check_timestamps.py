"""``evault check`` verifies each checkpoint's RFC 3161 token against its statement."""

from __future__ import annotations

from pathlib import Path

from tests.core.tamper_helpers import tamper
from tests.trusted_time.conftest import evidence, local_tsa, pki, stamping_vault
from vault.check import check_vault
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.trusted_time import stamping

__all__ = ["local_tsa", "pki", "stamping_vault"]  # fixtures used by name


def _two_stamped_checkpoints(vault: OpenVault, tmp_path: Path) -> None:
    for tag in ("a", "b"):
        import_paths(vault, evidence(tmp_path / tag, 2, tag=tag))
        report = stamping.stamp_pending(vault, force=True)
        assert report.stamped, report.failures
    assert len(stamping.tokens(vault)) == 2


def test_stamped_checkpoints_pass(stamping_vault: OpenVault, tmp_path: Path) -> None:
    _two_stamped_checkpoints(stamping_vault, tmp_path)
    report = check_vault(stamping_vault)
    assert report.ok, report.problems


def test_a_token_moved_to_another_checkpoint_is_caught(
    stamping_vault: OpenVault, tmp_path: Path
) -> None:
    _two_stamped_checkpoints(stamping_vault, tmp_path)
    tamper(stamping_vault, "UPDATE timestamp_tokens SET checkpoint_id = 3 - checkpoint_id")
    report = check_vault(stamping_vault)
    kinds = [p.kind for p in report.problems]
    assert kinds.count("timestamp_invalid") >= 2, report.problems


def test_a_token_swapped_for_another_is_caught(stamping_vault: OpenVault, tmp_path: Path) -> None:
    _two_stamped_checkpoints(stamping_vault, tmp_path)
    tamper(
        stamping_vault,
        "UPDATE timestamp_tokens SET response = "
        "(SELECT response FROM timestamp_tokens WHERE id = 2) WHERE id = 1",
    )
    report = check_vault(stamping_vault)
    messages = [p.message for p in report.problems if p.kind == "timestamp_invalid"]
    assert any("checkpoint_id differs from the custody log" in m for m in messages), messages
    assert any("imprint" in m for m in messages), messages


def test_a_damaged_token_is_caught(stamping_vault: OpenVault, tmp_path: Path) -> None:
    _two_stamped_checkpoints(stamping_vault, tmp_path)
    tamper(stamping_vault, "UPDATE timestamp_tokens SET gen_time = '2020-01-01T00:00:00.000000Z'")
    report = check_vault(stamping_vault)
    assert any("gen_time" in p.message for p in report.problems), report.problems
