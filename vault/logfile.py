"""Where the details of an unexpected failure go: one private, rotating log file.

The user sees one sentence and this file's path; the traceback goes only here. The file
lives in the platform's log folder (``EVAULT_LOG_DIR`` overrides it), the folder is 0700
and the file 0600. What is logged never contains passphrases, keys, note text or file
contents (STYLE.md), only what the code logs and the tracebacks of our own code.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

from vault.fsutil import make_private_dir

APPLICATION = "evidence-vault"
LOG_DIR_ENV = "EVAULT_LOG_DIR"
LOG_NAME = "evidence-vault.log"
MAX_BYTES = 1 << 20
BACKUPS = 3

_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


def log_path() -> Path:
    """The log file of this user (it may not exist yet)."""
    folder = os.environ.get(LOG_DIR_ENV) or platformdirs.user_log_dir(APPLICATION, appauthor=False)
    return Path(folder) / LOG_NAME


def start_file_log(level: int = logging.INFO) -> Path | None:
    """Send this process's log records to :func:`log_path` as well; ``None`` if it cannot.

    Called once by each entry point (the CLI, the desktop app). A log folder that cannot
    be created (read-only home, a file in its place) only costs the details, never the run.
    """
    path = log_path()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        make_private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(fd)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return path
