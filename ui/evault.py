"""The installed ``evault`` command: the core CLI (:mod:`vault.cli`) with its Qt extensions.

The extensions are the PDF evidence list and the desktop app (``evault gui``). Qt is
imported only when a command needs it, so the scriptable commands start as fast as the
core alone. ``python -m ui.evault`` runs the same command.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from ui.children import run_child
from vault import cli


def render_pdf(html: str, out: Path) -> None:
    """Render the evidence list to PDF; Qt is loaded here, on first use only."""
    from ui.pdf_report import render_pdf as render  # noqa: PLC0415 - keep Qt out of startup

    render(html, out)


def run_gui(vault: Path | None) -> int:
    """Open the desktop app; Qt is loaded here, on first use only."""
    from ui.app import run  # noqa: PLC0415 - keep Qt out of startup

    return run(vault)


def main(argv: Sequence[str] | None = None) -> int:
    """``evault``; in a frozen build also the core's child processes (the executable
    started again with one of the flags of :mod:`vault.children`)."""
    child = run_child(sys.argv[1:]) if argv is None else None
    if child is not None:
        return child
    return cli.main(argv, cli.Extensions(render_pdf=render_pdf, run_gui=run_gui))


if __name__ == "__main__":
    sys.exit(main())
