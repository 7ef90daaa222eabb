"""What a figure counts: the noun phrase after a number ("1,200 *activists*").

Counted nouns come from word rules, not a tagger: plural nouns end the phrase, function words,
adverbs and verbs stop it, and a plural head is lightly lemmatised.

>>> from copytrail.claims.figures import extract_figures
>>> [f.counted for f in extract_figures("Police said 1,200 activists and 40% of voters came.")]
['activist', 'voter']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from copytrail.claims.figures.numbers import NUMBER_WORDS
from copytrail.claims.figures.qualifiers import CHANGE_WORDS
from copytrail.claims.figures.units import CURRENCIES, match_rate, match_unit_after

if TYPE_CHECKING:
    from copytrail.claims.figures.mentions import Mention


# Function words that may precede a number at the start of a sentence or after a name
# without making it a product code ("About 70%", "Only 5 people").
STOP_WORDS = frozenset(
    """a an the this that these those some any each every no not and or but nor so yet for of
    in on at to from by with without into onto over under about around above below between
    among through during before after since until till than as per via while when where which
    who whom whose what why how if then also just only even still already nearly almost
    roughly approximately exactly precisely more less fewer most least up down out off again
    i you he she it we they me him her us them my your his its our their is are was were be
    been being am has have had do does did will would shall should can could may might must
    said says say told tells according another other such there here all both half
    total top just last next first only roughly barely within across against toward towards
    including include includes included like unlike near beyond plus minus excluding versus
    vs vs. some worth valued away back ago because though although unless whether""".split()
)
_PLURAL_IRREGULAR = {
    "people": "people", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "staff": "staff", "police": "police",
    "personnel": "personnel", "cattle": "cattle", "sheep": "sheep", "fish": "fish",
    "deer": "deer", "aircraft": "aircraft", "troops": "troop", "data": "data",
    "media": "media", "criteria": "criterion", "phenomena": "phenomenon", "crises": "crisis",
    "analyses": "analysis", "theses": "thesis", "indices": "index", "lives": "life",
    "wives": "wife", "knives": "knife", "leaves": "leaf", "halves": "half", "shelves": "shelf",
    "wolves": "wolf", "thieves": "thief", "viruses": "virus", "buses": "bus",
    "bonuses": "bonus", "campuses": "campus", "censuses": "census", "statuses": "status",
    "species": "species", "series": "series", "news": "news", "means": "means",
}  # fmt: skip
_NOT_PLURAL = frozenset(
    "this his its was has is us as yes thus less plus gas bus lens news".split()
    # verbs after a singular noun: "a third of the budget goes to defence"
    + "goes does says seems becomes".split()
)

# Latin letters with accents belong to words too ("exposé", "café").
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’]*(?:-[A-Za-zÀ-ÖØ-öø-ÿ]+)*")
# Verbs that follow a bare number ("the 12 came back", "15 remain missing"): no counted noun.
VERBS = frozenset(
    """came went said made took got left ran won lost saw gave told became began brought bought
    fell rose grew thanks were are have had remain remained die died fled face faced say stay
    stayed live lived need needed include included goes does says seems becomes wrote writes
    asked asks added adds read reads descend descended""".split()
)
# Verbs that agree with a plural subject: after "Gaza 32" they make the number a count of
# people ("In Gaza 32 died", "Ohio 12 were hurt"), never a model number ("iPhone 11 has").
PLURAL_VERBS = frozenset(
    "were are have remain remained died fled face faced say stay stayed live need include".split()
)


# --------------------------------------------------------------------------- counted noun
def plural_soon(t: str, pos: int, capitals: bool = False) -> bool:
    """Is a plural noun among the next few words ("2.7m combined digital and physical sales")?"""
    for i, w in enumerate(WORD.finditer(t[pos : pos + 60])):
        word = w.group(0)
        if capitals and word[:1].isupper() and not is_plural(word):
            continue
        if i == 0 and w.start() > 1:
            return False
        if word.lower() in ("and", "or"):
            continue
        if word.lower() in STOP_WORDS or i > 5:
            return False
        if match_unit_after(word, 0) is not None and i == 0:
            return True
        if is_plural(word):
            return True
    return False


def is_plural(word: str) -> bool:
    w = word.lower()
    if w in _PLURAL_IRREGULAR:
        return True
    if w in _NOT_PLURAL or len(w) < 3:
        return False
    if word[:1].isupper() and w.endswith("as"):
        return False  # "Texas", "Vegas", "Christmas": names, not plurals of "-a" nouns
    if word.isupper():
        return False  # "SLS", "NHS": an acronym's S is its own letter ("CEOs" is plural)
    return w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def lemma(word: str) -> str:
    """Light singular of a plural noun.

    >>> [lemma(w) for w in ["activists", "properties", "viruses", "launches", "women", "Americans"]]
    ['activist', 'property', 'virus', 'launch', 'woman', 'American']
    """
    w = word.lower()
    if w in _PLURAL_IRREGULAR:
        base = _PLURAL_IRREGULAR[w]
    elif w.endswith("men") and len(w) > 4:
        base = w[:-3] + "man"
    elif not is_plural(w):
        return word
    elif w.endswith("ies") and len(w) > 4:
        base = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        base = w[:-2]
    else:
        base = w[:-1]
    return (
        word[: len(base)]
        if word[: len(base)].lower() == base
        else (base.capitalize() if word[:1].isupper() else base)
    )


_NUMBER_AHEAD = re.compile(
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|hundred|dozen)[ \t]+(?=[A-Za-z])",
    re.IGNORECASE,
)
_HANGING = re.compile(
    r"-,?\s+(?:[\w.,]+-,?\s+)*(?:and|or|to)\s+[\w.,]+-([A-Za-z]+)\b(?!-)", re.IGNORECASE
)


def _plural_after_coordination(t: str, pos: int) -> bool:
    """After "and"/"or": do one or two modifiers and then a plural noun follow?"""
    for i, w in enumerate(WORD.finditer(t, pos, pos + 60)):
        word = w.group(0)
        if i > 2 or word.lower() in STOP_WORDS or t[pos : w.start()].strip():
            return False
        if word.lower() in NUMBER_WORDS:
            return False  # "one goal and two assists": a second figure, not a modifier
        if is_plural(word):
            return word[:1].islower()
        pos = w.end()
    return False


def counted_noun(t: str, r: Mention) -> str | None:
    """What ``r`` counts: the noun phrase after it ("activists", "members of Congress").

    The steps: an "of" after the number, a hyphened or hanging noun ("a four-cylinder
    engine"), the words of the noun phrase up to its plural head (:func:`_phrase_words`), the
    tests that they are a noun and not a verb (:func:`_counts_nothing`), then the head with a
    name after "of" or a rate ("per day").
    """
    found = _noun_start(t, r)
    if found is None:
        return None
    pos, of = found
    # "a four-cylinder engine", "a 1,000-page report": the hyphened noun is what is counted;
    # a hanging hyphen shares the noun of the last one ("four-, five- and six-cylinder").
    hang = _HANGING.match(t, pos, pos + 80)
    if hang:
        return lemma(hang.group(1))
    words, pos = _phrase_words(t, r, pos, of)
    while words and words[-1] in ("and", "or"):
        words.pop()  # "one lemon and ...": the coordination found no second noun
    if _counts_nothing(words, r, of):
        return None
    head = _head(words, r)
    # "members of Congress": a head noun followed by "of" and a proper name.
    tail = _OF_NAME.match(t, pos, pos + 200) if len(head) == len(words) else None
    phrase = " ".join(head[:-1] + [lemma(head[-1])])
    if tail:
        phrase += " of " + tail.group(1)
    elif len(head) == len(words):
        rate = match_rate(t, pos)
        if rate is not None:
            phrase += " per " + rate[0]  # "3,000 tests per day"
    return phrase


def _noun_start(t: str, r: Mention) -> tuple[int, bool] | None:
    """Where the counted noun may start after ``r``, and whether "of" came first."""
    pos = r.end
    of = _OF_DET.match(t, pos, pos + 200)
    if of:
        # "dozens of activists", "40% of voters", "1.5 million litres of untreated water"
        if not (r.words or r.vague or r.value < 1 or r.unit is not None):
            return None
        pos = of.end()
        num = _NUMBER_AHEAD.match(t, pos)
        if num:
            pos = num.end()  # "two of the three suspects": suspects are counted
        return pos, True
    if r.unit is not None and r.unit not in CURRENCIES:
        return None
    if t[pos : pos + 1] not in (" ", "-"):
        return None
    if r.unit is not None and not t[pos + 1 : pos + 2].islower():
        return None  # "$2.3 million budget gap" names what the money is; "$6 (US$4.46)" not
    return pos, False


def _phrase_words(t: str, r: Mention, pos: int, of: bool) -> tuple[list[str], int]:
    """The words of the noun phrase at ``pos`` up to its first plural, and where they end."""
    hyphened = t[pos : pos + 1] == "-"
    words: list[str] = []
    for w in WORD.finditer(t, pos):
        gap = t[pos : w.start()]
        if words and _MODEL_GAP.fullmatch(gap) and w.group(0)[:1].isupper():
            words.append(gap.strip())  # "two new 330 Max jets": a model number in the phrase
        elif gap.strip() not in ("", "-") or len(gap) > 2:
            break
        word = w.group(0)
        if not words and word.lower() in ("more", "fewer", "other", "extra", "additional"):
            nxt = WORD.match(t, w.end() + 1)
            if nxt and t[w.end() : w.end() + 1] == " " and is_plural(nxt.group(0)):
                pos = w.end()  # "eight more picks", "2 million more jobs": what is counted
                continue
        if word.lower() in ("and", "or") and words and _plural_after_coordination(t, w.end()):
            # "Kia and Hyundai vehicles", "digital and physical sales": one noun phrase.
            words.append(word.lower())
            pos = w.end()
            continue
        if _ends_phrase(word, words, r, of):
            break
        words.append(word)
        pos = w.end()
        if is_plural(word) or len(words) == 4 or hyphened:
            break
    return words, pos


def _ends_phrase(word: str, words: list[str], r: Mention, of: bool) -> bool:
    """Does ``word`` end the noun phrase read so far (``words``) instead of joining it?"""
    low = word.lower()
    if low in STOP_WORDS or low in CHANGE_WORDS and not is_plural(word):
        return True
    if _APOSTROPHE_S.search(word) and word[:1].islower():
        return True  # "one that's stronger", "a life that's": a clause, not the noun
    if words and low in VERBS:
        return True  # "the 911 call came in": a verb ends the noun phrase
    if low.endswith("ly") or (words and low.endswith("ed") and not word[0].isupper()):
        return True
    # "One proposal asks ...": after a singular head, an -s word is a verb
    return bool(words) and r.value == 1 and not of and is_plural(word)


def _counts_nothing(words: list[str], r: Mention, of: bool) -> bool:
    """Are the words read after the number no counted noun (a verb, a unit letter...)?"""
    if not words or (words[0].lower() in VERBS and not of):
        return True  # "15 remain missing", "1 died"
    if len(words) == 1 and not of and _PAST_VERB.fullmatch(words[0]):
        return True  # "because one recused": a past verb, nothing counted
    if len(words[0]) == 1 or words[0] == "by":
        # "6 x 4 metres" is a dimension, counted by the unit after it; "68 p" a price
        return True
    if not any(is_plural(w) for w in words) and r.value != 1 and not of:
        first = words[0].lower()
        if first.endswith(("ed", "ing")) or first in VERBS or words[0][:1].isupper():
            return True  # "4 Started", "around 73 raising", "2-1 thanks": no counted noun
    return False


def _head(words: list[str], r: Mention) -> list[str]:
    """The phrase up to its first plural (or its first two words when it has none)."""
    for i, word in enumerate(words):
        if is_plural(word):
            return words[: i + 1]
    if r.value != 1 and len(words) > 2:
        return words[:2]
    return words


_OF_DET = re.compile(
    r"[ \t]+of[ \t]+(?:(?:the|its|their|his|her|our|my|your|these|those|this|that|all)[ \t]+)?"
)
_OF_NAME = re.compile(r" of ((?:[A-Z][\w'’-]*)(?: [A-Z][\w'’-]*)*)")
_MODEL_GAP = re.compile(r" [A-Z]?\d{2,4} ")
_APOSTROPHE_S = re.compile(r"['’]s$")
_PAST_VERB = re.compile(r"[a-z]+ed")


_ELIDED_BEFORE = re.compile(
    r"\b(?:including|from|versus|vs\.?|compared (?:with|to)|of (?:which|whom)|among them)\s$",
    re.IGNORECASE,
)


def elided_noun(t: str, r: Mention) -> bool:
    """Does this bare amount leave out the noun of the one before ("including 1.5 million")?

    >>> from copytrail.claims.figures import extract_figures
    >>> [f.counted for f in extract_figures("It has 120 members, of whom 45 voted.")]
    ['member', 'member']
    """
    return (
        r.kind == "quantity"
        and r.unit is None
        and r.counted is None
        and _ELIDED_BEFORE.search(t, max(0, r.start - 20), r.start) is not None
        # the noun is left out only when none follows ("from two relatively small firms")
        and _nothing_counted_after(t, r.end)
    )


def _nothing_counted_after(t: str, end: int) -> bool:
    nxt = re.match(r"\s*(?:([,.;:)!?\]]|$)|([A-Za-z]+))", t[end : end + 40])
    if nxt is None or nxt.group(1) is not None:
        return nxt is not None
    w = nxt.group(2).lower()
    return w in STOP_WORDS or w in VERBS or w.endswith("ed")  # "of whom 45 voted"
