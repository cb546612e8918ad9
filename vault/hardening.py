"""Keep keys out of core dumps while a vault is unlocked (Linux; elsewhere a no-op).

An unlocked vault holds its age identity and the keys derived from it in this process's
memory. A crash must not write that memory to a core file, and another process of the
same user must not read it through ``/proc/PID/mem`` or ptrace. :func:`protect_process`
sets ``RLIMIT_CORE`` to 0 and clears the dumpable flag (``prctl(PR_SET_DUMPABLE, 0)``),
which also stops same-user ptrace; both stay in force for the rest of the process, which
is stricter than undoing them at lock. Children start dumpable again after ``exec``.

Not protected (docs/SECURITY.md): swap and hibernation images (the OS writes memory
out; use encrypted swap), and root or the kernel.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

logger = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def protect_process() -> None:
    """No core file and no same-user ptrace for this process from now on."""
    try:
        import resource  # noqa: PLC0415 - POSIX only

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError) as error:
        logger.debug("RLIMIT_CORE not set (%s)", type(error).__name__)
    if not sys.platform.startswith("linux"):
        return
    libc = _libc()
    if libc is None or libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        logger.debug("PR_SET_DUMPABLE not cleared")


def is_dumpable() -> bool | None:
    """The dumpable flag on Linux (``None`` elsewhere or when it cannot be read)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = _libc()
    if libc is None:
        return None
    value = libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)
    return None if value < 0 else bool(value)


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name or "libc.so.6", use_errno=True)
    except OSError:
        return None
