"""The installed ``evault`` command: the core CLI plus the parts that need Qt.

Qt is imported only when a command needs it (a PDF report, the desktop app), so the
scriptable commands start as fast as the core alone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from vault import cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, cli.Extensions())


if __name__ == "__main__":
    sys.exit(main())
