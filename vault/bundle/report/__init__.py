"""The bundle's evidence list (证据目录): its HTML, its case sections and their wording.

- :mod:`vault.bundle.report.evidence_list` lays out the list of items, per lender and
  category, with hashes, thumbnails and the trusted-time statement;
- :mod:`vault.bundle.report.case_sections` adds each lender's statistics and findings;
- :mod:`vault.bundle.report.forms` decides each item's 证据形式 and 原件或复制件;
- :mod:`vault.bundle.report.content` decides each item's 内容, and
  :mod:`vault.bundle.report.facts` reads it and a recording's length from the vault;
- :mod:`vault.bundle.report.wording` holds every sentence of them all, per language.
"""
