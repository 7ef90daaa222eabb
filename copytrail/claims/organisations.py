"""Organisations, places and what is never a speaker: the names a speaker resolver must tell apart.

An organisation is named in full with the acronym the text gives ("General Intelligence and
Security Service (AIVD)"); "the agency", "the paper" point back to the latest organisation of
that kind; a name after "in"/"at"/"near" is a place; a function word, a sentence-initial
participle, a quantifier or a nationality adjective is never a speaker. Word lists:
``data/speakers_<lang>.json`` (:func:`copytrail.claims.speakers.lexicon`).

>>> org_name("The Federal Office for the Protection of the Constitution (BfV)")
('Federal Office for the Protection of the Constitution (BfV)', 'BfV')
>>> plausible_speaker("Regarding"), plausible_speaker("Hal Morrow")
(False, True)
"""

from __future__ import annotations

import re

from copytrail.claims.speakers import is_org_like, lexicon, title_gender

_LEX = lexicon()
_CONNECTORS = "|".join(sorted(_LEX["org_connectors"], key=len, reverse=True))
_ORG_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’&\-]*)"  # "U.S." inside a name, or a plain word
# A capitalised run with connectors inside ("Federal Office for the Protection of the
# Constitution") and the acronym the text gives after it ("(BfV)"). An acronym has two capitals
# or more and no dot or hyphen, so a party tag ("(D-Md.)") is none.
ORG_RUN = re.compile(
    rf"(?P<name>{_ORG_WORD}(?:[ \t]+(?:(?:{_CONNECTORS})[ \t]+)*{_ORG_WORD})*)"
    r"(?:[ \t]*\((?P<acr>[A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*)\)?)?"
)


def org_name(phrase: str, lang: str = "en") -> tuple[str, str | None] | None:
    """(full name, acronym) of the organisation that ends ``phrase``, or None.

    A leading article and an owner in the possessive ("The Netherlands's …") are not part of
    the name; a name is an organisation when the text gives its acronym or one of its words is
    an organisation noun (:data:`ORG_HEADS`) and no title or first name says it is a person.

    >>> org_name("The Netherlands's General Intelligence and Security Service (AIVD)")
    ('General Intelligence and Security Service (AIVD)', 'AIVD')
    >>> org_name("The Metal and Foundry Workers' Union")
    ("Metal and Foundry Workers' Union", None)
    >>> org_name("Council member Gareth Lyle"), org_name("Pentagon officials")
    (None, None)
    """
    phrase = phrase.strip().rstrip(",;:")
    matches = list(ORG_RUN.finditer(phrase))
    if not matches or phrase[matches[-1].end() :].strip(" )"):
        return None  # lower-case words after the name: the name only modifies them
    m = matches[-1]
    words = _conjuncts(m.group("name").split())[-1]
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    for i, w in enumerate(words[:-1]):
        if w.endswith(("'s", "’s")):
            words = words[i + 1 :]  # "The Netherlands's Service": the owner is not the name
            break
    while words and words[0].lower() in _LEX["org_connectors"]:
        words = words[1:]
    acr = m.group("acr")
    if not words or (len(words) < 2 and not acr):
        return None
    name = " ".join(words)
    heads = _LEX["org_heads"] | _LEX["publication_heads"]
    if not acr and not _org_headed(words, heads):
        return None
    if title_gender(name) is not None:
        return None
    return (f"{name} ({acr})" if acr else name, acr)


def _org_headed(words: list[str], heads: frozenset[str]) -> bool:
    """An organisation noun ends the name or starts its "of"/"for" phrase ("Northgate Chamber
    of Commerce"); "County Clerk Rosa Diaz" is a person with a title."""
    low = [w.lower().strip("'’") for w in words]
    if low[-1] in heads:
        return True
    return any(w in heads and low[i + 1] in ("of", "for") for i, w in enumerate(low[:-1]))


def _conjuncts(words: list[str]) -> list[list[str]]:
    """A run split where "and" joins two names ("Herald and the City Council"), not where it
    is inside one ("Intelligence and Security Service"): after an organisation noun or before
    an article."""
    parts: list[list[str]] = [[]]
    heads = _LEX["org_heads"]
    for i, w in enumerate(words):
        if (
            w in ("and", "und")
            and parts[-1]
            and i + 1 < len(words)
            and (parts[-1][-1].lower().strip("'’") in heads or words[i + 1].lower() == "the")
        ):
            parts.append([])
            continue
        parts[-1].append(w)
    return parts


def org_mentions(text: str) -> list[tuple[int, str]]:
    """(position, full name) of every organisation named in ``text``, in text order.

    >>> org_mentions("Staff at the Northgate Herald and the City Council left.")
    [(13, 'Northgate Herald'), (34, 'City Council')]
    """
    out = []
    for m in ORG_RUN.finditer(text):
        pos = m.start()
        parts = _conjuncts(m.group("name").split())
        for i, part in enumerate(parts):
            chunk = " ".join(part)
            at = text.find(chunk, pos, m.end())
            last = i == len(parts) - 1
            got = org_name(chunk + (f" ({m.group('acr')})" if m.group("acr") and last else ""))
            if got is not None and at >= 0:
                out.append((at, got[0]))
            pos = max(pos, at + len(chunk))
    return out


def org_kind_of(name: str, kind: str, lang: str = "en") -> bool:
    """Whether ``name`` is an organisation of the kind a definite noun names ("the paper").

    >>> org_kind_of("Northgate Herald", "paper"), org_kind_of("Northgate Herald", "agency")
    (True, False)
    >>> org_kind_of("Federal Office for the Protection of the Constitution (BfV)", "agency")
    True
    """
    lex = lexicon(lang)
    words = [w.lower().strip("'’") for w in re.sub(r"\(.*?\)", " ", name).split()]
    if kind in lex["publication_nouns"]:
        return bool(words) and words[-1] in lex["publication_heads"]
    nouns = lex["org_nouns"].get(kind)
    return nouns is not None and any(w in nouns for w in words)


def is_org_noun(word: str, lang: str = "en") -> bool:
    """A noun that, after "the", points back to an organisation ("the agency", "the paper")."""
    lex = lexicon(lang)
    return word in lex["org_nouns"] or word in lex["publication_nouns"]


_PLACE_CUE = re.compile(
    r"\b(?:" + "|".join(sorted(_LEX["locative_prepositions"])) + r")[ \t]+(?:the[ \t]+)?"
    r"(?P<name>[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)*)"
)


def places(text: str) -> frozenset[str]:
    """Names the article puts after a locative preposition ("at Copper Meadow"), which are
    places unless they are organisations (or persons: "with Ann Lee" is no place).

    >>> sorted(places("Samples from Copper Meadow and a café in Eastbank near City Hall."))
    ['Eastbank']
    >>> sorted(places("Quell sang. Quell danced. Quell left. Friends crowded around Quell."))
    []
    """
    located: dict[str, int] = {}
    for m in _PLACE_CUE.finditer(text):
        name = m.group("name")
        if not is_org_like(name) and title_gender(name) is None:
            located[name] = located.get(name, 0) + 1
    # A person the article names often is sometimes "around" or "with" someone too ("projects
    # around Ru Quell"): a place is put after such a preposition in a third of its mentions.
    return frozenset(
        name
        for name, n in located.items()
        if 3 * n >= len(re.findall(rf"\b{re.escape(name)}\b", text))
    )


def plausible_speaker(name: str, lang: str = "en") -> bool:
    """Whether ``name`` can be a speaker at all: never a function word, a sentence-initial
    adverb or participle, a quantifier or a nationality adjective.

    >>> [plausible_speaker(n) for n in ("Another", "Asked", "Regarding", "Many", "Iranian", "Six")]
    [False, False, False, False, False, False]
    >>> plausible_speaker("Pro-Reform"), plausible_speaker("Anti-Tax League")
    (False, True)
    >>> [plausible_speaker(n) for n in ("Hal Morrow", "the union", "AIVD", "Iranian Red Crescent")]
    [True, True, True, True]
    """
    lex = lexicon(lang)
    words = [w.lower().strip(".,’'") for w in name.split()]
    if not words or not words[0]:
        return False
    first = words[0]
    if len(first) == 1 and len(words) == 1:
        return False  # "Q:", "A:" of an interview
    if re.fullmatch(r"(?:i|we|you|they|he|she|it)[’'](?:ve|ll|d|m|re|s)", first):
        return False  # "We’ve asked him", "I’ll show you"
    if first in lex["never_speakers"] or first in lex["quantifiers"] or first in lex["numbers"]:
        return False
    if len(words) == 1 and "-" in first and first.split("-")[0] in lex["adjective_prefixes"]:
        return False  # "Pro-Reform" (marchers): an adjective; "Anti-Tax League" is a name
    if any(len(w) > 5 and w.isupper() for w in re.sub(r"\(.*?\)", " ", name).split()):
        return False  # a heading in capitals ("DISCHARGE REPORTING"), not an acronym
    if len(words) == 1 and (first in lex["not_name_words"] or first in lex["nationalities"]):
        return False
    return True
