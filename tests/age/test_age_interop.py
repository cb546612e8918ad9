"""The age CLI decrypts our files and we decrypt its files, binary and armored."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import require_tool
from vault.age import (
    AgeReader,
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
    decrypt,
    encrypt,
    parse_identity_file,
)

SIZES = [0, 1, 65535, 65536, 65537, 3 * 65536, 5 * 1024 * 1024 + 123]


@pytest.fixture(scope="module")
def cli_key(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An identity made by age-keygen, and its recipient as age-keygen prints it."""
    path = tmp_path_factory.mktemp("keys") / "key.txt"
    subprocess.run([require_tool("age-keygen"), "-o", str(path)], check=True, capture_output=True)
    recipient = subprocess.run(
        ["age-keygen", "-y", str(path)], check=True, capture_output=True, text=True
    ).stdout.strip()
    return path, recipient


def test_our_recipient_string_equals_age_keygen(cli_key: tuple[Path, str]) -> None:
    path, recipient = cli_key
    (identity,) = parse_identity_file(path.read_text())
    assert str(identity.recipient()) == recipient
    assert X25519Recipient.parse(recipient) == identity.recipient()


def test_age_keygen_reads_our_identity(tmp_path: Path) -> None:
    identity = X25519Identity.generate()
    key = tmp_path / "ours.txt"
    key.write_text(f"# created by a test\n{identity.to_string()}\n")
    out = subprocess.run(
        [require_tool("age-keygen"), "-y", str(key)], check=True, capture_output=True, text=True
    )
    assert out.stdout.strip() == str(identity.recipient())


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
@pytest.mark.parametrize("size", SIZES)
def test_age_cli_decrypts_our_file(
    tmp_path: Path, cli_key: tuple[Path, str], size: int, armor: bool
) -> None:
    key, recipient = cli_key
    plain = os.urandom(size)
    encrypted = tmp_path / "ours.age"
    with encrypted.open("wb") as dst:
        assert (
            encrypt(io.BytesIO(plain), dst, [X25519Recipient.parse(recipient)], armor=armor) == size
        )
    out = subprocess.run(
        [require_tool("age"), "-d", "-i", str(key), str(encrypted)], check=True, capture_output=True
    )
    assert out.stdout == plain


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
@pytest.mark.parametrize("size", SIZES)
def test_we_decrypt_age_cli_file(
    tmp_path: Path, cli_key: tuple[Path, str], size: int, armor: bool
) -> None:
    key, recipient = cli_key
    plain = os.urandom(size)
    source = tmp_path / "plain.bin"
    source.write_bytes(plain)
    encrypted = tmp_path / "theirs.age"
    subprocess.run(
        [
            require_tool("age"),
            "-r",
            recipient,
            *(["-a"] if armor else []),
            "-o",
            str(encrypted),
            str(source),
        ],
        check=True,
    )
    identities = parse_identity_file(key.read_text())
    out = io.BytesIO()
    with encrypted.open("rb") as src:
        assert decrypt(src, out, identities) == size
    assert out.getvalue() == plain
    if not armor:
        with AgeReader(encrypted, identities) as reader:
            assert reader.size == size
            assert reader.read() == plain


def _age_on_a_terminal(args: list[str], typed: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``age`` with ``typed`` answering its passphrase prompt on a pseudo-terminal.

    age reads passphrases from /dev/tty only; util-linux ``script`` gives it one.
    """
    command = " ".join(f"'{a}'" for a in [require_tool("age"), *args])
    return subprocess.run(
        [require_tool("script"), "-qec", command, "/dev/null"],
        input=typed.encode(),
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_age_cli_decrypts_our_passphrase_file(tmp_path: Path) -> None:
    encrypted, out = tmp_path / "secret.age", tmp_path / "secret.txt"
    with encrypted.open("wb") as dst:
        encrypt(
            io.BytesIO(b"AGE-SECRET-KEY-1 example"), dst, [ScryptRecipient(b"correct horse", 12)]
        )
    result = _age_on_a_terminal(["-d", "-o", str(out), str(encrypted)], "correct horse\n")
    assert result.returncode == 0, result.stdout
    assert out.read_bytes() == b"AGE-SECRET-KEY-1 example"


def test_we_decrypt_age_cli_passphrase_file(tmp_path: Path) -> None:
    source, encrypted = tmp_path / "plain.txt", tmp_path / "theirs.age"
    source.write_bytes(b"from the age CLI")
    result = _age_on_a_terminal(["-p", "-o", str(encrypted), str(source)], "hunter22\nhunter22\n")
    assert result.returncode == 0, result.stdout
    out = io.BytesIO()
    with encrypted.open("rb") as src:
        decrypt(src, out, [ScryptIdentity(b"hunter22")])
    assert out.getvalue() == b"from the age CLI"
