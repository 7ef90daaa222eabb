"""Codes, labels, years and addresses among bare digit numbers: what a number names.

:func:`classify_digits` runs the tests of :data:`_DIGIT_KINDS` in order on one number and the
words around it (a :class:`_Digits`); the first that names a kind wins: a long ID, a year, a
label ("Part 12"), an address, a shirt number, or a name with a number ("iPhone 11", "the
330-9 jet", "the 13 Pro", "the Westmark 250" index). No product, index or brand is listed: a
number is a name by where it stands. A number no test names stays a quantity.

>>> from copytrail.claims.figures import extract_figures
>>> [(f.text, f.kind) for f in extract_figures("In 2019 Section 4 of the A330-900 manual.", True)]
[('2019', 'year'), ('4', 'part'), ('330-900', 'code')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from copytrail.claims.figures.ages import PLACE_BEFORE, age_without_commas
from copytrail.claims.figures.counted import PLURAL_VERBS, STOP_WORDS, WORD, is_plural, plural_soon
from copytrail.claims.figures.nonquantities import LABELS, MONTHS, STREET, WEEKDAYS
from copytrail.claims.figures.qualifiers import QUALIFIER_OF
from copytrail.claims.figures.scores import RESULT_AFTER
from copytrail.claims.figures.units import match_unit_after
from copytrail.claims.figures.wordlists import lexicon

if TYPE_CHECKING:
    from copytrail.claims.figures.mentions import Mention

_YEAR_BEFORE = frozenset(lexicon()["year_before"])
# Words that open a sentence before a count ("Yesterday 300 marched", "Overall 40 died").
_SENTENCE_ADVERBS = frozenset(lexicon()["sentence_adverbs"])
# Labels that also read as labels in lower case ("part 2 of 5", "page 12", "no. 10").
_LOWER_LABELS = frozenset(lexicon()["lower_case_labels"])


# Score and vote context: "beat Charlton 2-1", "Labour won 68-32", "voted 52-48".
_SCORE_BEFORE = re.compile(
    r"\b(?:beat|beats|beating|won|win|wins|winning|lost|lose|loses|losing|defeat|defeated|"
    r"defeats|edged|drew|draw|drawn|tied|tie|led|lead|leads|leading|trailed|trail|trailing|"
    r"ended|finished|victory|score|scored|voted|vote|votes|tally|margin|thrashed|routed|"
    r"crushed|downed|over|against|past|triumphed|prevailed|outscored|blanked|swept|thumped|"
    r"trounced|edges|tops|topped|hammered|stunned)\b[^.!?;]{0,40}$",
    re.IGNORECASE,
)


def _count_after_name(t: str, r: Mention, before: str, prev: str) -> bool:
    """Does a number after a capitalised name count, not label? (see ``classify_digits``)

    >>> from copytrail.claims.figures import extract_figures
    >>> [f.text for f in extract_figures("In Gaza 32 died, and Ohio 12 were hurt.")]
    ['32', '12']
    >>> [f.text for f in extract_figures("City led Charlton 2-1 at half-time.")]
    ['2-1']
    """
    nxt = re.match(r" ([a-z]+)\b", t[r.end : r.end + 30])
    if nxt and nxt.group(1) in PLURAL_VERBS and r.value > 1:
        return True
    if age_without_commas(t, r):
        return True
    if (
        nxt
        and PLACE_BEFORE.search(before)
        and (nxt.group(1).endswith("ed") or nxt.group(1) in PLURAL_VERBS)
    ):
        return True
    if re.match(r"\s?[-–]\s?\d{1,3}\b(?![-–.,]\d)", t[r.end : r.end + 12]) and r.value < 1000:
        return _SCORE_BEFORE.search(before) is not None
    return False


# Verbs in -s that follow a product name and number ("Windows 10 runs on", "the Pixel 8
# comes with"); after a name they are the verb of the sentence, not a counted plural.
_NAME_VERBS = frozenset(
    """runs comes goes gets makes takes uses needs offers features ships starts supports
    includes remains looks arrives weighs packs boasts brings gives adds delivers launches
    debuts lands requires lacks retails sells""".split()
)


# Plural nouns that a bare four-digit number after "the" counts rather than dates: people
# and what they live, work or sit in.
_COUNT_NOUNS = frozenset(
    """people persons men women children adults kids students pupils teachers workers
    employees staff jobs troops soldiers officers police protesters demonstrators marchers
    activists residents families households homes houses flats apartments patients deaths
    victims refugees migrants members signatures participants passengers visitors tourists
    delegates runners athletes volunteers fans spectators attendees prisoners inmates detainees
    civilians casualties doctors nurses seats beds units acres hectares""".split()
)
_VERB_OBJECT = re.compile(r" (?:at|up|to|with|from|a|an|the|its|about|around|just|only)\b")
_THRESHOLD_NOUNS = frozenset(
    "majority threshold mark limit cap total minimum maximum level".split()
)


# A count, then a capitalised product name ending right before the number.
_COUNT_THEN_NAME = re.compile(
    r"\b(?:\d[\d,.]*|million|billion|thousand|hundred|two|three|four|five|six|seven|eight|"
    r"nine|ten|dozens|hundreds|thousands)\s+(?:[A-Z][\w-]*\s+){1,4}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Digits:
    """A bare digit number and the words around it, as the tests of :func:`classify_digits`
    read them."""

    t: str
    r: Mention
    raw: str  # the digits as written
    bare: bool  # no unit and no scale word
    before: str  # up to 30 characters before the number
    prev: str  # the word right before it
    low: str  # that word in lower case
    nxt: re.Match[str] | None  # the word right after it (after one space)
    plural_next: bool  # that word is a plural noun the number counts


def classify_digits(t: str, r: Mention, m: re.Match[str]) -> None:
    """Years, labels, addresses and codes among bare digit numbers (before ranges are read).

    The tests of :data:`_DIGIT_KINDS` run in order and the first that names a kind wins; the
    tests after the label test only see bare numbers (no unit, no scale word).
    """
    if m.lastgroup != "digits" or r.words:
        return
    d = _around(t, r, m)
    for test, bare_only in _DIGIT_KINDS:
        if bare_only and not d.bare:
            return
        kind = test(d)
        if kind is not None:
            r.kind = kind
            return


def _around(t: str, r: Mention, m: re.Match[str]) -> _Digits:
    before = t[max(0, m.start() - 30) : m.start()]
    prev_m = _PREV_WORD.search(before)
    prev = prev_m.group(1) if prev_m else ""
    low = prev.lower()
    nxt = WORD.match(t, r.end + 1) if t[r.end : r.end + 1] == " " else None
    plural_next = bool(
        nxt
        and nxt.group(0).islower()
        and is_plural(nxt.group(0))
        and nxt.group(0) not in _NAME_VERBS
        # "the OnePlus 12 charges at 80W", "the RTX 4090 draws up to": a verb, then its object
        and not _VERB_OBJECT.match(t, nxt.end())
    )
    raw = m.group(0)
    if plural_next and raw == "1" and prev[:1].isupper() and low not in STOP_WORDS:
        plural_next = False  # "Formula 1 drivers", "Ligue 1 clubs": one never counts a plural
    if plural_next and _COUNT_THEN_NAME.search(before):
        plural_next = False  # "3 million Galaxy Z Flip 5 units": the count is before the name
    bare = r.unit is None and r.mult == 1.0
    return _Digits(t, r, raw, bare, before, prev, low, nxt, plural_next)


def _long_id(d: _Digits) -> str | None:
    """An ID or a timestamp: news writes amounts this big with commas."""
    return "code" if d.bare and _TEN_DIGITS.fullmatch(d.raw) else None


def _year(d: _Digits) -> str | None:
    """A four-digit year where a year may stand ("in 2019", "the 1998 floods", "2020s")."""
    if not (d.bare and _FOUR.fullmatch(d.raw) and 1000 <= d.r.value <= 2100 and _names_year(d)):
        return None
    # "fiscal year 2022 seizures": the year still names when
    counted_of = _COUNTED_OF.search(d.before)
    after_year = _AFTER_YEAR.search(d.before)
    if (
        (d.r.value >= 1500 and not counted_of)
        or after_year
        or d.low in _YEAR_BEFORE
        or d.t[d.r.end : d.r.end + 1] == "s"
    ):
        return "year"
    return None


def _names_year(d: _Digits) -> bool:
    """Do the words around a four-digit number let it name a year rather than count?"""
    value, low, nxt = d.r.value, d.low, d.nxt
    if not d.plural_next or low in ("year", "fiscal", "fy", "season", "class"):
        return True
    # "the Republican 2016 hopefuls", "Apple's 2019 models": a recent year after a name or
    # possessive names a cohort, not a count
    if (
        1990 <= value <= 2035
        and (d.prev[:1].isupper() or d.prev.endswith(("'s", "’s")))
        and low not in STOP_WORDS
        and not PLACE_BEFORE.search(d.before)
    ):
        return True
    if nxt is None or nxt.group(0).lower() in _COUNT_NOUNS:
        return False
    # "in 2015 finds that", "the mid-2019 models": "in" or "mid-" before a recent year.
    # "the 1998 floods", "its 2019 results": after "the" or a possessive a year names which
    # ones; a count this large is written with a comma ("the 2,000 protesters") unless it
    # counts people or places for them ("the 2000 workers")
    return (1900 <= value <= 2035 and low in ("in", "since", "mid-", "mid")) or (
        1800 <= value <= 2100 and low in ("the", "its", "their", "his", "her", "our")
    )


def _label(d: _Digits) -> str | None:
    """ "Part 12", "Section 427", "page 12": a label word before the number."""
    if d.low in LABELS and (d.prev[:1].isupper() or d.low in _LOWER_LABELS):
        return "part"
    return None


def _address(d: _Digits) -> str | None:
    if STREET.match(d.t, d.r.end) or (d.nxt and d.nxt.group(0) in ("ZIP", "zip", "postcode")):
        return "address"
    return None


def _shirt_number(d: _Digits) -> str | None:
    """ "Dak Prescott (4)": a number alone in brackets after a name is a shirt number."""
    before, t, end = d.before, d.t, d.r.end
    if before.endswith("(") and t[end : end + 1] == ")" and _NAME_PAREN.search(before):
        return "code"
    return None


def _after_name(d: _Digits) -> str | None:
    """A number right after a capitalised name is a model/product code: "iPhone 11", "Big 12"
    — unless it counts something plural after it."""
    prev, low = d.prev, d.low
    possessive = prev.endswith(("'s", "’s", "s'", "s’"))
    if not (
        prev
        and not _count_after_name(d.t, d.r, d.before, prev)
        and any(c.isupper() for c in prev)
        and d.before.endswith(" ")
        and not d.plural_next
        and not possessive
        and not _GROUPED.search(d.raw)  # "Gaza 1,500": grouped thousands are counts
        and not _range_of_unit(d.t, d.r.end)  # "Wait 60-90 minutes": a span, not a model name
    ):
        return None
    if (
        low in STOP_WORDS
        or low.rstrip(".") in MONTHS
        or low.rstrip(".,") in WEEKDAYS
        or low in QUALIFIER_OF
    ):
        return None
    # At the start of a sentence only an adverb ("Yesterday 300 marched", "Overall 40 died")
    # leaves the number a count; "Formula 1 returns" is still a name.
    start_of_sentence = _FIRST_WORD.search(d.before) is not None
    if start_of_sentence and (low.endswith("ly") or low in _SENTENCE_ADVERBS):
        return None
    return "code"


def _model_variant(d: _Digits) -> str | None:
    """A variant after a model number: "the 330-9 jet", "an A330-900" (not a "24-9" score)."""
    t, end = d.t, d.r.end
    variant = _VARIANT.match(t, end, end + 40)
    if not (variant and _THREE_FOUR.fullmatch(d.raw)):
        return None
    digits = variant.group(1)
    if (
        not _SCORE_BEFORE.search(d.before)
        and (len(digits) == 1 or _ARTICLE_BEFORE.search(d.before))
        and not RESULT_AFTER.match(t, end + 1 + len(digits))
        and match_unit_after(t, end + 2 + len(digits)) is None
        # "The 330-10 can fly", "an A330-1000" (not "a 110-98 win")
        and (variant.group(2)[0].isupper() or not is_plural(variant.group(2)))
    ):
        return "code"
    return None


def _the_number_noun(d: _Digits) -> str | None:
    """ "The 747 program", "the 911 call": a bare number between "the" and a singular noun
    names something; a count takes a plural ("the 300 workers"), a participle ("the 270
    needed to win") or a word of threshold ("the 176 majority")."""
    nxt = d.nxt
    if (
        _THREE_FOUR.fullmatch(d.raw)
        and _THE_BEFORE.search(d.before)
        and nxt is not None
        and nxt.group(0).islower()
        and not plural_soon(d.t, d.r.end)
        and nxt.group(0).lower() not in STOP_WORDS
        and not nxt.group(0).endswith(("ly", "ed"))
        and nxt.group(0) not in _THRESHOLD_NOUNS
    ):
        return "code"
    return None


def _small_model(d: _Digits) -> str | None:
    """ "the 13 Pro Max", "and 13 Pro": a small number opening a phrase that goes on with a
    capitalised name and counts nothing plural is a model name."""
    nxt = d.nxt
    if (
        nxt
        and nxt.group(0)[:1].isupper()
        and _ONE_TWO.fullmatch(d.raw)
        and _DET_BEFORE.search(d.before)
        and not plural_soon(d.t, d.r.end, capitals=True)
        and nxt.group(0).lower().rstrip(".,") not in MONTHS | WEEKDAYS
        and match_unit_after(d.t, d.r.end + 1) is None
    ):
        return "code"
    return None


def _number_then_name(d: _Digits) -> str | None:
    """A number followed by a capitalised name that is not a unit: "the 330 Skyliner"."""
    nxt = d.nxt
    if not (nxt and nxt.group(0)[:1].isupper() and _THREE_PLUS.fullmatch(d.raw)):
        return None
    # After a count ("two new 330 Max jets") the number names the model even before a plural
    # noun; otherwise a plural makes it a count ("300 Syrian refugees").
    counted_before = _COUNTED_BEFORE.search(d.before)
    if counted_before or not plural_soon(d.t, d.r.end, capitals=True):
        if nxt.group(0).lower().rstrip(".") not in MONTHS:
            return "code"
    return None


# (test, bare only): the tests of classify_digits in order; the first kind named wins.
_DIGIT_KINDS: tuple[tuple[Callable[[_Digits], str | None], bool], ...] = (
    (_long_id, False),
    (_year, False),
    (_label, False),
    (_address, True),
    (_shirt_number, True),
    (_after_name, True),
    (_model_variant, True),
    (_the_number_noun, True),
    (_small_model, True),
    (_number_then_name, True),
)
_PREV_WORD = re.compile(r"([A-Za-z][\w.&'’-]*|#)\s?$")
_TEN_DIGITS = re.compile(r"\d{10,}")
_FOUR = re.compile(r"\d{4}")
_THREE_FOUR = re.compile(r"\d{3,4}")
_THREE_PLUS = re.compile(r"\d{3,}")
_ONE_TWO = re.compile(r"\d{1,2}")
_GROUPED = re.compile(r"\d[, ]\d{3}")
_COUNTED_OF = re.compile(r"\b(?:average|total|sum|maximum|minimum|tally|estimate|price)\s+of\s$")
_AFTER_YEAR = re.compile(r"\b(?:1\d|20)\d\d\s+(?:and|to|or|until|till)\s$")
_NAME_PAREN = re.compile(r"[A-Z][a-z]+ \($")
_FIRST_WORD = re.compile(r"(?:^|[.!?]\s+|\n)\S+\s$")
_VARIANT = re.compile(r"-(\d{1,4})(?![\d.,-])\s+([A-Za-z]+)")
_ARTICLE_BEFORE = re.compile(r"\b(?:[Tt]he|an?)\s$")
_THE_BEFORE = re.compile(r"\b[Tt]he\s$")
_DET_BEFORE = re.compile(r"\b(?:the|The|a|an|and|or|its|their|his|her)\s$")
_COUNTED_BEFORE = re.compile(
    r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)"
    r"(?:\s+[a-z]+)?\s$",
    re.IGNORECASE,
)


def _range_of_unit(t: str, pos: int) -> bool:
    """Does a range to a number with a unit start at ``pos`` ("–90 minutes", " to 3 hours")?"""
    m = re.match(r"(?:[-–]| to )(\d[\d.,]*) ?", t[pos : pos + 40])
    return m is not None and match_unit_after(t, pos + m.end()) is not None
