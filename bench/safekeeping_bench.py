"""Backups (``evault backup``) beside ``cp -r`` + ``sync`` of the same vault folder.

    .venv/bin/python bench/safekeeping_bench.py [--recordings 200] [--screenshots 2000]
                                                [--recording-kib 6700] [--screenshot-kib 350]
                                                [--rounds 3] [--children N]

Builds a vault of about 2 GiB (200 recordings, 2,000 screenshots by default; random
bytes, as encrypted blobs are), then, in each of ``--rounds`` rounds, one after another
(each of the three first in one round):

- the peer: ``cp -r`` of the vault folder to a new folder, then ``sync``; and that copy
  checked as a careful user would, read back from the disk (its pages dropped from the
  cache) by ``openssl dgst -sha256``, two at once: the backup's work less decryption;
- the device's floor for a verified copy: the same blobs copied (sendfile) and each
  read back from the device as soon as it is written (its writeback waited for, its
  pages dropped, read ahead), as the backup does, with nothing decrypted or hashed:
  what the disk allows a copy that is read back, whatever the CPU;
- the first backup into another new folder: every blob copied and read back from the
  disk in full (every age chunk authenticated, the plaintext's SHA-256 checked; in
  child processes, one per core, from two cores, else on threads; ``--children N``
  asks for N children whatever the cores), the database snapshot, vault.json and
  identity.age, and its custody event (goal: at least 0.8x the peer's throughput);
- after 10 new items, a second backup: its seconds and the bytes it wrote (goal: under
  2 s, writing only the new blobs and one database snapshot).

Each round's copies are deleted, and the disk left to settle (``sync``, then a pause:
this file system discards freed blocks), before the next command; the ratios are taken
round by round (the disk's speed drifts over a run) and their median is the figure.
The page cache is warm for the source in every run, and every run ends with
everything on the disk.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vault.fsutil import sync_file_system
from vault.handle import create_vault
from vault.importing import import_paths
from vault.lenders import add_lender
from vault.safekeeping import readback
from vault.safekeeping.copying import copy_file, prepare_read_back
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


def settle(*gone: Path) -> None:
    """Delete ``gone`` and let the disk finish with it (writeback, discards)."""
    for folder in gone:
        shutil.rmtree(folder, ignore_errors=True)
    os.sync()
    time.sleep(SETTLE)


SETTLE = 4.0  # seconds


def timed_cp(vault_dir: Path, to: Path) -> tuple[float, ...]:
    """``cp -r`` + ``sync``, then that copy read back from the disk and hashed: the
    seconds of the first and of both."""
    os.sync()
    start = time.perf_counter()
    subprocess.run(["cp", "-r", str(vault_dir), str(to)], check=True)
    os.sync()
    copied = time.perf_counter() - start
    drop_cached(to)
    check_start = time.perf_counter()
    sha256sum_all(to)
    return copied, copied + time.perf_counter() - check_start


def _read_all(path: Path, ready: Future[None]) -> None:
    ready.result()
    buffer = bytearray(4 << 20)
    with path.open("rb", buffering=0) as file:
        while file.readinto(buffer):
            pass


def timed_floor(vault_dir: Path, to: Path) -> float:
    """The blobs copied as the backup copies them and each read back from the device
    as it reads them (prepare_read_back, then whole-file reads on two threads), with
    nothing decrypted or hashed: the seconds."""
    blobs = sorted(p for p in (vault_dir / "blobs").rglob("*.age"))
    to.mkdir()
    os.sync()
    start = time.perf_counter()
    with (
        ThreadPoolExecutor(max_workers=1) as preparing,
        ThreadPoolExecutor(max_workers=2) as reading,
    ):
        reads = []
        for n, blob in enumerate(blobs):
            target = to / f"{n}.age"
            copy_file(blob, target, durable=False)
            ready = preparing.submit(prepare_read_back, target)
            reads.append(reading.submit(_read_all, target, ready))
        for read in reads:
            read.result()
    sync_file_system(to, [])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recordings", type=int, default=200)
    parser.add_argument("--screenshots", type=int, default=2000)
    parser.add_argument("--recording-kib", type=int, default=6700)
    parser.add_argument("--screenshot-kib", type=int, default=350)
    parser.add_argument("--rounds", type=int, default=3)
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
        mib = size / 1024**2
        where = (f"in {readback.CHILDREN} child processes" if readback.CHILDREN >= 2
                 else "on two threads")  # fmt: skip
        print(f"vault: {args.recordings} recordings, {args.screenshots} screenshots, "
              f"{size / 1024**3:.2f} GiB on disk; the backup reads back {where}")  # fmt: skip
        print("round  cp -r+sync  +read back  dev. floor   backup   vs cp  vs checked  "
              "floor vs cp")  # fmt: skip
        rows = []
        settle()
        time.sleep(2 * SETTLE)  # the import's writes and its deleted input, settled

        def backup() -> tuple[float, ...]:
            start = time.perf_counter()
            make_backup(vault, work / "backup")
            return (time.perf_counter() - start,)

        runs: list[tuple[str, Callable[[], tuple[float, ...]], Path]] = [
            ("cp", lambda: timed_cp(vault_dir, work / "cp-copy"), work / "cp-copy"),
            ("floor", lambda: (timed_floor(vault_dir, work / "floor"),), work / "floor"),
            ("backup", backup, work / "backup"),
        ]
        for n in range(1, args.rounds + 1):
            timed: dict[str, tuple[float, ...]] = {}
            turn = (n - 1) % len(runs)  # each goes first in one round of three
            for name, run, output in runs[turn:] + runs[:turn]:
                timed[name] = run()
                if n < args.rounds or name != "backup":
                    settle(output)
            (peer, checked), (floor,), (ours,) = timed["cp"], timed["floor"], timed["backup"]
            rows.append((peer / ours, checked / ours, peer / floor))
            print(f"{n:5d}  {peer:8.2f} s  {checked:8.2f} s  {floor:8.2f} s  {ours:6.2f} s  "
                  f"{peer / ours:5.2f}x  {checked / ours:8.2f}x  {peer / floor:9.2f}x  "
                  f"(load {os.getloadavg()[0]:.1f})")  # fmt: skip
        vs_cp, vs_checked, floor_vs_cp = (
            statistics.median(column) for column in zip(*rows, strict=True)
        )
        print(f"median over {args.rounds} rounds ({mib:.0f} MiB): backup {vs_cp:.2f}x "
              f"cp -r + sync (goal >= 0.8x), {vs_checked:.2f}x the checked copy; the "
              f"device's floor for a copy read back is {floor_vs_cp:.2f}x cp -r + sync")  # fmt: skip

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
