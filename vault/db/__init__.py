"""The SQLCipher-encrypted vault database: models, sessions and migrations."""

from vault.db.session import (
    DatabaseError,
    DatabaseKeyError,
    DatabaseKeyFormatError,
    DatabaseMissingError,
    SchemaVersionError,
    current_revision,
    head_revision,
    open_database,
    session_factory,
    upgrade,
)

__all__ = [
    "DatabaseError",
    "DatabaseKeyError",
    "DatabaseKeyFormatError",
    "DatabaseMissingError",
    "SchemaVersionError",
    "current_revision",
    "head_revision",
    "open_database",
    "session_factory",
    "upgrade",
]
