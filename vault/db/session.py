"""Open the SQLCipher-encrypted ``vault.db``, migrate it, and make sessions.

The database is a SQLCipher 4 file (AES-256 pages with HMAC-SHA512, SQLCipher 4
defaults pinned with ``cipher_compatibility = 4``). The 32-byte key comes from the vault
identity (DESIGN.md §3) and is handed to SQLCipher as a raw key, ``x'HEX'``, so no
passphrase KDF runs per connection. Every connection is keyed before anything else
touches the file, and the key is checked by reading ``sqlite_master``.

Threads: the engine uses :class:`~sqlalchemy.pool.NullPool`, so a connection is opened
by the thread that uses it and closed when its session or connection ends. No SQLite
connection ever crosses threads, ``check_same_thread`` keeps its protective default, and
no keyed connection lingers in a pool after use. The app serialises all database work
on one worker thread; a raw-keyed open costs about a millisecond.

Transactions: the DBAPI driver's own implicit transaction handling is switched off and
SQLAlchemy emits ``BEGIN`` itself, so every session transaction, including DDL during
migrations, is a real SQLite transaction that commits or rolls back as a whole.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from vault.errors import UsageError, VaultError
from vault.portable import others_may_access, restrict

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)

KEY_BYTES = 32
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_OWNER_ONLY = 0o600


class DatabaseError(VaultError):
    """The vault database cannot be used."""

    code = "db"
    exit_code = 1


class DatabaseKeyError(DatabaseError):
    """Wrong key, or a file that is not a SQLCipher database at all."""

    code = "db_key"


class DatabaseMissingError(DatabaseError):
    code = "db_missing"


class DatabaseKeyFormatError(UsageError):
    code = "db_key_format"


class SchemaVersionError(DatabaseError):
    code = "db_schema_version"


class DatabaseWriteError(DatabaseError):
    """The disk refused a write (full, failing, read-only): a fault of the machine, not ours."""

    code = "db_write"
    exit_code = 2


# What SQLite says when the disk, not the data or the program, is at fault.
_STORAGE_FAILURES = (
    "disk i/o error",
    "database or disk is full",
    "attempt to write a readonly database",
)


def _storage_failure(context: Any) -> Exception | None:
    """``handle_error`` hook: a disk that refuses a write becomes one plain sentence."""
    text = str(context.original_exception).lower()
    if any(marker in text for marker in _STORAGE_FAILURES):
        logger.info("database write refused: %s", text)
        return DatabaseWriteError(
            "The vault could not be written: the disk is full, read-only or failing. "
            "Nothing was half-saved; free some space and try again."
        )
    return None


class DatabaseReadOnlyError(DatabaseError):
    """A write to a database opened read-only (a backup looked at in the window)."""

    code = "db_read_only"
    exit_code = 2


def _read_only_refusal(context: Any) -> Exception | None:
    if "readonly database" in str(context.original_exception).lower():
        return DatabaseReadOnlyError(
            "This is a backup, opened to be looked at: nothing in it can be changed. "
            "Restore it to work with it."
        )
    return None


def open_database(
    path: Path, key: bytes, *, create: bool = False, read_only: bool = False
) -> Engine:
    """Return an engine for the SQLCipher database at ``path``, keyed with ``key``.

    ``key`` must be exactly 32 raw bytes. With ``create=True`` a missing file is first
    created empty with mode 0600; otherwise a missing file raises
    :class:`DatabaseMissingError` (an unlock must never silently start an empty vault).
    An existing file readable by others is tightened to 0600. A wrong key, or a file that
    is not a database, raises :class:`DatabaseKeyError`. Run :func:`upgrade` next.
    ``read_only`` opens it so that nothing can be written (a backup being looked at): a
    write raises :class:`DatabaseReadOnlyError`.
    """
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise DatabaseKeyFormatError("The database key must be exactly 32 bytes.")
    if not read_only:
        _prepare_file(path, create=create)
    elif not path.is_file():
        raise DatabaseMissingError("The vault database file is missing.")
    key_pragma = f"PRAGMA key = \"x'{key.hex()}'\""

    def connect() -> Any:
        return _connect_keyed(path, key_pragma, mode="ro" if read_only else "rw")

    engine = create_engine(
        f"sqlite+pysqlite:///{path}", module=sqlcipher3, creator=connect, poolclass=NullPool
    )
    event.listen(engine, "begin", _emit_begin)
    event.listen(engine, "handle_error", _read_only_refusal if read_only else _storage_failure)
    # Opening once here surfaces a wrong key now, not at the first query.
    with engine.connect():
        pass
    logger.info("vault database opened")
    return engine


def _prepare_file(path: Path, *, create: bool) -> None:
    try:
        mode = path.stat().st_mode
    except PermissionError:
        raise DatabaseError("The vault database file cannot be reached.") from None
    except FileNotFoundError:
        if not create:
            raise DatabaseMissingError("The vault database file is missing.") from None
        # O_EXCL: never adopt a file that appeared in between. SQLite gives its
        # journal the database file's permissions, so the journal is 0600 as well.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _OWNER_ONLY)
        except OSError:
            raise DatabaseError("The vault database file could not be created.") from None
        try:
            restrict(fd, _OWNER_ONLY)  # exactly 0600 whatever the umask
        finally:
            os.close(fd)
        logger.info("created an empty vault database file")
        return
    if not stat.S_ISREG(mode):
        raise DatabaseError("The vault database path does not name a regular file.")
    if others_may_access(mode):
        restrict(path, _OWNER_ONLY)
        logger.warning("vault database was readable by others; restricted it to the owner")


def _connect_keyed(path: Path, key_pragma: str, *, mode: str = "rw") -> Any:
    # mode=rw: SQLite never creates the file itself (open_database made it 0600), so
    # a vault.db removed while the app runs is an error, not a fresh empty database.
    # isolation_level=None: the driver never issues BEGIN/COMMIT on its own;
    # _emit_begin starts each transaction instead.
    uri = path.absolute().as_uri() + f"?mode={mode}"
    try:
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None)
    except sqlcipher3.OperationalError:
        raise DatabaseMissingError("The vault database file cannot be opened.") from None
    try:
        # Failures reach the caller as typed errors; SQLCipher's own log would print
        # to stderr, breaking the CLI's one-sentence error messages.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(key_pragma)
        conn.execute("PRAGMA cipher_compatibility = 4")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise DatabaseKeyError(
                "The vault database could not be opened with this key."
            ) from None
        conn.execute("PRAGMA foreign_keys = ON")
        # Rollback journal rather than WAL: with synchronous=FULL both survive a crash
        # or power cut (the journal is synced before the database is changed, and a
        # hot journal is rolled back on the next open), but with a rollback journal
        # vault.db alone holds every committed transaction. A vault folder copied to a
        # USB stick as a backup is then complete even if the -wal file is left behind,
        # and the database also works on file systems without shared memory (FAT,
        # network shares) where WAL cannot. WAL's gain, readers beside a writer, is
        # of no use here: all database work runs on one worker thread.
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        # Sorts and temporary tables stay in memory: no plaintext temp files on disk.
        conn.execute("PRAGMA temp_store = MEMORY")
    except BaseException:
        conn.close()
        raise
    return conn


def _emit_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return a session maker bound to ``engine``.

    Objects are not expired on commit so that DTOs can be built from them afterwards
    without another query; use one short-lived session per unit of work.
    """
    return sessionmaker(bind=engine, expire_on_commit=False)


def migration_config(connection: Connection) -> Config:
    """An alembic :class:`Config` that migrates over ``connection`` (no alembic.ini)."""
    from alembic.config import Config  # noqa: PLC0415 - alembic loads only to migrate

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise SchemaVersionError("The database migrations are missing from this installation.")
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or ``None`` for a new database."""
    with engine.connect() as conn:
        known = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        if known is None:
            return None
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    if not rows:  # alembic's table, emptied by a downgrade to the base
        return None
    if len(rows) > 1:
        raise SchemaVersionError("The vault database records more than one schema revision.")
    return str(rows[0][0])


_REVISION_LINE = re.compile(r'^revision: str = "([^"]+)"', re.MULTILINE)


def newest_shipped_revision() -> str:
    """The newest revision among the migration files: the ``revision`` the file with the
    largest number (``0005_…``) declares.

    Without loading alembic: a vault already at this revision opens without it. The
    history is linear and numbered (tests/db), so the largest number is the head.
    """
    newest = max(
        (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py"), key=lambda p: p.name.split("_", 1)[0]
    )
    found = _REVISION_LINE.search(newest.read_text(encoding="utf-8"))
    return found.group(1) if found else newest.name.split("_", 1)[0]


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision, in one transaction (all or nothing).

    A database written by a newer version of the app raises :class:`SchemaVersionError`
    instead of being touched. A database already at the newest revision is left as it
    is without loading alembic (most of a vault command's start-up time otherwise).
    """
    current = current_revision(engine)
    if current is not None and current == newest_shipped_revision():
        return
    from alembic import command  # noqa: PLC0415 - only when there is something to migrate
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    known = {script.revision for script in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}
    if current is not None and current not in known:
        raise SchemaVersionError(
            "The vault database was made by a newer version of Evidence Vault."
        )
    with engine.begin() as conn:
        command.upgrade(migration_config(conn), "head")
    logger.info("vault database schema at revision %s", head_revision())


def snapshot(engine: Engine, key: bytes, target: Path) -> None:
    """Copy the whole database into the new file ``target``, consistently, while it is used.

    SQLite's online backup API copies every page under one read lock, so the copy is
    one committed state even while the vault is being written; the copy is keyed with
    the same ``key``, so its pages (and its journal) are encrypted as the vault's are.
    """
    _prepare_file(target, create=True)
    copy = _connect_keyed(target, f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        with engine.connect() as conn:
            conn.connection.driver_connection.backup(copy)  # type: ignore[union-attr]
    finally:
        copy.close()
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
