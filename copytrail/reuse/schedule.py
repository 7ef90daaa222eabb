"""In what order candidate pairs are aligned, and what is kept of each text between chunks.

Aligning a pair needs both texts tokenised, their n-grams hashed and sorted, and (for the
sentence pass) their sentence units. A text is in several pairs, and pairs are aligned in
chunks (one transaction each), so each text would be prepared again in every chunk its pairs
fall in: on the 100k-article speed corpus, 241k preparations for 64k texts. Two things avoid it:

* :func:`locality_order` orders the pairs so that each text's pairs lie close together
  (texts numbered in breadth-first order over the pair graph, pairs sorted by the numbers of
  their two texts);
* :class:`Prepared` keeps the prepared texts of the last few chunks (least recently used out).

Neither changes what a pair aligns to: a pair's alignment depends only on its two texts.

>>> a, b = np.array([1, 2, 3, 1]), np.array([9, 3, 9, 2])
>>> o = locality_order(a, b)
>>> [(int(x), int(y)) for x, y in zip(a[o], b[o])]  # texts numbered 1 -> 0, 2 -> 1, 9 -> 2, 3 -> 3
[(1, 2), (1, 9), (2, 3), (3, 9)]
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from copytrail.reuse.align import AlignParams, Grams, Units, grams, units
from copytrail.reuse.jit import njit
from copytrail.reuse.shingles import ngram_hashes
from copytrail.reuse.tokens import Tokens, tokenize

# Texts kept between chunks: about two chunks' worth of distinct texts (~25 KB each with
# their arrays), so a text met again a chunk later is not prepared again.
PREPARED_TEXTS = 10_000


@njit(cache=True)
def _bfs_rank(indptr, nbr, n):  # type: ignore[no-untyped-def]
    """Breadth-first number of each node (components in node order, neighbours in order)."""
    rank = np.full(n, -1, np.int64)
    queue = np.empty(n, np.int64)
    nxt = 0
    for s in range(n):
        if rank[s] >= 0:
            continue
        head = nxt
        queue[nxt] = s
        rank[s] = nxt
        nxt += 1
        while head < nxt:
            u = queue[head]
            head += 1
            for k in range(indptr[u], indptr[u + 1]):
                v = nbr[k]
                if rank[v] < 0:
                    rank[v] = nxt
                    queue[nxt] = v
                    nxt += 1
    return rank


def locality_order(doc_a: np.ndarray, doc_b: np.ndarray) -> np.ndarray:
    """Order (indices) of the pairs (doc_a[i], doc_b[i]) in which a text's pairs lie close.

    Deterministic: it depends only on the set of pairs and their order as given.
    """
    if doc_a.shape[0] == 0:
        return np.zeros(0, np.int64)
    docs, inv = np.unique(np.concatenate([doc_a, doc_b]), return_inverse=True)
    m = doc_a.shape[0]
    ia, ib = inv[:m], inv[m:]
    src, dst = np.concatenate([ia, ib]), np.concatenate([ib, ia])
    by = np.lexsort((dst, src))
    indptr = np.zeros(docs.shape[0] + 1, np.int64)
    np.cumsum(np.bincount(src, minlength=docs.shape[0]), out=indptr[1:])
    rank = _bfs_rank(indptr, dst[by].astype(np.int64), docs.shape[0])
    ra, rb = rank[ia], rank[ib]
    return np.lexsort((np.maximum(ra, rb), np.minimum(ra, rb))).astype(np.int64)


class Prepared:
    """Prepared texts by doc (tokens, sorted n-grams, sentence units when first needed),
    the ``capacity`` most recently used kept.

    An entry is used only for the very text it was made from (a doc whose text changed is
    prepared again), so a stale entry can never change an alignment.

    >>> from copytrail.reuse.align import AlignParams
    >>> p = Prepared(AlignParams(), capacity=1)
    >>> t, g = p.get(1, "one two three four five six")
    >>> p.get(1, "one two three four five six")[0] is t, len(g.hashes)
    (True, 2)
    >>> _ = p.get(2, "other text"); p.get(1, "one two three four five six")[0] is t
    False
    """

    def __init__(self, params: AlignParams, capacity: int = PREPARED_TEXTS) -> None:
        self.params = params
        self.capacity = capacity
        self.items: OrderedDict[int, tuple[str, Tokens, Grams]] = OrderedDict()
        self.sentences: dict[int, Units] = {}  # id(Tokens) of a kept entry -> its units

    def get(self, doc: int, text: str) -> tuple[Tokens, Grams]:
        """Tokens and :class:`~copytrail.reuse.align.Grams` of ``text`` (the text of ``doc``)."""
        hit = self.items.get(doc)
        if hit is not None and hit[0] == text:
            self.items.move_to_end(doc)
            return hit[1], hit[2]
        if hit is not None:
            self.sentences.pop(id(hit[1]), None)
        toks = tokenize(text)
        entry = (text, toks, grams(ngram_hashes(toks.hashes, self.params.ngram)))
        self.items[doc] = entry
        self.items.move_to_end(doc)
        while len(self.items) > self.capacity:
            _, old = self.items.popitem(last=False)
            # the units are keyed by the Tokens' id: drop them with it (an id can be reused)
            self.sentences.pop(id(old[1]), None)
        return entry[1], entry[2]

    def units_of(self, t: Tokens) -> Units:
        """Sentence units of a kept text's tokens, computed when first asked for."""
        key = id(t)
        if key not in self.sentences:
            self.sentences[key] = units(t)
        return self.sentences[key]
