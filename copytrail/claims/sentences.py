"""Sentence spans with exact character offsets, no model needed.

>>> text = 'Mr. Smith said 3.5 million people came. "It was huge," he added. Then rain.'
>>> [text[s:e] for s, e in sentence_spans(text)]
['Mr. Smith said 3.5 million people came.', '"It was huge," he added.', 'Then rain.']
>>> text = "J.J. Goldberg wrote it. George H.W. Bush agreed."
>>> [text[s:e] for s, e in sentence_spans(text)]
['J.J. Goldberg wrote it.', 'George H.W. Bush agreed.']
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence (lower-cased, no dot).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen col lt sgt capt gov sen rep rev hon pres vs etc
    inc ltd co corp no nos vol fig al approx jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k e.g i.e a.m p.m ph.d rs""".split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+|$)")
_PARA = re.compile(r"\n\s*\n")


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if word in ABBREVIATIONS:
        return True
    # Initials ("J. Smith", "J.J. Goldberg", "George H.W. Bush") do not end sentences.
    segments = text[start:dot].split(".")
    return all(len(seg) == 1 and seg.isupper() for seg in segments)


# The last text split and its sentences: the claims stage asks for the sentences of one article
# three times (attributions, speaker resolution, figures' antecedents).
_last: tuple[str, list[tuple[int, int]]] = ("", [])


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; paragraph breaks always end a sentence.

    >>> sentence_spans("One. Two.") is not sentence_spans("One. Two.")  # a fresh list each call
    True
    """
    global _last
    last = _last
    if last[0] is text:
        return list(last[1])
    spans = _sentence_spans(text)
    _last = (text, spans)
    return list(spans)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    para_start = 0
    breaks = [m.start() for m in _PARA.finditer(text)] + [len(text)]
    for para_end in breaks:
        _split_paragraph(text, para_start, para_end, spans)
        m = _PARA.match(text, para_end)
        para_start = m.end() if m else para_end
    return spans


def _split_paragraph(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    seg_start = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.end()
        if (
            text[m.start()] == "."
            and m.end() - m.start() == 1
            and _is_abbreviation(text, m.start())
        ):
            continue
        nxt = stop
        while nxt < end and text[nxt].isspace():
            nxt += 1
        # A lower-case continuation ("3.5 million", "he said. and") is not a new sentence.
        if nxt < end and text[nxt].islower():
            continue
        _emit(text, seg_start, stop, out)
        seg_start = nxt
    _emit(text, seg_start, end, out)


def trim_span(text: str, s: int, e: int) -> tuple[int, int] | None:
    """``(s, e)`` without surrounding white space; None when nothing else is left.

    >>> trim_span("  ab  ", 0, 6), trim_span("   ", 0, 3)
    ((2, 4), None)
    """
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def _emit(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    span = trim_span(text, s, e)
    if span:
        out.append(span)
