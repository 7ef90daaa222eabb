"""Local alignment of two texts: exact character spans of every reused passage.

Two passes, both deterministic and compiled with numba where they loop:

1. **n-gram seeds** — positions where the two texts share a word n-gram (``ngram`` words,
   normalised). Seeds are clustered by single linkage: two seeds belong to one passage when
   they are at most ``gap`` words apart in *both* texts, which tolerates insertions, deletions,
   substitutions and locally reordered words (a seed must also stay near its neighbours'
   diagonal, so a phrase repeated inside one text does not stretch a passage over both
   copies). Each cluster's edges are then extended word by word with a greedy gapped X-drop
   rule (see :func:`_xdrop`), so a passage starts and ends on the first and last shared word
   even when the n-grams at its edges were broken by an edit.
2. **sentence similarity** (edited text, light paraphrase) — sentences of both texts are
   compared by tf-idf cosine and idf-weighted Dice over crude stems (the first five normalised
   characters of each word; idf over the sentences of the pair, so stop words of any language
   weigh little). Similar sentence pairs and the n-gram passages are boxes (a range × b range);
   boxes at most ``sentence_gap`` words apart in both texts are joined. An n-gram passage keeps
   its exact boundaries; a sentence pair is joined on whole sentences but contributes only
   its matching words (:class:`~copytrail.reuse.bounds.Trimmer`), so a copy that starts or
   ends inside a sentence is not widened to the sentence, and a passage always starts and
   ends on a word both texts share. This finds passages whose n-grams were mostly destroyed
   (random obfuscation, light paraphrase). It only runs when ``sentence_threshold > 0``. A
   short exact passage that merely repeats words a longer one already aligns (a phrase
   repeated in one text) is kept out of the joining (:func:`~copytrail.reuse.bounds.owned`),
   and so are boxes far apart in crossing order (after in one text, before in the other).

Passages shorter than ``min_words`` words in either text are dropped.

>>> from copytrail.reuse.tokens import tokenize
>>> a = tokenize("Intro. The quick brown fox jumps over the lazy dog near the river bank today at noon, it said.")
>>> b = tokenize("Other start. the quick brown fox jumped over the lazy dog near the river bank today at noon. End.")
>>> [(a.text[m.a_start:m.a_end], m.score) for m in align_pair(a, b, AlignParams(ngram=5, min_words=15))]
[('The quick brown fox jumps over the lazy dog near the river bank today at noon', 0.9375)]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# the splitter's own abbreviation rule, so units end where its sentences end
from copytrail.claims.sentences import _is_abbreviation
from copytrail.reuse.bounds import COMMON_SHARE, Side, Trimmer, grow, owned
from copytrail.reuse.jit import find_root, njit
from copytrail.reuse.shingles import ngram_hashes
from copytrail.reuse.tokens import Tokens


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Alignment knobs (built from :class:`copytrail.settings.Settings` by the stage)."""

    ngram: int = 5
    min_words: int = 15
    gap: int = 20  # words between two seeds of one passage, in both texts
    xdrop: int = 3
    max_occurrences: int = 8  # an n-gram repeated more often inside one text is not a seed
    sentence_threshold: float = 0.0  # 0 disables the sentence pass
    sentence_gap: int = 40  # words between two similar sentences / passages of one passage
    sentence_gap_far: int = 40  # ... in one text, when they are within sentence_gap in the other
    sentence_anchor: bool = True  # sentence passages must contain an n-gram passage


@dataclass(frozen=True, slots=True)
class Match:
    """One aligned passage: ``a.text[a_start:a_end]`` was reused as ``b.text[b_start:b_end]``.

    ``score`` is the share of the passage's words (both sides) covered by shared n-grams, or for
    sentence-level passages the mean similarity of their sentence pairs.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_words: int
    b_words: int
    score: float
    kind: str  # "ngram" | "sentence"


# -- seeds ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Grams:
    """A text's n-gram hashes by position, and the same sorted (with their positions): what
    the seeds of every pair the text is in are merged from, so it is sorted once per text.

    >>> g = grams(np.array([7, 3, 7]))
    >>> g.sorted.tolist(), g.order.tolist()
    ([3, 7, 7], [1, 0, 2])
    """

    hashes: np.ndarray
    sorted: np.ndarray
    order: np.ndarray


def grams(na: np.ndarray) -> Grams:
    """:class:`Grams` of n-gram hashes ``na`` (a stable sort: equal hashes by position)."""
    order = np.argsort(na, kind="stable").astype(np.int64)
    return Grams(na, na[order], order)


def seeds(
    na: np.ndarray | Grams, nb: np.ndarray | Grams, max_occurrences: int, same: bool
) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) positions of equal n-gram hashes, sorted by i then j.

    In ``same`` mode (one text against itself) only pairs with ``i < j`` are kept.
    """
    ga = na if isinstance(na, Grams) else grams(na)
    gb = nb if isinstance(nb, Grams) else grams(nb)
    if ga.sorted.size == 0 or gb.sorted.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return _merge_seeds(ga.sorted, ga.order, gb.sorted, gb.order, max_occurrences, same)


@njit(cache=True)
def _merge_seeds(sa, pa, sb, pb, cap, same):  # type: ignore[no-untyped-def]
    out_i = []
    out_j = []
    x = 0
    y = 0
    while x < sa.shape[0] and y < sb.shape[0]:
        if sa[x] < sb[y]:
            x += 1
        elif sa[x] > sb[y]:
            y += 1
        else:
            h = sa[x]
            x2 = x
            while x2 < sa.shape[0] and sa[x2] == h:
                x2 += 1
            y2 = y
            while y2 < sb.shape[0] and sb[y2] == h:
                y2 += 1
            if x2 - x <= cap and y2 - y <= cap:
                for u in range(x, x2):
                    for v in range(y, y2):
                        if (not same) or pa[u] < pb[v]:
                            out_i.append(pa[u])
                            out_j.append(pb[v])
            x = x2
            y = y2
    n = len(out_i)
    ri = np.empty(n, np.int64)
    rj = np.empty(n, np.int64)
    for k in range(n):
        ri[k] = out_i[k]
        rj[k] = out_j[k]
    order = np.argsort(ri * (1 << 31) + rj)
    return ri[order], rj[order]


@njit(cache=True)
def cluster_seeds(si, sj, gap, drift):  # type: ignore[no-untyped-def]
    """Single-linkage labels of seeds sorted by ``si``: linked when within ``gap`` in both
    texts and within ``drift`` of each other's diagonal."""
    n = si.shape[0]
    parent = np.arange(n)
    for k in range(n):
        p = k - 1
        while p >= 0 and si[k] - si[p] <= gap:
            dj = sj[k] - sj[p]
            # bounded drift off the diagonal: a phrase repeated inside one text starts a new
            # passage instead of stretching the first one over both copies
            if abs(dj) <= gap and abs((si[k] - si[p]) - dj) <= drift:
                a = find_root(parent, k)
                b = find_root(parent, p)
                if a != b:
                    if a < b:
                        parent[b] = a
                    else:
                        parent[a] = b
            p -= 1
    labels = np.empty(n, np.int64)
    for k in range(n):
        labels[k] = find_root(parent, k)
    return labels


@njit(cache=True)
def _xdrop(ha, hb, i, j, step, xdrop, lim_a, lim_b):  # type: ignore[no-untyped-def]
    """(words in a, words in b, matching words) to extend from (i, j) in direction ``step``.

    Greedy gapped extension: a matching word scores +2, a differing one -2; when the word of
    one text matches a word one or two places further in the other, those words are skipped as
    an insertion (-2 each, like a mismatch: one word that happens to match after a skipped one
    must not carry the passage into host text, as "of" or "the" would). So an edit ends up
    inside the passage only when at least two matching words follow it.
    Extension stops once the score drops ``2 * xdrop`` below its best.
    """
    score = 0
    best = 0
    best_a = 0
    best_b = 0
    best_m = 0
    matches = 0
    ka = 0
    kb = 0
    while True:
        x = i + step * ka
        y = j + step * kb
        if x < lim_a[0] or x >= lim_a[1] or y < lim_b[0] or y >= lim_b[1]:
            break
        if ha[x] == hb[y]:
            score += 2
            matches += 1
            ka += 1
            kb += 1
            if score > best:
                best = score
                best_a = ka
                best_b = kb
                best_m = matches
            continue
        skipped = False
        for d in range(1, 3):
            xa = x + step * d
            yb = y + step * d
            if lim_a[0] <= xa < lim_a[1] and ha[xa] == hb[y]:
                ka += d
                score -= 2 * d
                skipped = True
                break
            if lim_b[0] <= yb < lim_b[1] and ha[x] == hb[yb]:
                kb += d
                score -= 2 * d
                skipped = True
                break
        if not skipped:
            ka += 1
            kb += 1
            score -= 2
        if score < best - 2 * xdrop:
            break
    return best_a, best_b, best_m


@njit(cache=True)
def _clusters(si, sj, labels, n, ha, hb, xdrop, same):  # type: ignore[no-untyped-def]
    """Per cluster: [a_lo, a_hi, b_lo, b_hi, covered_a, covered_b] after edge extension."""
    m = si.shape[0]
    order = np.argsort(labels * (1 << 31) + si)
    res = []
    k = 0
    la = np.zeros(2, np.int64)
    lb = np.zeros(2, np.int64)
    la[1] = ha.shape[0]
    lb[1] = hb.shape[0]
    while k < m:
        lab = labels[order[k]]
        e = k
        a_lo = 1 << 60
        a_hi = -1
        b_lo = 1 << 60
        b_hi = -1
        while e < m and labels[order[e]] == lab:
            s = order[e]
            a_lo = min(a_lo, si[s])
            a_hi = max(a_hi, si[s] + n)
            b_lo = min(b_lo, sj[s])
            b_hi = max(b_hi, sj[s] + n)
            e += 1
        # covered words: union of the seeds' n-gram ranges on each side
        cov_a = np.zeros(a_hi - a_lo, np.bool_)
        cov_b = np.zeros(b_hi - b_lo, np.bool_)
        for q in range(k, e):
            s = order[q]
            cov_a[si[s] - a_lo : si[s] - a_lo + n] = True
            cov_b[sj[s] - b_lo : sj[s] - b_lo + n] = True
        ca = int(cov_a.sum())
        cb = int(cov_b.sum())
        la_, lb_, lm = _xdrop(ha, hb, a_lo - 1, b_lo - 1, -1, xdrop, la, lb)
        ra_, rb_, rm = _xdrop(ha, hb, a_hi, b_hi, 1, xdrop, la, lb)
        res.append((a_lo - la_, a_hi + ra_, b_lo - lb_, b_hi + rb_, ca + lm + rm, cb + lm + rm))
        k = e
    out = np.empty((len(res), 6), np.int64)
    for r in range(len(res)):
        for c in range(6):
            out[r, c] = res[r][c]
    return out


def _ngram_pass(
    ta: Tokens,
    tb: Tokens,
    p: AlignParams,
    same: bool,
    na: np.ndarray | Grams | None,
    nb: np.ndarray | Grams | None,
) -> list[tuple[int, int, int, int, float]]:
    na = grams(ngram_hashes(ta.hashes, p.ngram)) if na is None else na
    nb = na if same else (grams(ngram_hashes(tb.hashes, p.ngram)) if nb is None else nb)
    si, sj = seeds(na, nb, p.max_occurrences, same)
    if si.size == 0:
        return []
    labels = cluster_seeds(si, sj, p.gap, max(2, p.gap // 2))
    rows = _clusters(si, sj, labels, p.ngram, ta.hashes, tb.hashes, p.xdrop, same)
    out = []
    for a_lo, a_hi, b_lo, b_hi, ca, cb in rows.tolist():
        if same and b_lo < a_hi:  # a passage overlapping its own copy is a repeated word run
            continue
        score = (ca + cb) / max(1, (a_hi - a_lo) + (b_hi - b_lo))
        out.append((a_lo, a_hi, b_lo, b_hi, min(1.0, score)))
    return out


# -- sentence pass -------------------------------------------------------------------------


@njit(cache=True)
def _sentence_sims(wa, sa, wb, sb, idf, n_sa, n_sb, len_a, len_b, norm_a, norm_b):  # type: ignore[no-untyped-def]
    """Cosine (tf-idf) and idf-weighted Dice of every sentence pair sharing a word.

    ``wa``/``sa``: word ids and sentence ids of the distinct (sentence, word) entries of text a,
    sorted by word id; likewise for b.
    """
    dot = np.zeros((n_sa, n_sb), np.float64)
    shared = np.zeros((n_sa, n_sb), np.float64)  # idf mass of the shared words
    x = 0
    y = 0
    while x < wa.shape[0] and y < wb.shape[0]:
        if wa[x] < wb[y]:
            x += 1
        elif wa[x] > wb[y]:
            y += 1
        else:
            w = wa[x]
            x2 = x
            while x2 < wa.shape[0] and wa[x2] == w:
                x2 += 1
            y2 = y
            while y2 < wb.shape[0] and wb[y2] == w:
                y2 += 1
            wt = idf[w] * idf[w]
            for u in range(x, x2):
                for v in range(y, y2):
                    dot[sa[u], sb[v]] += wt
                    shared[sa[u], sb[v]] += idf[w]
            x = x2
            y = y2
    cos = np.zeros((n_sa, n_sb), np.float64)
    dice = np.zeros((n_sa, n_sb), np.float64)
    for u in range(n_sa):
        for v in range(n_sb):
            if shared[u, v] > 0:
                cos[u, v] = dot[u, v] / (norm_a[u] * norm_b[v] + 1e-12)
                dice[u, v] = 2.0 * shared[u, v] / (len_a[u] + len_b[v])
    return cos, dice


_NEWLINE = re.compile(r"\n")
# A sentence end of :func:`copytrail.claims.sentences.sentence_spans` (terminal punctuation,
# closing quotes or brackets, then white space or the end), with the white space after it and
# the character that follows: the splitter's rules decided from one match, no second scan.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=(\s*)(\S?))")


def sentence_ends(text: str) -> list[int]:
    """Character offsets where a sentence of ``text`` ends, as a unit boundary of
    :func:`units`: the ends :func:`~copytrail.claims.sentences.sentence_spans` gives, less
    those followed by a line break (a line break is a unit boundary of its own, and only
    white space lies between the two).

    One regex match per candidate decides it, instead of the splitter's paragraph loop and
    white-space walk (which cost more than the rest of :func:`units` together).

    >>> t = "Mr. Smith came. He said 3.5 million.\\nNew line. then lower. J. Doe left. End"
    >>> [t[:e][-8:] for e in sentence_ends(t)]
    ['th came.', 'n lower.', 'oe left.']
    """
    ends = []
    for m in _SENTENCE_END.finditer(text):
        space, after = m.group(1), m.group(2)
        if not space and after:
            continue  # punctuation inside a word or a number ("3.5", "e.g")
        if "\n" in space or after.islower():
            continue  # a line break cuts here anyway; a lower-case word continues the sentence
        if (
            m.end() - m.start() == 1
            and text[m.start()] == "."
            and _is_abbreviation(text, m.start())
        ):
            continue
        ends.append(m.end())
    return ends


@njit(cache=True)
def _unit_bounds(cuts, n, min_words, max_words):  # type: ignore[no-untyped-def]
    """(first token, stop token) of each unit from sorted distinct cut positions (0 first)."""
    out = np.empty((n + 1, 2), np.int64)
    k = 0
    start = 0
    for c in range(1, cuts.shape[0] + 1):
        stop = cuts[c] if c < cuts.shape[0] else n
        if stop - start < min_words and stop != n:
            continue  # too short: joins the next unit
        size = stop - start
        pieces = max(1, -(-size // max_words))
        step = -(-size // pieces)
        for p0 in range(start, stop, step):
            out[k, 0] = p0
            out[k, 1] = min(stop, p0 + step)
            k += 1
        start = stop
    return out[:k]


@njit(cache=True)
def _unit_stems(bounds, stems):  # type: ignore[no-untyped-def]
    """The distinct (stem, unit) entries, by unit then stem."""
    st = np.empty(stems.shape[0], np.uint64)
    se = np.empty(stems.shape[0], np.int64)
    k = 0
    for u in range(bounds.shape[0]):
        part = np.sort(stems[bounds[u, 0] : bounds[u, 1]])
        for x in range(part.shape[0]):
            if x == 0 or part[x] != part[x - 1]:
                st[k] = part[x]
                se[k] = u
                k += 1
    return st[:k], se[:k]


@dataclass(frozen=True, slots=True)
class Units:
    """Sentence units of one text, prepared once per text for the sentence pass.

    ``bounds[k]`` = (first token, stop token) of unit k; ``stems``/``sent`` = the distinct
    (stem hash, unit) entries of the text.
    """

    bounds: np.ndarray
    stems: np.ndarray
    sent: np.ndarray


def units(t: Tokens, min_words: int = 4, max_words: int = 40) -> Units:
    """Comparison units of a text: sentences, also ended by line breaks (web text puts list
    items and headings on their own lines); units shorter than ``min_words`` join the next
    one, units longer than ``max_words`` are cut into equal pieces, so one long line cannot
    dilute the similarity of a sentence copied inside it.

    >>> from copytrail.reuse.tokens import tokenize
    >>> u = units(tokenize("One two three four five. Six seven eight nine ten eleven."))
    >>> u.bounds.tolist(), u.stems.shape[0]
    ([[0, 5], [5, 11]], 11)
    """
    n = len(t)
    if n == 0:
        return Units(np.zeros((0, 2), np.int64), np.zeros(0, np.uint64), np.zeros(0, np.int64))
    ends = np.asarray(sentence_ends(t.text), dtype=np.int64)
    newlines = np.asarray([m.start() for m in _NEWLINE.finditer(t.text)], dtype=np.int64)
    cuts = np.unique(
        np.concatenate([[0], np.searchsorted(t.starts, ends), np.searchsorted(t.starts, newlines)])
    )
    b = _unit_bounds(cuts[cuts < n], n, min_words, max_words)
    st, se = _unit_stems(b, t.stems.astype(np.uint64, copy=False))
    return Units(b, st, se)


def _sentence_pass(
    ta: Tokens,
    tb: Tokens,
    p: AlignParams,
    anchors: list[tuple[int, int, int, int, float]],
    ua: Units | None = None,
    ub: Units | None = None,
) -> list[tuple[int, int, int, int, float]]:
    """Passages made of similar sentences and n-gram passages lying close together.

    Boxes (a token range × b token range) are either a similar sentence pair or an n-gram
    passage; boxes at most ``sentence_gap`` words apart in both texts are joined. An n-gram
    passage keeps its exact word boundaries; a sentence pair is joined on whole sentences but
    contributes only its matching words (:class:`~copytrail.reuse.bounds.Trimmer`).
    """
    ua = units(ta) if ua is None else ua
    ub = units(tb) if ub is None else ub
    if ua.bounds.shape[0] == 0 or ub.bounds.shape[0] == 0:
        return anchors
    boxes = _anchor_boxes(anchors) + _sentence_boxes(ta, tb, ua, ub, p.sentence_threshold, anchors)
    if not boxes:
        return []
    boxes.sort()
    r = np.asarray([b[:4] for b in boxes], dtype=np.int64)
    roots = _join_boxes(r, p.sentence_gap, max(p.sentence_gap, p.sentence_gap_far))
    groups: dict[int, list[int]] = {}
    for x, root in enumerate(roots.tolist()):
        groups.setdefault(root, []).append(x)
    out = []
    for members in groups.values():
        bs = [boxes[m] for m in members]
        # an anchored passage needs an exact core of a reportable length (one exact passage
        # sharing at least min_words words): similar sentences extend a copy to its edited
        # surroundings, but stock phrases of a few words among look-alike sentences of the
        # same beat are a coincidence, not a copy, however many of them there are
        if p.sentence_anchor and _core_words(bs) < p.min_words:
            continue
        score = sum(b[4] for b in bs) / len(bs)
        # boxes were joined on whole sentences; the passage spans only their matching words
        a0s, a1s, b0s, b1s = zip(*(b[6] for b in bs), strict=True)
        out.append((*grow(ta.hashes, tb.hashes, min(a0s), max(a1s), min(b0s), max(b1s)), score))
    return out


def _sentence_boxes(
    ta: Tokens,
    tb: Tokens,
    ua: Units,
    ub: Units,
    threshold: float,
    anchors: list[tuple[int, int, int, int, float]],
) -> list[tuple]:  # type: ignore[type-arg]
    """Boxes of the similar sentence pairs: (a0, a1, b0, b1, cosine, False, matching words)."""
    bnd_a, bnd_b = ua.bounds, ub.bounds
    n_sa, n_sb = bnd_a.shape[0], bnd_b.shape[0]
    vocab, inv = _vocabulary(ua.stems, ub.stems)
    # idf over the sentences of both texts: words in many sentences (stop words of any
    # language) weigh little, in the cosine and in the (idf-weighted) Dice alike.
    df = np.bincount(inv, minlength=vocab.shape[0]).astype(np.float64)
    idf = np.log((n_sa + n_sb) / df)
    ui, uj, sim = _similar_units(inv, ua.sent, ub.sent, idf, n_sa, n_sb, threshold)
    if ui.shape[0] == 0:
        return []
    # stems found in many comparison units of the pair (stop words of any language) are
    # "common": they may sit inside a span but never decide where it ends
    common = df > max(2.0, COMMON_SHARE * (n_sa + n_sb))
    ka, kb = np.searchsorted(vocab, ta.stems), np.searchsorted(vocab, tb.stems)
    trim = Trimmer(Side(ta.stems, common[ka], idf[ka]), Side(tb.stems, common[kb], idf[kb]))
    boxes = []
    for k, (i, j) in enumerate(zip(ui.tolist(), uj.tolist(), strict=True)):
        box = (int(bnd_a[i, 0]), int(bnd_a[i, 1]), int(bnd_b[j, 0]), int(bnd_b[j, 1]))
        # a sentence inside an exact passage on one side must stay inside it on the other
        if any(
            (box[0] < a1 and a0 < box[1]) != (box[2] < b1 and b0 < box[3])
            for a0, a1, b0, b1, _ in anchors
        ):
            continue
        tight = trim.box(box, anchors)
        if tight is not None:
            boxes.append((*box, float(sim[k]), False, tight))
    return boxes


@njit(cache=True)
def _vocabulary(stems_a, stems_b):  # type: ignore[no-untyped-def]
    """Sorted distinct stems of both texts, and each entry's index in them (a then b)."""
    allst = np.concatenate((stems_a, stems_b))
    order = np.argsort(allst)
    inv = np.empty(allst.shape[0], np.int64)
    vocab = np.empty(allst.shape[0], allst.dtype)
    k = -1
    for x in range(order.shape[0]):
        v = allst[order[x]]
        if k < 0 or vocab[k] != v:
            k += 1
            vocab[k] = v
        inv[order[x]] = k
    return vocab[: k + 1], inv


@njit(cache=True)
def _similar_units(inv, sent_a, sent_b, idf, n_sa, n_sb, threshold):  # type: ignore[no-untyped-def]
    """(unit of a, unit of b, cosine) of the similar unit pairs, by unit of a then of b.

    Similar: cosine and Dice at least ``threshold``, and the best match (highest cosine,
    first on ties) of one of its two units, so a copied sentence does not also pull in its
    look-alikes (same topic, same names). Sums run in the order numpy's ``bincount`` takes.
    """
    m = sent_a.shape[0]
    oa = np.argsort(inv[:m], kind="mergesort")
    ob = np.argsort(inv[m:], kind="mergesort")
    wa, sa = inv[:m][oa], sent_a[oa]
    wb, sb = inv[m:][ob], sent_b[ob]
    len_a = np.zeros(n_sa, np.float64)
    len_b = np.zeros(n_sb, np.float64)
    sq_a = np.zeros(n_sa, np.float64)
    sq_b = np.zeros(n_sb, np.float64)
    for k in range(wa.shape[0]):
        len_a[sa[k]] += idf[wa[k]]
        sq_a[sa[k]] += idf[wa[k]] * idf[wa[k]]
    for k in range(wb.shape[0]):
        len_b[sb[k]] += idf[wb[k]]
        sq_b[sb[k]] += idf[wb[k]] * idf[wb[k]]
    cos, dice = _sentence_sims(
        wa, sa, wb, sb, idf, n_sa, n_sb, len_a, len_b, np.sqrt(sq_a), np.sqrt(sq_b)
    )
    best = np.zeros((n_sa, n_sb), np.bool_)
    for u in range(n_sa):
        best[u, np.argmax(cos[u])] = True
    for v in range(n_sb):
        best[np.argmax(cos[:, v]), v] = True
    ui = []
    uj = []
    sim = []
    for u in range(n_sa):
        for v in range(n_sb):
            if best[u, v] and cos[u, v] >= threshold and dice[u, v] >= threshold:
                ui.append(u)
                uj.append(v)
                sim.append(cos[u, v])
    return np.array(ui, np.int64), np.array(uj, np.int64), np.array(sim, np.float64)


@njit(cache=True)
def _join_boxes(r, g, far):  # type: ignore[no-untyped-def]
    """Group (root = first member) of each box; rows of ``r`` = (a0, a1, b0, b1), sorted.

    Two boxes join when close in one text and at most ``far`` apart in the other (a summary
    condenses its source), unless one lies after the other in one text and before it in the
    other beyond a local reordering (a phrase that recurs elsewhere, not the continuation).
    """
    n = r.shape[0]
    parent = np.arange(n)
    for x in range(n):
        ax1, bx0, bx1 = r[x, 1], r[x, 2], r[x, 3]
        for y in range(x + 1, n):
            ay0, by0, by1 = r[y, 0], r[y, 2], r[y, 3]
            gap_a = ay0 - ax1
            if gap_a > far:
                break
            gap_b = max(by0 - bx1, bx0 - by1)
            if gap_a > 0 and by1 <= bx0 and gap_a + bx0 - by1 > g:
                continue
            if (gap_a <= g and gap_b <= far) or (gap_b <= g and gap_a <= far):
                rx = find_root(parent, x)
                ry = find_root(parent, y)
                if rx != ry:
                    parent[max(rx, ry)] = min(rx, ry)
    roots = np.empty(n, np.int64)
    for x in range(n):
        roots[x] = find_root(parent, x)
    return roots


def _anchor_boxes(anchors: list[tuple[int, int, int, int, float]]) -> list[tuple]:  # type: ignore[type-arg]
    """Exact passages as boxes of the sentence pass (``True``: an anchor, its own tight box)."""
    return [
        (int(a0), int(a1), int(b0), int(b1), float(sc), True, (int(a0), int(a1), int(b0), int(b1)))
        for a0, a1, b0, b1, sc in anchors
    ]


def _core_words(boxes: list[tuple]) -> float:  # type: ignore[type-arg]
    """Shared words of the longest exact passage among ``boxes`` (the anchors), on the side
    where it shares fewer: its length times its score (the share of its words in shared
    n-grams), so seeds clustered across a gap of unshared words count only what they share.

    >>> _core_words([(0, 10, 0, 10, 1.0, True, ()), (20, 40, 25, 41, 0.5, True, ()),
    ...              (40, 80, 50, 90, 0.5, False, ())])
    10.0
    """
    return max(
        (min((b[1] - b[0]) * b[4], (b[3] - b[2]) * b[4]) for b in boxes if b[5]), default=0.0
    )


# -- public --------------------------------------------------------------------------------


def _merge(rows: list[tuple[int, int, int, int, float]]) -> list[tuple[int, int, int, int, float]]:
    """Union of passages overlapping in both texts (sorted, deterministic)."""
    rows = sorted(rows)
    merged: list[list[float]] = []
    for r in rows:
        for m in merged:
            if r[0] < m[1] and m[0] < r[1] and r[2] < m[3] and m[2] < r[3]:
                m[0], m[1] = min(m[0], r[0]), max(m[1], r[1])
                m[2], m[3] = min(m[2], r[2]), max(m[3], r[3])
                m[4] = max(m[4], r[4])
                break
        else:
            merged.append(list(r))
    return [(int(a), int(b), int(c), int(d), float(s)) for a, b, c, d, s in merged]


def align_pair(
    ta: Tokens,
    tb: Tokens,
    params: AlignParams,
    same: bool = False,
    na: np.ndarray | Grams | None = None,
    nb: np.ndarray | Grams | None = None,
    ua: Units | None = None,
    ub: Units | None = None,
    units_of: Callable[[Tokens], Units] = units,
) -> list[Match]:
    """Reused passages between two tokenised texts (or inside one text when ``same``).

    Spans are character offsets into ``ta.text`` and ``tb.text``; matches are sorted by
    position in ``ta``. ``na``/``nb`` (n-gram hashes, or their :class:`Grams`) and ``ua``/``ub`` (:func:`units`) may be
    passed when the caller prepared them once per text; or ``units_of`` (a memoising
    :func:`units`), called only when the sentence pass runs.
    """
    if len(ta) < params.ngram or len(tb) < params.ngram:
        return []
    rows = _ngram_pass(ta, tb, params, same, na, nb)
    exact = {r[:4] for r in rows}
    # without an exact passage an anchored sentence pass can find nothing: skip its cost
    if params.sentence_threshold > 0 and not same and (rows or not params.sentence_anchor):
        # echoes of a phrase that a longer passage already aligns stay passages of their
        # own (reported when long enough) but never join, so they cannot stretch one
        kept = owned(rows)
        echoes = [r for r in rows if r not in kept]
        if params.sentence_anchor and _core_words(_anchor_boxes(kept)) < params.min_words:
            # every passage of the sentence pass needs one of these anchors as its exact
            # core: none is long enough, so it would find nothing (69% of candidate pairs
            # on the speed corpus; the units and the sentence similarities are not computed)
            rows = echoes
        else:
            ua = units_of(ta) if ua is None else ua
            ub = units_of(tb) if ub is None else ub
            rows = _sentence_pass(ta, tb, params, kept, ua, ub) + echoes
    rows = _merge(rows)
    out: list[Match] = []
    for a_lo, a_hi, b_lo, b_hi, score in rows:
        if a_hi - a_lo < params.min_words or b_hi - b_lo < params.min_words:
            continue
        a_s, a_e = ta.char_span(a_lo, a_hi)
        b_s, b_e = tb.char_span(b_lo, b_hi)
        kind = "ngram" if (a_lo, a_hi, b_lo, b_hi) in exact else "sentence"
        out.append(Match(a_s, a_e, b_s, b_e, a_hi - a_lo, b_hi - b_lo, round(score, 4), kind))
    return out
