"""Alembic migrations of ``vault.db``, run by :func:`vault.db.session.upgrade`."""
