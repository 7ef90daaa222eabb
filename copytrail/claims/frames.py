"""Attribution frames in one sentence: cue, speaker mention and content spans, no model.

A frame is what a reporting cue opens: "Mayor X said (that) CONTENT", "CONTENT, X said",
"'CONTENT,' said X, the mayor", "according to X, CONTENT", "X: 'CONTENT'". For each cue outside
quotes (:mod:`copytrail.claims.cues`, with stance verbs from :mod:`copytrail.claims.lexicon`),
:func:`sentence_frames` finds the speaker mention on the left or on the right
(:mod:`copytrail.claims.subjects`), or the agent of a passive ("was reported by X"), then the
content: the adjacent quote, the clause after the cue, or the clause before the speaker. Stance
cues inside a frame already found are part of that report and are skipped; speech cues inside a
reported clause give nested attributions, as news annotators mark them.

>>> from copytrail.claims.quotes import find_quotes
>>> text = 'The plant will close, a company spokesman said on Friday.'
>>> frames: list[Frame] = []
>>> sentence_frames(text, 0, len(text), [], frames, set())
>>> [(text[slice(*f.source)], text[slice(*f.cue)], text[slice(*f.content)]) for f in frames]
[('a company spokesman', 'said', 'The plant will close')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from copytrail.claims.cues import AMBIGUOUS, LEARNED, OBJECT_CUES, STRONG, cue_lemma
from copytrail.claims.quotes import Quote
from copytrail.claims.speakers import PRONOUNS
from copytrail.claims.subjects import (
    BETWEEN,
    NOUN_BEFORE,
    NP_STOP,
    OPEN_MARKS,
    TIME_WORDS,
    UNNAMED_HEADS,
    Tok,
    appositive_subject,
    closing_quote_before_comma,
    ends_in_determiner,
    is_sentence_end,
    left_subject,
    looks_unnamed_thing,
    not_a_speaker,
    numeric,
    possessive_or_bare,
    progressive,
    right_subject,
    sentence_subject,
    tokens,
)


@dataclass(slots=True)
class Frame:
    """Spans of one attribution before speaker resolution (``text[start:end]`` pairs)."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    speaker_hint: str | None = None  # a name known from layout or continuation
    learned: bool = False  # added by the learned tagger (:mod:`copytrail.claims.tagger`)


# -- cues ----------------------------------------------------------------------------------------


def _start(q: Quote) -> int:
    return q.start


def _in_quote(pos: int, outer: list[Quote]) -> Quote | None:
    # Outer quotes never overlap and are sorted by start: the only candidate is the last one
    # starting at or before ``pos``.
    i = bisect_right(outer, pos, key=_start) - 1
    if i >= 0 and outer[i].content_start <= pos < outer[i].content_end:
        return outer[i]
    return None
_PARTICLE_AFTER = frozenset({"up", "off", "down", "away", "out", "over", "back", "around"})


# A weak cue followed by one of these is intransitive or a phrasal use ("backed by", "went on").
_OBJ_STOP = frozenset("by in at on for from with as of into over up out off down away back and or but".split())


def sentence_frames(
    text: str, s_start: int, s_end: int, outer: list[Quote], found: list[Frame], covered: set[int]
) -> None:
    toks = tokens(text, s_start, s_end)
    # Content and source spans already claimed in this sentence: stance cues inside them are
    # part of an outer report ("She added that Democrats have called her"), not reported again.
    claimed: list[tuple[int, int]] = []
    # Speech cues inside a reported clause are reported too (annotators mark nested reports,
    # and "X decided …, sources said" is the sources' report): only a claimed source blocks them.
    sources: list[tuple[int, int]] = []
    titled = _title_case(toks)
    found_here = False
    i = 0
    while i < len(toks):
        t = toks[i]
        is_according = t.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to"
        # "According to" frames the whole sentence, so it is kept even inside a claimed clause.
        if _in_quote(t.start, outer) is not None or (
            not is_according
            and any(a <= t.start < b for a, b in claimed)
            and not (t.low in STRONG and not any(a <= t.start < b for a, b in sources))
        ):
            i += 1
            continue
        f: Frame | None = None
        if is_according:
            f = _according_to(text, toks, i, s_start, s_end, outer)
        elif t.text == ":" and not found_here:
            f = _colon_cue(text, toks, i, s_end, outer, covered)
        elif (t.text[0].islower() or (titled and i > 0)) and (
            cue_lemma(t.low) is not None or _verb_like(toks, i)
        ):
            before = set(covered)
            f = _verb_cue(text, toks, i, s_start, s_end, outer, covered)
            inner = [a for a, b in claimed if a <= t.start < b]
            if f is not None and inner and min(f.content[0], (f.source or f.content)[0]) < max(inner):
                # A nested report stays inside its clause ("chanted that it agreed" has no content).
                f = None
                covered.intersection_update(before)
        if f is not None:
            found.append(f)
            found_here = True
            if f.source:
                claimed.append(f.source)
                sources.append(f.source)
            if f.content[0] > (f.cue or f.content)[0]:
                claimed.append(f.content)
        i += 1


_NOT_VERBS = frozenset(
    """was has is his this its us was does goes yes news less unless thus plus series press
    business process status focus campus census bus gas boss loss kiss miss chaos""".split()
)
_NO_SOURCE_LINES = frozenset(
    """update note question answer editor photo photos watch read related source sources video
    correction clarification disclosure warning image caption listen subscribe latest
    previously breaking exclusive opinion analysis editorial""".split()
)


def _title_case(toks: list[Tok]) -> bool:
    words = [t for t in toks if t.text[0].isalpha()]
    if len(words) < 4:
        return False
    caps = sum(1 for t in words if t.text[0].isupper())
    return caps >= 0.75 * len(words)


def _verb_like(toks: list[Tok], i: int) -> bool:
    """A finite verb outside the cue list that reports: '-ed'/'-s' form + that-clause or quote."""
    t = toks[i]
    if len(t.low) < 4 or t.low in _NOT_VERBS or not t.text.isalpha():
        return False
    if not (t.low.endswith("ed") or (t.low.endswith("s") and not t.low.endswith("ss"))):
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and (nxt.low == "that" or nxt.text in OPEN_MARKS)


def _colon_cue(
    text: str, toks: list[Tok], i: int, s_end: int, outer: list[Quote], covered: set[int]
) -> Frame | None:
    """'Trump: “I will win.”' and 'Jane Smith: We need more money.' (headlines, transcripts);
    'Trump went even further: “If he loses …”' (a speaker, a verb, a colon and a quote)."""
    if i == 0 or i + 1 >= len(toks):
        return None
    if i > 8 or not toks[0].text[0].isupper() or any(t.text[0].islower() for t in toks[1:i] if t.text[0].isalpha()):
        return _clause_colon(text, toks, i, outer, covered)
    head = toks[:i]
    words = [t for t in head if t.text[0].isalnum()]
    if not words or not words[0].text[0].isupper():
        return None
    content_words = [w for w in words if w.low not in {"the", "a", "an"}]
    if any(t.text.isdigit() for t in head) or any(w.low in _NO_SOURCE_LINES for w in content_words):
        return None
    if not all(t.text[0].isupper() or t.low in {"of", "the", "and", "for", "s", "’s", "'s"} or not t.text[0].isalnum() for t in head):
        return None
    src = (head[0].start, head[-1].end)
    cue = (toks[i].start, toks[i].end)
    q = _quote_starting_after(text, cue[1], outer, "say")
    if q is not None and q.start not in covered:
        covered.add(q.start)
        return Frame("direct", (q.content_start, q.content_end), cue, src)
    nxt = toks[i + 1]
    if not nxt.text[0].isupper() or len(words) > 4:
        return None
    content = _trim(text, cue[1], s_end)
    return Frame("indirect", content, cue, src) if content[1] > content[0] else None


def _clause_colon(
    text: str, toks: list[Tok], i: int, outer: list[Quote], covered: set[int]
) -> Frame | None:
    q = _quote_starting_after(text, toks[i].end, outer, "say")
    if q is None or q.start in covered or i > 14:
        return None
    # The first lower-case word right after a name or a personal pronoun is taken as the verb.
    for v in range(1, i):
        verb, before = toks[v], toks[v - 1]
        if not (verb.text.isalpha() and verb.text.islower()) or verb.low in NP_STOP or verb.low in BETWEEN:
            continue
        finite = verb.low.endswith(("ed", "s")) or verb.low in _IRREGULAR_PAST
        if finite and (
            before.low in {"he", "she", "they", "we", "i"}
            or (before.text[0].isupper() and before.text.isalpha() and before.low not in NOUN_BEFORE)
        ):
            subj = left_subject(text, toks, v)
            if isinstance(subj, tuple):
                covered.add(q.start)
                return Frame("direct", (q.content_start, q.content_end), (verb.start, verb.end), subj)
    return None


_IRREGULAR_PAST = frozenset("went said told wrote gave made took came put got spoke sent left began".split())


def _according_to(
    text: str, toks: list[Tok], i: int, s_start: int, s_end: int, outer: list[Quote]
) -> Frame | None:
    cue = (toks[i].start, toks[i + 1].end)
    # Source: the noun phrase after "to" up to a comma or the sentence end.
    j = i + 2
    k = j
    while k < len(toks) and toks[k].text not in ",;:—–()" and not is_sentence_end(toks, k):
        if k > j + 1 and toks[k].low in {"that", "which", "who", "released", "published", "conducted"}:
            break
        k += 1
    if k == j:
        return None
    source = (toks[j].start, toks[k - 1].end)
    if i > 0 and toks[i - 1].text == ",":
        content = (s_start, toks[i - 1].start)  # "CONTENT, according to X."
    elif k < len(toks) and toks[k].text == ",":
        content = (toks[k].end, s_end)  # "According to X, CONTENT."
    else:
        content = (s_start, toks[i].start) if i > 0 else (toks[k - 1].end, s_end)
    content = _trim(text, *content)
    if content[1] <= content[0]:
        return None
    return Frame("according-to", content, cue, source)


def _verb_cue(
    text: str,
    toks: list[Tok],
    i: int,
    s_start: int,
    s_end: int,
    outer: list[Quote],
    covered: set[int],
) -> Frame | None:
    t = toks[i]
    lemma = cue_lemma(t.low) or ""
    strong = t.low in STRONG
    cue = (t.start, t.end)
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if lemma == "point" and (nxt is None or nxt.low != "out"):
        return None
    if nxt is not None and nxt.low in _PARTICLE_AFTER:
        if lemma == "point" and nxt.low == "out":
            cue = (t.start, nxt.end)  # "pointed out"
        else:
            return None  # "showed up", "called off"
    prev = toks[i - 1] if i > 0 else None
    # Passive "was (not) told" has no speaker subject; "so-called" is no cue.
    p = i - 1
    while p >= 0 and (
        toks[p].low in {"not", "n't", "also", "widely", "long", "previously", "never", "first", "later"}
        or (toks[p].low.endswith("ly") and toks[p].text.islower())
    ):
        p -= 1
    aux = toks[p] if p >= 0 else None
    if aux is not None and aux.low in {"was", "were", "been", "being", "is", "are", "be", "so", "-"}:
        if not (t.low.endswith("ing") and aux.low in {"was", "were", "is", "are", "been"}):
            return _passive_by(text, toks, i, p, s_start, s_end)
    if lemma == "add" and nxt is not None and nxt.low in {"to", "up"}:
        return None  # "is adding to her delegate lead"
    if t.low in _RESPOND and any(x.low.startswith(("request", "comment", "question", "inquir")) for x in toks[i + 1 : i + 8]):
        return None  # "did not respond to a request for comment" reports nothing
    if t.low in _NEED_THAT and (nxt is None or nxt.low != "that"):
        return None
    likely_to = prev is not None and prev.low == "to" and i > 1 and toks[i - 2].low in {"likely", "unlikely"}
    purpose = None if likely_to else _purpose_subject(toks, i)
    if prev is not None and prev.low in NOUN_BEFORE and t.low not in {"said", "told"} and not likely_to and purpose is None:
        return None  # "the report", "a statement", "to comment": nouns and infinitives
    source = purpose or left_subject(text, toks, i)
    inverted = None
    if t.low.endswith("ing") and not progressive(toks, i):
        # A participle ("…, saying that", "telling reporters") has the subject of its main
        # clause; without a comma before it, it is an adjunct or a noun ("reporting by").
        if prev is None or prev.text not in ",—–":
            # "with Martin O’Malley calling Trump a fascist": a name right before the gerund
            # is its subject.
            name_before = prev is not None and prev.text[0].isupper() and prev.low not in PRONOUNS
            if not (isinstance(source, tuple) and name_before and _clause_follows(toks, i)):
                return None
        else:
            source = sentence_subject(toks, i - 1)
        if source is None:
            return None
    elif source == "comma":
        source = appositive_subject(text, toks, i)
        if source is None or closing_quote_before_comma(toks, i):
            inverted = right_subject(text, toks, i)
            if inverted is not None:
                source = None
    elif source is None:
        inverted = right_subject(text, toks, i)
    if isinstance(source, str):
        source = None
    # Poll shares ("About 4 in 10 say") are sources of say/tell only.
    numeric_ok = lemma in {"say", "tell"}
    if source is not None and (
        possessive_or_bare(text, source)
        or (numeric(text, source) and not numeric_ok)
        or ends_in_determiner(text, source)
    ):
        return None
    if source is not None and strong and lemma not in {"say", "tell"} and not_a_speaker(text, source):
        return None
    src = source if source is not None else inverted
    if src is None:
        return None
    # Learned stance verbs ("passed", "unveiled") after a quote are plain verbs of a noun
    # phrase ('the “reform” package passed'), not the inverted report '“…,” he said'.
    quoted_before = t.low not in LEARNED and _quote_ending_before(text, min(src[0], cue[0]), outer, True) is not None
    tail = strong and _tail_frame(toks, i, src)
    if (not strong or t.low in AMBIGUOUS) and not quoted_before and not tail:
        # Weak and noun-like cues need a subject AND a clause or object after them.
        if source is None or not _clause_follows(toks, i):
            return None
        if looks_unnamed_thing(text, source):
            return None
    # Content: an adjacent quote first (direct), then the clause after or before the cue.
    before_edge = min(src[0], cue[0])
    after_edge = max(src[1], cue[1])
    after_end = _after_source_is_end(text, toks, after_edge)
    q_before = _quote_ending_before(text, before_edge, outer, after_end)
    q_after = _quote_starting_after(text, after_edge, outer, lemma)
    if q_before is not None and q_before.start not in covered:
        covered.add(q_before.start)
        return Frame("direct", (q_before.content_start, q_before.content_end), cue, src)
    if q_after is not None and q_after.start not in covered:
        covered.add(q_after.start)
        return Frame("direct", (q_after.content_start, q_after.content_end), cue, src)
    content = _content_after(text, toks, i, cue, src, lemma, s_end)
    if content is None:
        # "CONTENT, X said." — the clause before the source.
        content = _trim(text, s_start, before_edge)
        if content[1] <= content[0]:
            return None
    inside = quotes_between(outer, *content)
    covered.update(q.start for q in inside)
    return Frame("mixed" if inside else "indirect", content, cue, src)


def _purpose_subject(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """'Trump took to Twitter overnight to accuse …', 'Caddell went on to discuss …': an
    infinitive cue in the first clause of a sentence opened by a name or pronoun takes that
    subject (no comma, clause word or second verb group in between)."""
    if i < 3 or toks[i - 1].low != "to" or not _clause_follows(toks, i):
        return None
    subj = sentence_subject(toks, i - 1)
    if subj is None:
        return None
    between = [t for t in toks if subj[1] <= t.start < toks[i - 1].start]
    if not between or len(between) > 8:
        return None
    if any(t.text in ",;:—–()" or t.low in _CLAUSE_WORDS for t in between):
        return None
    return subj


_CLAUSE_WORDS = frozenset("that which who whom and but or because if when while although whether".split())
_BY_END = frozenset("who which that in on at for after before during when while as because".split())


def _passive_by(
    text: str, toks: list[Tok], i: int, p: int, s_start: int, s_end: int
) -> Frame | None:
    """'The meeting was first reported by Politico.', 'Trump has been criticized by his rivals':
    the agent after "by" is the source, the subject before the auxiliary the content."""
    j = i + 1
    if j >= len(toks) or toks[j].low != "by" or toks[p].low in {"so", "-"}:
        return None
    k = j + 1
    while k < len(toks) and toks[k].text not in ",;:—–()" and not is_sentence_end(toks, k):
        if k > j + 1 and toks[k].low in _BY_END:
            break
        k += 1
    if k == j + 1 or not any(t.text[0].isupper() or t.low in UNNAMED_HEADS for t in toks[j + 1 : k]):
        return None
    a = p
    while a > 0 and toks[a - 1].low in {"has", "have", "had", "will", "would", "be", "been", "was", "is"}:
        a -= 1
    content = _trim(text, s_start, toks[a].start)
    if content[1] <= content[0]:
        return None
    return Frame("indirect", content, (toks[i].start, toks[i].end), (toks[j + 1].start, toks[k - 1].end))


def quotes_between(outer: list[Quote], start: int, end: int) -> list[Quote]:
    """Outer quotes that open inside ``[start, end)``."""
    return outer[bisect_left(outer, start, key=_start) : bisect_left(outer, end, key=_start)]


_NEED_THAT = frozenset(
    """state states find finds see sees hear hears heard read reads maintain maintains maintained
    maintaining""".split()
)
_RESPOND = frozenset("respond responds responded responding".split())


def _after_source_is_end(text: str, toks: list[Tok], pos: int) -> bool:
    rest = text[pos : pos + 60]
    return bool(re.match(r"\s*(?:(?:on|in|at|during|last|this)?\s*[\w’'.]+(?:\s+[\w’'.]+){0,3})?\s*[.!?]", rest)) or not rest.strip()


_INTENT = frozenset({"agree", "want", "plan", "intend", "seek", "refuse", "decline", "hope", "expect", "pledge", "vow", "threaten", "decide", "promise", "urge"})


def _clause_follows(toks: list[Tok], i: int) -> bool:
    if i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    if nxt.low == "to":
        return cue_lemma(toks[i].low) in _INTENT
    # Stance verbs take plain objects too ("slammed Clinton", "cast himself as"); only a
    # preposition or the sentence end right after the verb rules the frame out.
    if (nxt.text.isalpha() or nxt.text in OPEN_MARKS) and nxt.low not in _OBJ_STOP:
        return True
    return (
        nxt.low in {"that", ":", "the", "a", "an", "he", "she", "they", "it", "we", "i", "this", "there", "his", "her", "their", "its", "our", "no", "some", "many", "all", "both"}
        or nxt.text in OPEN_MARKS
        or (nxt.text[0].isupper() and nxt.text.isalpha())
    )


def _tail_frame(toks: list[Tok], i: int, src: tuple[int, int]) -> bool:
    """'CONTENT, the Chicago Tribune reports.': a comma before the source, the sentence end after
    the cue — then even a noun-like cue form ('reports', 'notes') is a verb."""
    before = [t for t in toks if t.end <= src[0]]
    return bool(before) and before[-1].text == "," and (i + 1 == len(toks) or is_sentence_end(toks, i + 1))


def _quote_ending_before(text: str, pos: int, outer: list[Quote], at_end: bool) -> Quote | None:
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


def _quote_starting_after(text: str, pos: int, outer: list[Quote], lemma: str) -> Quote | None:
    i = bisect_left(outer, pos, key=_start)
    for q in outer[i : i + 1]:
        if q.start - pos > 60:
            return None
        if q.start >= pos:
            # A quoted title followed by "that" ('told “Good Morning America” that') is a name.
            if re.match(r"\s*(?:that|on|in)\b", text[q.end : q.end + 6]):
                return None
            gap = text[pos : q.start]
            if len(gap) <= 40 and re.fullmatch(r"[\s,:—–-]*(?:that\s*)?", gap):
                return q
            if lemma in OBJECT_CUES and re.fullmatch(r"\s+[\w .’'-]{1,40}?[,:]?\s*(?:that\s*)?", gap):
                return q
            if re.fullmatch(r"\s*(?:on|in|at|during|last|this|after|before)?\s*[\w’'.]+(?:\s+[\w’'.]+){0,3}\s*[,:]\s*", gap):
                return q  # 'said Tuesday: "…"', 'said in a statement, "…"'
            return None
    return None


_SUBORDINATORS = frozenset("when after as while although though if because since before once until whereas".split())


def _content_after(
    text: str,
    toks: list[Tok],
    i: int,
    cue: tuple[int, int],
    src: tuple[int, int],
    lemma: str,
    s_end: int,
) -> tuple[int, int] | None:
    # The cue index in ``toks`` may precede an inverted source; content starts after both.
    j = i + 1
    while j < len(toks) and toks[j].end <= max(cue[1], src[1]):
        j += 1
    if j >= len(toks) or is_sentence_end(toks, j):
        return None
    if toks and toks[0].low in _SUBORDINATORS and toks[0].start < min(src[0], cue[0]):
        # "When the moderator pointed out that …, the candidate said …": the report inside a
        # subordinate clause ends at the clause's comma; the main clause is another frame.
        comma = next((t.start for t in toks[j + 1 :] if t.text == ","), None)
        if comma is not None:
            s_end = comma
    # "said Tuesday that", "told reporters in Ohio that": jump to a near "that".
    for k in range(j, min(j + 12, len(toks))):
        if toks[k].text in ",;" and lemma not in OBJECT_CUES:
            break
        if toks[k].low == "that" and (k == j or lemma in OBJECT_CUES or toks[k - 1].low in TIME_WORDS or k - j <= 6):
            return _nonempty(_trim(text, toks[k].end, s_end))
    if toks[j].text in ",":
        # 'said, per a translator, that …' / 'said, however, that …'
        for k in range(j + 1, min(j + 14, len(toks) - 1)):
            if toks[k].text == "," and toks[k + 1].low == "that":
                return _nonempty(_trim(text, toks[k + 1].end, s_end))
            if toks[k].text in ";:" or toks[k].text in OPEN_MARKS:
                break
        # "…, X said, …" without "that": the content was before.
        return None
    while j < len(toks) and toks[j].low in TIME_WORDS:
        j += 1
    if lemma in OBJECT_CUES and j < len(toks):
        # Skip the addressee ("told reporters", "warned the crowd").
        k = j
        while k < len(toks) and k - j < 4 and toks[k].text.isalpha() and toks[k].low not in PRONOUNS:
            k += 1
        if k < len(toks) and (toks[k].low in PRONOUNS or toks[k].low in {"the", "a"}) and k > j:
            j = k
    if j >= len(toks):
        return None
    return _nonempty(_trim(text, toks[j].start, s_end))


def _nonempty(span: tuple[int, int]) -> tuple[int, int] | None:
    return span if span[1] > span[0] else None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return (s, e)
