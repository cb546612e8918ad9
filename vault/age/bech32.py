"""Bech32 (BIP 173) as age uses it for ``age1…`` and ``AGE-SECRET-KEY-1…`` strings.

age lifts BIP 173's 90-character limit and uses the original bech32 checksum (not
bech32m). Mixed case is refused; the caller chooses the case of the output.
"""

from __future__ import annotations

from vault.errors import KeyFormatError

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _polymod(values: list[int]) -> int:
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i, gen in enumerate(_GENERATOR):
            if (top >> i) & 1:
                chk ^= gen
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data: bytes | list[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    acc = 0
    bits = 0
    out: list[int] = []
    maxv = (1 << to_bits) - 1
    for value in data:
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & maxv)
    if pad:
        if bits:
            out.append((acc << (to_bits - bits)) & maxv)
    elif bits >= from_bits or (acc << (to_bits - bits)) & maxv:
        raise KeyFormatError("The key has invalid padding bits.")
    return out


def encode(hrp: str, data: bytes) -> str:
    """Encode ``data`` under the lower-case human-readable part ``hrp``."""
    values = _convert_bits(data, 8, 5, pad=True)
    checksum = _polymod([*_hrp_expand(hrp), *values, 0, 0, 0, 0, 0, 0]) ^ 1
    check = [(checksum >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[v] for v in values + check)


def decode(text: str) -> tuple[str, bytes]:
    """Return ``(hrp, data)`` with ``hrp`` in lower case; raise KeyFormatError if invalid."""
    if text.lower() != text and text.upper() != text:
        raise KeyFormatError("The key mixes upper and lower case.")
    lowered = text.lower()
    pos = lowered.rfind("1")
    if pos < 1 or pos + 7 > len(lowered) or any(ord(c) < 33 or ord(c) > 126 for c in lowered):
        raise KeyFormatError("The key is not a valid bech32 string.")
    hrp = lowered[:pos]
    try:
        values = [_CHARSET.index(c) for c in lowered[pos + 1 :]]
    except ValueError:
        raise KeyFormatError("The key contains a character that bech32 does not use.") from None
    if _polymod(_hrp_expand(hrp) + values) != 1:
        raise KeyFormatError("The key's checksum is wrong (a character was mistyped).")
    return hrp, bytes(_convert_bits(values[:-6], 5, 8, pad=False))
