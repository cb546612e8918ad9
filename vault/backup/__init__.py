"""Phone backups ("SMS Backup & Restore" XML): a safe streaming reader and the importer."""
