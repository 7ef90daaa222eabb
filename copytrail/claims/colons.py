"""Frames a colon opens: headline and transcript speakers, and a clause then a colon.

'Trump: “I will win.”' and 'Jane Smith: We need more money.' name the speaker before the colon
(a capitalised name, not a label such as "Update:" or a transcript turn "Q:"); 'Trump went even
further: “If he loses …”' has a speaker, a verb, a colon and a quote. Called by
:func:`copytrail.claims.frames.sentence_frames` for the first colon of a sentence without a
frame yet.

>>> from copytrail.claims.quotes import find_quotes
>>> from copytrail.claims.subjects import tokens
>>> text = 'Lena Ortiz: “We will not give up the library.”'
>>> toks = tokens(text, 0, len(text))
>>> f = colon_cue(text, toks, 2, len(text), find_quotes(text)[0], set())
>>> text[slice(*f.source)], text[slice(*f.content)]
('Lena Ortiz', 'We will not give up the library.')
"""

from __future__ import annotations

from copytrail.claims.lexicon import frame_words
from copytrail.claims.quotes import Quote
from copytrail.claims.reported import Frame, quote_after, trim
from copytrail.claims.subjects import BETWEEN, NOUN_BEFORE, NP_STOP, Tok, left_subject

_W = frame_words()
# First words of a "Word: …" line that is a label, not a speaker ("Update:", "Photo:").
_NO_SOURCE_LINES = _W["no_source_lines"]
_IRREGULAR_PAST = _W["irregular_past"]


def colon_cue(
    text: str, toks: list[Tok], i: int, s_end: int, outer: list[Quote], covered: set[int]
) -> Frame | None:
    """'Trump: “I will win.”' and 'Jane Smith: We need more money.' (headlines, transcripts);
    'Trump went even further: “If he loses …”' (a speaker, a verb, a colon and a quote)."""
    if i == 0 or i + 1 >= len(toks):
        return None
    if (
        i > 8
        or not toks[0].text[0].isupper()
        or any(t.text[0].islower() for t in toks[1:i] if t.text[0].isalpha())
    ):
        return _clause_colon(text, toks, i, outer, covered)
    head = toks[:i]
    words = _name_head(head)
    if words is None:
        return None
    src = (head[0].start, head[-1].end)
    cue = (toks[i].start, toks[i].end)
    q = quote_after(text, cue[1], outer, "say")
    if q is not None and q.start not in covered:
        covered.add(q.start)
        return Frame("direct", (q.content_start, q.content_end), cue, src)
    if not toks[i + 1].text[0].isupper() or len(words) > 4:
        return None
    content = trim(text, cue[1], s_end)
    return Frame("indirect", content, cue, src) if content[1] > content[0] else None


def _name_head(head: list[Tok]) -> list[Tok] | None:
    """The words of a capitalised name before a colon, None when it is a label or a number."""
    words = [t for t in head if t.text[0].isalnum()]
    if not words or not words[0].text[0].isupper() or len(words[0].text) == 1 == len(words):
        return None  # 'Q: …', 'A: …': the turns of a transcript, not speakers
    content_words = [w for w in words if w.low not in _W["articles"]]
    if any(t.text.isdigit() for t in head) or any(w.low in _NO_SOURCE_LINES for w in content_words):
        return None
    joiners = _W["headline_joiners"]
    if not all(t.text[0].isupper() or t.low in joiners or not t.text[0].isalnum() for t in head):
        return None
    return words


def _clause_colon(
    text: str, toks: list[Tok], i: int, outer: list[Quote], covered: set[int]
) -> Frame | None:
    q = quote_after(text, toks[i].end, outer, "say")
    if q is None or q.start in covered or i > 14:
        return None
    # The first lower-case word right after a name or a personal pronoun is taken as the verb.
    for v in range(1, i):
        verb, before = toks[v], toks[v - 1]
        if (
            not (verb.text.isalpha() and verb.text.islower())
            or verb.low in NP_STOP
            or verb.low in BETWEEN
        ):
            continue
        finite = verb.low.endswith(("ed", "s")) or verb.low in _IRREGULAR_PAST
        if finite and (
            before.low in _W["subject_pronouns"]
            or (
                before.text[0].isupper() and before.text.isalpha() and before.low not in NOUN_BEFORE
            )
        ):
            subj = left_subject(text, toks, v)
            if isinstance(subj, tuple):
                covered.add(q.start)
                return Frame(
                    "direct", (q.content_start, q.content_end), (verb.start, verb.end), subj
                )
    return None
