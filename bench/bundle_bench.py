"""Export and verify of an evidence bundle, beside `zip -0` and `sha256sum -c` on the same files.

    .venv/bin/python bench/bundle_bench.py [--size-mib 1024] [--files 16]

A lender with ``--size-mib`` of evidence (``--files`` recordings of random bytes) is
imported, then in the same run:

- ``evault export`` (decrypt, re-hash, write the ZIP, sign, fsync, custody event) beside
  ``zip -0`` of the original files, without and with ``sync`` of the archive (the export
  is durable, so the fair peer is the synced one);
- ``evault verify`` (stream every entry from the ZIP, CRC + SHA-256, signature, manifest,
  custody) beside ``sha256sum -c SHA256SUMS`` on the unzipped bundle.

Figures are MiB/s of evidence; peak RSS of this process is printed last.
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

from vault.bundle.export import ExportRequest, export_bundle
from vault.bundle.verify import verify_bundle
from vault.handle import create_vault
from vault.importing import import_paths
from vault.lenders import add_lender

LENDER = "好运贷"


def timed(command: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=cwd, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--files", type=int, default=16)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bundle-bench-", dir=os.environ.get("BENCH_DIR")))
    try:
        run(work, args.size_mib, args.files)
    finally:
        shutil.rmtree(work)


def run(work: Path, size_mib: int, files: int) -> None:
    phone = work / "phone"
    phone.mkdir()
    per_file = size_mib // files
    for n in range(files):
        with (phone / f"1380013{n:04d}_20240315{n % 24:02d}0000.m4a").open("wb") as out:
            for _ in range(per_file):
                out.write(os.urandom(1 << 20))
    total_mib = per_file * files
    vault, _ = create_vault(work / "vault", "bench", work_factor=10, time_zone="Asia/Shanghai")
    try:
        add_lender(vault, LENDER)
        import_paths(vault, sorted(phone.iterdir()), lender=LENDER)
        os.sync()
        start = time.perf_counter()
        export_bundle(vault, ExportRequest(out=work / "bundle.zip", lender=LENDER))
        export_s = time.perf_counter() - start
    finally:
        vault.lock()
    os.sync()
    zip_s = timed(["zip", "-0", "-q", "-r", str(work / "plain.zip"), "phone"], cwd=work)
    (work / "plain.zip").unlink()
    os.sync()
    zip_sync_s = timed(
        ["sh", "-c", f"zip -0 -q -r {work / 'plain.zip'} phone && sync {work / 'plain.zip'}"],
        cwd=work,
    )
    os.sync()
    start = time.perf_counter()
    result = verify_bundle(work / "bundle.zip")
    verify_s = time.perf_counter() - start
    if not result.valid:
        raise SystemExit(f"the exported bundle did not verify: {result.checks}")
    unzipped = work / "unzipped"
    subprocess.run(["unzip", "-q", str(work / "bundle.zip"), "-d", str(unzipped)], check=True)
    os.sync()
    sums_s = timed(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=unzipped)

    def rate(seconds: float) -> str:
        return f"{total_mib / seconds:8.0f} MiB/s  ({seconds:6.2f} s)"

    print(f"evidence: {total_mib} MiB in {files} files")
    print(f"evault export         {rate(export_s)}")
    print(f"zip -0                {rate(zip_s)}   export/zip = {zip_s / export_s:.2f}x")
    print(
        f"zip -0 + sync         {rate(zip_sync_s)}   export/zip+sync = {zip_sync_s / export_s:.2f}x"
    )
    print(f"evault verify         {rate(verify_s)}")
    print(f"sha256sum -c          {rate(sums_s)}   verify/sha256sum = {sums_s / verify_s:.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
