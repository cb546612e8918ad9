"""Backups (``evault backup``) beside ``cp -r`` + ``sync`` of the same vault folder.

    .venv/bin/python bench/safekeeping_bench.py [--recordings 200] [--screenshots 2000]
                                                [--recording-kib 6700] [--screenshot-kib 350]
                                                [--children N]

Builds a vault of about 2 GiB (200 recordings, 2,000 screenshots by default; random
bytes, as encrypted blobs are), then in the same run:

- the peer: ``cp -r`` of the vault folder to a new folder, then ``sync``; and that copy
  checked as a careful user would, read back from the disk (its pages dropped from the
  cache) by ``openssl dgst -sha256``, two at once: the backup's work less decryption;
- the first backup into another new folder: every blob copied and read back from the
  disk in full (every age chunk authenticated, the plaintext's SHA-256 checked; in
  child processes, one per core beside the copying one, on three cores or more, else
  on threads; ``--children N`` asks for N children whatever the cores), the database
  snapshot, vault.json and identity.age, and its custody event (goal: at least 0.8x
  the peer's throughput);
- after 10 new items, a second backup: its seconds and the bytes it wrote (goal: under
  2 s, writing only the new blobs and one database snapshot).

The page cache is warm for the source in both runs (both read the same files just after
they were written), and both end with everything on the disk.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vault.handle import create_vault
from vault.importing import import_paths
from vault.lenders import add_lender
from vault.safekeeping import readback
from vault.safekeeping.make import make_backup


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def written_bytes() -> int:
    """Bytes this process has caused to be written to storage (Linux /proc/self/io)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("write_bytes:"):
            return int(line.split()[1])
    return 0


def drop_cached(folder: Path) -> None:
    """Take ``folder``'s files out of the page cache (they are on the disk: synced)."""
    for path in folder.rglob("*"):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def sha256sum_all(folder: Path) -> None:
    """``openssl dgst -sha256`` of every file below ``folder``, two processes at once (two
    cores); coreutils' ``sha256sum`` would be the slower peer (no SHA instructions: about
    270 MB/s here against 1 GB/s)."""
    files = subprocess.run(
        ["find", str(folder), "-type", "f", "-print0"], capture_output=True, check=True
    ).stdout
    subprocess.run(
        ["xargs", "-0", "-P", "2", "-n", "64", "openssl", "dgst", "-sha256"],
        input=files,
        stdout=subprocess.DEVNULL,
        check=True,
    )


def make_files(folder: Path, count: int, kib: int, prefix: str) -> None:
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"{prefix}_{n:05d}.bin").write_bytes(os.urandom(kib * 1024))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recordings", type=int, default=200)
    parser.add_argument("--screenshots", type=int, default=2000)
    parser.add_argument("--recording-kib", type=int, default=6700)
    parser.add_argument("--screenshot-kib", type=int, default=350)
    parser.add_argument("--children", type=int, default=readback.CHILDREN)
    args = parser.parse_args()
    readback.CHILDREN = args.children
    work = Path(tempfile.mkdtemp(prefix="safekeeping-bench-", dir=os.environ.get("BENCH_DIR")))
    try:
        vault_dir = work / "vault"
        vault, _ = create_vault(vault_dir, "bench passphrase", work_factor=12)
        add_lender(vault, "bench")
        make_files(work / "in" / "rec", args.recordings, args.recording_kib, "call")
        make_files(work / "in" / "shots", args.screenshots, args.screenshot_kib, "shot")
        import_paths(vault, [work / "in"], lender="bench")
        shutil.rmtree(work / "in")
        size = folder_bytes(vault_dir)
        print(f"vault: {args.recordings} recordings, {args.screenshots} screenshots, "
              f"{size / 1024**3:.2f} GiB on disk")  # fmt: skip

        os.sync()
        start = time.perf_counter()
        subprocess.run(["cp", "-r", str(vault_dir), str(work / "cp-copy")], check=True)
        os.sync()
        peer = time.perf_counter() - start
        # the copy checked as a careful user would: read back from the disk and hashed
        drop_cached(work / "cp-copy")
        check_start = time.perf_counter()
        sha256sum_all(work / "cp-copy")
        checked_peer = peer + time.perf_counter() - check_start
        shutil.rmtree(work / "cp-copy")
        os.sync()

        start = time.perf_counter()
        first = make_backup(vault, work / "backup")
        ours = time.perf_counter() - start
        mib = size / 1024**2
        where = (f"in {readback.CHILDREN} child processes" if readback.CHILDREN >= 2
                 else "on two threads")  # fmt: skip
        print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
              f"the backup reads back {where}")  # fmt: skip
        print(f"cp -r + sync:          {peer:7.2f} s  {mib / peer:8.1f} MiB/s")
        print(f"  + read back, SHA-256: {checked_peer:7.2f} s  {mib / checked_peer:8.1f} MiB/s"
              "  (the copy read from the disk and hashed, 2 at once)")  # fmt: skip
        print(f"first backup+verify:   {ours:7.2f} s  {mib / ours:8.1f} MiB/s  "
              f"({first.copied} blobs read back)  ratio {peer / ours:.2f}x (goal >= 0.8x), "
              f"{checked_peer / ours:.2f}x the checked copy")  # fmt: skip

        make_files(work / "in2", 10, args.screenshot_kib, "late")
        import_paths(vault, [work / "in2"], lender="bench")
        os.sync()
        before = written_bytes()
        start = time.perf_counter()
        second = make_backup(vault, work / "backup")
        again = time.perf_counter() - start
        wrote = written_bytes() - before
        snapshot = (work / "backup" / "vault.db").stat().st_size
        print(f"second backup (10 new): {again:6.2f} s (goal < 2 s), {second.copied} blobs "
              f"copied, {second.bytes_copied / 1024:.0f} KiB of blobs + snapshot "
              f"{snapshot / 1024:.0f} KiB (twice: vault.db and the kept copy); "
              f"{wrote / 1024:.0f} KiB written to storage by the process")  # fmt: skip
        vault.lock()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
