"""``evault``: the command-line interface, a thin layer over the core (DESIGN.md §7).

Passphrases come from ``--passphrase-file``, ``EVAULT_PASSPHRASE`` or a prompt (only
on a terminal); the vault is ``--vault``, else ``EVAULT_VAULT``, else the window's own. Every action is a real sub-command (``evault lender add``), so options go
before or after positionals. Errors are one sentence on stderr and an exit code (0 ok,
1 integrity failure, 2 usage or bad input, 3 wrong passphrase), never a traceback: an
unexpected failure is one sentence, the path of the log file holding its details, and
exit code 70 (``EX_SOFTWARE``).

The package holds the CLI alone: :mod:`vault.cli.common` (passphrase, opening the vault,
JSON output, dates) and one module per group of commands, each adding its commands to
the parser with ``add_commands``. The parser is built without loading what the commands
run: a handler imports the vault, the bundle reader or the time-stamp code when it is
called, so ``--version`` and ``--help`` load no database, cryptography or Qt, and
``verify`` loads the bundle reader but not the vault handle.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from vault import __version__
from vault.cli import (
    bundle,
    case,
    completion,
    receive,
    safekeeping,
    selftest,
    transcripts,
    trusted_time,
    vault_cmds,
)
from vault.cli.common import (
    DEFAULT_VAULT,
    FOLDER,
    CommandTree,
    HelpFormatter,
    begin_unlock,
    completes,
    resolve_vault,
    shown_path,
)
from vault.errors import UsageError, VaultError

EXIT_UNEXPECTED = 70  # EX_SOFTWARE: a fault of ours, distinct from 1 (integrity)
COMMAND_GROUPS = (
    vault_cmds,
    bundle,
    trusted_time,
    case,
    safekeeping,
    selftest,
    completion,
    receive,
    transcripts,
)

__all__ = ["EXIT_UNEXPECTED", "Extensions", "build_parser", "main"]


class FeatureMissingError(UsageError):
    code = "feature_missing"


class Extensions(NamedTuple):
    """What the installed ``evault`` adds on top of the core: the parts that need Qt.

    ``ui.evault`` fills these in; the core CLI works (and is tested) without them.
    """

    render_pdf: Callable[[str, Path], None] | None = None  # HTML -> PDF file
    run_gui: Callable[[Path | None], int] | None = None  # open the desktop app


def cmd_gui(args: argparse.Namespace) -> int:
    extensions: Extensions = args.extensions
    if extensions.run_gui is None:
        raise FeatureMissingError("The desktop app is not available in this installation.")
    from vault.location import named_vault  # noqa: PLC0415 - loaded when it runs

    return extensions.run_gui(named_vault(args.vault))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evault",
        description=(
            "Evidence Vault keeps evidence of debt-collection harassment encrypted, hashed "
            "and timestamped, and exports bundles anyone can verify with standard tools."
        ),
        epilog=(
            f"Without --vault, a command works on the vault in $EVAULT_VAULT, else on "
            f"{DEFAULT_VAULT} (where the window keeps its vault)."
        ),
        formatter_class=HelpFormatter,
    )
    parser.set_defaults(root_parser=parser)
    parser.add_argument("--version", action="version", version=f"evault {__version__}")
    tree = CommandTree(parser.add_subparsers(dest="command", metavar="COMMAND", help="what to do"))
    for group in COMMAND_GROUPS:
        group.add_commands(tree)
    gui = tree.plain("gui", "open the desktop app", cmd_gui)
    completes(
        gui.add_argument(
            "--vault",
            metavar="DIR",
            help="the vault folder to open (default: $EVAULT_VAULT, else the one opened last)",
        ),
        FOLDER,
    )
    return parser


def main(argv: Sequence[str] | None = None, extensions: Extensions | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # a name we did not escape never crashes
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)  # --help and --version end here, before any logging
    resolve_vault(args)
    import logging  # noqa: PLC0415 - the commands log; printing help does not

    root = logging.getLogger()
    if not root.handlers:  # no log record reaches the user's screen, only our sentences
        root.addHandler(logging.NullHandler())
    args.extensions = extensions or Extensions()
    if args.command is None:
        parser.print_help()
        return 0
    try:
        if getattr(args, "unlocks", False):
            begin_unlock(args)
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
        from vault.logfile import start_file_log  # noqa: PLC0415 - only after a fault

        log = start_file_log()
        logging.getLogger(__name__).exception("evault %s failed unexpectedly", args.command)
        where = f" The details are in {log}." if log else ""
        print(
            f"evault: something went wrong that should not have (a fault of this program, "
            f"not of your evidence).{where}",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED
    return code


def _os_sentence(error: OSError) -> str:
    """``OSError`` as one line: what failed and on which file, names escaped if not text."""
    name = error.filename
    shown = shown_path(name) if name else ""
    return f"{error.strerror or error}: {shown}".rstrip(": ") + ("" if shown else ".")
