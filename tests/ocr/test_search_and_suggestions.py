"""What the text is for: finding items by it, and suggestions the user confirms."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, text

from tests.core.conftest import PASSPHRASE
from tests.ocr.conftest import Importer
from tests.ocr.screens import TRADITIONAL, Bubble, chat, sms_thread
from vault.categories import Category
from vault.db.ocr import OcrRecord
from vault.handle import OpenVault
from vault.items import get_item, purge_item, withdraw_item
from vault.lenders import add_lender
from vault.listing import ItemFilter, item_count, item_page
from vault.ocr import item_text
from vault.ocr.phrases import (
    accept_category,
    find_phrases,
    parse_pack,
    shipped_pack,
    suggestions,
)
from vault.ocr.script import fold


def found(vault: OpenVault, words: str) -> set[str]:
    return {item.id for item in item_page(vault, ItemFilter(text=words), 0, 100)}


def store_text(vault: OpenVault, item_id: str, text: str) -> None:
    """Record a reading directly, for search tests that need no Tesseract run."""
    with vault.sessions() as session, session.begin():
        session.execute(
            insert(OcrRecord).values(
                item_id=item_id,
                status="read",
                text=text,
                folded=fold(text),
                engine="tesseract",
                engine_version="5.3.0",
                languages="chi_sim+chi_tra+eng",
                read_at=datetime.now(UTC),
            )
        )


@pytest.fixture
def two_items(import_screens: Importer) -> dict[str, str]:
    blank = chat([Bubble("x")])
    return import_screens({"threat": blank, "weather": chat([Bubble("y")])})


def test_search_finds_items_by_their_text_in_either_script(
    vault: OpenVault, two_items: dict[str, str]
) -> None:
    store_text(vault, two_items["threat"], "再不還錢就爆你通訊錄\n明天上門 13800138000")
    store_text(vault, two_items["weather"], "今天晴 气温 25°C")
    threat = {two_items["threat"]}
    assert found(vault, "爆你通讯录") == threat, "Simplified query, Traditional text"
    assert found(vault, "爆你通訊錄") == threat, "Traditional query"
    assert found(vault, "上门") == threat, "two characters: no trigram, the LIKE fallback"
    assert found(vault, "晴") == {two_items["weather"]}, "one character"
    assert found(vault, "13800138000") == threat
    assert found(vault, "25°c") == {two_items["weather"]}, "case does not matter"
    assert found(vault, "爆你家") == set()
    assert item_count(vault, ItemFilter(text="通讯录")) == 1


def test_an_unreadable_or_waiting_image_is_not_found_and_quotes_are_harmless(
    vault: OpenVault, two_items: dict[str, str]
) -> None:
    assert found(vault, "通讯录") == set()
    store_text(vault, two_items["threat"], 'he said "pay now" or else')
    assert found(vault, '"pay now"') == {two_items["threat"]}
    assert found(vault, 'AND OR NOT "') == set()


def test_phrases_suggest_categories_with_their_spans_and_numbers_match_collectors(
    vault: OpenVault, two_items: dict[str, str]
) -> None:
    add_lender(vault, "微粒贷", numbers=["+86 139 1234 5678"])
    text = "再不还钱就爆你通讯录，明天上門。法院传票已寄出。老赖！联系 139-1234-5678 或 95188"
    store_text(vault, two_items["threat"], text)
    found_ = suggestions(vault, two_items["threat"])
    assert found_.categories == (
        Category.CONTACTING_FAMILY,
        Category.HOME_VISIT,
        Category.IMPERSONATING_AUTHORITY,
        Category.INSULTS,
    )
    for phrase in found_.phrases:
        assert text[phrase.start : phrase.end] == phrase.phrase, "spans index the text as read"
    assert [p.phrase for p in found_.phrases][:3] == ["爆你通讯录", "上門", "法院传票"]
    numbers = {n.number: n.lender for n in found_.numbers}
    assert numbers == {"13912345678": "微粒贷", "95188": None}
    assert get_item(vault, two_items["threat"]).categories == (), "nothing is filed by itself"


def test_accepting_a_suggestion_files_the_item_and_it_is_no_longer_offered(
    vault: OpenVault, two_items: dict[str, str]
) -> None:
    store_text(vault, two_items["threat"], "我们会上门找你")
    item_id = two_items["threat"]
    assert suggestions(vault, item_id).categories == (Category.HOME_VISIT,)
    assert accept_category(vault, item_id, Category.HOME_VISIT) == ("home_visit",)
    assert suggestions(vault, item_id).categories == ()


def test_the_red_lines_of_the_cba_guideline_are_suggested_from_the_text() -> None:
    # The categories the CBA rule pack's red lines count, read off a collector's message.
    text = "加我微信谈。不还就把催收通知贴在小区门口，明天去你单位找你领导，你已进黑名单"
    found_ = {p.category for p in find_phrases(text, shipped_pack())}
    assert {
        Category.PRIVATE_CHANNELS,
        Category.PUBLIC_NOTICES,
        Category.WORKPLACE_VISIT,
        Category.FALSE_CLAIMS,
    } <= found_
    assert Category.HOME_VISIT not in found_, "a workplace is not a home"
    sister = "我不认识他，不要再打了"
    assert {p.category for p in find_phrases(sister, shipped_pack())} == {
        Category.THIRD_PARTY_ASKED_TO_STOP
    }


def test_the_shipped_pack_covers_every_category_the_text_can_show() -> None:
    pack = shipped_pack()
    assert pack.pack == "collection-phrases" and pack.version >= 1
    covered = {category for _, category in pack.phrases}
    assert covered == set(Category) - {Category.FREQUENT_CALLS, Category.OTHER}
    for bad in ({"format": 2}, {"format": 1, "pack": "p", "version": 1, "phrases": [{}]}):
        with pytest.raises(Exception, match="phrase pack"):
            parse_pack(bad, "bad.json")


def evault(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, EVAULT_PASSPHRASE=PASSPHRASE)
    return subprocess.run(
        [sys.executable, "-m", "vault.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_import_queues_and_evault_ocr_reads_shows_and_finds(
    vault: OpenVault, tmp_path: Path
) -> None:
    where = str(vault.info.path)
    vault.lock()
    shots = {
        "Screenshot_20240317_093010_com.tencent.mm.png": chat(
            [Bubble("再不还钱就爆你通讯录，联系你家人", mine=True)]
        ),
        "Screenshot_20240317_093011.png": sms_thread("95188", ["您已逾期，我司已立案处理"]),
        "Screenshot_20240317_093012.png": chat(
            [Bubble("我們會上門找你，後果自負")], face=TRADITIONAL
        ),
    }
    for name, data in shots.items():
        (tmp_path / name).write_bytes(data)
    imported = evault("import", "--vault", where, *(str(tmp_path / n) for n in shots))
    assert imported.returncode == 0, imported.stderr
    assert f"3 images wait to have their text read: evault ocr --vault {where} --wait" in (
        imported.stdout
    )
    read = evault("ocr", "--vault", where, "--wait")
    assert read.returncode == 0, read.stderr
    assert "Read the text of 3 images; 0 unreadable." in read.stdout
    listed = json.loads(evault("list", "--vault", where, "--search", "爆你通讯录", "--json").stdout)
    assert [item["original_name"] for item in listed] == [
        "Screenshot_20240317_093010_com.tencent.mm.png"
    ]
    home = json.loads(evault("list", "--vault", where, "--search", "上门", "--json").stdout)
    assert [item["original_name"] for item in home] == ["Screenshot_20240317_093012.png"]
    shown = json.loads(evault("show", listed[0]["id"], "--vault", where, "--json").stdout)
    text = shown["text"]
    assert text["machine_read"] is True and text["engine"] == "tesseract"
    assert text["languages"] == "chi_sim+chi_tra+eng" and text["version"]
    assert "爆你通讯录" in fold(text["text"])
    again = evault("ocr", "--vault", where)
    assert again.returncode == 0 and "Read the text of 0 images" in again.stdout


def test_purging_an_item_destroys_its_text_too(vault: OpenVault, two_items: dict[str, str]) -> None:
    item_id = two_items["threat"]
    store_text(vault, item_id, "再不还钱就爆你通讯录")
    withdraw_item(vault, item_id)
    assert found(vault, "爆你通讯录") == set(), "the trash is not searched"
    purge_item(vault, item_id)
    assert item_text(vault, item_id) is None
    with vault.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM ocr_search")) == 0
