"""Peak memory of ``evault verify`` on a real signed bundle of 50,000 items.

    .venv/bin/python bench/verify_memory.py [--items 50000] [--compact]

The bundle is written with the project's own code (tests/bundle/large_bundle.py: custody
events, a checkpoint over every item signed and stamped by a real RFC 3161 TSA on
127.0.0.1, inclusion proofs, ``build_manifest`` and ``manifest.encode`` as the export
writes them, ``SHA256SUMS`` and its signature). Then ``evault verify --tsa-ca`` runs as
its own process, which reports its peak RSS (VmHWM). Printed in the same run: the
manifest's size, the peak RSS beside the 200 MB bound, the time, and the verdict.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography import x509

from tests.bundle.large_bundle import verify_peak_rss, write_large_bundle
from tests.trusted_time.local_tsa import LocalTsa, make_pki
from vault.bundle import layout
from vault.bundle.manifest import MAX_MANIFEST_BYTES
from vault.rfc3161.protocol import request_timestamp

BOUND = 200 * 1000 * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument(
        "--compact", action="store_true", help="write manifest.json without indentation"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root_dir = Path(folder)
        pki = make_pki(root_dir / "pki")
        root = x509.load_pem_x509_certificate(pki.ca.read_bytes())
        tsa = LocalTsa(pki).start()
        start = time.perf_counter()
        try:
            bundle = write_large_bundle(
                root_dir / "bundle.zip",
                args.items,
                lambda statement: request_timestamp(tsa.url, statement, [root]).response,
                compact=args.compact,
            )
        finally:
            tsa.stop()
        built = time.perf_counter() - start
        with zipfile.ZipFile(bundle) as archive:
            manifest_size = archive.getinfo(layout.MANIFEST).file_size
        start = time.perf_counter()
        code, output, rss = verify_peak_rss(bundle, "--tsa-ca", str(pki.ca))
        took = time.perf_counter() - start
        verdict = "VALID" if "Result: VALID" in output else "NOT VALID"
        print(
            f"bundle: {args.items} items, {bundle.stat().st_size / 1e6:.1f} MB, built in {built:.1f} s"
        )
        print(
            f"manifest.json: {manifest_size / 1e6:.1f} MB "
            f"({manifest_size / args.items / 1e3:.2f} KB per item; "
            f"limit {MAX_MANIFEST_BYTES / 1e6:.1f} MB)"
        )
        print(f"evault verify: {verdict} (exit {code}) in {took:.1f} s")
        print(
            f"peak RSS: {rss / 1e6:.1f} MB, bound {BOUND / 1e6:.0f} MB "
            f"({rss / manifest_size:.2f} x the manifest's size)"
        )
        if code != 0 or rss >= BOUND:
            sys.exit(output[-2000:])


if __name__ == "__main__":
    main()
