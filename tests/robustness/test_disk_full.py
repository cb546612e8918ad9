"""A full disk (RLIMIT_FSIZE in the child: writes past the limit fail with EFBIG) during a
blob write, a database commit, an export and a backup import: one sentence, no
traceback, and the vault intact with every earlier item."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.robustness.robust_helpers import (
    FAST_WORK_FACTOR,
    FIGURES,
    LENDER,
    PASSPHRASE,
    assert_sound,
    calls_xml,
    run_cli,
    small_files,
)
from vault.handle import create_vault
from vault.importing import import_paths
from vault.lenders import add_lender
from vault.trusted_time import servers

# fault -> (command, limit in bytes on any file the process writes)
FAULTS = {
    "blob write (a 3 MiB import, 1 MiB limit)": ("blob", 1 << 20),
    "database commit (150 small files, 64 KiB limit)": ("db", 64 << 10),
    "backup import (5000 calls, 256 KiB limit)": ("backup", 256 << 10),
    "export (8 KiB limit)": ("export", 8 << 10),
}
# Faults whose sentence today is the generic "a fault of this program" (exit 70): a
# disk I/O error from SQLCipher at commit is not turned into a VaultError.
COMMIT_FAULTS = {"db", "backup"}


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    vault, _ = create_vault(
        tmp_path / "v", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    for tsa in servers.tsa_list(vault):
        servers.remove_tsa(vault, tsa.url)
    add_lender(vault, LENDER)
    first = small_files(tmp_path / "first", 3, "first")
    import_paths(vault, first, lender=LENDER)
    vault.lock()
    return tmp_path / "v", {p.name: p.read_bytes() for p in first}


def _argv(what: str, vault_dir: Path, tmp_path: Path) -> list[str]:
    base = ["--vault", str(vault_dir), "--lender", LENDER]
    if what == "blob":
        big = tmp_path / "big.bin"
        big.write_bytes(os.urandom(3 << 20))
        return ["import", *base, str(big)]
    if what == "db":
        small_files(tmp_path / "many", 150, "m", size=512)
        return ["import", *base, str(tmp_path / "many")]
    if what == "backup":
        return ["import-backup", *base, str(calls_xml(tmp_path / "calls.xml", 5000))]
    return ["export", *base, "--out", str(tmp_path / "out" / "b.zip")]


@pytest.mark.slow
@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_full_disk_gives_a_sentence_and_leaves_the_vault_intact(
    fault: str, filled: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    vault_dir, first = filled
    what, limit = FAULTS[fault]
    (tmp_path / "out").mkdir()
    result = run_cli(_argv(what, vault_dir, tmp_path), file_limit=limit, log_dir=tmp_path / "log")
    shown = result.stdout + result.stderr
    assert "Traceback" not in shown, f"{fault}: {shown}"
    assert result.returncode in {0, 2}, f"{fault}: exit {result.returncode}: {shown}"
    assert "File too large" in shown or "disk is full" in shown, f"{fault}: {shown}"
    if result.returncode:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("evault: "), f"{fault}: {result.stderr}"
    if what == "blob":
        assert "refused" in result.stdout and "0 imported" in result.stdout, shown
    state = assert_sound(vault_dir, fault, originals=first)
    assert set(first) <= set(state.items.values()), f"{fault}: earlier items are missing"
    bundle = tmp_path / "out" / "b.zip"
    if bundle.exists():
        verified = run_cli(["verify", str(bundle)])
        assert verified.returncode == 0, f"{fault}: a final export exists that does not verify"
    FIGURES.setdefault("disk", {})[fault] = f"exit {result.returncode}, intact"


@pytest.mark.slow
@pytest.mark.parametrize("what", sorted(COMMIT_FAULTS))
def test_a_full_disk_at_commit_is_named_as_such(
    what: str, filled: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    vault_dir, _ = filled
    limit = {"db": 64 << 10, "backup": 256 << 10}[what]
    result = run_cli(_argv(what, vault_dir, tmp_path), file_limit=limit, log_dir=tmp_path / "log")
    assert result.returncode == 2, result.stderr
    assert "should not have" not in result.stderr
    assert "disk is full" in result.stderr, result.stderr
