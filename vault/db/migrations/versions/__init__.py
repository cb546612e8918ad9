"""One module per schema revision; alembic loads them by file path."""
