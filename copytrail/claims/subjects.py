"""Speaker mentions around a reporting cue, found on word tokens with no model.

A cue's speaker is the subject noun phrase on its left (skipping auxiliaries, adverbs, negations,
"declined to" frames, party tags and appositives), the sentence subject for a participle
("…, saying"), or the phrase after an inverted cue ('…," said Jane Smith, the mayor').
:mod:`copytrail.claims.frames` builds attribution frames from these spans.

>>> text = 'Rep. Jane Smith (D-Md.) also said it.'
>>> toks = tokens(text, 0, len(text))
>>> span = left_subject(text, toks, [t.low for t in toks].index("said"))
>>> text[span[0] : span[1]]
'Rep. Jane Smith (D-Md.)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copytrail.claims.cues import STRONG, cue_lemma
from copytrail.claims.speakers import PRONOUNS, TITLES

# -- tokens --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:[’'\-.]\w+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Tok:
    """A word or punctuation token: its span, text and lower-cased text."""

    start: int
    end: int
    text: str
    low: str


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of ``text[start:end]`` (offsets stay those of ``text``)."""
    return [
        Tok(m.start(), m.end(), m.group(0), m.group(0).lower())
        for m in _TOKEN.finditer(text, start, end)
    ]


OPEN_MARKS = "\"“„«‘'"
CLOSE_MARKS = "\"”»’'“"
# Words that may sit between a subject and its cue ("he also said", "she has repeatedly warned").
BETWEEN = frozenset(
    """also has have had will would could can may might did does do is was were are be been
    then later again once previously recently repeatedly publicly privately reportedly simply
    flatly often frequently first last further similarly separately earlier just even still
    already not never n't quickly angrily told wrote recently initially subsequently since
    openly explicitly directly quietly loudly bluntly now all both too apparently actually
    ultimately finally personally""".split()
)
_NEGATED = "isn't wasn't aren't weren't doesn't didn't don't won't hasn't haven't hadn't can't couldn't wouldn't".split()
BETWEEN = BETWEEN | frozenset(_NEGATED) | frozenset(w.replace("'", "’") for w in _NEGATED)
# "he’s claiming", "they’re saying": one token holding the subject pronoun and its auxiliary.
_CONTRACTED = re.compile(r"(he|she|it|they|we|you|i)(?:[’']s|[’']re|[’']m|[’']ve|[’']d|[’']ll)")
# Words that end a subject noun phrase going leftwards (verbs and clause words are unknown
# without a tagger, so prepositions, conjunctions and clause markers stop the phrase).
NP_STOP = frozenset(
    """that which who whom whose where when while if because although though since after
    before as than and but or nor so yet to in on at from with by into about over under between
    through during against without within among across toward towards upon per via is was were
    are be been being has have had do does did will would could should can may might must
    said says say told tells added adds wrote writes also not this week month year day ago
    here there now today yesterday tonight last next whether how why what having being
    whenever once unless until""".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split()
)
_TIME_NOUNS = frozenset("week month year day ago".split())
TIME_WORDS = frozenset(
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
_ABBREV = frozenset(
    "mr mrs ms dr sen rep gov gen col lt sgt capt st jr sr prof rev hon u.s".split()
)


_CATENATIVE = frozenset(
    """declined declines decline refused refuses refuse continued continues continue went goes
    go wanted wants want tried tries try used began begins begin seemed seems seem appeared
    appears appear took takes take had has have got gets came comes come rushed rush""".split()
)
_READY = frozenset(
    "quick eager ready careful happy able willing reluctant unable first keen right".split()
)
NOUN_BEFORE = frozenset(
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


def is_sentence_end(toks: list[Tok], k: int) -> bool:
    return toks[k].text in ".!?" and k == len(toks) - 1


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten dozen dozens hundreds thousands millions roughly about nearly some".split()
)
# Endings of nouns for people ("organizers", "scientist", "spokeswoman", "resident"); the
# spaCy path (nlp.py) reads the same list.
PERSON_NOUN_SUFFIXES = ("er", "ers", "ist", "ists", "man", "men", "woman", "women", "ian", "ians",
                        "ent", "ents", "ant", "ants")  # fmt: skip
_PERSON_SUFFIXES = (*PERSON_NOUN_SUFFIXES, "or", "ors")


def numeric(text: str, span: tuple[int, int]) -> bool:
    words = re.findall(r"[\w’']+", text[span[0] : span[1]].lower())
    return bool(words) and all(
        w.replace(",", "").replace(".", "").isdigit() or w in _NUMBER_WORDS for w in words
    )


def not_a_speaker(text: str, span: tuple[int, int]) -> bool:
    """A lower-case noun phrase whose head is neither a person, a group nor a document."""
    words = re.findall(r"[\w’'\-]+", text[span[0] : span[1]])
    if not words or any(w[0].isupper() for w in words):
        return False
    head = words[-1].lower()
    if head in PRONOUNS or head in UNNAMED_HEADS or head in DEFINITE_ROLES:
        return False
    return not head.endswith(_PERSON_SUFFIXES)


def ends_in_determiner(text: str, span: tuple[int, int]) -> bool:
    # "The day before …": the cue form is a noun of the phrase, not a verb.
    words = text[span[0] : span[1]].split()
    return bool(words) and words[-1].lower() in NOUN_BEFORE


def possessive_or_bare(text: str, span: tuple[int, int]) -> bool:
    s = text[span[0] : span[1]]
    low = s.lower()
    return low.endswith(("'s", "’s", "s'", "s’")) or low in {
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
    }


def closing_quote_before_comma(toks: list[Tok], i: int) -> bool:
    j = i - 1
    while j >= 0 and toks[j].low in BETWEEN:
        j -= 1
    return j >= 1 and toks[j].text in ",—–" and toks[j - 1].text in CLOSE_MARKS


_APPOSITIVE_START = frozenset(
    """a an the who which whose his her their its one now then in by for too however meanwhile
    also along like both each clearly""".split()
)


_INITIALS = re.compile(r"[a-z](?:\.[a-z])*")
_HEAD_START = frozenset("the his her their its he she they we i".split())


def _closing(toks: list[Tok], k: int) -> bool:
    """A closing quote mark, not the apostrophe of a plural possessive ("Sanders’ campaign")."""
    t = toks[k]
    if t.text not in CLOSE_MARKS:
        return False
    possessive = (
        t.text in "’'"
        and k > 0
        and toks[k - 1].end == t.start
        and toks[k - 1].low.endswith("s")
        and k + 1 < len(toks)
        and toks[k + 1].text[0].isalnum()
    )
    return not possessive


def _chunk_start(toks: list[Tok], k: int, limit: int) -> int:
    """The index of the comma, dash, colon, semicolon, bracket or closing quote before ``k``
    (at most ``limit`` tokens back), or where the search stopped."""
    b = k - 1
    while b >= 0 and toks[b].text not in ",—–;:(" and not _closing(toks, b) and k - b < limit:
        b -= 1
    return b


def _speech_inside(chunk: list[Tok]) -> bool:
    return any(cue_lemma(t.low) and t.low in STRONG and t.text.islower() for t in chunk)


def _stacked(toks: list[Tok], k: int) -> int:
    """Stacked appositives ("J.J. Goldberg, editor at large of The Forward, a weekly, wrote"):
    a lower-case chunk between commas is one more appositive; the head is before it."""
    for _ in range(3):
        b = _chunk_start(toks, k, 25)
        chunk = toks[b + 1 : k]
        if b < 1 or toks[b].text not in ",—–" or not chunk:
            break
        lead = chunk[0]
        if not (lead.text[0].islower() or lead.text[0].isdigit()) or lead.low in _HEAD_START:
            break
        if _speech_inside(chunk):
            break
        k = b
    return k


def _appositive_like(inner: list[Tok], name_head: bool) -> bool:
    """The enclosed phrase looks like an appositive or a relative clause, not a clause."""
    first = inner[0]
    if first.low in _APPOSITIVE_START or first.text[0].isupper() or first.text[0].isdigit():
        return True
    return first.low.endswith(("ing", "ly")) or (name_head and len(inner) <= 25)


def appositive_subject(text: str, toks: list[Tok], i: int) -> tuple[int, int] | None:
    """'Jane Smith, a spokeswoman for the city, said': the subject before the appositive.

    >>> t = "Ana Lutz, a nurse at the clinic, said so."
    >>> toks = tokens(t, 0, len(t))
    >>> span = appositive_subject(t, toks, [x.low for x in toks].index("said"))
    >>> t[span[0] : span[1]]
    'Ana Lutz, a nurse at the clinic'
    """
    j = i - 1
    while j >= 0 and toks[j].low in BETWEEN:
        j -= 1
    if j < 1 or toks[j].text not in ",—–":
        return None
    k = _chunk_start(toks, j, 40)
    if k < 1 or toks[k].text not in ",—–(":
        return None
    inner = toks[k + 1 : j]
    if not inner:
        return None
    first = inner[0].low
    k = _stacked(toks, k)
    head = left_subject(text, toks, k, stop_at=k)
    if not isinstance(head, tuple):
        return None
    name_head = toks[k - 1].text[0].isupper() or toks[k - 1].text == ")"
    if not _appositive_like(inner, name_head):
        return None
    if _speech_inside(inner) and first not in {"who", "which"}:
        return None
    if first in {"in", "by", "for", "too", "however", "meanwhile", "also"}:
        return head
    return (head[0], toks[j - 1].end)


def looks_unnamed_thing(text: str, span: tuple[int, int]) -> bool:
    # Belief/evidence verbs after a lower-case common noun phrase ("the plan shows") are
    # rarely attributions worth reporting unless the head is a source-like noun.
    words = re.findall(r"\w+", text[span[0] : span[1]])
    if not words:
        return True
    head = words[-1].lower()
    if head in PRONOUNS or head in UNNAMED_HEADS or head in DEFINITE_ROLES:
        return False
    # A capital on a sentence-initial determiner ("The so-called reform package") names nothing.
    return not any(w[0].isupper() for w in words if w.lower() not in NOUN_BEFORE)


# Words between a subject and its cue that the subject stands before, read right to left
# from the cue, each a set of words per position, with the minimum index of the first one and
# what is skipped after: "Trump at the time said", "voters are more likely to say", "he
# declined to say", "she went on to say", "he was quick to point out". In each group the first
# frame that matches is skipped.
_MORE = frozenset("more less most least far much".split())
_SKIP_FRAMES: tuple[tuple[tuple[tuple[frozenset[str], ...], int, str], ...], ...] = (
    (((frozenset({"at"}), frozenset({"the"}), frozenset({"time"})), 3, "between"),),
    (((frozenset({"likely", "unlikely"}), frozenset({"to"})), 2, "degree"),),
    (
        ((_CATENATIVE, frozenset({"to"})), 1, "between"),
        (
            (frozenset({"went", "goes", "go", "going"}), frozenset({"on"}), frozenset({"to"})),
            2,
            "between",
        ),
        ((BETWEEN, _READY, frozenset({"to"})), 2, "between"),
    ),
)


def _skip_back(toks: list[Tok], j: int, how: str) -> int:
    """The index left of the words ``how`` skips ("between": auxiliaries and adverbs; "adverbs":
    also any lower-case -ly word; "degree": also "more", "less" …)."""
    while j >= 0:
        t = toks[j]
        if t.low in BETWEEN:
            j -= 1
        elif how != "between" and t.low.endswith("ly") and (how == "degree" or t.text.islower()):
            j -= 1
        elif how == "degree" and t.low in _MORE:
            j -= 1
        else:
            break
    return j


def _skip_to_subject(toks: list[Tok], j: int) -> int:
    """The index of the last word of the subject before the cue at ``j + 1``: auxiliaries,
    adverbs, a weekday ("Lee on Monday said") and the frames of :data:`_SKIP_FRAMES` skipped."""
    j = _skip_back(toks, j, "adverbs")
    if j >= 1 and toks[j].low in _WEEKDAYS:
        j -= 1
        if toks[j].low in {"on", "last", "this", "late", "early"}:
            j -= 1
    for group in _SKIP_FRAMES:
        for words, first, how in group:
            n = len(words)
            if j >= first and all(toks[j - n + 1 + x].low in w for x, w in enumerate(words)):
                j = _skip_back(toks, j - n, how)
                break
    return j


_NP = "np"  # the subject is a noun phrase to read leftwards


def _subject_token(
    text: str, toks: list[Tok], i: int, j: int, stop_at: int | None
) -> tuple[int, int] | str | None:
    """What the token right before the subject's end says: "comma", a span (a relative pronoun,
    a pronoun, a party tag's phrase, a coordinated clause's subject), None, or :data:`_NP`."""
    last = toks[j]
    if last.text in ",—–":
        return "comma"
    if last.text == ")" and j >= 2:
        return _before_party_tag(text, toks, j)
    if last.text in CLOSE_MARKS or last.text in ".!?:;()[]":
        return None
    if last.low in {"who", "which", "that"}:
        return (last.start, last.end)
    if last.low == "and" and stop_at is None and cue_lemma(toks[i].low) in STRONG.values():
        return sentence_subject(toks, j)
    contracted = _CONTRACTED.fullmatch(last.low)
    if contracted is not None:
        return (last.start, last.start + len(contracted.group(1)))
    if last.low in PRONOUNS:
        objects = {"him", "them", "me", "us", "her", "his", "its", "their"}
        return None if last.low in objects else (last.start, last.end)
    return _NP


def _before_party_tag(text: str, toks: list[Tok], j: int) -> tuple[int, int] | None:
    # "Rep. Elijah Cummings (D-Md.) said": keep the party tag, continue before it.
    k = j - 1
    while k > 0 and toks[k].text != "(" and j - k < 10:
        k -= 1
    if toks[k].text == "(" and k > 0:
        head = left_subject(text, toks, k, stop_at=k)
        if isinstance(head, tuple):
            return (head[0], toks[j].end)
    return None


def _ends_np(text: str, toks: list[Tok], k: int, j: int, start: int, end: int) -> bool:
    """Whether the noun phrase read leftwards stops before token ``k``: punctuation, a
    preposition or clause word (a capitalised "and" inside a name does not stop it), a
    pronoun other than a possessive, or a lower-case cue word."""
    tk = toks[k]
    if not tk.text[0].isalnum():
        return True
    if tk.low in NP_STOP and (tk.text.islower() or tk.low not in _TIME_NOUNS):
        name_and = (
            tk.low == "and"
            and k > 0
            and toks[k - 1].text[:1].isupper()
            and start < end
            and text[start].isupper()
        )
        if not name_and:
            return True
    if tk.low in PRONOUNS and tk.low not in {"his", "her", "their", "its"}:
        return True
    return k < j and bool(cue_lemma(tk.low)) and tk.text.islower()


def _np_start(text: str, toks: list[Tok], j: int) -> tuple[int, int]:
    """(start offset, index left of it) of the noun phrase ending with token ``j``: at most 12
    words, across possessive marks and abbreviation dots."""
    end = toks[j].end
    start, k, n = end, j, 0
    while k >= 0 and n < 12:
        tk = toks[k]
        if tk.text in "’'" and k > 0:  # possessive "Trump 's"
            k -= 1
            continue
        if (
            tk.text == "."
            and k > 0
            and (toks[k - 1].low in _ABBREV or _INITIALS.fullmatch(toks[k - 1].low))
        ):
            k -= 1
            continue
        if _ends_np(text, toks, k, j, start, end):
            break
        start = tk.start
        n += 1
        k -= 1
    return start, k


def _poll_share(toks: list[Tok], k: int, end: int) -> tuple[int, int] | None:
    # Poll shares: "Six in 10 say", "3 of 4 voters said".
    if (
        k >= 1
        and toks[k].low in {"in", "of"}
        and (toks[k - 1].text.isdigit() or toks[k - 1].low in _NUMBER_WORDS)
    ):
        m = k - 1
        while m >= 1 and toks[m - 1].low in {
            "more",
            "than",
            "about",
            "nearly",
            "roughly",
            "almost",
            "fewer",
            "less",
        }:
            m -= 1
        return (toks[m].start, end)
    return None


def left_subject(
    text: str, toks: list[Tok], i: int, stop_at: int | None = None
) -> tuple[int, int] | str | None:
    """The subject noun phrase ending before the cue, "comma" when a comma sits there.

    Steps: skip what stands between subject and cue (:func:`_skip_to_subject`, unless
    ``stop_at`` fixes the end), read the token there (:func:`_subject_token`), else read the
    noun phrase leftwards (:func:`_np_start`); a bare number is a subject only as a poll share.

    >>> t = "Mayor Ana Lutz has also declined to say it."
    >>> toks = tokens(t, 0, len(t))
    >>> span = left_subject(t, toks, [x.low for x in toks].index("say"))
    >>> t[span[0] : span[1]]
    'Mayor Ana Lutz'
    """
    j = i - 1 if stop_at is not None else _skip_to_subject(toks, i - 1)
    if j < 0:
        return None
    special = _subject_token(text, toks, i, j, stop_at)
    if special != _NP:
        return special
    end = toks[j].end
    start, k = _np_start(text, toks, j)
    if start >= end:
        return None
    if text[start:end].isdigit():
        return _poll_share(toks, k, end)
    return (start, end)


_PROGRESSIVE_AUX = frozenset(
    "is was were are been be am 's keeps kept isn't wasn't aren't weren't".split()
)


def progressive(toks: list[Tok], i: int) -> bool:
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


def sentence_subject(toks: list[Tok], j: int) -> tuple[int, int] | None:
    """Subject of the sentence's first clause ('Reid caucused … and says'): a pronoun or a
    capitalised name at the sentence start."""
    if not toks or j <= 0:
        return None
    first = toks[0]
    if first.low in {"he", "she", "they", "we", "i"}:
        return (first.start, first.end)
    k = 0
    while k < j and (
        toks[k].text[0].isupper() or (toks[k].text == "." and k > 0 and toks[k - 1].low in _ABBREV)
    ):
        k += 1
    if k == 0 or k >= j or toks[k - 1].low in _ABBREV or toks[0].low in NP_STOP:
        return None
    return (toks[0].start, toks[k - 1].end)


def right_subject(text: str, toks: list[Tok], i: int) -> tuple[int, int] | None:
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
    if not (
        first.text[0].isupper()
        or first.low in {"the", "a", "an", "his", "her", "their", "one", "another"}
    ):
        # 'said several observers', 'said two officials': a plain lower-case noun phrase.
        if (
            not first.text.isalpha()
            or first.low in NP_STOP
            or first.low in TIME_WORDS
            or cue_lemma(first.low)
        ):
            return None
    if first.low in PRONOUNS and first.low not in {"his", "her", "their"}:
        return None
    k = j
    while k < len(toks) and toks[k].text not in ",;:.!?—–()" and toks[k].text not in OPEN_MARKS:
        if k > j and toks[k].low in {
            "that",
            "in",
            "on",
            "at",
            "during",
            "after",
            "before",
            "who",
            "when",
            "as",
        }:
            break
        k += 1
    if k == j:
        return None
    return (toks[j].start, toks[k - 1].end)
