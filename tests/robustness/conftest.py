"""The robustness figures: each test records what it ran; the summary prints the totals."""

from __future__ import annotations

import pytest

from tests.robustness.robust_helpers import FIGURES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    kills = FIGURES.get("kill", {})
    if kills:
        trials = sum(t[0] for t in kills.values())  # type: ignore[index]
        terminalreporter.write_line(
            f"robustness: {trials} kill trials across {len(kills)} operations, 0 partial items: "
            + ", ".join(f"{name} {t[0]} ({t[1]} killed mid-run)" for name, t in kills.items())  # type: ignore[index]
        )
    disk = FIGURES.get("disk", {})
    if disk:
        terminalreporter.write_line(
            f"robustness: {len(disk)} file-size-limit faults injected, vault intact after each: "
            + "; ".join(f"{name}: {text}" for name, text in disk.items())
        )
    fuzz = FIGURES.get("fuzz", {})
    if fuzz:
        terminalreporter.write_line(
            "robustness: fuzzed inputs per parser, 0 untyped failures: "
            + ", ".join(f"{name} {count}" for name, count in fuzz.items())
        )
