"""The violation detector: each rule just broken and just kept, on imported backups."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from tests.case.case_xml import (
    ANSWERED,
    MISSED,
    OUTGOING,
    REJECTED,
    Call,
    Sms,
    ms,
    write_calls,
    write_sms,
)
from tests.case.conftest import COLLECTOR, COLLECTOR_2, MOTHER
from vault.bundle.report.wording import CATEGORY_LABELS, counted_sentence
from vault.case.rules.detector import LOCAL_RULES_DIR, find_violations
from vault.case.rules.packfile import (
    CategoryCheck,
    RulePackError,
    load_pack,
    load_packs,
    parse_pack,
)
from vault.categories import Category
from vault.db.backup import BackupEvent
from vault.db.models import Item
from vault.dto import Finding
from vault.handle import OpenVault
from vault.importing import import_backup, import_paths
from vault.lenders import add_lender_numbers
from vault.times import parse_utc

NIGHT_RULES = ("CBA2026-night", "GBT45251-night", "NIFA2024-night")


def import_calls(vault: OpenVault, tmp_path: Path, calls: list[Call]) -> str:
    return import_backup(vault, write_calls(tmp_path / "calls.xml", calls), lender="微粒貸").item_id


def by_rule(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule_id == rule_id]


def event_ids_at(vault: OpenVault, *local_times: str) -> tuple[int, ...]:
    wanted = {ms(t) for t in local_times}
    with vault.sessions() as session:
        rows = session.execute(select(BackupEvent.id, BackupEvent.__table__.c.occurred_at))
        found = []
        for event_id, at in rows:
            moment = at if not isinstance(at, str) else parse_utc(at)
            if int(moment.timestamp() * 1000) in wanted:
                found.append(event_id)
    return tuple(sorted(found))


def test_night_rules_draw_the_line_at_22_00_and_08_00_in_the_vault_zone(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    import_calls(
        case_vault,
        tmp_path,
        [
            Call(COLLECTOR, "2026-03-02 21:59:59"),
            Call(COLLECTOR, "2026-03-02 22:00:00"),
            Call(COLLECTOR, "2026-03-03 07:59:59"),
            Call(COLLECTOR, "2026-03-03 08:00:00"),
            Call(COLLECTOR, "2026-03-03 23:30:00", OUTGOING, 20),  # the user's own call
        ],
    )
    findings = find_violations(case_vault, "微粒貸")
    for rule in NIGHT_RULES:
        hits = by_rule(findings, rule)
        assert [(f.day.isoformat() if f.day else None, f.count) for f in hits] == [
            ("2026-03-02", 1),
            ("2026-03-03", 1),
        ], rule
        assert hits[0].event_ids == event_ids_at(case_vault, "2026-03-02 22:00:00")
        assert hits[1].event_ids == event_ids_at(case_vault, "2026-03-03 07:59:59")
        assert len(hits[0].item_ids) == 1


def test_night_messages_count_too(case_vault: OpenVault, tmp_path: Path) -> None:
    xml = write_sms(
        tmp_path / "sms.xml",
        [
            Sms(COLLECTOR, "2026-03-02 21:59"),
            Sms(COLLECTOR, "2026-03-02 23:40", "我们会联系你的家人"),
        ],
    )
    import_backup(case_vault, xml, lender="微粒貸")
    hits = by_rule(find_violations(case_vault, "微粒貸"), "GBT45251-night")
    assert [(f.count, f.event_ids) for f in hits] == [
        (1, event_ids_at(case_vault, "2026-03-02 23:40"))
    ]


@pytest.mark.parametrize(("connected", "found"), [(3, False), (4, True)])
def test_gbt_allows_three_connected_collector_calls_a_day_not_four(
    case_vault: OpenVault, tmp_path: Path, connected: int, found: bool
) -> None:
    calls = [Call(COLLECTOR, f"2026-03-02 1{i}:00", ANSWERED, 40) for i in range(connected)]
    calls += [
        Call(COLLECTOR, "2026-03-02 09:00", MISSED),  # not picked up
        Call(COLLECTOR, "2026-03-02 09:10", ANSWERED, 0),  # logged as answered, 0 seconds
        Call(COLLECTOR, "2026-03-02 09:20", ANSWERED, 0),
        Call(COLLECTOR, "2026-03-02 20:00", OUTGOING, 300),  # the debtor's own call
        Call(MOTHER, "2026-03-02 20:30", ANSWERED, 120),  # not a collector number
    ]
    import_calls(case_vault, tmp_path, calls)
    hits = by_rule(find_violations(case_vault, "微粒貸"), "GBT45251-effective-calls")
    if not found:
        assert hits == []
        return
    assert len(hits) == 1
    finding = hits[0]
    assert (finding.count, finding.limit) == (4, 3)
    assert finding.event_ids == event_ids_at(
        case_vault, *(f"2026-03-02 1{i}:00" for i in range(connected))
    )
    assert finding.counted == "connected_calls"
    assert finding.zero_second_calls == 2, "the day's 0-second calls are said, not counted"
    said = counted_sentence(finding, "en")
    assert said.startswith("calls from a collector number that connected (longer than 0 seconds)")
    assert said.endswith("0-second calls that day (not connected, not counted as connected): 2.")


def test_zero_second_calls_alone_are_not_connected_calls(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    calls = [Call(COLLECTOR, f"2026-03-02 1{i}:00", ANSWERED, 0) for i in range(5)]
    import_calls(case_vault, tmp_path, calls)
    findings = find_violations(case_vault, "微粒貸")
    assert by_rule(findings, "GBT45251-effective-calls") == []
    assert by_rule(findings, "CBA2026-unanswered-attempts") == [], "5 attempts are within 6"


@pytest.mark.parametrize(("attempts", "found"), [(6, False), (7, True)])
def test_cba_allows_six_unanswered_attempts_a_day_not_seven(
    case_vault: OpenVault, tmp_path: Path, attempts: int, found: bool
) -> None:
    outcomes = [(MISSED, 0), (REJECTED, 0), (ANSWERED, 0)]  # a 0-second call did not connect
    calls = [
        Call(COLLECTOR if i % 2 else COLLECTOR_2, f"2026-03-02 1{i}:00", *outcomes[i % 3])
        for i in range(attempts)
    ]
    calls.append(Call(COLLECTOR, "2026-03-02 09:00", ANSWERED, 10))  # connected: not counted
    calls.append(Call(COLLECTOR, "2026-03-02 09:30", OUTGOING, 0))  # the debtor's: not counted
    add_lender_numbers(case_vault, "微粒貸", [COLLECTOR_2])
    import_calls(case_vault, tmp_path, calls)
    hits = by_rule(find_violations(case_vault, "微粒貸"), "CBA2026-unanswered-attempts")
    assert [(f.count, f.limit) for f in hits] == ([(7, 6)] if found else [])
    if found:
        assert hits[0].counted == "unanswered_call_attempts"
        assert hits[0].zero_second_calls == 2  # 10:02 and 10:05 of the seven


def test_a_rule_does_not_apply_before_its_date_in_force(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    # The CBA guideline is in force from 2026-01-30; GB/T 45251-2025 since 2025-02-28.
    calls = [Call(COLLECTOR, f"2026-01-29 1{i}:00") for i in range(7)]
    calls += [Call(COLLECTOR, "2026-01-29 23:30"), Call(COLLECTOR, "2026-01-30 00:30")]
    import_calls(case_vault, tmp_path, calls)
    findings = find_violations(case_vault, "微粒貸")
    assert by_rule(findings, "CBA2026-unanswered-attempts") == []
    cba_night = by_rule(findings, "CBA2026-night")
    assert [str(f.day) for f in cba_night] == ["2026-01-30"], (
        "00:30 local is the first day in force"
    )
    assert [str(f.day) for f in by_rule(findings, "GBT45251-night")] == ["2026-01-29", "2026-01-30"]


def test_nothing_is_found_in_a_quiet_day(case_vault: OpenVault, tmp_path: Path) -> None:
    import_calls(
        case_vault,
        tmp_path,
        [Call(COLLECTOR, "2026-03-02 10:00", ANSWERED, 60), Call(COLLECTOR, "2026-03-02 15:00")],
    )
    assert find_violations(case_vault, "微粒貸") == []


def file_under(vault: OpenVault, item_id: str, categories: list[str]) -> None:
    with vault.sessions() as session, session.begin():
        item = session.get(Item, item_id)
        assert item is not None
        item.categories = categories


def test_category_rules_list_the_items_filed_under_them(
    case_vault: OpenVault, tmp_path: Path
) -> None:
    item_id = import_calls(case_vault, tmp_path, [Call(COLLECTOR, "2026-03-02 10:00")])
    file_under(case_vault, item_id, ["impersonating_authority", "threats"])
    findings = find_violations(case_vault, "微粒貸")
    assert {f.rule_id for f in findings} == {
        "CBA2026-impersonation",
        "CBA2026-improper-means",
        "NIFA2018-threats-insults",
    }
    assert all(f.item_ids == (item_id,) and f.count == 1 for f in findings)
    assert all(f.counted == "category" and f.day is None for f in findings)


@pytest.mark.parametrize(
    ("category", "rules"),
    [
        ("private_channels", {"CBA2026-private-channels"}),
        ("false_claims", {"CBA2026-false-claims"}),
        ("public_notices", {"CBA2026-public-notices"}),
        ("home_visit", {"CBA2026-entering-premises"}),
        ("workplace_visit", {"CBA2026-entering-premises"}),
        (
            "third_party_asked_to_stop",
            {"CBA2026-third-party-asked-to-stop", "GBT45251-contact-asked-to-stop"},
        ),
        ("fake_legal_documents", {"CBA2026-impersonation"}),
    ],
)
def test_each_red_line_is_found_from_a_category_the_user_gave(
    case_vault: OpenVault, tmp_path: Path, category: str, rules: set[str]
) -> None:
    # a screenshot filed by hand (or by a suggestion from its text that the user took)
    shot = tmp_path / "wechat.png"
    Image.new("RGB", (40, 30), (200, 210, 220)).save(shot)
    (result,) = import_paths(case_vault, [shot], lender="微粒貸").results
    assert result.item_id is not None
    file_under(case_vault, result.item_id, [category])
    findings = find_violations(case_vault, "微粒貸")
    assert {f.rule_id for f in findings} == rules
    assert all(f.item_ids == (result.item_id,) for f in findings)
    file_under(case_vault, result.item_id, ["other"])
    assert find_violations(case_vault, "微粒貸") == []


def test_every_category_a_rule_names_has_words_in_every_language() -> None:
    named = {
        code
        for pack in load_packs()
        for rule in pack.rules
        if isinstance(rule.check, CategoryCheck)
        for code in rule.check.categories
    }
    for language, labels in CATEGORY_LABELS.items():
        assert named <= {str(code) for code in labels}, language
    assert {str(c) for c in Category} == {str(code) for code in CATEGORY_LABELS["en"]}


def test_every_shipped_rule_cites_its_source_with_dates_and_both_languages() -> None:
    packs = load_packs()
    assert {p.pack for p in packs} == {"gbt-45251-2025", "cba-2026", "nifa-2018", "nifa-2024"}
    for pack in packs:
        for rule in pack.rules:
            assert rule.source.title_zh and rule.source.title_en and rule.source.issuer
            assert rule.source.in_force >= rule.source.published
            assert rule.source.note, "each source says how its citation was established"
            assert rule.description_zh and rule.description_en
            assert rule.source.pack_version == pack.version


def test_every_shipped_pack_says_where_it_was_checked_and_when() -> None:
    versions = {}
    for pack in load_packs():
        versions[pack.pack] = pack.version
        assert pack.source.sources, pack.pack
        for check in pack.source.sources:
            assert check.title.strip()
            assert date(2024, 1, 1) <= check.checked <= date.today(), (pack.pack, check.title)
            assert check.note, "what was and was not confirmed there"
        if not any(check.verified for check in pack.source.sources):
            assert "not" in (pack.source.note or ""), "an unverified pack says so"
    # the packs whose wording changed carry a new version
    assert versions == {"gbt-45251-2025": 3, "cba-2026": 2, "nifa-2018": 2, "nifa-2024": 2}


def test_unverified_article_numbers_are_left_empty() -> None:
    for pack in load_packs():
        for rule in pack.rules:
            if pack.pack == "gbt-45251-2025":
                assert rule.source.article == "5.3", "the clause only, no sub-clause"
            else:
                assert rule.source.article is None, rule.id


def test_a_pack_source_list_with_a_bad_date_is_refused() -> None:
    source = pack_with()["source"]
    assert isinstance(source, dict)
    bad = source | {
        "sources": [{"title": "t", "url": None, "checked": "2026-13-01", "verified": True}]
    }
    with pytest.raises(RulePackError, match="checked"):
        parse_pack(pack_with(source=bad), "bad.json")
    unsure = source | {
        "sources": [{"title": "t", "url": None, "checked": "2026-01-01", "verified": "yes"}]
    }
    with pytest.raises(RulePackError, match="true or false"):
        parse_pack(pack_with(source=unsure), "bad.json")


def test_a_new_rule_is_a_file_in_the_vault(case_vault: OpenVault, tmp_path: Path) -> None:
    import_calls(case_vault, tmp_path, [Call(COLLECTOR, f"2026-03-02 1{i}:00") for i in range(3)])
    folder = case_vault.info.path / LOCAL_RULES_DIR
    folder.mkdir()
    pack = {
        "format": 1,
        "pack": "local-test",
        "version": 1,
        "source": {
            "title_zh": "本地规则",
            "title_en": "Local rule",
            "issuer": "me",
            "published": "2026-01-01",
            "in_force": "2026-01-01",
            "url": None,
        },
        "rules": [
            {
                "id": "LOCAL-two-contacts",
                "article": "1",
                "description_zh": "每日不超过2次联系",
                "description_en": "At most 2 contacts a day",
                "check": {"type": "daily_max", "measure": "contacts", "max": 2},
            }
        ],
    }
    (folder / "local.json").write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    hits = by_rule(find_violations(case_vault, "微粒貸"), "LOCAL-two-contacts")
    assert [(f.count, f.limit) for f in hits] == [(3, 2)]


GOOD_RULE = {
    "id": "X-1",
    "article": None,
    "description_zh": "中",
    "description_en": "en",
    "check": {"type": "quiet_hours", "start": "22:00", "end": "08:00", "kinds": ["call"]},
}


def pack_with(**changes: object) -> dict[str, object]:
    pack: dict[str, object] = {
        "format": 1,
        "pack": "p",
        "version": 1,
        "source": {
            "title_zh": "t",
            "title_en": "t",
            "issuer": "i",
            "published": "2026-01-01",
            "in_force": "2026-01-01",
            "url": None,
        },
        "rules": [GOOD_RULE],
    }
    pack.update(changes)
    return pack


@pytest.mark.parametrize(
    ("pack", "sentence"),
    [
        (pack_with(format=2), "format"),
        (pack_with(version=0), "version"),
        (pack_with(rules=[]), "no rules"),
        (pack_with(rules=[GOOD_RULE | {"check": {"type": "astrology"}}]), "unknown check type"),
        (
            pack_with(
                rules=[
                    GOOD_RULE
                    | {
                        "check": {
                            "type": "quiet_hours",
                            "start": "25:00",
                            "end": "08:00",
                            "kinds": ["call"],
                        }
                    }
                ]
            ),
            "HH:MM",
        ),
        (
            pack_with(
                rules=[GOOD_RULE | {"check": {"type": "daily_max", "measure": "calls", "max": 3}}]
            ),
            "unknown measure",
        ),
        (
            pack_with(
                rules=[GOOD_RULE | {"check": {"type": "category", "categories": ["rudeness"]}}]
            ),
            "unknown categories",
        ),
        (pack_with(source={"title_zh": "t"}), "source"),
        (pack_with(rules=[GOOD_RULE | {"in_force": "2026-02-30"}]), "date"),
        ([], "object"),
    ],
)
def test_a_bad_rule_pack_is_refused_with_its_name(pack: object, sentence: str) -> None:
    with pytest.raises(RulePackError, match=sentence) as caught:
        parse_pack(pack, "bad.json")
    assert "bad.json" in str(caught.value)


def test_a_pack_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(RulePackError, match=r"broken\.json is not valid UTF-8 JSON"):
        load_pack(path)


def test_the_rules_document_names_every_shipped_pack_at_its_version() -> None:
    text = (Path(__file__).parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    for pack in load_packs():
        assert f"(`{pack.pack}`, version {pack.version})" in text, pack.pack
        for check in pack.source.sources:
            if check.checked == date(2026, 12, 3):
                assert "2026-12-03" in text
    for code in Category:
        if code in {"private_channels", "false_claims", "public_notices", "workplace_visit"}:
            assert f"`{code}`" in text, code
