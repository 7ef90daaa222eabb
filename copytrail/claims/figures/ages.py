"""Ages: a person's age told apart from a count ("Maddon, 66, has", "aged 18 to 25").

An age is a figure of unit ``year`` (or month, week, day) with ``counted="age"``, so a claim
about someone's age can be compared like any other amount. Ages come in apposition after a
name ("Maddon, 66, has"; "Nick Hague 44 has", with the commas lost), after "aged" or "at
age", and listed after an age ("aged 19 and 22"). A bracket that names a group ("men aged 18
to 34", "the 25-54 age demographic") is a ``modifier``, not a claim.

>>> from copytrail.claims.figures import extract_figures
>>> [(f.text, f.unit, f.counted) for f in extract_figures("Maddon, 66, has 2 dogs.")]
[('66', 'year', 'age'), ('2', None, 'dog')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copytrail.claims.figures.mentions import Mention


# Prepositions of place: "in Gaza 32 died" names a place, then counts.
PLACE_BEFORE = re.compile(
    r"\b(?i:in|at|from|across|near|outside|inside|throughout|around)\s+(?:[A-Z][\w.'’-]*\s+){1,3}$"
)


_PERSON_BEFORE = re.compile(
    r"\b(?!(?:The|A|An|This|That|In|On|At|Of|For|By|To|From|With)\b)"
    r"[A-Z][a-z]+(?:-[A-Z][a-z]+)? [A-Z][a-z]+(?:-[A-Z][a-z]+)? $"
)
_PERSON_VERB_AFTER = re.compile(
    r" (?:has|had|was|is|said|says|will|would|who|of|from|died|told|became|joined)\b"
)


_PEOPLE_VERB_AFTER = re.compile(
    r" (?:who|said|says|told|died|was (?:arrested|charged|jailed|sentenced|killed|found|born))\b"
)


def age_without_commas(t: str, r: Mention) -> bool:
    """ "Nick Hague 44 has spent": an age in apposition whose commas were lost in copying.

    A two-word personal name, a whole number from 16 to 99 and a verb. Model names rarely
    take a two-digit number after two capitalised words and a verb ("the iPhone 11 has").
    A single surname needs a verb only people take ("Smith 42 said"; "Chrome 88 was").

    >>> from copytrail.claims.figures import extract_figures
    >>> [(f.text, f.counted) for f in extract_figures("Nick Hague 44 has spent 200 days in space.")]
    [('44', 'age'), ('200 days', None)]
    """
    if not (
        r.unit is None
        and float(r.value).is_integer()
        and 16 <= r.value <= 99
        and re.fullmatch(r"\d\d", t[r.start : r.end]) is not None
    ):
        return False
    if PLACE_BEFORE.search(t[max(0, r.start - 40) : r.start]):
        return False  # "In Gaza 32 died": a place, then a count
    if _PERSON_BEFORE.search(t, max(0, r.start - 40), r.start):
        return _PERSON_VERB_AFTER.match(t, r.end) is not None
    return (
        re.search(r"\b[A-Z][a-z]+ $", t[max(0, r.start - 30) : r.start]) is not None
        and _PEOPLE_VERB_AFTER.match(t, r.end) is not None
    )


def next_age(t: str, prev_end: int, r: Mention) -> bool:
    """Is this bare whole number listed right after an age ("aged 19 and 22", "41, 38")?"""
    return (
        r.kind == "quantity"
        and r.unit is None
        and r.counted is None
        and r.qualifier == "exact"
        and float(r.value).is_integer()
        and 0 < r.value < 120
        and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", t[prev_end : r.start]) is not None
    )


def age_apposition(t: str, r: Mention) -> None:
    """Age in apposition: "Maddon, 66, has ..."."""
    before = t[max(0, r.start - 30) : r.start]
    if (
        r.unit is None and r.qualifier == "exact" and 0 < r.value < 120
        and float(r.value).is_integer()
        and re.search(r"[A-Za-z][a-z]+,\s$", before)
        and re.match(r",\s|\s?[―—]", t[r.end : r.end + 2])  # "Crutcher, 40 ― a father"
    ):  # fmt: skip
        r.unit, r.counted = "year", "age"
    elif age_without_commas(t, r):
        r.unit, r.counted = "year", "age"
    elif (
        r.qualifier == "range"
        and r.unit is None
        and re.match(r"\s+age\s+(?:group|bracket|range|demographic|band|cohort)s?\b", t[r.end :])
    ):
        r.unit, r.counted, r.kind = "year", "age", "modifier"  # "the 18-49 age demographic"
    elif (
        r.unit is None and r.qualifier == "exact" and 5 <= r.value < 120
        and float(r.value).is_integer()
        and re.search(r"(?:^|[.!?][\"”’]?\s+|\n)At\s$", before)
        and t[r.end : r.end + 1] == ","
    ):  # fmt: skip
        r.unit, r.counted = "year", "age"  # "At 16, he went to Indiana University"
    elif re.search(r"\b(?:aged|age of|ages of|at age)\s$", before) and r.unit in (None, "year"):
        r.unit, r.counted = "year", "age"
        if (
            r.qualifier == "range"
            and before.endswith("aged ")
            and not re.search(r"\b(?:is|are|was|were|be|been|being)\s+aged\s$", before)
        ):
            # "men aged 18 to 34" names who is counted, like "a five-year plan" names a kind
            # of plan; it is not a claim about an amount. "The victims were aged 18 to 25"
            # is one.
            r.kind = "modifier"
