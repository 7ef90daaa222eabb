"""Units of measure and currencies that follow or precede a number in news text.

Each unit has one canonical name (a symbol where one is common: ``%``, ``km``, ``USD``) so the
same figure written as "40 percent" and "40%" compares equal. Counted things ("activists",
"homes") are *not* units; :mod:`copytrail.claims.figures` keeps those in ``counted``.

>>> match_unit_after("per cent of voters", 0)
('%', 8)
>>> match_unit_after("km/h winds", 0)
('km/h', 4)
>>> match_currency_before("cost US$ 5", 9)
('USD', 5)
"""

from __future__ import annotations

import re
from functools import lru_cache

from copytrail.claims.figures.wordlists import lexicon

_LEX = lexicon()
# canonical -> surface forms. Word forms match case-insensitively; short symbols/abbreviations
# (listed in _CASED) only match with the exact case, because "M", "m", "G", "in", "PS" mean
# different things in different cases.
_UNITS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _LEX["units"].items()}

# Surfaces that only match with this exact case.
_CASED = frozenset(_LEX["cased_surfaces"])
# Surfaces too ambiguous after a number unless glued to it ("5G", "2m", "10s"): "in" and
# "s" are ordinary words, "real"/"won" are verbs.
GLUED_ONLY = frozenset(_LEX["glued_only_surfaces"])

# Currency marks written before the number: "$5", "US$5", "£5", "RM79", "HK$ 3.7".
# "PS" and "Y=" are how £ and ¥ come out of ASCII transliteration (unidecode), common in
# scraped news archives.
CURRENCY_PREFIXES: dict[str, str] = dict(_LEX["currency_prefixes"])
# One capital glued to a number names a currency in some countries' press ("N500 billion" in
# Nigeria, "P5 billion" in the Philippines) but a model or grade elsewhere ("N95", "P45"), so
# these count as money only before a scale word (see ``scaled_currency_before``).
_SCALED_ONLY_PREFIXES: dict[str, str] = dict(_LEX["scaled_only_prefixes"])
# Symbols that may stand right after a number as well ("1,200€", "5 $").
CURRENCY_SUFFIX_SYMBOLS: dict[str, str] = dict(_LEX["currency_suffix_symbols"])

CURRENCIES = (
    frozenset(v for v in CURRENCY_PREFIXES.values())
    | {"cent", "GBX", "BTC"}
    | {c for c in _UNITS if c.isupper() and len(c) == 3 and c not in ("WAR",)}
)
TIME_UNITS = frozenset({"s", "min", "h", "day", "week", "month", "year", "decade", "century"})

# Words that make an ambiguous "pounds" or "30m" money, or keep it a weight or a length. The
# window is the sentence around the number (news rarely mixes the two senses in one sentence).
_MONEY_CUES = re.compile(
    r"[£$€]|\b(?:sterling|paid|pay|pays|paying|payment|cost|costs|costing|price[ds]?|worth|"
    r"fined?|fines|salary|salaries|wages?|budget|spend|spending|spent|fund(?:s|ed|ing)?|bill|"
    r"deal|sold|sell|bought|buy|raised?|raising|tax(?:es)?|fees?|profits?|revenues?|losses|"
    r"debts?|euros|dollars|cash|money|bonus|compensation|award(?:ed)?|settle(?:d|ment)?|"
    r"invest(?:ed|ment)?|donat(?:ed|ion)|grants?|loans?|penalty|bid|offer|transfer|"
    r"valued|valuation|turnover|income|earn(?:s|ed|ings)?|charged?|owed?|contract|"
    r"box office|gross(?:ed|es)?|takings)\b",
    re.IGNORECASE,
)
_WEIGHT_CUES = re.compile(
    r"\b(?:weigh(?:s|ed|ing|t|ts)?|heav(?:y|ier|iest)|light(?:er|est)|kg|kilos?|kilograms?|"
    r"lbs?|ounces?|stone|tons?|tonnes?|obes(?:e|ity)|diet|lift(?:s|ed|ing)?|bench|catch|"
    r"caught|fish|meat|beef|pork|chicken)\b",
    re.IGNORECASE,
)
_LENGTH_AFTER = re.compile(
    r"(?:-|\s+)(?:tall|high|long|wide|deep|away|above|below|under|metres?|meters?|from|"
    r"depth|race|sprint|freestyle|backstroke|breaststroke|butterfly|medley|hurdles|relay|"
    r"dash|final|heat|run|walk|swim)\b"
    r"|\s+in\s+[\d.:]+\s*(?:s|secs?|seconds?|mins?|minutes?)\b",  # a race time: "400m in 49s"
    re.IGNORECASE,
)


def _window(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 150)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min([*stops, end + 150])
    return text[max(0, left) : start] + " " + text[end:right]


def pounds_are_sterling(text: str, start: int, end: int, scaled: bool = False) -> bool:
    """Is "pounds" at ``text[start:end]`` money (GBP) rather than weight (lb)?

    "Pounds of" something is always a weight; otherwise money words in the same sentence
    (or a scale word: "2.5 million pounds") make it sterling unless weight words are there too.

    >>> s = "The firm paid 2.5 million pounds."
    >>> pounds_are_sterling(s, 14, 32, scaled=True)
    True
    >>> s = "The suspect weighed about 180 pounds."
    >>> pounds_are_sterling(s, 26, 36)
    False
    >>> s = "They recalled 2 million pounds of beef."
    >>> pounds_are_sterling(s, 14, 30, scaled=True)
    False
    """
    if re.match(r"\s+of\b", text[end : end + 5]):
        return False
    around = _window(text, start, end)
    if _WEIGHT_CUES.search(around):
        return False
    return scaled or _MONEY_CUES.search(around) is not None


def is_letter_code(text: str, start: int, end: int) -> bool:
    """Is "PS5" at ``text[start:end]`` letters and one digit naming a thing ("F1", "G7"), not
    £5 written with the transliterated pound sign "PS"?

    Only a word of price or amount right before makes it money: "costs PS5", "for PS5".

    >>> is_letter_code("The PS4 sold out.", 4, 7), is_letter_code("It cost PS5 a ticket.", 8, 11)
    (True, False)
    """
    if _PS_DIGIT.fullmatch(text, start, end) is None:
        return False
    # Only the word right before tells: "costs $299, while the PS4" still names a thing.
    return not _PRICE_BEFORE.search(text[max(0, start - 12) : start])


_PS_DIGIT = re.compile(r"PS\d")
_PRICE_BEFORE = re.compile(
    r"(?:\b(?:costs?|costing|paid|pay|for|at|worth|of|fee|priced?|just|only|from|to|"
    r"about|around|up|down|over|under|than)|[\d$£€])\s$",
    re.IGNORECASE,
)


def m_is_million(text: str, start: int, end: int) -> bool:
    """Is the "m" glued to a number at ``text[start:end]`` a million (money) and not metres?

    >>> m_is_million("The club spent 30m on new players.", 15, 18)
    True
    >>> m_is_million("The tower, which cost a lot, is 300m tall.", 32, 36)
    False
    >>> m_is_million("He won the 100m sprint.", 11, 15)
    False
    """
    if _LENGTH_AFTER.match(text, end):
        return False
    return _MONEY_CUES.search(_window(text, start, end)) is not None


_METRES_BEFORE = re.compile(r"m(?=[ \t-]+(?:tall|high|long|wide|deep|thick|across)\b)")


def spaced_metres(text: str, pos: int, in_parens: bool = False) -> tuple[str, int] | None:
    """A spaced "m" that can only be metres: "8 m high", "a 2.5 m tall statue".

    "m" apart from its number is usually a million ("5 m people") or a letter, so it is read
    as a length only before a word of size, or alone in parentheses after a number, where
    news gives a length in the other system ("260 ft (80 m)"; money keeps its currency mark).

    >>> spaced_metres("m tall statue", 0), spaced_metres("m people", 0)
    (('m', 1), None)
    >>> spaced_metres("m) tall", 0, in_parens=True)
    ('m', 1)
    """
    m = _METRES_BEFORE.match(text, pos)
    if m is None and in_parens and text[pos : pos + 2] == "m)":
        return ("m", pos + 1)
    return ("m", m.end()) if m else None


# Rate denominators: "$3,500 a month", "barrels per day", "$21.25 per square foot".
_PER = r"(?:\s*/\s*|\s+(?:a|an|per|each)\s+|\s+an?-|-an?-|\s*-?per-?)"


@lru_cache(maxsize=1)
def _unit_regexes() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    lookup: dict[str, str] = {}
    cased: list[str] = []
    folded: list[str] = []
    for canon, surfaces in _UNITS.items():
        for s in surfaces:
            # Short abbreviations keep their case: "Nm" (newton metres) is not "nm".
            if s in _CASED or len(s) <= 3 or s in GLUED_ONLY:
                lookup[s] = canon
                cased.append(s)
            else:
                lookup.setdefault(s.lower(), canon)
                folded.append(s)
    cased.sort(key=len, reverse=True)
    folded.sort(key=len, reverse=True)
    # A unit ends at a non-letter (so "5 mins" does not match "min" + "s" and "in" does
    # not match the start of "income").
    end = r"(?![A-Za-z0-9µ²³])"
    cased_re = re.compile("(?:" + "|".join(re.escape(s) for s in cased) + ")" + end)
    folded_re = re.compile(
        "(?:" + "|".join(re.escape(s) for s in folded) + ")" + end, re.IGNORECASE
    )
    return cased_re, folded_re, lookup


# Cased symbols that keep one meaning when a text is lower-cased ("8gb", "120hz", "65w"):
# scraped and social text often is. Ambiguous ones ("m", "g", "c") are left out.
_LOWER_SYMBOLS = {
    "gb": "GB", "mb": "MB", "tb": "TB", "hz": "Hz", "khz": "kHz", "mhz": "MHz", "ghz": "GHz",
    "mah": "mAh", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh", "kw": "kW",
    "gw": "GW", "mbps": "Mbps", "gbps": "Gbps", "w": "W", "mp": "MP",
}  # fmt: skip
_LOWER_RE = re.compile(
    "(?:" + "|".join(sorted(_LOWER_SYMBOLS, key=len, reverse=True)) + r")(?![A-Za-z0-9µ²³])"
)


def match_unit_at(text: str, pos: int) -> tuple[str, int] | None:
    """(canonical unit, end offset) of a unit starting exactly at ``pos``, longest first.

    >>> match_unit_at("GB of storage", 0), match_unit_at("gb of storage", 0)
    (('GB', 2), ('GB', 2))
    """
    cased_re, folded_re, lookup = _unit_regexes()
    best: tuple[str, int] | None = None
    for rx, key in ((folded_re, str.lower), (cased_re, str)):
        m = rx.match(text, pos)
        if m and (best is None or m.end() > best[1]):
            canon = lookup.get(key(m.group(0))) or lookup.get(m.group(0))
            if canon is not None:
                best = (canon, m.end())
    if best is None:
        low = _LOWER_RE.match(text, pos)
        if low:
            best = (_LOWER_SYMBOLS[low.group(0)], low.end())
    return best


def match_unit_after(text: str, pos: int, glued: bool = False) -> tuple[str, int] | None:
    """A unit (with an optional rate denominator) starting at ``pos``.

    ``glued`` says the unit touches the number ("5G", "2m"); one-letter units need that.

    >>> match_unit_after("barrels a day, up", 0)
    ('bbl/day', 13)
    >>> match_unit_after("in the city", 0) is None
    True
    """
    hit = match_unit_at(text, pos)
    if hit is None:
        return None
    canon, end = hit
    surface = text[pos:end]
    if not glued and (
        surface in GLUED_ONLY or (len(surface) == 1 and surface.isalpha() and surface not in "WV")
    ):
        return None
    if canon in ("%", "point", "pp", "bp"):
        rate = match_rate(text, end)
        if canon == "%" and rate is not None and rate[0] in ("year", "month", "week", "day"):
            return f"%/{rate[0]}", rate[1]  # "5% a year"
        return canon, end
    rate = match_rate(text, end)
    if rate is not None:
        return f"{canon}/{rate[0]}", rate[1]
    return canon, end


def match_currency_before(text: str, pos: int) -> tuple[str, int] | None:
    """(ISO-ish currency, start offset) of a currency mark ending at ``pos`` (spaces allowed).

    >>> match_currency_before("paid RM79", 7)
    ('MYR', 5)
    >>> match_currency_before("WORM79", 4) is None
    True
    """
    pos = min(pos, len(text))
    j = pos
    while j > 0 and text[j - 1] == " " and pos - j < 1:
        j -= 1
    for cand_end in (pos, j):
        for length in (5, 4, 3, 2, 1):
            s = cand_end - length
            if s < 0:
                continue
            mark = text[s:cand_end]
            code = CURRENCY_PREFIXES.get(mark)
            if code is None:
                continue
            # Letter marks must not be the tail of a longer word ("WORM79", "CARS 5").
            if mark[0].isalpha() and s > 0 and text[s - 1].isalnum():
                continue
            # A space between mark and digits is only fine for unambiguous marks.
            if cand_end != pos and mark in ("R", "PS", "S $", "C $"):
                continue
            return code, s
    return None


def scaled_currency_before(text: str, pos: int) -> tuple[str, int] | None:
    """A one-letter currency glued before a scaled amount: "N500 billion", "P5bn".

    The caller has seen the scale word; without one "N95" is a mask and "P45" a form.

    >>> scaled_currency_before("includes N500", 10)
    ('NGN', 9)
    >>> scaled_currency_before("an AN500", 5) is None
    True
    """
    if pos < 1 or (pos >= 2 and text[pos - 2].isalnum()):
        return None
    code = _SCALED_ONLY_PREFIXES.get(text[pos - 1])
    return (code, pos - 1) if code else None


def match_rate(text: str, pos: int) -> tuple[str, int] | None:
    """A rate denominator right after a currency amount: "$21.25 per square foot", "$5 a month".

    >>> match_rate(" per square foot.", 0)
    ('ft²', 16)
    >>> match_rate(" a share", 0)
    ('share', 8)
    """
    m = re.compile(_PER).match(text, pos)
    if not m or _NOT_RATE.match(text, m.end()):
        return None
    rate = match_unit_at(text, m.end())
    if rate is not None and rate[0] not in ("%", "point"):
        rsurface = text[m.end() : rate[1]]
        if rsurface not in GLUED_ONLY and len(rsurface) > 1:
            return rate
    w = re.compile(r"[A-Za-z]+").match(text, m.end())
    if w and w.group(0).lower() in _RATE_NOUNS:
        return w.group(0).lower(), w.end()
    return None


# "a week earlier", "a year ago" are times, not rates.
_NOT_RATE = re.compile(r"\w+\s+(?:earlier|later|ago|before|after|prior|since)\b")
_RATE_NOUNS = frozenset(
    "share head person capita barrel gallon game unit night seat ticket kilo litre liter".split()
)


_DOLLARS = frozenset({"$", "USD", "AUD", "CAD", "NZD", "HKD", "SGD"})


def unit_join(a: str | None, b: str | None) -> str | None | bool:
    """The unit of "A to B", or False when the two cannot be one range.

    >>> unit_join("$", "$/share"), unit_join("USD", "$"), unit_join("km", "mi")
    ('$/share', 'USD', False)
    """
    if a is None or b is None or a == b:
        return a or b
    if b.startswith(a + "/"):
        return b  # "$62 and $68 per share"
    if a in _DOLLARS and b.split("/")[0] in _DOLLARS:
        return a if a != "$" else b  # "US$89 to $93 billion"
    return False
