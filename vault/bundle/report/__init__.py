"""The bundle's evidence list (证据目录): its HTML, its case sections and their wording.

- :mod:`vault.bundle.report.evidence_list` lays out the list of items, per lender and
  category, with hashes, thumbnails and the trusted-time statement;
- :mod:`vault.bundle.report.case_sections` adds each lender's statistics and findings;
- :mod:`vault.bundle.report.wording` holds every sentence of both, per language.
"""
