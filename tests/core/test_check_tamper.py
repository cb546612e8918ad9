"""``evault check`` catches every field the custody log records, edited in vault.db."""
# ruff: noqa: S608 - the tests build tampering SQL from fixed names on purpose

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.tamper_helpers import LENDER, check, populate, tamper
from vault.handle import OpenVault
from vault.items import edit_item

# (table, column, SQL with {edited} {withdrawn} {plain} {note} {complaint} {backup}, kind)
CASES: list[tuple[str, str, str, str]] = (
    [
        ("items", c, f"UPDATE items SET {c} = {v} WHERE id = '{{edited}}'", "item_altered")
        for c, v in [
            ("lender_id", "NULL"),
            ("kind", "'document'"),
            ("media_type", "'image/png'"),
            ("original_name", "'other.jpg'"),
            ("size", "size + 1"),
            ("sha256", "'" + "0" * 64 + "'"),
            ("sm3", "'" + "1" * 64 + "'"),
            ("imported_at", "'2020-01-01T00:00:00.000000Z'"),
            ("captured_at", "'2020-01-01T00:00:00.000000Z'"),
            ("captured_offset_min", "captured_offset_min + 60"),
            ("time_source", "'file_mtime_forged'"),
            ("incident_at", "'2020-01-01T00:00:00.000000Z'"),
            ("counterpart", "'+8613000000000'"),
            ("categories", "'[]'"),
            ("title", "'Nothing'"),
            ("purpose", "NULL"),
            ("withdrawn_at", "'2024-01-01T00:00:00.000000Z'"),
            ("purged_at", "'2024-01-01T00:00:00.000000Z'"),
        ]
    ]
    + [
        # what the user told of the lender when adding it
        (
            "lenders",
            c,
            f"UPDATE lenders SET {c} = 'forged' WHERE name = '{LENDER}'",
            "lender_altered",
        )
        for c in ("app", "company", "loan_ref", "notes")
    ]
    + [
        # what the file itself told at import, on an item never edited since
        ("items", c, f"UPDATE items SET {c} = {v} WHERE id = '{{plain}}'", "item_altered")
        for c, v in [
            ("counterpart", "'+8613000000000'"),
            ("contact_name", "'催收员'"),
            ("source_app", "'WeChat'"),
            ("device", "'Xiaomi'"),
        ]
    ]
    + [
        (
            "items",
            "withdrawn_at",
            "UPDATE items SET withdrawn_at = NULL WHERE id = '{withdrawn}'",
            "item_altered",
        ),
        ("notes", "lender_id", "UPDATE notes SET lender_id = lender_id + 1", "note_altered"),
        ("notes", "text", "UPDATE notes SET text = 'nothing happened'", "note_altered"),
        (
            "notes",
            "occurred_at",
            "UPDATE notes SET occurred_at = '2020-01-01T00:00:00.000000Z'",
            "note_altered",
        ),
        (
            "notes",
            "occurred_offset_min",
            "UPDATE notes SET occurred_offset_min = 0",
            "note_altered",
        ),
        (
            "notes",
            "created_at",
            "UPDATE notes SET created_at = '2020-01-01T00:00:00.000000Z'",
            "note_altered",
        ),
        (
            "lenders",
            "name",
            "UPDATE lenders SET name = 'Someone else' WHERE id = 1",
            "lender_altered",
        ),
        (
            "lender_numbers",
            "number",
            "UPDATE lender_numbers SET number = '110' WHERE lender_id = 1",
            "lender_altered",
        ),
        (
            "lender_numbers",
            "added number",
            "UPDATE lender_numbers SET number = '111' WHERE lender_id = 2",
            "lender_altered",
        ),
    ]
    + [
        ("complaints", c, f"UPDATE complaints SET {c} = {v}", "complaint_altered")
        for c, v in [
            ("lender_id", "lender_id + 1"),
            ("channel", "'nifa'"),
            ("filed_on", "'2020-01-01'"),
            ("reference", "'R-2'"),
            ("status", "'closed'"),
            ("next_follow_up", "'2030-01-01'"),
            ("notes", "'forged'"),
            ("created_at", "'2020-01-01T00:00:00.000000Z'"),
            ("updated_at", "'2020-01-01T00:00:00.000000Z'"),
        ]
    ]
    + [
        ("complaint_items", "items", "DELETE FROM complaint_items", "complaint_altered"),
        (
            "backup_events",
            "count",
            "DELETE FROM backup_events WHERE id = (SELECT min(id) FROM backup_events)",
            "backup_events_altered",
        ),
        (
            "checkpoints",
            "root",
            "UPDATE checkpoints SET root = '" + "a" * 64 + "'",
            "checkpoint_invalid",
        ),
        (
            "checkpoints",
            "tree_size",
            "UPDATE checkpoints SET tree_size = tree_size + 1",
            "checkpoint_invalid",
        ),
        (
            "checkpoints",
            "statement",
            "UPDATE checkpoints SET statement = CAST(replace("
            "CAST(statement AS TEXT), 'checkpoint', 'checkpoinT') AS BLOB)",
            "checkpoint_invalid",
        ),
        (
            "checkpoints",
            "signature",
            "UPDATE checkpoints SET signature = 'x'",
            "checkpoint_invalid",
        ),
        (
            "checkpoints",
            "created_at",
            "UPDATE checkpoints SET created_at = '2020-01-01T00:00:00.000000Z'",
            "checkpoint_invalid",
        ),
        (
            "checkpoint_leaves",
            "leaf_index",
            "UPDATE checkpoint_leaves SET leaf_index = leaf_index + 10 WHERE leaf_index = 0",
            "checkpoint_invalid",
        ),
        ("items", "row", "DELETE FROM items WHERE id = '{plain}'", "item_record_deleted"),
        (
            "items",
            "new row",
            "INSERT INTO items SELECT 'zzzzzzzzzzzzzzzzzzzzzzzzzz', lender_id, kind,"
            " media_type, original_name, size, sha256, NULL, sm3, imported_at, captured_at,"
            " captured_offset_min, time_source, incident_at, incident_offset_min, counterpart,"
            " contact_name, source_app, device, categories, title, purpose, withdrawn_at, purged_at"
            " FROM items WHERE id = '{plain}'",
            "item_not_in_custody",
        ),
        ("notes", "row", "DELETE FROM notes", "note_record_deleted"),
        ("lenders", "row", "DELETE FROM lenders WHERE id = 2", "lender_record_deleted"),
        ("complaints", "row", "DELETE FROM complaints", "complaint_record_deleted"),
        ("checkpoints", "row", "DELETE FROM checkpoints", "checkpoint_record_deleted"),
    ]
)


@pytest.mark.parametrize(
    ("table", "column", "sql", "kind"), CASES, ids=[f"{t}.{c}" for t, c, _, _ in CASES]
)
def test_every_recorded_field_edited_in_the_database_is_caught(
    vault: OpenVault, tmp_path: Path, table: str, column: str, sql: str, kind: str
) -> None:
    ids = populate(vault, tmp_path)
    assert check(vault).ok, check(vault).problems
    tamper(vault, sql.format(**ids))
    report = check(vault)
    assert not report.ok
    kinds = {p.kind for p in report.problems}
    assert kind in kinds, report.problems
    if (
        kind.endswith("_altered")
        and " " not in column
        and table in {"items", "notes", "complaints"}
    ):
        assert any(column in p.message for p in report.problems if p.kind == kind)


def test_an_item_field_changed_before_a_later_edit_is_still_caught(
    vault: OpenVault, tmp_path: Path
) -> None:
    ids = populate(vault, tmp_path)
    tamper(vault, f"UPDATE items SET title = 'Forged' WHERE id = '{ids['edited']}'")
    edit_item(vault, ids["edited"], {"title": "Threat again"})
    report = check(vault)
    assert [p.kind for p in report.problems] == ["item_altered"]
    assert "'Forged'" in report.problems[0].message
