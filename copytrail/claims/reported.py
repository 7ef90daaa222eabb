"""What a reporting cue reports: the quote next to it or the clause after it, as spans.

:mod:`copytrail.claims.frames` finds a cue and its speaker; this module finds the content: a
quote ending right before the cue or its speaker ('"…," she said'), a quote opening right after
('said on Tuesday: "…"'), or the reported clause after the cue ("told reporters in Ohio that
…"). The gap patterns and function words come from ``data/frames_<lang>.json``.

>>> from copytrail.claims.quotes import find_quotes
>>> from copytrail.claims.subjects import tokens
>>> text = 'She told reporters on Monday that the plant will close.'
>>> toks = tokens(text, 0, len(text))
>>> span = clause_after(text, toks, 1, (0, 8), "tell", len(text))
>>> text[slice(*span)]
'the plant will close'
>>> text = '"We will rebuild," he said.'
>>> q = quote_before(text, 19, find_quotes(text)[0], True)
>>> text[q.content_start : q.content_end]
'We will rebuild,'
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from copytrail.claims.cues import OBJECT_CUES, STRONG
from copytrail.claims.lexicon import frame_patterns, frame_words
from copytrail.claims.quotes import Quote
from copytrail.claims.speakers import PRONOUNS
from copytrail.claims.subjects import OPEN_MARKS, TIME_WORDS, Tok, is_sentence_end


@dataclass(slots=True)
class Frame:
    """Spans of one attribution before speaker resolution (``text[start:end]`` pairs)."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    speaker_hint: str | None = None  # a name known from layout or continuation
    learned: bool = False  # added by the learned tagger (:mod:`copytrail.claims.tagger`)


_W = frame_words()
_P = frame_patterns()
_SUBORDINATORS = _W["subordinators"]
_SPEECH = frozenset(STRONG.values())  # lemmas of speech and writing cues


def _start(q: Quote) -> int:
    return q.start


def in_quote(pos: int, outer: list[Quote]) -> Quote | None:
    # Outer quotes never overlap and are sorted by start: the only candidate is the last one
    # starting at or before ``pos``.
    i = bisect_right(outer, pos, key=_start) - 1
    if i >= 0 and outer[i].content_start <= pos < outer[i].content_end:
        return outer[i]
    return None


def quotes_between(outer: list[Quote], start: int, end: int) -> list[Quote]:
    """Outer quotes that open inside ``[start, end)``."""
    return outer[bisect_left(outer, start, key=_start) : bisect_left(outer, end, key=_start)]


def ends_after_source(text: str, pos: int) -> bool:
    rest = text[pos : pos + 60]
    return bool(_P["ends_after_source"].match(rest)) or not rest.strip()


def quote_before(text: str, pos: int, outer: list[Quote], at_end: bool) -> Quote | None:
    for i in range(bisect_left(outer, pos, key=_start) - 1, -1, -1):
        q = outer[i]
        if q.end <= pos:
            gap = text[q.end : pos]
            if q.end < pos - 3 or gap.strip(" ,—–-\u00a0") != "":
                return None
            # '"…," she said' — a quote closing a full sentence needs the attribution to
            # end the sentence too ('"We won." she said.' is rare but '"We won." He left' is not).
            last = text[q.content_start : q.content_end].rstrip()[-1:]
            if last in ",!?—–-" or "," in gap or "—" in gap or at_end:
                return q
            return None
    return None


def quote_after(text: str, pos: int, outer: list[Quote], lemma: str) -> Quote | None:
    i = bisect_left(outer, pos, key=_start)
    if i >= len(outer):
        return None
    q = outer[i]
    # A quoted title followed by "that" ('told “Good Morning America” that') is a name.
    if q.start - pos > 60 or _P["quoted_title_after"].match(text[q.end : q.end + 6]):
        return None
    gap = text[pos : q.start]
    if len(gap) <= 40 and _P["gap_plain"].fullmatch(gap):
        return q
    if lemma in OBJECT_CUES and _P["gap_addressee"].fullmatch(gap):
        return q
    if _P["gap_time_or_venue"].fullmatch(gap) and (
        lemma in _SPEECH or (gap.rstrip().endswith(":") and len(gap.split()) <= 2)
    ):
        # 'said Tuesday: "…"', 'said in a statement, "…"', 'went further: "…"'; a belief
        # verb does not reach over a clause to a quote ('did not think it would last: "…"').
        return q
    return None


def clause_after(
    text: str, toks: list[Tok], i: int, edges: tuple[int, int], lemma: str, s_end: int
) -> tuple[int, int] | None:
    """The reported clause after the cue and its source (``edges``: where both start and end;
    an inverted source may follow the cue)."""
    j = i + 1
    while j < len(toks) and toks[j].end <= edges[1]:
        j += 1
    if j >= len(toks) or is_sentence_end(toks, j):
        return None
    s_end = _subordinate_end(toks, j, edges[0], s_end)
    k = _near_that(toks, j, lemma)
    if k is not None:
        # "said Tuesday that", "told reporters in Ohio that": jump to a near "that".
        return nonempty(trim(text, toks[k].end, s_end))
    if toks[j].text == ",":
        # 'said, per a translator, that …' / 'said, however, that …'; without "that" the
        # content of "…, X said, …" was before.
        k = _that_after_aside(toks, j)
        return None if k is None else nonempty(trim(text, toks[k].end, s_end))
    while j < len(toks) and toks[j].low in TIME_WORDS:
        j += 1
    if lemma in OBJECT_CUES:
        j = _after_addressee(toks, j)
    if j >= len(toks):
        return None
    return nonempty(trim(text, toks[j].start, s_end))


def _subordinate_end(toks: list[Tok], j: int, frame_start: int, s_end: int) -> int:
    # "He did not think it would last: “…,” Roffman said": a colon before a quote ends the
    # reported clause; the quote is what comes next, often someone else's.
    for k in range(j, len(toks) - 1):
        if toks[k].text == ":" and toks[k + 1].text in OPEN_MARKS:
            s_end = min(s_end, toks[k].start)
            break
    # "When the moderator pointed out that …, the candidate said …": the report inside a
    # subordinate clause ends at the clause's comma; the main clause is another frame.
    if _in_subordinate(toks, frame_start):
        comma = next((t.start for t in toks[j + 1 :] if t.text == ","), None)
        if comma is not None:
            return min(s_end, comma)
    return s_end


def _in_subordinate(toks: list[Tok], frame_start: int) -> bool:
    """Whether the frame starting at ``frame_start`` sits in a clause a subordinator opens: at
    the sentence start or after a comma ("Later, when I emailed him, he replied …")."""
    if toks[0].low in _SUBORDINATORS and toks[0].start < frame_start:
        return True
    k = next((k for k, t in enumerate(toks) if t.start >= frame_start), 0)
    return k >= 2 and toks[k - 1].low in _SUBORDINATORS and toks[k - 2].text == ","


def _near_that(toks: list[Tok], j: int, lemma: str) -> int | None:
    for k in range(j, min(j + 12, len(toks))):
        if toks[k].text in ",;" and lemma not in OBJECT_CUES:
            return None
        if toks[k].low == "that" and (
            k == j or lemma in OBJECT_CUES or toks[k - 1].low in TIME_WORDS or k - j <= 6
        ):
            return k
    return None


def _that_after_aside(toks: list[Tok], j: int) -> int | None:
    for k in range(j + 1, min(j + 14, len(toks) - 1)):
        if toks[k].text == "," and toks[k + 1].low == "that":
            return k + 1
        if toks[k].text in ";:" or toks[k].text in OPEN_MARKS:
            return None
    return None


def _after_addressee(toks: list[Tok], j: int) -> int:
    # Skip the addressee ("told reporters", "warned the crowd").
    k = j
    while k < len(toks) and k - j < 4 and toks[k].text.isalpha() and toks[k].low not in PRONOUNS:
        k += 1
    if (
        k < len(toks)
        and (toks[k].low in PRONOUNS or toks[k].low in _W["addressee_heads"])
        and k > j
    ):
        return k
    return j


def nonempty(span: tuple[int, int]) -> tuple[int, int] | None:
    return span if span[1] > span[0] else None


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return (s, e)
