"""Format and checksum validation of crypto wallet addresses found in page text.

A string that merely looks like an address (a base58 run, 40 hex digits) is often something
else: a hash, a file name, a token. The checksums every wallet format carries tell real
addresses apart, so a donation address is taken only when its checksum holds.

>>> valid_btc("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"), valid_btc("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")
(True, False)
>>> valid_btc("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
True
>>> valid_eth("0x52908400098527886E0F7030069857D2E4169EE7"), valid_eth("0x52908400098527886e0F7030069857D2E4169EE7")
(True, False)
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _b58decode(s: str) -> bytes | None:
    n = 0
    for ch in s:
        i = _B58.find(ch)
        if i < 0:
            return None
        n = n * 58 + i
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * (len(s) - len(s.lstrip("1"))) + body


def _valid_base58(address: str) -> bool:
    raw = _b58decode(address)
    if raw is None or len(raw) != 25 or raw[0] not in (0x00, 0x05):
        return False
    check = hashlib.sha256(hashlib.sha256(raw[:-4]).digest()).digest()[:4]
    return check == raw[-4:]


def _bech32_polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def _valid_bech32(address: str) -> bool:
    addr = address.lower()
    hrp, _, data = addr.rpartition("1")
    if hrp != "bc" or len(data) < 7 or any(c not in _B32 for c in data):
        return False
    values = [_B32.index(c) for c in data]
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    const = _bech32_polymod(expanded + values)
    # witness version 0 uses bech32 (const 1); later versions bech32m (BIP 350)
    return (values[0] == 0 and const == 1) or (values[0] > 0 and const == 0x2BC830A3)


@lru_cache(maxsize=4096)  # a site repeats its donation address on every page
def valid_btc(address: str) -> bool:
    """True for a Bitcoin address whose checksum holds (base58check P2PKH/P2SH or bech32/m)."""
    if address.lower().startswith("bc1"):
        return _valid_bech32(address)
    return _valid_base58(address)


# Keccak-256 (the pre-standard SHA-3 Ethereum uses; hashlib's sha3_256 pads differently).
_RC = (
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
)  # fmt: skip
_ROT = (
    (0, 36, 3, 41, 18), (1, 44, 10, 45, 2), (62, 6, 43, 15, 61), (28, 55, 25, 21, 56),
    (27, 20, 39, 8, 14),
)  # fmt: skip
_M = (1 << 64) - 1


def _rol(v: int, n: int) -> int:
    return ((v << n) | (v >> (64 - n))) & _M if n else v


def _keccak_f(a: list[list[int]]) -> None:
    for rc in _RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rol(c[(x + 1) % 5], 1) for x in range(5)]
        for x in range(5):
            for y in range(5):
                a[x][y] ^= d[x]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = _rol(a[x][y], _ROT[x][y])
        for x in range(5):
            for y in range(5):
                a[x][y] = b[x][y] ^ (~b[(x + 1) % 5][y] & b[(x + 2) % 5][y])
        a[0][0] ^= rc


def keccak256(data: bytes) -> bytes:
    """Keccak-256 digest.

    >>> keccak256(b"").hex()[:16]
    'c5d2460186f7233c'
    """
    rate = 136
    msg = bytearray(data) + b"\x01"
    msg += b"\0" * (-len(msg) % rate)
    msg[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off : off + rate]
        for i in range(rate // 8):
            a[i % 5][i // 5] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        _keccak_f(a)
    out = b"".join(a[i % 5][i // 5].to_bytes(8, "little") for i in range(4))
    return out


@lru_cache(maxsize=4096)
def valid_eth(address: str) -> bool:
    """True for ``0x`` + 40 hex digits whose mixed case, if any, is a valid EIP-55 checksum.

    An all-lower or all-upper address carries no checksum and is taken as written.
    """
    hexpart = address[2:]
    if len(hexpart) != 40 or not address.startswith("0x"):
        return False
    if hexpart.lower() == hexpart or hexpart.upper() == hexpart:
        return True
    digest = keccak256(hexpart.lower().encode()).hex()
    return all(
        (ch.upper() if int(digest[i], 16) >= 8 else ch.lower()) == ch
        for i, ch in enumerate(hexpart)
    )
