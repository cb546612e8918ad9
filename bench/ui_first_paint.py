"""Desktop app over a 50,000-item vault: time to first paint after unlock, peak RSS.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui_first_paint.py [--items 50000]

A child process fills a throw-away vault with synthetic item rows (no blobs). A second
child runs the app: the real main window unlocks the vault through the unlock page and
the clock runs until the evidence table has painted its first rows. It then scrolls to
the end a few times and reports how many rows were loaded (paging means far fewer than
the vault holds). Targets: first paint < 1 s, peak RSS of the app < 300 MB.

The app runs scrypt in a short-lived child of its own (vault.kdf_process); that
child's peak RSS is printed too, so nothing is hidden. The app runs in a process of
its own so that its RUSAGE_CHILDREN counts the unlock child alone, not the fill.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vault.lenders import add_lender

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "bench passphrase for a large vault"  # noqa: S105 - a throw-away vault


def rss_now_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child_peak(before: float, after: float, app_peak: float) -> str:
    """The unlock child's peak RSS, from this process's RUSAGE_CHILDREN around the unlock.

    RUSAGE_CHILDREN is the largest ru_maxrss of any child waited for, and a child's
    ru_maxrss starts at its parent's peak at the time it was started. So the figure is
    the child's own only when no child ran before and it exceeds this process's peak.
    """
    if before:
        return f"unknown: an earlier child already peaked at {before:.0f} MB"
    if not after:
        return "none ran: scrypt ran in the app process"
    if after > app_peak:
        return f"{after:.0f} MB"
    return f"at most {after:.0f} MB (a child's ru_maxrss starts at its parent's peak)"


def fill(path: Path, count: int, work_factor: int) -> None:
    from vault.demo.synthetic import add_synthetic_items  # noqa: PLC0415
    from vault.handle import create_vault  # noqa: PLC0415

    vault, _ = create_vault(path, PASSPHRASE, work_factor=work_factor, time_zone="Asia/Shanghai")
    add_lender(vault, "微粒贷")
    add_synthetic_items(vault, "微粒贷", count)
    vault.lock()


def measure(path: Path, work_factor: int) -> None:
    from PySide6.QtCore import QEvent, QObject, QSettings  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from ui import tasks  # noqa: PLC0415
    from ui.main_window import MainWindow  # noqa: PLC0415
    from ui.settings import Settings  # noqa: PLC0415
    from vault.handle import OpenVault  # noqa: PLC0415

    app = QApplication([])
    settings = Settings(QSettings(str(path.parent / "bench.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.show()
    window.show_unlock(path)
    table = window.vault_view.table
    marks: dict[str, float] = {}

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and table.model().rowCount() > 0:
                marks.setdefault("painted", time.perf_counter())
            return False

    watch = PaintWatch()
    table.viewport().installEventFilter(watch)
    window.vault_view.model.loaded.connect(lambda: marks.setdefault("rows", time.perf_counter()))
    original_opened = window.opened

    def opened(vault: OpenVault) -> None:
        marks["unlocked"] = time.perf_counter()
        original_opened(vault)

    # the app's own unlock path runs unchanged; only its success callback is timed
    window.opened = opened  # type: ignore[method-assign]
    window.unlock.passphrase.setText(PASSPHRASE)
    app.processEvents()
    rss_before = rss_now_mb()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    start = time.perf_counter()
    window.unlock.unlock_button.click()
    while "painted" not in marks and time.perf_counter() - start < 60:
        app.processEvents()
    rss_painted = rss_now_mb()
    while not window.vault_view.model.total() and time.perf_counter() - start < 60:
        app.processEvents()
    total = window.vault_view.model.total()
    scroll_start = time.perf_counter()
    for _ in range(5):
        table.scrollToBottom()
        deadline = time.perf_counter() + 5
        before = table.model().rowCount()
        while table.model().rowCount() == before and time.perf_counter() < deadline:
            app.processEvents()
    scroll = (time.perf_counter() - scroll_start) / 5
    loaded = table.model().rowCount()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"items in vault:                        {total}")
    print(f"unlock (scrypt + open DB):             {marks['unlocked'] - start:.3f} s")
    print(
        f"first paint after unlock:              {marks['painted'] - marks['unlocked']:.3f} s  (target < 1 s)"
    )
    print(f"  of which the first page query:       {marks['rows'] - marks['unlocked']:.3f} s")
    print(f"scroll to end, next page shown (mean): {scroll * 1000:.0f} ms")
    print(f"rows loaded after 5 scrolls to end:    {loaded} of {total}")
    print(f"RSS before unlock (Qt, window):        {rss_before:.0f} MB")
    print(f"RSS at first paint:                    {rss_painted:.0f} MB")
    print(f"RSS after scrolling:                   {rss_now_mb():.0f} MB")
    print(f"peak RSS of the app process:           {rss:.0f} MB  (target < 300 MB;")
    print(
        f"  scrypt at log N = {work_factor} needs {2**work_factor * 8 * 128 / 2**20:.0f} MiB while unlocking)"
    )
    print(f"peak RSS of the unlock child (scrypt): {child_peak(children_before, children, rss)}")
    window.lock()
    tasks.worker().stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument(
        "--work-factor", type=int, default=18, help="scrypt log N (18: age's default)"
    )
    parser.add_argument("--fill", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill:
        fill(args.fill, args.items, args.work_factor)
        return
    if args.measure:
        measure(args.measure, args.work_factor)
        return
    work = Path(tempfile.mkdtemp(prefix="ui-bench-"))
    try:
        vault = work / "vault"
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--fill",
                str(vault),
                "--items",
                str(args.items),
                "--work-factor",
                str(args.work_factor),
            ],
            check=True,
        )
        print(f"filled {args.items} items in {time.perf_counter() - started:.1f} s (child process)")
        sys.stdout.flush()
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--measure",
                str(vault),
                "--work-factor",
                str(args.work_factor),
            ],
            check=True,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
