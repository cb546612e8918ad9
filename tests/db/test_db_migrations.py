"""Migrations: ``upgrade head`` builds exactly the models' schema, and each step reverses."""

from __future__ import annotations

import fnmatch
import os
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from vault.db import current_revision, head_revision, open_database, upgrade
from vault.db.base import metadata
from vault.db.models import Item, Lender, LenderNumber, Note, Setting
from vault.db.search import RAW_INDEXES, is_search_table
from vault.db.session import MIGRATIONS_DIR, migration_config, newest_shipped_revision

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=UTC)


def schema_of(engine: Engine) -> list[tuple[str, str, str, str]]:
    """Every table, index and trigger with its SQL text, apart from alembic's own table."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
                "WHERE tbl_name != 'alembic_version' AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
            )
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]


def new_engine(tmp_path: Path, name: str) -> Engine:
    return open_database(tmp_path / name, os.urandom(32), create=True)


def to_revision(engine: Engine, revision: str, *, down: bool = False) -> None:
    with engine.begin() as conn:
        if down:
            command.downgrade(migration_config(conn), revision)
        else:
            command.upgrade(migration_config(conn), revision)


def revisions_oldest_first() -> list[tuple[str, str]]:
    """(revision, the revision before it or "base") for every migration step."""
    scripts = list(ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions())
    steps = []
    for script in reversed(scripts):
        down = script.down_revision
        assert down is None or isinstance(down, str), "the history must stay linear"
        steps.append((script.revision, down or "base"))
    return steps


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_upgrade_head_yields_exactly_the_models_schema(engine: Engine, tmp_path: Path) -> None:
    with engine.connect() as conn:
        # The full-text indexes are virtual tables with shadow tables SQLite makes, and
        # two indexes are on an expression; no model maps them, and schema_of below
        # compares their SQL text instead.
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": lambda name, kind, _parent: (
                    not (
                        (kind == "table" and is_search_table(str(name)))
                        or (kind == "index" and name in RAW_INDEXES)
                    )
                ),
            },
        )
        assert compare_metadata(context, metadata) == []
    reference = new_engine(tmp_path, "reference.db")
    try:
        metadata.create_all(reference)
        # Byte-for-byte the same CREATE statements: also covers CHECKs and triggers,
        # which compare_metadata does not look at.
        assert schema_of(engine) == schema_of(reference)
    finally:
        reference.dispose()


def test_every_revision_downgrades_and_upgrades_back_to_the_same_schema(
    tmp_path: Path,
) -> None:
    engine = new_engine(tmp_path, "steps.db")
    try:
        for revision, before in revisions_oldest_first():
            to_revision(engine, revision)
            upgraded = schema_of(engine)
            to_revision(engine, before, down=True)
            assert current_revision(engine) == (None if before == "base" else before)
            to_revision(engine, revision)
            assert schema_of(engine) == upgraded, f"revision {revision} does not reverse cleanly"
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def fill_every_table(engine: Engine) -> None:
    with Session(engine) as session:
        lender = Lender(name="微粒貸", agencies=["某催收公司"], created_at=NOW)
        lender.numbers.append(LenderNumber(number="13800138000"))
        session.add(lender)
        session.flush()
        session.add(
            Item(
                id="it1",
                lender_id=lender.id,
                kind="screenshot",
                media_type="image/png",
                original_name="Screenshot_2025-03-14-09-26-53-589_com.tencent.mm.png",
                size=10,
                sha256="cd" * 32,
                imported_at=NOW,
                captured_at=NOW,
                captured_offset_min=480,
                time_source="file_name",
            )
        )
        session.flush()
        session.add(
            Note(
                lender_id=lender.id,
                text="note",
                occurred_at=NOW,
                occurred_offset_min=480,
                created_at=NOW,
            )
        )
        session.add(Setting(key="time_zone", value="Asia/Shanghai"))
        session.commit()


def test_downgrading_with_data_then_upgrading_gives_a_working_empty_schema(
    engine: Engine, tmp_path: Path
) -> None:
    fill_every_table(engine)
    head_schema = schema_of(engine)
    to_revision(engine, "base", down=True)
    assert schema_of(engine) == [], "the first revision's downgrade must remove everything"
    upgrade(engine)
    assert schema_of(engine) == head_schema
    fill_every_table(engine)  # the rebuilt schema takes data again
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM lender_numbers")).scalar() == 1


def test_the_migration_scripts_ship_in_the_package() -> None:
    # setuptools' find_packages (pyproject: packages.find) only picks up folders with an
    # __init__.py; alembic loads the revision files from the installed folder.
    for folder in (MIGRATIONS_DIR, MIGRATIONS_DIR / "versions"):
        assert (folder / "__init__.py").is_file(), f"{folder.name} would not be installed"
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    data_files = [
        p.name for p in MIGRATIONS_DIR.iterdir() if p.is_file() and p.suffix not in {".py", ".pyc"}
    ]
    assert "script.py.mako" in data_files
    uncovered = [n for n in data_files if not any(fnmatch.fnmatch(n, pat) for pat in patterns)]
    assert uncovered == [], "these files are not covered by package-data and would not ship"


def test_the_newest_file_names_the_head_so_an_open_vault_skips_alembic() -> None:
    # upgrade() leaves a vault at this revision alone without loading alembic.
    assert newest_shipped_revision() == head_revision()
