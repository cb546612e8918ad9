"""``evault``: the command-line interface, a thin layer over the core (DESIGN.md §7).

Errors are one sentence on stderr and an exit code (0 ok, 1 integrity failure,
2 usage or bad input, 3 wrong passphrase), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from vault import __version__
from vault.errors import VaultError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evault",
        description=(
            "Evidence Vault keeps evidence of debt-collection harassment encrypted, hashed "
            "and timestamped, and exports bundles anyone can verify with standard tools."
        ),
    )
    parser.add_argument("--version", action="version", version=f"evault {__version__}")
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            parser.print_help()
            return 0
    except VaultError as error:
        print(f"evault: {error}", file=sys.stderr)
        return error.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
