"""Checkpoints: made after each import batch, signed (ssh-keygen agrees), append-only."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tests.helpers import require_tool
from tests.trusted_time.conftest import evidence
from vault import custody, merkle
from vault.check import check_vault
from vault.custody import ledger
from vault.db.models import Item
from vault.db.trusted_time import Checkpoint, CheckpointLeaf
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.items import list_items
from vault.sshsig import allowed_signers_line
from vault.times import format_utc
from vault.trusted_time import checkpoints, stamping
from vault.trusted_time.statement import statement_name


def test_each_import_batch_makes_one_signed_checkpoint_over_every_item(
    vault: OpenVault, tmp_path: Path
) -> None:
    import_paths(vault, evidence(tmp_path / "a", 3))
    import_paths(vault, evidence(tmp_path / "b", 4, tag="b"))
    made = checkpoints.checkpoints(vault)
    assert [(c.id, c.tree_size) for c in made] == [(1, 3), (2, 7)]
    first, second = (json.loads(c.statement) for c in made)
    assert first["previous"] is None
    assert first["vault_id"] == second["vault_id"] == vault.info.vault_id
    assert second["previous"]["root"] == made[0].root
    assert second["previous"]["statement_sha256"] == hashlib.sha256(made[0].statement).hexdigest()
    # A receiver recomputes the root from the leaves as docs/trusted-time.md defines them.
    items = sorted(list_items(vault), key=lambda i: (i.imported_at, i.id))
    leaves = [f"{i.id}\n{i.sha256}\n{format_utc(i.imported_at)}".encode() for i in items]
    assert merkle.root(merkle.hash_leaves(leaves)).hex() == made[1].root
    # The statement carries the consistency proof from the previous root.
    proof = [bytes.fromhex(h) for h in second["consistency_proof"]]
    assert merkle.verify_consistency(
        3, 7, bytes.fromhex(made[0].root), bytes.fromhex(made[1].root), proof
    )
    with vault.sessions() as session:
        actions = [e.action for e in ledger.iter_events(session)]
    assert actions.count(custody.Action.CHECKPOINT) == 2
    assert stamping.pending_count(vault) == 2
    assert check_vault(vault).ok


def test_ssh_keygen_verifies_a_checkpoint_signature(vault: OpenVault, tmp_path: Path) -> None:
    ssh_keygen = require_tool("ssh-keygen")
    import_paths(vault, evidence(tmp_path / "a", 2))
    made = checkpoints.checkpoints(vault)[0]
    statement = tmp_path / statement_name(made.id)
    statement.write_bytes(made.statement)
    (tmp_path / "sig").write_text(made.signature)
    signers = tmp_path / "allowed_signers"
    signers.write_text(
        allowed_signers_line("evidence-vault", vault.keys.signing_key.public_key()) + "\n"
    )
    command = [ssh_keygen, "-Y", "verify", "-f", str(signers), "-I", "evidence-vault",
               "-n", "evidence-vault", "-s", str(tmp_path / "sig")]  # fmt: skip
    ok = subprocess.run(command, input=made.statement, capture_output=True, check=False)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run(
        command, input=made.statement.replace(b'"tree_size":2', b'"tree_size":3'),
        capture_output=True, check=False,
    )  # fmt: skip
    assert bad.returncode != 0


def test_no_new_items_makes_no_new_checkpoint(vault: OpenVault, tmp_path: Path) -> None:
    files = evidence(tmp_path / "a", 2)
    import_paths(vault, files)
    import_paths(vault, files)  # duplicates only
    assert checkpoints.create_checkpoint(vault) is None
    assert [c.id for c in checkpoints.checkpoints(vault)] == [1]


def test_an_empty_vault_has_nothing_to_checkpoint(vault: OpenVault) -> None:
    assert checkpoints.create_checkpoint(vault) is None
    assert checkpoints.checkpoints(vault) == []


@pytest.mark.parametrize("column", ["sha256", "imported_at"])
def test_a_changed_item_stops_the_next_checkpoint_and_nothing_is_stored(
    vault: OpenVault, tmp_path: Path, column: str
) -> None:
    import_paths(vault, evidence(tmp_path / "a", 3))
    victim = list_items(vault)[0]
    changed = {"sha256": "ab" * 32, "imported_at": victim.imported_at.replace(year=2020)}
    with vault.sessions() as session, session.begin():
        session.execute(update(Item).where(Item.id == victim.id).values({column: changed[column]}))
    import_paths(vault, evidence(tmp_path / "b", 1, tag="b"))  # the hook logs, never fails
    assert len(list_items(vault)) == 4
    with pytest.raises(checkpoints.CheckpointInconsistentError, match="checkpoint 1"):
        checkpoints.create_checkpoint(vault)
    assert [c.id for c in checkpoints.checkpoints(vault)] == [1]
    with vault.sessions() as session:
        assert session.scalar(select(CheckpointLeaf).where(CheckpointLeaf.leaf_index == 3)) is None


def test_a_forged_stored_statement_stops_the_next_checkpoint(
    vault: OpenVault, tmp_path: Path
) -> None:
    import_paths(vault, evidence(tmp_path / "a", 2))
    with vault.sessions() as session, session.begin():
        row = session.scalars(select(Checkpoint)).one()
        row.statement = row.statement.replace(b'"tree_size":2', b'"tree_size":9')
    import_paths(vault, evidence(tmp_path / "b", 1, tag="b"))
    with pytest.raises(checkpoints.CheckpointInconsistentError, match="signature"):
        checkpoints.create_checkpoint(vault)
