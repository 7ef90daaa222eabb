"""Mentions: one number read at one position, before it becomes a ``Figure``.

``CANDIDATE`` finds where a number may start (digits, number words, fractions, vague plurals);
``read_core`` reads the number itself into a :class:`Mention`, with no context to its right
beyond what the number needs ("a quarter *of a million*", "1.99×10^30", "3/4").

>>> m = CANDIDATE.search("about two hundred and five people")
>>> r = read_core("about two hundred and five people", m)
>>> (r.start, r.end, r.value, r.words)
(6, 26, 205.0, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from copytrail.claims.figures.counted import STOP_WORDS, plural_soon
from copytrail.claims.figures.numbers import (
    FRACTION_WORDS,
    ORDINAL_WORDS,
    SCALE_WORDS,
    VULGAR_FRACTIONS,
    fraction_value,
    parse_digits,
    words_value,
)
from copytrail.claims.figures.patterns import word_trie
from copytrail.claims.figures.units import match_unit_after

# --------------------------------------------------------------------------- patterns
_NUMWORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen)"
)
_SHARE_VERBS = (
    r"said|say|says|were|are|was|have|has|had|came|come|want|wanted|think|thought|believe|"
    r"believed|support|supported|agree|agreed|prefer|preferred|oppose|opposed|voted|will|would"
)
_SCALE = r"(?:hundred|thousand|million|billion|trillion|dozen)"
_FRACWORD = "|".join(sorted(FRACTION_WORDS, key=len, reverse=True))
_ORDWORD = "|".join(sorted((w for w in ORDINAL_WORDS if w != "second"), key=len, reverse=True))
_DIGITS = (
    r"(?:\d{1,3}(?P<sep>[,.' ])\d{3}(?![0-9])(?:(?P=sep)\d{3}(?![0-9])){0,5}(?:[.,]\d{1,12})?"
    r"|\d{1,24}(?:[.,]\d{1,12})?|(?<![\w.,])[.,]\d{1,12})"
)
CANDIDATE = re.compile(
    # Cheap guard first: a candidate starts at a digit, a fraction sign or a word start.
    r"(?:(?=[0-9.,½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])|\b(?=[A-Za-z]))(?:"
    r"(?P<vague>\b(?:(?:tens|hundreds|dozens|scores)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:several|a\s+few)\s+(?:hundred|thousand|million|billion|dozen)"
    r"(?:\s+(?:thousand|million|billion))?"
    r"|a\s+couple\s+(?:of\s+)?(?:hundred|thousand|million|billion|dozen)"
    r"|scores(?=\s+of\s+[a-z])"
    r"|(?:hundreds|thousands|millions|billions|dozens)"
    r"|(?:10|100)s\s+of\s+(?:thousands|millions|billions)|(?:10|100|1,?000|10,?000)s(?=\s+of\s))\b)"
    r"|(?P<frac>\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]+"
    rf"(?:{_FRACWORD})\b(?!-))"
    rf"|(?P<outof>\b(?:\d{{1,3}}|{_NUMWORD})(?:\s+|-)(?:out[\s-]+of|in(?:\s+every)?)(?:\s+|-)"
    rf"(?:\d{{1,3}}|{_NUMWORD})\b(?![.,]\d))"
    rf"|(?P<fold>\b(?:\d{{1,4}}|{_NUMWORD})-?fold\b)"
    # "a half-dozen staffers", "a quarter-of-a-million people", "a half-hour later"
    r"|(?P<halfscale>\b(?:an?[\s-]+)?(?:half|quarter)-(?:of-)?(?:an?-)?"
    r"(?:dozen|hundred|thousand|million|billion|trillion|hour|century)\b)"
    r"|(?P<half>\bhalf\b(?!\s+an?\s+(?:hundred|thousand|million|billion|dozen)\b)"
    r"(?=\s+(?:of|the|a|an|its|their|his|her|our|all|which)\b)"
    # "fell by half", "more than half since 2010": a share of a change, with nothing after
    r"|(?:(?<=\bby )|(?<=\bthan )|(?<=\bnearly )|(?<=\balmost )|(?<=\babout )"
    r"|(?<=\bover )|(?<=\bunder )|(?<=\broughly )|(?<=\bshy of ))half\b"
    r"(?=\s*(?:[.,;:!?)—–]|$|\s(?:to|in|since|from|over|last|this|compared|between)\b))"
    # "Nearly half said", "after half said so", "half those who met him": a share of the
    # people just named, standing before its verb
    rf"|half(?=\s+(?:those|these|them|{_SHARE_VERBS})\b))"
    rf"|(?P<words>\b(?:(?:a|an|half\s+an?)\s+(?={_SCALE}\b))?{_NUMWORD}(?:-{_NUMWORD})?"
    rf"(?:(?:\s+|\s*-\s*|[\s-]+and[\s-]+(?=(?:a[\s-]+half|{_NUMWORD})\b))"
    rf"(?:a[\s-]+half|{_NUMWORD}(?:-{_NUMWORD})?)){{0,12}}"
    r"(?:\s+point(?:\s+(?:zero|one|two|three|four|five|six|seven|eight|nine))+)?\b)"
    rf"|(?P<ordword>\b(?:{_ORDWORD})\b)"
    rf"|(?P<digits>(?<![0-9]){_DIGITS}(?P<vulgar> ?[½⅓⅔¼¾⅛⅜⅝⅞])?)"
    r"|(?P<vulgaronly>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]))",
    re.IGNORECASE,
)

# Where a candidate can start: a digit, a fraction sign, a decimal point before a digit, or a
# word that opens one of CANDIDATE's branches (a prefix is enough: "tenant" is tried and fails).
# Searching this first skips the words that cannot start a number, where CANDIDATE's long
# alternation would otherwise be tried at every word of a paragraph.
_STARTS = re.compile(
    r"[0-9½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]|[.,](?=\d)|\b(?:an?\b|"
    + word_trie(
        "half quarter tens hundreds dozens scores several thousands millions billions".split()
        + _NUMWORD[3:-1].split("|")
        + _ORDWORD.split("|")
    )
    + ")",
    re.IGNORECASE,
)


def next_candidate(t: str, pos: int = 0) -> re.Match[str] | None:
    """The same match as ``CANDIDATE.search(t, pos)``, tried only where a number can start.

    >>> next_candidate("The tenant paid twenty-one pounds.").group(0)
    'twenty-one'
    >>> next_candidate("No figures here, none at all.") is None
    True
    """
    while (s := _STARTS.search(t, pos)) is not None:
        m = CANDIDATE.match(t, s.start())
        if m is not None:
            return m
        pos = s.start() + 1
    return None


# After "a third", "a fifth" ...: a content word (not "of", a unit or a function word)
# makes the word an ordinal ("a third term", "a third and final term", "a fifth straight
# loss"); "a third of voters", "rose by a third." and "a quarter point" stay fractions.
_ORDINAL_USE = re.compile(
    r"(?<=third|ourth|fifth|sixth|venth|ighth|ninth|tenth)"
    r"(?:\s+and\s+(?:final|last)\b|\s+(?!(?:of|to|in|on|at|for|from|by|since|than|and|or|"
    r"more|less|fewer|the|a|an|its|their|his|her|percent|per|percentage|points?|mile|hour|"
    r"century|inch|cup|teaspoon|pound|ounce|gallon|acre|were|was|are|is|have|has|had|said|say|"
    r"says|do|did|who|which|that|will|would|could|can|may|might|should|must)\b)[a-z]+)",
    re.IGNORECASE,
)
_MIXED_FRACTION = re.compile(r" (\d{1,2})/(2|3|4|8|16)(?![\d/])")
_FRACTION_OF_SCALE = re.compile(
    r"\s+of\s+an?\s+(hundred|thousand|million|billion|trillion)\b", re.I
)
# The exponent needs a mark: a caret, "**", superscript digits or a sign ("1.99×10−30" after
# the superscripts were lost); "1920x1080" is a screen size, not 1920 × 10^80.
_SCI = re.compile(
    r"\s*[×x*]\s*10\s*(?:(?:\^|\*\*)\s*(?P<e>[-+−]?\d{1,3})|(?P<s>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"|(?P<n>[-−]\d{1,3}))(?![\d.,])"
)
_E_NOTATION = re.compile(r"[eE](?P<e>[-+−]?\d{1,3})(?![\w.,])")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺−", "0123456789-+-")

_ONE_NOT_AFTER = frozenset(
    "each every any no which same on another anyone someone this that".split()
)
_ONE_NOT_BEFORE = frozenset("another 's ’s day thing way".split())
_DETS = frozenset("the a an his her its their our my your these those this that all".split())


@dataclass
class Mention:
    """A number read at one position, before it becomes a Figure."""

    start: int
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    mult: float = 1.0
    scale: float = 1.0  # scale word ending a spelled-out number ("five thousand")
    frac: float = 0.0  # vulgar fraction glued to digits ("2½")
    vague: bool = False
    words: bool = False
    counted: str | None = None
    kind: str = "quantity"
    qualifier: str = "exact"


def read_core(t: str, m: re.Match[str]) -> Mention | None:
    """The number of a :data:`CANDIDATE` match, read by the reader of its branch (or None)."""
    return _READERS[m.lastgroup or "digits"](t, m)


def _read_vague(t: str, m: re.Match[str]) -> Mention | None:
    return _vague(m.group(0), m.start(), m.end())


def _read_fraction(t: str, m: re.Match[str]) -> Mention | None:
    """ "two-thirds", "a quarter", "a quarter of a million"."""
    s, e = m.start(), m.end()
    parts = _SPACE_OR_HYPHEN.split(m.group(0))
    v = fraction_value(parts[0], parts[-1])
    if v is None:
        return None
    of = _FRACTION_OF_SCALE.match(t, e)
    if of:  # "a quarter of a million"
        return Mention(s, of.end(), v * SCALE_WORDS[of.group(1).lower()], words=True)
    if parts[0].lower() in ("a", "an") and _ORDINAL_USE.match(t, e):
        return None  # "a third term", "a fifth straight win": an ordinal, not a share
    return Mention(s, e, v, words=True)


def _read_out_of(t: str, m: re.Match[str]) -> Mention | None:
    """ "three out of four", "1 in 5": a share."""
    a, b = _OUT_OF.split(m.group(0))
    num = parse_digits(a) if a[0].isdigit() else words_value([a])
    den = parse_digits(b) if b[0].isdigit() else words_value([b])
    if num is None or not den or num >= den:
        return None
    return Mention(m.start(), m.end(), num / den, words=True)


def _read_fold(t: str, m: re.Match[str]) -> Mention | None:
    """ "tenfold", "3-fold": a factor."""
    n = m.group(0)[:-4].rstrip("-")
    v = parse_digits(n) if n[0].isdigit() else words_value([n])
    return None if v is None else Mention(m.start(), m.end(), v, words=True, counted="time")


def _read_half_scale(t: str, m: re.Match[str]) -> Mention | None:
    """ "a half-dozen", "a quarter-of-a-million", "a half-hour"."""
    s, e = m.start(), m.end()
    parts = m.group(0).lower().replace(" ", "-").split("-")
    share = 0.5 if "half" in parts else 0.25
    if parts[-1] in ("hour", "century"):
        return Mention(s, e, share, words=True, unit="h" if parts[-1] == "hour" else "century")
    scale = 12.0 if parts[-1] == "dozen" else SCALE_WORDS[parts[-1]]
    return Mention(s, e, share * scale, words=True)


def _read_half(t: str, m: re.Match[str]) -> Mention | None:
    """ "half of voters", "fell by half" (not "the second half", "a half")."""
    s = m.start()
    before = t[max(0, s - 12) : s].lower().split()
    if before and (before[-1] in ORDINAL_WORDS or before[-1] in ("the", "second", "a")):
        return None
    return Mention(s, m.end(), 0.5, words=True)


def _read_words(t: str, m: re.Match[str]) -> Mention | None:
    return _number_words(t, m.group(0), m.start(), m.end())


def _read_ordinal(t: str, m: re.Match[str]) -> Mention | None:
    return Mention(m.start(), m.end(), float(ORDINAL_WORDS[m.group(0).lower()]), kind="ordinal")


def _read_vulgar(t: str, m: re.Match[str]) -> Mention | None:
    """A fraction sign alone ("½ cup"), not glued to a word."""
    s = m.start()
    if s > 0 and t[s - 1].isalnum():
        return None
    return Mention(s, m.end(), VULGAR_FRACTIONS[m.group(0)])


def _read_digits(t: str, m: re.Match[str]) -> Mention | None:
    """Digits with any separator, a glued fraction sign ("2½"), an exponent, a slash fraction."""
    s = m.start()
    found = _digit_body(t, m)
    if found is None:
        return None
    body, vulgar, e = found
    mixed = _MIXED_FRACTION.match(t, e)
    if mixed and int(mixed.group(1)) < int(mixed.group(2)) and "." not in body and "," not in body:
        return None  # the whole part of "1 1/2": read with its fraction
    v = parse_digits(body, decimal_hint=decimal_point_text(t))
    if _SHARE_DIGITS.fullmatch(body) and _PERCENT.match(t, e, e + 9):
        # "16.057%": a share is never thousands of percent; nor is "2,408%" where the text
        # writes decimal commas ("0,21%")
        if body[-4] == "." or _DECIMAL_COMMA.search(t):
            v = float(body.replace(",", "."))
    if v is None:
        return None
    frac = VULGAR_FRACTIONS[vulgar] if vulgar else 0.0
    r = Mention(s, e, v + frac, frac=frac)
    # Scientific notation: "1.99×10−30", "6.02 x 10^23", "3.2e-5" (with a decimal point, so
    # codes like "5e3" stay codes).
    sci = _SCI.match(t, e) or (_E_NOTATION.match(t, e) if "." in body else None)
    if sci:
        exp = int(
            next(g for g in (sci.groupdict().get(k) for k in "esn") if g).translate(_SUPERSCRIPT)
        )
        if abs(exp) <= 300:
            r.value = v * 10.0**exp
            r.end = sci.end()
    if "." not in body and "," not in body:
        _slash_fraction(t, r, v)
    return r


def _digit_body(t: str, m: re.Match[str]) -> tuple[str, str | None, int] | None:
    """The digits of a match, its glued fraction sign and its end; None for a cut number."""
    s, e = m.start(), m.end()
    vulgar = m.group("vulgar")
    body = m.group(0)[: m.start("vulgar") - s] if vulgar else m.group(0)
    vulgar = vulgar.strip() if vulgar else vulgar
    if body.endswith(" ") or (m.group("sep") == " " and _SPACE_DIGIT.match(t, e, e + 2)):
        return None
    if m.group("sep") == " " and not vulgar and _CELL_AFTER.match(t, e, e + 2):
        # "delivered 44 330 Max jets": a count, then a model number, not 44,330; "74 100%"
        # in a table is two cells (a share is never thousands of percent)
        body = body.split(" ")[0]
        e = s + len(body)
    return body, vulgar, e


def _slash_fraction(t: str, r: Mention, v: float) -> None:
    """Fractions written with a slash: "1/16", "3/4", "2 1/2" (not "24/7" or "9/11")."""
    fm = _SLASH.match(t, r.end, r.end + 200)
    if not fm:
        return
    den = int(fm.group(1))
    if den in (2, 3, 4, 5, 8, 10, 16, 32, 64, 100, 128, 1000) and 0 < v < den:
        r.value = v / den
        s = r.start
        whole = _WHOLE_BEFORE.search(t[max(0, s - 5) : s])  # nothing before the slice counts
        if whole:  # "2 1/2"
            r.start = s - len(whole.group(0))
            r.value += float(whole.group(1))
    else:
        r.kind = "code"
    r.end = fm.end()


_READERS = {
    "vague": _read_vague,
    "frac": _read_fraction,
    "outof": _read_out_of,
    "fold": _read_fold,
    "halfscale": _read_half_scale,
    "half": _read_half,
    "words": _read_words,
    "ordword": _read_ordinal,
    "vulgaronly": _read_vulgar,
    "digits": _read_digits,
}
_SPACE_OR_HYPHEN = re.compile(r"[\s-]+")
_OUT_OF = re.compile(r"(?:\s+|-)(?:out[\s-]+of|in(?:\s+every)?)(?:\s+|-)", re.I)
_SPACE_DIGIT = re.compile(r"\s\d")
_CELL_AFTER = re.compile(r" [A-Z]|%")
_SHARE_DIGITS = re.compile(r"\d{1,2}[.,]\d{3}")
_PERCENT = re.compile(r" ?(?:%|per ?cent)")
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])\d{1,3},\d{1,2}(?![\d,])")
_SLASH = re.compile(r"/(\d{1,4})(?![\d/])")
_WHOLE_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3}) $")


@lru_cache(maxsize=4)
def decimal_point_text(t: str) -> bool:
    """Does this text write decimals with a point? Then "96.088" is a decimal.

    A lone "1.200" is 1200 (continental thousands) unless the text shows English
    conventions elsewhere ("1,200" thousands or "2.5" decimals) and no continental ones.
    """
    english = re.search(r"\d,\d{3}(?!\d)|\d\.\d{1,2}(?!\d)|\d\.\d{4,}", t) is not None
    continental = (
        re.search(r"\d\.\d{3}\.\d{3}|\d\.\d{3},\d|(?<![\d,])\d{1,3},\d{1,2}(?![\d,])", t)
        is not None
    )
    return english and not continental


# Digit plurals written like the words: "100s of people", "10s of thousands".
_DIGIT_PLURALS = {"10s": "tens", "100s": "hundreds", "1000s": "thousands", "10000s": "tens"}


def _vague(word: str, s: int, e: int) -> Mention:
    w = word.lower().replace(",", "").split()
    if w[0] == "10000s":
        w = ["tens", "of", "thousands"]
    w[0] = _DIGIT_PLURALS.get(w[0], w[0])
    scale = {
        "thousands": 1e3, "millions": 1e6, "billions": 1e9, "hundreds": 1e2, "dozens": 12,
        "tens": 10,
    }  # fmt: skip
    single = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "dozen": 12}
    if w[0] in ("tens", "hundreds", "dozens", "scores") and len(w) == 3:
        base = scale[w[2]] * {"tens": 10, "hundreds": 100, "dozens": 12, "scores": 20}[w[0]]
        low, high = base, base * 10
    elif w[:2] == ["a", "couple"]:
        # "a couple of hundred": about two hundred, not an open interval
        v = 2 * single[w[-1]]
        return Mention(s, e, v, words=True, qualifier="approximately")
    elif w[0] in ("several", "a", "few"):
        base = single[w[-1]]
        if len(w) > 2 and w[-2] in single:
            base *= single[w[-2]]  # "several hundred thousand"
        low, high = (3 * base, 9 * base) if w[0] == "several" else (2 * base, 9 * base)
    elif w[0] == "scores":
        low, high = 20, 200  # "scores of people": many twenties
    else:
        base = scale[w[0]]
        low, high = base, base * 10
    return Mention(s, e, low, low=low, high=high, vague=True, words=True, qualifier="vague")


def _number_words(t: str, word: str, s: int, e: int) -> Mention | None:
    """Spelled-out numbers ("two hundred and five"), unless a pronoun, an idiom or a leftover."""
    parts = word.split()
    lower = word.lower()
    before = t[max(0, s - 20) : s].split()
    prev = before[-1].lower() if before else ""
    if lower in ("one", "a", "an") and _one_is_pronoun(t, prev, e):
        return None
    if _not_a_count(t, lower, prev, s, e):
        return None
    v = words_value(parts)
    if v is None:
        # "five- and six-cylinder": two numbers joined by "and"; read the first, rescan the
        # rest. Other invalid sequences ("nineteen eighty-four") are not figures.
        cuts = [mm.start() for mm in _AND_JOIN.finditer(word)]
        for cut in reversed(cuts):
            head = word[:cut]
            v = words_value(head.replace("-", " ").split())
            if v is not None:
                e = s + cut
                break
        if v is None or e == s + len(word):
            return None
    r = Mention(s, e, v, words=True)
    last = parts[-1].lower().split("-")[-1]
    if last in SCALE_WORDS and v >= SCALE_WORDS[last]:
        r.scale = SCALE_WORDS[last]  # lets "four to five thousand" scale the four
    return r


def _one_is_pronoun(t: str, prev: str, e: int) -> bool:
    """ "one" is a number before a noun ("one solution", "one of the people") but a pronoun in
    "each one", "the one who", "on one"."""
    after = t[e : e + 200]
    nxt = _NEXT_TOKEN.match(after)
    nw = nxt.group(1).lower() if nxt else ""
    if nw == "of":
        if _OF_NUMBER.match(after):
            return True  # "one of four concepts": the four is the figure
        if prev in ("no", "any", "every", "each", "which"):
            return True
        return _OF_A_KIND.match(t[e : e + 20]) is not None  # "one of a kind": unique
    if prev in _DETS - {"a", "an"} or prev in _ONE_NOT_AFTER:
        return True
    if _ONE_TO.match(after):
        return False  # "one to two years", "one-to-seven days"
    if nw == "more" and _ONE_MORE.match(t[e : e + 30]):
        return False  # "just one more day", "one more reason"
    if nxt and nxt.group(1)[:1].isupper() and nxt.group(1) != "I":
        return False  # "One US fluid ounce"
    return (
        nw in _ONE_NOT_BEFORE
        or nw[:1].isdigit()
        or not nw[:1].isalpha()
        or nw in STOP_WORDS - {"per"}
    )


def _not_a_count(t: str, lower: str, prev: str, s: int, e: int) -> bool:
    """A scale word left over, "a baker's dozen", "net zero" or an idiom ("one-time")."""
    if lower.split("-")[0] in SCALE_WORDS and _AFTER_NUMBER.search(t[max(0, s - 3) : s]):
        if not _A_BEFORE.search(t[max(0, s - 4) : s]):
            return True  # "million" left over after a number that was not a quantity
    if lower == "dozen" and prev not in ("a", "one", "half", "two", "three"):
        if not (prev in ("the", "initial", "first", "last") and plural_soon(t, e)):
            return True  # "a baker's dozen"; "the dozen states that voted" are 12
    if (
        lower == "zero"
        and match_unit_after(t, e + 1) is None
        and not plural_soon(t, e)
        and not _ZERO_TO.match(t[e : e + 8])  # "zero to 60 mph"
    ):
        return True  # "net zero", "ground zero", "zero tolerance"
    if _IDIOM_BEFORE.search(t[max(0, s - 5) : s]):
        # "one-on-one", "two-by-two", "one-for-one", "high-five" are idioms; "top-three" a rank
        return True
    # Idioms are not figures: "one-time", "two-way", "five-star".
    return _IDIOM_AFTER.match(t[e : e + 200].lower()) is not None


_NEXT_TOKEN = re.compile(r"\s*([\w'’-]+|\S)")
_OF_NUMBER = re.compile(r"\s+of\s+(?:the\s+)?(?:\d|" + _NUMWORD + r"\b)", re.IGNORECASE)
_OF_A_KIND = re.compile(r"\s+of\s+a\s+kind\b")
_ONE_TO = re.compile(r"(?:\s+(?:to|or|-)\s+|-to-)(?:\d|" + _NUMWORD + r"\b)", re.IGNORECASE)
_ONE_MORE = re.compile(r"\s+more\s+(?:day|week|month|year|reason|chance|vote|seat)s?\b")
_AFTER_NUMBER = re.compile(r"[\w%$€£¥/:.,-]\s*$")
_A_BEFORE = re.compile(r"\b(?:a|an)\s+$")
_ZERO_TO = re.compile(r"(?:\s+to\s+|-to-|-)\d")
_IDIOM_BEFORE = re.compile(r"\b(?:on|by|in|for|top|high)-$", re.IGNORECASE)
_IDIOM_AFTER = re.compile(
    r"-(?:time|off|on|way|sided|stop|shot|liner|star|size|fits|figure|digit|"
    r"pointers?|wheelers?|seaters?|deckers?|timers?|peat)\b"
)
_AND_JOIN = re.compile(r"[\s-]+and[\s-]", re.IGNORECASE)
