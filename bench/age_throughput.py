"""Encrypt and decrypt one large file with vault.age and with the age CLI, side by side.

    .venv/bin/python bench/age_throughput.py [--size-mib 1024] [--rounds 3]

Both tools read and write the same files on the same disk in the same run; the best
of ``--rounds`` alternating runs is printed for each, with our ratio to the CLI.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vault.age import decrypt, encrypt, parse_identity_file


def timed(action: Callable[[], object]) -> float:
    os.sync()  # every run starts with no dirty pages left by the previous one
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a temp dir)")
    args = parser.parse_args()
    if shutil.which("age") is None:
        sys.exit("the age CLI is not installed (tools/setup installs it)")

    work = Path(tempfile.mkdtemp(prefix="age-bench-", dir=args.dir))
    try:
        run(work, args.size_mib, args.rounds)
    finally:
        shutil.rmtree(work)


def run(work: Path, size_mib: int, rounds: int) -> None:
    plain, key = work / "plain.bin", work / "key.txt"
    with plain.open("wb") as out:
        for _ in range(size_mib):
            out.write(os.urandom(1 << 20))
    subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
    identities = parse_identity_file(key.read_text())
    recipient = identities[0].recipient()
    null = Path(os.devnull)
    ours_age, cli_age = work / "ours.age", work / "cli.age"
    ours_out, cli_out = work / "ours.out", work / "cli.out"

    def ours_encrypt(target: Path = ours_age) -> None:
        with plain.open("rb", buffering=0) as src, target.open("wb", buffering=0) as dst:
            encrypt(src, dst, [recipient])

    def ours_decrypt() -> None:
        with cli_age.open("rb") as src, ours_out.open("wb", buffering=0) as dst:
            decrypt(src, dst, identities)

    def cli_encrypt(target: Path = cli_age) -> None:
        subprocess.run(["age", "-r", str(recipient), "-o", str(target), str(plain)], check=True)

    def cli_decrypt() -> None:
        subprocess.run(["age", "-d", "-i", str(key), "-o", str(cli_out), str(ours_age)], check=True)

    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, action in [
            ("age CLI encrypt to /dev/null", lambda: cli_encrypt(null)),
            ("vault.age encrypt to /dev/null", lambda: ours_encrypt(null)),
            ("age CLI encrypt", cli_encrypt),
            ("vault.age encrypt", ours_encrypt),
            ("age CLI decrypt", cli_decrypt),
            ("vault.age decrypt", ours_decrypt),
        ]:
            best[name] = min(best.get(name, float("inf")), timed(action))
    if ours_out.read_bytes() != plain.read_bytes() or cli_out.read_bytes() != plain.read_bytes():
        sys.exit("round trip failed: outputs differ from the input")

    mb = size_mib * (1 << 20) / 1e6
    print(f"{size_mib} MiB, best of {rounds} rounds, same disk, same run")
    print(f"{'':22} {'age CLI':>12} {'vault.age':>12} {'ratio':>8}")
    for op in ("encrypt to /dev/null", "encrypt", "decrypt"):
        cli, ours = mb / best[f"age CLI {op}"], mb / best[f"vault.age {op}"]
        print(f"{op:22} {cli:7.0f} MB/s {ours:7.0f} MB/s {ours / cli:7.2f}x")


if __name__ == "__main__":
    main()
