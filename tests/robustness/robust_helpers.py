"""Real evidence files, fast vaults and a way to run the CLI that can be killed or starved.

``fork_cli`` runs ``vault.cli.main`` in a forked child of the test process: the child
starts with every module already imported, so a SIGKILL at a random moment lands in
the operation itself rather than in the interpreter's 1.5 s start-up. ``run_cli``
runs ``python -m vault.cli`` as a real process (for disk-full trials, where the
interpreter's own exit path matters too).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image

from tests.case.case_xml import Call, Sms, write_calls, write_sms
from tests.helpers import REPO, require_tool
from vault.cli import main
from vault.handle import unlock_vault
from vault.items import list_items, open_item

PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "a new passphrase for the vault"
FAST_WORK_FACTOR = 10
LENDER = "测试"

# What the tests ran, printed by the summary (conftest.py):
# "kill": operation -> (trials, killed before the end, seconds of an uninterrupted run)
# "disk": fault -> outcome; "fuzz": parser -> inputs tried
FIGURES: dict[str, dict[str, object]] = {}


# --- real evidence files -----------------------------------------------------------------


def jpeg_with_exif(path: Path, shade: int = 90) -> Path:
    photo = Image.new("RGB", (64, 48), (shade, 140, 60))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Xiaomi"
    exif[ExifTags.Base.Model] = "Redmi Note 12"
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.DateTimeOriginal] = "2024:03:05 21:10:00"
    sub[ExifTags.Base.OffsetTimeOriginal] = "+08:00"
    photo.save(path, "JPEG", exif=exif)
    return path


def speech_wav(path: Path, text: str = "你再不还钱就去你家") -> Path:
    subprocess.run(
        [require_tool("espeak-ng"), "-v", "zh", "-w", str(path), text],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return path


def transcode(source: Path, target: Path, *codec: str, metadata: Sequence[str] = ()) -> Path:
    """``source`` re-encoded by ffmpeg (``codec`` e.g. ``-c:a aac``), with ``metadata``."""
    tags = [arg for item in metadata for arg in ("-metadata", item)]
    subprocess.run(
        [
            require_tool("ffmpeg"),
            *("-hide_banner", "-loglevel", "error", "-y", "-i", str(source)),
            *codec,
            *tags,
            str(target),
        ],
        check=True,
        timeout=60,
    )
    return target


def calls_xml(path: Path, count: int) -> Path:
    calls = [
        Call("13800138000", f"2026-03-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}", type=3)
        for i in range(count)
    ]
    return write_calls(path, calls)


def sms_xml(path: Path, count: int) -> Path:
    messages = [
        Sms("10690000", f"2026-03-{1 + i % 28:02d} 2{i % 4}:{i % 60:02d}", body=f"还款 {i} &<>")
        for i in range(count)
    ]
    return write_sms(path, messages)


def small_files(folder: Path, count: int, tag: str, size: int = 2048) -> list[Path]:
    """``count`` distinct small files named so that their origin is known."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"rec{tag}_{n}.bin"
        path.write_bytes(hashlib.sha256(f"{tag}/{n}".encode()).digest() * (size // 32))
        paths.append(path)
    return paths


# --- running the CLI -----------------------------------------------------------------------


def cli_env(passphrase: str = PASSPHRASE) -> dict[str, str]:
    return dict(os.environ, EVAULT_PASSPHRASE=passphrase, PYTHONPATH=str(REPO))


def in_process(argv: Sequence[str], passphrase: str = PASSPHRASE) -> tuple[int, str]:
    """``evault ARGV`` in this process: (exit code, stdout + stderr)."""
    out = io.StringIO()
    saved = os.environ.get("EVAULT_PASSPHRASE")
    os.environ["EVAULT_PASSPHRASE"] = passphrase
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(list(argv))
    finally:
        if saved is None:
            del os.environ["EVAULT_PASSPHRASE"]
        else:
            os.environ["EVAULT_PASSPHRASE"] = saved
    return code, out.getvalue()


def fork_cli(argv: Sequence[str], passphrase: str = PASSPHRASE) -> int:
    """Start ``evault ARGV`` (or, if ``argv[0]`` is ``"-c"``, ``argv[1]``, a Python snippet)
    in a forked child; returns its pid. Its output goes to /dev/null."""
    pid = os.fork()
    if pid:
        return pid
    code = 99
    try:  # the child: never returns into the test runner
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        os.environ["EVAULT_PASSPHRASE"] = passphrase
        if argv[0] == "-c":
            exec(compile(argv[1], "<snippet>", "exec"), {"__name__": "__snippet__"})  # noqa: S102
            code = 0
        else:
            code = main(list(argv))
    except BaseException:
        with contextlib.suppress(BaseException):
            traceback.print_exc()
    finally:
        os._exit(code)


def wait_exit(pid: int, timeout: float = 120) -> int:
    """Exit status of child ``pid`` (negative signal number if killed)."""
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError(f"child {pid} did not finish within {timeout} s")
        time.sleep(0.001)


def timed_run(argv: Sequence[str], passphrase: str = PASSPHRASE) -> tuple[int, float]:
    """Run ``argv`` in a forked child to the end: (exit code, seconds)."""
    start = time.monotonic()
    pid = fork_cli(argv, passphrase)
    code = wait_exit(pid)
    return code, time.monotonic() - start


def kill_after(
    argv: Sequence[str], delay: float, passphrase: str = PASSPHRASE
) -> tuple[int, float]:
    """Start ``argv``, SIGKILL it after ``delay`` seconds unless it ends first:
    (its exit status, the seconds it ran)."""
    start = time.monotonic()
    pid = fork_cli(argv, passphrase)
    while time.monotonic() - start < delay:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), time.monotonic() - start
        time.sleep(0.001)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    return wait_exit(pid), delay


class KillDelays:
    """Seeded kill delays over the shortest whole run seen. The calibration runs set the
    first bound and every trial that ends before its kill lowers it: one slow calibration
    run (a cold cache, a busy machine) would otherwise put most kills after the end."""

    def __init__(self, rng: random.Random, whole_runs: Sequence[float]) -> None:
        self._rng = rng
        self.bound = min(whole_runs)

    def draw(self) -> float:
        return self._rng.uniform(0.0, self.bound)

    def ended_after(self, seconds: float) -> None:
        self.bound = min(self.bound, seconds)


def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def run_cli(
    argv: Sequence[str],
    *,
    file_limit: int | None = None,
    passphrase: str = PASSPHRASE,
    log_dir: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m vault.cli ARGV`` as a real process, optionally with RLIMIT_FSIZE."""
    return subprocess.run(
        [sys.executable, "-m", "vault.cli", *argv],
        env=cli_env(passphrase) | ({"EVAULT_LOG_DIR": str(log_dir)} if log_dir else {}),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        preexec_fn=(lambda: _limit_file_size(file_limit)) if file_limit is not None else None,
        check=False,
    )


# --- what must hold after any interruption -------------------------------------------------


@dataclass(frozen=True)
class VaultState:
    passphrase: str
    items: dict[str, str]  # item id -> original name
    problems: str


def copy_vault(prepared: Path, target: Path) -> Path:
    shutil.copytree(prepared, target, symlinks=True)
    return target


def opens_with(vault_dir: Path, passphrases: Sequence[str]) -> str | None:
    """The first of ``passphrases`` that unlocks the vault, or ``None``."""
    for passphrase in passphrases:
        try:
            unlock_vault(vault_dir, passphrase).lock()
        except Exception:  # noqa: S112 - a wrong passphrase: try the next
            continue
        return passphrase
    return None


def assert_sound(
    vault_dir: Path,
    context: str,
    passphrases: Sequence[str] = (PASSPHRASE,),
    originals: dict[str, bytes] | None = None,
) -> VaultState:
    """The vault opens, is clean after ``check --repair``, and every item reads back whole.

    ``originals`` maps an original name to its bytes: every item that has one must
    decrypt to exactly those bytes (no half-present item).
    """
    passphrase = opens_with(vault_dir, passphrases)
    assert passphrase is not None, f"{context}: the vault opens with none of its passphrases"
    code, text = in_process(["check", "--vault", str(vault_dir), "--repair"], passphrase)
    assert code == 0, f"{context}: check --repair exited {code}: {text}"
    code, text = in_process(["check", "--vault", str(vault_dir)], passphrase)
    assert code == 0, f"{context}: check after --repair exited {code}: {text}"
    items: dict[str, str] = {}
    with unlock_vault(vault_dir, passphrase) as vault:
        for item in list_items(vault, include_withdrawn=True):
            with open_item(vault, item.id) as reader:
                data = reader.read()
            assert hashlib.sha256(data).hexdigest() == item.sha256, (
                f"{context}: item {item.id} does not decrypt to its recorded hash"
            )
            if originals is not None and item.original_name in originals:
                assert data == originals[item.original_name], (
                    f"{context}: item {item.original_name} differs from its original"
                )
            items[item.id] = item.original_name
    return VaultState(passphrase, items, text)
