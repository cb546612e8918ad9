"""The case: what the Case tab shows and the complaint pack uses, worked out as data.

The timeline and harassment statistics over the imported backups, the rule findings
(:mod:`vault.case.rules`: packs of the rules that bind collectors, and the detector),
and the complaints filed (:mod:`vault.case.complaints`). The stable entry points (each
takes an unlocked ``OpenVault`` and returns DTOs):

- ``vault.case.timeline.timeline(vault, lender=None, ...) -> list[TimelineEntry]``
- ``vault.case.stats.stats_for(vault, lender) -> LenderStats``
- ``vault.case.rules.detector.find_violations(vault, lender) -> list[Finding]``
- :func:`lender_analysis` — statistics and findings of one lender, worked out side by
  side on two read-only connections (the evidence report renders them with
  ``vault.bundle.report.case_sections``); :func:`lender_case` the same with the
  detector's whole answer (``RuleResults``: findings, and what each rule left out as
  not yet in force).
"""

from __future__ import annotations

from typing import Any

__all__ = ["lender_analysis", "lender_case"]


def __getattr__(name: str) -> Any:
    # Imported on first use: vault.case.rules.detector imports vault.case.events, and
    # the lender's analysis needs the detector.
    if name in __all__:
        from vault.case import lender  # noqa: PLC0415

        return getattr(lender, name)
    raise AttributeError(name)
