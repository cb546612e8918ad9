"""Durable import into a vault, beside `age -r` and `sha256sum` on the same files.

    .venv/bin/python bench/import_throughput.py [--size-mib 1024] [--screenshots 1000]

Prints throughput for one large file (hash + encrypt + fsync + DB commit) and files
per second for a folder of ~300 KiB screenshots, next to the peer tools in the same
run, with and without the SM3 hash, and the peak RSS of the process.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vault.handle import create_vault
from vault.importing import import_paths


def timed(command: list[str] | str) -> float:
    os.sync()
    start = time.perf_counter()
    subprocess.run(command, check=True, shell=isinstance(command, str), stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--screenshots", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="import-bench-"))
    try:
        run(work, args.size_mib, args.screenshots)
    finally:
        shutil.rmtree(work)


def run(work: Path, size_mib: int, screenshots: int) -> None:
    big, big_too = work / "call.m4a", work / "call-2.m4a"
    for path in (big, big_too):
        with path.open("wb") as out:
            for _ in range(size_mib):
                out.write(os.urandom(1 << 20))
    shots = work / "shots"
    shots.mkdir()
    for n in range(screenshots):
        (shots / f"Screenshot_20240315_{n:06d}.png").write_bytes(
            b"\x89PNG\r\n\x1a\n" + os.urandom(300 << 10)
        )
    vault, _ = create_vault(
        work / "vault", "bench passphrase", work_factor=10, time_zone="Asia/Shanghai"
    )
    recipient = vault.info.recipient

    age_big = timed(["age", "-r", recipient, "-o", str(work / "big.age"), str(big)])
    sha_big = timed(["sha256sum", str(big)])
    dd_big = timed(
        ["dd", f"if={big}", f"of={work / 'copy.bin'}", "bs=1M", "conv=fsync", "status=none"]
    )
    (work / "copy.bin").unlink()
    os.sync()
    start = time.perf_counter()
    import_paths(vault, [big], sm3=False)
    ours_big_sha = time.perf_counter() - start
    os.sync()
    start = time.perf_counter()
    import_paths(vault, [big_too])  # same size, other content: not a duplicate
    ours_big = time.perf_counter() - start
    # The loop writes beside the shots, not among them; its outputs stay until the end:
    # deleting 1,000 files just before our run would make the kernel skip their
    # recently freed inodes on every file we create (ext4 without a journal does).
    loop_out = work / "loop-out"
    loop_out.mkdir()
    loop = (
        f"for f in '{shots}'/*; do sha256sum \"$f\" >/dev/null; "
        f'age -r {recipient} -o \'{loop_out}\'/"$(basename "$f")".age "$f"; done'
    )
    loop_time = timed(["bash", "-c", loop])
    os.sync()
    start = time.perf_counter()
    import_paths(vault, [shots], sm3=False)
    ours_shots_sha = time.perf_counter() - start
    for shot in shots.iterdir():  # new content for the SM3 run
        shot.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(300 << 10))
    os.sync()
    start = time.perf_counter()
    import_paths(vault, [shots])
    ours_shots = time.perf_counter() - start
    vault.lock()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    mb = size_mib * (1 << 20) / 1e6
    print(f"one {size_mib} MiB file                       MB/s")
    print(f"  age -r (no hash, no fsync)        {mb / age_big:8.0f}")
    print(f"  sha256sum                         {mb / sha_big:8.0f}")
    print(f"  dd conv=fsync (the disk's durable rate) {mb / dd_big:5.0f}")
    for label, seconds in (("SHA-256 only", ours_big_sha), ("SHA-256 + SM3", ours_big)):
        print(
            f"  evault import, {label:18} {mb / seconds:8.0f}   ratio to age: {age_big / seconds:.2f}x"
        )
    print(f"{screenshots} screenshots of 300 KiB            files/s")
    print(f"  sha256sum + age -r shell loop     {screenshots / loop_time:8.0f}")
    print(f"  evault import, SHA-256 only       {screenshots / ours_shots_sha:8.0f}")
    print(f"  evault import, SHA-256 + SM3      {screenshots / ours_shots:8.0f}")
    print(f"peak RSS of this process: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
