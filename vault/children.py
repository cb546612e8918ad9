"""The child processes the app starts from its own program, and the flag that runs each.

Run from source, a child is ``python -B -m MODULE``; a frozen build (PyInstaller) has no
``python -m``, so there the child is the app's own executable (the window's or
``evault``) with one of these flags as its only argument, which its ``main`` hands to
``ui.children.run_child`` before anything else is loaded.
"""

from __future__ import annotations

import sys

KDF_CHILD = "--evault-kdf-child"  # scrypt for unlocking: vault.kdf_process
OCR_CHILD = "--evault-ocr-child"  # one Tesseract of the OCR pass: vault.ocr.worker
READ_BACK_CHILD = "--evault-read-back-child"  # a backup's read-back: safekeeping.readback


def child_command(module: str, flag: str) -> list[str]:
    """The whole command line of the child ``module`` (no path, no secret)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, flag]
    return [sys.executable, "-B", "-m", module]
