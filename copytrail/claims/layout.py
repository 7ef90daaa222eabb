r"""Quotes with no cue: a speaker's quotes going on, and layout speakers.

Step 3 of the attribution cascade (:mod:`copytrail.claims.attributions`). Event write-ups put a
name and title on their own line and the speech under it in quotes; interviews let a speaker's
quotes run on over several paragraphs after one "she said". Both leave quotes with no cue of
their own, so the speaker comes from the layout or from the previous direct quote.

>>> from copytrail.claims.quotes import find_quotes
>>> text = 'Jane Doe, director of Housing Now\n\n"We need homes, not promises."'
>>> quotes, warnings = find_quotes(text)
>>> found = []
>>> layout_and_continuations(text, quotes, found, set(), warnings, [(0, 33), (35, 66)])
>>> [(text[f.source[0]:f.source[1]], text[f.content[0]:f.content[1]]) for f in found]
[('Jane Doe', 'We need homes, not promises.')]
"""

from __future__ import annotations

from bisect import bisect_right
from operator import itemgetter

from copytrail.claims.cues import cue_lemma
from copytrail.claims.frames import Frame, quotes_between
from copytrail.claims.lexicon import frame_patterns
from copytrail.claims.quotes import Quote, paragraph_breaks
from copytrail.claims.sentences import trim_span
from copytrail.claims.speakers import TITLES, is_org_like, title_gender
from copytrail.claims.subjects import OPEN_MARKS

_P = frame_patterns()
# A speaker line of an event write-up: a capitalised name, then perhaps a role after a comma.
_NAME_LINE = _P["name_line"]


def layout_and_continuations(
    text: str,
    outer: list[Quote],
    found: list[Frame],
    covered: set[int],
    warnings: list[str],
    sentences: list[tuple[int, int]],
) -> None:
    paras = _paragraphs(text)
    layout: tuple[int, int] | None = None  # name span of the current layout speaker
    layout_quoted = False  # a quoted paragraph has followed the current name line
    for p_start, p_end in paras:
        para = text[p_start:p_end]
        line_name = _name_line(text, p_start, p_end, outer)
        if line_name is not None:
            layout, layout_quoted = line_name, False
            continue
        opens_quoted = para.lstrip().startswith(tuple(OPEN_MARKS))
        if layout is not None and not opens_quoted and layout_quoted:
            # The quoted run under the name line is over: what follows ("Organisers listed
            # three demands:", a numbered list) is the writer's narrative again.
            layout = None
        if opens_quoted:
            layout_quoted = True
        para_quotes = [q for q in quotes_between(outer, p_start, p_end) if q.start not in covered]
        for q in para_quotes:
            f = _uncued_quote(
                text, q, layout if q.start == p_start else None, found, outer, sentences
            )
            if f is not None:
                found.append(f)
                covered.add(q.start)
        if layout is not None and not opens_quoted and len(para) > 0:
            # Event write-ups also give the speech unquoted right under the name line.
            if _bare_speech(found, p_start, p_end) and not para_quotes:
                found.append(Frame("direct", (p_start, p_end), None, layout))
            else:
                layout = None
    warnings.extend(_unspoken(text, outer, covered))


def _bare_speech(found: list[Frame], p_start: int, p_end: int) -> bool:
    return not any(f.content[0] >= p_start and f.content[1] <= p_end for f in found)


def _unspoken(text: str, outer: list[Quote], covered: set[int]) -> list[str]:
    # A quoted sentence nobody is found to have said is reported, not silently dropped.
    out = []
    for q in outer:
        words = len(text[q.content_start : q.content_end].split())
        if q.start not in covered and words >= 8 and _in_para_start_or_sentence(text, q):
            out.append(f"quote at {q.start}-{q.end} has no speaker")
    return out


def _uncued_quote(
    text: str,
    q: Quote,
    layout: tuple[int, int] | None,
    found: list[Frame],
    outer: list[Quote],
    sentences: list[tuple[int, int]],
) -> Frame | None:
    """The frame of a quote with no cue: the layout speaker's when it opens the paragraph under
    a name line, else the previous speaker's when it goes on from them."""
    if layout is not None:
        return Frame("direct", (q.content_start, q.content_end), None, layout)
    lead = _lead_in(text, q.start, sentences)
    if lead is not None:
        return Frame("direct", (q.content_start, q.content_end), lead[1], lead[0])
    prev = _previous_direct(found, q.start)
    if prev is not None and _continues(text, prev, q, outer, sentences):
        hint = speaker_hint_of(prev)
        return Frame("direct", (q.content_start, q.content_end), None, None, speaker_hint=hint)
    return None


# "Clinton added. “We have …”": a sentence of only a name (or pronoun) and a verb before a quote.
_LEAD_IN = _P["lead_in"]


def _lead_in(
    text: str, pos: int, sentences: list[tuple[int, int]]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(source, cue) of a lead-in sentence ending right before ``pos``, or None.

    >>> t = 'Rubio added. "We need a strong military."'
    >>> [t[a:b] for a, b in _lead_in(t, 13, [(0, 12), (13, 41)])]
    ['Rubio', 'added']
    """
    start = max(0, pos - 120)
    m = _LEAD_IN.search(text, start, pos)
    if m is None or not (cue_lemma(m.group("cue")) or m.group("cue").endswith("ed")):
        return None
    # The name opens its sentence ("Mr. Rhodes said." after a quote is no lead-in).
    i = bisect_right(sentences, m.start(), key=itemgetter(0)) - 1
    if i < 0 or sentences[i][0] != m.start():
        return None
    return (m.start("src"), m.end("src")), (m.start("cue"), m.end("cue"))


def _in_para_start_or_sentence(text: str, q: Quote) -> bool:
    before = text[max(0, q.start - 2) : q.start]
    return (
        q.start == 0
        or "\n" in before
        or text[q.content_start : q.content_end].rstrip()[-1:] in ".!?,"
    )


def speaker_hint_of(f: Frame) -> str:
    return f"@{f.source[0]}:{f.source[1]}" if f.source else (f.speaker_hint or "")


def _previous_direct(found: list[Frame], pos: int) -> Frame | None:
    best: Frame | None = None
    for f in found:
        if (
            f.content[1] <= pos
            and f.kind in ("direct", "mixed")
            and (best is None or f.content[1] > best.content[1])
        ):
            best = f
    return best


def _continues(
    text: str, prev: Frame, q: Quote, outer: list[Quote], sentences: list[tuple[int, int]]
) -> bool:
    # A quote right after the previous speaker's sentence or paragraph, with no other quote
    # or named subject in between, is the same speaker going on.
    end = max([prev.content[1]] + [p[1] for p in (prev.cue, prev.source) if p])
    gap = text[end : q.start]
    if len(gap) > 400:
        return False
    if quotes_between(outer, prev.content[1] + 1, q.start):
        return False
    if q.content_end - q.content_start < 10:
        return False
    # The rest of the speaker's own sentence ("…," said Ms. Lee, who owns the Harbor Street
    # Bakery.) describes the speaker; a place or organisation later ("She marched to City Hall.")
    # or the speaker's name again changes nothing. Another person named in between may be the
    # next speaker.
    i = bisect_right(sentences, end - 1, key=itemgetter(1))
    if i < len(sentences) and sentences[i][0] <= end - 1:
        gap = text[max(end, min(sentences[i][1], q.start)) : q.start]
    own = text[prev.source[0] : prev.source[1]].split() if prev.source else []
    for m in _TWO_CAPS.finditer(gap):
        name = m.group(0)
        if not is_org_like(name) and name.split()[-1] not in own:
            return False
    return True


_TWO_CAPS = _P["two_caps"]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for b_start, b_end in paragraph_breaks(text) + [(len(text), len(text))]:
        span = trim_span(text, pos, b_start)
        if span:
            out.append(span)
        pos = b_end
    return out


def _name_line(text: str, s: int, e: int, outer: list[Quote]) -> tuple[int, int] | None:
    line = text[s:e]
    if "\n" in line or len(line) > 120 or line[-1:] in '.?!"”’' or line[:1] in OPEN_MARKS:
        return None
    m = _NAME_LINE.fullmatch(line)
    if m is None:
        return None
    name = m.group("name")
    words = name.split()
    if len(words) < 2 or any(w.lower().rstrip(".") in TITLES for w in words[-1:]):
        return None
    # A speaker line names a person (known first name or title) or gives a role after the
    # name ("Jane Doe, Director of Housing Now"); "Flood Update" is a heading.
    has_role = m.end("name") < len(line.rstrip())
    if (
        not has_role
        and title_gender(name) is None
        and not any(w.lower().rstrip(".") in TITLES for w in words)
    ):
        return None
    # The next paragraph must open with a quote, else this is a heading, not a speaker.
    nxt = text[e:].lstrip()
    if not nxt or nxt[0] not in OPEN_MARKS:
        return None
    return (s + m.start("name"), s + m.end("name"))
