"""Made-up evidence for benchmarks, screenshots and tests; nothing the app itself runs.

- :mod:`vault.demo.synthetic` fills a vault with many item rows quickly (no blobs).
- :mod:`vault.demo.backup_sample` writes "SMS Backup & Restore" call logs of any size.
"""
