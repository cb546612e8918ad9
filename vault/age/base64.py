"""Strict, canonical base64 as the age header requires (RFC 4648, no padding)."""

from __future__ import annotations

import base64
import binascii
import re

_UNPADDED = re.compile(rb"[A-Za-z0-9+/]*")


def encode_unpadded(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def decode_unpadded(text: bytes) -> bytes | None:
    """Decode canonical unpadded base64, or return ``None`` when it is not exactly that."""
    if not _UNPADDED.fullmatch(text) or len(text) % 4 == 1:
        return None
    try:
        data = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        return None
    if encode_unpadded(data) != text:
        return None  # non-zero trailing bits: not canonical
    return data
