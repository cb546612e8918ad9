"""Key strings, armor and writer edge cases."""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vault import errors
from vault.age import (
    AgeWriter,
    Recipient,
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
    bech32,
    decrypt,
    encrypt,
    parse_identity_file,
)
from vault.age.armor import ArmorReader, ArmorWriter


def test_identity_string_round_trip() -> None:
    identity = X25519Identity.generate()
    text = identity.to_string()
    assert text.startswith("AGE-SECRET-KEY-1") and text == text.upper()
    assert X25519Identity.parse(text).secret_bytes() == identity.secret_bytes()
    assert str(identity.recipient()).startswith("age1")


def test_a_mistyped_key_is_refused_with_a_clear_error() -> None:
    text = str(X25519Identity.generate().recipient())
    typo = text[:10] + ("q" if text[10] != "q" else "p") + text[11:]
    with pytest.raises(errors.KeyFormatError, match="checksum"):
        X25519Recipient.parse(typo)
    with pytest.raises(errors.KeyFormatError, match="mixes"):
        X25519Recipient.parse(text[:6] + text[6:].upper())
    with pytest.raises(errors.KeyFormatError):
        X25519Identity.parse(text)  # a recipient is not an identity


def test_identity_file_with_comments_and_bad_lines() -> None:
    identity = X25519Identity.generate()
    parsed = parse_identity_file(f"# created: now\n\n{identity.to_string()}\n")
    assert parsed[0].secret_bytes() == identity.secret_bytes()
    with pytest.raises(errors.KeyFormatError, match="Line 2"):
        parse_identity_file(f"{identity.to_string()}\nnot a key\n")
    with pytest.raises(errors.KeyFormatError):
        parse_identity_file("# only a comment\n")


@given(st.binary(max_size=200))
def test_bech32_round_trip(data: bytes) -> None:
    assert bech32.decode(bech32.encode("age", data)) == ("age", data)


@settings(max_examples=60)
@given(st.binary(max_size=5000), st.integers(1, 300))
def test_armor_round_trip_in_any_write_sizes(data: bytes, step: int) -> None:
    out = io.BytesIO()
    writer = ArmorWriter(out)
    for i in range(0, len(data), step):
        writer.write(data[i : i + step])
    writer.close()
    lines = out.getvalue().split(b"\n")
    assert all(len(line) <= 64 for line in lines)
    assert ArmorReader(io.BytesIO(out.getvalue())).read() == data


def test_wrong_passphrase_has_its_own_error() -> None:
    out = io.BytesIO()
    encrypt(io.BytesIO(b"x"), out, [ScryptRecipient(b"right", 10)])
    with pytest.raises(errors.WrongPassphraseError) as caught:
        decrypt(io.BytesIO(out.getvalue()), io.BytesIO(), [ScryptIdentity(b"wrong")])
    assert caught.value.exit_code == 3


def test_scrypt_work_factor_above_the_cap_is_refused_before_any_work() -> None:
    out = io.BytesIO()
    encrypt(io.BytesIO(b"x"), out, [ScryptRecipient(b"pw", 10)])
    with pytest.raises(errors.HeaderError, match="work factor"):
        decrypt(
            io.BytesIO(out.getvalue()), io.BytesIO(), [ScryptIdentity(b"pw", max_work_factor=9)]
        )


def test_passphrase_cannot_be_mixed_with_other_recipients() -> None:
    recipients: list[Recipient] = [
        ScryptRecipient(b"pw", 10),
        X25519Identity.generate().recipient(),
    ]
    with pytest.raises(errors.UsageError):
        AgeWriter(io.BytesIO(), recipients)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 1_200_000), max_size=6), st.booleans())
def test_writer_output_is_the_same_for_any_split_of_writes(sizes: list[int], threads: bool) -> None:
    identity = X25519Identity.generate()
    plain = os.urandom(sum(sizes))
    out = io.BytesIO()
    with AgeWriter(out, [identity.recipient()], threads=threads) as writer:
        position = 0
        for size in sizes:
            writer.write(plain[position : position + size])
            position += size
    back = io.BytesIO()
    decrypt(io.BytesIO(out.getvalue()), back, [identity])
    assert back.getvalue() == plain


def test_write_from_reports_each_batch_once_in_order() -> None:
    identity = X25519Identity.generate()
    plain = os.urandom(5 * 1024 * 1024 + 3)
    seen = bytearray()
    out = io.BytesIO()
    size = encrypt(io.BytesIO(plain), out, [identity.recipient()], observe=seen.extend)
    assert size == len(plain) and bytes(seen) == plain
