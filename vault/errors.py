"""One base exception with typed subclasses.

Each error has a stable ``code`` (the UI maps it to a translated sentence) and an
``exit_code`` for the CLI (DESIGN.md §7: 1 integrity, 2 usage/bad input, 3 wrong
passphrase). Messages are one plain English sentence and never contain secrets.
"""

from __future__ import annotations


class VaultError(Exception):
    """Base of every error the core raises on purpose."""

    code = "vault_error"
    exit_code = 2


class UsageError(VaultError):
    code = "usage"
    exit_code = 2


class VaultReadOnlyError(VaultError):
    """A write to a vault opened read-only: a backup looked at (``vault.safekeeping``).

    The vault handle refuses it before anything is written (``OpenVault.check_writable``),
    and the database, opened read-only, would refuse it too.
    """

    code = "db_read_only"
    exit_code = 2

    def __init__(self) -> None:
        super().__init__(
            "This is a backup, opened to be looked at: nothing in it can be changed. "
            "Restore it (evault restore) to work with it."
        )


# --- age format -------------------------------------------------------------------------


class AgeError(VaultError):
    """Something is wrong with an age-encrypted file or key."""

    code = "age"
    exit_code = 1


class NotAgeFileError(AgeError):
    code = "age_not_age_file"


class ArmorError(AgeError):
    code = "age_armor"


class HeaderError(AgeError):
    code = "age_header"


class NoIdentityMatchError(AgeError):
    code = "age_no_match"


class WrongPassphraseError(NoIdentityMatchError):
    code = "wrong_passphrase"
    exit_code = 3


class HeaderMacError(AgeError):
    code = "age_header_mac"


class PayloadError(AgeError):
    """A payload chunk failed authentication; ``chunk`` and ``offset`` say where."""

    code = "age_payload"

    def __init__(self, message: str, *, chunk: int, offset: int) -> None:
        super().__init__(message)
        self.chunk = chunk
        self.offset = offset


class TruncatedError(PayloadError):
    code = "age_truncated"


class KeyFormatError(AgeError):
    code = "age_key_format"
    exit_code = 2
