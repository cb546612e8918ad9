"""Phone-backup import and analysis, beside a plain ElementTree pass over the same file.

    .venv/bin/python bench/backup_bench.py [--calls 100000] [--numbers 40]

Generates an "SMS Backup & Restore" call log, then times, in separate processes:

- the floor: ``xml.etree.ElementTree.iterparse`` over the file, reading every
  row's attributes and clearing elements (no storage, no checks);
- the vault: ``import_backup`` (hash, encrypt, parse with hostile-input checks, write
  every row to the SQLCipher database, commit with fsync) with the lender's numbers
  known, then the lender's statistics and rule findings (``lender_analysis``, as the
  report does; ``stats_for`` + ``find_violations`` called one after the other are
  timed and printed too).

Prints both times, the ratio (target: within 3x), the CPU time the vault used (spread
over all cores, it bounds how fast the vault can be on this machine), where the vault's
time goes (the read — hashing, encryption and parsing, on the import's worker thread —,
the rows inserted meanwhile on the importing thread, what follows the read — the last
rows, the item, the commit —, statistics and violations, worked out side by side) and
the peak RSS of the vault process (target: under 200 MB). The lender's timeline, whole
and for one number, is timed after that, outside the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vault.demo.backup_sample import collector_numbers, write_calls
from vault.lenders import add_lender


def floor(path: Path) -> dict[str, float]:
    import xml.etree.ElementTree as ET  # noqa: PLC0415 - only the floor needs it

    start = time.perf_counter()
    rows = 0
    for _, element in ET.iterparse(path):  # noqa: S314 - our generated file
        if element.tag == "call":
            element.get("number")
            element.get("date")
            element.get("type")
            element.get("duration")
            rows += 1
        element.clear()
    return {"seconds": time.perf_counter() - start, "rows": rows}


class Clock:
    """Seconds spent inside wrapped functions, by name (for the breakdown)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[name] = self.spent.get(name, 0.0) + time.perf_counter() - start

        return timed


def vault_run(path: Path, work: Path, numbers: int) -> dict[str, float]:
    from vault.backup import importer, reading  # noqa: PLC0415
    from vault.case import lender as sections  # noqa: PLC0415
    from vault.case import lender_analysis  # noqa: PLC0415
    from vault.case.rules.detector import check_rules, find_violations  # noqa: PLC0415
    from vault.case.stats import compute_stats, stats_for  # noqa: PLC0415
    from vault.case.timeline import timeline  # noqa: PLC0415
    from vault.handle import create_vault  # noqa: PLC0415
    from vault.importing import import_backup  # noqa: PLC0415

    clock = Clock()
    stream = reading.BackupStream  # the worker's read: file, hashes, encryption, XML
    stream._read = clock.wrap("read", stream._read)  # type: ignore[method-assign]
    writer = importer._EventWriter  # the rows written meanwhile, on the importing thread
    writer.__call__ = clock.wrap("insert", writer.__call__)  # type: ignore[method-assign]
    # The two as vault.case.lender calls them (its own imported names).
    setattr(sections, "compute_stats", clock.wrap("stats", compute_stats))  # noqa: B010
    setattr(sections, "check_rules", clock.wrap("violations", check_rules))  # noqa: B010

    work.mkdir(parents=True, exist_ok=True)
    vault, _ = create_vault(work / "vault", "bench", work_factor=10, time_zone="Asia/Shanghai")
    add_lender(vault, "bench", numbers=collector_numbers(numbers))
    cpu_start = _cpu_seconds()
    start = time.perf_counter()
    report = import_backup(vault, path, lender="bench")
    imported = time.perf_counter()
    stats, findings = lender_analysis(vault, "bench")
    analysed = time.perf_counter()
    cpu = _cpu_seconds() - cpu_start
    separate_stats = stats_for(vault, "bench")
    separate_findings = find_violations(vault, "bench")
    separate = time.perf_counter()
    assert separate_stats == stats and separate_findings == findings  # noqa: S101
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    whole = timeline(vault, "bench")
    timed = time.perf_counter()
    one_number = timeline(vault, "bench", kinds=["call"], number=collector_numbers(numbers)[0])
    filtered = time.perf_counter()
    vault.lock()
    spent = clock.spent
    return {
        "seconds": analysed - start,
        "cpu": cpu,
        "import": imported - start,
        "read": spent["read"],
        "insert": spent["insert"],  # overlaps the read
        "store": imported - start - spent["read"],
        "analysis": analysed - imported,
        "stats": spent["stats"],
        "violations": spent["violations"],
        "separate": separate - analysed,
        "timeline": timed - separate,
        "timeline_rows": len(whole),
        "timeline_one_number": filtered - timed,
        "timeline_one_number_rows": len(one_number),
        "rows": report.calls,
        "attached": report.attached,
        "days": len(stats.days),
        "findings": len(findings),
        "peak_rss_mb": peak_rss,
        "peak_rss_timeline_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _cpu_seconds() -> float:
    """User plus system CPU time of this process so far, all threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(kind: str, path: Path, work: Path, numbers: int) -> dict[str, float]:
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--file",
            str(path),
            "--work",
            str(work),
            "--numbers",
            str(numbers),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--numbers", type=int, default=40, help="collector numbers in the file")
    parser.add_argument("--child", choices=["floor", "vault"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each side, alternating; the fastest of each is shown (machines are noisy)",
    )
    args = parser.parse_args()
    if args.child == "floor":
        print(json.dumps(floor(args.file)))
        return
    if args.child == "vault":
        print(json.dumps(vault_run(args.file, args.work, args.numbers)))
        return
    with tempfile.TemporaryDirectory(prefix="backup-bench-") as temp:
        work = Path(temp)
        path = work / "calls.xml"
        write_calls(path, args.calls, numbers=collector_numbers(args.numbers), days=90)
        size_mb = path.stat().st_size / 1e6
        bases, runs = [], []
        for run in range(max(1, args.repeat)):
            bases.append(child("floor", path, work, args.numbers))
            runs.append(child("vault", path, work / f"run{run}", args.numbers))
    base = min(bases, key=lambda r: r["seconds"])
    ours = min(runs, key=lambda r: r["seconds"])
    ratio = ours["seconds"] / base["seconds"]
    print(f"backup: {args.calls} calls, {size_mb:.1f} MB, {args.numbers} collector numbers")
    print(
        f"fastest of {len(runs)} runs each (all: floor "
        + ", ".join(f"{r['seconds']:.2f}" for r in bases)
        + "; evault "
        + ", ".join(f"{r['seconds']:.2f}" for r in runs)
        + ")"
    )
    print(f"ElementTree.iterparse (floor) : {base['seconds']:6.2f} s")
    print(
        f"evault import+stats+violations: {ours['seconds']:6.2f} s "
        f"(import {ours['import']:.2f}, lender_analysis {ours['analysis']:.2f}; "
        f"{ours['attached']:.0f} rows attached, {ours['days']:.0f} days, "
        f"{ours['findings']:.0f} findings)"
    )
    print(
        f"  import: read (hash+encrypt+parse XML) {ours['read']:.2f}, "
        f"insert rows meanwhile {ours['insert']:.2f}, the rest (last rows, item, commit, "
        f"report) {ours['store']:.2f}; "
        f"analysis side by side: stats {ours['stats']:.2f}, violations {ours['violations']:.2f}"
    )
    print(
        f"  stats_for + find_violations called separately: {ours['separate']:.2f} s "
        "(each reads the events)"
    )
    print(
        f"  timeline (not in the ratio): all {ours['timeline_rows']:.0f} entries "
        f"{ours['timeline']:.2f} s, one number's {ours['timeline_one_number_rows']:.0f} calls "
        f"{ours['timeline_one_number']:.2f} s; peak RSS then "
        f"{max(r['peak_rss_timeline_mb'] for r in runs):.0f} MB"
    )
    print(f"ratio to the floor            : {ratio:6.2f}x (target <= 3x)")
    cores = os.cpu_count() or 1
    print(
        f"CPU time of that run          : {ours['cpu']:6.2f} s on {cores} cores: even with every "
        f"core busy throughout it needs {ours['cpu'] / cores:.2f} s "
        f"({ours['cpu'] / cores / base['seconds']:.2f}x the floor)"
    )
    peak = max(r["peak_rss_mb"] for r in runs)
    print(f"peak RSS of the vault process : {peak:6.1f} MB (target < 200 MB)")


if __name__ == "__main__":
    main()
