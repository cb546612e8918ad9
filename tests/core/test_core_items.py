"""Editing, withdrawing and purging items: every change is a custody event."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from vault import errors
from vault.check import check_vault
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.items import (
    edit_item,
    get_item,
    item_history,
    item_history_raw,
    list_items,
    purge_item,
    restore_item,
    withdraw_item,
)
from vault.lenders import add_lender


@pytest.fixture
def item_id(vault: OpenVault, tmp_path: Path) -> str:
    add_lender(vault, "借呗")
    add_lender(vault, "京东金融")
    path = tmp_path / "Screenshot_20240317_093000.png"
    Image.new("RGB", (20, 20), (5, 6, 7)).save(path)
    result = import_paths(vault, [path], lender="借呗").results[0]
    assert result.item_id is not None
    return result.item_id


def test_edits_are_recorded_with_old_and_new_values(vault: OpenVault, item_id: str) -> None:
    edited = edit_item(
        vault,
        item_id,
        {
            "title": "催收短信威胁",
            "purpose": "证明催收方威胁上门",
            "categories": ["threats", "home_visit"],
            "incident_at": datetime(2024, 3, 15, 23, 40),
            "counterpart": "+86 138 0013 8000",
            "lender": "京东金融",
        },
    )
    assert edited.title == "催收短信威胁" and edited.lender == "京东金融"
    assert edited.categories == ("home_visit", "threats")
    assert edited.counterpart == "13800138000"
    assert edited.incident_at is not None and edited.incident_at.hour == 15  # 23:40 Shanghai in UTC
    history = item_history(vault, item_id)
    assert [e.action for e in history] == ["item_imported", "metadata_edited"]
    changes = history[-1].payload["changes"]
    assert isinstance(changes, dict) and changes["title"] == {"from": None, "to": "催收短信威胁"}
    edit_item(vault, item_id, {"title": "催收短信威胁"})  # no change, no event
    assert len(item_history(vault, item_id)) == 2


def test_bad_edits_change_nothing(vault: OpenVault, item_id: str) -> None:
    for change in ({"sha256": "0" * 64}, {"categories": ["not-a-category"]}, {"lender": "nobody"}):
        with pytest.raises(errors.UsageError):
            edit_item(vault, item_id, change)
    assert len(item_history(vault, item_id)) == 1
    assert get_item(vault, item_id).lender == "借呗"


def test_withdraw_restore_and_purge_leave_a_verifiable_tombstone(
    vault: OpenVault, item_id: str
) -> None:
    with pytest.raises(errors.UsageError, match="withdraw it first"):
        purge_item(vault, item_id)
    withdraw_item(vault, item_id, reason="imported by mistake")
    assert list_items(vault) == []
    restore_item(vault, item_id)
    assert [i.id for i in list_items(vault)] == [item_id]
    withdraw_item(vault, item_id)
    purge_item(vault, item_id)
    assert not vault.store.path_for(item_id).exists()
    with pytest.raises(errors.UsageError):
        get_item(vault, item_id)
    actions = [e.action for e in item_history_raw(vault, item_id)]
    assert actions == [
        "item_imported",
        "item_withdrawn",
        "item_restored",
        "item_withdrawn",
        "item_purged",
    ]
    assert check_vault(vault).ok
