"""The installed ``evault`` command: the core CLI (:mod:`vault.cli`) with its Qt extensions.

The extensions are the PDF evidence list and the desktop app (``evault gui``). Qt is
imported only when a command needs it, so the scriptable commands start as fast as the
core alone. ``python -m ui.evault`` runs the same command.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

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
    """``evault``; in a frozen build also a backup's read-back child (the executable
    started again with :data:`~vault.safekeeping.readback.CHILD_FLAG`)."""
    if argv is None and len(sys.argv) == 2 and sys.argv[1].startswith("--evault-"):
        from vault.safekeeping import readback  # noqa: PLC0415 - only a child needs it

        if sys.argv[1] == readback.CHILD_FLAG:
            return readback.main()
    return cli.main(argv, cli.Extensions(render_pdf=render_pdf, run_gui=run_gui))


if __name__ == "__main__":
    sys.exit(main())
