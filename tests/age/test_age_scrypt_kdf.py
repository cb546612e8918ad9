"""scrypt as age uses it: OpenSSL through hashlib (lets go of the GIL), cryptography above 2 GiB."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from vault.age.keys import derive_scrypt


@pytest.mark.parametrize("log_n", [1, 10, 16])
def test_derive_scrypt_is_the_scrypt_of_the_cryptography_package(log_n: int) -> None:
    expected = Scrypt(salt=b"age salt", length=32, n=1 << log_n, r=8, p=1).derive(b"secret")
    assert derive_scrypt(b"secret", b"age salt", log_n) == expected
    assert derive_scrypt(b"secret", b"other salt", log_n) != expected
