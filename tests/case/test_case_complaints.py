"""The complaints tracker: every change is a custody event; bad input changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.case.case_xml import Call, write_calls
from tests.case.conftest import COLLECTOR
from vault import custody
from vault.case.complaints import (
    ComplaintValueError,
    UnknownComplaintError,
    add_complaint,
    complaints,
    update_complaint,
)
from vault.custody import ledger
from vault.db.models import CustodyEvent
from vault.handle import OpenVault
from vault.importing import import_backup
from vault.items import UnknownItemError
from vault.lenders import UnknownLenderError


def custody_count(vault: OpenVault) -> int:
    with vault.sessions() as session:
        return int(session.scalar(select(func.count(CustodyEvent.seq))) or 0)


def test_a_complaint_is_filed_followed_up_and_every_change_logged(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    item = import_backup(
        case_vault, write_calls(tmp_path / "c.xml", [Call(COLLECTOR, "2026-03-02 23:00")])
    ).item_id
    filed = add_complaint(
        case_vault,
        "微粒貸",
        channel="12378",
        filed_on=date(2026, 3, 3),
        reference=" 2026-0303-118 ",
        next_follow_up=date(2026, 3, 10),
        notes="夜间催收",
        items=[item],
    )
    assert (filed.channel, filed.status, filed.reference, filed.item_ids) == (
        "12378",
        "filed",
        "2026-0303-118",
        (item,),
    )
    updated = update_complaint(
        case_vault, filed.id, status="acknowledged", clear_follow_up=True, remove_items=[item]
    )
    assert (updated.status, updated.next_follow_up, updated.item_ids) == ("acknowledged", None, ())
    second = add_complaint(case_vault, "微粒貸", channel="heimao", filed_on=date(2026, 3, 5))
    assert [c.id for c in complaints(case_vault, "微粒貸")] == [second.id, filed.id]
    with case_vault.sessions() as session:
        events = [e for e in ledger.iter_events(session) if e.action.startswith("complaint")]
        assert ledger.verify_chain(session) == []
    assert [e.action for e in events] == [
        custody.Action.COMPLAINT_ADDED,
        custody.Action.COMPLAINT_UPDATED,
        custody.Action.COMPLAINT_ADDED,
    ]
    assert events[0].payload["items"] == [item]
    assert events[1].payload == {
        "complaint_id": filed.id,
        "changes": {
            "status": {"from": "filed", "to": "acknowledged"},
            "next_follow_up": {"from": "2026-03-10", "to": None},
            "items_removed": [item],
        },
    }


def test_bad_complaint_input_is_refused_and_nothing_is_logged(case_vault: OpenVault) -> None:
    filed = add_complaint(case_vault, "微粒貸", channel="police_110", filed_on=date(2026, 3, 3))
    before = custody_count(case_vault)
    with pytest.raises(ComplaintValueError, match="not a complaint channel"):
        add_complaint(case_vault, "微粒貸", channel="fax", filed_on=date(2026, 3, 3))
    with pytest.raises(UnknownLenderError):
        add_complaint(case_vault, "nobody", channel="court", filed_on=date(2026, 3, 3))
    with pytest.raises(UnknownItemError):
        add_complaint(case_vault, "微粒貸", channel="court", filed_on=date(2026, 3, 3), items=["x"])
    with pytest.raises(ComplaintValueError, match="not a complaint status"):
        update_complaint(case_vault, filed.id, status="won")
    with pytest.raises(ComplaintValueError, match="Nothing would change"):
        update_complaint(case_vault, filed.id, status="filed")
    with pytest.raises(ComplaintValueError, match="is not linked"):
        update_complaint(case_vault, filed.id, remove_items=["abc"])
    with pytest.raises(UnknownComplaintError):
        update_complaint(case_vault, 999, status="closed")
    assert custody_count(case_vault) == before
    assert complaints(case_vault) == [filed]
