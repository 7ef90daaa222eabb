"""Attribution frames in one sentence: cue, speaker mention and content spans, no model.

A frame is what a reporting cue opens: "Mayor X said (that) CONTENT", "CONTENT, X said",
"'CONTENT,' said X, the mayor", "according to X, CONTENT", "X: 'CONTENT'". For each cue outside
quotes (:mod:`copytrail.claims.cues`), :func:`sentence_frames` finds the speaker mention on the
left (skipping auxiliaries, adverbs, appositives and party tags) or on the right (inversion after
a quote or comma), then the content: the adjacent quote, the clause after the cue, or the clause
before the speaker. Cues inside a frame already found (its source or its reported clause) are
part of that report and are skipped, so each sentence reads as its outermost attributions.

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
from copytrail.claims.speakers import PRONOUNS, TITLES

# -- tokens --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:[’'\-.]\w+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [
        _Tok(m.start(), m.end(), m.group(0), m.group(0).lower())
        for m in _TOKEN.finditer(text, start, end)
    ]


OPEN_MARKS = "\"“„«‘'"
CLOSE_MARKS = "\"”»’'“"
# Words that may sit between a subject and its cue ("he also said", "she has repeatedly warned").
_BETWEEN = frozenset(
    """also has have had will would could can may might did does do is was were are be been
    then later again once previously recently repeatedly publicly privately reportedly simply
    flatly often frequently first last further similarly separately earlier just even still
    already not never n't quickly angrily told wrote recently initially subsequently since
    openly explicitly directly quietly loudly bluntly now all both too apparently actually
    ultimately finally personally""".split()
)
_NEGATED = "isn't wasn't aren't weren't doesn't didn't don't won't hasn't haven't hadn't can't couldn't wouldn't".split()
_BETWEEN = _BETWEEN | frozenset(_NEGATED) | frozenset(w.replace("'", "’") for w in _NEGATED)
# "he’s claiming", "they’re saying": one token holding the subject pronoun and its auxiliary.
_CONTRACTED = re.compile(r"(he|she|it|they|we|you|i)(?:[’']s|[’']re|[’']m|[’']ve|[’']d|[’']ll)")
# Words that end a subject noun phrase going leftwards (verbs and clause words are unknown
# without a tagger, so prepositions, conjunctions and clause markers stop the phrase).
_NP_STOP = frozenset(
    """that which who whom whose where when while if because although though since after
    before as than and but or nor so yet to in on at from with by into about over under between
    through during against without within among across toward towards upon per via is was were
    are be been being has have had do does did will would could should can may might must
    said says say told tells added adds wrote writes also not this week month year day ago
    here there now today yesterday tonight last next whether how why what having being
    whenever once unless until""".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split())
_TIME_NOUNS = frozenset("week month year day ago".split())
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    morning afternoon evening night earlier later recently last this week weekend month year
    on in at during""".split()
)
UNNAMED_HEADS = frozenset(
    """source sources official officials aide aides person people spokesman spokeswoman
    spokesperson analyst analysts expert experts critic critics voter voters supporter
    supporters observer observers insider insiders adviser advisers advisor advisors
    strategist strategists lawmaker lawmakers resident residents witness witnesses report
    reports poll polls survey surveys study studies data statement documents memo letter
    campaign administration government police authorities democrats republicans""".split()
)
# Nouns for people: a lower-case subject headed by one of these can be a speaker.
PERSON_NOUNS = frozenset(
    """host actress actor anchor man woman men women people crowd audience mother father son
    daughter wife husband friend doctor nurse student teacher candidate nominee rival opponent
    critic fan fans player coach lawyer victim survivor veteran worker workers parent parents
    resident residents neighbor neighbour owner author writer columnist reporter journalist
    billionaire businessman businesswoman pastor bishop priest official""".split()
)
DEFINITE_ROLES = TITLES | PERSON_NOUNS | {"front-runner", "frontrunner"}
_ABBREV = frozenset("mr mrs ms dr sen rep gov gen col lt sgt capt st jr sr prof rev hon u.s".split())


@dataclass(slots=True)
class Frame:
    """Spans of one attribution before speaker resolution (``text[start:end]`` pairs)."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    speaker_hint: str | None = None  # a name known from layout or continuation


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


_CATENATIVE = frozenset(
    """declined declines decline refused refuses refuse continued continues continue went goes
    go wanted wants want tried tries try used began begins begin seemed seems seem appeared
    appears appear took takes take had has have got gets came comes come rushed rush""".split()
)
_READY = frozenset("quick eager ready careful happy able willing reluctant unable first keen right".split())
_PARTICLE_AFTER = frozenset({"up", "off", "down", "away", "out", "over", "back", "around"})
_NOUN_BEFORE = frozenset(
    """a an the this that these those his her its their our my your for of to in on at by with
    from some any no every each another such other""".split()
)
# Cues that can stand after their content with the speaker inverted ('…," said X').
_INVERTIBLE = frozenset(
    """said says told tells added adds wrote writes asked asks noted notes continued continues
    explained explains warned warns insisted insists declared declares argued argues replied
    replies responded responds recalled recalls answered answers concluded concludes
    acknowledged acknowledges conceded concedes remarked remarks observed observes
    exclaimed exclaims joked jokes quipped quips tweeted tweets stated states claimed claims
    countered counters suggested suggests predicted predicts announced announces reported
    reports echoed echoes retorted retorts cautioned cautions wondered wonders mused muses
    admitted admits boasted boasts complained complains cried shouted pleaded pleads
    retaliated wrote""".split()
)


# A weak cue followed by one of these is intransitive or a phrasal use ("backed by", "went on").
_OBJ_STOP = frozenset("by in at on for from with as of into over up out off down away back and or but".split())


def sentence_frames(
    text: str, s_start: int, s_end: int, outer: list[Quote], found: list[Frame], covered: set[int]
) -> None:
    toks = _tokens(text, s_start, s_end)
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


def _title_case(toks: list[_Tok]) -> bool:
    words = [t for t in toks if t.text[0].isalpha()]
    if len(words) < 4:
        return False
    caps = sum(1 for t in words if t.text[0].isupper())
    return caps >= 0.75 * len(words)


def _verb_like(toks: list[_Tok], i: int) -> bool:
    """A finite verb outside the cue list that reports: '-ed'/'-s' form + that-clause or quote."""
    t = toks[i]
    if len(t.low) < 4 or t.low in _NOT_VERBS or not t.text.isalpha():
        return False
    if not (t.low.endswith("ed") or (t.low.endswith("s") and not t.low.endswith("ss"))):
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and (nxt.low == "that" or nxt.text in OPEN_MARKS)


def _colon_cue(
    text: str, toks: list[_Tok], i: int, s_end: int, outer: list[Quote], covered: set[int]
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
    text: str, toks: list[_Tok], i: int, outer: list[Quote], covered: set[int]
) -> Frame | None:
    q = _quote_starting_after(text, toks[i].end, outer, "say")
    if q is None or q.start in covered or i > 14:
        return None
    # The first lower-case word right after a name or a personal pronoun is taken as the verb.
    for v in range(1, i):
        verb, before = toks[v], toks[v - 1]
        if not (verb.text.isalpha() and verb.text.islower()) or verb.low in _NP_STOP or verb.low in _BETWEEN:
            continue
        finite = verb.low.endswith(("ed", "s")) or verb.low in _IRREGULAR_PAST
        if finite and (
            before.low in {"he", "she", "they", "we", "i"}
            or (before.text[0].isupper() and before.text.isalpha() and before.low not in _NOUN_BEFORE)
        ):
            subj = _left_subject(text, toks, v)
            if isinstance(subj, tuple):
                covered.add(q.start)
                return Frame("direct", (q.content_start, q.content_end), (verb.start, verb.end), subj)
    return None


_IRREGULAR_PAST = frozenset("went said told wrote gave made took came put got spoke sent left began".split())


def _according_to(
    text: str, toks: list[_Tok], i: int, s_start: int, s_end: int, outer: list[Quote]
) -> Frame | None:
    cue = (toks[i].start, toks[i + 1].end)
    # Source: the noun phrase after "to" up to a comma or the sentence end.
    j = i + 2
    k = j
    while k < len(toks) and toks[k].text not in ",;:—–()" and not _is_sentence_end(toks, k):
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


def _is_sentence_end(toks: list[_Tok], k: int) -> bool:
    return toks[k].text in ".!?" and k == len(toks) - 1


def _verb_cue(
    text: str,
    toks: list[_Tok],
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
    if t.low in _RESPOND and any(x.low.startswith(("request", "comment", "question", "inquir")) for x in toks[i + 1 : i + 8]):
        return None  # "did not respond to a request for comment" reports nothing
    if t.low in _NEED_THAT and (nxt is None or nxt.low != "that"):
        return None
    if prev is not None and prev.low in _NOUN_BEFORE and t.low not in {"said", "told"}:
        return None  # "the report", "a statement", "to comment": nouns and infinitives
    source = _left_subject(text, toks, i)
    inverted = None
    if t.low.endswith("ing") and not _progressive(toks, i):
        # A participle ("…, saying that", "telling reporters") has the subject of its main
        # clause; without a comma before it, it is an adjunct or a noun ("reporting by").
        if prev is None or prev.text not in ",—–":
            return None
        source = _sentence_subject(toks, i - 1)
        if source is None:
            return None
    elif source == "comma":
        source = _appositive_subject(text, toks, i)
        if source is None or _closing_quote_before_comma(toks, i):
            inverted = _right_subject(text, toks, i)
            if inverted is not None:
                source = None
    elif source is None:
        inverted = _right_subject(text, toks, i)
    if isinstance(source, str):
        source = None
    # Poll shares ("About 4 in 10 say") are sources of say/tell only.
    numeric_ok = lemma in {"say", "tell"}
    if source is not None and (
        _possessive_or_bare(text, source)
        or (_numeric(text, source) and not numeric_ok)
        or _ends_in_determiner(text, source)
    ):
        return None
    if source is not None and strong and lemma not in {"say", "tell"} and _not_a_speaker(text, source):
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
        if _looks_unnamed_thing(text, source):
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


_BY_END = frozenset("who which that in on at for after before during when while as because".split())


def _passive_by(
    text: str, toks: list[_Tok], i: int, p: int, s_start: int, s_end: int
) -> Frame | None:
    """'The meeting was first reported by Politico.', 'Trump has been criticized by his rivals':
    the agent after "by" is the source, the subject before the auxiliary the content."""
    j = i + 1
    if j >= len(toks) or toks[j].low != "by" or toks[p].low in {"so", "-"}:
        return None
    k = j + 1
    while k < len(toks) and toks[k].text not in ",;:—–()" and not _is_sentence_end(toks, k):
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
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten dozen dozens hundreds thousands millions roughly about nearly some".split())
_PERSON_SUFFIXES = ("er", "ers", "ist", "ists", "man", "men", "woman", "women", "ian", "ians", "ent", "ents", "ant", "ants", "or", "ors")


def _numeric(text: str, span: tuple[int, int]) -> bool:
    words = re.findall(r"[\w’']+", text[span[0] : span[1]].lower())
    return bool(words) and all(w.replace(",", "").replace(".", "").isdigit() or w in _NUMBER_WORDS for w in words)


def _not_a_speaker(text: str, span: tuple[int, int]) -> bool:
    """A lower-case noun phrase whose head is neither a person, a group nor a document."""
    words = re.findall(r"[\w’'\-]+", text[span[0] : span[1]])
    if not words or any(w[0].isupper() for w in words):
        return False
    head = words[-1].lower()
    if head in PRONOUNS or head in UNNAMED_HEADS or head in DEFINITE_ROLES:
        return False
    return not head.endswith(_PERSON_SUFFIXES)


def _after_source_is_end(text: str, toks: list[_Tok], pos: int) -> bool:
    rest = text[pos : pos + 60]
    return bool(re.match(r"\s*(?:(?:on|in|at|during|last|this)?\s*[\w’'.]+(?:\s+[\w’'.]+){0,3})?\s*[.!?]", rest)) or not rest.strip()


def _ends_in_determiner(text: str, span: tuple[int, int]) -> bool:
    # "The day before …": the cue form is a noun of the phrase, not a verb.
    words = text[span[0] : span[1]].split()
    return bool(words) and words[-1].lower() in _NOUN_BEFORE


def _possessive_or_bare(text: str, span: tuple[int, int]) -> bool:
    s = text[span[0] : span[1]]
    low = s.lower()
    return low.endswith(("'s", "’s", "s'", "s’")) or low in {"his", "her", "its", "their", "our", "my", "your"}


def _closing_quote_before_comma(toks: list[_Tok], i: int) -> bool:
    j = i - 1
    while j >= 0 and toks[j].low in _BETWEEN:
        j -= 1
    return j >= 1 and toks[j].text in ",—–" and toks[j - 1].text in CLOSE_MARKS


_APPOSITIVE_START = frozenset(
    """a an the who which whose his her their its one now then in by for too however meanwhile
    also along like both each clearly""".split()
)


_INITIALS = re.compile(r"[a-z](?:\.[a-z])*")
_HEAD_START = frozenset("the his her their its he she they we i".split())


def _appositive_subject(text: str, toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """'Jane Smith, a spokeswoman for the city, said': the subject before the appositive."""
    j = i - 1
    while j >= 0 and toks[j].low in _BETWEEN:
        j -= 1
    if j < 1 or toks[j].text not in ",—–":
        return None
    k = j - 1
    while k >= 0 and toks[k].text not in ",—–;:(" and toks[k].text not in CLOSE_MARKS and j - k < 40:
        k -= 1
    if k < 1 or toks[k].text not in ",—–(":
        return None
    inner = toks[k + 1 : j]
    if not inner:
        return None
    # The enclosed phrase must look like an appositive or a relative clause, not a clause.
    first = inner[0].low
    # Stacked appositives ("J.J. Goldberg, editor at large of The Forward, a weekly, wrote"):
    # a lower-case chunk between commas is one more appositive; the head is before it.
    for _ in range(3):
        b = k - 1
        while b >= 0 and toks[b].text not in ",—–;:(" and toks[b].text not in CLOSE_MARKS and k - b < 25:
            b -= 1
        chunk = toks[b + 1 : k]
        if b < 1 or toks[b].text not in ",—–" or not chunk:
            break
        lead = chunk[0]
        if not (lead.text[0].islower() or lead.text[0].isdigit()) or lead.low in _HEAD_START:
            break
        if any(cue_lemma(t.low) and t.low in STRONG and t.text.islower() for t in chunk):
            break
        k = b
    head = _left_subject(text, toks, k + 0, stop_at=k)
    if not isinstance(head, tuple):
        return None
    name_head = toks[k - 1].text[0].isupper() or toks[k - 1].text == ")"
    if (
        first not in _APPOSITIVE_START
        and not inner[0].text[0].isupper()
        and not inner[0].text[0].isdigit()
        and not first.endswith(("ing", "ly"))
        and not (name_head and len(inner) <= 25)
    ):
        return None
    if any(cue_lemma(t.low) and t.low in STRONG and t.text.islower() for t in inner) and first not in {"who", "which"}:
        return None
    if first in {"in", "by", "for", "too", "however", "meanwhile", "also"}:
        return head
    return (head[0], toks[j - 1].end)


def _looks_unnamed_thing(text: str, span: tuple[int, int]) -> bool:
    # Belief/evidence verbs after a lower-case common noun phrase ("the plan shows") are
    # rarely attributions worth reporting unless the head is a source-like noun.
    words = re.findall(r"\w+", text[span[0] : span[1]])
    if not words:
        return True
    head = words[-1].lower()
    if head in PRONOUNS or head in UNNAMED_HEADS or head in DEFINITE_ROLES:
        return False
    # A capital on a sentence-initial determiner ("The so-called reform package") names nothing.
    return not any(w[0].isupper() for w in words if w.lower() not in _NOUN_BEFORE)


_INTENT = frozenset({"agree", "want", "plan", "intend", "seek", "refuse", "decline", "hope", "expect", "pledge", "vow", "threaten", "decide", "promise", "urge"})


def _clause_follows(toks: list[_Tok], i: int) -> bool:
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


def _left_subject(
    text: str, toks: list[_Tok], i: int, stop_at: int | None = None
) -> tuple[int, int] | str | None:
    """The subject noun phrase ending before the cue, "comma" when a comma sits there."""
    j = i - 1
    if stop_at is None:
        # Skip auxiliaries and adverbs between subject and verb, and "declined to" frames.
        while j >= 0 and (toks[j].low in _BETWEEN or (toks[j].low.endswith("ly") and toks[j].text.islower())):
            j -= 1
        if j >= 1 and toks[j].low in _WEEKDAYS:
            j -= 1
            if toks[j].low in {"on", "last", "this", "late", "early"}:
                j -= 1
        if j >= 1 and toks[j].low == "to" and toks[j - 1].low in _CATENATIVE:
            j -= 2
            while j >= 0 and toks[j].low in _BETWEEN:
                j -= 1
        elif j >= 2 and toks[j].low == "to" and toks[j - 1].low == "on" and toks[j - 2].low in {"went", "goes", "go", "going"}:
            j -= 3  # "went on to say"
            while j >= 0 and toks[j].low in _BETWEEN:
                j -= 1
        elif j >= 2 and toks[j].low == "to" and toks[j - 1].low in _READY and toks[j - 2].low in _BETWEEN:
            j -= 3  # "was quick to point out"
            while j >= 0 and toks[j].low in _BETWEEN:
                j -= 1
    if j < 0:
        return None
    last = toks[j]
    if last.text in ",—–":
        return "comma"
    if last.text == ")" and j >= 2:
        # "Rep. Elijah Cummings (D-Md.) said": keep the party tag, continue before it.
        k = j - 1
        while k > 0 and toks[k].text != "(" and j - k < 10:
            k -= 1
        if toks[k].text == "(" and k > 0:
            head = _left_subject(text, toks, k, stop_at=k)
            if isinstance(head, tuple):
                return (head[0], last.end)
        return None
    if last.text in CLOSE_MARKS or last.text in ".!?:;()[]":
        return None
    if last.low in {"who", "which", "that"}:
        return (last.start, last.end)
    if last.low == "and" and stop_at is None and cue_lemma(toks[i].low) in STRONG.values():
        return _sentence_subject(toks, j)
    contracted = _CONTRACTED.fullmatch(last.low)
    if contracted is not None:
        return (last.start, last.start + len(contracted.group(1)))
    if last.low in PRONOUNS:
        return (last.start, last.end) if last.low not in {"him", "them", "me", "us", "her", "his", "its", "their"} else None
    end = last.end
    k = j
    start = end
    n = 0
    while k >= 0 and n < 12:
        tk = toks[k]
        if tk.text in "’'" and k > 0:  # possessive "Trump 's"
            k -= 1
            continue
        if tk.text == "." and k > 0 and (toks[k - 1].low in _ABBREV or _INITIALS.fullmatch(toks[k - 1].low)):
            k -= 1
            continue
        if not tk.text[0].isalnum():
            break
        if tk.low in _NP_STOP and (tk.text.islower() or tk.low not in _TIME_NOUNS) and not (tk.low == "and" and k > 0 and toks[k - 1].text[:1].isupper() and start < end and text[start].isupper()):
            break
        if tk.low in PRONOUNS and tk.low not in {"his", "her", "their", "its"}:
            break
        if k < j and cue_lemma(tk.low) and tk.text.islower():
            break
        start = tk.start
        n += 1
        k -= 1
    if start >= end:
        return None
    if text[start:end].isdigit():
        # Poll shares: "Six in 10 say", "3 of 4 voters said".
        if k >= 1 and toks[k].low in {"in", "of"} and (toks[k - 1].text.isdigit() or toks[k - 1].low in _NUMBER_WORDS):
            m = k - 1
            while m >= 1 and toks[m - 1].low in {"more", "than", "about", "nearly", "roughly", "almost", "fewer", "less"}:
                m -= 1
            return (toks[m].start, end)
        return None
    return (start, end)


def _tail_frame(toks: list[_Tok], i: int, src: tuple[int, int]) -> bool:
    """'CONTENT, the Chicago Tribune reports.': a comma before the source, the sentence end after
    the cue — then even a noun-like cue form ('reports', 'notes') is a verb."""
    before = [t for t in toks if t.end <= src[0]]
    return bool(before) and before[-1].text == "," and (i + 1 == len(toks) or _is_sentence_end(toks, i + 1))


_PROGRESSIVE_AUX = frozenset(
    "is was were are been be am 's keeps kept isn't wasn't aren't weren't".split()
)


def _progressive(toks: list[_Tok], i: int) -> bool:
    j = i - 1
    while j >= 0 and (
        toks[j].low in {"not", "also", "still", "now", "already", "just", "once", "again", "n't"}
        or (toks[j].low.endswith("ly") and toks[j].text.islower())
    ):
        j -= 1
    return j >= 0 and (
        toks[j].low.replace("’", "'") in _PROGRESSIVE_AUX
        or _CONTRACTED.fullmatch(toks[j].low) is not None
    )


def _sentence_subject(toks: list[_Tok], j: int) -> tuple[int, int] | None:
    """Subject of the sentence's first clause ('Reid caucused … and says'): a pronoun or a
    capitalised name at the sentence start."""
    if not toks or j <= 0:
        return None
    first = toks[0]
    if first.low in {"he", "she", "they", "we", "i"}:
        return (first.start, first.end)
    k = 0
    while k < j and (toks[k].text[0].isupper() or (toks[k].text == "." and k > 0 and toks[k - 1].low in _ABBREV)):
        k += 1
    if k == 0 or k >= j or toks[k - 1].low in _ABBREV or toks[0].low in _NP_STOP:
        return None
    return (toks[0].start, toks[k - 1].end)


def _right_subject(text: str, toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """The speaker after an inverted cue ('…," said Jane Smith, the mayor.')."""
    if toks[i].low not in _INVERTIBLE:
        return None
    j = i + 1
    if j >= len(toks):
        return None
    # Inversion only follows the content: a closing quote or a comma right before the cue.
    prev = toks[i - 1] if i > 0 else None
    if prev is None or not (prev.text in ",—–" or prev.text in CLOSE_MARKS):
        return None
    first = toks[j]
    if not (first.text[0].isupper() or first.low in {"the", "a", "an", "his", "her", "their", "one", "another"}):
        # 'said several observers', 'said two officials': a plain lower-case noun phrase.
        if not first.text.isalpha() or first.low in _NP_STOP or first.low in _TIME_WORDS or cue_lemma(first.low):
            return None
    if first.low in PRONOUNS and first.low not in {"his", "her", "their"}:
        return None
    k = j
    while k < len(toks) and toks[k].text not in ",;:.!?—–()" and toks[k].text not in OPEN_MARKS:
        if k > j and toks[k].low in {"that", "in", "on", "at", "during", "after", "before", "who", "when", "as"}:
            break
        k += 1
    if k == j:
        return None
    return (toks[j].start, toks[k - 1].end)


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
    toks: list[_Tok],
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
    if j >= len(toks) or _is_sentence_end(toks, j):
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
        if toks[k].low == "that" and (k == j or lemma in OBJECT_CUES or toks[k - 1].low in _TIME_WORDS or k - j <= 6):
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
    while j < len(toks) and toks[j].low in _TIME_WORDS:
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
