"""Figures (quantities) in claims: every number that measures or counts something.

``extract_figures(text)`` is a pure, rule-based reader of English news conventions. It finds
digit numbers with any separator, number words ("a hundred and twenty thousand"), multipliers
("$2bn", "1.5 million"), vague quantities ("tens of thousands"), fractions ("two-thirds",
"1/16"), units and currencies, ranges, qualifiers ("more than", "up to") and the direction of
a change ("rose 5%"). Numbers that are not quantities — years, dates, times, ordinals,
"Part 12", phone numbers, list numbering, URLs and product codes — are recognised and skipped
(or returned with their ``kind`` when ``include_non_quantities=True``).

The reading is split by domain noun: :mod:`~copytrail.claims.figures.mentions` reads the number
itself, :mod:`~copytrail.claims.figures.amounts` its scale, unit, currency and ranges,
:mod:`~copytrail.claims.figures.units` and :mod:`~copytrail.claims.figures.numbers` hold the lexicons,
:mod:`~copytrail.claims.figures.nonquantities` tells years, labels and codes apart,
:mod:`~copytrail.claims.figures.scores` tells game results and team records from ranges,
:mod:`~copytrail.claims.figures.qualifiers` reads "more than" and the direction of change, and
:mod:`~copytrail.claims.figures.counted` finds what is counted. This module runs the cascade and the
context that joins figures (ages, index points, elided nouns, listed units).

Conventions (documented because claims are compared on them):

- ``value`` is the normalised number; for ranges and vague quantities it is the lower bound
  ``low`` (the most the text clearly asserts), and ``high`` is the upper bound.
- Vague plurals are order-of-magnitude intervals: "hundreds" = [100, 1000], "thousands" =
  [1000, 10000], "tens of thousands" = [10000, 100000], "dozens" = [12, 120],
  "several hundred" = [300, 900], "a few thousand" = [2000, 9000].
- Qualifiers (see ``QUALIFIERS``): "more than" / "at least" set ``low`` only, "less than" /
  "at most" / "up to" set ``high`` only, "approximately" and "exact" set both to ``value``.
- ``unit`` is a physical or currency unit (``%``, ``USD``, ``km``, ``year``; ``$`` when the
  dollar is not further specified, ``USD/month`` for rates); what is counted ("activists",
  "members of Congress", "litres *of untreated water*") goes to ``counted``, lightly
  lemmatised ("activist"). Ages read as unit ``year`` with ``counted="age"``.
- ``change`` is ``"up"``/``"down"`` when a verb or noun of change governs the figure
  ("rose 5%", "a 19% drop"); the new level in "rose 5% to $164" has no change.
- A lone "1.200" is 1200 (continental thousands) unless its paragraph writes English decimals
  elsewhere ("0.5", "1,200"); "1.356 billion" is always a decimal.
- A figure and its sentence never cross a paragraph break: each paragraph is read on its
  own, so a paragraph gives the same figures in any article that reprints it.
- Non-quantity kinds (``NON_QUANTITY_KINDS``): year, date, time, ordinal, phone, list-number,
  part ("Part 12", "No. 10"), code (product/model/index codes, URLs, IDs), address, score
  (a final score: "beat Charlton 2-1"), and modifier (a duration hyphenated onto a noun:
  "a five-year contract", "the 10-year yield").

>>> [(f.text, f.value, f.unit, f.counted, f.qualifier) for f in extract_figures(
...     "In 2019 more than 1,200 activists marched; damage topped $2bn.")]
[('more than 1,200', 1200.0, None, 'activist', 'more than'), ('$2bn', 2000000000.0, '$', None, 'exact')]
>>> [(f.text, f.low, f.high) for f in extract_figures("Tens of thousands of people rallied.")]
[('Tens of thousands', 10000.0, 100000.0)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from copytrail.claims.figures.ages import age_apposition, next_age
from copytrail.claims.figures.amounts import extend_right, read_range
from copytrail.claims.figures.codes import classify_digits
from copytrail.claims.figures.counted import counted_noun, elided_noun, lemma
from copytrail.claims.figures.mentions import Mention, next_candidate, read_core
from copytrail.claims.figures.nonquantities import (
    LABELS,
    NON_QUANTITY_KINDS,
    STREET,
    blocked_spans,
    blocking,
    first_number,
    is_duration_modifier,
    title_case_number,
)
from copytrail.claims.figures.numbers import fold_digits
from copytrail.claims.figures.qualifiers import (
    QUALIFIERS,
    change_of,
    join_change_ranges,
    read_left_context,
    share_list_units,
)
from copytrail.claims.figures.scores import is_final_score, is_tiebreak
from copytrail.claims.figures.units import (
    is_letter_code,
    match_unit_after,
    match_unit_at,
)
from copytrail.claims.sentences import sentence_spans


@dataclass(frozen=True)
class Figure:
    """One quantity mention; ``text[start:end] == self.text`` in the input text.

    >>> f = extract_figures("Prices rose about 40 percent.")[0]
    >>> (f.text, f.value, f.unit, f.qualifier, f.change, f.kind)
    ('about 40 percent', 40.0, '%', 'approximately', 'up', 'quantity')
    """

    start: int
    end: int
    text: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    counted: str | None
    sentence_start: int
    sentence_end: int
    change: str | None = None
    kind: str = "quantity"


_TIME_WORDS = {
    "second": "s", "minute": "min", "hour": "h", "day": "day", "week": "week",
    "month": "month", "year": "year", "decade": "decade",
}  # fmt: skip
_MORE_TIME = re.compile(
    r"\s+(?:more|additional|extra|further)\s+(second|minute|hour|day|week|month|year|decade)s?\b",
    re.IGNORECASE,
)
# A paragraph break, as :func:`~copytrail.claims.sentences.sentence_spans` reads one.
_PARA_BREAK = re.compile(r"\n\s*\n")
# "an hour and a half", "a mile and a half": the article before the unit is the number one.
_A_UNIT_AND = re.compile(r"(?:(?<=\s)|^)(?P<a>an?|one)[ \t]+(?P<u>[A-Za-z]+)[ \t]+and[ \t]+$", re.I)


# --------------------------------------------------------------------------- public API
def extract_figures(
    text: str, include_non_quantities: bool = False, language: str | None = None
) -> list[Figure]:
    """Every quantity mentioned in ``text``, in order of appearance.

    ``language`` routes the text: Persian, Arabic and Russian (``fa``, ``ar``, ``ru``) are read
    from their data files by :mod:`copytrail.claims.figures.numerals`; anything else by the English
    cascade below, which also reads Arabic-Indic and Persian digits.

    With ``include_non_quantities=True`` years, dates, times, ordinals, labels ("Part 12"),
    phone numbers, list numbers and codes are returned too, each with its ``kind``.

    The cascade, per paragraph and per number found left to right in it (digits are folded to
    ASCII first, same length):
    blocked spans (dates, times, phones, URLs, ordinals, list numbers, decades) → the number
    itself (digits, words, fractions, vague plurals) → multiplier, unit, currency and rate to its
    right → year / label / address / product-code tests → a range with the next number →
    qualifier, sign and currency to its left → what it counts. Over the whole list, the old and
    new level of one change with words between them ("from $5 on Monday to $7") become a range.

    >>> [f.text for f in extract_figures("On March 3, 2020, part 2 of 5 was 30 km long.")]
    ['5', '30 km']
    >>> [(f.text, f.kind) for f in extract_figures("Call 555-123-4567 at 5 p.m.", True)]
    [('555-123-4567', 'phone'), ('5 p.m.', 'time')]
    """
    if language in ("fa", "ar", "ru"):
        from copytrail.claims.figures.numerals import extract_figures_lang

        return extract_figures_lang(text, language)
    out: list[Figure] = []
    # Each paragraph is read on its own: the readers look across white space for qualifiers,
    # units, counted nouns and range ends, and a paragraph break is white space too
    # ("Nurses joined.\n\nBetween 200", "in May\n\n5 died"). A paragraph break always ends a
    # sentence, and a paragraph reprinted elsewhere gives the same figures wherever it stands.
    start = 0
    for brk in _PARA_BREAK.finditer(text):
        out += _paragraph_figures(text[start : brk.start()], start, include_non_quantities)
        start = brk.end()
    out += _paragraph_figures(text[start:], start, include_non_quantities)
    return join_change_ranges(text, share_list_units(text, out))


def _paragraph_figures(text: str, offset: int, include_non_quantities: bool) -> list[Figure]:
    """The figures of one paragraph (see :func:`extract_figures`), ``offset`` added."""
    folded = fold_digits(text)
    if next_candidate(folded) is None:
        return []  # most paragraphs have no number: skip their sentences and blocked spans
    reads = _mentions(folded, include_non_quantities)
    sents = sentence_spans(text)
    starts = [s for s, _ in sents]
    out: list[Figure] = []
    points_in = -2  # the sentence where an index moved by "points"
    counted_in: tuple[int, str | None] = (-2, None)  # the last counted noun and its sentence
    for r in reads:
        i = bisect.bisect_right(starts, r.start) - 1
        if r.kind == "quantity" and r.unit == "point":
            points_in = i
        elif points_in == i and _new_level(folded, r):
            r.unit = "point"  # "rose 64.06 points to 4,577.10": the level is in points too
        if counted_in[0] == i and elided_noun(folded, r):
            r.counted = counted_in[1]  # "1,024 patients, up from 876": 876 patients
        if out and out[-1].counted == "age" and next_age(folded, out[-1].end - offset, r):
            r.unit, r.counted = out[-1].unit, "age"  # "aged 19 and 22": both are ages
        if r.kind == "quantity":
            counted_in = (i, r.counted if r.unit is None else None)
        j = bisect.bisect_right(starts, r.end - 1) - 1
        # A figure that runs past a sentence boundary ("5. 6 km") keeps both sentences.
        s_start = min(sents[i][0] if i >= 0 else 0, r.start)
        s_end = max(sents[j][1] if j >= 0 else len(text), r.end)
        out.append(_figure(text, folded, r, offset, s_start, s_end))
    return out


def _mentions(folded: str, include_non_quantities: bool) -> list[Mention]:
    """Every number of a paragraph read through the cascade, left to right."""
    blocked = blocked_spans(folded)
    block_starts = [b[0] for b in blocked]
    reads: list[Mention] = []
    pos = last_end = 0
    score_end = -1  # the end of the last score (or code) read
    while (m := next_candidate(folded, pos)) is not None:
        blk = blocking(blocked, block_starts, m.start(), m.end())
        if blk is not None:
            if include_non_quantities and blk[0] >= pos:
                reads.append(
                    Mention(blk[0], blk[1], first_number(folded[blk[0] : blk[1]]), kind=blk[2])
                )
            pos = last_end = max(m.end(), blk[1])
            continue
        r = _read_quantity(folded, m)
        if r is None:
            pos = m.end()
            continue
        # A reading may stop short of the candidate ("five- and six-cylinder" reads "five"),
        # and the rest is scanned again.
        pos = max(r.end, m.start() + 1)
        if r.start < last_end:
            # A mark shared with the previous figure ("0$0") stays with the first one.
            r.start = last_end
            while r.start < m.start() and folded[r.start].isspace():
                r.start += 1
        last_end = r.end
        if r.kind in ("score", "code"):
            # "Meyer 7-6 (4)" reads "Meyer 7" as a name and "6" as a code: a set score still
            score_end = r.end
        elif score_end >= 0 and r.end - r.start <= 4:
            _tiebreak(folded, r, score_end)
        if r.kind != "quantity" and not include_non_quantities:
            continue
        reads.append(r)
    return reads


def _tiebreak(folded: str, r: Mention, score_end: int) -> None:
    """ "won 7-6 (5)": the tiebreak points after a set score belong to the score."""
    digits = _ONE_TWO_DIGITS.search(folded, r.start, r.end)
    if digits and is_tiebreak(folded, digits.start(), digits.end(), score_end):
        r.kind, r.start, r.end = "score", digits.start(), digits.end()


def _figure(text: str, folded: str, r: Mention, offset: int, s_start: int, s_end: int) -> Figure:
    """The :class:`Figure` of a mention, with its bounds from the qualifier."""
    change = change_of(folded, r) if r.kind == "quantity" else None
    low: float | None
    high: float | None
    if r.qualifier in ("more than", "at least"):
        low, high = r.value, None
    elif r.qualifier in ("less than", "at most", "up to"):
        low, high = None, r.value
    else:
        low = r.low if r.low is not None else r.value
        high = r.high if r.high is not None else r.value
    return Figure(
        start=r.start + offset,
        end=r.end + offset,
        text=text[r.start : r.end],
        value=r.value,
        low=low,
        high=high,
        qualifier=r.qualifier,
        unit=r.unit,
        counted=r.counted,
        sentence_start=s_start + offset,
        sentence_end=s_end + offset,
        change=change,
        kind=r.kind,
    )


_ONE_TWO_DIGITS = re.compile(r"\d{1,2}")


# --------------------------------------------------------------------------- reading
def _read_quantity(t: str, m: re.Match[str]) -> Mention | None:
    """One candidate through the cascade of :func:`extract_figures`.

    The number and what stands right of it are read first; a name or a modifier ends the
    reading there (:func:`_name_kind`); then each step of :data:`_CASCADE` runs until one of
    them finds the number is no quantity (a year, a score, a code, an address...).
    """
    r = read_core(t, m)
    if r is None or r.kind != "quantity":
        return r
    if m.lastgroup == "frac" and r.value == 0.5:
        _unit_and_a_half(t, r)
    extend_right(t, r)
    kind = _name_kind(t, r)
    if kind is not None:
        r.kind = kind
        return r
    if r.kind == "quantity":
        classify_digits(t, r, m)
    for step in _CASCADE:
        if r.kind != "quantity":
            return r
        step(t, r)
    return r


def _unit_and_a_half(t: str, r: Mention) -> None:
    """ "a mile and a half", "an hour and a half": one and a half of the unit."""
    au = _A_UNIT_AND.search(t, max(0, r.start - 40), r.start)
    hit = match_unit_at(t, au.start("u")) if au else None
    if au and hit and hit[1] == au.end("u"):
        r.start, r.value, r.unit = au.start(), 1.5, hit[0]


def _name_kind(t: str, r: Mention) -> str | None:
    """A number that names rather than measures: a product code, a modifier, a title."""
    if r.unit == "GBP" and is_letter_code(t, r.start, r.end):
        return "code"  # "the PS4 Slim": letters and a digit name a thing
    if is_duration_modifier(t, r):
        return "modifier"
    if r.words and r.unit is None:
        prev = _PREV_WORD.search(t[max(0, r.start - 20) : r.start])
        if prev and prev.group(1)[0].isupper() and prev.group(1).lower() in LABELS:
            return "part"  # "Part Two", "Chapter Eleven"
        if title_case_number(t, r):
            return "code"  # "Formula One", "Xbox One X", "Haydn's Seven Last Words"
    return None


def _final_score(t: str, r: Mention) -> None:
    if is_final_score(t, r):
        r.kind = "score"  # "beat Charlton 2-1": a result, not an amount


def _street_number(t: str, r: Mention) -> None:
    if r.qualifier == "range" and STREET.match(t, r.end):
        r.kind = "address"  # "14-16 Elm Street"


def _fraction_of_unit(t: str, r: Mention) -> None:
    """ "1/16 of a US pint" = 1/16 pint; "half an hour", "half a mile"."""
    if r.unit is not None or not 0 < r.value < 1 or r.vague:
        return
    half = r.words and r.value == 0.5
    of = (_OF_A_HALF if half else _OF_A).match(t[r.end : r.end + 200])
    if not of:
        return
    hit = match_unit_after(t, r.end + of.end())
    if hit is not None:
        r.unit = hit[0]
        if half:
            r.end = hit[1]


def _counted(t: str, r: Mention) -> None:
    if r.counted is not None:
        return
    r.counted = counted_noun(t, r)
    more = _MORE_TIME.match(t, r.end) if r.unit is None else None
    if more:
        # "four more years", "15 extra minutes": the time unit, not a thing counted
        r.unit, r.counted = _TIME_WORDS[more.group(1).lower()], None


# The steps after the number and its unit, in order; each changes the mention in place.
_CASCADE: tuple[Callable[[str, Mention], None], ...] = (
    read_range,
    _final_score,
    read_left_context,
    _street_number,
    age_apposition,
    _fraction_of_unit,
    _counted,
)
_PREV_WORD = re.compile(r"([A-Za-z][\w.]*)\s$")
_OF_AFTER = r"(?:a|an|one)\s+(?:US\s+|U\.S\.\s+|imperial\s+)?"
_OF_A = re.compile(r"\s+(?:of\s+)" + _OF_AFTER)
_OF_A_HALF = re.compile(r"\s+(?:of\s+)?" + _OF_AFTER)


def _new_level(t: str, r: Mention) -> bool:
    """Is this bare amount the level reached ("to 4,577.10", "at 1,463.78")?"""
    return (
        r.kind == "quantity"
        and r.unit is None
        and r.counted is None
        and r.qualifier == "exact"
        and re.search(r"\b(?:to|at|of)\s$", t[max(0, r.start - 4) : r.start]) is not None
        # "won 9 of 11": a count out of a total, not a level
        and re.search(r"\d\s+of\s$", t[max(0, r.start - 8) : r.start]) is None
    )


__all__ = ["Figure", "NON_QUANTITY_KINDS", "QUALIFIERS", "extract_figures", "lemma"]
