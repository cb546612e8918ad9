"""Backups of the vault to a USB stick or a second folder (``evault backup``/``restore``).

A backup folder (DEST) is itself a vault: the same ``vault.json``, ``identity.age``,
SQLCipher ``vault.db`` and ``blobs/``, so ``evault check --vault DEST`` reads it as any
vault, and nothing in it is plaintext. Beside them, ``safekeeping/`` holds what only a
backup has:

```
DEST/safekeeping/snapshots/<YYYYMMDDTHHMMSSZ>.db   earlier database snapshots, kept by
                                                   the rule in retention.py
DEST/safekeeping/incoming/                         copies being written (temp files)
DEST/safekeeping/pending                           ids of blobs published by a backup
                                                   whose database is not in place yet
```

One backup run (:mod:`vault.safekeeping.make`): a consistent snapshot of the database
through SQLite's online backup API (the vault stays usable), then the blobs DEST lacks,
each copied into ``incoming/`` and, once written to the device, read back from DEST in
full (every age chunk authenticated, the plaintext's SHA-256 compared with the item's
record) while the next are copied, in child processes when there is much to copy
and cores to spare (:mod:`vault.safekeeping.readback`); all made durable at once
(syncfs); then those ids
go into ``pending``, the blobs are renamed into ``blobs/``, the snapshot is kept and
renamed over ``vault.db``, and ``pending`` is emptied. A run stopped at any point leaves
the previous backup whole: its ``vault.db`` is untouched until the last rename, and the
blobs it does not name yet are listed in ``pending`` (``check`` counts them as known).
Blobs are never deleted from DEST. :mod:`vault.safekeeping.restore` makes a working
vault from DEST or from one of its snapshots.
"""
