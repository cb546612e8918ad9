"""Unlocking with scrypt in a child process: same keys, same typed errors, secrets on a pipe.

The slow tests watch the real child in /proc while scrypt runs (log N = 18 keeps it
alive for a fraction of a second): to read its command line and environment, or to
kill it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.core.conftest import PASSPHRASE
from tests.helpers import REPO
from vault import errors, kdf_process
from vault.age import X25519Identity
from vault.handle import OpenVault, create_vault, unlock_vault
from vault.keys import (
    IDENTITY_FILE,
    MIN_WORK_FACTOR,
    VaultKeys,
    identity_text,
    read_identity,
    work_factor_of,
    write_identity,
)
from vault.lenders import add_lender, list_lenders

SLOW_TEXT = identity_text(X25519Identity.generate(), "2026-01-01T00:00:00+00:00")


@pytest.fixture(scope="module")
def slow_identity(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """identity.age at the lowest production work factor: scrypt takes long enough to watch."""
    folder = tmp_path_factory.mktemp("slow")
    write_identity(folder, SLOW_TEXT, PASSPHRASE, MIN_WORK_FACTOR)
    return (folder / IDENTITY_FILE).read_bytes()


def _children_running_the_kdf() -> list[int]:
    me = os.getpid()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parent = int(stat.rpartition(")")[2].split()[1])
            if parent == me and kdf_process.MODULE.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile, or not ours to read
    return found


@pytest.fixture
def watch_child() -> Iterator[Callable[[Callable[[int], None]], threading.Event]]:
    """Start a thread that calls ``act(pid)`` once this process's KDF child appears."""
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def start(act: Callable[[int], None]) -> threading.Event:
        seen = threading.Event()

        def run() -> None:
            deadline = time.monotonic() + 30
            while not stop.is_set() and time.monotonic() < deadline:
                for pid in _children_running_the_kdf():
                    act(pid)
                    seen.set()
                    return
                time.sleep(0.002)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        threads.append(thread)
        return seen

    yield start
    stop.set()
    for thread in threads:
        thread.join(5)


def test_unlock_through_the_child_gives_the_same_identity_as_in_process(
    vault: OpenVault, vault_dir: Path
) -> None:
    add_lender(vault, "借呗")
    vault.lock()
    here, here_text = read_identity(vault_dir, PASSPHRASE)
    there, there_text = read_identity(vault_dir, PASSPHRASE, isolate_kdf=True)
    assert there.to_string() == here.to_string()
    assert there_text == here_text
    with unlock_vault(vault_dir, PASSPHRASE, isolate_kdf=True) as reopened:
        assert reopened.keys.database_key == VaultKeys.from_identity(here).database_key
        assert [lender.name for lender in list_lenders(reopened)] == ["借呗"]


def test_a_wrong_passphrase_in_the_child_is_the_usual_typed_error(
    vault: OpenVault, vault_dir: Path
) -> None:
    vault.lock()
    with pytest.raises(errors.WrongPassphraseError) as caught:
        unlock_vault(vault_dir, "not the passphrase", isolate_kdf=True)
    assert caught.value.exit_code == 3
    assert str(caught.value) == "The passphrase is wrong."


def _flip_last_byte(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 1])


def _damage_mac(data: bytes) -> bytes:
    at = data.index(b"\n--- ") + 5
    return data[:at] + (b"B" if data[at : at + 1] == b"A" else b"A") + data[at + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"this is not an age file\n", id="not-age"),
        pytest.param(lambda data: data.replace(b"scrypt", b"scrypx", 1), id="no-scrypt-stanza"),
        pytest.param(_damage_mac, id="header-mac"),
        pytest.param(_flip_last_byte, id="payload"),
        pytest.param(lambda data: data[:-20], id="truncated"),
    ],
)
def test_a_damaged_identity_file_gives_the_same_typed_error_through_the_child(
    vault: OpenVault, vault_dir: Path, damage: Callable[[bytes], bytes]
) -> None:
    vault.lock()
    path = vault_dir / IDENTITY_FILE
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(errors.AgeError) as here:
        read_identity(vault_dir, PASSPHRASE)
    with pytest.raises(errors.AgeError) as there:
        read_identity(vault_dir, PASSPHRASE, isolate_kdf=True)
    assert type(there.value) is type(here.value)
    assert str(there.value) == str(here.value)
    if isinstance(here.value, errors.PayloadError):
        assert isinstance(there.value, errors.PayloadError)
        assert (there.value.chunk, there.value.offset) == (here.value.chunk, here.value.offset)


def test_a_killed_child_becomes_one_clear_vault_error(
    slow_identity: bytes,
    watch_child: Callable[[Callable[[int], None]], threading.Event],
) -> None:
    killed = watch_child(lambda pid: os.kill(pid, signal.SIGKILL))
    with pytest.raises(kdf_process.KdfProcessError) as caught:
        kdf_process.decrypt_with_passphrase(slow_identity, PASSPHRASE, isolate=True)
    assert killed.is_set(), "the watcher should have found and killed the child"
    assert isinstance(caught.value, errors.VaultError)
    assert not isinstance(caught.value, errors.AgeError), "a crash is not a wrong passphrase"
    assert str(caught.value) == (
        "The scrypt child process was stopped by SIGKILL before it finished."
    )


def test_the_passphrase_reaches_the_child_only_through_its_stdin(
    slow_identity: bytes,
    watch_child: Callable[[Callable[[int], None]], threading.Event],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EVAULT_PASSPHRASE", PASSPHRASE)  # as the CLI user would have it
    seen: dict[str, bytes] = {}

    def look(pid: int) -> None:
        seen["cmdline"] = Path(f"/proc/{pid}/cmdline").read_bytes()
        seen["environ"] = Path(f"/proc/{pid}/environ").read_bytes()

    looked = watch_child(look)
    plain = kdf_process.decrypt_with_passphrase(slow_identity, PASSPHRASE, isolate=True)
    assert plain.decode() == SLOW_TEXT, "the secret comes back on the child's stdout"
    assert looked.is_set(), "the watcher should have seen the child"
    assert seen["cmdline"].split(b"\0")[:-1] == [
        os.fsencode(arg) for arg in kdf_process.child_command()
    ]
    assert kdf_process.child_command()[1:] == ["-B", "-m", "vault.kdf_process"]
    assert PASSPHRASE.encode() not in seen["cmdline"]
    assert PASSPHRASE.encode() not in seen["environ"]
    assert b"EVAULT_PASSPHRASE=" not in seen["environ"]


def test_a_frozen_app_runs_the_child_through_its_own_executable(
    slow_identity: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frozen build has no ``python -m``: the app's executable answers CHILD_FLAG."""
    app = tmp_path / "evidence-vault"  # stands in for the PyInstaller executable
    app.write_text(
        f"#!/bin/sh\nexec '{sys.executable}' -B -c "
        "'import sys; from ui.app import main; sys.exit(main())' \"$@\"\n",
        encoding="utf-8",
    )
    app.chmod(0o700)
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # as PyInstaller sets it
    monkeypatch.setattr(sys, "executable", str(app))
    assert kdf_process.child_command() == [str(app), kdf_process.CHILD_FLAG]

    def not_here(_data: bytes, _secret: bytes) -> bytes:
        raise AssertionError("scrypt ran in the app's own process")

    monkeypatch.setattr(kdf_process, "_decrypt", not_here)  # the child is another process
    plain = kdf_process.decrypt_with_passphrase(slow_identity, PASSPHRASE, isolate=True)
    assert plain.decode() == SLOW_TEXT
    with pytest.raises(errors.WrongPassphraseError):
        kdf_process.decrypt_with_passphrase(slow_identity, "not it", isolate=True)


def test_the_scrypt_working_set_stays_out_of_the_caller(
    slow_identity: bytes, tmp_path: Path
) -> None:
    """The reason for the child: the caller's peak RSS stays far below scrypt's 256 MiB."""
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / IDENTITY_FILE).write_bytes(slow_identity)
    # VmHWM, not ru_maxrss: a process's ru_maxrss starts at the peak of the process that
    # started it (here pytest's), while VmHWM counts only its own memory since exec.
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from vault.keys import read_identity\n"
        "read_identity(Path(sys.argv[1]), sys.stdin.read(), isolate_kdf=True)\n"
        "status = Path('/proc/self/status').read_text().split('VmHWM:')[1]\n"
        "print(status.split()[0], resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        input=PASSPHRASE,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    caller_kib, child_kib = (int(n) for n in done.stdout.split())
    scrypt_kib = 128 * 8 * (1 << MIN_WORK_FACTOR) // 1024
    assert child_kib > scrypt_kib, "scrypt should have run in the child"
    assert caller_kib < scrypt_kib // 2, (
        f"the caller peaked at {caller_kib // 1024} MiB: scrypt ran in it"
    )


def test_a_vault_created_and_rekeyed_through_the_child_opens_in_process(tmp_path: Path) -> None:
    vault, recovery = create_vault(tmp_path / "v", PASSPHRASE, work_factor=12, isolate_kdf=True)
    vault.lock()
    assert work_factor_of(tmp_path / "v") == 12, "the child used the work factor asked for"
    opened = unlock_vault(tmp_path / "v", PASSPHRASE)
    try:
        assert str(opened.keys.identity.recipient()) in recovery
        opened.change_passphrase("a new passphrase 2026", isolate_kdf=True)
    finally:
        opened.lock()
    with pytest.raises(errors.WrongPassphraseError):
        unlock_vault(tmp_path / "v", PASSPHRASE)
    unlock_vault(tmp_path / "v", "a new passphrase 2026").lock()
