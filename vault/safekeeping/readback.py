"""Reading a backup's new copies back in child processes, beside the copying.

Why: reading a copy back decrypts it (ChaCha20-Poly1305, every age chunk) and hashes its
plaintext (SHA-256). The decryption holds the GIL, so threads of one process verify at
the speed of one core, whatever their number, and they slow the copying thread down
too. A backup of many megabytes therefore reads its copies back in :data:`CHILDREN`
child processes, one per core, each working on the copy it is given while the parent
copies the next ones (the copying is mostly the kernel's); a small backup reads back
on threads, and pays no process start, and so does any backup on a machine of one core
(:mod:`vault.safekeeping.make` chooses).

A child reads exactly what a thread would, once the parent has prepared the copy
(:func:`vault.safekeeping.copying.prepare_read_back`: its writeback waited for, its
pages dropped from the cache): :func:`vault.safekeeping.copying.damage_of` authenticates
every chunk and compares the plaintext's SHA-256 and size with the item's record, and
the child answers with the same sentence, so a damaged copy stops the backup with the
same error either way.

Secrets cross only a pipe, as for :mod:`vault.kdf_process`. The command line is
``python -B -m vault.safekeeping.readback`` (in a frozen build, the app's own
executable with :data:`CHILD_FLAG`); the environment leaves out any variable that may
hold a passphrase (``EVAULT_PASSPHRASE``); the vault's identity (its 32-byte X25519
secret) is the first thing written to the child's stdin and lives only in its memory.
The child writes nothing to disk but reads the copies it is named.

Wire format. stdin: the secret's length (4 bytes, big-endian) and the secret; then
requests, each the path's length (4 bytes), the path (file-system bytes), the SHA-256
recorded for the item (32 bytes) and its size (8 bytes). stdout: one answer per request
in order: ``+`` for a good copy, or ``-``, a length (4 bytes) and the UTF-8 sentence of
what is wrong with it. The child exits when its stdin ends. A child that stops without
an answer (killed, out of memory) makes :class:`ReadBackStoppedError`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import signal
import struct
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, cast

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from vault import children
from vault.age import X25519Identity
from vault.children import READ_BACK_CHILD
from vault.errors import VaultError
from vault.safekeeping.copying import Blob, damage_of

logger = logging.getLogger(__name__)

MODULE = "vault.safekeeping.readback"
CHILD_FLAG = READ_BACK_CHILD  # a frozen app's executable runs the child with this
# One child per core, up to four; none on one core. The copying is sendfile, the
# kernel's work: on two cores two children read back faster than three threads of this
# process (about 4.5 s against 4.8 to 5.8 s for 2 GiB, bench/safekeeping_bench.py).
_CORES = os.cpu_count() or 1
CHILDREN = min(_CORES, 4) if _CORES >= 2 else 0
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent  # the folder that holds vault/
_LENGTH = struct.Struct(">I")
_SIZE = struct.Struct(">Q")
_GOOD, _BAD = b"+", b"-"


class ReadBackStoppedError(VaultError):
    """A child process reading copies back stopped before it answered: nothing was
    published, DEST keeps its previous backup."""

    code = "backup_read_back_stopped"
    exit_code = 1


def child_command() -> list[str]:
    """The child's whole command line: no path, no secret."""
    return children.child_command(MODULE, CHILD_FLAG)


def _child_environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if "PASSPHRASE" not in name.upper()}


class _Child:
    """One child process and its two pipes; asked by one thread at a time."""

    def __init__(self, identity: X25519Identity) -> None:
        try:
            self.process = subprocess.Popen(  # noqa: S603 - a fixed command line, no shell
                child_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                cwd=_PACKAGE_ROOT,  # `-m` imports this very package, the parent's copy
                env=_child_environment(),
            )
        except OSError as error:
            raise ReadBackStoppedError(
                f"The process that reads copies back could not be started: {error.strerror}."
            ) from None
        self._to = cast("IO[bytes]", self.process.stdin)  # both pipes were asked for
        self._from = cast("IO[bytes]", self.process.stdout)
        self.stopped = False
        secret = identity.secret_bytes()
        self._send(_LENGTH.pack(len(secret)) + secret)

    def ask(self, blob: Blob, target: Path) -> str | None:
        if self.stopped:
            raise self._stopped_error()
        path = os.fsencode(target)
        self._send(
            _LENGTH.pack(len(path)) + path + bytes.fromhex(blob.sha256) + _SIZE.pack(blob.size)
        )
        mark = self._receive(1)
        if mark == _GOOD:
            return None
        if mark != _BAD:
            raise self._stopped_error()
        (length,) = _LENGTH.unpack(self._receive(_LENGTH.size))
        return self._receive(length).decode("utf-8", "replace")

    def _send(self, data: bytes) -> None:
        try:
            self._to.write(data)
            self._to.flush()
        except (BrokenPipeError, ValueError):
            raise self._stopped_error() from None

    def _receive(self, size: int) -> bytes:
        data = self._from.read(size)
        if len(data) != size:
            raise self._stopped_error()
        return data

    def _stopped_error(self) -> ReadBackStoppedError:
        self.stopped = True
        try:
            status = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            status = self.process.wait()
        how = f"exit status {status}"
        if status < 0:
            try:
                how = signal.Signals(-status).name
            except ValueError:  # a real-time signal has no name
                how = f"signal {-status}"
        logger.warning("read-back child stopped (%s)", how)
        return ReadBackStoppedError(
            f"The process reading the copies back stopped ({how}) before it had checked "
            "them all, so the backup was not finished; the backup folder keeps its "
            "previous backup."
        )

    def close(self) -> None:
        """Let the child end (its stdin closes); a child that does not is killed."""
        for pipe in (self._to, self._from):
            with contextlib.suppress(OSError):  # a broken pipe to a child already gone
                pipe.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class ReadBackChildren:
    """Child processes reading copies back; :meth:`submit` gives each request to the
    next idle child and returns its answer's future (None: the copy is the item; else
    the sentence of what is wrong). A stopped child fails its request and every later
    one it is given with :class:`ReadBackStoppedError`.

    The children start at once (their start overlaps the first copies) and end at
    :meth:`close`, which drops the requests not begun.
    """

    def __init__(self, identity: X25519Identity, count: int | None = None) -> None:
        count = count or max(CHILDREN, 1)
        self._children: list[_Child] = []
        self._idle: queue.SimpleQueue[_Child] = queue.SimpleQueue()
        try:
            for _ in range(count):
                child = _Child(identity)
                self._children.append(child)
                self._idle.put(child)
        except BaseException:
            self.close()
            raise
        self._threads = ThreadPoolExecutor(max_workers=count, thread_name_prefix="read-back")

    def submit(self, blob: Blob, target: Path, ready: Future[None]) -> Future[str | None]:
        """``ready`` ends once the copy is prepared for reading from the device
        (:func:`vault.safekeeping.copying.prepare_read_back`)."""
        return self._threads.submit(self._ask, blob, target, ready)

    def _ask(self, blob: Blob, target: Path, ready: Future[None]) -> str | None:
        ready.result()
        child = self._idle.get()
        try:
            return child.ask(blob, target)
        finally:
            self._idle.put(child)

    def close(self) -> None:
        threads = getattr(self, "_threads", None)
        if threads is not None:
            threads.shutdown(wait=True, cancel_futures=True)
        for child in self._children:
            child.close()


def _exact(src: IO[bytes], size: int) -> bytes | None:
    data = src.read(size)
    return data if len(data) == size else None


def main() -> int:
    """The child: the identity, then requests until stdin ends (see the module docstring)."""
    src, out = sys.stdin.buffer, sys.stdout.buffer
    head = _exact(src, _LENGTH.size)
    if head is None:
        return 0
    secret = _exact(src, _LENGTH.unpack(head)[0])
    if secret is None:
        return 0
    identities = [X25519Identity(X25519PrivateKey.from_private_bytes(secret))]
    del secret
    while (head := _exact(src, _LENGTH.size)) is not None:
        path = _exact(src, _LENGTH.unpack(head)[0])
        record = _exact(src, 32 + _SIZE.size)
        if path is None or record is None:
            return 0
        blob = Blob("", record[:32].hex(), _SIZE.unpack(record[32:])[0])
        damage = damage_of(Path(os.fsdecode(path)), identities, blob, full=True)
        if damage is None:
            out.write(_GOOD)
        else:
            sentence = damage.encode("utf-8", "backslashreplace")
            out.write(_BAD + _LENGTH.pack(len(sentence)) + sentence)
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
