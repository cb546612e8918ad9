"""Alembic environment: migrate over the connection handed in by vault.db.session.

There is no alembic.ini and no URL: :func:`vault.db.session.migration_config` puts an
open, keyed connection (already inside a transaction) into ``config.attributes``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from vault.db.base import metadata

connection = context.config.attributes.get("connection")
if context.is_offline_mode() or not isinstance(connection, Connection):
    raise RuntimeError("vault.db migrations run only through vault.db.session.upgrade().")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite changes most tables only by copying them; batch mode does that.
    render_as_batch=True,
    # SQLite rolls DDL back like anything else: a failed migration leaves no trace.
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
