"""Fixtures for the database tests: a fresh keyed, migrated vault.db per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from vault.db import open_database, session_factory, upgrade


@pytest.fixture
def db_key() -> bytes:
    """A random raw 32-byte SQLCipher key (no KDF: tests stay fast)."""
    return os.urandom(32)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "vault.db"


@pytest.fixture
def engine(db_path: Path, db_key: bytes) -> Iterator[Engine]:
    """An engine on a new database migrated to the newest revision."""
    engine = open_database(db_path, db_key, create=True)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)
