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

from copytrail.reuse.jit import njit


@njit(cache=True)
def _ngrams(word_hashes, n):  # type: ignore[no-untyped-def]
    m = word_hashes.shape[0] - n + 1
    out = np.empty(m, np.uint64)
    for i in range(m):
        acc = np.uint64(0)
        for j in range(n):
            acc = acc * np.uint64(0x9E3779B97F4A7C15) + word_hashes[i + j]
            # splitmix64 finaliser: spreads the bits so that hash % k samples fairly
            acc = acc ^ (acc >> np.uint64(30))
            acc = acc * np.uint64(0xBF58476D1CE4E5B9)
            acc = acc ^ (acc >> np.uint64(27))
            acc = acc * np.uint64(0x94D049BB133111EB)
            acc = acc ^ (acc >> np.uint64(31))
        out[i] = acc
    return out


def ngram_hashes(word_hashes: np.ndarray, n: int) -> np.ndarray:
    """Hash of every run of ``n`` consecutive words (position i covers words i .. i+n-1)."""
    if word_hashes.shape[0] - n + 1 <= 0:
        return np.zeros(0, dtype=np.int64)
    return _ngrams(word_hashes.astype(np.uint64, copy=False), n).view(np.int64)


def doc_key(article_id: str) -> int:
    """Signed 64-bit key of an article id, used in the n-gram index instead of the string.

    >>> doc_key("a1") == doc_key("a1") != doc_key("a2")
    True
    """
    import hashlib

    return int.from_bytes(hashlib.blake2b(article_id.encode(), digest_size=8).digest(), "little", signed=True)
