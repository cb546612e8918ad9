"""Run scrypt for a passphrase-encrypted age file in a short-lived child process.

Why: opening ``identity.age`` runs scrypt at the work factor calibrated when the vault
was made (log N >= 18, r = 8), whose working set is 128 * r * N bytes: 256 MiB at
2^18, 4 GiB at 2^22. Run inside the desktop app, that becomes the app's peak memory
for as long as it stays open. A child that lives only for the second of unlocking
takes its working set with it when it exits; the work factor, and so the cost to
someone guessing passphrases, is unchanged.

Secrets cross only a pipe. The parent writes the passphrase and the (encrypted) bytes
of the age file to the child's stdin; the child writes the plaintext to its stdout.
Neither is ever on the command line (``python -B -m vault.kdf_process``, nothing
more), in the environment (a variable holding the passphrase, such as the CLI's
``EVAULT_PASSPHRASE``, is left out of it) or on disk: the child is given no path,
opens no file and writes no bytecode (``-B``).

The same child also encrypts (creating a vault, changing its passphrase), where
scrypt costs the same memory.

Wire format. stdin: one mode byte (``d`` to decrypt; ``e`` to encrypt, followed by
the work factor as one byte), the passphrase's UTF-8 length as 4 bytes big-endian,
the passphrase, then the age file (``d``) or the plaintext (``e``). stdout: ``ok`` and
a newline, then the plaintext or the age file, exit status 0; or ``error`` and a newline, then JSON ``{"code", "message"}`` (plus
``chunk`` and ``offset`` for payload errors), exit status 3, for a typed age error,
which the parent raises again as the same class (a wrong passphrase stays
:class:`~vault.errors.WrongPassphraseError`). Anything else, such as a crash, a kill
or running out of memory, becomes :class:`KdfProcessError`.

A frozen build (PyInstaller) has no ``python -m``: there the child is the app's own
executable started with :data:`CHILD_FLAG`, which its ``main`` hands to :func:`main`
before anything else is imported.
"""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import struct
import subprocess
import sys
from pathlib import Path

from vault import children, errors
from vault.age import ScryptIdentity, ScryptRecipient, decrypt, encrypt
from vault.children import KDF_CHILD

logger = logging.getLogger(__name__)

MODULE = "vault.kdf_process"
CHILD_FLAG = KDF_CHILD  # a frozen app's executable runs the child with this
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # the folder that holds vault/
_LENGTH = struct.Struct(">I")
_DECRYPT, _ENCRYPT = b"d", b"e"
_OK = b"ok\n"
_ERROR = b"error\n"
_TYPED_EXIT = 3
_AGE_ERRORS: dict[str, type[errors.AgeError]] = {
    cls.code: cls
    for cls in (
        errors.AgeError,
        errors.NotAgeFileError,
        errors.ArmorError,
        errors.HeaderError,
        errors.NoIdentityMatchError,
        errors.WrongPassphraseError,
        errors.HeaderMacError,
        errors.PayloadError,
        errors.TruncatedError,
        errors.KeyFormatError,
    )
}


class KdfProcessError(errors.VaultError):
    """The child process running scrypt failed without a typed answer (crash, kill)."""

    code = "kdf_process"


def decrypt_with_passphrase(data: bytes, passphrase: str, *, isolate: bool) -> bytes:
    """The plaintext of ``data``, an age file encrypted with ``passphrase`` (scrypt).

    With ``isolate`` scrypt runs in a child process (see the module docstring). Either way a wrong passphrase raises
    :class:`~vault.errors.WrongPassphraseError` and damage the matching ``AgeError``.
    """
    secret = passphrase.encode("utf-8")
    if not isolate:
        return _decrypt(data, secret)
    return _run_child(_DECRYPT, data, secret, passphrase)


def encrypt_with_passphrase(
    plaintext: bytes, passphrase: str, work_factor: int, *, isolate: bool
) -> bytes:
    """``plaintext`` as an age file encrypted with ``passphrase`` at ``work_factor``.

    With ``isolate`` scrypt runs in a child process, as for decryption.
    """
    secret = passphrase.encode("utf-8")
    if not isolate:
        return _encrypt(plaintext, secret, work_factor)
    return _run_child(_ENCRYPT + bytes([work_factor]), plaintext, secret, passphrase)


def child_command() -> list[str]:
    """The child's whole command line: no path, no passphrase, no secret."""
    return children.child_command(MODULE, CHILD_FLAG)


def _decrypt(data: bytes, secret: bytes) -> bytes:
    plain = io.BytesIO()
    decrypt(io.BytesIO(data), plain, [ScryptIdentity(secret)])
    return plain.getvalue()


def _encrypt(plaintext: bytes, secret: bytes, work_factor: int) -> bytes:
    sealed = io.BytesIO()
    encrypt(io.BytesIO(plaintext), sealed, [ScryptRecipient(secret, work_factor)])
    return sealed.getvalue()


def _run_child(mode: bytes, data: bytes, secret: bytes, passphrase: str) -> bytes:
    # cwd: `-m` then imports this very package, whichever copy of it the parent runs.
    env = {name: value for name, value in os.environ.items() if value != passphrase}
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command line, no shell
            child_command(),
            input=mode + _LENGTH.pack(len(secret)) + secret + data,
            capture_output=True,
            cwd=_PACKAGE_ROOT,
            env=env,
            check=False,
        )
    except OSError as error:
        raise KdfProcessError(
            f"The scrypt child process could not be started: {error.strerror}."
        ) from None
    if done.returncode == 0 and done.stdout.startswith(_OK):
        return done.stdout[len(_OK) :]
    if done.returncode == _TYPED_EXIT and done.stdout.startswith(_ERROR):
        raise _typed_error(done.stdout[len(_ERROR) :])
    last_line = done.stderr.decode("utf-8", "replace").strip().rpartition("\n")[2]
    logger.warning("scrypt child exited with %s: %s", done.returncode, last_line[:200])
    if done.returncode < 0:
        try:
            name = signal.Signals(-done.returncode).name
        except ValueError:  # a real-time signal has no name
            name = f"signal {-done.returncode}"
        raise KdfProcessError(f"The scrypt child process was stopped by {name} before it finished.")
    raise KdfProcessError(f"The scrypt child process failed with exit status {done.returncode}.")


def _typed_error(payload: bytes) -> errors.AgeError:
    try:
        fields = json.loads(payload)
        cls = _AGE_ERRORS[fields["code"]]
        message = str(fields["message"])
        if issubclass(cls, errors.PayloadError):
            return cls(message, chunk=int(fields["chunk"]), offset=int(fields["offset"]))
        return cls(message)
    except (ValueError, KeyError, TypeError):
        raise KdfProcessError(
            "The scrypt child process gave an answer that makes no sense."
        ) from None


def _describe(error: errors.AgeError) -> dict[str, object]:
    fields: dict[str, object] = {"code": error.code, "message": str(error)}
    if isinstance(error, errors.PayloadError):
        fields.update(chunk=error.chunk, offset=error.offset)
    return fields


def main() -> int:
    """The child: read the request on stdin, answer on stdout (see the module docstring)."""
    request = sys.stdin.buffer.read()
    mode, work_factor = request[:1], 0
    start = 1
    if mode == _ENCRYPT:
        work_factor, start = request[1], 2
    (size,) = _LENGTH.unpack_from(request, start)
    start += _LENGTH.size
    secret, data = request[start : start + size], request[start + size :]
    out = sys.stdout.buffer
    try:
        answer = _encrypt(data, secret, work_factor) if mode == _ENCRYPT else _decrypt(data, secret)
    except errors.AgeError as error:
        out.write(_ERROR + json.dumps(_describe(error)).encode("utf-8"))
        out.flush()
        return _TYPED_EXIT
    out.write(_OK + answer)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
