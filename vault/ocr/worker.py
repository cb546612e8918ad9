"""Tesseract in child processes: one per core, each loading the models once.

Why a child and not a thread: a thread of this process would share the models, but an
image that crashes libtesseract would then take the whole app down, and reading would
hold up the process's other work; a child that dies costs one image, and the next image
starts a new child. Each child holds a :class:`~vault.ocr.engine.Tesseract` for as long
as the pass lasts, so the models' half-second load is paid once per core, not once per
image as with the ``tesseract`` command.

The image crosses a pipe only, as it did when it was piped to ``tesseract stdin``: the
parent decrypts it into memory and writes it to the child's stdin; the child prepares
and reads it and writes the text back. The command line is fixed (``python -B -m
vault.ocr.worker``; in a frozen build the app's executable with :data:`CHILD_FLAG`) and
holds no path, the child opens no file but the models, and the passphrase variable is
left out of its environment; like the app it leaves no core file and takes no ptrace of
the same user (:mod:`vault.hardening`).

Wire format, all lengths 4 bytes big-endian. stdin: a frame with the engine as JSON
(``version``, ``tessdata``, ``languages``), then one frame per image. stdout: per image,
one status byte (``T`` text, ``U`` an image Pillow cannot decode, ``F`` Tesseract
failed on it) and a frame with the text or the one-sentence reason, UTF-8. End of stdin
ends the child. No answer within :data:`~vault.ocr.engine.SECONDS_PER_IMAGE` seconds:
the child is killed and the image counts as failed.
"""

from __future__ import annotations

import json
import os
import queue
import selectors
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from vault import children
from vault.children import OCR_CHILD
from vault.errors import VaultError
from vault.hardening import protect_process
from vault.ocr.engine import (
    SECONDS_PER_IMAGE,
    Engine,
    OcrEngineMissingError,
    OcrFailedError,
    Tesseract,
    UnreadableImageError,
)

MODULE = "vault.ocr.worker"
CHILD_FLAG = OCR_CHILD  # a frozen app's executable runs the child with this
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent  # the folder that holds vault/
_LENGTH = struct.Struct(">I")
_TEXT, _UNREADABLE, _FAILED = b"T", b"U", b"F"
_GRACE = 30  # seconds for a child to start and load the models, beyond one image's
_PASSPHRASE_ENV = "EVAULT_PASSPHRASE"  # noqa: S105 - a variable's name, left out


def child_command() -> list[str]:
    """The child's whole command line: no path, no image, no secret."""
    return children.child_command(MODULE, CHILD_FLAG)


class OcrWorker:
    """One child process reading images with its own Tesseract; one caller at a time."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._child: subprocess.Popen[bytes] | None = None
        self._fresh = False  # the child has not answered yet: allow for its start

    @property
    def pid(self) -> int | None:
        """The running child's process id; None before its first image or after it ended."""
        return self._child.pid if self._child is not None else None

    def read(self, data: bytes) -> str:
        """The text in the image ``data``. Raises :class:`UnreadableImageError` for bytes
        that are no image, :class:`OcrFailedError` when Tesseract fails, crashes or takes
        too long (the child is then replaced at the next image)."""
        child = self._child or self._start()
        stdin, stdout = _pipes(child)
        try:
            stdin.write(_LENGTH.pack(len(data)) + data)
            stdin.flush()
            seconds = SECONDS_PER_IMAGE + (_GRACE if self._fresh else 0)
            status, answer = _answer(stdout, time.monotonic() + seconds)
        except TimeoutError:  # before OSError, of which it is one
            self._stop(kill=True)
            raise OcrFailedError("Tesseract took too long on this image.") from None
        except (OSError, EOFError):
            raise self._failed() from None
        self._fresh = False
        if status == _TEXT:
            return answer
        if status == _UNREADABLE:
            raise UnreadableImageError(answer)
        raise OcrFailedError(answer)

    def close(self) -> None:
        """End the child: end of stdin, then a kill if it does not go."""
        self._stop(kill=False)

    def _start(self) -> subprocess.Popen[bytes]:
        env = {k: v for k, v in os.environ.items() if k != _PASSPHRASE_ENV}
        env["OMP_THREAD_LIMIT"] = "1"  # one core per child: the pass runs one per core
        try:
            child = subprocess.Popen(  # noqa: S603 - a fixed command line, no shell
                child_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # Tesseract's notes on resolution and the like
                cwd=_PACKAGE_ROOT,
                env=env,
            )
        except OSError as error:
            raise OcrEngineMissingError(
                f"The OCR child process could not be started: {error.strerror}."
            ) from None
        config = {
            "version": self._engine.version,
            "tessdata": self._engine.tessdata,
            "languages": self._engine.languages,
        }
        payload = json.dumps(config).encode("utf-8")
        with suppress(OSError):  # a child gone already: the first read says so
            _pipes(child)[0].write(_LENGTH.pack(len(payload)) + payload)
        self._child, self._fresh = child, True
        return child

    def _failed(self) -> OcrFailedError:
        code = self._stop(kill=True)
        if code is not None and code < 0:
            try:
                how = signal.Signals(-code).name
            except ValueError:
                how = f"signal {-code}"
            return OcrFailedError(f"Tesseract stopped on this image ({how}).")
        return OcrFailedError(f"Tesseract stopped on this image (exit status {code}).")

    def _stop(self, *, kill: bool) -> int | None:
        child, self._child = self._child, None
        if child is None:
            return None
        try:
            if kill:
                child.kill()
            elif child.stdin is not None:
                child.stdin.close()
            return child.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
            return child.wait()
        finally:
            for pipe in (child.stdin, child.stdout):
                if pipe is not None:
                    with suppress(OSError):
                        pipe.close()


def _pipes(child: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    if child.stdin is None or child.stdout is None:  # never: both are PIPE
        raise OcrFailedError("The OCR child process has no pipes.")
    return child.stdin, child.stdout


def _answer(stdout: IO[bytes], deadline: float) -> tuple[bytes, str]:
    head = _exactly(stdout, 1 + _LENGTH.size, deadline)
    (size,) = _LENGTH.unpack_from(head, 1)
    return head[:1], _exactly(stdout, size, deadline).decode("utf-8", "replace")


def _exactly(stdout: IO[bytes], size: int, deadline: float) -> bytes:
    """``size`` bytes from the child, waiting no later than ``deadline``."""
    got = bytearray()
    fd = stdout.fileno()
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while len(got) < size:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                raise TimeoutError
            chunk = os.read(fd, size - len(got))
            if not chunk:
                raise EOFError
            got += chunk
    return bytes(got)


class Workers:
    """A set of :class:`OcrWorker`, one taken per image by whichever thread reads it."""

    def __init__(self, engine: Engine, count: int) -> None:
        self._free: queue.SimpleQueue[OcrWorker] = queue.SimpleQueue()
        self._all = [OcrWorker(engine) for _ in range(max(1, count))]
        for worker in self._all:
            self._free.put(worker)

    def read(self, data: bytes) -> str:
        worker = self._free.get()
        try:
            return worker.read(data)
        finally:
            self._free.put(worker)

    def close(self) -> None:
        for worker in self._all:
            worker.close()


@contextmanager
def workers(engine: Engine, count: int) -> Iterator[Workers]:
    """``count`` Tesseract children (started at their first image), ended on leaving."""
    pool = Workers(engine, count)
    try:
        yield pool
    finally:
        pool.close()


def _frame(stdin: IO[bytes]) -> bytes | None:
    head = stdin.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = stdin.read(size)
    return data if len(data) == size else None


def main() -> int:
    """The child: the engine, then images on stdin, answers on stdout (module docstring)."""
    protect_process()  # it holds decrypted images: no core file, no same-user ptrace
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    config = _frame(stdin)
    if config is None:
        return 0
    fields = json.loads(config)
    engine = Engine(fields["version"], fields["tessdata"], fields["languages"])
    tesseract: Tesseract | None = None
    while (data := _frame(stdin)) is not None:
        try:
            tesseract = tesseract or Tesseract(engine)
            status, answer = _TEXT, tesseract.read(data)
        except UnreadableImageError as error:
            status, answer = _UNREADABLE, str(error)
        except VaultError as error:
            status, answer = _FAILED, str(error)
        encoded = answer.encode("utf-8")
        stdout.write(status + _LENGTH.pack(len(encoded)) + encoded)
        stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
