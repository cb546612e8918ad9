"""What every ``evault`` command shares: the passphrase, opening the vault, output, dates.

The passphrase comes from ``--passphrase-file`` (its first line, UTF-8), then
``EVAULT_PASSPHRASE``, then a prompt, which is offered only on a terminal: a script
without one gets a usage error, never a hang. The vault is ``--vault``, else the folder
in ``EVAULT_VAULT``, else the window's own vault (:mod:`vault.location`). ``--json`` output is the DTOs' JSON form,
UTF-8 and indented. Dates are ``YYYY-MM-DD`` and times ISO 8601; anything else is a
usage error naming the option.

Every option and positional has a help text (a test walks the parser for any without);
the shared ones are added here (``--vault``, ``--json``, ``--from``/``--to``). This
module is imported to build the parser, so it imports nothing heavy at the top: the
vault handle is loaded when a command opens a vault, and where the default vault is
(platformdirs) only when it is used or help is printed.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.errors import UsageError
from vault.location import VAULT_ENV

if TYPE_CHECKING:
    from vault.handle import OpenVault

PASSPHRASE_ENV = "EVAULT_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)
NEW_PASSPHRASE_ENV = "EVAULT_NEW_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)
DEFAULT_VAULT = "{the window's vault}"  # in a help text: the path, filled in when shown

# What a shell completes for an option's value (see vault.cli.completion).
FOLDER = "folder"
FILE = "file"


class PassphraseMissingError(UsageError):
    code = "passphrase_missing"


def passphrase(
    args: argparse.Namespace, *, confirm: bool = False, prompt: str = "Passphrase"
) -> str:
    """The vault's passphrase, from ``--passphrase-file``, the environment or a prompt."""
    if getattr(args, "passphrase_file", None):
        return read_passphrase_file(args.passphrase_file, "--passphrase-file")
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise PassphraseMissingError(
            f"No passphrase given: use --passphrase-file or {PASSPHRASE_ENV}."
        )
    return _prompt(prompt, confirm=confirm)


def new_passphrase(args: argparse.Namespace) -> str:
    """The passphrase ``passwd`` sets, from its own file, variable or a confirmed prompt."""
    if args.new_passphrase_file:
        return read_passphrase_file(args.new_passphrase_file, "--new-passphrase-file")
    if os.environ.get(NEW_PASSPHRASE_ENV):
        return os.environ[NEW_PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise PassphraseMissingError(
            f"No new passphrase given: use --new-passphrase-file or {NEW_PASSPHRASE_ENV}."
        )
    return _prompt("New passphrase", confirm=True)


def _prompt(prompt: str, *, confirm: bool) -> str:
    first = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"{prompt} (again): ") != first:
        raise UsageError("The two passphrases differ.")
    return first


def read_passphrase_file(name: str, option: str) -> str:
    """The first line of ``name``; a file that is not UTF-8 text is a usage error."""
    raw = Path(name).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(
            f"The file given with {option} is not UTF-8 text; save it as UTF-8."
        ) from None
    return text.removeprefix("\ufeff").rstrip("\r\n")


def begin_unlock(args: argparse.Namespace) -> None:
    """Start deriving the key of the vault named by ``--vault`` before the command loads.

    :func:`main` calls this for every command that unlocks a vault: the passphrase is
    read now, and scrypt (about a second, by design) runs in a thread while the command's
    modules load, so the command's fixed cost is scrypt's and little more. The process is
    hardened first, before any secret is in its memory.
    """
    from vault import hardening  # noqa: PLC0415 - loaded only by vault commands
    from vault.keys import IdentityReader  # noqa: PLC0415
    from vault.lock import BUSY, VaultBusyError, is_busy  # noqa: PLC0415

    if getattr(args, "writes", True) and is_busy(Path(args.vault)):
        raise VaultBusyError(BUSY)  # said before a passphrase is asked for in vain
    hardening.protect_process()
    args.unlocking = IdentityReader(Path(args.vault), passphrase(args))


def open_vault(args: argparse.Namespace) -> OpenVault:
    """Unlock the vault named by ``--vault`` (the vault modules load here, not at start).

    A command that changes the vault (``writes``, the default) holds the vault's lock
    while it runs, so it is refused with one sentence while the window or another
    writing command has the vault; a command that only reads works beside them.
    """
    from vault.handle import unlock_vault  # noqa: PLC0415 - loaded only by vault commands

    return unlock_vault(
        Path(args.vault),
        getattr(args, "unlocking", None) or passphrase(args),
        exclusive=getattr(args, "writes", True),
    )


def emit(data: Any) -> None:
    """Print ``data`` as the JSON the ``--json`` option promises."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def day(text: str | None, what: str) -> date | None:
    """``YYYY-MM-DD`` as a date (None stays None); ``what`` names it in the error."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"The {what} date {text!r} is not in the form YYYY-MM-DD.") from None


def moment(text: str | None, option: str) -> datetime | None:
    """An ISO 8601 time given with ``option`` (None stays None)."""
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option} {text!r} is not a time in the form 2024-03-15T21:30 (ISO 8601)."
        ) from None


def shown_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name as printable text: bytes that are not UTF-8 appear as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


class HelpFormatter(argparse.HelpFormatter):
    """Help with :data:`DEFAULT_VAULT` replaced by the default vault's path, worked out
    only when help is printed."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = super()._get_help_string(action)
        if text and DEFAULT_VAULT in text:  # argparse then expands %-forms: escape the path
            text = text.replace(DEFAULT_VAULT, _default_vault_text().replace("%", "%%"))
        return text

    def _format_text(self, text: str) -> str:
        if DEFAULT_VAULT in text:
            text = text.replace(DEFAULT_VAULT, _default_vault_text())
        return super()._format_text(text)


def _default_vault_text() -> str:
    from vault.location import default_vault_path  # noqa: PLC0415 - only for help

    return str(default_vault_path())


def resolve_vault(args: argparse.Namespace) -> None:
    """Fill in ``args.vault`` for a command on a vault that was given no ``--vault``."""
    if getattr(args, "vault_needed", False):
        from vault.location import vault_folder  # noqa: PLC0415 - platformdirs when needed

        args.vault = str(vault_folder(args.vault))


def completes(action: argparse.Action, kind: str) -> argparse.Action:
    """Mark ``action``'s value as a :data:`FOLDER` or a :data:`FILE` for shell completion."""
    action.complete_kind = kind  # type: ignore[attr-defined]
    return action


def json_option(sub: argparse.ArgumentParser) -> None:
    """``--json``: the result as JSON (:func:`emit`) instead of lines of text."""
    sub.add_argument(
        "--json", action="store_true", help="print the result as JSON (UTF-8) instead of text"
    )


def date_options(sub: argparse.ArgumentParser, what: str) -> None:
    """``--from``/``--to``: a range of local days (the vault's time zone), both included."""
    sub.add_argument(
        "--from",
        dest="date_from",
        metavar="YYYY-MM-DD",
        help=f"only {what} on or after this day (in the vault's time zone)",
    )
    sub.add_argument(
        "--to",
        dest="date_to",
        metavar="YYYY-MM-DD",
        help=f"only {what} on or before this day",
    )


Handler = Callable[[argparse.Namespace], int]


class CommandTree:
    """The ``evault`` sub-commands, added by each command module's ``add_commands``.

    A handler is only named here; what it runs is imported when it runs, so building the
    whole tree (for ``--help``, or to pick one command) loads no vault module.
    """

    def __init__(self, commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        self._commands = commands

    def command(
        self,
        name: str,
        help_text: str,
        handler: Handler,
        *,
        unlocks: bool = True,
        writes: bool = True,
    ) -> argparse.ArgumentParser:
        """``evault NAME --vault DIR …``; ``unlocks``: the handler opens that vault;
        ``writes``: it changes the vault, so it holds the vault's lock (``open_vault``)."""
        return with_vault(self.plain(name, help_text, handler), unlocks=unlocks, writes=writes)

    def plain(self, name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        """``evault NAME …`` with no vault (``verify``, ``gui``)."""
        sub = self._commands.add_parser(
            name, help=help_text, description=help_text, formatter_class=HelpFormatter
        )
        sub.set_defaults(handler=handler)
        return sub

    def actions(self, name: str, help_text: str) -> Callable[..., argparse.ArgumentParser]:
        """A command whose actions are sub-commands: ``evault NAME ACTION --vault DIR …``."""
        group = self._commands.add_parser(
            name, help=help_text, description=help_text, formatter_class=HelpFormatter
        )
        subs = group.add_subparsers(
            dest="action", metavar="ACTION", required=True, help="what to do"
        )

        def action(
            verb: str, text: str, handler: Handler, *, writes: bool = True
        ) -> argparse.ArgumentParser:
            sub = subs.add_parser(verb, help=text, description=text, formatter_class=HelpFormatter)
            sub.set_defaults(handler=handler)
            return with_vault(sub, writes=writes)

        return action


def with_vault(
    sub: argparse.ArgumentParser, *, unlocks: bool = True, writes: bool = True
) -> argparse.ArgumentParser:
    sub.set_defaults(unlocks=unlocks, writes=writes, vault_needed=True)
    completes(
        sub.add_argument(
            "--vault",
            metavar="DIR",
            help=f"the vault folder (default: ${VAULT_ENV}, else {DEFAULT_VAULT})",
        ),
        FOLDER,
    )
    completes(
        sub.add_argument(
            "--passphrase-file",
            metavar="FILE",
            help=f"read the passphrase from this file (or set {PASSPHRASE_ENV})",
        ),
        FILE,
    )
    return sub
