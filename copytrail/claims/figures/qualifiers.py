"""Qualifiers ("more than", "about", "up to") and the direction of change ("rose 5%").

>>> from copytrail.claims.figures import extract_figures
>>> [(f.qualifier, f.change) for f in extract_figures("Sales fell more than 5% to $164.")]
[('more than', 'down'), ('exact', None)]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from copytrail.claims.figures.units import match_currency_before
from copytrail.claims.figures.wordlists import lexicon

if TYPE_CHECKING:
    from copytrail.claims.figures.extract import Figure
    from copytrail.claims.figures.mentions import Mention


QUALIFIERS = (
    "exact", "approximately", "more than", "at least", "less than", "at most", "up to",
    "range", "vague",
)  # fmt: skip

_QUALIFIER_WORDS: list[tuple[str, str]] = [(w, q) for w, q in lexicon()["qualifiers"]]
_QUALIFIER_RE = re.compile(
    r"(?:(?<=[\s(])|^)(?P<q>"
    + "|".join(re.escape(w) for w, _ in sorted(_QUALIFIER_WORDS, key=lambda x: -len(x[0])))
    + r")\s*$",
    re.IGNORECASE,
)
QUALIFIER_OF = {w: q for w, q in _QUALIFIER_WORDS}

_UP = " ".join(lexicon()["change_up"])
_DOWN = " ".join(lexicon()["change_down"])
CHANGE_WORDS = {w: "up" for w in _UP.split()} | {w: "down" for w in _DOWN.split()}
CHANGE_WORDS |= {"growth": "up", "hike": "up", "boost": "up", "increases": "up"}
CHANGE_WORDS |= {"loss": "down", "losses": "down", "reduction": "down", "cuts": "down"}
_CHANGE_BEFORE = re.compile(
    r"\b(?P<w>[A-Za-z]+)\s+(?:by\s+|of\s+)?(?:(?:a|an|just|only|some|about|around|nearly|almost|"
    r"roughly|more than|over|another|an additional|a further|a whopping|a record)\s+)*$",
    re.IGNORECASE,
)
_CHANGE_NOUN_AFTER = re.compile(
    r"\s*(?P<w>increase|rise|gain|jump|hike|boost|growth|surge|rebound|drop|fall|decline|"
    r"decrease|cut|loss|plunge|slump|reduction)\b",
    re.IGNORECASE,
)
_CHANGE_NOUNS = {
    "increase": "up", "rise": "up", "gain": "up", "jump": "up", "hike": "up", "boost": "up",
    "growth": "up", "surge": "up", "rebound": "up", "drop": "down", "fall": "down",
    "decline": "down", "decrease": "down", "cut": "down", "loss": "down", "plunge": "down",
    "slump": "down", "reduction": "down",
}  # fmt: skip


# An amount or a change just before "over": "£4.5bn over 10 years", "rose 20% over five years".
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|%|(?<=\d)(?:bn|m|mn|k)|\b(?:million|billion|trillion|percent|cent|points?)),?\s+$",
    re.IGNORECASE,
)


def _over_a_period(t: str, r: Mention, over_at: int) -> bool:
    """Is "over" + duration the span of an amount ("cost £4.5bn over 10 years"), not "more than"?

    >>> from copytrail.claims.figures import extract_figures
    >>> [(f.text, f.qualifier) for f in extract_figures("It will cost £4.5bn over 10 years.")]
    [('£4.5bn', 'exact'), ('10 years', 'exact')]
    >>> [(f.text, f.qualifier) for f in extract_figures("He has worked there for over 10 years.")]
    [('over 10 years', 'more than')]
    """
    if r.unit not in ("year", "month", "week", "day", "decade", "h", "min"):
        return False
    return _AMOUNT_BEFORE.search(t, max(0, over_at - 30), over_at) is not None


def read_left_context(t: str, r: Mention) -> None:
    """A sign, a glued prefix ("sub-7", "TA-35"), "minus" or a qualifier ("more than") before
    ``r``; a number glued to a word, a slash or a dot is a code."""
    head = t[max(0, r.start - 25) : r.start]
    if not r.words and r.start > 0:
        if t[r.start - 1] == "-":
            if _hyphen_before(t, r, head):
                return
        elif _glued_code_before(t, r):
            return
    if _MARGIN.search(head):
        return  # a margin of error, not a negative number
    if _MINUS_BEFORE.search(head):
        r.value, r.start = -r.value, r.start - 6
        return
    if r.qualifier == "exact":
        _qualifier_before(t, r, head)


def _hyphen_before(t: str, r: Mention, head: str) -> bool:
    """Signs and hyphen-glued prefixes: "-5 yards", "minus-5", "sub-7", "TA-35"; True when
    nothing more is read before ``r``."""
    w = _WORD_HYPHEN.search(head)
    if w:
        word = w.group(1).lower()
        if word == "sub":
            r.qualifier = "less than"
            r.start -= 4
        elif word == "minus":
            r.value, r.start = -r.value, r.start - 6
            r.low, r.high = (
                (-r.high if r.high is not None else None),
                (-r.low if r.low is not None else None),
            )
        elif word not in ("then", "now", "mid", "pre", "post", "and", "or", "to", "for", "of"):
            # ("3-for-10", "9-of-9": the second number of a shooting line counts too)
            r.kind = "code"
        return True
    if r.start >= 2 and t[r.start - 2].isdigit():
        r.kind = "code"  # the tail of "3888-2" or a "2-1" that was not read as a range
        return True
    if r.start >= 3 and t[r.start - 2] == " " and t[r.start - 3].isupper():
        r.kind = "code"  # "COVID -19"
        return True
    if r.start == 1 or t[r.start - 2] in " (\t\n":
        r.value = -r.value
        r.start -= 1
        if r.low is not None:
            r.low, r.high = -(r.high or 0), -r.low
            r.value = r.low  # "-5 to -12": from -12 to -5
    return False


def _glued_code_before(t: str, r: Mention) -> bool:
    """Is ``r`` glued to a word, a slash or a dot before it (a code or a label)?"""
    c = t[r.start - 1]
    if c.isalpha() or c in "&#":
        if match_currency_before(t, r.start) is None:
            r.kind = "code" if c != "#" else "part"
            return True
        return False
    if r.start > 1 and c == "/" and t[r.start - 2].isalnum():
        r.kind = "code"  # a part of "KLA/CIV/07/112/2021"
        return True
    if r.start > 1 and c in ".:" and t[r.start - 2].isdigit():
        r.kind = "code"  # the tail of "2.3.1" or "2:21-cv"
        return True
    if r.start > 2 and c == "." and t[r.start - 3 : r.start - 1].isupper():
        r.kind = "code"  # "VW ID.4": a model name written with a dot
        return True
    return False


def _qualifier_before(t: str, r: Mention, head: str) -> None:
    """ "more than", "about", "some", "over" before ``r`` (see :data:`QUALIFIERS`)."""
    qm = _QUALIFIER_RE.search(head)
    if not qm:
        return
    q = qm.group("q").lower()
    if q in ("over", "under", "above", "below", "some") and r.words and r.value < 2:
        return
    if q == "some" and not r.words and r.unit is None and r.counted is None:
        # The counted noun is read later; "Some 2,000 troops" is still approximate.
        from copytrail.claims.figures.counted import plural_soon  # counted imports this module

        if not plural_soon(t, r.end):
            return
    if q == "over" and _over_a_period(t, r, r.start - (len(head) - qm.start("q"))):
        return
    r.qualifier = QUALIFIER_OF[q]
    r.start = r.start - (len(head) - qm.start("q"))


_WORD_HYPHEN = re.compile(r"([A-Za-z]+)-$")
_MARGIN = re.compile(r"(?:plus or minus|±)\s*$", re.IGNORECASE)
_MINUS_BEFORE = re.compile(r"\bminus\s$", re.IGNORECASE)


def change_of(t: str, r: Mention) -> str | None:
    head = t[max(0, r.start - 40) : r.start]
    cm = _CHANGE_BEFORE.search(head)
    if cm and cm.group("w").lower() in CHANGE_WORDS:
        return CHANGE_WORDS[cm.group("w").lower()]
    an = _CHANGE_NOUN_AFTER.match(t, r.end)
    if an and r.unit is not None:
        return _CHANGE_NOUNS[an.group("w").lower()]
    return None


# --------------------------------------------------------------------------- from A to B
_FROM_END = re.compile(r"\bfrom\s+$", re.IGNORECASE)
# What may stand between the old level and "to": a few words, times and years ("from $36,040
# at 10.45pm last night to", "from 20 mpg in 2008 to"), but no clause punctuation.
_GAP_TO = re.compile(r"\s+(?:[\w.'’-]+\s+){1,5}to\s+")
_GAP_STOP = re.compile(r"[,;:()!?]|\.\s|\b(?:from|and|or|but|while)\b", re.IGNORECASE)


def join_change_ranges(text: str, figures: list[Figure]) -> list[Figure]:
    """Join the old and new level of one change into a range, as "from A to B" already is.

    "from A <when> to B" (with the same unit or counted noun on both sides, or none on B)
    states one change between two levels. Adjacent "from A to B" is read as a range by the
    reader itself; this pass joins the two figures when words of time or place stand
    between them.

    >>> from copytrail.claims.figures import extract_figures
    >>> [(f.low, f.high, f.unit) for f in extract_figures(
    ...     "The coin fell from $61,200 on Monday to $58,900 on Friday.")]
    [(58900.0, 61200.0, '$')]
    >>> [f.text for f in extract_figures("It fell from 20% in May, and to 5% by June.")]
    ['20%', '5%']
    """
    out: list[Figure] = []
    last = -1  # index in ``out`` of the last quantity
    for f in figures:
        joined = _joined(text, out[last], f) if last >= 0 else None
        if joined is not None:
            out[last] = joined
            continue
        out.append(f)
        if f.kind == "quantity":
            last = len(out) - 1
    return out


def _joined(text: str, a: Figure, b: Figure) -> Figure | None:
    from dataclasses import replace

    if b.kind != "quantity" or a.sentence_start != b.sentence_start:
        return None
    if a.qualifier != "exact" or b.qualifier not in ("exact", "approximately"):
        return None
    gap = text[a.end : b.start]
    if not _FROM_END.search(text, max(0, a.start - 6), a.start) or not _GAP_TO.fullmatch(gap):
        return None
    if _GAP_STOP.search(gap):
        return None
    if not (a.unit == b.unit or (b.unit is None and b.counted is None)):
        return None  # "from 21 mpg combined to 23": the new level may drop the unit
    if a.unit is None and a.counted != b.counted:
        return None
    low, high = min(a.value, b.value), max(a.value, b.value)
    return replace(
        a,
        end=b.end,
        text=text[a.start : b.end],
        value=low,
        low=low,
        high=high,
        qualifier="range",
        unit=a.unit or b.unit,
        counted=a.counted or b.counted,
        change=a.change or b.change,
        sentence_end=max(a.sentence_end, b.sentence_end),
    )


# --------------------------------------------------------------------------- A, B and C units
_LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|(?P<x>\s*[x×]\s*|\s+by\s+)")
_LENGTHS = frozenset("m cm mm km ft in yd mi".split())
_BARE = re.compile(r"(?:\d[\d,.]*|[A-Za-z]+(?:-[A-Za-z]+)?)")


def share_list_units(text: str, figures: list[Figure]) -> list[Figure]:
    """Bare numbers listed before a unit take that unit: "5, 10 and 15 percent", "6 x 4 m".

    The unit is written once, after the last number of the list; each earlier number is
    the same kind of amount. Only a plain number (no unit, counted noun or qualifier of its
    own) takes it, and only across a comma, "and" or "or".

    >>> from copytrail.claims.figures import extract_figures
    >>> [(f.value, f.unit) for f in extract_figures("Fees rise by 5, 10 and 15 percent.")]
    [(5.0, '%'), (10.0, '%'), (15.0, '%')]
    >>> [(f.value, f.unit) for f in extract_figures("He had 3 dogs and 2 kg of food.")]
    [(3.0, None), (2.0, 'kg')]
    """
    from dataclasses import replace

    out = list(figures)
    shared: set[int] = set()
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if (
            a.kind != "quantity"
            or b.kind != "quantity"
            or a.unit is not None
            or b.unit is None
            or a.counted is not None
            or a.qualifier not in ("exact", "approximately")
            or b.qualifier in ("range", "vague")
            or a.sentence_start != b.sentence_start
            or not _BARE.fullmatch(a.text)
            or not b.text[:1].isalnum()  # "5 and $10": the mark belongs to the second
        ):
            continue
        gap = _LIST_GAP.fullmatch(text, a.end, b.start)
        # A comma alone must be inside a list that ends in "and"/"or" ("5, 10 and 15%"):
        # in "Of those 500, 30% said" the 500 counts people.
        comma_only = gap is not None and not re.search(r"\b(?:and|or)\b", gap.group(0))
        if gap is None or (comma_only and not gap.group("x") and i + 1 not in shared):
            continue
        if gap.group("x") and b.unit not in _LENGTHS:
            continue  # "6 x 4 metres", "10 by 12 ft": the sides of one area
        # "27 and 29 years old": both are ages
        out[i] = replace(a, unit=b.unit, counted="age" if b.counted == "age" else None)
        shared.add(i)
    return out
