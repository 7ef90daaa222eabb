"""Alignment on hand-built pairs: exact boundaries for verbatim and edited reprints."""

from __future__ import annotations

from copytrail.reuse.align import AlignParams, align_pair
from copytrail.reuse.tokens import tokenize

from .texts import filler, passage

P = AlignParams(ngram=5, min_words=15, gap=20)


def test_verbatim_reprint_exact_boundaries() -> None:
    p = passage(1, 40)
    a = f"{filler(1)} {p}. {filler(2)}"
    b = f"{filler(3, 2)}\n\n{p}. {filler(4)}"
    (m,) = align_pair(tokenize(a), tokenize(b), P)
    assert a[m.a_start : m.a_end] == p
    assert b[m.b_start : m.b_end] == p
    assert (m.a_start, m.b_start) == (a.index(p), b.index(p))
    assert m.score == 1.0 and m.a_words == 40


def test_edited_reprint_substitution_insertion_deletion_reorder() -> None:
    w = passage(2, 40).split()
    edited = list(w)
    edited[8] = "replacedword"  # substitution
    edited.insert(15, "inserted")  # insertion
    del edited[22]  # deletion
    edited[28], edited[29] = edited[29], edited[28]  # reordered words
    original, copy = " ".join(w), " ".join(edited)
    a = f"{filler(5)} {original}. {filler(6)}"
    b = f"{filler(7)} {copy}. {filler(8)}"
    (m,) = align_pair(tokenize(a), tokenize(b), P)
    assert a[m.a_start : m.a_end] == original
    assert b[m.b_start : m.b_end] == copy
    assert 0.7 < m.score < 1.0


def test_edited_edges_are_recovered_by_extension() -> None:
    w = passage(3, 30).split()
    edited = list(w)
    edited[2] = "changed"  # breaks every 5-gram touching the first words
    edited[-3] = "altered"
    a = f"{filler(9)} {' '.join(w)}. {filler(10)}"
    b = f"{filler(11)} {' '.join(edited)}. {filler(12)}"
    (m,) = align_pair(tokenize(a), tokenize(b), P)
    assert a[m.a_start : m.a_end] == " ".join(w)
    assert b[m.b_start : m.b_end] == " ".join(edited)


def test_short_shared_phrase_is_not_reuse() -> None:
    p = passage(4, 10)  # 10 words < min_passage_words
    a = f"{filler(13)} {p}. {filler(14)}"
    b = f"{filler(15)} {p}. {filler(16)}"
    assert align_pair(tokenize(a), tokenize(b), P) == []


def test_two_separate_passages_are_two_matches() -> None:
    p1, p2 = passage(5, 25), passage(6, 25)
    a = f"{p1}. {filler(17, 8)} {p2}."
    b = f"{filler(18, 2)} {p1}. {filler(19, 8)} {p2}. {filler(20)}"
    ms = align_pair(tokenize(a), tokenize(b), P)
    assert [a[m.a_start : m.a_end] for m in ms] == [p1, p2]


def test_self_reuse_inside_one_text() -> None:
    p = passage(7, 20)
    a = f"{p}. {filler(21)} {p}. {filler(22)}"
    t = tokenize(a)
    (m,) = align_pair(t, t, P, same=True)
    assert a[m.a_start : m.a_end] == p and a[m.b_start : m.b_end] == p
    assert m.a_start == 0 and m.b_start == a.rindex(p)


def test_sentence_pass_finds_heavily_edited_passage() -> None:
    w = passage(8, 60).split()
    # every fourth word replaced: almost no 5-gram survives
    edited = [("x" + t if k % 4 == 3 else t) for k, t in enumerate(w)]
    orig = ". ".join(" ".join(w[i : i + 12]) for i in range(0, 60, 12))
    copy = ". ".join(" ".join(edited[i : i + 12]) for i in range(0, 60, 12))
    a = f"{filler(23)} {orig}. {filler(24)}"
    b = f"{filler(25)} {copy}. {filler(26)}"
    params = AlignParams(ngram=5, min_words=15, gap=20, sentence_threshold=0.3, sentence_anchor=False)
    ms = align_pair(tokenize(a), tokenize(b), params)
    assert len(ms) == 1 and ms[0].kind == "sentence"
    assert a[ms[0].a_start : ms[0].a_end].startswith(orig[:20])
    # anchored (the default): similar sentences alone, without an exact passage, are not reuse
    anchored = AlignParams(ngram=5, min_words=15, gap=20, sentence_threshold=0.3)
    assert align_pair(tokenize(a), tokenize(b), anchored) == []
