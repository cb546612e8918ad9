"""A read-only QIODevice over the vault's decrypting random-access reader.

QtMultimedia and QtPdf read the plaintext straight from the encrypted blob through
this device, from their own threads; ``AgeReader.pread`` is thread-safe and decrypts
only the 64 KiB chunks asked for. No plaintext ever touches the disk.
"""

from __future__ import annotations

from PySide6.QtCore import QIODevice, QObject

from vault.age import AgeReader


class ReaderDevice(QIODevice):
    def __init__(self, reader: AgeReader, parent: QObject | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._reader = reader
        self._size = reader.size
        self.open(QIODevice.OpenModeFlag.ReadOnly)

    def isSequential(self) -> bool:
        return False

    def size(self) -> int:
        return self._size

    def bytesAvailable(self) -> int:
        return max(0, self._size - self.pos()) + super().bytesAvailable()

    def atEnd(self) -> bool:
        return self.pos() >= self._size

    def readData(self, maxlen: int) -> bytes:
        position = self.pos()
        if position >= self._size or self._reader.closed:
            return b""
        return self._reader.pread(position, min(maxlen, self._size - position))

    def writeData(self, data: bytes | bytearray | memoryview, size: int, /) -> int:
        return -1

    def close(self) -> None:
        super().close()
        self._reader.close()
