"""Where a vault is when none is named: the window and ``evault`` share one answer.

The window creates its vault in the system's folder for application data unless the
user picks another (:func:`default_vault_path`: ``~/.local/share/Evidence Vault/vault``
on Linux, ``~/Library/Application Support/Evidence Vault/vault`` on macOS,
``%LOCALAPPDATA%\\Evidence Vault\\vault`` on Windows). A command without ``--vault``
uses the folder in ``EVAULT_VAULT``, else that same vault (:func:`vault_folder`).

platformdirs is loaded only when the default is asked for, so a command given
``--vault`` (and ``evault --version``) does not load it.
"""

from __future__ import annotations

import os
from pathlib import Path

VAULT_ENV = "EVAULT_VAULT"
APP_FOLDER = "Evidence Vault"  # the data folder's name, as the window has always used it


def default_vault_path() -> Path:
    """Where a new vault goes unless the user picks another folder."""
    import platformdirs  # noqa: PLC0415 - only when the default is needed

    return Path(platformdirs.user_data_dir(APP_FOLDER, appauthor=False)) / "vault"


def named_vault(given: str | os.PathLike[str] | None) -> Path | None:
    """``given`` (the ``--vault`` option), else the folder in ``EVAULT_VAULT``, else None."""
    if given:
        return Path(given)
    from_env = os.environ.get(VAULT_ENV, "").strip()
    return Path(from_env).expanduser() if from_env else None


def vault_folder(given: str | os.PathLike[str] | None) -> Path:
    """The vault a command works on: :func:`named_vault`, else :func:`default_vault_path`."""
    return named_vault(given) or default_vault_path()


__all__ = ["APP_FOLDER", "VAULT_ENV", "default_vault_path", "named_vault", "vault_folder"]
