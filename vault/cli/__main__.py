"""``python -m vault.cli``: the core ``evault``, without the Qt extensions."""

import sys

from vault.cli import main

if __name__ == "__main__":
    sys.exit(main())
