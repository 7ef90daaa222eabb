"""The alignment's shortcuts give what the long way gives (issue #15, speed).

Each shortcut is checked against the rule it stands for, on invented texts: sentence units end
where the sentence splitter ends sentences; the sentence pass is skipped only when it could
find nothing; echoes are the passages the vectorised definition calls echoes; texts kept
between chunks, and the order pairs are aligned in, change no alignment.
"""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from copytrail.claims.sentences import sentence_spans
from copytrail.reuse.align import (
    AlignParams,
    _core_words,
    _ngram_pass,
    _sentence_pass,
    align_pair,
    units,
)
from copytrail.reuse.bounds import owned
from copytrail.reuse.schedule import Prepared, locality_order
from copytrail.reuse.stage import align_pairs
from copytrail.reuse.tokens import tokenize

from .texts import filler, passage

PIECES = [
    "Mr.",
    "mr.",
    "U.S.",
    "e.g.",
    "J.",
    "J.J.",
    "3.5",
    "end.",
    "end!",
    "why?",
    '."',
    ".”",
    "…",
    "...",
    "\n",
    "\n\n",
    " \n \n ",
    "word",
    "Word",
    "élan",
    "Élan",
    "?!",
    "x.y",
    ".)",
    "Rs.",
    "No.",
    "etc.",
    "«",
    "»",
    ".'",
    "\u00a0",
    "A.B.C.",
    "ok.Next",
    "1.",
    "\t",
    "Ünter",
    "über",
]


def _units_by_splitter(text: str, min_words: int, max_words: int) -> list[list[int]]:
    """Unit bounds computed the long way: every sentence end of the splitter, every line break."""
    t = tokenize(text)
    n = len(t)
    if n == 0:
        return []
    ends = [e for _, e in sentence_spans(text)] + [i for i, c in enumerate(text) if c == "\n"]
    cuts = sorted({0, *np.searchsorted(t.starts, np.asarray(ends, dtype=np.int64)).tolist()})
    edges = [c for c in cuts if c < n] + [n]
    bounds: list[list[int]] = []
    start = 0
    for stop in edges[1:]:
        if stop - start < min_words and stop != n:
            continue
        pieces = max(1, -(-(stop - start) // max_words))
        step = -(-(stop - start) // pieces)
        bounds += [[p0, min(stop, p0 + step)] for p0 in range(start, stop, step)]
        start = stop
    return bounds


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=30),
    st.lists(st.sampled_from(["", " ", "\n"]), min_size=30, max_size=30),
)
def test_units_end_where_the_sentence_splitter_ends_sentences(
    pieces: list[str], seps: list[str]
) -> None:
    text = "".join(p + s for p, s in zip(pieces, seps, strict=False))
    for min_words, max_words in ((1, 1000), (4, 40)):
        got = units(tokenize(text), min_words, max_words).bounds.tolist()
        assert got == _units_by_splitter(text, min_words, max_words)


def test_sentence_pass_skipped_only_when_it_finds_nothing() -> None:
    """Texts that share only short phrases (shorter than a passage): the sentence pass, run
    anyway, finds nothing, so skipping it changes nothing; a long shared passage is found."""
    p = AlignParams(ngram=5, min_words=15, sentence_threshold=0.4)
    rng = random.Random(3)
    for k in range(40):
        shared = [passage(100 + k * 5 + j, rng.randint(5, 9)) for j in range(3)]
        a = " ".join(f"{filler(k * 10 + j, 1)} {s}." for j, s in enumerate(shared))
        b = " ".join(f"{s}, {filler(k * 10 + j + 500, 1)}" for j, s in enumerate(reversed(shared)))
        ta, tb = tokenize(a), tokenize(b)
        rows = owned(_ngram_pass(ta, tb, p, False, None, None))
        assert rows, "the short phrases are exact anchors"
        core = _core_words([(*r[:5], True, ()) for r in rows])
        assert core < p.min_words
        assert _sentence_pass(ta, tb, p, rows) == []
        assert align_pair(ta, tb, p) == []
    long = passage(7, 40)
    (m,) = align_pair(tokenize(f"{filler(1)} {long}."), tokenize(f"{long}. {filler(2)}"), p)
    assert m.a_words == 40 and m.b_words == 40


def _owned_by_definition(
    anchors: list[tuple[int, int, int, int, float]],
) -> list[tuple[int, int, int, int, float]]:
    keep = []
    for x in anchors:
        echo = False
        for y in anchors:
            if (y[1] - y[0]) + (y[3] - y[2]) <= (x[1] - x[0]) + (x[3] - x[2]):
                continue
            in_a = min(y[1], x[1]) - max(y[0], x[0]) >= (x[1] - x[0]) / 2
            in_b = min(y[3], x[3]) - max(y[2], x[2]) >= (x[3] - x[2]) / 2
            apart_a = x[1] <= y[0] or y[1] <= x[0]
            apart_b = x[3] <= y[2] or y[3] <= x[2]
            echo = echo or (in_a and apart_b) or (in_b and apart_a)
        if not echo:
            keep.append(x)
    return keep


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(1, 30), st.integers(0, 60), st.integers(1, 30)),
        max_size=8,
    )
)
def test_echoes_are_the_defined_echoes(boxes: list[tuple[int, int, int, int]]) -> None:
    anchors = [(a, a + la, b, b + lb, 1.0) for a, la, b, lb in boxes]
    assert owned(anchors) == _owned_by_definition(anchors)


def _corpus() -> tuple[list[tuple[int, int]], dict[int, tuple[str, str]]]:
    """Twelve texts, reprints among them (verbatim and edited), and every pair of them."""
    shared = [passage(s, 40) for s in range(3)]
    texts: dict[int, tuple[str, str]] = {}
    for d in range(12):
        body = f"{filler(d)} {shared[d % 3]}. {filler(d + 50, 2)}"
        if d % 4 == 1:
            w = body.split()
            w[12] = "changed"
            body = " ".join(w)
        texts[d] = (f"art{d}", body)
    pairs = [(a, b) for a in range(12) for b in range(a + 1, 12)]
    return pairs, texts


def test_texts_kept_between_chunks_change_no_alignment() -> None:
    pairs, texts = _corpus()
    p = AlignParams(ngram=5, min_words=15, sentence_threshold=0.4)
    whole = align_pairs(pairs, texts, p)
    assert len({(r["doc_a"], r["doc_b"]) for r in whole}) == 3 * 6  # each text with its 3 reprints
    kept = Prepared(p, capacity=3)  # fewer than a chunk's texts: entries are evicted and redone
    chunked = [
        r for k in range(0, len(pairs), 7) for r in align_pairs(pairs[k : k + 7], texts, p, kept)
    ]
    assert chunked == whole
    # a text that changed between two calls is prepared again, not taken from the kept one
    texts[0] = ("art0", filler(99))
    assert not [r for r in align_pairs(pairs[:11], texts, p, kept) if r["doc_a"] == 0]


def test_locality_order_is_a_permutation_keeping_each_group_together() -> None:
    a = np.array([10, 30, 11, 31, 12, 30], dtype=np.int64)
    b = np.array([11, 31, 12, 32, 13, 32], dtype=np.int64)
    order = locality_order(a, b)
    assert sorted(order.tolist()) == list(range(6))
    groups = ["low" if x < 20 else "high" for x in a[order].tolist()]
    assert groups in (["low"] * 3 + ["high"] * 3, ["high"] * 3 + ["low"] * 3)
    assert (locality_order(a, b) == order).all()
    assert locality_order(a[:0], b[:0]).shape == (0,)
