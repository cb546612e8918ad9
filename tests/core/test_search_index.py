"""The full-text indexes behind the search box stay equal to what they index, and the
table's common views read indexes, not every item's row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Select, column, func, select, table, text
from sqlalchemy.orm import Session

from tests.db.test_db_migration_data import SEEDS
from tests.db.test_db_migrations import new_engine, to_revision
from vault.db.models import Item
from vault.db.search import ITEM_SEARCH, NOTE_SEARCH, TRANSCRIPT_SEARCH, matching
from vault.demo.synthetic import add_synthetic_items
from vault.handle import OpenVault
from vault.importing import import_paths
from vault.items import edit_item, purge_item, withdraw_item
from vault.lenders import add_lender
from vault.listing import ItemFilter, SortKey, _order, _where, item_count, item_page
from vault.notes import add_note


def found(vault: OpenVault, words: str) -> set[str]:
    return {i.id for i in item_page(vault, ItemFilter(text=words), 0, 1000)}


def index_rows(vault: OpenVault, table: str, item_id: str) -> int:
    with vault.sessions() as session:
        return int(
            session.execute(
                text(f"SELECT count(*) FROM {table} WHERE item_id = :id"),  # noqa: S608 - a constant
                {"id": item_id},
            ).scalar_one()
        )


def test_edits_notes_and_purges_reach_the_index_as_they_happen(
    vault: OpenVault, tmp_path: Path
) -> None:
    add_lender(vault, "分期乐")
    path = tmp_path / "IMG_0001.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    (item_id,) = [r.item_id for r in import_paths(vault, [path], lender="分期乐").results]
    assert item_id is not None
    assert found(vault, "IMG_0001") == {item_id}, "the file name, from the import"
    edit_item(vault, item_id, {"title": "催收员冒充法院"})
    assert found(vault, "冒充法院") == {item_id}
    edit_item(vault, item_id, {"title": "上门威胁"})
    assert found(vault, "冒充法院") == set(), "the old title left the index"
    assert found(vault, "上门") == {item_id}, "two characters: no trigram, still found"
    add_note(vault, "分期乐", "他说明天要爆我通讯录", item_id=item_id)
    assert found(vault, "爆我通讯录") == {item_id}, "a note of the item"
    add_note(vault, "分期乐", "没有附在证据上的备忘")
    assert found(vault, "备忘") == set(), "a note of the lender only finds no item"
    withdraw_item(vault, item_id)
    assert found(vault, "爆我通讯录") == set(), "the trash is not searched by default"
    assert index_rows(vault, ITEM_SEARCH, item_id) == 1
    purge_item(vault, item_id)
    assert index_rows(vault, ITEM_SEARCH, item_id) == 0, "a purged item leaves the index"


def plan_of(session: Session, query: Select[Any]) -> str:
    sql = str(query.compile(compile_kwargs={"literal_binds": True}))
    return " | ".join(str(row[-1]) for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)))


def test_the_table_and_a_search_read_indexes_not_every_item(vault: OpenVault) -> None:
    add_lender(vault, "借呗")
    add_synthetic_items(vault, "借呗", 300)
    views = {
        "everything": ItemFilter(),
        "a lender": ItemFilter(lender="借呗"),
        "a phrase": ItemFilter(text="爆你通讯录"),
        "a number": ItemFilter(text="+86 138 0013 8000"),
    }
    with vault.sessions() as session:
        for name, flt in views.items():
            count = plan_of(session, _where(session, select(func.count(Item.id)), flt))
            page = plan_of(
                session,
                _where(session, select(Item.id), flt)
                .order_by(*_order(SortKey.TIME, False))
                .limit(100),
            )
            for plan in (count, page):
                assert "SCAN items" not in plan.replace("SCAN items USING", ""), (name, plan)
            if not flt.text:  # the first page comes in time order straight from an index
                assert "USING INDEX ix_items_live_" in page and "TEMP B-TREE" not in page, page
    assert item_count(vault, ItemFilter(lender="借呗")) == 300


def test_a_vault_made_before_the_indexes_finds_what_it_held(tmp_path: Path) -> None:
    """Revision 0008_search fills the indexes from the rows already there."""
    engine = new_engine(tmp_path, "old.db")
    try:
        to_revision(engine, "0007_ocr")
        with engine.begin() as conn:
            for name, row in SEEDS["0001"] + SEEDS["0005_transcript"]:
                conn.execute(table(name, *map(column, row)).insert().values(**row))
        to_revision(engine, "head")
        with engine.connect() as conn:

            def ids(table_name: str, words: str) -> list[str]:
                return list(conn.execute(matching(table_name, words)).scalars())

            assert ids(NOTE_SEARCH, "上门催收") == ["it1"], "the note, from the notes there"
            item = conn.execute(text("SELECT original_name FROM items")).scalar_one()
            assert ids(ITEM_SEARCH, item) == ["it1"], "the file name, from the items there"
            assert ids(TRANSCRIPT_SEARCH, "还钱就上门") == ["it1"], "the latest transcript"
    finally:
        engine.dispose()
