"""Trusted time: signed Merkle checkpoints over the items, stamped by RFC 3161 servers.

- :mod:`~vault.trusted_time.statement` — the exact bytes of leaves and statements;
- :mod:`~vault.trusted_time.checkpoints` — making and reading signed checkpoints;
- :mod:`~vault.trusted_time.servers` — the vault's TSA list and their roots;
- :mod:`~vault.trusted_time.stamping` — the offline queue and sending it to the TSAs.

The protocol itself (requests, checked replies, trust) is :mod:`vault.rfc3161`, which
knows no vault and no database. See docs/trusted-time.md.
"""
