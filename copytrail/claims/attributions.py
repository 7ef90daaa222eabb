"""Attributions: who said what, with exact spans for source, cue and content.

:func:`extract_attributions` finds direct quotes, indirect speech ("X said that ..."),
"according to X" and mixed reports (indirect speech holding a quotation) in plain text, with no
parser needed (rules, then a small shipped tagger). The cascade, in order:

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
   the dependency parse and adds attributions the cue list misses;
6. a sequence labeller learned from annotated news (:mod:`copytrail.claims.tagger`, shipped
   weights, no model download) reads the frames of steps 1-5 as features and tags source and
   cue tokens: it confirms or re-spans the rule sources, drops those it does not confirm and
   adds the sources the cue rules miss (stance verbs, nominal cues, nested subjects). With a
   spaCy pipeline a second model, trained with dependency-parse features too, does this. The
   weights are read by :mod:`copytrail.claims.crf`, all sentences of a text tagged in one pass
   (``python-crfsuite`` trains them); without the weights file the rule frames are used as they are.

Step 4 (speakers) runs last, over the frames of all other steps, once :func:`tidy_frames` has
taken out what rules and tagger misread (a stance cue with no source, a noun cue, a stance nested
in reported speech) and cut relative clauses and glued headlines from sources.

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
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Any

from copytrail.claims.cues import STRONG, WEAK
from copytrail.claims.frames import Frame, sentence_frames
from copytrail.claims.layout import layout_and_continuations, speaker_hint_of
from copytrail.claims.quotes import Quote, find_quotes
from copytrail.claims.resolve import resolve_speakers
from copytrail.claims.sentences import sentence_spans, trim_span
from copytrail.claims.tagger import current_model, relabel

KINDS = ("direct", "indirect", "according-to", "mixed", "belief")
# Kinds no view lists unless asked: what someone wants, feels or did is no report of speech.
HIDDEN_KINDS = ("belief",)


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution; every span is ``text[start:end]`` of the analysed text.

    ``cue_*`` and ``source_*`` are None when the text has no cue (a quote continuing the
    previous speaker) or no source mention; ``speaker`` is the resolved name (person or
    organisation; pronouns, "Mr. X" and role nouns resolved within the article), a definite
    organisation as written ("the city"), or None for unnamed sources ("officials", "a source").
    ``kind`` is one of :data:`KINDS`: 'direct' (quoted), 'indirect' (reported), 'according-to',
    'mixed' (reported speech holding a quotation).
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
    >>> [a.text for a in r.attributions], r.warnings
    (['no end in sight.'], ['quote opened at 9 is not closed before the paragraph end at 26'])
    >>> extract_attributions_with_warnings('"We will never give up on this town, ever."').warnings
    ['quote at 0-43 has no speaker']
    """
    found, outer, sentences, warnings = rule_frames(text, nlp)
    doc = None
    model = current_model(parsed=True) if nlp is not None else None
    if model is not None:
        from copytrail.claims.nlp import parse

        doc = parse(nlp, text)  # already parsed by rule_frames: this is the remembered doc
    else:
        model = current_model()
    if model is not None:
        found = relabel(text, found, outer, sentences, model, doc)
    found = tidy_frames(text, found, sentences)
    found.sort(key=lambda f: (f.content[0], f.cue[0] if f.cue else -1))
    return AttributionResult(_resolve(text, found, sentences), warnings)


def rule_frames(
    text: str, nlp: Any = None
) -> tuple[list[Frame], list[Quote], list[tuple[int, int]], list[str]]:
    """Steps 1-3 (and 5 with ``nlp``) of the cascade: frames, outer quotes, sentences, warnings.

    The learned tagger reads these frames as features, at training time as at run time.

    >>> frames, outer, sentences, warnings = rule_frames('"Go," he said.')
    >>> len(frames), len(outer), sentences, warnings
    (1, 1, [(0, 14)], [])
    """
    quotes, warnings = find_quotes(text)
    outer = [q for q in quotes if q.depth == 0]
    sentences = sentence_spans(text)
    found: list[Frame] = []
    covered: set[int] = set()  # starts of quotes already used as content
    for s_start, s_end in sentences:
        sentence_frames(text, s_start, s_end, outer, found, covered)
    layout_and_continuations(text, outer, found, covered, warnings, sentences)
    if nlp is not None:
        from copytrail.claims.nlp import refine_found

        found = refine_found(text, found, nlp, outer)
    return found, outer, sentences, warnings


# -- frames after the tagger: what neither rules nor tagger may leave ---------------------------

# Words after which a capitalised determiner is part of a name ("a reporter for The New York
# Times"), not the start of a glued-on sentence.
_JOINERS = frozenset(
    "of for at in on from with by to about and or nor but the a an as than via into onto".split()
)
_RELATIVE = re.compile(r"\s*,\s*(?:which|who|whom|whose|that)\b")
_GLUED = re.compile(r"(\S+)\s+(?=(?:The|A|An)\s)")
_COMPLEMENTIZER = re.compile(r"(?:that|and|but|because)\s+")
# A stance cue right before one of these is a noun ("Budget talks between the city and the union
# stalled", "negotiations among"). Other prepositions follow real stance verbs as often
# ("lashed out at", "railed against"): on PolNeAR dev, dropping those cost source recall.
_NOUN_AFTER = frozenset("between among amongst".split())


def _is_speech(cue: str) -> bool:
    # Speech verbs, belief verbs, "according to" and a headline colon report; a stance verb
    # learned from annotated news ("addressed", "signed", "talks") only with its subject.
    # A learned cue span may hold an auxiliary or adverb first ("has endorsed", "again refused").
    words = [w.strip(".,:;") for w in cue.lower().split()]
    if not words or not words[0][:1].isalpha():
        return True
    return words[0] == "according" or any(w in STRONG or w in WEAK for w in words)


def _cut_source(text: str, src: tuple[int, int], cue: tuple[int, int] | None) -> tuple[int, int]:
    s, e = src
    m = _COMPLEMENTIZER.match(text, s, e)
    if m is not None and m.end() < e:
        s = m.end()  # "that at least 40 members of Congress": the complementizer is the cue's
    rel = _RELATIVE.search(text, s, e)
    if rel is not None and rel.start() > s:
        if cue is not None and cue[0] >= e and "," not in text[rel.end() : cue[0]]:
            # "the Senate majority leader, who in 2010 said": the cue is the relative clause's
            # own verb and its subject is the pronoun (the speaker is the name before it).
            pron = re.search(r"\w+", text[rel.start() : e])
            return (rel.start() + pron.start(), rel.start() + pron.end()) if pron else src
        e = rel.start()  # "The union, which has fought for 53 years, said": the union said it
    for g in _GLUED.finditer(text, s, e):
        # A headline or byline run into the sentence ("… By Staff Writer, 2026-06-20 The union"):
        # the source starts with the sentence that holds the cue.
        if g.group(1).lower().strip(",.;:") not in _JOINERS and g.end() < e:
            s = g.end()
    return (s, e) if e > s else src


def tidy_frames(text: str, found: list[Frame], sentences: list[tuple[int, int]]) -> list[Frame]:
    """Frames with the misreadings of rules and tagger taken out, before speakers are resolved.

    A stance cue without a source ("Mayor X addressed the crowd" once the tagger took the source
    away) or before a prepositional phrase ("Budget talks between …") is no report and goes; so
    does one inside what a speech cue reports ("… residents have signed the petition, organisers
    said"). Sources lose a leading complementizer, a relative clause and a glued-on headline; an
    inverted report ("…, organisers said") whose content is only its source reports the clause
    before it.

    >>> t = "The union, which has fought for years, said talks failed."
    >>> [t[f.source[0]:f.source[1]] for f in tidy_frames(t, rule_frames(t)[0], [(0, len(t))])]
    ['The union']
    """
    moved: dict[str, str] = {}
    kept: list[tuple[Frame, bool]] = []  # with "its cue reports speech"
    for f in found:
        cue = text[f.cue[0] : f.cue[1]] if f.cue else ""
        speech = not cue or _is_speech(cue)
        if f.cue is not None and not speech:
            after = text[f.cue[1] : f.content[1]].split()
            if f.source is None or (after and after[0].lower() in _NOUN_AFTER):
                continue
        kept.append((_tidy_source(text, f, sentences, moved), speech))
    out: list[Frame] = []
    speech_contents = [g.content for g, speech in kept if g.cue is not None and speech]
    for f, speech in kept:
        if (
            f.cue is not None
            and not speech
            and any(c0 <= f.cue[0] and f.cue[1] <= c1 for c0, c1 in speech_contents)
        ):
            continue  # "… have signed the petition, organisers said": the organisers report it
        hint = moved.get(f.speaker_hint or "", f.speaker_hint)
        out.append(replace(f, speaker_hint=hint) if hint != f.speaker_hint else f)
    return out


def _tidy_source(text: str, f: Frame, sentences: list[tuple[int, int]], moved: dict[str, str]) -> Frame:
    # The source cut (recorded in ``moved`` for the speaker hints that point at it), and the
    # content of an inverted report that is only its source.
    source, content = f.source, f.content
    if source is None:
        return Frame(f.kind, content, f.cue, source, f.speaker_hint, f.learned)
    source = _cut_source(text, source, f.cue)
    if source != f.source:
        moved[speaker_hint_of(f)] = f"@{source[0]}:{source[1]}"
    if f.cue is not None and f.cue[0] >= source[1] and content[0] >= source[0] and content[1] <= f.cue[1]:
        content = _inverted_content(text, source, sentences) or content
    return Frame(f.kind, content, f.cue, source, f.speaker_hint, f.learned)


def _inverted_content(
    text: str, source: tuple[int, int], sentences: list[tuple[int, int]]
) -> tuple[int, int] | None:
    # "A hundred residents have signed the petition, organisers said.": the clause before the
    # comma that precedes the source.
    before = text[: source[0]].rstrip()
    if not before.endswith(","):
        return None
    start = next((a for a, b in sentences if a <= source[0] < b), 0)
    span = trim_span(text, start, len(before) - 1)
    return span if span and span[1] - span[0] > 1 else None


# -- speakers ------------------------------------------------------------------------------------


def _resolve(text: str, found: list[Frame], sentences: list[tuple[int, int]]) -> list[Attribution]:
    found = [f for f in found if not _capitalised_cue(text, f) and not _quoted_title(text, f)]
    ordered = sorted(found, key=lambda f: min(f.content[0], (f.source or f.content)[0]))
    out: list[Attribution] = []
    for f, speaker in zip(ordered, resolve_speakers(text, ordered), strict=True):
        s0, s1 = _sentence_bounds(sentences, f)
        c0, c1 = f.content
        cue0, cue1 = f.cue if f.cue else (None, None)
        src0, src1 = f.source if f.source else (None, None)
        kind = _kind(text, f)
        out.append(Attribution(kind, c0, c1, cue0, cue1, src0, src1, speaker, text[c0:c1], s0, s1))
    out.sort(key=lambda a: (a.content_start, a.cue_start or -1))
    return _dedupe(out)


def _capitalised_cue(text: str, f: Frame) -> bool:
    """A cue word with a capital inside a sentence is part of a name or a title ("Samsung
    Galaxy Note", "Who Told You"), not a reporting verb.

    >>> t = "You can buy the Samsung Galaxy Note for less than it costs in the shops."
    >>> at = t.index("Note")
    >>> _capitalised_cue(t, Frame("indirect", (at + 5, len(t)), (at, at + 4), (16, at - 1)))
    True
    """
    if f.cue is None:
        return False
    cue = text[f.cue[0] : f.cue[1]]
    if not cue[:1].isupper() or cue.lower().startswith("according"):
        return False
    before = text[: f.cue[0]].rstrip(" \t“\"‘'(")
    if not before or before[-1] in ".!?:;\n":
        return False
    # A headline in title case ("Mayor Says Budget Will Pass") capitalises its verbs too.
    line = text[
        text.rfind("\n", 0, f.cue[0]) + 1 : (text.find("\n", f.cue[1]) + 1 or len(text) + 1) - 1
    ]
    words = [w for w in line.split() if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) < 0.75 * len(words)


def _quoted_title(text: str, f: Frame) -> bool:
    """A short quote in title case with no speech cue is a title ("O Brother, Where Art
    Thou?", "Takin' It to the Streets") or a label ("Uncommitted"), nobody's words.

    >>> t = 'She cut many films, including “O Brother, Where Art Thou?”'
    >>> _quoted_title(t, Frame("direct", (t.index("O"), len(t) - 1), None, None))
    True
    """
    if f.kind != "direct" or (f.cue is not None and text[f.cue[0] : f.cue[1]].lower() in STRONG):
        return False
    words = [w for w in text[f.content[0] : f.content[1]].split() if w[:1].isalpha()]
    if not words or len(words) > 10:
        return False
    return (
        sum(w[0].isupper() for w in words) >= max(1, 0.75 * len(words))
        and len(words) > 1
        or (len(words) == 1 and words[0][0].isupper() and f.cue is None)
    )


def _kind(text: str, f: Frame) -> str:
    """The frame's kind, 'belief' for reported speech whose cue is no speech act.

    "The group also wants …", "Many residents feel …", "Engineers found …" say what someone
    wants, feels or did, not what they said: kept apart and hidden by default, never listed as
    a quote.
    """
    if f.kind not in ("indirect", "mixed") or f.cue is None:
        return f.kind  # a mixed report whose cue is no speech act is a belief too ("sparked a “…”")
    words = [w.strip(".,:;") for w in text[f.cue[0] : f.cue[1]].lower().split()]
    if not words or not words[0][:1].isalpha() or words[0] == "according":
        return f.kind
    return f.kind if any(w in STRONG for w in words) else "belief"


def listed(text: str, atts: list[Attribution]) -> list[Attribution]:
    """The attributions the claims stage stores and the views list: :func:`without_contained`,
    and no report whose content is a fragment rather than a claim.

    A reported content of one or two words ("Eventually", "the day"), a prepositional
    complement of the cue ("said in a statement", "wrote on his blog") or an unquoted line after
    a label and a colon ("Referee: …", "Q: …") is a misread frame; a direct or mixed quote is
    kept whatever its length (quote marks delimit it).

    >>> t = "The ministry said in a statement. Mayor Jane Okafor said the bridge would reopen."
    >>> [a.text for a in listed(t, extract_attributions(t))]
    ['the bridge would reopen']
    """
    return [a for a in without_contained(atts) if not _fragment(text, a)]


_PREPOSITION = frozenset("in on at to before about of with by for from during".split())


def _fragment(text: str, a: Attribution) -> bool:
    if a.kind not in ("indirect", "belief"):
        return False
    if a.cue_start is not None and text[a.cue_start : a.cue_end] == ":":
        # "Referee: Michael Oliver", "Q: Where did you grow up?", "Subs: …": a label line, not
        # a report, unless its words are quoted (then the frame is direct).
        return True
    words = re.findall(r"[\w’']+", a.text.lower())
    if len(words) < 3:
        return True
    if _object_not_clause(text, a, words):
        return True
    if a.cue_end is None or a.cue_end > a.content_start:
        return False
    return text[a.cue_end : a.content_start].strip().lower() in _PREPOSITION


# A reported clause has a finite verb; without one of these, content after a cue other than
# say/tell is the verb's object ("Audi revealed the second model", "claimed Ford's body").
_AUXILIARIES = frozenset(
    """is are was were be been has have had will would can could should shall may might must
    do does did isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't
    couldn't shouldn't don't doesn't didn't""".split()
)
# Cues whose object is itself the report ("called it a sham") or takes a clause with no
# auxiliary ("urged X to", "suggested X change", "confirmed X makes").
_CLAUSE_WITHOUT_AUX = frozenset(
    """say tell call urge ask suggest recommend confirm describe label dub brand warn demand propose
    argue deny acknowledge insist contend maintain assert""".split()
)
_OBJECT_START = (
    frozenset("the a an its his her their our my your this these those".split())
    | frozenset("him them me us not into many several".split())  # "pleaded not guilty"
    | _PREPOSITION
)


def _object_not_clause(text: str, a: Attribution, words: list[str]) -> bool:
    if a.cue_start is None or a.cue_end is None or a.cue_end > a.content_start:
        return False
    cue = text[a.cue_start : a.cue_end].lower().split()
    if any((STRONG.get(w) or WEAK.get(w)) in _CLAUSE_WITHOUT_AUX for w in cue):
        return (
            False  # "called the process a sham", "urged the public not to", "suggested he change"
        )
    owner = words[0].endswith(("’s", "'s"))  # "claimed Ford’s body"
    return (words[0] in _OBJECT_START or owner) and not _AUXILIARIES & set(words)


def without_contained(atts: list[Attribution]) -> list[Attribution]:
    """Without an attribution whose content lies inside a longer one of the same speaker.

    "She said she had asked officers to look at whether …" holds "(she) asked officers to look
    at whether …": listing both shows one report twice. A nested report of someone else
    ("… , the mayor said the union told her …") stays. The claims stage lists attributions
    through this; :func:`extract_attributions` keeps nested reports as news annotators mark them.

    >>> t = "Elena Marsh spoke. She said she had asked officers to look at whether it would pay."
    >>> [a.text for a in without_contained(extract_attributions(t))]
    ['she had asked officers to look at whether it would pay']
    """
    out: list[Attribution] = []
    for a in atts:
        inside = any(
            b is not a
            and b.content_start <= a.content_start
            and a.content_end <= b.content_end
            and (b.content_end - b.content_start) > (a.content_end - a.content_start)
            and a.speaker is not None
            and a.speaker == b.speaker
            for b in atts
        )
        if not inside:
            out.append(a)
    return out


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    # One content reported by two different sources (a learned nested source) stays twice.
    seen: set[tuple[int, int, int | None]] = set()
    contents: set[tuple[int, int]] = set()
    out = []
    for a in atts:
        key = (a.content_start, a.content_end, a.source_start)
        if key in seen or (a.source_start is None and key[:2] in contents):
            continue
        seen.add(key)
        contents.add(key[:2])
        out.append(a)
    return out


def _sentence_bounds(sentences: list[tuple[int, int]], f: Frame) -> tuple[int, int]:
    lo = min([f.content[0]] + [p[0] for p in (f.cue, f.source) if p])
    hi = max([f.content[1]] + [p[1] for p in (f.cue, f.source) if p])
    s0, s1 = lo, hi
    # Sentences are sorted and disjoint: start at the first one ending after ``lo``.
    for a, b in sentences[bisect_right(sentences, lo, key=_sentence_end) :]:
        if a >= hi:
            break
        s0, s1 = min(s0, a), max(s1, b)
    return s0, s1


def _sentence_end(span: tuple[int, int]) -> int:
    return span[1]


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
    "rule_frames",
    "listed",
    "shift",
    "without_contained",
    "tidy_frames",
]
