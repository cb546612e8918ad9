"""``evault selftest``: the borrower's whole path in a throw-away vault (:mod:`vault.selftest`).

It proves an installation or a build complete: every data file and module it needs is
there and works. It needs no vault, no passphrase and no network.
"""

from __future__ import annotations

import argparse

from vault.cli.common import CommandTree


def cmd_selftest(args: argparse.Namespace) -> int:
    from vault.selftest import run_selftest  # noqa: PLC0415 - loaded when the command runs

    return run_selftest(render_pdf=args.extensions.render_pdf)


def add_commands(tree: CommandTree) -> None:
    text = (
        "create a throw-away vault, import, note, find violations, export with the PDF list "
        "and verify: exit 0 when this installation is complete"
    )
    tree.plain("selftest", text, cmd_selftest)
