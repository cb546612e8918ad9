"""One app per user: a second launch brings the running window back and exits.

The first launch listens on a local socket (``QLocalServer``: a socket file private to the
user on Linux and macOS, a named pipe on Windows) named after the user and the app's
settings file; a later launch connects, sends ``show`` and ends with exit code 0, and
the first restores and raises its window (:func:`ui.way_back.restore`). Two launches at
the same moment are put in turn by a ``QLockFile`` beside the socket, and a socket left
by a crashed app is removed before listening again. One window per user is also one per
vault; another user's app on the same vault is stopped by the vault's own lock
(:mod:`vault.lock`).
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QDir, QLockFile, QObject, QSettings
from PySide6.QtNetwork import QLocalServer, QLocalSocket

logger = logging.getLogger(__name__)

SHOW = b"show\n"
WAIT_MS = 2000


def server_name() -> str:
    """The socket's name: this user's, and this settings file's (tests use their own)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid: the settings path still separates
        user = ""
    where = QSettings().fileName()
    digest = hashlib.sha256(f"{user}\0{where}".encode()).hexdigest()[:16]
    return f"evidence-vault-{digest}"


def _ask_to_show(name: str) -> bool:
    """Ask a running app to show its window; False if none answers."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(SHOW)
    sent = socket.waitForBytesWritten(WAIT_MS)
    socket.disconnectFromServer()
    return sent


class Instance(QObject):
    """The first launch's server; ``on_show`` runs when a later launch asks."""

    def __init__(self, server: QLocalServer, on_show: Callable[[], None]) -> None:
        super().__init__(server)
        self.server = server
        self.on_show = on_show
        server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.disconnected.connect(socket.deleteLater)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if SHOW.strip() in data:
            logger.info("A second launch asked for the window: showing it.")
            self.on_show()
        socket.disconnectFromServer()


def claim(name: str | None = None) -> QLocalServer | None:
    """Listen as the one app of this user, or return None once a running one was asked
    to show its window (the caller then exits 0). If listening fails for another reason
    the app still runs, alone but unreachable, rather than not at all."""
    name = name or server_name()
    guard = QLockFile(QDir(QDir.tempPath()).filePath(f"{name}.lock"))
    guard.setStaleLockTime(30_000)
    guard.tryLock(5_000)  # not got in time: go on, a rare double start is no harm
    try:
        if _ask_to_show(name):
            return None
        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            QLocalServer.removeServer(name)  # a crashed app's socket, no one answers it
            if not server.listen(name):
                logger.warning("Cannot listen for a second launch: %s", server.errorString())
                return server
        logger.info("Listening for a second launch.")
        return server
    finally:
        guard.unlock()
