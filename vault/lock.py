"""One writer at a time per vault: an OS file lock on ``vault.lock`` in the vault folder.

The window holds it for as long as it has the vault unlocked, and each ``evault`` command
that changes the vault holds it while it runs; a second holder is refused at once with
:class:`VaultBusyError` (it never waits, and never writes beside the first). The lock is
the operating system's (:func:`vault.portable.try_lock_file`), so
it goes with its process: a holder that crashes or is killed leaves nothing to clean up.
The file itself stays in the folder, empty; only the lock on it matters.

Within one process the lock is shared: a second :func:`acquire` of the same folder adds a
holder, and the OS lock is given back when the last holder releases it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from vault.errors import VaultError
from vault.portable import NOFOLLOW, try_lock_file

LOCK_FILE = "vault.lock"
BUSY = (
    "Another program is using this vault (the Evidence Vault window or another evault "
    "command); lock or close it, then try again."
)


class VaultBusyError(VaultError):
    code = "vault_busy"
    exit_code = 2


_guard = threading.Lock()
_held: dict[str, list[int]] = {}  # folder -> [fd, holders]


class VaultLock:
    """A hold on a vault folder's lock; :meth:`release` (idempotent) gives it back."""

    def __init__(self, key: str) -> None:
        self._key: str | None = key

    @property
    def held(self) -> bool:
        return self._key is not None

    def release(self) -> None:
        with _guard:
            key, self._key = self._key, None
            if key is None or key not in _held:
                return
            entry = _held[key]
            entry[1] -= 1
            if entry[1] == 0:
                del _held[key]
                os.close(entry[0])  # closing the file gives the OS lock back


def acquire(folder: Path) -> VaultLock:
    """Hold the lock of the vault in ``folder``, or raise VaultBusyError at once."""
    key = os.path.abspath(folder)
    with _guard:
        entry = _held.get(key)
        if entry is not None:
            entry[1] += 1
            return VaultLock(key)
        flags = os.O_RDWR | os.O_CREAT | NOFOLLOW  # a planted link: no
        fd = os.open(Path(folder) / LOCK_FILE, flags, 0o600)
        if not try_lock_file(fd):
            os.close(fd)
            raise VaultBusyError(BUSY)
        _held[key] = [fd, 1]
        return VaultLock(key)


def is_busy(folder: Path) -> bool:
    """Whether another process holds the lock of the vault in ``folder`` now."""
    if not (Path(folder) / LOCK_FILE).exists():
        return False
    try:
        acquire(folder).release()
    except VaultBusyError:
        return True
    return False
