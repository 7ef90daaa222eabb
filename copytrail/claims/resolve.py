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
from dataclasses import dataclass, field

from copytrail.claims.frames import Frame
from copytrail.claims.organisations import (
    is_org_noun,
    org_kind_of,
    org_mentions,
    org_name,
    places,
    plausible_speaker,
)
from copytrail.claims.speakers import (
    DESCRIPTOR,
    PRONOUNS,
    SpeakerIndex,
    is_org_like,
    lexicon,
    title_gender,
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
    history: list[tuple[int, str]] = field(default_factory=list)  # (position, speaker) so far


def resolve_speakers(text: str, frames: list[Frame]) -> list[str | None]:
    """The speaker of each frame (``frames`` in text order), None for an unnamed source."""
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
    art.mentions = _person_mentions(text, art.index, art.places, _spans(text, art.orgs))
    out: list[str | None] = []
    last_by_source: dict[str, str | None] = {}
    for f in frames:
        speaker: str | None = None
        pos = (f.source or f.content)[0]
        if f.source is not None:
            speaker = _checked(_speaker_of(art, f.source), art)
            last_by_source[f"@{f.source[0]}:{f.source[1]}"] = speaker
        elif f.speaker_hint:
            speaker = last_by_source.get(f.speaker_hint)
        if f.source is None and speaker is None and art.history:
            speaker = art.history[-1][1]
        if speaker:
            art.history.append((pos, speaker))
        out.append(speaker)
    return out


def _checked(speaker: str | None, art: _Article) -> str | None:
    if speaker is not None and speaker.endswith(("’s", "'s")) and " " not in speaker:
        speaker = art.index.resolve(speaker[:-2])  # "Elliott’s" in "as Elliott’s colleague said"
    if speaker is None or not plausible_speaker(speaker) or speaker in art.places:
        return None
    if " " not in speaker and not speaker.isupper() and _common_noun(speaker, art.text):
        return None
    return speaker


def _common_noun(word: str, text: str) -> bool:
    """One capitalised word that the article also writes in lower case ("Organisers said",
    "Police said"), or a plural that it capitalises only where a sentence starts ("Voters could
    have shown"), is a common noun, not a name; a name is capitalised inside sentences too
    ("told Reuters").

    >>> _common_noun("Voters", "Voters said no."), _common_noun("Reuters", "Reuters said so, told Reuters.")
    (True, False)
    """
    if re.search(rf"\b{re.escape(word.lower())}\b", text):
        return True
    if not word.endswith("s") or word.endswith("ss"):
        return False  # a surname alone ("Trump:", "Ms. Lee") often opens its only sentence
    for m in re.finditer(rf"\b{re.escape(word)}\b", text):
        before = text[: m.start()].rstrip(" \t“\"‘'(")
        if before and before[-1] not in ".!?:;\n":
            return False
    return True


def _head(text: str, span: tuple[int, int]) -> str:
    """The source phrase before an appositive ("X, a spokesperson for Y" -> "X")."""
    return re.split(r"[,—–]", text[span[0] : span[1]], maxsplit=1)[0]


_CAP_RUN = re.compile(
    r"(?:[A-Z][a-z]{0,2}\.|[A-Z]\.|[A-Z][\w'’\-]*)(?:[ \t]+(?:[A-Z][a-z]{0,2}\.|[A-Z]\.|[A-Z][\w'’\-]*|of|de|van|von))*"
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
        if len(words) >= 2 or name.rstrip(".").lower() in index.full:
            canon = index.resolve(name)
            if canon.lower().split()[-1:] and canon.split()[-1].lower() in index.full:
                out.append((m.start(), canon))
    return out


_DETERMINERS = frozenset({"The", "A", "An"})
# A plural or unnamed head with a name only in its "of" phrase: "members of Congress".
_UNNAMED_GROUP = re.compile(
    r"^(?:(?:that|the|some|many|several|dozens|at least|at most|about|\d[\d,]*|[a-z]+ty|[a-z]+)\s+)*?"
    r"(?:[a-z][\w\-]*[^siu\W]s|officials|staff|people)\s+of\s+(?:the\s+)?[A-Z]"
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
    if len(words) == 2 and words[0] == "the" and is_org_noun(words[1]):
        # "the agency", "the paper", "the ministry": the latest organisation of that kind.
        return _org_antecedent(art, span[0], words[1]) or phrase
    # "the senator", "the actress" point back to a person; "the crowd", "the voters" do not.
    if role in DEFINITE_ROLES and role not in _GROUP_ROLES and not _plural(role):
        # "the spokesperson" speaks for someone the rules cannot tell: unnamed.
        return None if role in lexicon()["unresolved_roles"] else _antecedent(art, span[0], None)
    if _UNNAMED_GROUP.search(phrase):
        return None  # "at least 40 members of Congress" are unnamed; Congress did not speak
    org = org_name(_head(text, span))
    if org is not None:
        return index.add_org(*org)
    poss = _POSSESSIVE.fullmatch(phrase)
    if poss is not None:
        # "Halloran's office said": a definite source like "the city", kept as written (not the
        # bare "Halloran's"); "Halloran's aides" are unnamed like "aides".
        return None if low.split()[-1] in UNNAMED_HEADS else phrase
    name = _name_in(text, span)
    if name is None:
        # Unnamed but definite organisations ("the city", "the campaign") are still speakers.
        if words and words[0] == "the" and words[-1] not in UNNAMED_HEADS and len(words) <= 4:
            return phrase
        return None
    return index.resolve(name)


def _pronoun(art: _Article, span: tuple[int, int], want: str) -> str | None:
    if want in ("m", "f"):
        return _antecedent(art, span[0], want)
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
    for p, name in art.orgs + art.history:
        if p >= pos or pos - p > 1500 or (best is not None and p <= best[0]):
            continue
        if art.index.gender_of(name) != "n" and not is_org_like(name):
            continue
        if kind is None or org_kind_of(name, kind):
            best = (p, name)
    return best[1] if best else None


def _antecedent(art: _Article, pos: int, gender: str | None) -> str | None:
    # The most recent named speaker of a compatible gender, else the latest person mention.
    # An organisation or a place is never "he" or "she".
    index = art.index
    for _, name in reversed(art.history):
        g = index.gender_of(name) or title_gender(name)
        if g == "n" or name in art.places:
            continue
        if gender is None or g is None or g == gender:
            return _learn(index, name, gender)
    # Among plain mentions a known matching gender wins over a nearer unknown one
    # ("Hillary Clinton … in Des Moines. She said" is Clinton, not the city).
    earlier = [(p, name) for p, name in art.mentions if p < pos]
    if gender is not None:
        for _, name in reversed(earlier):
            if index.gender_of(name) == gender:
                return name
    for _, name in reversed(earlier):
        g = index.gender_of(name)
        if gender is None or g is None or g == gender:
            return _learn(index, name, gender)
    return None


def _learn(index: SpeakerIndex, name: str, gender: str | None) -> str:
    # "He added" resolved to Benedikt Ahlgren: a later "she" is someone else.
    if gender in ("m", "f") and index.gender_of(name) is None:
        index.gender[name] = gender
    return name
