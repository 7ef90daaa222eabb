"""Attributions: who said what, with exact spans for source, cue and content.

:func:`extract_attributions` finds direct quotes, indirect speech ("X said that ..."),
"according to X" and mixed reports (indirect speech holding a quotation) in plain text, with no
model. The cascade, in order:

1. quotes (:mod:`copytrail.claims.quotes`): curly, straight, guillemets, nested, spanning
   paragraphs; unbalanced marks give warnings, never a failure;
2. cues (:mod:`copytrail.claims.cues`) outside quotes, each with its speaker found on the left
   ("Mayor X said", "he added") or on the right ("…," said X), and its content: the adjacent
   quote, or the clause after the cue, or the clause before "…, X said";
3. quotes with no cue: continuations of the previous speaker, and layout speakers (a name line
   in an event write-up followed by quoted paragraphs);
4. speakers: pronouns and role nouns resolve to the latest compatible named speaker, and name
   variants merge per article (:mod:`copytrail.claims.speakers`);
5. optionally a spaCy pipeline (:mod:`copytrail.claims.nlp`) re-derives the source span from
   the dependency parse and adds attributions the cue list misses.

>>> text = ('Mayor Rudy Giuliani spoke on Monday. "We will rebuild," he said. '
...         'According to the city, 300 people came. Mr. Giuliani told reporters that taxes would fall.')
>>> for a in extract_attributions(text):
...     print(a.kind, '|', a.cue_text(text), '|', a.source_text(text), '|', a.speaker, '|', a.text)
direct | said | he | Rudy Giuliani | We will rebuild,
according-to | According to | the city | the city | 300 people came
indirect | told | Mr. Giuliani | Rudy Giuliani | taxes would fall
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from copytrail.claims.cues import AMBIGUOUS, OBJECT_CUES, STRONG, WEAK, cue_lemma
from copytrail.claims.quotes import Quote, find_quotes, paragraph_breaks
from copytrail.claims.sentences import sentence_spans
from copytrail.claims.speakers import PRONOUNS, TITLES, SpeakerIndex, title_gender

KINDS = ("direct", "indirect", "according-to", "mixed")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution; every span is ``text[start:end]`` of the analysed text.

    ``cue_*`` and ``source_*`` are None when the text has no cue (a quote continuing the
    previous speaker) or no source mention; ``speaker`` is the resolved name (person or
    organisation) or None for unnamed sources ("officials", "a source").
    """

    kind: str
    content_start: int
    content_end: int
    cue_start: int | None
    cue_end: int | None
    source_start: int | None
    source_end: int | None
    speaker: str | None
    text: str
    sentence_start: int
    sentence_end: int

    def source_text(self, text: str) -> str | None:
        """The source mention as written (may be a pronoun)."""
        if self.source_start is None or self.source_end is None:
            return None
        return text[self.source_start : self.source_end]

    def cue_text(self, text: str) -> str | None:
        """The cue as written."""
        if self.cue_start is None or self.cue_end is None:
            return None
        return text[self.cue_start : self.cue_end]


@dataclass(frozen=True, slots=True)
class AttributionResult:
    """Attributions of one text and the warnings met (unbalanced quotes, odd layouts)."""

    attributions: list[Attribution]
    warnings: list[str] = field(default_factory=list)


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
    openly explicitly directly quietly loudly bluntly""".split()
)
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
_UNNAMED_HEADS = frozenset(
    """source sources official officials aide aides person people spokesman spokeswoman
    spokesperson analyst analysts expert experts critic critics voter voters supporter
    supporters observer observers insider insiders adviser advisers advisor advisors
    strategist strategists lawmaker lawmakers resident residents witness witnesses report
    reports poll polls survey surveys study studies data statement documents memo letter
    campaign administration government police authorities democrats republicans""".split()
)
_DEFINITE_ROLES = TITLES | {"candidate", "nominee", "businessman", "billionaire", "front-runner"}
_ABBREV = frozenset("mr mrs ms dr sen rep gov gen col lt sgt capt st jr sr prof rev hon u.s".split())


def extract_attributions(text: str, nlp: Any = None) -> list[Attribution]:
    """Attributions of ``text`` in text order (see the module docstring for the cascade).

    >>> t = '“It was a disaster,” said Jane Smith, the mayor. “We lost everything.”'
    >>> [(a.kind, a.text, a.speaker) for a in extract_attributions(t)]
    [('direct', 'It was a disaster,', 'Jane Smith'), ('direct', 'We lost everything.', 'Jane Smith')]
    """
    return extract_attributions_with_warnings(text, nlp).attributions


def extract_attributions_with_warnings(text: str, nlp: Any = None) -> AttributionResult:
    """Like :func:`extract_attributions`, also returning warnings about what was not parsed.

    >>> r = extract_attributions_with_warnings('He said: "no end in sight.\\n\\nThen rain.')
    >>> [a.text for a in r.attributions], len(r.warnings)
    (['no end in sight.'], 1)
    """
    quotes, warnings = find_quotes(text)
    outer = [q for q in quotes if q.depth == 0]
    sentences = sentence_spans(text)
    index = SpeakerIndex.from_text(text)
    found: list[_Found] = []
    covered: set[int] = set()  # starts of quotes already used as content
    for s_start, s_end in sentences:
        _sentence_cues(text, s_start, s_end, outer, found, covered)
    _layout_and_continuations(text, outer, found, covered, warnings)
    if nlp is not None:
        from copytrail.claims.nlp import refine_found

        found = refine_found(text, found, nlp, outer)
    found.sort(key=lambda f: (f.content[0], f.cue[0] if f.cue else -1))
    return AttributionResult(_resolve(text, found, index, sentences), warnings)


@dataclass(slots=True)
class _Found:
    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    speaker_hint: str | None = None  # a name known from layout or continuation


# -- cues ----------------------------------------------------------------------------------------


def _in_quote(pos: int, outer: list[Quote]) -> Quote | None:
    for q in outer:
        if q.content_start <= pos < q.content_end:
            return q
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


def _sentence_cues(
    text: str, s_start: int, s_end: int, outer: list[Quote], found: list[_Found], covered: set[int]
) -> None:
    toks = _tokens(text, s_start, s_end)
    # Content and source spans already claimed in this sentence: cues inside them are part of
    # an outer report ("She added that Democrats have called her") and are not reported again.
    claimed: list[tuple[int, int]] = []
    titled = _title_case(toks)
    found_here = False
    i = 0
    while i < len(toks):
        t = toks[i]
        is_according = t.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to"
        # "According to" frames the whole sentence, so it is kept even inside a claimed clause.
        if _in_quote(t.start, outer) is not None or (
            not is_according and any(a <= t.start < b for a, b in claimed)
        ):
            i += 1
            continue
        f: _Found | None = None
        if is_according:
            f = _according_to(text, toks, i, s_start, s_end, outer)
        elif t.text == ":" and not found_here:
            f = _colon_cue(text, toks, i, s_end, outer, covered)
        elif (t.text[0].islower() or (titled and i > 0)) and (
            cue_lemma(t.low) is not None or _verb_like(toks, i)
        ):
            f = _verb_cue(text, toks, i, s_start, s_end, outer, covered)
        if f is not None:
            found.append(f)
            found_here = True
            if f.source:
                claimed.append(f.source)
            if f.content[0] > (f.cue or f.content)[0]:
                claimed.append(f.content)
        i += 1


_NOT_VERBS = frozenset(
    """was has is his this its us was does goes yes news less unless thus plus series press
    business process status focus campus census bus gas boss loss kiss miss chaos""".split()
)
_NO_SOURCE_LINES = frozenset(
    """update note question answer editor photo photos watch read related source sources video
    correction clarification disclosure warning image caption listen subscribe""".split()
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
) -> _Found | None:
    """'Trump: “I will win.”' and 'Jane Smith: We need more money.' (headlines, transcripts)."""
    if i == 0 or i > 8 or i + 1 >= len(toks):
        return None
    head = toks[:i]
    words = [t for t in head if t.text[0].isalnum()]
    if not words or not words[0].text[0].isupper():
        return None
    if any(t.text.isdigit() for t in head) or (len(words) == 1 and words[0].low in _NO_SOURCE_LINES):
        return None
    if not all(t.text[0].isupper() or t.low in {"of", "the", "and", "for", "s", "’s", "'s"} or not t.text[0].isalnum() for t in head):
        return None
    src = (head[0].start, head[-1].end)
    cue = (toks[i].start, toks[i].end)
    q = _quote_starting_after(text, cue[1], outer, "say")
    if q is not None and q.start not in covered:
        covered.add(q.start)
        return _Found("direct", (q.content_start, q.content_end), cue, src)
    nxt = toks[i + 1]
    if not nxt.text[0].isupper() or len(words) > 4:
        return None
    content = _trim(text, cue[1], s_end)
    return _Found("indirect", content, cue, src) if content[1] > content[0] else None


def _according_to(
    text: str, toks: list[_Tok], i: int, s_start: int, s_end: int, outer: list[Quote]
) -> _Found | None:
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
    return _Found("according-to", content, cue, source)


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
) -> _Found | None:
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
    while p >= 0 and toks[p].low in {"not", "n't", "also", "widely", "long", "previously", "never"}:
        p -= 1
    aux = toks[p] if p >= 0 else None
    if aux is not None and aux.low in {"was", "were", "been", "being", "is", "are", "be", "so", "-"}:
        if not (t.low.endswith("ing") and aux.low in {"was", "were", "is", "are", "been"}):
            return None
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
    if source is not None and (_possessive_or_bare(text, source) or (_numeric(text, source) and not numeric_ok)):
        return None
    if source is not None and strong and lemma not in {"say", "tell"} and _not_a_speaker(text, source):
        return None
    src = source if source is not None else inverted
    if src is None:
        return None
    quoted_before = _quote_ending_before(text, min(src[0], cue[0]), outer, True) is not None
    if (not strong or t.low in AMBIGUOUS) and not quoted_before:
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
        return _Found("direct", (q_before.content_start, q_before.content_end), cue, src)
    if q_after is not None and q_after.start not in covered:
        covered.add(q_after.start)
        return _Found("direct", (q_after.content_start, q_after.content_end), cue, src)
    content = _content_after(text, toks, i, cue, src, lemma, s_end)
    if content is None:
        # "CONTENT, X said." — the clause before the source.
        content = _trim(text, s_start, before_edge)
        if content[1] <= content[0]:
            return None
    kind = "mixed" if any(content[0] <= q.start < content[1] for q in outer) else "indirect"
    if kind == "mixed":
        for q in outer:
            if content[0] <= q.start < content[1]:
                covered.add(q.start)
    return _Found(kind, content, cue, src)


_NEED_THAT = frozenset({"state", "states", "find", "finds", "see", "sees", "hear", "hears", "read", "reads"})
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
    if head in PRONOUNS or head in _UNNAMED_HEADS or head in _DEFINITE_ROLES:
        return False
    return not head.endswith(_PERSON_SUFFIXES)


def _after_source_is_end(text: str, toks: list[_Tok], pos: int) -> bool:
    rest = text[pos : pos + 60]
    return bool(re.match(r"\s*(?:(?:on|in|at|during|last|this)?\s*[\w’'.]+(?:\s+[\w’'.]+){0,3})?\s*[.!?]", rest)) or not rest.strip()


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
    if head in PRONOUNS or head in _UNNAMED_HEADS:
        return False
    return not any(w[0].isupper() for w in words)


_INTENT = frozenset({"agree", "want", "plan", "intend", "seek", "refuse", "decline", "hope", "expect", "pledge", "vow", "threaten", "decide", "promise", "urge"})


def _clause_follows(toks: list[_Tok], i: int) -> bool:
    if i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    if nxt.low == "to":
        return cue_lemma(toks[i].low) in _INTENT
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
        if tk.text == "." and k > 0 and toks[k - 1].low in _ABBREV:
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
        return None
    return (start, end)


def _progressive(toks: list[_Tok], i: int) -> bool:
    j = i - 1
    while j >= 0 and toks[j].low in {"not", "also", "still", "now", "repeatedly", "already", "just"}:
        j -= 1
    return j >= 0 and toks[j].low in {"is", "was", "were", "are", "been", "be", "am", "'s", "’s", "keeps", "kept"}


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
    for q in reversed(outer):
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
    for q in outer:
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


# -- quotes without cues: continuations and layout speakers --------------------------------------

_NAME_LINE = re.compile(
    r"(?P<name>(?:[A-Z][\w'’.\-]*\s+){0,3}[A-Z][\w'’\-]+)\s*(?:[,–—:(|-]\s*[^\n]{0,120})?"
)


def _layout_and_continuations(
    text: str, outer: list[Quote], found: list[_Found], covered: set[int], warnings: list[str]
) -> None:
    paras = _paragraphs(text)
    by_start = sorted(found, key=lambda f: f.content[0])
    layout: tuple[int, int] | None = None  # name span of the current layout speaker
    for p_start, p_end in paras:
        para = text[p_start:p_end]
        line_name = _name_line(text, p_start, p_end, outer)
        if line_name is not None:
            layout = line_name
            continue
        para_quotes = [q for q in outer if p_start <= q.start < p_end and q.start not in covered]
        for q in para_quotes:
            prev = _previous_direct(by_start, found, q.start)
            if layout is not None and q.start == p_start:
                found.append(_Found("direct", (q.content_start, q.content_end), None, layout))
                covered.add(q.start)
            elif prev is not None and _continues(text, prev, q, outer):
                found.append(
                    _Found("direct", (q.content_start, q.content_end), None, None, speaker_hint=_hint(prev))
                )
                covered.add(q.start)
        if layout is not None and not para.lstrip().startswith(tuple(OPEN_MARKS)) and len(para) > 0:
            # Event write-ups also give the speech unquoted under the name line.
            if not any(f.content[0] >= p_start and f.content[1] <= p_end for f in found) and not para_quotes:
                found.append(_Found("direct", (p_start, p_end), None, layout))
            else:
                layout = None


def _hint(f: _Found) -> str:
    return f"@{f.source[0]}:{f.source[1]}" if f.source else (f.speaker_hint or "")


def _previous_direct(by_start: list[_Found], found: list[_Found], pos: int) -> _Found | None:
    best: _Found | None = None
    for f in found:
        if f.content[1] <= pos and f.kind in ("direct", "mixed") and (best is None or f.content[1] > best.content[1]):
            best = f
    return best


def _continues(text: str, prev: _Found, q: Quote, outer: list[Quote]) -> bool:
    # A quote right after the previous speaker's sentence or paragraph, with no other quote
    # or named subject in between, is the same speaker going on.
    end = max([prev.content[1]] + [p[1] for p in (prev.cue, prev.source) if p])
    gap = text[end : q.start]
    if len(gap) > 400:
        return False
    if any(prev.content[1] < o.start < q.start for o in outer):
        return False
    return q.content_end - q.content_start >= 10 and not re.search(r"[A-Z][a-z]+ [A-Z][a-z]+", gap)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for b_start, b_end in paragraph_breaks(text) + [(len(text), len(text))]:
        s, e = pos, b_start
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        pos = b_end
    return out


def _name_line(text: str, s: int, e: int, outer: list[Quote]) -> tuple[int, int] | None:
    line = text[s:e]
    if "\n" in line or len(line) > 120 or line[-1:] in ".?!\"”’" or line[:1] in OPEN_MARKS:
        return None
    m = _NAME_LINE.fullmatch(line)
    if m is None:
        return None
    name = m.group("name")
    words = name.split()
    if len(words) < 2 or any(w.lower().rstrip(".") in TITLES for w in words[-1:]):
        return None
    # The next paragraph must open with a quote, else this is a heading, not a speaker.
    nxt = text[e:].lstrip()
    if not nxt or nxt[0] not in OPEN_MARKS:
        return None
    return (s + m.start("name"), s + m.end("name"))


# -- speakers ------------------------------------------------------------------------------------


def _resolve(
    text: str, found: list[_Found], index: SpeakerIndex, sentences: list[tuple[int, int]]
) -> list[Attribution]:
    for f in found:
        if f.source is not None:
            name = _name_in(text, f.source)
            if name:
                index.add(name)
    out: list[Attribution] = []
    history: list[tuple[int, str]] = []  # (position, canonical speaker) of named speakers
    mentions = _person_mentions(text, index)
    last_by_source: dict[str, str | None] = {}
    for f in sorted(found, key=lambda f: min(f.content[0], (f.source or f.content)[0])):
        speaker: str | None = None
        pos = (f.source or f.content)[0]
        if f.source is not None:
            speaker = _speaker_of(text, f.source, index, history, mentions)
            last_by_source[f"@{f.source[0]}:{f.source[1]}"] = speaker
        elif f.speaker_hint:
            speaker = last_by_source.get(f.speaker_hint)
        if f.source is None and speaker is None and history:
            speaker = history[-1][1]
        if speaker:
            history.append((pos, speaker))
        s0, s1 = _sentence_bounds(sentences, f)
        c0, c1 = f.content
        cue0, cue1 = f.cue if f.cue else (None, None)
        src0, src1 = f.source if f.source else (None, None)
        out.append(Attribution(f.kind, c0, c1, cue0, cue1, src0, src1, speaker, text[c0:c1], s0, s1))
    out.sort(key=lambda a: (a.content_start, a.cue_start or -1))
    return _dedupe(out)


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    seen: set[tuple[int, int]] = set()
    out = []
    for a in atts:
        if (a.content_start, a.content_end) in seen:
            continue
        seen.add((a.content_start, a.content_end))
        out.append(a)
    return out


def _sentence_bounds(sentences: list[tuple[int, int]], f: _Found) -> tuple[int, int]:
    lo = min([f.content[0]] + [p[0] for p in (f.cue, f.source) if p])
    hi = max([f.content[1]] + [p[1] for p in (f.cue, f.source) if p])
    s0, s1 = lo, hi
    for a, b in sentences:
        if a <= lo < b or (a >= lo and a < hi):
            s0 = min(s0, a)
        if a < hi <= b or (b <= hi and b > lo):
            s1 = max(s1, b)
    return s0, s1


_CAP_RUN = re.compile(
    r"(?:[A-Z][a-z]{0,2}\.|[A-Z]\.|[A-Z][\w'’\-]*)(?:[ \t]+(?:[A-Z][a-z]{0,2}\.|[A-Z]\.|[A-Z][\w'’\-]*|of|de|van|von))*"
)


def _name_in(text: str, span: tuple[int, int]) -> str | None:
    """The proper name inside a source phrase ("Trump campaign manager Kellyanne Conway")."""
    phrase = text[span[0] : span[1]]
    runs = [m.group(0) for m in _CAP_RUN.finditer(phrase)]
    runs = [r.rstrip() for r in runs if r.split()[0].lower().rstrip(".") not in {"the", "a", "an"} or len(r.split()) > 1]
    if not runs:
        return None
    # The last capitalised run is the head ("Trump campaign manager Kellyanne Conway").
    run = runs[-1]
    words = run.split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if not words:
        return None
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return None
    if phrase.strip().split()[0:1] == [words[0]] or len(runs) == 1:
        return " ".join(words)
    return " ".join(words)


def _person_mentions(text: str, index: SpeakerIndex) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for m in _CAP_RUN.finditer(text):
        name = m.group(0)
        words = name.split()
        if len(words) >= 2 or name.rstrip(".").lower() in index.full:
            canon = index.resolve(name)
            if canon.lower().split()[-1:] and canon.split()[-1].lower() in index.full:
                out.append((m.start(), canon))
    return out


def _speaker_of(
    text: str,
    span: tuple[int, int],
    index: SpeakerIndex,
    history: list[tuple[int, str]],
    mentions: list[tuple[int, str]],
) -> str | None:
    phrase = text[span[0] : span[1]].strip()
    low = phrase.lower()
    if low in PRONOUNS or (low.startswith("the ") and low.split()[-1] in _DEFINITE_ROLES and len(low.split()) <= 4):
        want = PRONOUNS.get(low)
        if want in ("m", "f", None):
            return _antecedent(span[0], want, index, history, mentions)
        if want == "r":
            # "Smith, who said …": the name before the comma.
            before = text[max(0, span[0] - 80) : span[0]].rstrip(" ,")
            runs = list(_CAP_RUN.finditer(before))
            if runs and runs[-1].end() >= len(before) - 1:
                return index.resolve(runs[-1].group(0))
            return None
        return None
    name = _name_in(text, span)
    if name is None:
        # Unnamed but definite organisations ("the city", "the campaign") are still speakers.
        words = low.split()
        if words and words[0] == "the" and words[-1] not in _UNNAMED_HEADS and len(words) <= 4:
            return phrase
        return None
    return index.resolve(name)


def _antecedent(
    pos: int, gender: str | None, index: SpeakerIndex, history: list[tuple[int, str]], mentions: list[tuple[int, str]]
) -> str | None:
    # The most recent named speaker of a compatible gender, else the latest person mention.
    for _, name in reversed(history):
        g = index.gender_of(name) or title_gender(name)
        if gender is None or g is None or g == gender:
            return name
    # Among plain mentions a known matching gender wins over a nearer unknown one
    # ("Hillary Clinton … in Des Moines. She said" is Clinton, not the city).
    earlier = [(p, name) for p, name in mentions if p < pos]
    if gender is not None:
        for _, name in reversed(earlier):
            if index.gender_of(name) == gender:
                return name
    for _, name in reversed(earlier):
        g = index.gender_of(name)
        if gender is None or g is None or g == gender:
            return name
    return None


def shift(a: Attribution, offset: int) -> Attribution:
    """``a`` with every span moved by ``offset`` (for text analysed as a slice of a larger one).

    >>> a = extract_attributions('"Yes," she said.')[0]
    >>> shift(a, 10).content_start - a.content_start
    10
    """

    def mv(x: int | None) -> int | None:
        return None if x is None else x + offset

    return replace(
        a,
        content_start=a.content_start + offset,
        content_end=a.content_end + offset,
        cue_start=mv(a.cue_start),
        cue_end=mv(a.cue_end),
        source_start=mv(a.source_start),
        source_end=mv(a.source_end),
        sentence_start=a.sentence_start + offset,
        sentence_end=a.sentence_end + offset,
    )


__all__ = [
    "KINDS",
    "Attribution",
    "AttributionResult",
    "extract_attributions",
    "extract_attributions_with_warnings",
    "shift",
    "WEAK",
]
