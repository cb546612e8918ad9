"""A phone backup among imported files is analysed, never a plain item nor a dead end."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from tests.case.case_xml import ANSWERED, MISSED, Call, Sms, write_calls, write_sms
from tests.case.conftest import COLLECTOR, COLLECTOR_2
from tests.case.test_case_backup_import import BILLION_LAUGHS
from vault.backup.importer import (
    BackupAlreadyAnalysedError,
    DuplicateBackupError,
    NotABackupItemError,
)
from vault.backup.title import BackupTitle, backup_title, parse_backup_title
from vault.bundle.manifest import ExportedItem
from vault.bundle.report import evidence_list
from vault.bundle.report.wording import item_title
from vault.case.stats import stats_for
from vault.check import check_vault
from vault.db.backup import BackupEvent
from vault.db.models import Item
from vault.dto import ImportProgress, ImportStatus
from vault.handle import OpenVault
from vault.hashing import SHA256, SM3
from vault.importing import analyse_backup_item, import_backup, import_paths
from vault.ingest.pipeline import ImportContext, import_files
from vault.items import get_item, withdraw_item
from vault.lenders import lender_id_of
from vault.trusted_time import checkpoints

LENDER = "微粒貸"


def phone_folder(root: Path) -> Path:
    """What a borrower copies off the phone: a screenshot, a text, a call log, SMS."""
    folder = root / "phone"
    (folder / "Screenshots").mkdir(parents=True)
    Image.new("RGB", (40, 30), (200, 10, 10)).save(folder / "Screenshots" / "Screenshot_1.png")
    (folder / "notes.txt").write_text("催收电话记录", encoding="utf-8")
    write_calls(
        folder / "calls-20260303.xml",
        [
            Call(COLLECTOR, "2026-03-02 09:15", ANSWERED, 75),
            Call(COLLECTOR, "2026-03-02 09:20", MISSED),
            Call(COLLECTOR_2, "2026-03-02 23:10", MISSED),
        ],
    )
    write_sms(folder / "sms-20260303.xml", [Sms(COLLECTOR, "2026-03-02 10:00")])
    return folder


def events_of(vault: OpenVault, item_id: str) -> int:
    with vault.sessions() as session:
        count = session.scalar(
            select(func.count(BackupEvent.id)).where(BackupEvent.item_id == item_id)
        )
        return int(count or 0)


def item_count(vault: OpenVault) -> int:
    with vault.sessions() as session:
        return int(session.scalar(select(func.count(Item.id))) or 0)


def store_as_plain_file(vault: OpenVault, path: Path) -> str:
    """What older versions did with a backup among files: the pipeline stores it plain."""
    context = ImportContext(
        vault.store,
        vault.keys.identity.recipient(),
        vault.session_factory,
        vault.keys.content_key,
        vault.tz,
        (SHA256, SM3),
    )
    (result,) = import_files(context, [path], lender_id=lender_id_of(vault, LENDER)).results
    assert result.status is ImportStatus.IMPORTED and result.item_id
    assert events_of(vault, result.item_id) == 0
    return result.item_id


def test_a_folder_with_backups_imports_the_files_and_analyses_the_backups(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    report = import_paths(case_vault, [phone_folder(tmp_path)], lender=LENDER)
    assert [r.status for r in report.results] == [ImportStatus.IMPORTED] * 4
    by_name = {r.path.name: r for r in report.results}
    assert sorted(by_name) == [
        "Screenshot_1.png",
        "calls-20260303.xml",
        "notes.txt",
        "sms-20260303.xml",
    ]
    calls, sms = report.backups
    assert (calls.calls, calls.sms, sms.sms) == (3, 0, 1)
    assert calls.attached == 2 and [n.number for n in calls.unassigned] == [COLLECTOR_2]
    assert events_of(case_vault, calls.item_id) == 3
    assert by_name["calls-20260303.xml"].item_id == calls.item_id
    stats = stats_for(case_vault, LENDER)
    assert (stats.calls_attempted, stats.sms) == (2, 1)
    assert (
        get_item(case_vault, calls.item_id).title == "Phone call log backup (3 calls, 0 messages)"
    )
    assert len(checkpoints.checkpoints(case_vault)) == 1  # one for the batch
    assert check_vault(case_vault).ok


def test_a_malformed_backup_is_refused_and_the_other_files_go_on(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    folder = phone_folder(tmp_path)
    good = (folder / "calls-20260303.xml").read_text(encoding="utf-8")
    (folder / "calls-20260303.xml").write_text(good[: len(good) // 2], encoding="utf-8")
    report = import_paths(case_vault, [folder], lender=LENDER)
    statuses = {r.path.name: (r.status, r.code) for r in report.results}
    assert statuses["calls-20260303.xml"] == (ImportStatus.REFUSED, "backup_truncated")
    assert statuses["Screenshot_1.png"] == (ImportStatus.IMPORTED, None)
    assert statuses["sms-20260303.xml"] == (ImportStatus.IMPORTED, None)
    assert len(report.backups) == 1 and item_count(case_vault) == 3
    assert check_vault(case_vault).ok


def test_a_backup_stored_as_a_plain_item_is_analysed_into_that_item(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    folder = phone_folder(tmp_path)
    item_id = store_as_plain_file(case_vault, folder / "calls-20260303.xml")
    before = len(checkpoints.checkpoints(case_vault))
    report = analyse_backup_item(case_vault, item_id)
    assert (report.item_id, report.calls, report.lender, report.attached) == (item_id, 3, LENDER, 2)
    assert events_of(case_vault, item_id) == 3 and item_count(case_vault) == 1
    assert stats_for(case_vault, LENDER).calls_attempted == 2
    assert len(checkpoints.checkpoints(case_vault)) == before + 1
    assert check_vault(case_vault).ok  # the custody log counts the new events
    with pytest.raises(BackupAlreadyAnalysedError):
        analyse_backup_item(case_vault, item_id)
    assert events_of(case_vault, item_id) == 3


def test_importing_a_plain_stored_backup_again_analyses_it_instead_of_refusing(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    folder = phone_folder(tmp_path)
    calls = store_as_plain_file(case_vault, folder / "calls-20260303.xml")
    sms = store_as_plain_file(case_vault, folder / "sms-20260303.xml")
    report = import_backup(case_vault, folder / "calls-20260303.xml", lender=LENDER)
    assert (report.item_id, report.existing, report.calls) == (calls, True, 3)
    again = import_paths(case_vault, [folder / "sms-20260303.xml"], lender=LENDER)
    (result,) = again.results
    assert (result.status, result.duplicate_of) == (ImportStatus.DUPLICATE, sms)
    assert again.backups[0].existing and events_of(case_vault, sms) == 1
    assert item_count(case_vault) == 2 and check_vault(case_vault).ok


def test_an_analysed_backup_again_says_it_is_there_and_one_in_the_trash_comes_back(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    xml = phone_folder(tmp_path) / "calls-20260303.xml"
    first = import_backup(case_vault, xml, lender=LENDER)
    with pytest.raises(DuplicateBackupError) as raised:
        import_backup(case_vault, xml, lender=LENDER)
    assert raised.value.item_id == first.item_id
    (result,) = import_paths(case_vault, [xml], lender=LENDER).results
    assert (result.status, result.duplicate_of) == (ImportStatus.DUPLICATE, first.item_id)
    withdraw_item(case_vault, first.item_id, reason="by mistake")
    back = import_paths(case_vault, [xml], lender=LENDER)
    assert back.backups[0].restored and back.backups[0].calls == 3
    assert not get_item(case_vault, first.item_id).withdrawn
    assert events_of(case_vault, first.item_id) == 3 and item_count(case_vault) == 1
    assert check_vault(case_vault).ok


def test_only_a_backup_item_can_be_analysed(case_vault: OpenVault, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("not a backup", encoding="utf-8")
    (result,) = import_paths(case_vault, [text]).results
    assert result.item_id is not None
    with pytest.raises(NotABackupItemError):
        analyse_backup_item(case_vault, result.item_id)


def test_the_stored_title_is_neutral_data_read_back_for_any_language() -> None:
    stored = backup_title(call_log=True, calls=52, messages=0)
    assert stored == "Phone call log backup (52 calls, 0 messages)"  # as older vaults hold
    assert parse_backup_title(stored) == BackupTitle(call_log=True, calls=52, messages=0)
    assert parse_backup_title("Phone message backup (0 calls, 7 messages)") == BackupTitle(
        False, 0, 7
    )
    assert parse_backup_title("我自己的标题") is None and parse_backup_title(None) is None


def test_the_evidence_list_says_a_backup_title_in_the_readers_language() -> None:
    stored = backup_title(call_log=True, calls=52, messages=0)
    assert item_title("zh_CN", stored, "calls.xml") == "通话记录备份（52 个通话，0 条短信）"
    assert item_title("zh_TW", stored, "calls.xml") == "通話紀錄備份（52 通通話，0 則簡訊）"
    assert item_title("en", stored, "calls.xml") == stored
    assert item_title("zh_CN", None, "calls.xml") == "calls.xml"
    assert item_title("zh_CN", "我的标题", "calls.xml") == "我的标题"


def test_progress_counts_the_backups_among_the_files(case_vault: OpenVault, tmp_path: Path) -> None:
    seen: list[ImportProgress] = []
    import_paths(case_vault, [phone_folder(tmp_path)], lender=LENDER, progress=seen.append)
    assert {p.files_total for p in seen} == {4}
    named = [p.current.name for p in seen if p.current is not None]
    assert sorted(set(named)) == [
        "Screenshot_1.png",
        "calls-20260303.xml",
        "notes.txt",
        "sms-20260303.xml",
    ]
    assert seen[-1].files_done == 4 and seen[-1].current is None
    assert [p.files_done for p in seen] == sorted(p.files_done for p in seen)


def test_the_evidence_list_of_a_real_backup_item_reads_in_chinese(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    report = import_paths(case_vault, [phone_folder(tmp_path)], lender=LENDER)
    item = get_item(case_vault, report.backups[0].item_id)
    for language, shown in (
        ("zh_CN", "通话记录备份（3 个通话，0 条短信）"),
        ("en", "Phone call log backup (3 calls, 0 messages)"),
    ):
        html = evidence_list.render_html(
            evidence_list.ReportInput(
                language=language,
                bundle_id="b",
                created_at=datetime(2026, 3, 4, tzinfo=UTC),
                time_zone=case_vault.tz,
                fingerprint="SHA256:" + "A" * 43,
                lenders=[],
                items=[ExportedItem(1, "files/1.xml", item, ())],
            )
        )
        assert shown in html, language
        if language == "zh_CN":
            assert "Phone call log" not in html


def test_a_hostile_backup_among_the_files_is_refused_in_one_sentence(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    folder = phone_folder(tmp_path)
    (folder / "calls-evil.xml").write_text(BILLION_LAUGHS, encoding="utf-8")
    report = import_paths(case_vault, [folder], lender=LENDER)
    statuses = {r.path.name: (r.status, r.code) for r in report.results}
    assert statuses["calls-evil.xml"] == (ImportStatus.REFUSED, "backup_hostile_xml")
    assert sum(s is ImportStatus.IMPORTED for s, _ in statuses.values()) == 4
    assert len(report.backups) == 2 and check_vault(case_vault).ok
