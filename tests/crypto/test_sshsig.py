"""SSHSIG: ssh-keygen verifies our signatures, we verify its, and both reject the same forgeries."""

from __future__ import annotations

import base64
import random
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, cast

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_ssh_private_key

from tests.helpers import require_tool
from vault.sshsig import (
    AllowedSigner,
    AllowedSignersError,
    BadSignatureError,
    MalformedSignatureError,
    SignatureError,
    SignatureUsageError,
    UnsupportedSignatureError,
    WrongKeyError,
    WrongNamespaceError,
    allowed_signers_line,
    fingerprint,
    parse_allowed_signers,
    public_key_line,
    sign,
    verify,
)

NS = "evidence-vault"
SIZES = [0, 1, 5 * 1024 * 1024 + 7]  # the last one is read in chunks, never whole


# --- real ssh-keygen keys and runs ---------------------------------------------------------


def keygen(directory: Path, key_type: str = "ed25519") -> Path:
    key = directory / f"id_{key_type}"
    subprocess.run(
        [
            require_tool("ssh-keygen"),
            "-q",
            "-t",
            key_type,
            "-N",
            "",
            "-C",
            "case worker",
            "-f",
            key,
        ],
        check=True,
        capture_output=True,
    )
    return key


def public_of(key: Path) -> Ed25519PublicKey:
    private = load_ssh_private_key(key.read_bytes(), password=None)
    assert isinstance(private, Ed25519PrivateKey)
    return private.public_key()


@pytest.fixture(scope="module")
def cli_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return keygen(tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="module")
def our_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def message(path: Path, size: int) -> Path:
    path.write_bytes(random.Random(size).randbytes(size))
    return path


def cli_sign(key: Path, msg: Path, namespace: str = NS, *options: str) -> str:
    subprocess.run(
        ["ssh-keygen", "-Y", "sign", "-f", key, "-n", namespace, *options, msg],
        check=True,
        capture_output=True,
    )
    sig = msg.with_name(msg.name + ".sig")
    text = sig.read_text()
    sig.unlink()
    return text


def cli_verify(
    workdir: Path, allowed: str, signature: str, msg: Path, namespace: str = NS
) -> subprocess.CompletedProcess[str]:
    (workdir / "allowed_signers").write_text(allowed + "\n")
    (workdir / "file.sig").write_text(signature)
    with msg.open("rb") as stdin:
        return subprocess.run(
            [
                "ssh-keygen", "-Y", "verify", "-f", workdir / "allowed_signers",
                "-I", NS, "-n", namespace, "-s", workdir / "file.sig",
            ],
            stdin=stdin,
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip


class ChunkedReader:
    """A file object that refuses to be read whole, and remembers how it was read."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")
        self.reads: list[int] = []

    def read(self, size: int = -1) -> bytes:
        assert size is not None and size > 0, "the message was read in one piece"
        self.reads.append(size)
        return self._file.read(size)

    def close(self) -> None:
        self._file.close()


def assert_sentence(error: SignatureError) -> None:
    text = str(error)
    assert text.endswith("."), text
    assert "\n" not in text and text[0].isupper(), text


# --- keys and allowed signers as OpenSSH writes them ---------------------------------------


def test_public_key_line_and_fingerprint_equal_ssh_keygens(cli_key: Path, tmp_path: Path) -> None:
    pub = public_of(cli_key)
    assert public_key_line(pub, "case worker") + "\n" == cli_key.with_suffix(".pub").read_text()
    printed = subprocess.run(
        ["ssh-keygen", "-l", "-f", cli_key.with_suffix(".pub")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert printed[1] == fingerprint(pub)
    # And a key of ours, written by us, read by ssh-keygen.
    ours = Ed25519PrivateKey.generate().public_key()
    (tmp_path / "ours.pub").write_text(public_key_line(ours) + "\n")
    printed = subprocess.run(
        ["ssh-keygen", "-l", "-f", tmp_path / "ours.pub"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert printed[1] == fingerprint(ours)
    assert printed[-1] == "(ED25519)"


def test_allowed_signers_lines_round_trip(cli_key: Path, our_key: Ed25519PrivateKey) -> None:
    theirs, ours = public_of(cli_key), our_key.public_key()
    text = "\n".join(
        [
            "# evidence bundle signers",
            "",
            allowed_signers_line(NS, ours),
            f"{public_key_line(theirs, 'with a comment').replace('ssh-ed25519', 'a,b ssh-ed25519')}",
            "   ",
        ]
    )
    signers = parse_allowed_signers(text)
    assert [s.principal for s in signers] == [NS, "a", "b"]
    assert [fingerprint(s.key) for s in signers] == [fingerprint(k) for k in (ours, theirs, theirs)]
    assert signers[0] == AllowedSigner(NS, signers[0].key)
    assert allowed_signers_line(NS, ours) == f"{NS} {public_key_line(ours)}"


# --- interoperability, both ways -----------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_ssh_keygen_verifies_our_signature(
    size: int, our_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    msg = message(tmp_path / "SHA256SUMS", size)
    reader = ChunkedReader(msg)
    try:
        signature = sign(our_key, cast(BinaryIO, reader), NS)
    finally:
        reader.close()
    assert max(reader.reads) <= 1 << 20 and len(reader.reads) >= size // (1 << 20) + 1
    allowed = allowed_signers_line(NS, our_key.public_key())
    result = cli_verify(tmp_path, allowed, signature, msg)
    assert result.returncode == 0, result.stderr
    assert f'Good "{NS}" signature for {NS}' in result.stdout
    principals = subprocess.run(
        ["ssh-keygen", "-Y", "find-principals", "-f", tmp_path / "allowed_signers",
         "-s", tmp_path / "file.sig"],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    assert principals == [NS]
    verify(signature, msg.read_bytes(), NS, our_key.public_key())


@pytest.mark.parametrize("size", SIZES)
def test_we_verify_ssh_keygens_signature(size: int, cli_key: Path, tmp_path: Path) -> None:
    msg = message(tmp_path / "SHA256SUMS", size)
    signature = cli_sign(cli_key, msg)
    reader = ChunkedReader(msg)
    try:
        verify(signature, cast(BinaryIO, reader), NS, public_of(cli_key))
    finally:
        reader.close()
    assert max(reader.reads) <= 1 << 20
    verify(signature.encode(), msg.read_bytes(), NS, public_of(cli_key))


def test_our_signature_is_byte_for_byte_ssh_keygens(cli_key: Path, tmp_path: Path) -> None:
    # Ed25519 is deterministic: with ssh-keygen's own key the two files must be equal.
    msg = message(tmp_path / "SHA256SUMS", 1000)
    private = load_ssh_private_key(cli_key.read_bytes(), password=None)
    assert isinstance(private, Ed25519PrivateKey)
    assert sign(private, msg.read_bytes(), NS) == cli_sign(cli_key, msg)


def test_we_verify_ssh_keygens_sha256_signatures(cli_key: Path, tmp_path: Path) -> None:
    msg = message(tmp_path / "SHA256SUMS", 333)
    signature = cli_sign(cli_key, msg, NS, "-O", "hashalg=sha256")
    assert b"sha256" in base64.b64decode("".join(signature.splitlines()[1:-1]))
    verify(signature, msg.read_bytes(), NS, public_of(cli_key))


# --- forgeries: both tools refuse, and we say which ----------------------------------------


def test_wrong_namespace_is_refused_by_both(
    our_key: Ed25519PrivateKey, cli_key: Path, tmp_path: Path
) -> None:
    msg = message(tmp_path / "SHA256SUMS", 100)
    ours = sign(our_key, msg.read_bytes(), "file")
    result = cli_verify(tmp_path, allowed_signers_line(NS, our_key.public_key()), ours, msg)
    assert result.returncode != 0
    with pytest.raises(WrongNamespaceError) as caught:
        verify(ours, msg.read_bytes(), NS, our_key.public_key())
    assert (
        str(caught.value)
        == "The signature was made for the namespace 'file', not 'evidence-vault'."
    )
    with pytest.raises(WrongNamespaceError):
        verify(cli_sign(cli_key, msg, "git"), msg.read_bytes(), NS, public_of(cli_key))


def test_altered_message_is_refused_by_both(
    our_key: Ed25519PrivateKey, cli_key: Path, tmp_path: Path
) -> None:
    msg = message(tmp_path / "SHA256SUMS", 4096)
    ours, theirs = sign(our_key, msg.read_bytes(), NS), cli_sign(cli_key, msg)
    altered = bytearray(msg.read_bytes())
    altered[2048] ^= 0x20
    msg.write_bytes(bytes(altered))
    result = cli_verify(tmp_path, allowed_signers_line(NS, our_key.public_key()), ours, msg)
    assert result.returncode != 0
    for signature, key in ((ours, our_key.public_key()), (theirs, public_of(cli_key))):
        with pytest.raises(BadSignatureError) as caught:
            verify(signature, bytes(altered), NS, key)
        assert_sentence(caught.value)
    with pytest.raises(BadSignatureError):
        verify(ours, msg.read_bytes() + b"\n", NS, our_key.public_key())


def test_other_key_is_refused_by_both(
    our_key: Ed25519PrivateKey, cli_key: Path, tmp_path: Path
) -> None:
    msg = message(tmp_path / "SHA256SUMS", 100)
    ours = sign(our_key, msg.read_bytes(), NS)
    someone_else = Ed25519PrivateKey.generate().public_key()
    result = cli_verify(tmp_path, allowed_signers_line(NS, someone_else), ours, msg)
    assert result.returncode != 0
    with pytest.raises(WrongKeyError) as caught:
        verify(ours, msg.read_bytes(), NS, someone_else)
    assert fingerprint(our_key.public_key()) in str(caught.value)
    assert fingerprint(someone_else) in str(caught.value)
    with pytest.raises(WrongKeyError):
        verify(cli_sign(cli_key, msg), msg.read_bytes(), NS, our_key.public_key())


def test_tampered_signature_bytes_are_refused_by_both(
    our_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    msg = message(tmp_path / "SHA256SUMS", 100)
    blob = bytearray(armor_body(sign(our_key, msg.read_bytes(), NS)))
    blob[-10] ^= 0x01  # inside the 64-byte Ed25519 signature at the end of the blob
    forged = armor(bytes(blob))
    result = cli_verify(tmp_path, allowed_signers_line(NS, our_key.public_key()), forged, msg)
    assert result.returncode != 0
    with pytest.raises(BadSignatureError):
        verify(forged, msg.read_bytes(), NS, our_key.public_key())


def test_a_signature_from_another_key_type_is_unsupported(tmp_path: Path) -> None:
    ecdsa = keygen(tmp_path, "ecdsa")
    msg = message(tmp_path / "SHA256SUMS", 10)
    with pytest.raises(UnsupportedSignatureError) as caught:
        verify(
            cli_sign(ecdsa, msg), msg.read_bytes(), NS, Ed25519PrivateKey.generate().public_key()
        )
    assert str(caught.value) == (
        "The SSH signature was made with a key of type ecdsa-sha2-nistp256; "
        "only ssh-ed25519 keys are supported."
    )


# --- armor and blob parsing: same verdict as ssh-keygen ------------------------------------


def armor_body(signature: str) -> bytes:
    return base64.b64decode("".join(signature.splitlines()[1:-1]))


def armor(blob: bytes, width: int = 70) -> str:
    body = base64.b64encode(blob).decode()
    lines = [body[i : i + width] for i in range(0, len(body), width)]
    return (
        "\n".join(["-----BEGIN SSH SIGNATURE-----", *lines, "-----END SSH SIGNATURE-----"]) + "\n"
    )


def string(value: bytes) -> bytes:
    return len(value).to_bytes(4, "big") + value


def loosen_body(signature: str) -> str:
    head, *body, foot, end = signature.split("\n")
    return "\n".join([head, *(f"{line}  \n" for line in body), foot, end])


ARMOR_VARIANTS_BOTH_ACCEPT: dict[str, Callable[[str], str]] = {
    "no final newline": lambda s: s.rstrip("\n"),
    "blank lines after": lambda s: s + "\n\n",
    "text after the END line": lambda s: s + "this line is ignored\n",
    "76 columns": lambda s: armor(armor_body(s), 76),
    "one long line": lambda s: armor(armor_body(s), 10_000),
    "spaces and blank lines in the body": loosen_body,
}
ARMOR_VARIANTS_BOTH_REFUSE: dict[str, Callable[[str], str]] = {
    "blank line before": lambda s: "\n" + s,
    "space after the BEGIN line": lambda s: s.replace("-----\n", "----- \n", 1),
    "no header": lambda s: s.split("\n", 1)[1],
    "no footer": lambda s: s.rsplit("-----END", 1)[0],
    "empty body": lambda s: "-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n",
    "not base64": lambda s: s.replace("U1NIU0lH", "U1NIU0l*"),
    "cut in half": lambda s: armor(armor_body(s)[:60]),
    "extra bytes": lambda s: armor(armor_body(s) + b"\x00"),
    "other magic": lambda s: armor(b"SSHSIH" + armor_body(s)[6:]),
    "just text": lambda s: "hello\n",
}


@pytest.mark.parametrize("variant", ARMOR_VARIANTS_BOTH_ACCEPT)
def test_armor_variants_ssh_keygen_accepts_are_accepted(
    variant: str, our_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    msg = message(tmp_path / "SHA256SUMS", 50)
    text = ARMOR_VARIANTS_BOTH_ACCEPT[variant](sign(our_key, msg.read_bytes(), NS))
    result = cli_verify(tmp_path, allowed_signers_line(NS, our_key.public_key()), text, msg)
    assert result.returncode == 0, result.stderr
    verify(text, msg.read_bytes(), NS, our_key.public_key())


@pytest.mark.parametrize("variant", ARMOR_VARIANTS_BOTH_REFUSE)
def test_armor_variants_ssh_keygen_refuses_are_malformed(
    variant: str, our_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    msg = message(tmp_path / "SHA256SUMS", 50)
    text = ARMOR_VARIANTS_BOTH_REFUSE[variant](sign(our_key, msg.read_bytes(), NS))
    result = cli_verify(tmp_path, allowed_signers_line(NS, our_key.public_key()), text, msg)
    assert result.returncode != 0
    with pytest.raises(MalformedSignatureError) as caught:
        verify(text, msg.read_bytes(), NS, our_key.public_key())
    assert_sentence(caught.value)


def test_unknown_versions_and_hashes_are_unsupported(our_key: Ed25519PrivateKey) -> None:
    blob = armor_body(sign(our_key, b"x", NS))
    version_2 = blob[:6] + (2).to_bytes(4, "big") + blob[10:]
    with pytest.raises(UnsupportedSignatureError, match="format version 2"):
        verify(armor(version_2), b"x", NS, our_key.public_key())
    md5 = blob.replace(string(b"sha512"), string(b"md5"))
    with pytest.raises(UnsupportedSignatureError, match="'md5'"):
        verify(armor(md5), b"x", NS, our_key.public_key())


def test_hostile_signature_files_are_refused_before_reading_the_message(
    our_key: Ed25519PrivateKey,
) -> None:
    class Unreadable:
        def read(self, size: int = -1) -> bytes:
            raise AssertionError("the message was read for a signature that cannot be valid")

    pub = our_key.public_key()
    never = cast(BinaryIO, Unreadable())
    for text in ("A" * 20_000, b"\xff\xfe" + b"A" * 100):
        with pytest.raises(MalformedSignatureError):
            verify(text, never, NS, pub)
    blob = armor_body(sign(our_key, b"x", NS))
    huge_length = blob[:10] + (2**31).to_bytes(4, "big") + blob[14:]
    with pytest.raises(MalformedSignatureError, match="ends too early"):
        verify(armor(huge_length), never, NS, pub)
    with pytest.raises(WrongNamespaceError):
        verify(sign(our_key, b"x", "other"), never, NS, pub)


# --- allowed_signers: the plain form only, anything else said clearly ----------------------


def test_allowed_signers_with_options_or_patterns_are_refused(
    our_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    key = public_key_line(our_key.public_key())
    ecdsa_line = keygen(tmp_path, "ecdsa").with_suffix(".pub").read_text().strip()
    cases = {
        f'{NS} namespaces="evidence-vault" {key}': "options are not supported",
        f"{NS} cert-authority {key}": "options are not supported",
        f"*@example.org {key}": "patterns are not supported",
        f'"{NS}" {key}': "patterns are not supported",
        f'"evidence vault" {key}': "quoted principals",
        f"{NS},,x {key}": "patterns are not supported",
        f"{NS} {ecdsa_line}": "key of type ecdsa-sha2-nistp256",
        f"{NS} ssh-ed25519": "needs a principal, a key type and a key",
        f"{NS} ssh-ed25519 AAAA!!!!": "damaged key",
        f"{NS} ssh-ed25519 {base64.b64encode(string(b'ssh-ed25519') + string(b'1' * 31)).decode()}": (
            "damaged key"
        ),
        f"{NS} ssh-ed25519 {base64.b64encode(string(b'ssh-ed25519')).decode()}": "damaged key",
    }
    for line, reason in cases.items():
        with pytest.raises(AllowedSignersError) as caught:
            parse_allowed_signers(f"# first line\n{line}\n")
        assert reason in str(caught.value), line
        assert str(caught.value).startswith("Line 2 of the allowed signers list")
        assert_sentence(caught.value)


def test_what_cannot_be_written_is_a_usage_error(our_key: Ed25519PrivateKey) -> None:
    pub = our_key.public_key()
    for bad in ("", "two words", "a,b", "*", '"quoted"', "#comment"):
        with pytest.raises(SignatureUsageError):
            allowed_signers_line(bad, pub)
    with pytest.raises(SignatureUsageError):
        public_key_line(pub, "line one\nline two")
    for namespace in ("", "new\nline"):
        with pytest.raises(SignatureUsageError) as caught:
            sign(our_key, b"x", namespace)
        assert caught.value.exit_code == 2
        assert_sentence(caught.value)


def test_crlf_armour_is_accepted(our_key: Ed25519PrivateKey, tmp_path: Path) -> None:
    # OpenSSH 10 accepts CRLF armour and 9.2 refused it: only our side is asserted.
    msg = message(tmp_path / "SHA256SUMS", 50)
    text = sign(our_key, msg.read_bytes(), NS).replace("\n", "\r\n")
    verify(text, msg.read_bytes(), NS, our_key.public_key())
    verify(text.encode("ascii"), msg.read_bytes(), NS, our_key.public_key())


def test_crlf_allowed_signers_are_read(our_key: Ed25519PrivateKey) -> None:
    pub = our_key.public_key()
    text = f"# signers\r\n{allowed_signers_line(NS, pub)}\r\n\r\n"
    signers = parse_allowed_signers(text)
    assert [(s.principal, fingerprint(s.key)) for s in signers] == [(NS, fingerprint(pub))]
