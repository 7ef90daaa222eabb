"""How much of one text another holds: word n-grams with offsets, and interval arithmetic.

Provenance (:mod:`copytrail.reuse.provenance`) reads coverage in the texts rather than in the
alignments' spans, because an alignment may bridge a paragraph one side lacks. A witness's text
becomes its word 4-grams (:class:`Grams`), each with the article offsets it spans; the n-grams
another witness holds mark where it covers this one.

>>> a = Grams.of("x The council met on Monday to vote on the bridge.", 2, 51)
>>> b = Grams.of("The council met on Monday to vote, then went home.", 0, 50)
>>> a.covered(a.held_by(b))
[(2, 35)]
>>> length(subtract([(2, 51)], a.covered(a.held_by(b))))
16
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from copytrail.reuse.shingles import ngram_hashes
from copytrail.reuse.tokens import tokenize

COVER_NGRAM = 4  # coverage is read as shared word 4-grams (robust to single-word edits)

Interval = tuple[int, int]
# A zero-width non-joiner is written as a space in one copy and not in another (Persian
# 'نیک‌فرجام' / 'نیک فرجام'): it is read as a space (one code point for one: same offsets).
_JOINERS = str.maketrans({"\u200c": " ", "\u200d": " ", "\u00ad": " "})


@dataclass(frozen=True, slots=True)
class Grams:
    """Word n-grams of a span of text: hashes and the offsets each one spans."""

    hashes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    unique: np.ndarray
    words: tuple[np.ndarray, np.ndarray]  # starts and ends of the span's words
    key: int  # the n-grams in order: equal texts have equal keys (a reprinted passage repeats)

    @classmethod
    def of(cls, text: str, start: int, end: int, n: int = COVER_NGRAM) -> Grams:
        """The n-grams of ``text[start:end]``, with offsets into ``text``."""
        toks = tokenize(text[start:end].translate(_JOINERS))
        n = max(1, min(n, len(toks)))  # a witness shorter than n words is one n-gram
        h = ngram_hashes(toks.hashes, n) if len(toks) else np.zeros(0, np.int64)
        starts = toks.starts[: h.shape[0]] + start
        ends = toks.ends[n - 1 : n - 1 + h.shape[0]] + start
        words = (toks.starts + start, toks.ends + start)
        return cls(h, starts, ends, np.unique(h), words, hash(h.tobytes()))

    def held_by(self, other: Grams) -> np.ndarray:
        """Which of this text's n-grams the other holds (a sorted lookup: many pairs per family)."""
        u = other.unique
        if u.shape[0] == 0:
            return np.zeros(self.hashes.shape[0], bool)
        at = np.minimum(np.searchsorted(u, self.hashes), u.shape[0] - 1)
        return u[at] == self.hashes  # type: ignore[no-any-return]

    def covered(self, held: np.ndarray) -> list[Interval]:
        """Where this text has the n-grams ``held`` marks (article offsets, merged)."""
        s, e = self.starts[held], self.ends[held]
        if s.shape[0] == 0:
            return []
        # n-grams come in text order with growing ends: a run breaks where one starts after
        # the previous one ended
        cut = np.flatnonzero(s[1:] > e[:-1]) + 1
        firsts = np.concatenate(([0], cut))
        lasts = np.concatenate((cut - 1, [s.shape[0] - 1]))
        return [(int(s[a]), int(e[b])) for a, b in zip(firsts, lasts, strict=True)]


def merge(intervals: Sequence[Interval]) -> list[Interval]:
    """Union of intervals, sorted.

    >>> merge([(5, 9), (0, 3), (2, 4), (9, 10)])
    [(0, 4), (5, 10)]
    """
    out: list[Interval] = []
    for s, e in sorted(intervals):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        elif e > s:
            out.append((s, e))
    return out


def subtract(intervals: Sequence[Interval], cut: Sequence[Interval]) -> list[Interval]:
    """``intervals`` without ``cut`` (both merged).

    >>> subtract([(0, 10)], [(2, 4), (8, 12)])
    [(0, 2), (4, 8)]
    """
    out: list[Interval] = []
    for s, e in intervals:
        pos = s
        for cs, ce in cut:
            if ce <= pos or cs >= e:
                continue
            if cs > pos:
                out.append((pos, cs))
            pos = max(pos, ce)
        if pos < e:
            out.append((pos, e))
    return out


def length(intervals: Sequence[Interval]) -> int:
    return sum(e - s for s, e in intervals)
