"""A frozen build's own executable started as one of the core's child processes.

The window's ``main`` and the installed ``evault`` hand their arguments here first: a
flag of :mod:`vault.children` runs that child and nothing else of the app is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence

from vault.children import KDF_CHILD, OCR_CHILD, READ_BACK_CHILD


def run_child(args: Sequence[str]) -> int | None:
    """Run the child that ``args`` names and return its exit status; None for no child."""
    if list(args) == [KDF_CHILD]:
        from vault import kdf_process  # noqa: PLC0415 - only in the child

        return kdf_process.main()
    if list(args) == [OCR_CHILD]:
        from vault.ocr import worker  # noqa: PLC0415 - only in the child

        return worker.main()
    if list(args) == [READ_BACK_CHILD]:
        from vault.safekeeping import readback  # noqa: PLC0415 - only in the child

        return readback.main()
    return None
