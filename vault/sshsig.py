"""OpenSSH SSHSIG signatures with Ed25519 keys, as ``ssh-keygen -Y sign`` and ``-Y verify``.

An export's ``SHA256SUMS.sig`` is checked by the receiver with nothing but OpenSSH::

    ssh-keygen -Y verify -f allowed_signers -I evidence-vault -n evidence-vault \\
               -s SHA256SUMS.sig < SHA256SUMS

so this module writes exactly what ``ssh-keygen`` writes (format: ``PROTOCOL.sshsig`` in
OpenSSH). The message is hashed first (SHA-512 when signing; SHA-256 or SHA-512 when
verifying) and the Ed25519 signature covers::

    "SSHSIG" || string namespace || string reserved || string hash_algorithm || string H(message)

where ``string`` is the SSH wire encoding (RFC 4251: a 32-bit big-endian length, then
the bytes). The signature blob carries the public key, the same fields, and the SSH
encoding of the signature; it is armored as base64 in lines of 70 characters.

Messages given as a file object are read in 1 MiB chunks, so memory stays flat.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from typing import BinaryIO, NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from vault.errors import VaultError

MAGIC = b"SSHSIG"
VERSION = 1
KEY_TYPE = "ssh-ed25519"
SIGNING_HASH = "sha512"
MAX_ARMOR_CHARS = 16 * 1024

_HASHES = frozenset({"sha256", "sha512"})
_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_END = "-----END SSH SIGNATURE-----"
_ARMOR_WIDTH = 70  # what ssh-keygen writes
_CHUNK = 1 << 20
_KEY_SIZE = 32
_SIGNATURE_SIZE = 64
# Key types OpenSSH knows; anything else in that position of an allowed_signers line
# is an option (cert-authority, namespaces="…", valid-after=…).
_SSH_KEY_TYPE = re.compile(r"(ssh|ecdsa|sk|rsa)-[A-Za-z0-9@.-]+")
_PRINCIPAL = re.compile(r"[^\s,\"'*?!#][^\s,\"'*?!]*")


class SignatureError(VaultError):
    """An SSH signature or allowed-signers list is not what it should be."""

    code = "signature"
    exit_code = 1


class MalformedSignatureError(SignatureError):
    code = "signature_malformed"


class UnsupportedSignatureError(SignatureError):
    """A well-formed signature of a kind this app does not check (key type, hash, version)."""

    code = "signature_unsupported"


class WrongNamespaceError(SignatureError):
    code = "signature_wrong_namespace"


class WrongKeyError(SignatureError):
    code = "signature_wrong_key"


class BadSignatureError(SignatureError):
    code = "signature_bad"


class AllowedSignersError(SignatureError):
    code = "allowed_signers"


class SignatureUsageError(SignatureError):
    """The caller asked for something that cannot be written (empty namespace, …)."""

    code = "signature_usage"
    exit_code = 2


class AllowedSigner(NamedTuple):
    """One principal and the key allowed to sign for it."""

    principal: str
    key: Ed25519PublicKey


def public_key_blob(pub: Ed25519PublicKey) -> bytes:
    """Return the SSH wire encoding of ``pub`` (RFC 8709: key type, then 32 raw bytes)."""
    return _string(KEY_TYPE.encode()) + _string(_raw(pub))


def public_key_line(pub: Ed25519PublicKey, comment: str = "") -> str:
    """Return ``pub`` as an OpenSSH public key line: ``ssh-ed25519 AAAA… comment``."""
    if any(not c.isprintable() for c in comment):
        raise SignatureUsageError("A public key comment must be a single line of text.")
    line = f"{KEY_TYPE} {base64.b64encode(public_key_blob(pub)).decode('ascii')}"
    return f"{line} {comment}" if comment else line


def fingerprint(pub: Ed25519PublicKey) -> str:
    """Return the key's fingerprint as ``ssh-keygen -l`` prints it (``SHA256:…``)."""
    digest = hashlib.sha256(public_key_blob(pub)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def allowed_signers_line(principal: str, pub: Ed25519PublicKey) -> str:
    """Return the ``allowed_signers`` line that lets ``pub`` sign as ``principal``."""
    if not _PRINCIPAL.fullmatch(principal):
        raise SignatureUsageError(
            f"{principal!r} cannot be a principal: use one word without spaces, commas, "
            "quotes or the pattern characters * ? !."
        )
    return f"{principal} {public_key_line(pub)}"


def parse_allowed_signers(text: str) -> list[AllowedSigner]:
    """Read an ``allowed_signers`` list in its plain form, one signer per principal.

    Each line is ``principal[,principal…] ssh-ed25519 <base64> [comment]``; blank lines
    and ``#`` comments are skipped. Options (``cert-authority``, ``namespaces=…``,
    validity times), quoted or wildcard principals and other key types are refused
    with an :class:`AllowedSignersError` rather than half-understood.
    """
    signers: list[AllowedSigner] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split()
        if len(fields) < 3:
            raise AllowedSignersError(
                f"Line {number} of the allowed signers list needs a principal, "
                "a key type and a key."
            )
        principals, key_type, key_text = fields[0], fields[1], fields[2]
        names = principals.split(",")
        for principal in names:
            if not _PRINCIPAL.fullmatch(principal):
                raise AllowedSignersError(
                    f"Line {number} of the allowed signers list has the principal "
                    f"{principal!r}; quoted principals and patterns are not supported."
                )
        if key_type != KEY_TYPE:
            if _SSH_KEY_TYPE.fullmatch(key_type):
                raise AllowedSignersError(
                    f"Line {number} of the allowed signers list has a key of type {key_type}; "
                    f"only {KEY_TYPE} keys are supported."
                )
            raise AllowedSignersError(
                f"Line {number} of the allowed signers list has options before the key; "
                "options are not supported."
            )
        key = _key_from_base64(key_text, number)
        signers.extend(AllowedSigner(principal, key) for principal in names)
    return signers


def sign(private_key: Ed25519PrivateKey, data: bytes | BinaryIO, namespace: str) -> str:
    """Sign ``data`` for ``namespace``; return the armored text ``ssh-keygen`` would write.

    Ed25519 signatures are deterministic, so for the same key, message and namespace
    the result is byte for byte the ``.sig`` file of ``ssh-keygen -Y sign``.
    """
    ns = _namespace_bytes(namespace)
    digest = _digest(data, SIGNING_HASH)
    signature = private_key.sign(_signed_data(ns, b"", SIGNING_HASH.encode(), digest))
    blob = b"".join(
        (
            MAGIC,
            VERSION.to_bytes(4, "big"),
            _string(public_key_blob(private_key.public_key())),
            _string(ns),
            _string(b""),
            _string(SIGNING_HASH.encode()),
            _string(_string(KEY_TYPE.encode()) + _string(signature)),
        )
    )
    body = base64.b64encode(blob).decode("ascii")
    lines = [body[i : i + _ARMOR_WIDTH] for i in range(0, len(body), _ARMOR_WIDTH)]
    return "\n".join([_BEGIN, *lines, _END]) + "\n"


def verify(
    signature_armored: str | bytes,
    data: bytes | BinaryIO,
    namespace: str,
    allowed: Ed25519PublicKey,
) -> None:
    """Return quietly if ``signature_armored`` is ``allowed``'s signature of ``data`` for ``namespace``.

    Otherwise raise a :class:`SignatureError` subclass naming what is wrong: a malformed
    armor or blob, an unsupported key type, hash or version, another namespace, another
    key, or a signature that does not match the message. The message is read only
    after everything else has been checked.
    """
    parsed = _parse_blob(_dearmor(signature_armored))
    expected_ns = _namespace_bytes(namespace)
    if parsed.namespace != expected_ns:
        shown = parsed.namespace.decode("utf-8", "replace")
        raise WrongNamespaceError(
            f"The signature was made for the namespace {shown!r}, not {namespace!r}."
        )
    signer = _public_key(
        parsed.key, MalformedSignatureError("The SSH signature is damaged: its key is not valid.")
    )
    if parsed.key != _raw(allowed):
        raise WrongKeyError(
            f"The signature was made by the key {fingerprint(signer)}, "
            f"not by the expected key {fingerprint(allowed)}."
        )
    digest = _digest(data, parsed.hash_algorithm)
    signed = _signed_data(parsed.namespace, parsed.reserved, parsed.hash_algorithm.encode(), digest)
    try:
        signer.verify(parsed.signature, signed)
    except InvalidSignature:
        raise BadSignatureError(
            "The signature does not match the signed file: "
            "the file or its signature was changed after signing."
        ) from None


# --- the blob -----------------------------------------------------------------------------


class _Parsed(NamedTuple):
    key: bytes
    namespace: bytes
    reserved: bytes
    hash_algorithm: str
    signature: bytes


def _dearmor(armored: str | bytes) -> bytes:
    """Accept exactly what ``ssh-keygen -Y verify`` accepts, so both always agree.

    The text must start with the BEGIN line and a newline (no blank before it; CRLF
    line ends are read as LF, as OpenSSH 10 reads them);
    the body runs to the first newline followed by the END line, whitespace inside it
    is ignored, and whatever follows the END line is ignored as ssh-keygen ignores it.
    """
    if len(armored) > MAX_ARMOR_CHARS:
        raise MalformedSignatureError("The signature file is too large to be an SSH signature.")
    if isinstance(armored, bytes):
        try:
            armored = armored.decode("ascii")
        except UnicodeDecodeError:
            raise MalformedSignatureError(
                "The signature file is not an SSH signature: it is not plain text."
            ) from None
    # OpenSSH 10 accepts CRLF line ends (a receiver on Windows may rewrite them), so
    # CRLF is read as LF; a lone CR stays an error.
    armored = armored.replace("\r\n", "\n")
    if not armored.startswith(_BEGIN + "\n"):
        raise MalformedSignatureError(
            f"The signature file is not an SSH signature: its first line must be {_BEGIN}."
        )
    end = armored.find("\n" + _END, len(_BEGIN))
    if end < 0:
        raise MalformedSignatureError(
            f"The SSH signature is cut short: its last line must be {_END}."
        )
    body = "".join(armored[len(_BEGIN) + 1 : end].split())
    if not body:
        raise MalformedSignatureError("The SSH signature is empty.")
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise MalformedSignatureError(
            "The SSH signature is damaged: its body is not valid base64."
        ) from None


def _parse_blob(blob: bytes) -> _Parsed:
    if not blob.startswith(MAGIC):
        raise MalformedSignatureError(
            "The SSH signature is damaged: it does not start with SSHSIG."
        )
    reader = _Reader(blob, len(MAGIC), "The SSH signature is damaged: it ends too early.")
    version = reader.uint32()
    if version != VERSION:
        raise UnsupportedSignatureError(
            f"The SSH signature has format version {version}; only version {VERSION} is supported."
        )
    key_blob = reader.string()
    namespace = reader.string()
    reserved = reader.string()
    hash_name = reader.string()
    signature_blob = reader.string()
    reader.finish("The SSH signature is damaged: it has extra bytes at the end.")

    key = _parse_key_blob(key_blob)
    if not namespace:
        raise MalformedSignatureError("The SSH signature is damaged: its namespace is empty.")
    hash_algorithm = hash_name.decode("ascii", "replace")
    if hash_algorithm not in _HASHES:
        raise UnsupportedSignatureError(
            f"The SSH signature uses the hash {hash_algorithm!r}; "
            "only sha256 and sha512 are supported."
        )
    sig_reader = _Reader(signature_blob, 0, "The SSH signature is damaged: it ends too early.")
    sig_type = sig_reader.string()
    signature = sig_reader.string()
    sig_reader.finish("The SSH signature is damaged: it has extra bytes at the end.")
    if sig_type != KEY_TYPE.encode():
        raise MalformedSignatureError(
            "The SSH signature is damaged: its signature type does not match its key."
        )
    if len(signature) != _SIGNATURE_SIZE:
        raise MalformedSignatureError(
            "The SSH signature is damaged: an Ed25519 signature must be 64 bytes."
        )
    return _Parsed(key, namespace, reserved, hash_algorithm, signature)


def _parse_key_blob(blob: bytes) -> bytes:
    reader = _Reader(blob, 0, "The SSH signature is damaged: its public key is cut short.")
    key_type = reader.string()
    if key_type != KEY_TYPE.encode():
        shown = key_type.decode("ascii", "replace")
        raise UnsupportedSignatureError(
            f"The SSH signature was made with a key of type {shown}; "
            f"only {KEY_TYPE} keys are supported."
        )
    raw = reader.string()
    reader.finish("The SSH signature is damaged: its public key has extra bytes.")
    if len(raw) != _KEY_SIZE:
        raise MalformedSignatureError(
            "The SSH signature is damaged: an Ed25519 public key must be 32 bytes."
        )
    return raw


class _Reader:
    """Reads SSH wire fields; a short read or leftover bytes raise ``error(message)``."""

    def __init__(
        self,
        data: bytes,
        offset: int,
        short: str,
        error: type[SignatureError] = MalformedSignatureError,
    ) -> None:
        self._data = data
        self._offset = offset
        self._short = short
        self._error = error

    def uint32(self) -> int:
        end = self._offset + 4
        if end > len(self._data):
            raise self._error(self._short)
        value = int.from_bytes(self._data[self._offset : end], "big")
        self._offset = end
        return value

    def string(self) -> bytes:
        length = self.uint32()
        end = self._offset + length
        if end > len(self._data):
            raise self._error(self._short)
        value = self._data[self._offset : end]
        self._offset = end
        return value

    def finish(self, extra: str) -> None:
        if self._offset != len(self._data):
            raise self._error(extra)


# --- helpers ------------------------------------------------------------------------------


def _string(value: bytes) -> bytes:
    return len(value).to_bytes(4, "big") + value


def _raw(pub: Ed25519PublicKey) -> bytes:
    return pub.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _signed_data(namespace: bytes, reserved: bytes, hash_name: bytes, digest: bytes) -> bytes:
    return MAGIC + _string(namespace) + _string(reserved) + _string(hash_name) + _string(digest)


def _public_key(raw: bytes, error: SignatureError) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise error from None


def _namespace_bytes(namespace: str) -> bytes:
    if not namespace or any(not c.isprintable() for c in namespace):
        raise SignatureUsageError(
            "A signature namespace must be a non-empty single line of text, such as evidence-vault."
        )
    return namespace.encode("utf-8")


def _digest(data: bytes | BinaryIO, algorithm: str) -> bytes:
    hasher = hashlib.new(algorithm)
    if isinstance(data, bytes | bytearray | memoryview):
        hasher.update(data)
    else:
        while chunk := data.read(_CHUNK):
            hasher.update(chunk)
    return hasher.digest()


def _key_from_base64(text: str, number: int) -> Ed25519PublicKey:
    damaged = f"Line {number} of the allowed signers list has a damaged key."
    try:
        blob = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise AllowedSignersError(damaged) from None
    reader = _Reader(blob, 0, damaged, AllowedSignersError)
    key_type = reader.string()
    raw = reader.string()
    reader.finish(damaged)
    if key_type != KEY_TYPE.encode() or len(raw) != _KEY_SIZE:
        raise AllowedSignersError(damaged)
    return _public_key(raw, AllowedSignersError(damaged))
