"""The age v1 file format (C2SP age spec) on ``cryptography`` primitives.

Files written here are decrypted by the ``age`` CLI and vice versa; binary files can
also be read by random access (``AgeReader``) without decrypting the whole file.
"""

from vault.age.keys import (
    Identity,
    Recipient,
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
    parse_identity_file,
)
from vault.age.reader import AgeReader, decrypt, iter_plaintext
from vault.age.writer import AgeWriter, encrypt

__all__ = [
    "AgeReader",
    "AgeWriter",
    "Identity",
    "Recipient",
    "ScryptIdentity",
    "ScryptRecipient",
    "X25519Identity",
    "X25519Recipient",
    "decrypt",
    "encrypt",
    "iter_plaintext",
    "parse_identity_file",
]
