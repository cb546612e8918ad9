"""Forgotten passphrase: unlock with the recovery key and set a new one; change the
passphrase and show the recovery key again only after the passphrase is typed again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from vault import errors
from vault.custody import ledger
from vault.handle import (
    OpenVault,
    change_passphrase,
    create_vault,
    show_recovery_key,
    unlock_vault,
    unlock_with_recovery_key,
)
from vault.keys import RecoveryKeyFormatError, RecoveryKeyMismatchError, parse_recovery_key
from vault.lenders import add_lender, list_lenders

NEW = "a brand new passphrase 2027"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, str]:
    """A closed vault holding one lender, and its recovery text as shown at creation."""
    folder = tmp_path / "vault"
    vault, text = create_vault(folder, PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    add_lender(vault, "微粒贷")
    vault.lock()
    return folder, text


def _secret_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("AGE-SECRET-KEY-1"))


def test_recovery_key_unlocks_and_sets_a_new_passphrase(made: tuple[Path, str]) -> None:
    folder, text = made
    with unlock_with_recovery_key(folder, _secret_line(text), NEW) as vault:
        assert [lender.name for lender in list_lenders(vault)] == ["微粒贷"]
        with vault.sessions() as session:
            last = list(ledger.iter_events(session))[-1]
        assert (last.action, last.payload) == ("passphrase_changed", {"with": "recovery_key"})
    with pytest.raises(errors.WrongPassphraseError):
        unlock_vault(folder, PASSPHRASE)
    unlock_vault(folder, NEW).lock()
    assert not list(folder.glob(".*.tmp"))


@pytest.mark.parametrize(
    "mangle",
    [
        lambda key: key,
        lambda key: key.lower(),  # typed in lower case
        lambda key: "  " + key[:30] + "\n" + key[30:] + "  \n",  # wrapped by a viewer
        lambda key: key.replace("-", "", 1),  # a PDF copy that dropped a hyphen
        lambda key: key.replace("-", "\u2010"),  # dashes a word processor "improved"
        lambda key: " ".join(key[i : i + 4] for i in range(0, len(key), 4)),  # grouped
        lambda key: "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in key),  # 全角
    ],
)
def test_the_key_is_read_back_as_people_type_it(made: tuple[Path, str], mangle) -> None:  # type: ignore[no-untyped-def]
    _, text = made
    line = _secret_line(text)
    assert parse_recovery_key(mangle(line)).to_string() == line
    assert parse_recovery_key(text).to_string() == line  # the whole identity file too


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", RecoveryKeyFormatError),
        ("correct horse battery staple", RecoveryKeyFormatError),
        ("age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", RecoveryKeyFormatError),
    ],
)
def test_a_wrong_key_says_so_and_leaves_the_vault_as_it_was(
    made: tuple[Path, str], typed: str, error: type[Exception]
) -> None:
    folder, _ = made
    before = _snapshot(folder)
    with pytest.raises(error):
        unlock_with_recovery_key(folder, typed, NEW)
    assert _snapshot(folder) == before
    unlock_vault(folder, PASSPHRASE).lock()


def test_a_typo_and_another_vaults_key_are_refused(made: tuple[Path, str], tmp_path: Path) -> None:
    folder, text = made
    line = _secret_line(text)
    swapped = line[:-8] + ("Q" if line[-8] != "Q" else "P") + line[-7:]
    other, other_text = create_vault(tmp_path / "other", "x y z w", work_factor=FAST_WORK_FACTOR)
    other.lock()
    before = _snapshot(folder)
    with pytest.raises(RecoveryKeyFormatError, match="typo"):
        unlock_with_recovery_key(folder, swapped, NEW)
    with pytest.raises(RecoveryKeyMismatchError):
        unlock_with_recovery_key(folder, _secret_line(other_text), NEW)
    with pytest.raises(errors.VaultError):
        unlock_with_recovery_key(folder, line, "")
    assert _snapshot(folder) == before


def test_the_recovery_key_restores_a_lost_identity_file(made: tuple[Path, str]) -> None:
    folder, text = made
    os.unlink(folder / "identity.age")
    unlock_with_recovery_key(folder, _secret_line(text), NEW).lock()
    unlock_vault(folder, NEW).lock()


def test_change_and_show_need_the_current_passphrase(made: tuple[Path, str]) -> None:
    folder, text = made
    vault: OpenVault = unlock_vault(folder, PASSPHRASE)
    try:
        identity = (folder / "identity.age").read_bytes()
        with pytest.raises(errors.WrongPassphraseError):
            show_recovery_key(vault, "not it")
        with pytest.raises(errors.WrongPassphraseError):
            change_passphrase(vault, "not it", NEW, work_factor=FAST_WORK_FACTOR)
        assert (folder / "identity.age").read_bytes() == identity
        shown = show_recovery_key(vault, PASSPHRASE)
        assert shown.secret_key == _secret_line(text)
        assert shown.recipient == vault.info.recipient
        assert shown.secret_key not in repr(shown)
        change_passphrase(vault, PASSPHRASE, NEW, work_factor=FAST_WORK_FACTOR)
    finally:
        vault.lock()
    unlock_vault(folder, NEW).lock()


def test_the_command_line_recovers_too(
    made: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from vault.cli import main  # noqa: PLC0415 - the CLI entry point, as evault runs it

    folder, text = made
    key_file, new_file = tmp_path / "key.txt", tmp_path / "new.txt"
    new_file.write_text(NEW + "\n")
    key_file.write_text("AGE-SECRET-KEY-1" + "Q" * 58 + "\n")
    before = _snapshot(folder)
    argv = ["recover", "--vault", str(folder), "--recovery-key-file", str(key_file),
            "--new-passphrase-file", str(new_file)]  # fmt: skip
    assert main(argv) == 3, "a wrong key exits as a wrong passphrase does"
    assert "recovery key" in capsys.readouterr().err
    assert _snapshot(folder) == before
    key_file.write_text(text)  # the whole identity file, as age writes it
    assert main(argv) == 0
    assert "new passphrase" in capsys.readouterr().out
    unlock_vault(folder, NEW).lock()
