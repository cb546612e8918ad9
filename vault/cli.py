"""``evault``: the command-line interface, a thin layer over the core (DESIGN.md §7).

Passphrases come from ``--passphrase-file``, ``EVAULT_PASSPHRASE`` or a prompt (only
on a terminal). Every action is a real sub-command (``evault lender add``), so options go
before or after positionals. Errors are one sentence on stderr and an exit code (0 ok,
1 integrity failure, 2 usage or bad input, 3 wrong passphrase), never a traceback: an
unexpected failure is one sentence, the path of the log file holding its details, and
exit code 70 (``EX_SOFTWARE``).
"""

from __future__ import annotations

import argparse
import getpass
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from vault import __version__
from vault.analysis.commands import add_commands as add_case_commands
from vault.bundle.commands import add_commands as add_bundle_commands
from vault.check import check_vault
from vault.dto import ImportStatus
from vault.errors import UsageError, VaultError
from vault.handle import OpenVault, create_vault, unlock_vault
from vault.importing import import_paths
from vault.items import get_item, item_history, list_items
from vault.lenders import add_lender, add_lender_numbers, list_lenders
from vault.logfile import start_file_log
from vault.notes import add_note
from vault.tsa.commands import add_commands as add_time_commands

logger = logging.getLogger(__name__)

PASSPHRASE_ENV = "EVAULT_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)
EXIT_UNEXPECTED = 70  # EX_SOFTWARE: a fault of ours, distinct from 1 (integrity)


class PassphraseMissingError(UsageError):
    code = "passphrase_missing"


class FeatureMissingError(UsageError):
    code = "feature_missing"


ActionFn = Callable[[str, str, Any], argparse.ArgumentParser]


@dataclass(frozen=True)
class Extensions:
    """What the installed ``evault`` adds on top of the core: the parts that need Qt.

    ``ui.cli`` fills these in; the core CLI works (and is tested) without them.
    """

    render_pdf: Callable[[str, Path], None] | None = None  # HTML -> PDF file
    run_gui: Callable[[Path | None], int] | None = None  # open the desktop app


def cmd_gui(args: argparse.Namespace) -> int:
    extensions: Extensions = args.extensions
    if extensions.run_gui is None:
        raise FeatureMissingError("The desktop app is not available in this installation.")
    return extensions.run_gui(Path(args.vault) if args.vault else None)


def _passphrase(
    args: argparse.Namespace, *, confirm: bool = False, prompt: str = "Passphrase"
) -> str:
    if getattr(args, "passphrase_file", None):
        return _read_passphrase_file(args.passphrase_file, "--passphrase-file")
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise PassphraseMissingError(
            f"No passphrase given: use --passphrase-file or {PASSPHRASE_ENV}."
        )
    first = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"{prompt} (again): ") != first:
        raise UsageError("The two passphrases differ.")
    return first


def _read_passphrase_file(name: str, option: str) -> str:
    """The first line of ``name``; a file that is not UTF-8 text is a usage error."""
    raw = Path(name).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(
            f"The file given with {option} is not UTF-8 text; save it as UTF-8."
        ) from None
    return text.removeprefix("\ufeff").rstrip("\r\n")


def _open(args: argparse.Namespace) -> OpenVault:
    return unlock_vault(Path(args.vault), _passphrase(args))


def _emit(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_init(args: argparse.Namespace) -> int:
    vault, recovery = create_vault(Path(args.vault), _passphrase(args, confirm=True))
    vault.lock()
    print(f"Created the vault in {args.vault}.")
    print("Recovery key — print it or write it down and keep it somewhere safe.")
    print("Without the passphrase or this key, the evidence cannot be recovered:\n")
    print(recovery)
    return 0


def cmd_lender_add(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        lender = add_lender(vault, args.name, numbers=args.number or [], app=args.app)
    print(f"Added lender {lender.name}.")
    return 0


def cmd_lender_update(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        lender = add_lender_numbers(vault, args.name, args.add_number or [])
    print(f"Updated lender {lender.name}: {', '.join(lender.numbers) or 'no numbers'}.")
    return 0


def cmd_lender_list(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        lenders = list_lenders(vault)
    if args.json:
        _emit([lender.to_json() for lender in lenders])
        return 0
    for lender in lenders:
        print(f"{lender.name}\t{lender.item_count} items\t{' '.join(lender.numbers)}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        report = import_paths(vault, [Path(p) for p in args.paths], lender=args.lender)
    if args.json:
        _emit(report.to_json())
        return 0
    for result in report.results:
        detail = result.item_id or result.duplicate_of or result.reason or ""
        print(f"{result.status}\t{shown_path(result.path)}\t{detail}")
    counts = {s: report.count(s) for s in ImportStatus}
    print(
        f"{counts[ImportStatus.IMPORTED]} imported, {counts[ImportStatus.DUPLICATE]} duplicates, "
        f"{counts[ImportStatus.REFUSED]} refused."
    )
    return 0


def _moment(text: str | None, option: str) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option} {text!r} is not a time in the form 2024-03-15T21:30 (ISO 8601)."
        ) from None


def cmd_note_add(args: argparse.Namespace) -> int:
    at = _moment(args.at, "--at")
    with _open(args) as vault:
        note = add_note(vault, args.lender, args.text, occurred_at=at)
    print(f"Added note {note.id} for {note.lender}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        items = list_items(vault, lender=args.lender)
    if args.json:
        _emit([item.to_json() for item in items])
        return 0
    for item in items:
        when = item.captured_at.isoformat(timespec="seconds")
        print(f"{item.id}\t{when}\t{item.kind}\t{item.lender or '-'}\t{item.original_name}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        item = get_item(vault, args.id)
        history = item_history(vault, args.id)
    data = item.to_json() | {"custody": [event.to_json() for event in history]}
    if args.json:
        _emit(data)
        return 0
    for key, value in data.items():
        if key != "custody":
            print(f"{key}: {value}")
    for event in history:
        print(f"custody: #{event.seq} {event.at.isoformat()} {event.action}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        report = check_vault(vault, repair=args.repair)
    if args.json:
        _emit(report.to_json() | {"ok": report.ok})
    else:
        for source, target in zip(report.repaired, report.quarantined, strict=True):
            print(f"moved to quarantine: {shown_path(source)} -> {shown_path(target)}")
        if report.quarantined:
            print(
                f"{len(report.quarantined)} stray file(s) moved to "
                f"{shown_path(Path(args.vault) / 'quarantine')}; nothing was deleted."
            )
        for problem in report.problems:
            print(f"PROBLEM {problem.message}")
        verdict = "OK" if report.ok else f"{len(report.problems)} problem(s)"
        print(
            f"Checked {report.items_checked} items and {report.events_checked} custody events: {verdict}."
        )
    return 0 if report.ok else 1


def cmd_passwd(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        new = _new_passphrase(args)
        vault.change_passphrase(new)
    print("The passphrase was changed.")
    return 0


def _new_passphrase(args: argparse.Namespace) -> str:
    if args.new_passphrase_file:
        return _read_passphrase_file(args.new_passphrase_file, "--new-passphrase-file")
    if os.environ.get("EVAULT_NEW_PASSPHRASE"):
        return os.environ["EVAULT_NEW_PASSPHRASE"]
    if not sys.stdin.isatty():
        raise PassphraseMissingError(
            "No new passphrase given: use --new-passphrase-file or EVAULT_NEW_PASSPHRASE."
        )
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("New passphrase (again): ") != first:
        raise UsageError("The two passphrases differ.")
    return first


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evault",
        description=(
            "Evidence Vault keeps evidence of debt-collection harassment encrypted, hashed "
            "and timestamped, and exports bundles anyone can verify with standard tools."
        ),
    )
    parser.add_argument("--version", action="version", version=f"evault {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def vault_options(sub: argparse.ArgumentParser, handler: Any) -> argparse.ArgumentParser:
        sub.add_argument("--vault", required=True, help="the vault folder")
        sub.add_argument(
            "--passphrase-file",
            help=f"read the passphrase from this file (or set {PASSPHRASE_ENV})",
        )
        sub.set_defaults(handler=handler)
        return sub

    def command(name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
        return vault_options(
            commands.add_parser(name, help=help_text, description=help_text), handler
        )

    def actions(name: str, help_text: str) -> ActionFn:
        """A command whose actions are sub-commands: ``evault NAME ACTION …``."""
        group = commands.add_parser(name, help=help_text, description=help_text)
        subs = group.add_subparsers(dest="action", metavar="ACTION", required=True)

        def action(verb: str, text: str, handler: Any) -> argparse.ArgumentParser:
            return vault_options(subs.add_parser(verb, help=text, description=text), handler)

        return action

    command("init", "create a new vault", cmd_init)
    lender = actions("lender", "add, update or list lenders")
    add = lender("add", "add a lender", cmd_lender_add)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--number", action="append", help="a collector's phone number")
    add.add_argument("--app", help="the lending app's name")
    update = lender("update", "add collectors' numbers to a lender", cmd_lender_update)
    update.add_argument("name", metavar="NAME")
    update.add_argument("--add-number", action="append", help="a number to add")
    listing = lender("list", "list the lenders", cmd_lender_list)
    listing.add_argument("--json", action="store_true")
    imp = command("import", "import files and folders (kind detected from content)", cmd_import)
    imp.add_argument("--lender")
    imp.add_argument("--json", action="store_true")
    imp.add_argument("paths", nargs="+", metavar="FILE|DIR")
    note = actions("note", "write notes about a lender")("add", "write a note", cmd_note_add)
    note.add_argument("--lender", required=True)
    note.add_argument("--at", help="when it happened (ISO 8601, vault time zone if none)")
    note.add_argument("--text", required=True)
    lst = command("list", "list evidence items", cmd_list)
    lst.add_argument("--lender")
    lst.add_argument("--json", action="store_true")
    show = command("show", "show one item and its custody history", cmd_show)
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    check = command("check", "read every blob back and verify the custody chain", cmd_check)
    check.add_argument(
        "--repair",
        action="store_true",
        help="move stray files (interrupted imports) into quarantine/; nothing is deleted",
    )
    check.add_argument("--json", action="store_true")
    passwd = command("passwd", "change the passphrase", cmd_passwd)
    passwd.add_argument("--new-passphrase-file")
    add_bundle_commands(commands, command, _open)
    add_time_commands(command, actions, _open)
    add_case_commands(command, actions, _open)
    gui = commands.add_parser(
        "gui", help="open the desktop app", description="open the desktop app"
    )
    gui.add_argument("--vault", help="the vault folder to open")
    gui.set_defaults(handler=cmd_gui)
    return parser


def main(argv: Sequence[str] | None = None, extensions: Extensions | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # a name we did not escape never crashes
            stream.reconfigure(errors="backslashreplace")
    root = logging.getLogger()
    if not root.handlers:  # no log record reaches the user's screen, only our sentences
        root.addHandler(logging.NullHandler())
    parser = build_parser()
    args = parser.parse_args(argv)
    args.extensions = extensions or Extensions()
    if args.command is None:
        parser.print_help()
        return 0
    try:
        code: int = args.handler(args)
    except VaultError as error:
        print(f"evault: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:
        print(f"evault: {_os_sentence(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("evault: interrupted.", file=sys.stderr)
        return 130
    except Exception:
        log = start_file_log()
        logger.exception("evault %s failed unexpectedly", args.command)
        where = f" The details are in {log}." if log else ""
        print(
            f"evault: something went wrong that should not have (a fault of this program, "
            f"not of your evidence).{where}",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED
    return code


def shown_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name as printable text: bytes that are not UTF-8 appear as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _os_sentence(error: OSError) -> str:
    """``OSError`` as one line: what failed and on which file, names escaped if not text."""
    name = error.filename
    shown = shown_path(name) if name else ""
    return f"{error.strerror or error}: {shown}".rstrip(": ") + ("" if shown else ".")


if __name__ == "__main__":
    sys.exit(main())
