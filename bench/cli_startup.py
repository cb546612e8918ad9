"""How much of an ``evault`` run is starting up, beside bare Python and ``sha256sum -c``.

    .venv/bin/python bench/cli_startup.py [--runs 7] [--size-mib 512] [--files 8]
                                          [--repo DIR ...]

Printed in one run, each figure the median of ``--runs`` rounds (after one warm-up round;
a round runs every command once, in turn, so load changes weigh on all figures alike):

- ``python -c pass``, the bare interpreter start, beside ``evault --version`` and
  ``evault --help`` (target: within 0.15 s of it);
- ``evault lender list`` on a vault, beside scrypt at the vault's work factor alone
  (the fixed cost of a vault command; target: within 0.2 s of scrypt);
- ``evault verify`` of a bundle of ``--size-mib`` of evidence (``--files`` files of
  random bytes, imported and exported with the project's own ``evault`` into a temporary
  folder; this takes a while) beside ``sha256sum -c SHA256SUMS`` on the same bundle
  unzipped (target: verify at least 3x faster).

``evault`` is the command installed from ``--repo`` (default: this checkout): the
``[project.scripts]`` entry of its ``pyproject.toml``, run the way its console script
runs it, by the interpreter running this benchmark, with that tree first on the path.
Give ``--repo`` twice (an export of another commit, say) to print both trees side by
side on the same bundle; the bundle is made with the first. ``BENCH_DIR`` chooses where
the temporary folder goes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
PASSPHRASE = "cli start-up bench"  # noqa: S105 - a throw-away vault
LENDER = "借呗"
START_TARGET_S = 0.15  # --version and --help within this of bare start
UNLOCK_TARGET_S = 0.2  # a vault command's start + unlock within this of its scrypt time
VERIFY_TARGET = 3.0  # verify at least this many times faster than sha256sum -c


class Evault:
    """The ``evault`` command of one source tree, run as its console script runs it."""

    def __init__(self, repo: Path, work: Path) -> None:
        scripts = tomllib.loads((repo / "pyproject.toml").read_text("utf-8"))["project"]
        module, function = scripts["scripts"]["evault"].split(":")
        self.repo = repo
        self.entry = f"{module}:{function}"
        self.prefix = [
            sys.executable,
            "-c",
            f"import sys; from {module} import {function}; sys.exit({function}())",
        ]
        self.cwd = work  # not the tree itself: only PYTHONPATH puts it on the path
        self.env = {
            "PATH": os.environ["PATH"],
            "HOME": str(work),
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(repo),
            "QT_QPA_PLATFORM": "offscreen",
            "EVAULT_PASSPHRASE": PASSPHRASE,
            "EVAULT_LOG_DIR": str(work / "logs"),
        }

    def command(self, *args: str) -> list[str]:
        return [*self.prefix, *args]

    def run(self, *args: str) -> str:
        done = subprocess.run(
            self.command(*args),
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"evault {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout


def process(command: list[str], *, cwd: Path, env: dict[str, str] | None) -> Callable[[], object]:
    def start() -> object:
        return subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)

    return start


def medians_s(measured: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """The median wall time of each call over ``runs`` rounds, after one warm-up round.

    Each round runs every call once, in turn, so that a change in the machine's load
    during the run weighs on every figure alike rather than on the last ones measured.
    """
    times: dict[str, list[float]] = {name: [] for name in measured}
    for round_number in range(runs + 1):
        for name, call in measured.items():
            start = time.perf_counter()
            call()
            if round_number:  # the first round warms the page cache and writes bytecode
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(taken) for name, taken in times.items()}


def make_bundle(evault: Evault, work: Path, size_mib: int, files: int) -> tuple[Path, Path]:
    """A vault and a bundle of ``size_mib`` MiB exported from it, with no TSA asked."""
    vault = work / "vault"
    phone = work / "phone"
    phone.mkdir()
    per_file = max(1, size_mib // files)
    for n in range(files):
        with (phone / f"1380013{n:04d}_20240315{n % 24:02d}0000.m4a").open("wb") as out:
            for _ in range(per_file):
                out.write(os.urandom(1 << 20))
    evault.run("init", "--vault", str(vault))
    for tsa in json.loads(evault.run("tsa", "list", "--json", "--vault", str(vault))):
        evault.run("tsa", "remove", tsa["url"], "--vault", str(vault))
    evault.run("lender", "add", LENDER, "--vault", str(vault))
    evault.run("import", "--vault", str(vault), "--lender", LENDER, str(phone))
    shutil.rmtree(phone)
    bundle = work / "bundle.zip"
    evault.run("export", "--vault", str(vault), "--lender", LENDER, "--out", str(bundle))
    return vault, bundle


def scrypt_call(vault: Path) -> tuple[int, Callable[[], object]]:
    """The vault's work factor (public, in vault.json) and scrypt at it, alone."""
    log_n = int(json.loads((vault / "vault.json").read_text("utf-8"))["kdf"]["log_n"])
    memory = 128 * 8 * (1 << log_n) * 2

    def derive() -> bytes:
        return hashlib.scrypt(
            PASSPHRASE.encode(), salt=b"\0" * 16, n=1 << log_n, r=8, p=1, maxmem=memory
        )

    return log_n, derive


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size-mib", type=int, default=512)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--repo", type=Path, action="append", help="a source tree to measure")
    args = parser.parse_args()
    repos = [repo.resolve() for repo in args.repo or [HERE]]
    work = Path(tempfile.mkdtemp(prefix="cli-startup-", dir=os.environ.get("BENCH_DIR")))
    try:
        run(work, repos, args.runs, args.size_mib, args.files)
    finally:
        shutil.rmtree(work)


def run(work: Path, repos: list[Path], runs: int, size_mib: int, files: int) -> None:
    trees = [Evault(repo, work) for repo in repos]
    print(f"making a {size_mib} MiB bundle in {work} with {trees[0].repo} ...", flush=True)
    vault, bundle = make_bundle(trees[0], work, size_mib, files)
    unzipped = work / "unzipped"
    subprocess.run(["unzip", "-q", str(bundle), "-d", str(unzipped)], check=True)
    bundle_mib = sum(p.stat().st_size for p in unzipped.rglob("*") if p.is_file()) / (1 << 20)
    os.sync()

    log_n, scrypt = scrypt_call(vault)
    measured = {
        "bare": process([sys.executable, "-c", "pass"], cwd=work, env=None),
        "sums": process(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=unzipped, env=None),
        "scrypt": scrypt,
    }
    for n, evault in enumerate(trees):
        for label, argv in (
            ("--version", ["--version"]),
            ("--help", ["--help"]),
            ("lender list", ["lender", "list", "--vault", str(vault)]),
            ("verify", ["verify", str(bundle)]),
        ):
            measured[f"{n} {label}"] = process(
                evault.command(*argv), cwd=evault.cwd, env=evault.env
            )
    took = medians_s(measured, runs)
    bare, sums = took["bare"], took["sums"]
    print(
        f"\nmedian of {runs} rounds; {sys.executable}; bundle {bundle_mib:.0f} MiB unzipped, "
        f"{files} evidence files; scrypt log N = {log_n}; load average "
        + " ".join(f"{load:.2f}" for load in os.getloadavg())
    )
    print(f"{'python -c pass':<30}{bare:8.3f} s")
    print(f"{'sha256sum -c (unzipped)':<30}{sums:8.3f} s")
    print(f"{'scrypt alone (hashlib)':<30}{took['scrypt']:8.3f} s")
    for n, evault in enumerate(trees):
        print(f"\nevault = {evault.entry} from {evault.repo}")
        for flag in ("--version", "--help"):
            over = took[f"{n} {flag}"] - bare
            verdict = "met" if over <= START_TARGET_S else "missed"
            print(
                f"{'evault ' + flag:<30}{took[f'{n} {flag}']:8.3f} s   +{over:.3f} s over bare "
                f"start (target +{START_TARGET_S:.2f} s: {verdict})"
            )
        over = took[f"{n} lender list"] - took["scrypt"]
        verdict = "met" if over <= UNLOCK_TARGET_S else "missed"
        print(
            f"{'evault lender list':<30}{took[f'{n} lender list']:8.3f} s   +{over:.3f} s over "
            f"scrypt (target +{UNLOCK_TARGET_S:.2f} s: {verdict})"
        )
        ratio = sums / took[f"{n} verify"]
        verdict = "met" if ratio >= VERIFY_TARGET else "missed"
        print(
            f"{'evault verify':<30}{took[f'{n} verify']:8.3f} s   sha256sum -c / verify = "
            f"{ratio:.2f}x (target {VERIFY_TARGET:.0f}x: {verdict})"
        )


if __name__ == "__main__":
    main()
