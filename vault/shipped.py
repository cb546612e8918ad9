"""The data files the code reads at run time: the build ships each, the self-test checks each.

Paths are relative to the project's root in a checkout, and to the built folder's library
folder (PyInstaller's ``sys._MEIPASS``) in a build: the code finds them the same way in
both, beside the ``vault`` package. Each entry is a glob and the folder its matches land
in; a folder entry ships the whole folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA_FILES: tuple[tuple[str, str], ...] = (
    ("vault/db/migrations", "vault/db/migrations"),
    ("vault/case/rules/packs/*.json", "vault/case/rules/packs"),
    ("vault/ocr/packs/*.json", "vault/ocr/packs"),
    ("resources/translations/*.qm", "resources/translations"),
    ("resources/icons", "resources/icons"),
    ("resources/evidence-vault.desktop", "resources"),
)


def root() -> Path:
    """The folder holding ``vault/`` and ``resources/``: the checkout, or the build's."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) if base else Path(__file__).resolve().parent.parent


def missing_files(folder: Path | None = None) -> list[str]:
    """The entries of :data:`DATA_FILES` matching no file in ``folder`` (default
    :func:`root`), in order."""
    where = folder or root()
    return [
        pattern
        for pattern, _ in DATA_FILES
        if not any(_files(match) for match in where.glob(pattern))
    ]


def _files(path: Path) -> list[Path]:
    return [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
