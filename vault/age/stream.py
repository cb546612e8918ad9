"""The age STREAM payload: 64 KiB ChaCha20-Poly1305 chunks under a per-file key.

payload = nonce(16) || chunk_0 || … || chunk_n-1, where chunk_i = AEAD(key,
counter_i(11 bytes, big-endian) || last_flag(1 byte), plaintext_i) and every chunk but
the last holds exactly 64 KiB of plaintext. Only the first payload may be empty.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
ENC_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE
NONCE_SIZE = 16
_MAX_COUNTER = (1 << 88) - 1


def payload_aead(file_key: bytes, nonce: bytes) -> ChaCha20Poly1305:
    key = HKDF(hashes.SHA256(), 32, salt=nonce, info=b"payload").derive(file_key)
    return ChaCha20Poly1305(key)


def chunk_nonce(counter: int, last: bool) -> bytes:
    if counter > _MAX_COUNTER:
        raise OverflowError("age payload is too large")
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def plaintext_size(payload_size: int) -> int | None:
    """Plaintext length for ``payload_size`` bytes of chunks (after the nonce).

    Returns ``None`` when no well-formed STREAM has that length.
    """
    if payload_size < TAG_SIZE:
        return None
    chunks = -(-payload_size // ENC_CHUNK_SIZE)
    last = payload_size - (chunks - 1) * ENC_CHUNK_SIZE
    if last < TAG_SIZE or (last == TAG_SIZE and chunks > 1):
        return None
    return payload_size - chunks * TAG_SIZE
