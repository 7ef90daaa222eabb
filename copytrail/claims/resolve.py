"""Speakers of attribution frames: names, organisations, pronouns and "the agency" resolved.

Step 4 of the attribution cascade (:mod:`copytrail.claims.attributions`). A speaker is the full
canonical name of a person, an organisation or a publication, with the acronym the text gives
("General Intelligence and Security Service (AIVD)"); variants ("Mr. X", "AIVD") resolve to it
within the article. Pronouns resolve to the latest compatible named speaker: "he"/"she" to a
person, "it" to an organisation, "the agency"/"the paper"/"the ministry" to the latest
organisation of that kind. A name is never a speaker when it is a function word, a
sentence-initial adverb or participle ("Asked", "Regarding", "Another"), a quantifier
("Many"), a nationality adjective, a place the article puts after "in"/"at"/"near", or a name
that only modifies the source's head noun ("Business leaders", "the owner of the Drovers
Arms"): those sources stay unnamed. Word lists: ``data/speakers_<lang>.json``.

>>> from copytrail.claims.frames import Frame
>>> t = "The Federal Office for the Protection of the Constitution (BfV) warned. The agency said so."
>>> f = [Frame("indirect", (0, 1), None, (0, 63)), Frame("indirect", (0, 1), None, (72, 82))]
>>> resolve_speakers(t, f)
['Federal Office for the Protection of the Constitution (BfV)', 'Federal Office for the Protection of the Constitution (BfV)']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from copytrail.claims.cues import STRONG
from copytrail.claims.frames import Frame
from copytrail.claims.organisations import (
    is_org_noun,
    org_kind_of,
    org_mentions,
    org_name,
    places,
    plausible_speaker,
)
from copytrail.claims.sentences import sentence_spans
from copytrail.claims.speakers import (
    ABBREVIATED,
    DESCRIPTOR,
    PRONOUNS,
    TITLES,
    SpeakerIndex,
    is_org_like,
    is_person_like,
    lexicon,
)
from copytrail.claims.subjects import DEFINITE_ROLES, UNNAMED_HEADS


@dataclass(slots=True)
class _Article:
    """What speaker resolution knows about one article while it walks its frames in order."""

    text: str
    index: SpeakerIndex
    places: frozenset[str]
    mentions: list[tuple[int, str]] = field(default_factory=list)  # person mentions
    orgs: list[tuple[int, str]] = field(default_factory=list)  # organisations named, in order
    history: list[tuple[int, str | None]] = field(default_factory=list)  # (position, speaker)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    subjects: set[int] = field(default_factory=set)  # positions of mentions in subject position
    genders: dict[str, str] = field(default_factory=dict)  # m/f read from the pronouns after a name


def resolve_speakers(text: str, frames: list[Frame]) -> list[str | None]:
    """The speaker of each frame (``frames`` in text order), None for an unnamed source or one
    that cannot be resolved with confidence (a wrong name shown is worse than none)."""
    art = _Article(text, SpeakerIndex.from_text(text), places(text))
    for f in frames:
        if f.source is not None:
            org = org_name(_head(text, f.source))
            if org is not None:
                art.index.add_org(*org)
                continue
            name = _name_in(text, f.source)
            if name:
                art.index.add(name)
    art.orgs = [(p, art.index.add_org(name, None)) for p, name in org_mentions(text)]
    art.sentences = sentence_spans(text)
    art.mentions = _person_mentions(text, art.index, art.places, _spans(text, art.orgs))
    _read_genders(art)
    out: list[str | None] = []
    by_source: dict[int, str | None] = {}  # speaker by where its source starts
    for f in frames:
        speaker: str | None = None
        pos = (f.source or f.content)[0]
        if f.source is not None:
            label = f.cue is not None and text[f.cue[0] : f.cue[1]] == ":"
            speaker = _checked(_speaker_of(art, f.source), art, label)
            if speaker is not None and not _trusted(art, f, frames, speaker):
                speaker = None
            by_source[f.source[0]] = speaker
        elif f.speaker_hint and _hint_start(f.speaker_hint) in by_source:
            # A quote going on from an earlier one keeps that one's speaker, also when it was
            # unnamed ("…," one wrote. "…"): it never falls back to someone named before. (The
            # tagger may have re-spanned that source since; it starts where it did.)
            speaker = by_source[_hint_start(f.speaker_hint)]
            if speaker is not None and not _goes_on(art, f.speaker_hint, f, speaker):
                speaker = None
        art.history.append((pos, speaker))
        if speaker is not None:
            art.subjects.add(pos)
        out.append(speaker)
    return out


_OWN_CUE = re.compile(r"[,.!?]?[”\"’']*[ \t]+((?:[\w’'\-]+[ \t]+){0,3}?[\w’'\-]+)[ \t]*[.,]")


def _goes_on(art: _Article, hint: str, f: Frame, speaker: str) -> bool:
    """Whether a quote with no cue of its own goes on from the speaker named at ``since``:
    not when a cue follows it ("“…,” one wrote": someone else, unnamed) nor when another person
    is named between that speaker and the quote ("“…,” Lee said. Her aide Bo Quell nodded. “…”").

    >>> from copytrail.claims.attributions import extract_attributions
    >>> t = "Bo Quell came too. “We won,” said Ana Lutz. Quell shook his head. “Not yet, not this year.”"
    >>> [a.speaker for a in extract_attributions(t)]
    ['Ana Lutz', None]
    >>> [a.speaker for a in extract_attributions("“We won,” said Ana Lutz. “Not yet, not this year.”")]
    ['Ana Lutz', 'Ana Lutz']
    """
    text = art.text
    after = _OWN_CUE.match(text, f.content[1])
    if after is not None and any(w.lower() in STRONG for w in after.group(1).split()):
        return False
    since, until = (int(x) for x in hint[1:].split(":"))
    for p, name in art.mentions:
        if until <= p < f.content[0] and name != speaker:
            run = _CAP_RUN.match(text, p)
            if run is not None and run.group(0) not in text[since:until]:
                return False
    return True


def _hint_start(hint: str) -> int:
    return int(hint[1:].split(":")[0]) if re.fullmatch(r"@\d+:\d+", hint) else -1


def _checked(speaker: str | None, art: _Article, label: bool = False) -> str | None:
    """``speaker`` unless it cannot be one; a one-word name must be capitalised inside a
    sentence somewhere, except as the label of a line ("Quell: “…”")."""
    if speaker is not None and speaker.endswith(("’s", "'s")) and " " not in speaker:
        speaker = art.index.resolve(speaker[:-2])  # "Elliott’s" in "as Elliott’s colleague said"
    if speaker is None or not plausible_speaker(speaker) or speaker in art.places:
        return None
    if (
        " " not in speaker
        and not speaker.isupper()
        and re.search(rf"\b{re.escape(speaker.lower())}\b", art.text) is not None
    ):
        return None
    if (
        " " not in speaker
        and not speaker.isupper()
        and not label
        and _common_noun(speaker, art.text)
    ):
        return None
    return speaker


_TITLE_DOT = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Rev|St)\.$")


def _common_noun(word: str, text: str) -> bool:
    """One capitalised word that the article also writes in lower case ("Organisers said",
    "Police said"), or that it capitalises only where a sentence starts ("Voters could have
    shown", "Booking recommended"), is a common noun, not a name; a name is capitalised inside
    sentences too ("told Reuters", "Ms. Lee").

    >>> _common_noun("Voters", "Voters said no."), _common_noun("Reuters", "Reuters said so, told Reuters.")
    (True, False)
    """
    if re.search(rf"\b{re.escape(word.lower())}\b", text):
        return True
    for m in re.finditer(rf"\b{re.escape(word)}\b", text):
        before = text[max(0, m.start() - 40) : m.start()].rstrip(" \t“\"‘'(")
        if before and (before[-1] not in ".!?:;\n" or _TITLE_DOT.search(before)):
            return False  # capitalised inside a sentence, or after a title ("Ms. Lee")
    return True


def _head(text: str, span: tuple[int, int]) -> str:
    """The source phrase before an appositive ("X, a spokesperson for Y" -> "X")."""
    return re.split(r"[,—–]", text[span[0] : span[1]], maxsplit=1)[0]


_CAP_RUN = re.compile(
    rf"(?:{ABBREVIATED}|[A-Z]\.|[A-Z][\w'’\-]*)"
    rf"(?:[ \t]+(?:{ABBREVIATED}|[A-Z]\.|[A-Z][\w'’\-]*|of|de|van|von))*"
)


def _name_in(text: str, span: tuple[int, int]) -> str | None:
    """The proper name inside a source phrase ("Trump campaign manager Kellyanne Conway")."""
    phrase = text[span[0] : span[1]]
    # "Rabbi Marvin Hier, the founder of the Center in Los Angeles": the name is the head,
    # before the appositive; "The union leader, Carlos Mendes": the head is a description and
    # the appositive names it.
    parts = re.split(r"[,(—–]", phrase)
    head = parts[0]
    if head != phrase:
        apposed = parts[1].strip()
        if head.strip()[:1].islower() or head.split()[0:1] in (["The"], ["A"], ["An"]):
            if (
                _CAP_RUN.fullmatch(apposed)
                and len(apposed.split()) >= 2
                and apposed.split()[0] not in _DETERMINERS
            ):
                return apposed
        if _CAP_RUN.search(head):
            phrase = head
    runs = [
        m
        for m in _CAP_RUN.finditer(phrase)
        if m.group(0).split()[0].lower().rstrip(".") not in _ARTICLES or len(m.group(0).split()) > 1
    ]
    if not runs:
        return None
    # The last capitalised run is the head ("Trump campaign manager Kellyanne Conway") unless
    # it only modifies a lower-case head noun ("Business leaders", "Pentagon officials") or
    # sits in a prepositional phrase after one ("the owner of the Drovers Arms"): then the
    # source has no name.
    run = runs[-1]
    if _modifier(phrase[run.end() :].split()) or _in_prepositional_phrase(
        phrase[: run.start()].split()
    ):
        return None
    words = run.group(0).split()
    while words and (words[0].lower() in _ARTICLES or DESCRIPTOR.fullmatch(words[0])):
        words = words[1:]  # "London-born Raye", "Singer-guitarists Tom Johnston"
    for i, w in enumerate(words[:-1]):
        if w.endswith(("'s", "’s")):
            words = words[i + 1 :]  # "NASA's Steve Clarke": the owner is not the name
            break
    if not words or (len(words) == 1 and words[0].lower() in PRONOUNS):
        return None
    return " ".join(words)


_ARTICLES = frozenset({"the", "a", "an"})
# Lower-case words that may follow a name inside a source phrase without the name becoming a
# mere modifier ("Jane Doe of the union", "Smith himself").
_AFTER_NAME = frozenset(
    """of for at from in with on near himself herself itself themselves who which whose jr sr
    and or""".split()
)
_PREPOSITIONS = frozenset("of for at from with in on near by about".split())


def _modifier(after: list[str]) -> bool:
    return (
        bool(after) and after[0][:1].islower() and after[0].lower().strip(".,'’") not in _AFTER_NAME
    )


def _in_prepositional_phrase(before: list[str]) -> bool:
    words = [w for w in before if w.lower() not in _ARTICLES]
    return len(words) >= 2 and words[-1].lower() in _PREPOSITIONS and words[-2][:1].islower()


def _spans(text: str, orgs: list[tuple[int, str]]) -> list[tuple[int, int]]:
    # Where each organisation's name stands, so no person is found inside it ("Safe Drinking
    # Water" in "the Partnership for Clean Rivers and Safe Drinking Water").
    out = []
    for p, name in orgs:
        bare = re.sub(r"\s*\(.*", "", name)
        at = text.find(bare, p)
        if at >= 0:
            out.append((at, at + len(bare)))
    return out


def _person_mentions(
    text: str, index: SpeakerIndex, places: frozenset[str], org_spans: list[tuple[int, int]]
) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    single = _one_word_names(text, index)
    for m in _CAP_RUN.finditer(text):
        if any(a <= m.start() < b for a, b in org_spans):
            continue
        name = m.group(0)
        if (
            name in places
            or index.gender_of(name) == "n"
            or text[max(0, m.start() - 4) : m.start()].lower() == "the "
        ):
            continue  # "the Old Quay", "the Rivervale Herald": a person is not "the X"
        words = name.split()
        bare = re.sub(r"['’]s$", "", name)
        if bare in single:
            out.append((m.start(), bare))
        elif len(words) >= 2 or name.rstrip(".").lower() in index.full:
            canon = index.resolve(name)
            if canon.lower().split()[-1:] and canon.split()[-1].lower() in index.full:
                out.append((m.start(), canon))
    return out


def _one_word_names(text: str, index: SpeakerIndex) -> frozenset[str]:
    """Names written as one word only ("Quellan"): capitalised inside sentences three times
    or more and never in lower case. Whether one is a person is read from its pronouns later.

    >>> sorted(_one_word_names("Then Quellan left. We met Quellan and Quellan smiled.", SpeakerIndex()))
    ['Quellan']
    """
    counts: dict[str, int] = {}
    for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z][\w'’\-]*\b(?![ \t]+[A-Z])", text):
        word = re.sub(r"['’]s$", "", m.group(0))
        counts[word] = counts.get(word, 0) + 1
    return frozenset(
        w
        for w, n in counts.items()
        if n >= 3
        and w.lower() not in index.full
        and w.lower() not in index.orgs
        and plausible_speaker(w)
        and not _common_noun(w, text)
        and not is_org_like(w)
    )


_DETERMINERS = frozenset({"The", "A", "An"})
# A plural or unnamed head with a name only in its "of" phrase: "members of Congress".
_UNNAMED_GROUP = re.compile(
    r"^(?:(?:that|the|some|many|several|dozens|at least|at most|about|\d[\d,]*|[a-z]+ty|[a-z]+)\s+)*?"
    r"(?:[a-z][\w\-]*[^siu\W]s|officials|staff|people)\s+of\s+(?:the\s+)?(?:[A-Z]|[a-z]+\s)"
    # "a striking teacher outside Selden High": an indefinite person
    # whose only name is a place after a preposition.
    r"|^(?:a|an|one)\s+(?:[a-z][\w\-]*\s+)+(?:at|outside|from|in|of|near|with|for)\s+"
    r"(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*$"
)
_POSSESSIVE = re.compile(
    r"(?:[Tt]he\s+)?(?:[A-Z][\w\-.]*\s+){0,3}[A-Z][\w\-]*['’]s(?:\s+[a-z][\w\-]*){1,3}"
)
_GROUP_ROLES = frozenset("crowd audience people men women".split())


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _speaker_of(art: _Article, span: tuple[int, int]) -> str | None:
    text, index = art.text, art.index
    phrase = text[span[0] : span[1]].strip()
    low = phrase.lower()
    words = low.split()
    role = words[-1] if low.startswith("the ") and len(words) <= 4 else ""
    if low in PRONOUNS:
        return _pronoun(art, span, PRONOUNS[low])
    if words and words[0] in ("a", "an", "one", "another"):
        return None  # "a source", "one Harbor FC fan", "a Zoom call": indefinite, unnamed
    if len(words) == 2 and words[0] == "the" and is_org_noun(words[1]):
        # "the agency", "the paper", "the ministry": the latest organisation of that kind.
        return _org_antecedent(art, span[0], words[1])  # none named before: unresolved
    # "the senator", "the actress" point back to a person; "the crowd", "the voters" do not.
    if role in DEFINITE_ROLES and role not in _GROUP_ROLES and not _plural(role):
        # "the spokesperson" speaks for someone the rules cannot tell: unnamed.
        if role in lexicon()["unresolved_roles"] or role not in TITLES:
            return None  # "the man", "the mother": nobody is named with that word as a title
        return _role_antecedent(art, span[0], role)
    if _UNNAMED_GROUP.search(phrase[:1].lower() + phrase[1:]):
        return None  # "at least 40 members of Congress" are unnamed; Congress did not speak
    author = _AUTHOR.search(phrase) or _AFFILIATED.fullmatch(phrase)
    if author is not None and is_person_like(author.group(1)):
        # "an analysis by Ana Lutz at Norland University", "Ana Lutz of Harbor Insurance"
        return index.resolve(author.group(1))
    org = org_name(_head(text, span))
    if org is not None:
        return index.add_org(*org)
    joint = _JOINT.fullmatch(phrase)
    if joint is not None:
        # "Ford and Fry replied": both speak; one of them alone is a wrong speaker.
        return " and ".join(index.resolve(joint.group(g)) for g in (1, 2))
    name = _name_in(text, span)
    if name is None or _POSSESSIVE.fullmatch(phrase):
        return _description(art, phrase)
    return index.resolve(name)


def _speaking_head(word: str) -> bool:
    lex = lexicon()
    if word in UNNAMED_HEADS:
        return False  # "the officials", "the people": unnamed
    return (
        word in lex["speaking_heads"]
        or word in lex["org_heads"]
        or is_org_noun(word)
        or (word in DEFINITE_ROLES and not _plural(word))
    )


def _description(art: _Article, phrase: str) -> str | None:
    """The speaker a source with no name of its own stands for.

    "Halloran's office", "the city", "the family" are definite sources, kept as written;
    "Halloran's report", "the Quarry Trust's survey" speak for their owner; "Halloran's aides"
    are unnamed like "aides"; a thing ("the claim", "the video", "the biggest") speaks for
    nobody.
    """
    words = phrase.lower().split()
    head = words[-1].strip(".,;:") if words else ""
    poss = _POSSESSIVE.fullmatch(phrase)
    if poss is not None:
        if head in lexicon()["document_heads"]:
            owner = re.split(r"['’]s\s", phrase, maxsplit=1)[0]
            owner = re.sub(r"^[Tt]he\s+", "", owner)
            org = org_name(owner)
            return art.index.add_org(*org) if org else art.index.resolve(owner)
        return phrase if _speaking_head(head) else None
    if words and words[0] == "the" and len(words) <= 4 and _speaking_head(head):
        return phrase
    return None


_AUTHOR = re.compile(
    r"\bby[ \t]+((?:[A-Z][\w'’.\-]*[ \t]+)+[A-Z][\w'’\-]*)[ \t]+(?:at|of|from|with)[ \t]"
)
_AFFILIATED = re.compile(
    r"((?:[A-Z][\w'’.\-]*[ \t]+)+[A-Z][\w'’\-]*)[ \t]+(?:of|at|from|with)[ \t]+(?:the[ \t]+)?[A-Z].*"
)
_JOINT = re.compile(
    r"((?:[A-Z][\w'’\-]*[ \t]+)*[A-Z][\w'’\-]*)[ \t]+(?:and|&)[ \t]+((?:[A-Z][\w'’\-]*[ \t]+)*[A-Z][\w'’\-]*)"
)


def _pronoun(art: _Article, span: tuple[int, int], want: str) -> str | None:
    if want in ("m", "f"):
        return _salient_person(art, span[0], want)
    if want == "n":
        return _org_antecedent(art, span[0], None)  # "It said": the organisation just named
    if want == "r":
        # "Smith, who said …": the name before the comma ("which" never a place).
        before = art.text[max(0, span[0] - 80) : span[0]].rstrip(" ,")
        runs = list(_CAP_RUN.finditer(before))
        if runs and runs[-1].end() >= len(before) - 1:
            return art.index.resolve(runs[-1].group(0))
    return None


def _org_antecedent(art: _Article, pos: int, kind: str | None) -> str | None:
    """The latest organisation (of ``kind``: "agency", "paper" …) named or speaking before
    ``pos``, within a few paragraphs."""
    best: tuple[int, str] | None = None
    for p, name in art.orgs + [(p, n) for p, n in art.history if n is not None]:
        if p >= pos or pos - p > 1500 or (best is not None and p <= best[0]):
            continue
        if art.index.gender_of(name) != "n" and not is_org_like(name):
            continue
        if kind is None or org_kind_of(name, kind):
            best = (p, name)
    return best[1] if best else None


def _learn(index: SpeakerIndex, name: str, gender: str | None) -> str:
    # "He added" resolved to Benedikt Ahlgren: a later "she" is someone else.
    if gender in ("m", "f") and index.gender_of(name) is None:
        index.gender[name] = gender
    return name


# -- confidence: what a speaker needs beyond a name ------------------------------------------------

_PASSIVE_AUX = frozenset("is was are were be been being get gets got".split())


def _trusted(art: _Article, f: Frame, frames: list[Frame], speaker: str) -> bool:
    """Whether the source of ``f`` is the one who speaks.

    Not in a passive ("HP is called 'farmer's lung'": HP is named, it says nothing), not a
    first name whose surname the tagger took for the cue (a heading "Ann Quell"), and not a
    place or organisation inside what someone else reports ("Lee said Norland would not
    repeat it": Lee speaks, a country named in her report does not).
    """
    text = art.text
    if f.cue is not None:
        cue = text[f.cue[0] : f.cue[1]].split()
        if (
            len(cue) >= 2
            and cue[0].lower() in _PASSIVE_AUX
            and cue[-1].lower().endswith(("ed", "en"))
        ):
            return False
        if (
            cue
            and cue[0][:1].isupper()
            and f.source is not None
            and 0 <= f.cue[0] - f.source[1] <= 1
        ):
            return False
    if f.source is None or (len(speaker.split()) > 1 and not is_org_like(speaker)):
        return True
    s0, s1 = f.source
    return not any(
        g is not f
        and g.cue is not None
        and text[g.cue[0] : g.cue[1]].lower() in STRONG
        and g.content[0] <= s0
        and s1 <= g.content[1]
        for g in frames
    )


# -- he and she: the most salient person, or nobody ------------------------------------------------

_GENDERED = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
_NOT_SUBJECT_AFTER = frozenset(
    """of and or in on at to for with from by about who whom whose which that as than""".split()
)


def _read_genders(art: _Article) -> None:
    """Which person mentions are subjects (their verb follows; not after a preposition) and
    the gender of each person, read from the first pronoun after its subject mentions ("Ru
    Quell sang. He …"); a pronoun after an object ("X met Y. He …") tells nothing of Y."""
    text = art.text
    votes: dict[str, list[int]] = {}
    starts = sorted(p for p, _ in art.mentions)
    for p, name in art.mentions:
        run = _CAP_RUN.match(text, p)
        end = run.end() if run else p + 1
        nxt = re.match(r"[ \t]+([a-z][\w’'\-]*)", text[end : end + 40])
        before = text[max(0, p - 12) : p].split()
        opens = not text[:p].strip() or text[:p].rstrip()[-1] in '.!?\n“"'
        verb_next = nxt is not None and nxt.group(1) not in _NOT_SUBJECT_AFTER
        if not (verb_next or opens) or (before and before[-1] in _PREPOSITIONS):
            continue  # "… met Ana Lutz", "with Lutz": no subject (one opening a sentence is)
        art.subjects.add(p)
        stop = text.find("\n", p)
        stop = min(p + 250, stop if stop > 0 else len(text))
        stop = next((q for q in starts if p < q < stop), stop)
        m = _GENDERED.search(text, end, stop)
        if m is not None:
            v = votes.setdefault(name, [0, 0])
            v[m.group(1).lower() in ("she", "her", "hers", "herself")] += 1
    for name, (male, female) in votes.items():
        if " " not in name and male + female < 2:
            continue  # a one-word name ("Norland") may be a place: it needs two pronouns
        # One pronoun with none against it, or a clear majority of several.
        if (male == 1 and female == 0) or (male >= 2 and male >= 3 * female):
            art.genders[name] = "m"
        elif (female == 1 and male == 0) or (female >= 2 and female >= 3 * male):
            art.genders[name] = "f"


def _gender(art: _Article, name: str) -> str | None:
    return art.index.gender_of(name) or art.genders.get(name)


def _salient_person(art: _Article, pos: int, want: str) -> str | None:
    """The person "he"/"she" at ``pos`` most likely means: mentions and speakers in the last
    few sentences, weighed by recency (halved each sentence back, halved again in an earlier
    paragraph), subject position (twice), a known matching gender (an unknown one counts half)
    and how often the article has named them. None when two people are close (the second at
    least 3/5 of the first): a wrong name shown is worse than none.

    >>> from copytrail.claims.attributions import extract_attributions
    >>> t = "Ana Lutz met Bo Quell. Lutz left early. “It was late,” she said."
    >>> [a.speaker for a in extract_attributions(t)]
    ['Ana Lutz']
    """
    here = bisect_right(art.sentences, pos, key=_start) - 1
    weights: dict[tuple[str, int], float] = {}
    counts: dict[str, int] = {}
    named = [(p, n) for p, n in art.history if n is not None]
    speakers = {n for _, n in named}
    for p, name in named + art.mentions:
        g = _gender(art, name)
        if p >= pos or g == "n" or (g is not None and g != want) or name in art.places:
            continue
        back = here - (bisect_right(art.sentences, p, key=_start) - 1)
        if g is None and not (
            is_person_like(name) and (name in speakers or (p in art.subjects and back <= 1))
        ):
            continue  # of no known gender: a person who spoke, or the subject just before
        counts[name] = counts.get(name, 0) + 1
        if back > 5:
            continue
        weight = 0.5**back * (2.0 if p in art.subjects else 1.0) * (1.0 if g == want else 0.5)
        if "\n" in art.text[p:pos]:
            weight *= 0.5
        weights[(name, p)] = max(weights.get((name, p), 0.0), weight)
    scores: dict[str, float] = {}
    for (name, _), weight in weights.items():
        scores[name] = scores.get(name, 0.0) + weight
    for name in scores:
        scores[name] += 0.05 * min(counts[name], 20)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] >= _CLOSE * ranked[0][1]):
        return None
    return _learn(art.index, ranked[0][0], want)


# How close a second person may come to the first before "he"/"she" is left unresolved.
_CLOSE = 0.6


def _start(span: tuple[int, int]) -> int:
    return span[0]


_ROLE_ABBREVIATIONS = {
    "senator": "sen",
    "governor": "gov",
    "representative": "rep",
    "president": "pres",
    "professor": "prof",
    "doctor": "dr",
    "general": "gen",
    "reverend": "rev",
}


def _role_antecedent(art: _Article, pos: int, role: str) -> str | None:
    """The person "the senator", "the doctor" means: the latest one named with that title
    ("Sen. Ada Brook", "Ada Brook, the senator") before ``pos``. None when the article has only
    introduced an unnamed one ("a doctor on the scene") or none at all."""
    text = art.text[:pos]
    forms = "|".join(re.escape(r) for r in {role, _ROLE_ABBREVIATIONS.get(role, role)})
    name = r"([A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)+)"
    found: list[tuple[int, str]] = []
    for m in re.finditer(rf"\b(?i:{forms})\.?[ \t]+{name}", text):
        found.append((m.start(), m.group(1)))
    for m in re.finditer(
        rf"{name},[ \t]+(?:the|a|an)[ \t]+(?:[\w\-]+[ \t]+){{0,3}}(?i:{forms})\b", text
    ):
        found.append((m.start(), m.group(1)))
    unnamed = [
        m.start()
        for m in re.finditer(rf"\b(?i:a|an|one)[ \t]+(?:[\w\-]+[ \t]+){{0,2}}{role}\b", text)
    ]
    if not found or (unnamed and max(unnamed) > max(found)[0]):
        return None
    return art.index.resolve(max(found)[1])
