"""Stable identifiers: hashes of content and URLs, never counters or run order.

>>> stable_id("https://example.org/a", "abc")
'06c1f97ca1983f43'
>>> content_hash(b"hello") == content_hash(b"hello")
True
"""

from __future__ import annotations

import hashlib


def stable_id(*parts: object, length: int = 16) -> str:
    """Hex id from the parts (joined with a separator no part contains in practice)."""
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(str(p).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def content_hash(data: bytes) -> str:
    """Hash of raw bytes (full 128 bits, hex)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()
