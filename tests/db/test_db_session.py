"""Opening vault.db: SQLCipher encryption, key checks, file modes, pragmas, transactions."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from vault.db import (
    DatabaseError,
    DatabaseKeyError,
    DatabaseKeyFormatError,
    DatabaseMissingError,
    SchemaVersionError,
    current_revision,
    head_revision,
    open_database,
    upgrade,
)
from vault.db.models import Item, Lender

NOW = datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=UTC)


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_file_is_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "vault.db"
    with umask(0o000):
        engine = open_database(path, os.urandom(32), create=True)
    engine.dispose()
    assert mode_of(path) == 0o600


def test_rollback_journal_gets_the_database_file_mode(
    engine: Engine, db_path: Path, sessions: sessionmaker[Session]
) -> None:
    journal = db_path.with_name(db_path.name + "-journal")
    with umask(0o000), sessions() as session:
        session.add(Lender(name="好運貸", created_at=NOW))
        session.flush()  # the write transaction is open: the journal exists now
        assert journal.exists(), "a write transaction should use a rollback journal"
        assert mode_of(journal) == 0o600
        session.commit()
    assert not journal.exists(), "journal_mode=DELETE removes the journal on commit"
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_loose_permissions_on_an_existing_database_are_tightened(
    engine: Engine, db_path: Path, db_key: bytes
) -> None:
    engine.dispose()
    db_path.chmod(0o644)
    open_database(db_path, db_key).dispose()
    assert mode_of(db_path) == 0o600


def test_plain_sqlite_cannot_read_the_file(engine: Engine, db_path: Path) -> None:
    engine.dispose()
    assert not db_path.read_bytes().startswith(b"SQLite format 3\x00")
    plain = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            plain.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        plain.close()


def test_names_and_notes_never_reach_the_disk_in_plain_text(
    engine: Engine, db_path: Path, sessions: sessionmaker[Session]
) -> None:
    marker = "催收員冒充法院-unmistakable-marker"
    with sessions() as session:
        session.add(Lender(name=marker, notes=marker * 50, created_at=NOW))
        session.commit()
    engine.dispose()
    raw = b"".join(p.read_bytes() for p in db_path.parent.iterdir())
    assert marker.encode() not in raw
    assert b"lenders" not in raw, "even the schema must be encrypted"


def test_a_wrong_key_raises_database_key_error(engine: Engine, db_path: Path) -> None:
    engine.dispose()
    with pytest.raises(DatabaseKeyError, match=r"^The vault database could not be opened"):
        open_database(db_path, os.urandom(32))


@pytest.mark.parametrize("content", [b"not a database at all" * 300, b"\x00" * 8192])
def test_a_file_that_is_not_a_database_raises_database_key_error(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "vault.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseKeyError):
        open_database(path, os.urandom(32))


def test_an_unencrypted_sqlite_file_raises_database_key_error(tmp_path: Path) -> None:
    path = tmp_path / "vault.db"
    plain = sqlite3.connect(path)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    with pytest.raises(DatabaseKeyError):
        open_database(path, os.urandom(32))


@pytest.mark.parametrize("key", [b"", b"k" * 31, b"k" * 33, "k" * 32])
def test_the_key_must_be_exactly_32_bytes(tmp_path: Path, key: object) -> None:
    with pytest.raises(DatabaseKeyFormatError, match="exactly 32 bytes"):
        open_database(tmp_path / "vault.db", key, create=True)  # type: ignore[arg-type]
    assert not (tmp_path / "vault.db").exists()


def test_a_missing_file_is_an_error_unless_creating(tmp_path: Path) -> None:
    path = tmp_path / "vault.db"
    with pytest.raises(DatabaseMissingError):
        open_database(path, os.urandom(32))
    assert not path.exists(), "opening must not create the file"


def test_a_database_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="could not be created"):
        open_database(tmp_path / "no such folder" / "vault.db", os.urandom(32), create=True)


def test_a_database_removed_while_open_is_not_silently_recreated(
    engine: Engine, db_path: Path
) -> None:
    db_path.unlink()
    with pytest.raises(DatabaseMissingError):
        engine.connect()
    assert not db_path.exists()


def test_a_path_with_uri_characters_opens(tmp_path: Path) -> None:
    path = tmp_path / "證據 #1 ?&%20" / "vault.db"
    path.parent.mkdir()
    engine = open_database(path, os.urandom(32), create=True)
    try:
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
    assert sorted(p.name for p in path.parent.iterdir()) == ["vault.db"]


def test_the_same_key_reopens_the_data(
    engine: Engine, db_path: Path, db_key: bytes, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session:
        session.add(Lender(name="360借條", created_at=NOW))
        session.commit()
    engine.dispose()
    again = open_database(db_path, db_key)
    try:
        with Session(again) as session:
            assert session.scalars(select(Lender.name)).all() == ["360借條"]
    finally:
        again.dispose()


def test_every_connection_gets_the_safety_pragmas(engine: Engine) -> None:
    for _ in range(2):  # NullPool: each checkout is a new connection
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
            assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
            version = conn.exec_driver_sql("PRAGMA cipher_version").scalar()
            assert isinstance(version, str), "this must be SQLCipher, not plain SQLite"
            assert version.startswith("4.")


def test_foreign_keys_are_enforced(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        session.add(
            Item(
                id="it1",
                lender_id=999,
                kind="recording",
                media_type="audio/mp4",
                original_name="call.m4a",
                size=1,
                sha256="0" * 64,
                imported_at=NOW,
                captured_at=NOW,
                captured_offset_min=480,
                time_source="file_name",
            )
        )
        with pytest.raises(IntegrityError, match="FOREIGN KEY"):
            session.flush()


def test_a_failed_transaction_leaves_no_trace_even_for_ddl(engine: Engine) -> None:
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.execute(text("CREATE TABLE scratch (x INTEGER)"))
        conn.execute(
            text("INSERT INTO lenders (name, agencies, created_at) VALUES ('x', '[]', '')")
        )
        raise RuntimeError("abort the transaction")
    with engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM sqlite_master")).scalars().all()
        assert "scratch" not in names
        assert conn.execute(text("SELECT count(*) FROM lenders")).scalar() == 0


def test_a_worker_thread_can_use_the_engine(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    results: list[object] = []

    def work() -> None:
        try:
            with sessions() as session:
                session.add(Lender(name="借唄", created_at=NOW))
                session.commit()
                results.append(session.scalars(select(Lender.name)).one())
        except Exception as exc:  # surfaced by the assertion below
            results.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=30)
    assert results == ["借唄"]


def test_upgrade_reaches_head_and_is_idempotent(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_a_database_from_a_newer_app_is_refused_untouched(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    with pytest.raises(SchemaVersionError, match="newer version"):
        upgrade(engine)
    assert current_revision(engine) == "ffff_from_the_future"
