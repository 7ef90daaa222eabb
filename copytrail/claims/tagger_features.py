"""Features of the attribution tagger (:mod:`copytrail.claims.tagger`), as strings and as scores.

:func:`token_features` gives each token's feature strings: the word and its neighbours (±3),
the word's shape and suffix, its cue-list class, whether it sits in a quote, what the rule path
already found there (source, cue, content), crude noun-phrase chunks and the distance to the
nearest cue word. Training (``benchmarks/polnear_train.py``) reads these strings.

:func:`sentence_scores` gives the same features as the model's state scores (tokens x labels),
without building the strings a word owns: what a word contributes -- as itself and as each
neighbour -- is summed once per distinct word form and model (:func:`_word_scores`), and only
what depends on the sentence (rule marks, chunks, distances, word pairs) is looked up per
token. Both give the model the same features (``tests/claims/test_tagger_speed.py``).

>>> from copytrail.claims.subjects import tokens
>>> toks = tokens("Officials insisted on Monday.", 0, 29)
>>> [t.text for t in toks]
['Officials', 'insisted', 'on', 'Monday', '.']
>>> feats = token_features("Officials insisted on Monday.", toks, RuleMarks.empty(len(toks)))
>>> "w=insisted" in feats[1] and "cue=S" in feats[1]
True
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from copytrail.claims.crf import LinearChain
from copytrail.claims.cues import LEARNED, STRONG, WEAK
from copytrail.claims.frames import Frame
from copytrail.claims.quotes import Quote
from copytrail.claims.speakers import FEMALE_NAMES, MALE_NAMES, PRONOUNS, TITLES
from copytrail.claims.subjects import NP_STOP, PERSON_NOUNS, UNNAMED_HEADS, Tok

_NOMINAL = frozenset(
    """claim claims statement statements view views belief beliefs argument arguments assertion
    promise promises pledge warning warnings call calls criticism accusation accusations
    allegation allegations suggestion position stance opinion plan plans proposal support
    opposition response remarks comments comment message decision insistence contention""".split()
)


@dataclass(frozen=True, slots=True)
class RuleMarks:
    """Per token: the rule path's role there ('S' source, 'C' cue, 'T' content, '' none), and
    whether the token is inside a quotation."""

    role: list[str]
    first: list[bool]  # the token opens the rule span it is in
    quoted: list[bool]

    @staticmethod
    def empty(n: int) -> RuleMarks:
        return RuleMarks([""] * n, [False] * n, [False] * n)


def rule_marks(toks: list[Tok], frames: list[Frame], outer: list[Quote]) -> RuleMarks:
    """What the rule frames and quotes say about each token of a sentence."""
    n = len(toks)
    marks = RuleMarks.empty(n)
    if not toks:
        return marks
    lo, hi = toks[0].start, toks[-1].end
    starts = [t.start for t in toks]
    # Content first so that a source or cue inside a content span (a nested report) wins.
    spans: list[tuple[int, int, str]] = []
    for f in frames:
        spans.append((f.content[0], f.content[1], "T"))
    for f in frames:
        if f.cue:
            spans.append((f.cue[0], f.cue[1], "C"))
        if f.source:
            spans.append((f.source[0], f.source[1], "S"))
    for a, b, role in spans:
        if b <= lo or a >= hi:
            continue
        i = max(0, bisect_right(starts, a) - 1)
        first = True
        while i < n and toks[i].start < b:
            if toks[i].end > a:
                marks.role[i] = role
                marks.first[i] = first
                first = False
            i += 1
    for q in outer:
        if q.content_end <= lo or q.content_start >= hi:
            continue
        for i, t in enumerate(toks):
            if q.content_start <= t.start < q.content_end:
                marks.quoted[i] = True
    return marks


_SHAPE = re.compile(r"[A-Z]+|[a-z]+|[0-9]+|[^A-Za-z0-9]+")


def _shape(word: str) -> str:
    out = []
    for m in _SHAPE.finditer(word):
        c = m.group(0)[0]
        out.append("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c)
    return "".join(out)[:4]


def _cue_class(low: str) -> str:
    if low in STRONG:
        return "S"
    if low in WEAK:
        return "W"
    if low in LEARNED:
        return "L"
    if low in _NOMINAL:
        return "N"
    return "-"


def _bucket(d: int) -> str:
    return str(d) if d <= 3 else "4-6" if d <= 6 else "7+"


# Token distances to the nearest cue word, by bucket; 7 stands for 7 or more (or none).
_BUCKETS = tuple(_bucket(d) for d in range(8))
_FINAL = frozenset((".", "?", "!", '"', "'", "”"))
_OFFSETS = (-3, -2, -1, 1, 2, 3)
_ROLES = ("-", "S", "SB", "C", "CB", "T", "TB")
# "{d}r={role}" for every offset and role, built once instead of once per token and neighbour.
_NEAR_ROLE = {d: {r: f"{d}r={r}" for r in _ROLES} for d in _OFFSETS}
_ROLE_INDEX = {r: i for i, r in enumerate(_ROLES)}


@dataclass(frozen=True, slots=True)
class _Word:
    """What a token's features take from its text alone, computed once per distinct word."""

    low: str
    cls: str
    cap: bool  # the word starts with a capital
    own: tuple[str, ...]  # the token's own word, suffix, shape and cue class
    flags: tuple[str, ...]  # its lexicon classes: pronoun, possessive, title, first name, person
    near: dict[int, tuple[str, ...]]  # the same word seen from a neighbour at each offset


@lru_cache(maxsize=1 << 16)
def _word(text: str) -> _Word:
    low = text.lower().replace("’", "'")
    cls = _cue_class(low)
    shape = _shape(text)
    own = ("w=" + low, "s3=" + low[-3:], "sh=" + shape, "cue=" + cls)
    flags = (
        ("pron",) * (low in PRONOUNS)
        + ("poss",) * low.endswith(("'s", "s'"))
        + ("title",) * (low.rstrip(".") in TITLES)
        + ("fname",) * (low in MALE_NAMES or low in FEMALE_NAMES)
        + ("person",) * (low in PERSON_NOUNS or low in UNNAMED_HEADS)
    )
    near: dict[int, tuple[str, ...]] = {d: (f"{d}w={low}", f"{d}c={cls}") for d in _OFFSETS}
    for d in (-1, 1):
        near[d] += (f"{d}sh={shape}", f"{d}s2={low[-2:]}")
    return _Word(low, cls, text[:1].isupper(), own, flags, near)


def _chunks(lows: list[str], cls: list[str]) -> list[tuple[int, int]]:
    """Crude noun-phrase chunks: runs of words that are no stop word, cue or punctuation.
    Their outside neighbours ("… who has hammered", "… swipes at") reach further than a
    fixed window when the phrase is long."""
    out = []
    i, n = 0, len(lows)
    while i < n:
        j = i
        while j < n and lows[j][:1].isalnum() and lows[j] not in NP_STOP and cls[j] not in "SWL":
            j += 1
        if j > i:
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _chunk_context(lows: list[str], cls: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Each chunk's span and the five features its tokens share (its outside neighbours)."""
    n = len(lows)
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for a, b in _chunks(lows, cls):
        after = lows[b] if b < n else "</s>"
        after2 = lows[b + 1] if b + 1 < n else "</s>"
        shared = (
            "nx=" + after,
            "nxc=" + (cls[b] if b < n else "-"),
            "nx2=" + after + "|" + after2,
            "nxs=" + after[-2:] + cls[b] if b < n else "nxs=</s>",
            "pv=" + (lows[a - 1] if a > 0 else "<s>"),
        )
        out.append((a, b, shared))
    return out


def _chunk_place(a: int, b: int, k: int) -> str:
    """Where token ``k`` sits in the chunk ``[a, b)``: alone, first, last or middle."""
    return "1" if b - a == 1 else "f" if k == a else "l" if k == b - 1 else "m"


def _chunk_features(lows: list[str], cls: list[str]) -> list[tuple[str, ...]]:
    """Per token, what its chunk's outside neighbours are and where in the chunk it sits."""
    out: list[tuple[str, ...]] = [()] * len(lows)
    for a, b, shared in _chunk_context(lows, cls):
        for k in range(a, b):
            out[k] = (*shared, "ck=" + _chunk_place(a, b, k))
    return out


def _cue_distances(cls: list[str]) -> tuple[list[int], list[int]]:
    """Tokens to the nearest cue-list word on the right and on the left, capped at 7 (also
    when there is none): sources sit right before or after one."""
    n = len(cls)
    right = [7] * n
    left = [7] * n
    nearest: int | None = None
    for i in range(n - 1, -1, -1):
        if nearest is not None:
            right[i] = min(nearest - i, 7)
        if cls[i] in "SWL":
            nearest = i
    nearest = None
    for i in range(n):
        if nearest is not None:
            left[i] = min(i - nearest, 7)
        if cls[i] in "SWL":
            nearest = i
    return right, left


def article_speakers(text: str, found: list[Frame]) -> frozenset[str]:
    """Lower-case capitalised words of the rule sources of an article: a name that speaks
    somewhere in the article is likelier to be a source elsewhere in it."""
    words = set()
    for f in found:
        if f.source:
            for w in text[f.source[0] : f.source[1]].split():
                if w[:1].isupper() and len(w) > 2:
                    words.add(w.lower().strip(",.;:'’\"“”"))
    return frozenset(words)


def token_features(
    text: str, toks: list[Tok], marks: RuleMarks, speakers: frozenset[str] = frozenset()
) -> list[list[str]]:
    """crfsuite feature strings for each token of a sentence (see the module docstring).

    What a feature takes from a word alone comes from :func:`_word`, computed once per
    distinct word form; only what depends on the sentence (rule marks, chunks, distances,
    neighbours) is assembled here.
    """
    n = len(toks)
    if not n:
        return []
    words = [_word(t.text) for t in toks]
    lows = [w.low for w in words]
    cls = [w.cls for w in words]
    chunk_feats = _chunk_features(lows, cls)
    role = [
        r + ("B" if f else "") if r else "-" for r, f in zip(marks.role, marks.first, strict=True)
    ]
    right, left = _cue_distances(cls)
    # Whether the sentence holds a quote or a rule cue, and whether it is a headline (no
    # final punctuation).
    sentence = "sq=" + str(any(marks.quoted)) + str("C" in marks.role) + str(lows[-1] not in _FINAL)
    out: list[list[str]] = []
    for i, wd in enumerate(words):
        r = role[i]
        f = ["b", *wd.own, "r=" + r, "rq=" + r + ("q" if marks.quoted[i] else "")]
        f += ("cr=" + _BUCKETS[right[i]] + wd.cls, "cl=" + _BUCKETS[left[i]], sentence)
        f += chunk_feats[i]
        if wd.cap and wd.low in speakers:
            f.append("spk")
        f += wd.flags
        if i < 4:
            f.append("BOS" if i == 0 else "early")
        for d in _OFFSETS:
            j = i + d
            if 0 <= j < n:
                f += words[j].near[d]
                f.append(_NEAR_ROLE[d][role[j]])
        f.append("-1ww=" + lows[i - 1] + "|" + wd.low if i > 0 else "-1edge")
        f.append("1ww=" + wd.low + "|" + lows[i + 1] if i + 1 < n else "1edge")
        out.append(f)
    return out


def parse_features(doc: Any, toks: list[Tok]) -> list[list[str]]:
    """Dependency-parse features of each token, from a spaCy ``Doc`` of the whole text.

    A source is the subject phrase of a reporting or stance verb, so what matters most is the
    path from a word up to its governing verb: the relation at the top of that path ("nsubj"),
    the verb's lemma and cue class, and whether the verb takes a clause ("thinks that …").
    Tokens are matched to spaCy's by character offset (the tokenizers split "'s" alike, and a
    word spaCy splits further takes its first piece).
    """
    # Only the sentence's own tokens: indexing the whole doc for every sentence is quadratic.
    span = doc.char_span(toks[0].start, toks[-1].end, alignment_mode="expand") if toks else None
    by_char = {t.idx: t for t in (span if span is not None else doc)}
    out: list[list[str]] = []
    for tok in toks:
        s = by_char.get(tok.start)
        if s is None:
            s = doc.char_span(tok.start, tok.end, alignment_mode="expand")
            s = s[0] if s is not None and len(s) else None
        if s is None:
            out.append(["p=?"])
            continue
        feats = ["p=" + s.tag_, "d=" + s.dep_, "e=" + (s.ent_type_ or "-")]
        head = s.head
        feats.append("hd=" + s.dep_ + "|" + _cue_class(head.lemma_.lower()) + head.pos_)
        # Climb to the governing verb; the arc just below it says how the word hangs on it.
        arc, node, hops = s.dep_, s, 0
        while node.head is not node and node.pos_ not in ("VERB", "AUX") and hops < 8:
            arc, node, hops = node.dep_, node.head, hops + 1
        if node.pos_ in ("VERB", "AUX") and node is not s:
            lemma = node.lemma_.lower()
            cls = _cue_class(lemma) if _cue_class(lemma) != "-" else _cue_class(node.text.lower())
            comp = any(c.dep_ in ("ccomp", "xcomp") for c in node.children)
            feats += [
                "ga=" + arc,
                "gac=" + arc + cls,
                "gal=" + arc + "|" + lemma,
                "gacc=" + arc + cls + ("c" if comp else ""),
                "gh=" + _bucket(hops),
            ]
        if s.pos_ in ("VERB", "AUX"):
            subj = any(c.dep_ == "nsubj" for c in s.children)
            comp = any(c.dep_ in ("ccomp", "xcomp") for c in s.children)
            feats += ["lem=" + s.lemma_.lower(), "vf=" + str(subj) + str(comp)]
        out.append(feats)
    return out


def token_labels(
    toks: list[Tok],
    sources: list[tuple[int, int]],
    cues: list[tuple[int, int]],
    contents: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> list[str]:
    """BIO labels of a sentence from gold character spans (a token touching a span is in it);
    a source inside a content (a nested report) or next to a cue keeps its source label."""
    labels = ["O"] * len(toks)
    for spans, tag in ((contents, "T"), (cues, "C"), (sources, "S")):
        for a, b in spans:
            first = True
            for i, t in enumerate(toks):
                if t.end > a and t.start < b:
                    labels[i] = ("B-" if first else "I-") + tag
                    first = False
    return labels


# -- the same features as scores -----------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _word_scores(text: str, chain: LinearChain) -> tuple[_Word, np.ndarray]:
    """The word ``text`` and what it adds to a token's state scores: as the token itself (with
    the bias feature "b", row 0), and as its neighbour at each of :data:`_OFFSETS` (rows 1-6)."""
    w = _word(text)
    own = chain.vector(("b", *w.own, *w.flags))
    return w, np.stack([own] + [chain.vector(w.near[d]) for d in _OFFSETS])


@dataclass(frozen=True, slots=True)
class _Rows:
    """Weight rows of the features with a small fixed vocabulary, per model."""

    role: np.ndarray  # "r=" by role index (see _ROLES)
    role_q: np.ndarray  # "rq=" by role index * 2 + quoted
    right: np.ndarray  # "cr=" by distance bucket * 5 + cue class index
    left: np.ndarray  # "cl=" by distance bucket
    near_role: np.ndarray  # "{d}r=" by offset index, role index
    early: np.ndarray  # "BOS", then "early" three times
    spk: int
    zero: int
    place: tuple[int, int, int, int]  # "ck=" alone, first, last, middle
    pairs: dict[str, tuple[int, int]]  # word-pair rows met so far
    chunks: dict[tuple[str, str, str], tuple[int, ...]]  # chunk rows by the words around it


_CLASSES = ("S", "W", "L", "N", "-")
# Feature slots per token besides its own word and its neighbours' words: r, rq, cr, cl, sq,
# six chunk features, spk, BOS/early, six neighbour roles and two word pairs.
_SLOTS = 21


@lru_cache(maxsize=4)
def _rows(chain: LinearChain) -> _Rows:
    row = chain.row
    return _Rows(
        np.array([row("r=" + r) for r in _ROLES]),
        np.array([row("rq=" + r + q) for r in _ROLES for q in ("", "q")]),
        np.array([row("cr=" + b + c) for b in _BUCKETS for c in _CLASSES]),
        np.array([row("cl=" + b) for b in _BUCKETS]),
        np.array([[row(_NEAR_ROLE[d][r]) for r in _ROLES] for d in _OFFSETS]),
        np.array([row("BOS")] + [row("early")] * 3),
        row("spk"),
        len(chain.rows),
        (row("ck=1"), row("ck=f"), row("ck=l"), row("ck=m")),
        {},
        {},
    )


def sentence_scores(
    chain: LinearChain, toks: list[Tok], marks: RuleMarks, speakers: frozenset[str] = frozenset()
) -> np.ndarray:
    """State scores (tokens x labels) of :func:`token_features`'s features under ``chain``.

    >>> from copytrail.claims.crf import LinearChain
    >>> from copytrail.claims.subjects import tokens
    >>> w = np.array([[0.0, 1.5], [0.0, 0.0]])
    >>> chain = LinearChain(("O", "B-S"), {"w=mayor": 0}, w, np.zeros((2, 2)))
    >>> t = "The mayor said."
    >>> sentence_scores(chain, tokens(t, 0, len(t)), RuleMarks.empty(4))[1].tolist()
    [0.0, 1.5]
    """
    return article_scores(chain, [(toks, marks)], speakers)[0]


def article_scores(
    chain: LinearChain,
    sentences: list[tuple[list[Tok], RuleMarks]],
    speakers: frozenset[str] = frozenset(),
) -> list[np.ndarray]:
    """:func:`sentence_scores` of every sentence of an article, computed in one pass over all
    its tokens (per-sentence array operations would cost more than the sums themselves)."""
    sizes = [len(toks) for toks, _ in sentences]
    total = sum(sizes)
    if not total:
        return [np.zeros((0, len(chain.labels))) for _ in sentences]
    scored = [_word_scores(t.text, chain) for toks, _ in sentences for t in toks]
    words = [w for w, _ in scored]
    block = np.array([b for _, b in scored])  # (tokens, 7, labels)
    pos = np.concatenate([np.arange(n) for n in sizes])  # each token's index in its sentence
    length = np.repeat(sizes, sizes)
    scores = block[:, 0].copy()
    for k, d in enumerate(_OFFSETS, start=1):
        # Token i sees the word at i + d as its neighbour at offset d, within its sentence.
        if abs(d) >= total:
            continue
        if d < 0:
            scores[-d:] += block[: total + d, k] * (pos[-d:] >= -d)[:, None]
        else:
            scores[: total - d] += (
                block[d:, k] * (pos[: total - d] + d < length[: total - d])[:, None]
            )
    rows = _context_rows(chain, words, sentences, pos, length, speakers)
    scores += chain.weights[rows].sum(axis=1)
    return np.split(scores, np.cumsum(sizes)[:-1])


def _chunk_rows(
    tab: _Rows, get: Any, lows: list[str], cls: list[str]
) -> list[tuple[int, ...] | None]:
    """:func:`_chunk_features` as weight rows. The five features a chunk's tokens share
    depend only on the words just outside it, so their rows are remembered per model."""
    n = len(lows)
    out: list[tuple[int, ...] | None] = [None] * n
    for a, b in _chunks(lows, cls):
        key = (lows[b] if b < n else "", lows[b + 1] if b + 1 < n else "", lows[a - 1] if a else "")
        shared = tab.chunks.get(key)
        if shared is None:
            if len(tab.chunks) > 1 << 18:
                tab.chunks.clear()
            strings = _chunk_context(lows[max(a - 1, 0) : b + 2], cls[max(a - 1, 0) : b + 2])
            # The chunk is found again in the slice: same words, same outside neighbours.
            shared = tab.chunks[key] = tuple(get(c, tab.zero) for c in _shared_of(strings, a))
        if b - a == 1:
            out[a] = (*shared, tab.place[0])
            continue
        out[a] = (*shared, tab.place[1])
        for k in range(a + 1, b - 1):
            out[k] = (*shared, tab.place[3])
        out[b - 1] = (*shared, tab.place[2])
    return out


def _shared_of(context: list[tuple[int, int, tuple[str, ...]]], a: int) -> tuple[str, ...]:
    """The shared features of the chunk starting at ``a`` (1 in a slice starting before it)."""
    start = 1 if a else 0
    return next(shared for s, _, shared in context if s == start)


def _pair_rows(tab: _Rows, get: Any, pair: str) -> tuple[int, int]:
    """Rows of "-1ww=a|b" and "1ww=a|b", remembered per model (common pairs recur)."""
    rows = tab.pairs.get(pair)
    if rows is None:
        if len(tab.pairs) > 1 << 18:
            tab.pairs.clear()
        rows = tab.pairs[pair] = (get("-1ww=" + pair, tab.zero), get("1ww=" + pair, tab.zero))
    return rows


def _context_rows(
    chain: LinearChain,
    words: list[_Word],
    sentences: list[tuple[list[Tok], RuleMarks]],
    pos: np.ndarray,
    length: np.ndarray,
    speakers: frozenset[str],
) -> np.ndarray:
    """Weight rows of each token's sentence-dependent features (tokens x :data:`_SLOTS`); a
    token without the feature of a slot has the model's zero row there."""
    tab = _rows(chain)
    get = chain.rows.get
    zero = tab.zero
    total = len(words)
    lows = [w.low for w in words]
    role_str: list[str] = []
    quoted: list[bool] = []
    dists: list[int] = []
    sentence_rows: list[int] = []
    chunk_rows: list[tuple[int, ...] | None] = []
    start = 0
    for toks, marks in sentences:
        n = len(toks)
        if not n:
            continue
        sl, sc = lows[start : start + n], [w.cls for w in words[start : start + n]]
        role_str += [
            r + ("B" if f else "") if r else "-"
            for r, f in zip(marks.role, marks.first, strict=True)
        ]
        quoted += marks.quoted
        right, left = _cue_distances(sc)
        dists += [r * 8 + g for r, g in zip(right, left, strict=True)]
        sq = "sq=" + str(any(marks.quoted)) + str("C" in marks.role) + str(sl[-1] not in _FINAL)
        sentence_rows += [get(sq, zero)] * n
        chunk_rows += _chunk_rows(tab, get, sl, sc)
        start += n
    role = np.array([_ROLE_INDEX[r] for r in role_str])
    cls_index = np.array([_CLASSES.index(w.cls) for w in words])
    dist = np.array(dists)
    out = np.full((total, _SLOTS), zero, dtype=np.intp)
    out[:, 0] = tab.role[role]
    out[:, 1] = tab.role_q[role * 2 + np.array(quoted, dtype=np.intp)]
    out[:, 2] = tab.right[(dist // 8) * 5 + cls_index]
    out[:, 3] = tab.left[dist % 8]
    out[:, 4] = sentence_rows
    none = (zero,) * 6
    out[:, 5:11] = [c or none for c in chunk_rows]
    out[:, 11] = [tab.spk if w.cap and w.low in speakers else zero for w in words]
    out[:, 12] = np.where(pos < 4, tab.early[np.minimum(pos, 3)], zero)
    for k, d in enumerate(_OFFSETS):
        col = out[:, 13 + k]
        if abs(d) >= total:
            continue
        if d < 0:
            col[-d:] = np.where(pos[-d:] >= -d, tab.near_role[k][role[: total + d]], zero)
        else:
            ok = pos[: total - d] + d < length[: total - d]
            col[: total - d] = np.where(ok, tab.near_role[k][role[d:]], zero)
    out[:, 19] = np.where(pos == 0, get("-1edge", zero), zero)
    out[:, 20] = np.where(pos + 1 == length, get("1edge", zero), zero)
    inner = np.flatnonzero(pos)  # tokens with a left neighbour in their sentence
    if len(inner):
        rows = np.array([_pair_rows(tab, get, lows[i - 1] + "|" + lows[i]) for i in inner.tolist()])
        out[inner, 19] = rows[:, 0]  # "-1ww=a|b" of the right word
        out[inner - 1, 20] = rows[:, 1]  # "1ww=a|b" of the left one
    return out
