"""Upload throughput of ``evault receive``: the phone's page in a real browser beside curl.

    .venv/bin/python bench/receive_bench.py [--mib 200]

One ``evault receive`` process (its own vault, ``--accept-first``) takes two different
random files of the given size: one sent by ``curl -k -F file=@…``, one picked in the
upload page by headless Chromium (tests/receive/browser.py). Printed in the same run:
each upload's time and MiB/s, and the receiving process's peak RSS (VmHWM) before and
after. Both go through the same path: HTTPS, the streaming multipart parser, hashing
(SHA-256, SM3) and age encryption of the blob, and the capture read back from it.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.receive.browser import Chromium, chromium_binary
from tests.receive.receive_client import curl_upload
from vault.handle import create_vault
from vault.lenders import add_lender

REPO = Path(__file__).resolve().parent.parent
PASSPHRASE = "a throw-away vault for the benchmark"  # noqa: S105
LENDER = "微粒贷"
DONE = (
    "(() => { const r = [...document.querySelectorAll('#list li')];"
    " return r.length === 1 && r[0].className ? r[0].className : null; })()"
)


def _random_file(path: Path, size: int) -> Path:
    with path.open("wb") as out:
        left = size
        while left:
            piece = os.urandom(min(1 << 20, left))
            out.write(piece)
            left -= len(piece)
    return path


def _peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) * 1024
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=200)
    args = parser.parse_args()
    size = args.mib << 20
    binary = chromium_binary()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        vault, _ = create_vault(work / "vault", PASSPHRASE, work_factor=10)
        add_lender(vault, LENDER)
        vault.lock()
        by_curl = _random_file(work / "call_by_curl.m4a", size)
        by_page = _random_file(work / "call_by_page.m4a", size)
        env = {**os.environ, "EVAULT_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(REPO)}
        receiving = subprocess.Popen(
            [sys.executable, "-m", "vault.cli", "receive", "--vault", str(work / "vault"),
             "--lender", LENDER, "--bind", "127.0.0.1", "--json", "--accept-first"],
            stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        if receiving.stdout is None:
            raise SystemExit("evault receive did not start")
        url = json.loads(receiving.stdout.readline())["url"]
        before = _peak_rss(receiving.pid)
        try:
            start = time.perf_counter()
            status, _reply = curl_upload(url, by_curl)
            curl_seconds = time.perf_counter() - start
            print(f"curl: {args.mib} MiB in {curl_seconds:.1f} s = "
                  f"{args.mib / curl_seconds:.1f} MiB/s (HTTP {status})")  # fmt: skip
            if binary is None:
                print("page: no chromium here (Debian: apt-get install chromium)")
            else:
                browser = Chromium(binary, work / "profile")
                try:
                    tab = browser.open_page(url)
                    browser.wait_for(tab, "document.getElementById('files') !== null")
                    start = time.perf_counter()
                    browser.choose_files(tab, "#files", [by_page])
                    result = browser.wait_for(tab, DONE, timeout=1800)
                    page_seconds = time.perf_counter() - start
                finally:
                    browser.close()
                print(f"page (headless Chromium): {args.mib} MiB in {page_seconds:.1f} s = "
                      f"{args.mib / page_seconds:.1f} MiB/s ({result})")  # fmt: skip
            peak = _peak_rss(receiving.pid)
        finally:
            receiving.send_signal(signal.SIGINT)
            receiving.wait(timeout=60)
        print(f"evault receive peak RSS: {peak / 2**20:.0f} MiB "
              f"(before the uploads {before / 2**20:.0f} MiB)")  # fmt: skip


if __name__ == "__main__":
    main()
