"""Pages, counts, filters and search for the lazy evidence table."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from vault.custody.ledger import verify_chain
from vault.demo.synthetic import add_synthetic_items
from vault.errors import UsageError
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.items import edit_item, purge_item, withdraw_item
from vault.lenders import LenderExistsError, UnknownLenderError, add_lender, rename_lender
from vault.listing import ItemFilter, SortKey, item_count, item_page


def _import(vault: OpenVault, tmp_path: Path, lender: str, names: dict[str, bytes]) -> list[str]:
    folder = tmp_path / lender
    folder.mkdir()
    for name, data in names.items():
        (folder / name).write_bytes(data)
    report = import_paths(vault, [folder], lender=lender)
    return [r.item_id for r in report.results if r.item_id]


def test_pages_cover_every_item_once_in_a_stable_order(vault: OpenVault) -> None:
    add_lender(vault, "借呗")
    add_synthetic_items(vault, "借呗", 250)
    flt = ItemFilter(lender="借呗")
    assert item_count(vault, flt) == 250
    seen = [i.id for off in range(0, 250, 100) for i in item_page(vault, flt, off, 100)]
    assert len(seen) == len(set(seen)) == 250
    times = [i.incident_at or i.captured_at for i in item_page(vault, flt, 0, 250)]
    assert times == sorted(times)
    newest_first = item_page(vault, flt, 0, 5, SortKey.TIME, descending=True)
    assert newest_first[0].captured_at == max(times)


def test_filters_by_kind_category_and_date(vault: OpenVault) -> None:
    add_lender(vault, "微粒贷")
    add_synthetic_items(vault, "微粒贷", 300)
    everything = item_page(vault, ItemFilter(), 0, 300)
    recordings = ItemFilter(kinds=frozenset({"recording"}))
    assert item_count(vault, recordings) == sum(i.kind == "recording" for i in everything)
    threats = ItemFilter(category="threats")
    assert item_count(vault, threats) == sum("threats" in i.categories for i in everything)
    since, until = datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC)
    in_march = [i for i in everything if since <= i.captured_at < until]
    got = item_page(vault, ItemFilter(since=since, until=until), 0, 300)
    assert {i.id for i in got} == {i.id for i in in_march}
    with pytest.raises(UsageError):
        item_count(vault, ItemFilter(category="not-a-category"))


def test_search_finds_titles_numbers_and_file_names(vault: OpenVault, tmp_path: Path) -> None:
    add_lender(vault, "京东金融")
    first, second = _import(
        vault, tmp_path, "京东金融", {"a.txt": b"first file", "b.txt": b"second file"}
    )
    edit_item(vault, first, {"title": "威胁要上门", "counterpart": "+86 138 0013 8000"})
    assert [i.id for i in item_page(vault, ItemFilter(text="上门"), 0, 10)] == [first]
    assert [i.id for i in item_page(vault, ItemFilter(text="0013 8000"), 0, 10)] == [first]
    assert [i.id for i in item_page(vault, ItemFilter(text="b.txt"), 0, 10)] == [second]
    assert [i.id for i in item_page(vault, ItemFilter(text="B.TXT"), 0, 10)] == [second]
    assert item_count(vault, ItemFilter(text="100%_")) == 0  # wildcards are literal


def test_withdrawn_items_are_hidden_unless_asked(vault: OpenVault, tmp_path: Path) -> None:
    add_lender(vault, "360借条")
    (item_id,) = _import(vault, tmp_path, "360借条", {"x.txt": b"x"})
    withdraw_item(vault, item_id)
    assert item_count(vault, ItemFilter()) == 0
    assert item_count(vault, ItemFilter(include_withdrawn=True)) == 1


def test_the_trash_lists_withdrawn_items_until_they_are_purged(
    vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(vault, "安逸花")
    kept, trashed, purged = _import(
        vault, tmp_path, "安逸花", {"k.txt": b"kept", "t.txt": b"trashed", "p.txt": b"purged"}
    )
    for item_id in (trashed, purged):
        withdraw_item(vault, item_id)
    purge_item(vault, purged)
    trash = ItemFilter(lender="安逸花", only_withdrawn=True)
    assert [i.id for i in item_page(vault, trash, 0, 10)] == [trashed]
    assert item_count(vault, trash) == 1
    assert [i.id for i in item_page(vault, ItemFilter(lender="安逸花"), 0, 10)] == [kept]


def test_bad_pages_are_refused(vault: OpenVault) -> None:
    with pytest.raises(UsageError):
        item_page(vault, ItemFilter(), -1, 10)
    with pytest.raises(UsageError):
        item_page(vault, ItemFilter(), 0, 0)


def test_rename_lender_keeps_items_and_logs_it(vault: OpenVault, tmp_path: Path) -> None:
    add_lender(vault, "安逸花")
    add_lender(vault, "分期乐")
    _import(vault, tmp_path, "安逸花", {"y.txt": b"y"})
    renamed = rename_lender(vault, "安逸花", "马上消费 安逸花")
    assert renamed.item_count == 1
    assert item_count(vault, ItemFilter(lender="马上消费 安逸花")) == 1
    with pytest.raises(LenderExistsError):
        rename_lender(vault, "马上消费 安逸花", "分期乐")
    with pytest.raises(UnknownLenderError):
        rename_lender(vault, "安逸花", "x")
    with vault.sessions() as session:
        assert verify_chain(session) == []
