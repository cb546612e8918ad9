"""A collector's number matches the backup's rows whichever way either was written, and
in vaults whose numbers were stored before the numbering plan was used."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from sqlalchemy import text

from tests.case.case_xml import ANSWERED, MISSED, Call, Sms, write_calls, write_sms
from tests.case.conftest import MOTHER
from vault.case.stats import stats_for
from vault.case.timeline import timeline
from vault.db.models import LenderNumber
from vault.handle import OpenVault
from vault.importing import import_backup, import_paths
from vault.items import edit_item, list_items
from vault.lenders import add_lender, add_lender_numbers, assign_number, lender_id_of
from vault.listing import ItemFilter, item_count

LENDER = "分期乐"
BEIJING = "01065529988"  # the collection centre's landline


def _calls(tmp_path: Path) -> Path:
    """Calls as the phone logged them: with and without +86, 0086, and the area code."""
    return write_calls(
        tmp_path / "calls.xml",
        [
            Call("+86 10 6552 9988", "2026-03-02 09:00", ANSWERED, 30),
            Call("+861065529988", "2026-03-02 09:30"),
            Call("01065529988", "2026-03-02 23:10", MISSED),
            Call("0086 10 6552 9988", "2026-03-03 08:10"),
            Call("+8613800138000", "2026-03-03 09:00"),
            Call("95188", "2026-03-03 10:00"),  # Alipay: no collector
            Call(MOTHER, "2026-03-03 11:00", ANSWERED, 60),
        ],
    )


def test_a_landline_given_in_another_form_matches_every_row(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(case_vault, LENDER, numbers=["(010) 6552 9988", "138 0013 8000"])
    report = import_backup(case_vault, _calls(tmp_path), lender=LENDER)
    assert report.attached == 5
    assert [n.number for n in report.unassigned] == [MOTHER, "95188"]
    stats = stats_for(case_vault, LENDER)
    assert stats.calls_attempted == 5 and stats.distinct_numbers == 2
    assert [(n.number, n.calls_attempted) for n in stats.numbers] == [
        (BEIJING, 4),
        ("13800138000", 1),
    ]
    for written in ("+86 10 6552 9988", "010-65529988", "1065529988"):
        entries = timeline(case_vault, LENDER, number=written)
        assert [e.number for e in entries] == [BEIJING] * 4, written


def test_numbers_assigned_later_in_any_form_find_the_rows(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(case_vault, LENDER)
    import_backup(case_vault, _calls(tmp_path), lender=LENDER)
    _, count = assign_number(case_vault, LENDER, ["+86 (0)10 6552 9988"])
    assert count == 4
    again = add_lender_numbers(case_vault, LENDER, ["010 6552 9988", "8613800138000"])
    assert again.numbers == (BEIJING, "13800138000")


def test_sms_senders_and_service_codes_match_as_written(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(case_vault, LENDER, numbers=["1069 0000 1234", "95188"])
    sms = [
        Sms("106900001234", "2026-03-02 10:00", "您已逾期，请立即还款"),
        Sms("+86 95188", "2026-03-02 11:00", "支付宝提醒"),
        Sms("10086", "2026-03-02 12:00", "话费余额"),
    ]
    report = import_backup(case_vault, write_sms(tmp_path / "sms.xml", sms), lender=LENDER)
    assert report.attached == 2
    assert [n.number for n in report.unassigned] == ["10086"]


def test_an_earlier_vaults_stored_numbers_still_match(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    """Before the numbering plan, "+86 10 6552 9988" was stored as 1065529988 (no 0), in
    lender numbers and backup rows alike; those rows are evidence and stay as recorded."""
    add_lender(case_vault, LENDER)
    lender_id = lender_id_of(case_vault, LENDER)
    report = import_backup(case_vault, _calls(tmp_path), lender=LENDER)
    with case_vault.sessions() as session, session.begin():
        session.add(LenderNumber(lender_id=lender_id, number="1065529988"))
        session.execute(
            text("UPDATE backup_events SET number = '1065529988' WHERE number = :n"),
            {"n": BEIJING},
        )
    later = [Call("+86 10 6552 9988", "2026-03-04 09:00")]  # stored in today's form
    newer = import_backup(case_vault, write_calls(tmp_path / "later.xml", later), lender=LENDER)
    assert newer.attached == 1 and newer.unassigned == ()
    stats = stats_for(case_vault, LENDER)
    assert [(n.number, n.calls_attempted) for n in stats.numbers] == [(BEIJING, 5)]
    assert [d.distinct_numbers for d in stats.days] == [1, 1, 1]
    entries = timeline(case_vault, LENDER, number="(010) 6552 9988")
    assert [(e.number, e.lender) for e in entries] == [(BEIJING, LENDER)] * 5
    assert len(timeline(case_vault, None, number="+86 10 6552 9988")) == 5
    _, count = assign_number(case_vault, LENDER, ["010-6552-9988"])
    assert count == 5
    # the old spelling is the same line: nothing new is added for it
    assert add_lender_numbers(case_vault, LENDER, ["+861065529988"]).numbers == ("1065529988",)
    assert report.item_id


def test_searching_items_by_a_number_finds_it_in_any_form(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    photo = tmp_path / "threat.png"
    Image.new("RGB", (32, 32), (200, 30, 30)).save(photo)
    import_paths(case_vault, [photo])
    (item,) = list_items(case_vault)
    edit_item(case_vault, item.id, {"counterpart": "(010) 6552 9988"})
    for written in ("+86 10 6552 9988", "0086 10 65529988", "010-6552-9988", "6552 9988"):
        assert item_count(case_vault, ItemFilter(text=written)) == 1, written
    assert item_count(case_vault, ItemFilter(text="021-6552 9988")) == 0
