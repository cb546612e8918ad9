"""age recipients and identities: X25519 (``age1…``) and scrypt passphrases.

A recipient wraps a file key into stanzas; an identity tries to unwrap one. An
identity returns ``None`` when a stanza is simply not for it, and raises HeaderError
when a stanza of its type is malformed (the spec makes that fatal).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from vault.age import bech32
from vault.age.base64 import decode_unpadded, encode_unpadded
from vault.age.header import Stanza
from vault.errors import HeaderError, KeyFormatError, WrongPassphraseError

FILE_KEY_SIZE = 16
_WRAPPED_SIZE = FILE_KEY_SIZE + 16
_ZERO_NONCE = bytes(12)
_X25519_LABEL = b"age-encryption.org/v1/X25519"
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
_PUBLIC_HRP = "age"
_SECRET_HRP = "age-secret-key-"  # noqa: S105 (the bech32 prefix, not a secret)
_HASHLIB_MAXMEM = 2**31 - 1  # hashlib.scrypt refuses a maxmem from here on
MAX_SCRYPT_WORK_FACTOR = 22  # as the reference implementation caps it on decryption
_WORK_FACTOR = re.compile(r"[1-9][0-9]{0,1}")


class Recipient(Protocol):
    def wrap(self, file_key: bytes) -> list[Stanza]: ...


class Identity(Protocol):
    def unwrap(self, stanzas: tuple[Stanza, ...]) -> bytes | None: ...


def _unwrap_body(key: bytes, body: bytes) -> bytes | None:
    if len(body) != _WRAPPED_SIZE:
        raise HeaderError("A recipient stanza wraps a file key of the wrong length.")
    try:
        return ChaCha20Poly1305(key).decrypt(_ZERO_NONCE, body, None)
    except InvalidTag:
        return None


def _x25519_shared(private: X25519PrivateKey, share: bytes) -> bytes:
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(share))
    except ValueError:
        raise HeaderError("An X25519 stanza uses a low-order point.") from None
    if shared == bytes(32):
        raise HeaderError("An X25519 stanza uses a low-order point.")
    return shared


def _x25519_wrap_key(shared: bytes, share: bytes, recipient: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=share + recipient, info=_X25519_LABEL).derive(shared)


@dataclass(frozen=True)
class X25519Recipient:
    public_bytes: bytes

    @classmethod
    def parse(cls, text: str) -> X25519Recipient:
        hrp, data = bech32.decode(text.strip())
        if hrp != _PUBLIC_HRP or len(data) != 32 or text.strip() != text.strip().lower():
            raise KeyFormatError("This is not an age X25519 recipient (age1…).")
        return cls(data)

    def __str__(self) -> str:
        return bech32.encode(_PUBLIC_HRP, self.public_bytes)

    def wrap(self, file_key: bytes) -> list[Stanza]:
        ephemeral = X25519PrivateKey.generate()
        share = ephemeral.public_key().public_bytes_raw()
        shared = _x25519_shared(ephemeral, self.public_bytes)
        key = _x25519_wrap_key(shared, share, self.public_bytes)
        body = ChaCha20Poly1305(key).encrypt(_ZERO_NONCE, file_key, None)
        return [Stanza("X25519", (encode_unpadded(share).decode(),), body)]


@dataclass(frozen=True)
class X25519Identity:
    private: X25519PrivateKey = field(repr=False)

    @classmethod
    def generate(cls) -> X25519Identity:
        return cls(X25519PrivateKey.generate())

    @classmethod
    def parse(cls, text: str) -> X25519Identity:
        hrp, data = bech32.decode(text.strip())
        if hrp != _SECRET_HRP or len(data) != 32 or text.strip() != text.strip().upper():
            raise KeyFormatError("This is not an age X25519 identity (AGE-SECRET-KEY-1…).")
        return cls(X25519PrivateKey.from_private_bytes(data))

    def secret_bytes(self) -> bytes:
        return self.private.private_bytes_raw()

    def to_string(self) -> str:
        return bech32.encode(_SECRET_HRP, self.secret_bytes()).upper()

    def recipient(self) -> X25519Recipient:
        return X25519Recipient(self.private.public_key().public_bytes_raw())

    def unwrap(self, stanzas: tuple[Stanza, ...]) -> bytes | None:
        ours = self.recipient().public_bytes
        for stanza in stanzas:
            if stanza.type != "X25519":
                continue
            share = decode_unpadded(stanza.args[0].encode()) if len(stanza.args) == 1 else None
            if share is None or len(share) != 32:
                raise HeaderError("An X25519 stanza in the file header is malformed.")
            key = _x25519_wrap_key(_x25519_shared(self.private, share), share, ours)
            file_key = _unwrap_body(key, stanza.body)
            if file_key is not None:
                return file_key
        return None


def derive_scrypt(secret: bytes, salt: bytes, log_n: int) -> bytes:
    """32 bytes of scrypt (r = 8, p = 1) at work factor 2^``log_n``.

    OpenSSL's scrypt through :mod:`hashlib`, which lets go of the GIL while it works (the
    ``cryptography`` package's Scrypt holds it): the CLI loads its modules while the key
    of an unlock is derived on another core (:class:`vault.keys.IdentityReader`).
    Python's ``maxmem`` stops below 2 GiB, so from 2^21 on (a working set of 2 GiB or
    more, which only a very fast machine calibrates to) ``cryptography`` derives it.
    """
    n = 1 << log_n
    limit = 128 * 8 * (n + 2) + (1 << 20)  # scrypt's V array and blocks (r = 8, p = 1)
    if limit < _HASHLIB_MAXMEM:
        return hashlib.scrypt(secret, salt=salt, n=n, r=8, p=1, maxmem=limit, dklen=32)
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(secret)


def _scrypt_key(passphrase: bytes, salt: bytes, log_n: int) -> bytes:
    return derive_scrypt(passphrase, _SCRYPT_LABEL + salt, log_n)


@dataclass(frozen=True)
class ScryptRecipient:
    passphrase: bytes = field(repr=False)
    work_factor: int = 18

    def wrap(self, file_key: bytes) -> list[Stanza]:
        salt = os.urandom(16)
        key = _scrypt_key(self.passphrase, salt, self.work_factor)
        body = ChaCha20Poly1305(key).encrypt(_ZERO_NONCE, file_key, None)
        args = (encode_unpadded(salt).decode(), str(self.work_factor))
        return [Stanza("scrypt", args, body)]


@dataclass(frozen=True)
class ScryptIdentity:
    passphrase: bytes = field(repr=False)
    max_work_factor: int = MAX_SCRYPT_WORK_FACTOR

    def unwrap(self, stanzas: tuple[Stanza, ...]) -> bytes | None:
        for stanza in stanzas:
            if stanza.type != "scrypt":
                continue
            if len(stanza.args) != 2:
                raise HeaderError("An scrypt stanza in the file header is malformed.")
            salt = decode_unpadded(stanza.args[0].encode())
            if salt is None or len(salt) != 16:
                raise HeaderError("An scrypt stanza in the file header has a malformed salt.")
            if not _WORK_FACTOR.fullmatch(stanza.args[1]):
                raise HeaderError(
                    "An scrypt stanza in the file header has a malformed work factor."
                )
            log_n = int(stanza.args[1])
            if log_n > self.max_work_factor:
                raise HeaderError(
                    f"The passphrase work factor 2^{log_n} exceeds the allowed 2^{self.max_work_factor}."
                )
            if len(stanza.body) != _WRAPPED_SIZE:
                raise HeaderError("A recipient stanza wraps a file key of the wrong length.")
            file_key = _unwrap_body(_scrypt_key(self.passphrase, salt, log_n), stanza.body)
            if file_key is not None:
                return file_key
            raise WrongPassphraseError("The passphrase is wrong.")
        return None


def parse_identity_file(text: str) -> list[X25519Identity]:
    """Parse an age identity file: ``AGE-SECRET-KEY-1…`` lines, ``#`` comments, blanks."""
    identities = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(X25519Identity.parse(line))
        except KeyFormatError:
            raise KeyFormatError(
                f"Line {number} of the identity file is not an age identity."
            ) from None
    if not identities:
        raise KeyFormatError("The identity file contains no age identity.")
    return identities
