"""Case analysis over the evidence: timeline and harassment statistics, as data.

The stable entry points (each takes an unlocked ``OpenVault`` and returns DTOs):

- ``vault.analysis.timeline.timeline(vault, lender=None, ...) -> list[TimelineEntry]``
- ``vault.analysis.stats.stats_for(vault, lender) -> LenderStats``
- ``vault.rules.detector.find_violations(vault, lender) -> list[Finding]``
- :func:`lender_analysis` — statistics and findings of one lender, worked out side by
  side on two read-only connections (the evidence report renders them with
  ``vault.bundle.report.case_sections``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["lender_analysis"]


def __getattr__(name: str) -> Any:
    # Imported on first use: vault.rules.detector imports vault.analysis.events, and
    # the report needs the detector.
    if name in __all__:
        from vault.analysis import report  # noqa: PLC0415

        return getattr(report, name)
    raise AttributeError(name)
