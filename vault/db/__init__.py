"""The SQLCipher-encrypted vault database: models, sessions and migrations.

The tables live one domain per module beside :mod:`vault.db.base`; importing the
package loads them all, so ``metadata`` is complete wherever any of them is used.
"""

from vault.db import backup, complaints, models, ocr, search, trusted_time  # noqa: F401 (tables)
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
