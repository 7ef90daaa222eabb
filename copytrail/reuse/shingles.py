"""Hashed word n-grams (shingles): the seeds of candidate generation and alignment.

An n-gram hash mixes the ``n`` word hashes in order, so "a b c" and "c b a" differ. Hashes are
signed 64-bit integers because that is what DuckDB's BIGINT and Arrow's int64 store.

>>> from copytrail.reuse.tokens import tokenize
>>> h = ngram_hashes(tokenize("the cat sat on the mat").hashes, 3)
>>> len(h), h.dtype.name
(4, 'int64')
>>> bool((ngram_hashes(tokenize("The CAT sat").hashes, 3) == h[:1]).all())
True
"""

from __future__ import annotations

import numpy as np

_MUL = np.uint64(0x9E3779B97F4A7C15)


def _mix(x: np.ndarray) -> np.ndarray:
    # splitmix64 finaliser: spreads the bits so that hash % k samples fairly.
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def ngram_hashes(word_hashes: np.ndarray, n: int) -> np.ndarray:
    """Hash of every run of ``n`` consecutive words (position i covers words i .. i+n-1)."""
    m = word_hashes.shape[0] - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.int64)
    acc = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(n):
            acc = _mix(acc * _MUL + word_hashes[j : j + m])
    return acc.view(np.int64)


def doc_key(article_id: str) -> int:
    """Signed 64-bit key of an article id, used in the n-gram index instead of the string.

    >>> doc_key("a1") == doc_key("a1") != doc_key("a2")
    True
    """
    import hashlib

    return int.from_bytes(hashlib.blake2b(article_id.encode(), digest_size=8).digest(), "little", signed=True)
