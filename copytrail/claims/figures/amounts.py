"""Amounts: what stands right of a number (scale, unit, currency, rate) and ranges.

:func:`extend_right` reads the multiplier ("2.5 million", "$2bn", "Rs 5 crore"), an age
("50-year-old"), a currency suffix or prefix, a unit ("30 km", "8GB") or a rate ("$5 a
month") after a number read by :func:`~copytrail.claims.figures.mentions.read_core`;
:func:`read_range` joins it with a second number into a range ("40 to 50 trucks",
"between $1bn and $1.5bn", "-3 to 4 degrees"). Both change the :class:`Mention` in place;
:func:`copytrail.claims.figures.extract_figures` runs them in its cascade.

>>> from copytrail.claims.figures.mentions import CANDIDATE, read_core
>>> t = "Losses of 10-15 million euros"
>>> r = read_core(t, CANDIDATE.search(t))
>>> extend_right(t, r); read_range(t, r)
>>> (t[r.start : r.end], r.low, r.high, r.unit)
('10-15 million euros', 10000000.0, 15000000.0, 'EUR')
"""

from __future__ import annotations

import re

from copytrail.claims.figures.counted import plural_soon
from copytrail.claims.figures.mentions import CANDIDATE, Mention, read_core
from copytrail.claims.figures.numbers import MULTIPLIERS, parse_digits
from copytrail.claims.figures.qualifiers import CHANGE_WORDS
from copytrail.claims.figures.units import (
    CURRENCIES,
    CURRENCY_SUFFIX_SYMBOLS,
    m_is_million,
    match_currency_before,
    match_rate,
    match_unit_after,
    pounds_are_sterling,
    scaled_currency_before,
    spaced_metres,
    unit_join,
)

_MULT_SPACED = re.compile(
    r"[ \t]*(?:-[ \t]*)?(?P<m>hundred|thousand|million|billion|trillion|mn|mln|bn|bln|bil|tn|trn|lakhs?|"
    r"crores?|ألف|آلاف|مليون|ملايين|مليار|مليارات|هزار|میلیون|میلیارد)s?\b",
    re.IGNORECASE,
)
_MULT_GLUED = re.compile(r"(?P<m>mln|mil|mn|bn|bln|bil|tn|trn|tr|k|K|m|M|b|B)(?![A-Za-z0-9])")
_ODD_STRONG = re.compile(r"(?:-|[ \t](?=odd\b))(?P<w>odd|strong|fold)\b(?=[ \t]+[a-z])", re.I)
_SIZE_AFTER = re.compile(
    r"[ \t-]+(?:tall|high|long|wide|deep|thick|across|hurdles|freestyle|backstroke|"
    r"breaststroke|butterfly|medley|relays?|sprints?|dash|steeplechase|races?|finals?|heats?)\b"
)
_CRORE = re.compile(r"[ \t]?(?:cr|Cr)\b")
_AGE = re.compile(r"[ \t-]*(?P<u>year|month|week|day)s?[ \t-]*olds?\b", re.IGNORECASE)
_PLUS = re.compile(r"(?:\+|-plus\b)(?![ \t]*[\d(])(?=[\s.,;:)!?]|$)")
_SCREEN_AFTER = re.compile(
    r"\s+(?:UHD\s+|HDR\s+|OLED\s+|smart\s+|Smart\s+)*(?:TVs?|televisions?|monitors?|displays?|"
    r"screens?|video|resolution|projectors?|cameras?|streams?|streaming|content|gaming)\b"
)
_AND_A_HALF = re.compile(r"[ \t]+and[ \t]+a[ \t]+half\b(?![ \t-]+(?:million|billion|dozen))", re.I)
# "between" right before a range's first number; a paragraph break is never crossed.
_BETWEEN_BEFORE = re.compile(r"\bbetween(?:[ \t]+|[ \t]*\n[ \t]*)$", re.IGNORECASE)
_CONNECT = re.compile(r"[ \t]*(?P<c>-to-|-|–|—|up to|to|and|or|through)[ \t]*(?=\S)", re.IGNORECASE)


def extend_right(t: str, r: Mention) -> None:
    """Multiplier, age, unit, currency suffix and rate after the number.

    The steps, in reading order: a currency sign before the number, a scale word ("million",
    "bn", "cr"), "dozen", a floor or approximation mark ("+", "-odd"), "and a half", then the
    first of :data:`_SUFFIX_READERS` that reads what follows (a currency before the number
    wins over all of them).
    """
    currency = match_currency_before(t, r.start) if not r.words else None
    sign_cur = None
    if currency is None and r.start >= 2 and t[r.start - 1] == "-" and not r.words:
        sign_cur = match_currency_before(t, r.start - 1)
    has_cur = currency is not None or sign_cur is not None
    e = _read_multiplier(t, r, r.end, currency, has_cur)
    if r.mult >= 1e6 and not has_cur and not r.words:
        currency = scaled_currency_before(t, r.start)  # "N500 billion": naira
    if r.mult != 1.0:
        _scale(t, r)
    r.end = _read_marks(t, r, e)
    if not r.words and not r.vague and r.mult == 1 and r.frac == 0 and r.value == int(r.value):
        half = _AND_A_HALF.match(t, r.end)
        if half:
            r.value += 0.5  # "age 59 and a half", "6 and a half years"
            r.end = half.end()
    # vague "of thousands"/"of dollars" continue below via counted/unit
    if currency is not None or sign_cur is not None:
        _currency_before(t, r, currency or sign_cur, negative=sign_cur is not None)  # type: ignore[arg-type]
        return
    for reader in _SUFFIX_READERS:
        if reader(t, r):
            return


def _read_multiplier(
    t: str, r: Mention, e: int, currency: tuple[str, int] | None, has_cur: bool
) -> int:
    """Set ``r.mult`` from a scale word at ``e``; the end of what was read."""
    mm = _MULT_SPACED.match(t, e)
    crore = _CRORE.match(t, e) if currency is not None and currency[0] == "INR" else None
    if crore:
        r.mult = 1e7  # "Rs 4,500 cr": Indian copy shortens crore after a rupee amount
        return crore.end()
    if mm and not r.vague:
        r.mult = _multiplier(mm.group("m"))
        e = mm.end()
        # Stacked scale words: "2.5 lakh crore" (2.5e12 rupees), "a thousand million".
        m2 = _MULT_SPACED.match(t, e)
        if m2 and r.mult < 1e6 and _multiplier(m2.group("m")) >= 1e6:
            r.mult *= _multiplier(m2.group("m"))
            e = m2.end()
        return e
    if r.words or r.vague:
        return e
    gm = _MULT_GLUED.match(t, e)
    if gm and _glued_multiplier(t, r, gm, has_cur):
        r.mult = MULTIPLIERS[gm.group("m")]
        return gm.end()
    return e


def _glued_multiplier(t: str, r: Mention, gm: re.Match[str], has_cur: bool) -> bool:
    """Is a letter glued to the digits ("25K", "2.7m", "$2bn") a scale, not a unit or code?"""
    mult = gm.group("m")
    after = gm.end() + (t[gm.end() : gm.end() + 1] == "+")  # "1m+ people"
    if mult in ("K", "b", "B") and not has_cur and not plural_soon(t, after):
        return False  # "4K" is a resolution and "2B" a code; "25K runners" is a count
    if mult == "K" and r.value in (2, 4, 5, 6, 8) and _SCREEN_AFTER.match(t, after):
        return False  # "4K TVs": a resolution even before a plural
    four_digits = _FOUR_DIGITS.fullmatch(t, r.start, r.end)
    if mult == "M" and not has_cur and four_digits and not plural_soon(t, after):
        return False  # "GeForce 3070M": four bare digits before "M" name a model
    if mult != "m" or has_cur:
        return True
    if _SIZE_AFTER.match(t, gm.end()):
        # "the dam is 120m tall and holds", "the 400m hurdles": a size or a race
        return False
    if plural_soon(t, after):
        return True
    # "37m" is metres unless counting something ("2.7m people") or spending money ("the
    # club spent 30m"; see units.m_is_million).
    return m_is_million(t, r.start, gm.end()) or (
        t[gm.end() : gm.end() + 1] == " "
        and match_unit_after(t, gm.end() + 1) is not None  # "9.5m b/d", "20m years"
    )


def _scale(t: str, r: Mention) -> None:
    """Multiply the value and bounds by the scale read (the digits re-read as decimals)."""
    if not r.words:
        body = t[r.start : r.end].rstrip("½⅓⅔¼¾⅛⅜⅝⅞ ")
        v = parse_digits(body, decimal_hint=True)
        r.value = v + r.frac if v is not None else r.value
    r.value *= r.mult
    if r.low is not None:
        r.low *= r.mult
    if r.high is not None:
        r.high *= r.mult


def _read_marks(t: str, r: Mention, e: int) -> int:
    """ "2 dozen", "10k+", "the 100-plus staff", "20-odd", "5,000-strong": the new end."""
    dz = _DOZEN.match(t, e, e + 200)
    if dz and not r.words:
        r.value *= 12
        e = dz.end()
    # "10k+ signatures", "the 100-plus staff": a floor, like "more than"
    plus = _PLUS.match(t, e)
    if plus and not r.vague:
        r.qualifier = "more than"
        return plus.end()
    tail = _ODD_STRONG.match(t, e)
    if tail and not r.vague:
        # "20-odd vessels" is about 20; "a 5,000-strong crowd" counts the crowd.
        if tail.group("w").lower() == "odd":
            r.qualifier = "approximately"
        elif tail.group("w").lower() == "fold":
            r.counted = "time"  # "a hundred-fold increase", like "tenfold"
        return tail.end()
    return e


def _currency_before(t: str, r: Mention, currency: tuple[str, int], negative: bool) -> None:
    """A currency sign or code before the number ("$5", "-$3", "Rs 40") and a rate after it."""
    code, cstart = currency
    r.unit = code
    if negative:
        r.value = -r.value
    r.start = cstart
    rate = match_rate(t, r.end)
    if rate is not None:
        r.unit = f"{code}/{rate[0]}"
        r.end = rate[1]


def _korean_won(t: str, r: Mention) -> bool:
    """ "3.2 trillion won": after a scale word "won" is Korea's currency, not a verb."""
    won = _WON.match(t, r.end, r.end + 8) if r.mult >= 1e6 else None
    if won:
        r.unit, r.end = "KRW", won.end()
    return won is not None


def _age(t: str, r: Mention) -> bool:
    """ "a 50-year-old": an age in years (or months, weeks, days)."""
    age = _AGE.match(t, r.end)
    if age:
        r.unit = age.group("u").lower()
        r.counted = "age"
        r.end = age.end()
    return age is not None


def _currency_suffix(t: str, r: Mention) -> bool:
    """A currency symbol written after the number: "5€", "20 ₽"."""
    sym = t[r.end : r.end + 2]
    for k in (2, 1):
        code = CURRENCY_SUFFIX_SYMBOLS.get(sym[:k].strip()) if sym[:k].strip() else None
        if code and (k == 1 or sym[0] == " "):
            r.unit = code
            r.end += k
            return True
    return False


def _vague_of(t: str, r: Mention) -> bool:
    """ "thousands of dollars", "hundreds of miles": the unit after "of" (and nothing else)."""
    if not r.vague:
        return False
    of = _OF.match(t, r.end, r.end + 200)
    if not of:
        return False
    u = match_unit_after(t, of.end())
    if u is not None and u[0] in CURRENCIES | {"$"} or (u and u[0] in ("mi", "km", "year", "t")):
        r.unit, r.end = u
    return True


def _unit(t: str, r: Mention) -> bool:
    """A unit after the number, glued ("8GB"), hyphenated ("10-percent") or spaced ("30 km")."""
    p = r.end
    glued = p < len(t) and t[p].isalpha()
    hyphen = t[p : p + 1] == "-" and not r.vague
    q = p + 1 if hyphen else p
    if not glued and not hyphen:
        q = p + (t[p : p + 1] in (" ", "\t"))
    hit = match_unit_after(t, q, glued=glued)
    if hit is None and not glued and not hyphen:
        # "a wave 8 m high", "260 ft (80 m)": "m" alone is metres only before "high"
        hit = spaced_metres(t, q, in_parens=t[r.start - 1 : r.start] == "(")
    if hit is None or (hyphen and hit[0] == "%" and not t[q : q + 1].isalpha()):
        # "a 10-percent rise" is 10 %; a bare "-%" after a hyphen is no unit
        return False
    if not (t[q : hit[1]] == "in." and not glued):  # a spaced "in." ends a sentence
        _set_unit(t, r, q, hit, hyphen)
    return True


def _set_unit(t: str, r: Mention, q: int, hit: tuple[str, int], hyphen: bool) -> None:
    """Give ``r`` the unit read at ``q``, with what the unit itself changes."""
    unit, end = hit
    r.unit, r.end = unit, end
    if unit == "GBX" and t[q:end] == "p" and r.value in (360, 480, 720, 1080, 1440, 2160):
        r.kind = "code"  # "shot in 1080p": a video resolution, not pence
        return
    half = _AND_A_HALF.match(t, end) if not r.vague else None
    if half and r.frac == 0 and float(r.value).is_integer():
        r.value += 0.5  # "two hours and a half", "one mile and a half"
        r.end = end = half.end()
    if unit == "lb" and t[q:end].lower().startswith("pound"):
        if pounds_are_sterling(t, r.start, end, scaled=r.mult != 1.0):
            r.unit = "GBP"  # "paid 2.5 million pounds": sterling, not weight
    if hyphen and (size := _SIZE_WORD.match(t, end, end + 200)):
        r.end = size.end()  # "a 10-km-long tunnel"


def _factor(t: str, r: Mention) -> bool:
    """ "grew 3x": a factor, like "threefold" ("777x jets" names a model: factors are small)."""
    times = _TIMES.match(t, r.end, r.end + 2)
    if times and not r.vague and not (r.value >= 200 and float(r.value).is_integer()):
        r.end, r.counted = r.end + 1, "time"
        return True
    return False


def _glued_code(t: str, r: Mention) -> bool:
    """Letters glued to a number that are not a unit or multiplier: "9AB8", "3D", "4K"."""
    w = _LETTERS.match(t, r.end, r.end + 200)
    if w and w.group(0).lower() != "s":
        r.kind = "code"
        r.end = w.end()
    return True


# What may follow a number with no currency before it, in order; the first reader that
# recognises something ends the reading.
_SUFFIX_READERS = (_korean_won, _age, _currency_suffix, _vague_of, _unit, _factor, _glued_code)
_DOZEN = re.compile(r"\s+dozen\b")
_WON = re.compile(r"\s+won\b")
_OF = re.compile(r"\s+of\s+")
_FOUR_DIGITS = re.compile(r"\d{4,}")
_SIZE_WORD = re.compile(r"-(?:long|high|wide|deep|tall|old)\b")
_TIMES = re.compile(r"[x×](?![A-Za-z0-9])")
_LETTERS = re.compile(r"[A-Za-z]+")


def _multiplier(word: str) -> float:
    w = word.lower()
    return MULTIPLIERS[w if w in MULTIPLIERS else w.rstrip("s")]


def read_range(t: str, r: Mention) -> None:
    """Join ``r`` with a second number into a range: "40 to 50", "between $1bn and $1.5bn".

    The steps: the connector and the word before the first number (:func:`_connector`), the
    second number with its sign or currency mark (:func:`_second_number`), a height written as
    a range ("6-foot-7"), the tests that the two numbers make one amount (:func:`_one_amount`),
    then the bounds.
    """
    if r.kind != "quantity" or r.vague or r.counted == "time" or t[r.start : r.end] == "half":
        # A factor ("grew sixfold to $3.7bn") or a share ("fell by half to $2bn") is never
        # the low end of an amount.
        return
    found = _connector(t, r)
    if found is None:
        return
    c, conn, prev, minus = found
    # "from -5 to -12 degrees": the second number keeps its sign when the first has one
    signed = conn in ("to", "through") and _signed(t, r)
    second = _second_number(t, c.end(), signed, minus)
    if second is None:
        return
    m, negative = second
    if m.lastgroup not in ("digits", "words") or (
        m.lastgroup == "words" and not r.words and conn != "to"
    ):
        return
    other = read_core(t, m)
    if other is None or other.kind != "quantity":
        return
    if negative:
        other.value, other.start = -other.value, c.end()
    if r.unit == "ft" and conn == "-" and t[r.start : r.end].endswith("foot"):
        _height(t, r, other)
        return
    extend_right(t, other)
    unit = _one_amount(t, r, other, conn, prev)
    if unit is False:
        return
    lo = r.value
    o_mult, r_mult = other.mult * other.scale, r.mult * r.scale
    if r_mult == 1.0 and o_mult != 1.0 and lo * o_mult <= other.value * 10:
        lo *= o_mult  # "2 to 3 million": the scale of the second end is the first's too
    if signed or minus:
        # "-3 to 4 degrees", "-5 to -12": each end keeps its sign
        lo, r.start = -lo, r.start - (1 if signed else 6)
    _set_range(t, r, other, lo, unit, prev)


def _set_range(t: str, r: Mention, other: Mention, lo: float, unit: object, prev: str) -> None:
    """Make ``r`` the range from ``lo`` to ``other``."""
    hi = other.value
    r.low, r.high = min(lo, hi), max(lo, hi)
    r.value = r.low
    r.unit = unit if isinstance(unit, str) else None
    r.end = other.end
    r.qualifier = "range"
    r.counted = other.counted
    if prev == "between":
        # The word right before the first number, in any case ("Between 200 and 300" opens a
        # sentence). A search for lower-case "between" anywhere to the left found none there,
        # or one in an earlier sentence, and the span then swallowed the sentences between.
        bw = _BETWEEN_BEFORE.search(t, max(0, r.start - 12), r.start)
        if bw is not None:
            r.start = bw.start()


def _signed(t: str, r: Mention) -> bool:
    """Does a minus sign (not a hyphen joining a word) stand before the digits of ``r``?"""
    return (
        not r.words
        and t[r.start - 1 : r.start] == "-"
        and (r.start == 1 or t[r.start - 2] in " (\t\n")
    )


def _connector(t: str, r: Mention) -> tuple[re.Match[str], str, str, bool] | None:
    """The range connector after ``r`` ("to", "-", "and" after "between"...), the word before
    the first number and whether that word is "minus"; None when no range can follow."""
    c = _CONNECT.match(t, r.end)
    if not c:
        return None
    conn = c.group("c").lower()
    if conn == "-" and c.group(0)[:1].isspace() and not c.group(0)[-1:].isspace():
        return None  # "225.86 -12.99 -5.44%": a sign before the next number, not a range
    before = t[max(0, r.start - 20) : r.start].lower().split()
    # "between minus 5 and minus 10 degrees": both ends are below zero
    minus = bool(before) and before[-1] == "minus" and t[r.start - 1 : r.start] == " "
    if minus:
        before = before[:-1]
    prev = before[-1] if before else ""
    if conn == "and" and prev != "between":
        return None
    if conn == "up to":
        if prev != "from":
            return None  # "from 450 sq ft up to 900 sq ft" is a range; "5 up to 9" is not said
        conn = "to"
    return c, conn, prev, minus


def _second_number(t: str, p: int, signed: bool, minus: bool) -> tuple[re.Match[str], bool] | None:
    """The candidate of the range's second number at ``p`` and whether it is negative."""
    m = CANDIDATE.match(t, p)
    negative = m is None and signed and t[p : p + 1] == "-"
    if negative:
        m = CANDIDATE.match(t, p + 1)
    minus_word = _MINUS.match(t, p, p + 8) if minus else None
    if minus_word and m is None:
        negative, m = True, CANDIDATE.match(t, minus_word.end())
    if m is None:
        # "$89 to $93 billion": a currency mark before the second number
        cm = _CURRENCY_MARK.match(t, p, p + 200)
        if not cm:
            return None
        m = CANDIDATE.match(t, cm.end())
        if m is None:
            return None
    if m.lastgroup == "outof" and m.group(0)[:1].isdigit():
        # "beat them 5-3 in 10 innings": the score ends at the 3, "3 in 10" is no ratio.
        digits = _DIGIT_RUN.match(t, m.start(), m.start() + 30)
        m = CANDIDATE.match(t, m.start(), digits.end()) if digits else None
        if m is None:
            return None
    return m, negative


def _height(t: str, r: Mention, other: Mention) -> None:
    """A height: "6-foot-7" is 6 ft 7 in, not a range from 6 to 7 feet."""
    if other.value < 12 and float(other.value).is_integer():
        inch = _INCH.match(t, other.end, other.end + 9)
        r.value += other.value / 12
        r.end = other.end + (inch.end() - other.end if inch else 0)


def _one_amount(t: str, r: Mention, other: Mention, conn: str, prev: str) -> str | bool | None:
    """The range's unit when ``r`` and ``other`` are the two ends of one amount, else False."""
    if other.kind != "quantity":
        return False
    if (
        _YEAR.fullmatch(t, other.start, other.end)
        and other.unit is None
        and not 1500 <= r.value <= 2100
        and not plural_soon(t, other.end)
    ):
        return False  # "grew over 3 years to 2020": the second number is a year
    if conn == "or" and not (
        r.words
        and other.words
        or max(r.value, other.value / (other.mult * other.scale)) <= 12
        and r.mult == 1
        and r.unit is None
    ):
        # "three or four years", "2 or 3 million dollars" are ranges; "25k or 40k" are two
        # figures
        return False
    if conn in ("to", "through", "or"):
        if r.unit is not None and (prev == "by" or prev in CHANGE_WORDS):
            return False  # "increased by $43.6bn to $419.2bn": a change and a new level
        if not (prev in ("from", "between") or r.unit is None or unit_join(r.unit, other.unit)):
            return False
    return unit_join(r.unit, other.unit)


_MINUS = re.compile(r"minus[ \t]+", re.I)
_CURRENCY_MARK = re.compile(r"(?:US\s?\$|\$US|[A-Z]{1,3}\s?\$|\$|€|£|¥|PS|Y=|RM)\s?")
_DIGIT_RUN = re.compile(r"\d+")
_INCH = re.compile(r"(?:-inch(?:es)?\b|\s+inch(?:es)?\b)?")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")


__all__ = ["extend_right", "read_range"]
