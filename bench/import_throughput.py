"""Durable import beside the limits of this machine, measured in the same run.

    .venv/bin/python bench/import_throughput.py [--size-mib 1024] [--screenshots 1000]

One large file (a call recording): ``dd conv=fsync`` of the same bytes (the disk's
durable rate), a ``sha256sum`` + ``age -r`` + ``sync`` pipeline (what a user would
script), and our durable import (SHA-256, encryption, fsync, rename, the folder's fsync,
the database commit and the checkpoint; SM3 comes after the import and is timed on its
own line).

Many small files (~300 KiB screenshots): the floor, the fastest durable way this file
system accepts the same files (read each, then create, write, fsync, rename and fsync
the folder, spread over threads: a small C tool built here with ``cc`` when there is
one, else a Python thread pool; the best of a few thread counts), our import, and a
``sha256sum`` + ``age -r`` shell loop. Every line gives its ratio against its target.
Then the CPU seconds per file: of the floor, of the hashing and encryption that no
import can skip (SHA-256 and age of the same bytes, in memory, on one thread), and of
our import; and the most files per second the floor's CPU plus that crypto allow on
this machine's cores, whatever the language.

Figures from a machine others are loading mean little: the load average is printed
before and after.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vault.age import AgeWriter, Recipient
from vault.handle import OpenVault, create_vault
from vault.importing import fill_sm3, import_paths

SHOT_BYTES = 300 << 10
TARGETS = {"dd": 0.9, "pipeline": 1.5, "floor": 0.8, "loop": 4.0}

_FLOOR_C = r"""
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* floor SRC_LIST DEST_DIR THREADS: each file read, then written to DEST_DIR/.name.tmp,
   fsynced, renamed to DEST_DIR/name, and DEST_DIR fsynced: the durable minimum. */
static char **names; static int count, next_one; static const char *dest; static int dirfd_;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int take(void) {
    pthread_mutex_lock(&lock); int n = next_one < count ? next_one++ : -1;
    pthread_mutex_unlock(&lock); return n;
}

static void *work(void *arg) {
    (void)arg; size_t cap = 1 << 20; char *buf = malloc(cap); int n;
    while ((n = take()) >= 0) {
        const char *src = names[n]; const char *base = strrchr(src, '/'); base = base ? base + 1 : src;
        char tmp[4096], fin[4096];
        snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dest, base); snprintf(fin, sizeof fin, "%s/%s", dest, base);
        int in = open(src, O_RDONLY); int out = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (in < 0 || out < 0) { perror(src); exit(1); }
        ssize_t got;
        while ((got = read(in, buf, cap)) > 0) if (write(out, buf, got) != got) { perror(tmp); exit(1); }
        if (got < 0 || fsync(out) || close(out) || close(in) || rename(tmp, fin) || fsync(dirfd_)) {
            perror(fin); exit(1);
        }
    }
    free(buf); return NULL;
}

int main(int argc, char **argv) {
    if (argc != 4) return 2;
    FILE *list = fopen(argv[1], "r"); dest = argv[2]; int threads = atoi(argv[3]);
    char line[4096]; names = malloc(sizeof(char *) * 1000000);
    while (fgets(line, sizeof line, list)) { line[strcspn(line, "\n")] = 0; names[count++] = strdup(line); }
    dirfd_ = open(dest, O_RDONLY | O_DIRECTORY);
    pthread_t *ids = malloc(sizeof(pthread_t) * threads);
    for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, work, NULL);
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
    return 0;
}
"""


def timed(command: list[str] | str) -> float:
    os.sync()
    start = time.perf_counter()
    subprocess.run(command, check=True, shell=isinstance(command, str), stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def timed_call(fn: Callable[[], object]) -> float:
    os.sync()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cpu_seconds(who: int) -> float:
    """User + system seconds of this process (RUSAGE_SELF, every thread) or of its
    finished children (RUSAGE_CHILDREN) so far."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def crypto_seconds(files: list[Path], recipient: Recipient) -> float:
    """CPU seconds per file of the work no import can skip: the file's SHA-256 and its
    age encryption (header, X25519 wrap, every chunk), in memory, on one thread."""
    sample = files[:200]
    start = time.process_time()
    for path in sample:
        data = path.read_bytes()
        hashlib.sha256(data).digest()
        sealed = io.BytesIO()
        with AgeWriter(sealed, [recipient], threads=False, size_hint=len(data)) as writer:
            writer.write(data)
    return (time.process_time() - start) / len(sample)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024, help="the large file (MiB)")
    parser.add_argument("--screenshots", type=int, default=1000, help="how many small files")
    parser.add_argument("--dir", type=Path, default=None, help="where to work (default: a temp)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="import-bench-", dir=args.dir))
    try:
        print(f"load average before: {_load()}   cores: {os.cpu_count()}   in {work}")
        run(work, args.size_mib, args.screenshots)
        print(f"load average after:  {_load()}")
    finally:
        shutil.rmtree(work)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _random_file(path: Path, size: int) -> None:
    with path.open("wb") as out:
        left = size
        while left:
            step = min(left, 1 << 20)
            out.write(os.urandom(step))
            left -= step


def run(work: Path, size_mib: int, screenshots: int) -> None:
    vault, _ = create_vault(
        work / "vault", "bench passphrase", work_factor=10, time_zone="Asia/Shanghai"
    )
    try:
        large(work, vault, size_mib)
        small(work, vault, screenshots)
    finally:
        vault.lock()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss_mb:.0f} MB")


def _ratio(peer_seconds: float, our_seconds: float, target: float) -> str:
    """Our rate over the peer's (the same work), against its target."""
    ratio = peer_seconds / our_seconds
    return f"{ratio:5.2f}x  (target >= {target}x: {'met' if ratio >= target else 'NOT met'})"


def large(work: Path, vault: OpenVault, size_mib: int) -> None:
    big = work / "call.m4a"
    _random_file(big, size_mib << 20)
    recipient = vault.info.recipient
    dd = timed(["dd", f"if={big}", f"of={work / 'copy.bin'}", "bs=1M", "conv=fsync", "status=none"])
    (work / "copy.bin").unlink()
    out = work / "pipe.age"
    pipeline = timed(
        [
            "bash",
            "-c",
            'set -eo pipefail; tee >(sha256sum > "$1.sum") < "$2" | age -r "$3" -o "$1"; sync "$1"',
            "pipeline",
            str(out),
            str(big),
            recipient,
        ]
    )
    out.unlink()
    ours = timed_call(lambda: import_paths(vault, [big]))
    sm3 = timed_call(lambda: fill_sm3(vault))
    mb = (size_mib << 20) / 1e6
    print(f"\none file of {size_mib} MiB                               MB/s   ours vs it")
    print(
        f"  dd bs=1M conv=fsync (durable disk rate)  {mb / dd:8.0f}   {_ratio(dd, ours, TARGETS['dd'])}"
    )
    print(
        f"  sha256sum + age -r + sync pipeline       {mb / pipeline:8.0f}   "
        f"{_ratio(pipeline, ours, TARGETS['pipeline'])}"
    )
    print(f"  evault import (durable, SHA-256)         {mb / ours:8.0f}")
    print(f"  SM3 pass afterwards (off the import)     {mb / sm3:8.0f}")


def _floor_tool(work: Path) -> Path | None:
    cc = shutil.which("cc")
    if cc is None:
        return None
    source = work / "floor.c"
    source.write_text(_FLOOR_C, encoding="ascii")
    tool = work / "floor"
    built = subprocess.run(
        [cc, "-O2", "-pthread", "-o", str(tool), str(source)], capture_output=True, check=False
    )
    return tool if built.returncode == 0 else None


def _python_floor(files: list[Path], dest: Path, threads: int) -> None:
    folder = os.open(dest, os.O_RDONLY | os.O_DIRECTORY)

    def one(src: Path) -> None:
        temp, final = dest / f".{src.name}.tmp", dest / src.name
        data = src.read_bytes()
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.rename(temp, final)
        os.fsync(folder)

    try:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(one, files))
    finally:
        os.close(folder)


def _floor(work: Path, shots: Path, files: list[Path]) -> tuple[float, str, float]:
    """The best time of the durable floor over a few thread counts, how it was made, and
    that run's CPU seconds."""
    tool = _floor_tool(work)
    listing = work / "shots.txt"
    listing.write_text("".join(f"{p}\n" for p in files), encoding="utf-8")
    cores = os.cpu_count() or 1
    best: tuple[float, str, float] | None = None
    # Every run writes to a folder of its own and keeps its files to the end: deleting
    # them would leave freed inodes that slow the next run's creates.
    for threads in sorted({cores, 2 * cores, 4 * cores, 16}):
        dest = work / f"floor-{threads}"
        dest.mkdir()
        if tool is not None:
            cpu = cpu_seconds(resource.RUSAGE_CHILDREN)
            seconds = timed([str(tool), str(listing), str(dest), str(threads)])
            cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
            how = f"C tool (cc -O2), {threads} threads"
        else:
            cpu = cpu_seconds(resource.RUSAGE_SELF)
            seconds = timed_call(partial(_python_floor, files, dest, threads))
            cpu = cpu_seconds(resource.RUSAGE_SELF) - cpu
            how = f"Python thread pool, {threads} threads"
        if best is None or seconds < best[0]:
            best = (seconds, how, cpu)
    if best is None:
        raise RuntimeError("no floor was measured")
    return best


def small(work: Path, vault: OpenVault, screenshots: int) -> None:
    shots = work / "shots"
    shots.mkdir()
    files = []
    for n in range(screenshots):
        path = shots / f"Screenshot_20240315_{n:06d}.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(SHOT_BYTES))
        files.append(path)
    recipient = vault.info.recipient
    floor, how, floor_cpu = _floor(work, shots, files)
    crypto = crypto_seconds(files, vault.keys.identity.recipient())
    our_cpu = cpu_seconds(resource.RUSAGE_SELF)
    ours = timed_call(lambda: import_paths(vault, [shots]))
    our_cpu = cpu_seconds(resource.RUSAGE_SELF) - our_cpu
    sm3 = timed_call(lambda: fill_sm3(vault))
    loop_out = work / "loop-out"
    loop_out.mkdir()
    loop = timed(
        [
            "bash",
            "-c",
            'for f in "$1"/*; do sha256sum "$f" >/dev/null; '
            'age -r "$2" -o "$3/$(basename "$f").age" "$f"; done',
            "loop",
            str(shots),
            recipient,
            str(loop_out),
        ]
    )
    print(f"\n{screenshots} screenshots of 300 KiB                        files/s   ours vs it")
    print(
        f"  floor: read, create, write, fsync, rename,   {screenshots / floor:7.0f}   "
        f"{_ratio(floor, ours, TARGETS['floor'])}"
    )
    print(f"    fsync the folder; {how}")
    print(
        f"  sha256sum + age -r shell loop (no fsync)    {screenshots / loop:7.0f}   "
        f"{_ratio(loop, ours, TARGETS['loop'])}"
    )
    print(f"  evault import (durable, SHA-256)            {screenshots / ours:7.0f}")
    print(f"  SM3 pass afterwards (off the import)        {screenshots / sm3:7.0f}")
    cores = os.cpu_count() or 1
    per_file = floor_cpu / screenshots + crypto
    bound = cores / per_file
    print(f"  CPU per file: floor {floor_cpu / screenshots * 1e3:.2f} ms, SHA-256 + age "
          f"encryption of the same bytes {crypto * 1e3:.2f} ms, our import "
          f"{our_cpu / screenshots * 1e3:.2f} ms")  # fmt: skip
    print(f"  the floor's CPU + that crypto on {cores} cores allow at most {bound:.0f} "
          f"files/s ({bound * floor / screenshots:.2f}x the floor)")  # fmt: skip


if __name__ == "__main__":
    main()
