"""Notes are leaves of the vault's Merkle tree: a stamped checkpoint proves when a note
existed, in the vault and in a bundle; a vault whose checkpoints were made before its
notes became leaves stays consistent, and a changed note breaks the next checkpoint."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, update

from tests.trusted_time.conftest import evidence
from tests.trusted_time.local_tsa import LocalTsa, Pki
from vault import notes
from vault.bundle.export import ExportRequest, export_bundle
from vault.bundle.verify import verify_bundle
from vault.check import check_vault
from vault.db.models import Note
from vault.db.trusted_time import CheckpointNoteLeaf
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.lenders import add_lender
from vault.notes import add_note
from vault.rfc3161.trust import load_pem_certificates
from vault.trusted_time import checkpoints, stamping
from vault.trusted_time.checkpoints import CheckpointInconsistentError


def test_a_stamped_note_proves_its_time_in_the_bundle(
    stamping_vault: OpenVault, local_tsa: LocalTsa, pki: Pki, tmp_path: Path
) -> None:
    vault = stamping_vault
    add_lender(vault, "好运贷")
    import_paths(vault, evidence(tmp_path / "e", 2), lender="好运贷")
    note = add_note(vault, "好运贷", "两个人上门，拍了门牌。")
    made = checkpoints.checkpoints(vault)
    assert made[-1].tree_size == 3  # the two items, then the note
    stamping.stamp_pending(vault)
    bundle = export_bundle(
        vault, ExportRequest(out=tmp_path / "b.zip", lender="好运贷", stamp=False)
    ).path
    result = verify_bundle(bundle, tsa_roots=load_pem_certificates(pki.ca.read_bytes(), "ca"))
    assert result.valid, result
    times = {t.item_id: t for t in result.item_times}
    assert times[f"note-{note.id}"].status == "proven", times
    assert all(t.status == "proven" for t in result.item_times)
    assert check_vault(vault).ok


def test_notes_written_before_they_were_leaves_join_the_tree_at_the_end(
    vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A vault of the last version: its checkpoints cover items only, and its notes were
    written without a checkpoint (and without a leaf)."""
    add_lender(vault, "好运贷")
    import_paths(vault, evidence(tmp_path / "e", 2), lender="好运贷")
    with monkeypatch.context() as old_version:
        old_version.setattr(notes, "_checkpoint", lambda vault: None)
        add_note(vault, "好运贷", "电话威胁。")
    assert [c.tree_size for c in checkpoints.checkpoints(vault)] == [2]
    import_paths(vault, evidence(tmp_path / "f", 1, tag="f"), lender="好运贷")
    # the new item and the old note at the end; the consistency proof from 2 leaves held
    assert [c.tree_size for c in checkpoints.checkpoints(vault)] == [2, 4]
    assert check_vault(vault).ok


def test_a_note_changed_in_the_database_stops_the_next_checkpoint(
    vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(vault, "好运贷")
    note = add_note(vault, "好运贷", "上门催收。")
    with vault.sessions() as session, session.begin():
        session.execute(update(Note).where(Note.id == note.id).values(text="没有人来过。"))
    add_lender(vault, "微粒贷")
    import_paths(vault, evidence(tmp_path / "g", 1), lender="微粒贷")  # logs, never fails
    assert [c.tree_size for c in checkpoints.checkpoints(vault)] == [1]
    with pytest.raises(CheckpointInconsistentError):
        checkpoints.create_checkpoint(vault)
    assert not check_vault(vault).ok


def test_a_removed_note_leaf_is_reported_by_the_vault_check(
    vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(vault, "好运贷")
    add_note(vault, "好运贷", "上门催收。")
    import_paths(vault, evidence(tmp_path / "e", 1), lender="好运贷")
    assert check_vault(vault).ok
    with vault.sessions() as session, session.begin():
        session.execute(delete(CheckpointNoteLeaf))
    problems = check_vault(vault).problems
    assert problems and {p.kind for p in problems} == {"checkpoint_invalid"}, problems
    assert any("gaps" in p.message for p in problems)
