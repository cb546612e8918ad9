"""The vault's secret: ``identity.age``, the passphrase that opens it, and sub-keys.

``identity.age`` is an age file, encrypted with the passphrase (scrypt stanza), whose
plaintext is an ordinary age identity file (comments + one ``AGE-SECRET-KEY-1…`` line),
so ``age -d identity.age`` recovers it with no help from this program. Every other key
is derived from that identity's 32 secret bytes with HKDF-SHA256 under a distinct label,
so the printed recovery key alone restores everything.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from vault import kdf_process
from vault.age import (
    X25519Identity,
    parse_identity_file,
)
from vault.age.header import read_header
from vault.age.keys import MAX_SCRYPT_WORK_FACTOR, derive_scrypt
from vault.errors import KeyFormatError, UsageError
from vault.fsutil import atomic_write

IDENTITY_FILE = "identity.age"
MIN_WORK_FACTOR = 18  # age's own default; calibration never goes below it
_HKDF_SALT = b"evidence-vault/v1"
_LABEL_DATABASE = b"evidence-vault/v1/sqlcipher-key"
_LABEL_SIGNING = b"evidence-vault/v1/ed25519-signing-key"
_LABEL_CONTENT = b"evidence-vault/v1/content-key"


class PassphraseError(UsageError):
    code = "passphrase_empty"


class RecoveryKeyFormatError(UsageError):
    code = "recovery_key_invalid"
    exit_code = 3


class RecoveryKeyMismatchError(UsageError):
    code = "recovery_key_other_vault"
    exit_code = 3


@dataclass(frozen=True)
class VaultKeys:
    """Everything an unlocked vault holds in memory; dropped on lock."""

    identity: X25519Identity = field(repr=False)
    database_key: bytes = field(repr=False)
    signing_key: Ed25519PrivateKey = field(repr=False)
    content_key: bytes = field(repr=False)

    @classmethod
    def from_identity(cls, identity: X25519Identity) -> VaultKeys:
        secret = identity.secret_bytes()
        return cls(
            identity=identity,
            database_key=_derive(secret, _LABEL_DATABASE),
            signing_key=Ed25519PrivateKey.from_private_bytes(_derive(secret, _LABEL_SIGNING)),
            content_key=_derive(secret, _LABEL_CONTENT),
        )


def _derive(secret: bytes, label: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=_HKDF_SALT, info=label).derive(secret)


def identity_text(identity: X25519Identity, created: str) -> str:
    """The plaintext of ``identity.age``: an age identity file, which is also the recovery key."""
    return (
        f"# Evidence Vault recovery key, created {created}\n"
        f"# public key: {identity.recipient()}\n"
        f"{identity.to_string()}\n"
    )


_SECRET_PREFIX = "AGE-SECRET-KEY-"  # noqa: S105 - the key format's prefix, not a secret


def parse_recovery_key(text: str) -> X25519Identity:
    """The identity in a recovery key as a person types or pastes it back.

    Accepts the bare ``AGE-SECRET-KEY-1…`` line or the whole identity file, in any case,
    with spaces or line breaks inside, full-width characters, or dashes that a PDF
    viewer or word processor changed or dropped: only the letters and digits count
    (the key's own alphabet), and its checksum catches a typo. Anything else raises
    :class:`RecoveryKeyFormatError`.
    """
    lines = unicodedata.normalize("NFKC", text).splitlines()
    kept = "".join(line for line in lines if not line.strip().startswith("#"))
    letters = "".join(ch for ch in kept.upper() if ch.isascii() and ch.isalnum())
    bare = _SECRET_PREFIX.replace("-", "")
    if not letters.startswith(bare + "1"):
        raise RecoveryKeyFormatError("This is not a recovery key: it starts AGE-SECRET-KEY-1.")
    try:
        return X25519Identity.parse(_SECRET_PREFIX + letters[len(bare) :])
    except KeyFormatError:
        raise RecoveryKeyFormatError(
            "This recovery key has a typo: a letter is wrong, missing or extra."
        ) from None


def calibrate_work_factor(target_seconds: float = 1.0) -> int:
    """The scrypt work factor (log2 N) that takes about ``target_seconds`` here.

    Measured at 2^14 and scaled (scrypt's time doubles with each step), then kept
    between age's default 2^18 and the 2^22 that age accepts on decryption.
    """
    probe = 14
    start = time.perf_counter()
    derive_scrypt(b"probe", b"calibration-salt", probe)
    elapsed = max(time.perf_counter() - start, 1e-6)
    factor = probe
    while elapsed * 2 <= target_seconds * 1.4 and factor < MAX_SCRYPT_WORK_FACTOR:
        elapsed *= 2
        factor += 1
    return max(MIN_WORK_FACTOR, min(factor, MAX_SCRYPT_WORK_FACTOR))


def write_identity(
    vault_dir: Path, text: str, passphrase: str, work_factor: int, *, isolate_kdf: bool = False
) -> None:
    """Encrypt ``text`` to ``identity.age`` with the passphrase, atomically.

    With ``isolate_kdf`` scrypt runs in a short-lived child process (as for reading).
    """
    if not passphrase:
        raise PassphraseError("The passphrase must not be empty.")
    sealed = kdf_process.encrypt_with_passphrase(
        text.encode("utf-8"), passphrase, work_factor, isolate=isolate_kdf
    )
    with atomic_write(vault_dir / IDENTITY_FILE) as out:
        out.write(sealed)


def read_identity(
    vault_dir: Path, passphrase: str, *, isolate_kdf: bool = False
) -> tuple[X25519Identity, str]:
    """Open ``identity.age``; returns the identity and the file's text.

    A wrong passphrase raises :class:`vault.errors.WrongPassphraseError`. With
    ``isolate_kdf`` scrypt runs in a short-lived child process
    (:mod:`vault.kdf_process`), so the caller never holds its working set.
    """
    data = (vault_dir / IDENTITY_FILE).read_bytes()
    plain = kdf_process.decrypt_with_passphrase(data, passphrase, isolate=isolate_kdf)
    text = plain.decode("utf-8")
    return parse_identity_file(text)[0], text


class IdentityReader:
    """:func:`read_identity` started in a thread, so the caller can do other work meanwhile.

    scrypt is nearly all of an unlock and runs in OpenSSL without holding the GIL, so a
    command-line run loads its modules (SQLAlchemy alone takes about 0.2 s) while the key is
    derived on another core. :meth:`result` waits and returns what :func:`read_identity`
    returns, or raises what it raised.
    """

    def __init__(self, vault_dir: Path, passphrase: str) -> None:
        self._outcome: tuple[X25519Identity, str] | BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(vault_dir, passphrase), name="unlock", daemon=True
        )
        self._thread.start()

    def _run(self, vault_dir: Path, passphrase: str) -> None:
        try:
            self._outcome = read_identity(vault_dir, passphrase)
        except BaseException as error:  # handed to the caller of result()
            self._outcome = error

    def result(self) -> tuple[X25519Identity, str]:
        self._thread.join()
        outcome = self._outcome
        if isinstance(outcome, BaseException):
            raise outcome
        assert outcome is not None  # noqa: S101 - set before the thread ends
        return outcome


def work_factor_of(vault_dir: Path) -> int:
    """The scrypt work factor ``identity.age`` was written with (a public header field)."""
    with (vault_dir / IDENTITY_FILE).open("rb") as src:
        header = read_header(src)
    return int(header.stanzas[0].args[1])
