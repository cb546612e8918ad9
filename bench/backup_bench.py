"""Phone-backup import and analysis, beside a plain ElementTree pass over the same file.

    .venv/bin/python bench/backup_bench.py [--calls 100000] [--numbers 40]

Generates an "SMS Backup & Restore" call log, then times, in separate processes:

- the floor: ``xml.etree.ElementTree.iterparse`` over the file, reading every
  row's attributes and clearing elements (no storage, no checks);
- the vault: ``import_backup`` (hash, encrypt, parse with hostile-input checks, write
  every row to the SQLCipher database, commit with fsync) with the lender's numbers
  known, then the lender's statistics and rule findings (``lender_analysis``, which
  reads the events once, as the report does; ``stats_for`` + ``find_violations``
  called one after the other are timed and printed too).

Prints both times, the ratio (target: within 3x) and the peak RSS of the vault process
(target: under 200 MB).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vault.backup.sample import collector_numbers, write_calls


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


def vault_run(path: Path, work: Path, numbers: int) -> dict[str, float]:
    from vault.analysis import lender_analysis  # noqa: PLC0415
    from vault.analysis.stats import stats_for  # noqa: PLC0415
    from vault.backup.importer import import_backup  # noqa: PLC0415
    from vault.rules.detector import find_violations  # noqa: PLC0415
    from vault.service import create_vault  # noqa: PLC0415

    vault, _ = create_vault(work / "vault", "bench", work_factor=10, time_zone="Asia/Shanghai")
    vault.add_lender("bench", numbers=collector_numbers(numbers))
    start = time.perf_counter()
    report = import_backup(vault, path, lender="bench")
    imported = time.perf_counter()
    stats, findings = lender_analysis(vault, "bench")
    analysed = time.perf_counter()
    separate_stats = stats_for(vault, "bench")
    separate_findings = find_violations(vault, "bench")
    separate = time.perf_counter()
    assert separate_stats == stats and separate_findings == findings  # noqa: S101
    vault.lock()
    return {
        "seconds": analysed - start,
        "import": imported - start,
        "analysis": analysed - imported,
        "separate": separate - analysed,
        "rows": report.calls,
        "attached": report.attached,
        "days": len(stats.days),
        "findings": len(findings),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


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
        base = child("floor", path, work, args.numbers)
        ours = child("vault", path, work, args.numbers)
    ratio = ours["seconds"] / base["seconds"]
    print(f"backup: {args.calls} calls, {size_mb:.1f} MB, {args.numbers} collector numbers")
    print(f"ElementTree.iterparse (floor) : {base['seconds']:6.2f} s")
    print(
        f"evault import+stats+violations: {ours['seconds']:6.2f} s "
        f"(import {ours['import']:.2f}, lender_analysis {ours['analysis']:.2f}; "
        f"{ours['attached']:.0f} rows attached, {ours['days']:.0f} days, "
        f"{ours['findings']:.0f} findings)"
    )
    print(
        f"  stats_for + find_violations called separately: {ours['separate']:.2f} s "
        "(each reads the events)"
    )
    print(f"ratio to the floor            : {ratio:6.2f}x (target <= 3x)")
    print(f"peak RSS of the vault process : {ours['peak_rss_mb']:6.1f} MB (target < 200 MB)")


if __name__ == "__main__":
    main()
