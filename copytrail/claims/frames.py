"""Attribution frames in one sentence: cue, speaker mention and content spans, no model.

A frame is what a reporting cue opens: "Mayor X said (that) CONTENT", "CONTENT, X said",
"'CONTENT,' said X, the mayor", "according to X, CONTENT", "X: 'CONTENT'". For each cue outside
quotes (:mod:`copytrail.claims.cues`, with stance verbs from :mod:`copytrail.claims.lexicon`),
:func:`sentence_frames` finds the speaker mention on the left or on the right
(:mod:`copytrail.claims.subjects`), or the agent of a passive ("was reported by X"), then the
content: the adjacent quote, the clause after the cue, or the clause before the speaker. Stance
cues inside a frame already found are part of that report and are skipped; speech cues inside a
reported clause give nested attributions, as news annotators mark them.

The steps live in three modules: this one (cues and speakers), :mod:`copytrail.claims.colons`
(frames a colon opens) and :mod:`copytrail.claims.reported` (the content: adjacent quote or
reported clause, and the :class:`Frame` record). The words and gap patterns they use are data,
``data/frames_en.json`` (the cue verbs: ``data/cues_en.json``), with example sentences and
their frames in ``data/frames_en.examples.tsv``.

>>> from copytrail.claims.quotes import find_quotes
>>> text = 'The plant will close, a company spokesman said on Friday.'
>>> frames: list[Frame] = []
>>> sentence_frames(text, 0, len(text), [], frames, set())
>>> [(text[slice(*f.source)], text[slice(*f.cue)], text[slice(*f.content)]) for f in frames]
[('a company spokesman', 'said', 'The plant will close')]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from copytrail.claims.colons import colon_cue
from copytrail.claims.cues import AMBIGUOUS, LEARNED, STRONG, cue_lemma
from copytrail.claims.lexicon import frame_words
from copytrail.claims.quotes import Quote
from copytrail.claims.reported import (
    Frame,
    clause_after,
    ends_after_source,
    in_quote,
    quote_after,
    quote_before,
    quotes_between,
    trim,
)
from copytrail.claims.speakers import PRONOUNS
from copytrail.claims.subjects import (
    NOUN_BEFORE,
    OPEN_MARKS,
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

# -- cues ----------------------------------------------------------------------------------------


_W = frame_words()
_PARTICLE_AFTER = _W["particle_after"]
# A weak cue followed by one of these is intransitive or a phrasal use ("backed by", "went on").
_OBJ_STOP = _W["object_stop"]
_NOT_VERBS = _W["not_verbs"]
_CLAUSE_WORDS = _W["clause_words"]
_BY_END = _W["by_end"]
# Verbs that report only with a that-clause ("states that", not "the state's").
_NEED_THAT = _W["need_that"]
_RESPOND = _W["respond"]
_INTENT = _W["intent"]
_TO_END = ",;:—–()"  # punctuation that ends a noun phrase after "according to" or "by"


@dataclass(slots=True)
class _Claims:
    """What the frames of one sentence already hold: cues inside these spans are nested."""

    spans: list[tuple[int, int]] = field(default_factory=list)  # contents and sources
    sources: list[tuple[int, int]] = field(default_factory=list)
    found_here: bool = False

    def inside(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.spans)

    def in_source(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.sources)

    def add(self, f: Frame) -> None:
        self.found_here = True
        if f.source:
            self.spans.append(f.source)
            self.sources.append(f.source)
        if f.content[0] > (f.cue or f.content)[0]:
            self.spans.append(f.content)


def sentence_frames(
    text: str, s_start: int, s_end: int, outer: list[Quote], found: list[Frame], covered: set[int]
) -> None:
    """Append to ``found`` the frames of the sentence ``text[s_start:s_end]``; ``covered`` holds
    the starts of quotes already used as content and grows with the quotes used here."""
    toks = tokens(text, s_start, s_end)
    # Content and source spans already claimed in this sentence: stance cues inside them are
    # part of an outer report ("She added that Democrats have called her"), not reported again.
    # Speech cues inside a reported clause are reported too (annotators mark nested reports,
    # and "X decided …, sources said" is the sources' report): only a claimed source blocks them.
    claims = _Claims()
    titled = _title_case(toks)
    for i, t in enumerate(toks):
        # (Cheap tests first: this runs for every word of every sentence.)
        according = t.low == "according" and _is_according(toks, i)
        if (outer and in_quote(t.start, outer) is not None) or (
            claims.spans and not according and _nested(t, claims)
        ):
            continue
        if according:
            f = _according_to(text, toks, i, s_start, s_end)
        elif t.text == ":":
            f = None if claims.found_here else colon_cue(text, toks, i, s_end, outer, covered)
        elif (t.text[0].islower() or (titled and i > 0)) and (
            cue_lemma(t.low) is not None or _verb_like(toks, i)
        ):
            f = _nested_verb_cue(text, toks, i, (s_start, s_end), outer, covered, claims)
        else:
            f = None
        if f is not None:
            found.append(f)
            claims.add(f)


def _is_according(toks: list[Tok], i: int) -> bool:
    return toks[i].low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to"


def _nested(t: Tok, claims: _Claims) -> bool:
    # "According to" frames the whole sentence, so it is kept even inside a claimed clause.
    return claims.inside(t.start) and not (t.low in STRONG and not claims.in_source(t.start))


def _nested_verb_cue(
    text: str,
    toks: list[Tok],
    i: int,
    sentence: tuple[int, int],
    outer: list[Quote],
    covered: set[int],
    claims: _Claims,
) -> Frame | None:
    start = toks[i].start
    inner = [a for a, b in claims.spans if a <= start < b]
    before = set(covered) if inner else covered
    f = _verb_cue(text, toks, i, sentence, outer, covered)
    if f is not None and inner and min(f.content[0], (f.source or f.content)[0]) < max(inner):
        # A nested report stays inside its clause ("chanted that it agreed" has no content).
        covered.intersection_update(before)
        return None
    return f


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
    # 'X cracked, “…”': a past form, a comma and a quote is a report too (not a plural noun).
    return nxt is not None and (
        nxt.low == "that"
        or nxt.text in OPEN_MARKS
        or (t.low.endswith("ed") and _comma_quote(toks, i + 1))
    )


def _comma_quote(toks: list[Tok], k: int) -> bool:
    """A comma at ``k`` and an opening quote mark right after it."""
    return toks[k].text == "," and k + 1 < len(toks) and toks[k + 1].text in OPEN_MARKS


def _according_to(text: str, toks: list[Tok], i: int, s_start: int, s_end: int) -> Frame | None:
    cue = (toks[i].start, toks[i + 1].end)
    # Source: the noun phrase after "to" up to a comma or the sentence end.
    j = i + 2
    k = _phrase_end(toks, j, _W["according_stop"], 2)
    if k == j:
        return None
    source = (toks[j].start, toks[k - 1].end)
    if i > 0 and toks[i - 1].text == ",":
        content = (s_start, toks[i - 1].start)  # "CONTENT, according to X."
    elif k < len(toks) and toks[k].text == ",":
        content = (toks[k].end, s_end)  # "According to X, CONTENT."
    else:
        content = (s_start, toks[i].start) if i > 0 else (toks[k - 1].end, s_end)
    content = trim(text, *content)
    if content[1] <= content[0]:
        return None
    return Frame("according-to", content, cue, source)


def _phrase_end(toks: list[Tok], j: int, stop: frozenset[str], first: int) -> int:
    """Index after the noun phrase starting at ``j``: up to punctuation, the sentence end or a
    word of ``stop`` (from its ``first`` word on, counting from 0)."""
    k = j
    while k < len(toks) and toks[k].text not in _TO_END and not is_sentence_end(toks, k):
        if k - j >= first and toks[k].low in stop:
            break
        k += 1
    return k


def _verb_cue(
    text: str,
    toks: list[Tok],
    i: int,
    sentence: tuple[int, int],
    outer: list[Quote],
    covered: set[int],
) -> Frame | None:
    """The frame a verb cue opens: cue span, speaker (subject, appositive, inverted or passive
    agent) and content (adjacent quote, clause after, or clause before)."""
    lemma = cue_lemma(toks[i].low) or ""
    cue = _cue_span(toks, i, lemma)
    if cue is None:
        return None
    p = _before_adverbs(toks, i)
    if _passive(toks, i, p):
        return _passive_by(text, toks, i, p, sentence)
    if _reports_nothing(toks, i):
        return None
    found = _cue_speaker(text, toks, i, lemma)
    if found is None:
        return None
    source, inverted = found
    if source is not None and _not_a_source(text, source, toks[i].low, lemma, outer, cue):
        return None
    src = source if source is not None else inverted
    if src is None or _unsupported(text, toks, i, cue, source, src, outer):
        return None
    if _needs_quote(text, toks, i, lemma, src, outer):
        return None
    return _cue_frame(text, toks, i, cue, src, lemma, sentence, outer, covered)


def _cue_span(toks: list[Tok], i: int, lemma: str) -> tuple[int, int] | None:
    """The cue's span ("pointed out" is two words), None for a phrasal verb ("showed up")."""
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if lemma == "point" and (nxt is None or nxt.low != "out"):
        return None
    # "said over the phone" and "said back in May" hold prepositions, not a phrasal verb.
    if nxt is not None and nxt.low in _PARTICLE_AFTER and lemma not in _W["no_particle_cues"]:
        return (t.start, nxt.end) if lemma == "point" else None
    return (t.start, t.end)


def _before_adverbs(toks: list[Tok], i: int) -> int:
    """Index of the word before the cue once adverbs and negation are skipped (-1 at the start)."""
    p = i - 1
    while p >= 0 and (
        toks[p].low in _W["adverbs_before_cue"]
        or (toks[p].low.endswith("ly") and toks[p].text.islower())
    ):
        p -= 1
    return p


def _passive(toks: list[Tok], i: int, p: int) -> bool:
    # Passive "was (not) told" has no speaker subject; "so-called" is no cue; "was saying" is
    # a progressive, not a passive.
    if p < 0 or toks[p].low not in _W["passive_aux"]:
        return False
    return not (toks[i].low.endswith("ing") and toks[p].low in _W["progressive_aux"])


def _reports_nothing(toks: list[Tok], i: int) -> bool:
    # "did not respond to a request for comment" reports nothing.
    prefixes = tuple(_W["request_words"])
    return toks[i].low in _RESPOND and any(x.low.startswith(prefixes) for x in toks[i + 1 : i + 8])


def _needs_quote(
    text: str, toks: list[Tok], i: int, lemma: str, src: _Span, outer: list[Quote]
) -> bool:
    """'The report states the obvious' and 'is adding to her lead' report nothing; 'states
    that …', '“…,” it reads' and '“…,” Trump added to People' do."""
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    needs_that = toks[i].low in _NEED_THAT and nxt != "that"
    if not needs_that and not (lemma == "add" and nxt in _W["add_particles"]):
        return False
    return quote_before(text, min(src[0], toks[i].start), outer, True) is None


_Span = tuple[int, int]


def _cue_speaker(
    text: str, toks: list[Tok], i: int, lemma: str
) -> tuple[_Span | None, _Span | None] | None:
    """(subject, inverted speaker) of the cue at ``i``; None when the cue word is a noun or an
    infinitive ("the report", "to comment") or a participle without a subject."""
    t = toks[i]
    prev = toks[i - 1] if i > 0 else None
    likely_to = prev is not None and prev.low == "to" and i > 1 and toks[i - 2].low in _W["likely"]
    purpose = None if likely_to else _purpose_subject(toks, i)
    if (
        prev is not None
        and prev.low in NOUN_BEFORE
        and t.low not in _W["noun_safe_cues"]
        and not likely_to
        and purpose is None
    ):
        return None  # "the report", "a statement", "to comment": nouns and infinitives
    source = purpose or left_subject(text, toks, i)
    inverted = None
    if t.low.endswith("ing") and not progressive(toks, i):
        source = _participle_subject(toks, i, source)
        if source is None:
            return None
    elif source == "comma":
        source = appositive_subject(text, toks, i)
        if source is None or closing_quote_before_comma(toks, i):
            inverted = _inverted_subject(text, toks, i)
            if inverted is not None:
                source = None
            elif source is None:
                source = _opening_name(toks, i)
    elif source is None:
        inverted = _inverted_subject(text, toks, i)
    return (None if isinstance(source, str) else source), inverted


def _opening_name(toks: list[Tok], i: int) -> _Span | None:
    """'Sen. Ann Lee, R-S.C., a candidate, said …': the name opening the sentence, when the
    words between it and the cue are no subject of their own."""
    span = sentence_subject(toks, i - 1)
    first = toks[0].low
    if (
        span is None
        or first.endswith(("ing", "ly"))
        or first in _OBJ_STOP
        or first in _W["subordinators"]
    ):
        return None
    return span


def _inverted_subject(text: str, toks: list[Tok], i: int) -> _Span | None:
    # "Emanuel, who resisted it for months, said the video had to wait": a phrase after the
    # cue holding an auxiliary is the reported clause, not an inverted speaker ('…," said X').
    # 'said of his rank and file': a prepositional phrase, not the speaker.
    span = right_subject(text, toks, i)
    # Auxiliaries are matched as written: "said Will Doyle" names a person.
    words = text[span[0] : span[1]].split() if span else []
    if not words or words[0] in _W["not_after_cue"] or not _W["clause_verbs"].isdisjoint(words):
        return None
    return span


def _participle_subject(toks: list[Tok], i: int, source: _Span | str | None) -> _Span | None:
    # A participle ("…, saying that", "telling reporters") has the subject of its main clause;
    # without a comma before it, it is an adjunct or a noun ("reporting by").
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and prev.text in ",—–":
        return sentence_subject(toks, i - 1) or _subject_after_opener(toks, i - 1)
    # "with Martin O’Malley calling Trump a fascist": a name right before the gerund is its subject.
    name_before = prev is not None and prev.text[0].isupper() and prev.low not in PRONOUNS
    if isinstance(source, tuple) and name_before and _clause_follows(toks, i):
        return source
    return None


def _subject_after_opener(toks: list[Tok], j: int) -> _Span | None:
    """'On Wednesday, Clinton bashed the plan, saying …': the subject right after a fronted
    phrase and its comma, a pronoun or capitalised name followed by a lower-case word."""
    c = next((k for k in range(1, min(j, 8)) if toks[k].text == ","), None)
    if c is None or c + 2 >= j or any(t.text in OPEN_MARKS for t in toks[:c]):
        return None  # a quote opening the sentence is someone's words, not a fronted phrase
    k = c + 1
    if toks[k].low in _W["subject_pronouns"]:
        return (toks[k].start, toks[k].end)
    m = k
    while m < j and (toks[m].text[0].isupper() or (toks[m].text == "." and m > k)):
        m += 1
    if m == k or m >= j or not toks[m].text.isalpha() or not toks[m].text.islower():
        return None
    return (toks[k].start, toks[m - 1].end)


def _not_a_source(
    text: str, source: _Span, word: str, lemma: str, outer: list[Quote], cue: _Span
) -> bool:
    # Poll shares ("About 4 in 10 say") are sources of say/tell only.
    counts = lemma in _W["count_cues"]
    if (
        possessive_or_bare(text, source)
        or (numeric(text, source) and not counts)
        or ends_in_determiner(text, source)
    ):
        return True
    if word not in STRONG or counts or not not_a_speaker(text, source):
        return False
    # '“…,” the company wrote': right after a quote any subject of a speech verb is its source.
    return quote_before(text, min(source[0], cue[0]), outer, True) is None


def _unsupported(
    text: str,
    toks: list[Tok],
    i: int,
    cue: _Span,
    source: _Span | None,
    src: _Span,
    outer: list[Quote],
) -> bool:
    """Weak and noun-like cues need a subject AND a clause or object after them, unless a quote
    or the sentence end makes the report plain."""
    t = toks[i]
    strong = t.low in STRONG
    if strong and t.low not in AMBIGUOUS:
        return False
    # Learned stance verbs ("passed", "unveiled") after a quote are plain verbs of a noun
    # phrase ('the “reform” package passed'), not the inverted report '“…,” he said'.
    if t.low not in LEARNED and quote_before(text, min(src[0], cue[0]), outer, True) is not None:
        return False
    if strong and _tail_frame(toks, i, src):
        return False
    if source is None or not _clause_follows(toks, i):
        return True
    # "Footage from the game shows that …": evidence verbs report what a thing shows.
    evidence = cue_lemma(t.low) in _W["evidence_cues"] and toks[i + 1].low == "that"
    return not evidence and looks_unnamed_thing(text, source)


def _cue_frame(
    text: str,
    toks: list[Tok],
    i: int,
    cue: _Span,
    src: _Span,
    lemma: str,
    sentence: tuple[int, int],
    outer: list[Quote],
    covered: set[int],
) -> Frame | None:
    # Content: an adjacent quote first (direct), then the clause after or before the cue.
    before_edge = min(src[0], cue[0])
    after_edge = max(src[1], cue[1])
    q = quote_before(text, before_edge, outer, ends_after_source(text, after_edge))
    if q is None or q.start in covered:
        q = quote_after(text, after_edge, outer, lemma)
    if q is not None and q.start not in covered:
        covered.add(q.start)
        return Frame("direct", (q.content_start, q.content_end), cue, src)
    content = clause_after(text, toks, i, (before_edge, after_edge), lemma, sentence[1])
    if content is None:
        # "CONTENT, X said." — the clause before the source.
        content = trim(text, sentence[0], before_edge)
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
    if any(t.text in _TO_END or t.low in _CLAUSE_WORDS for t in between):
        return None
    return subj


def _passive_by(
    text: str, toks: list[Tok], i: int, p: int, sentence: tuple[int, int]
) -> Frame | None:
    """'The meeting was first reported by Politico.', 'Trump has been criticized by his rivals':
    the agent after "by" is the source, the subject before the auxiliary the content."""
    j = i + 1
    if j >= len(toks) or toks[j].low != "by" or toks[p].low in _W["no_passive"]:
        return None
    k = _phrase_end(toks, j + 1, _BY_END, 1)
    if k == j + 1 or not any(
        t.text[0].isupper() or t.low in UNNAMED_HEADS for t in toks[j + 1 : k]
    ):
        return None
    a = p
    while a > 0 and toks[a - 1].low in _W["perfect_aux"]:
        a -= 1
    content = trim(text, sentence[0], toks[a].start)
    if content[1] <= content[0]:
        return None
    return Frame(
        "indirect", content, (toks[i].start, toks[i].end), (toks[j + 1].start, toks[k - 1].end)
    )


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
        nxt.low in _W["clause_openers"]
        or nxt.text in OPEN_MARKS
        or (nxt.text[0].isupper() and nxt.text.isalpha())
        or ((toks[i].low.endswith("ed") or toks[i].low in STRONG) and _comma_quote(toks, i + 1))
    )


def _tail_frame(toks: list[Tok], i: int, src: tuple[int, int]) -> bool:
    """'CONTENT, the Chicago Tribune reports.': a comma before the source, the sentence end after
    the cue — then even a noun-like cue form ('reports', 'notes') is a verb."""
    before = [t for t in toks if t.end <= src[0]]
    return (
        bool(before)
        and before[-1].text == ","
        and (i + 1 == len(toks) or is_sentence_end(toks, i + 1))
    )
