"""Where a reused passage starts and ends when similar sentences widen it.

The sentence pass of :mod:`copytrail.reuse.align` finds edited copies by joining similar
sentence pairs with exact n-gram passages. Sentences are only the unit of comparison: a copy
may start or end inside one, and the rest of that sentence is the host's own text. This module
decides which words of a joined sentence pair belong to the passage, so that the reported span
is the copied text at word boundaries on both sides, never the whole sentences around it:

* :class:`Trimmer` keeps only a sentence pair's matching words (the rules are in its docstring);
* :func:`grow` takes in equal words right next to a passage on both sides;
* :func:`owned` keeps echoes of a phrase that a longer passage already aligns out of the
  joining, so they cannot stretch the passage over unrelated text.

>>> import numpy as np
>>> a = Side(np.array([1, 2, 3, 4, 5]), np.zeros(5, bool), np.ones(5))
>>> a.outward(0, 3, True, np.array([2, 3, 9]))  # the two words next to it are found there: take both
2
>>> a.outward(0, 3, True, np.array([3, 9]))  # one stray shared word adds nothing
0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from copytrail.reuse.jit import njit

# A stem found in more than this share of the pair's comparison units (and in more than two)
# is common: it may lie inside a passage but never decides where the passage ends.
COMMON_SHARE = 0.2
# Share of a sentence's leftover words (their idf mass) found in the other sentence's leftover
# words above which the two are an edited copy of each other (PAN-13's random obfuscation:
# 0.35 keeps its recall, while host text around a verbatim copy stays well below it).
RESIDUAL_COVER = 0.35


@dataclass(frozen=True, slots=True)
class Side:
    """Per token of one text: its stem, whether the stem is common, and the stem's idf."""

    stems: np.ndarray
    common: np.ndarray
    idf: np.ndarray

    def outward(self, lo: int, hi: int, backwards: bool, other: np.ndarray) -> int:
        """How many words of ``self[lo:hi]``, walked away from the passage (``backwards``:
        from ``hi`` down), to add to a passage, given the words ``other`` beside it in the
        other text.

        Only when at least two words that are not common are found in ``other``, and the words
        found carry at least :data:`RESIDUAL_COVER` of the stretch's idf mass, are the two
        stretches an edited copy of each other: then the stretch is taken up to its farthest
        such word. Otherwise nothing is added: host text next to a copy shares a stray word
        with the other text's host text often enough (equal words in the same places were
        already taken by the exact passage's extension, see :func:`copytrail.reuse.align._xdrop`).
        """
        if hi <= lo:
            return 0
        order = slice(hi - 1, lo - 1 if lo > 0 else None, -1) if backwards else slice(lo, hi)
        stems, common, idf = self.stems[order], self.common[order], self.idf[order]
        hit = np.isin(stems, other)
        mass = float(idf.sum())
        strong = np.nonzero(hit & ~common)[0]
        if strong.size >= 2 and float(idf[hit].sum()) >= RESIDUAL_COVER * mass:
            return int(strong[-1]) + 1
        return 0


@dataclass(frozen=True, slots=True)
class Trimmer:
    """Which words of a similar sentence pair belong to the passage.

    Sentence pairs are found on whole sentences, but a copy may start or end inside one: the
    rest of the sentence is the host's own text. So a pair contributes only matching words:

    * beside an exact passage, the words before (after) it in one sentence are added when they
      look like an edited copy of the words before (after) it in the other
      (:meth:`Side.outward`);
    * without one, each sentence keeps the words from its first to its last word that is found
      in the other sentence and is not common (the pair is dropped when there is none).

    A span therefore always ends on a matching word, and common words alone never carry it
    into host text. Edited words between matching ones stay inside.
    """

    a: Side
    b: Side

    def box(
        self, box: tuple[int, int, int, int], anchors: list[tuple[int, int, int, int, float]]
    ) -> tuple[int, int, int, int] | None:
        a0, a1, b0, b1 = box
        a, b = self.a, self.b
        over = [x for x in anchors if x[0] < a1 and a0 < x[1] and x[2] < b1 and b0 < x[3]]
        if not over:
            ha = np.nonzero(np.isin(a.stems[a0:a1], b.stems[b0:b1]) & ~a.common[a0:a1])[0]
            hb = np.nonzero(np.isin(b.stems[b0:b1], a.stems[a0:a1]) & ~b.common[b0:b1])[0]
            if ha.size == 0 or hb.size == 0:
                return None
            return a0 + int(ha[0]), a0 + int(ha[-1]) + 1, b0 + int(hb[0]), b0 + int(hb[-1]) + 1
        lo_a, hi_a = max(a0, min(x[0] for x in over)), min(a1, max(x[1] for x in over))
        lo_b, hi_b = max(b0, min(x[2] for x in over)), min(b1, max(x[3] for x in over))
        return (
            lo_a - a.outward(a0, lo_a, True, b.stems[b0:lo_b]),
            hi_a + a.outward(hi_a, a1, False, b.stems[hi_b:b1]),
            lo_b - b.outward(b0, lo_b, True, a.stems[a0:lo_a]),
            hi_b + b.outward(hi_b, b1, False, a.stems[hi_a:a1]),
        )


def grow(
    ha: np.ndarray, hb: np.ndarray, a0: int, a1: int, b0: int, b1: int
) -> tuple[int, int, int, int]:
    """A passage taken over the equal words right next to it on both sides (a trimmed
    sentence edge may have left out a common word that both texts share there, like "The")."""
    while a0 > 0 and b0 > 0 and ha[a0 - 1] == hb[b0 - 1]:
        a0, b0 = a0 - 1, b0 - 1
    while a1 < ha.shape[0] and b1 < hb.shape[0] and ha[a1] == hb[b1]:
        a1, b1 = a1 + 1, b1 + 1
    return a0, a1, b0, b1


def owned(
    anchors: list[tuple[int, int, int, int, float]],
) -> list[tuple[int, int, int, int, float]]:
    """Exact passages without the repeats of a phrase that a longer passage already aligns.

    A phrase repeated in one text ("Holiday Inn Anaheim Resort" in a hotel listing) aligns
    with each of its repeats; when a longer passage already aligns those words to their own
    counterpart, the others are echoes, and joining them would stretch the passage over
    unrelated text around the echo.

    >>> owned([(0, 50, 0, 50, 1.0), (10, 15, 80, 85, 1.0), (60, 66, 60, 66, 1.0)])
    [(0, 50, 0, 50, 1.0), (60, 66, 60, 66, 1.0)]
    """
    if len(anchors) < 2:
        return list(anchors)
    r = np.asarray([x[:4] for x in anchors], dtype=np.int64)
    return [x for x, k in zip(anchors, _not_echo(r).tolist(), strict=True) if k]


@njit(cache=True)
def _not_echo(r):  # type: ignore[no-untyped-def]
    """Per passage (rows of a0, a1, b0, b1): False when it is an echo (see :func:`owned`).

    One compiled loop over all pairs of passages: a pair has few of them, and per-passage
    numpy calls cost more than the comparisons (14% of alignment time before).
    """
    n = r.shape[0]
    keep = np.ones(n, np.bool_)
    for k in range(n):
        a0k, a1k, b0k, b1k = r[k, 0], r[k, 1], r[k, 2], r[k, 3]
        half_a = (a1k - a0k) / 2
        half_b = (b1k - b0k) / 2
        size_k = (a1k - a0k) + (b1k - b0k)
        for o in range(n):
            a0, a1, b0, b1 = r[o, 0], r[o, 1], r[o, 2], r[o, 3]
            if (a1 - a0) + (b1 - b0) <= size_k:
                continue
            in_a = min(a1, a1k) - max(a0, a0k) >= half_a
            in_b = min(b1, b1k) - max(b0, b0k) >= half_b
            apart_a = a1k <= a0 or a1 <= a0k
            apart_b = b1k <= b0 or b1 <= b0k
            if (in_a and apart_b) or (in_b and apart_a):
                keep[k] = False
                break
    return keep
