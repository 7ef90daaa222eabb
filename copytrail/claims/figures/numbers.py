"""Numbers written with digits or words, parsed to floats without a model.

News text writes the same figure many ways: ``1,200``, ``1.200``, ``1 200``, ``1'200``,
``١٢٠٠``, ``twelve hundred``, ``1.2 thousand``. This module turns one such written number into
a float; finding numbers in running text and deciding what they measure is
:mod:`copytrail.claims.figures`' job.

>>> parse_digits("1,200"), parse_digits("1.200"), parse_digits("1 200"), parse_digits("1'200")
(1200.0, 1200.0, 1200.0, 1200.0)
>>> parse_digits("1.5"), parse_digits("1.234,5"), parse_digits(fold_digits("۱۲٫۵"))
(1.5, 1234.5, 12.5)
>>> words_value("a hundred and twenty thousand".split())
120000.0
>>> words_value(["Thirty-thousand"]), words_value(["half", "a", "million"])
(30000.0, 500000.0)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from copytrail.claims.figures.wordlists import lexicon

_LEX = lexicon()
# Arabic-Indic (U+0660..) and Extended Arabic-Indic / Persian (U+06F0..) digits, plus the
# Arabic decimal and thousands separators. Every mapping is one character to one character,
# so offsets found in the folded text are offsets in the original text.
_FOLD = {0x0660 + i: ord("0") + i for i in range(10)}
_FOLD.update({0x06F0 + i: ord("0") + i for i in range(10)})
_FOLD.update({0x066B: ord("."), 0x066C: ord(","), 0x066A: ord("%"), 0x2212: ord("-")})
_FOLD.update({0x2009: ord(" ")})
_FOLD.update({0x00A0: ord(" "), 0x202F: ord(" "), 0x2019: ord("'"), 0x2044: ord("/")})


def fold_digits(text: str) -> str:
    """Same-length copy of ``text`` with Arabic/Persian digits and odd separators as ASCII.

    >>> fold_digits("٣٫٥ مليون") == "3.5 مليون"
    True
    """
    if text.isascii():
        return text  # every folded character is outside ASCII; most news text has none
    return text.translate(_FOLD)


# Multiplier words and abbreviations that follow a number ("1.5 million", "$2bn", "25k").
MULTIPLIERS: dict[str, float] = {k: float(v) for k, v in _LEX["multipliers"].items()}

UNITS_WORDS: dict[str, int] = dict(_LEX["units_words"])
TENS_WORDS: dict[str, int] = dict(_LEX["tens_words"])
SCALE_WORDS: dict[str, float] = {k: float(v) for k, v in _LEX["scale_words"].items()}
# Ordinal words: "third" is an ordinal ("the third time") unless it is a fraction ("a third").
ORDINAL_WORDS: dict[str, int] = dict(_LEX["ordinal_words"])
# Denominators of spoken fractions: "a third", "two-thirds", "three quarters".
FRACTION_WORDS: dict[str, int] = dict(_LEX["fraction_words"])
VULGAR_FRACTIONS: dict[str, float] = dict(_LEX["vulgar_fractions"])

NUMBER_WORDS = frozenset(UNITS_WORDS) | frozenset(TENS_WORDS) | frozenset(SCALE_WORDS)

_THOUSANDS = re.compile(r"^\d{1,3}(?P<sep>[,.' ])\d{3}(?:(?P=sep)\d{3})*(?:(?P<dec>[.,])\d+)?$")


def parse_digits(s: str, decimal_hint: bool = False) -> float | None:
    """Value of a digit string with any thousands separator, or None if it is not a number.

    A lone ``.`` or ``,`` followed by exactly three digits is a thousands separator
    ("1.200" = 1200, the continental convention), except when ``decimal_hint`` says a
    multiplier follows ("1.356 billion" can only be a decimal).

    >>> parse_digits("12,345.67"), parse_digits("1.356", decimal_hint=True), parse_digits(".5")
    (12345.67, 1.356, 0.5)
    >>> parse_digits("12.34.5") is None
    True
    """
    s = s.strip()
    if not s:
        return None
    m = _THOUSANDS.match(s)
    if m:
        sep, dec = m.group("sep"), m.group("dec")
        if dec is not None and dec == sep:
            return None
        groups = s.count(sep)
        if groups == 1 and dec is None and sep in ".," and s[0] == "0":
            return float(s.replace(",", "."))  # "0.001": nobody groups thousands after a zero
        if groups == 1 and dec is None and sep == "." and decimal_hint:
            # "1.200" is 1200 in continental writing but "1.356 billion" is a decimal.
            return float(s)
        body = s.replace(sep, "") if sep != dec else s
        if dec == ",":
            body = body.replace(",", ".")
        try:
            return float(body)
        except ValueError:
            return None
    if s.count(",") == 1 and "." not in s:
        # "3,5" (decimal comma) — only reached when the part after the comma is not 3 digits.
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _word_parts(words: list[str]) -> list[str]:
    parts: list[str] = []
    for w in words:
        parts.extend(p for p in w.lower().replace("–", "-").split("-") if p)
    return parts


def words_value(words: list[str]) -> float | None:
    """Value of a spelled-out number ("two hundred and five", "half a million").

    Returns None when the words are not a number. Each word is read by the step of its kind
    (:func:`_step_of`) into a running :class:`_Spelled` sum.

    >>> words_value(["twenty-one"]), words_value(["a", "dozen"]), words_value(["two", "and", "a", "half"])
    (21.0, 12.0, 2.5)
    >>> words_value(["one", "point", "five", "million"])
    1500000.0
    >>> words_value(["a", "thousand", "million"]), words_value(["two", "million", "three", "thousand"])
    (1000000000.0, 2003000.0)
    >>> words_value(["and"]) is None
    True
    """
    parts = _word_parts(words)
    if not parts or all(p in ("a", "an", "and") for p in parts):
        return None
    acc = _Spelled()
    i: int | None = 0
    while i is not None and i < len(parts):
        i = _step_of(parts[i])(acc, parts, i)
    if i is None:
        return None
    return acc.total + acc.current if acc.seen else None


@dataclass
class _Spelled:
    """The running sum of a spelled-out number: "two million three" is total 2e6, current 3."""

    total: float = 0.0
    current: float = 0.0
    seen: bool = False  # a number word was read (not only "a", "and")
    last: str = ""  # kind of the previous word: "unit" (0-19), "tens", or "" after a scale word
    last_scale: float = 0.0


# A step reads the word at ``i`` into the sum and returns the index of the next word to read,
# or None when the words are not one number.
_Step = Callable[[_Spelled, list[str], int], "int | None"]


def _step_of(word: str) -> _Step:
    if word in UNITS_WORDS:
        return _units
    if word in TENS_WORDS:
        return _tens
    if word in _STEPS:
        return _STEPS[word]
    return _scale if word in SCALE_WORDS else _not_a_number


def _units(acc: _Spelled, parts: list[str], i: int) -> int | None:
    n = UNITS_WORDS[parts[i]]
    if acc.last == "unit" or (acc.last == "tens" and n >= 10):
        return None  # "one two", "twenty twelve": two numbers or a spoken year
    acc.current += n
    acc.seen, acc.last = True, "unit"
    return i + 1


def _tens(acc: _Spelled, parts: list[str], i: int) -> int | None:
    if acc.last in ("unit", "tens"):
        return None  # "nineteen eighty-four" is a year, not 103
    acc.current += TENS_WORDS[parts[i]]
    acc.seen, acc.last = True, "tens"
    return i + 1


def _dozen(acc: _Spelled, parts: list[str], i: int) -> int | None:
    acc.current = (acc.current or 1) * 12
    acc.seen = True
    return i + 1


def _hundred(acc: _Spelled, parts: list[str], i: int) -> int | None:
    acc.current = (acc.current or 1) * 100
    acc.seen, acc.last = True, ""
    return i + 1


def _scale(acc: _Spelled, parts: list[str], i: int) -> int | None:
    scale = SCALE_WORDS[parts[i]]
    if acc.current == 0 and 0 < acc.last_scale < scale and acc.total:
        # Stacked scales multiply: "a thousand million" (an old-style billion).
        acc.total *= scale
    else:
        acc.total += (acc.current or 1) * scale
        acc.current = 0
        acc.seen, acc.last = True, ""
    acc.last_scale = scale
    return i + 1


def _half(acc: _Spelled, parts: list[str], i: int) -> int | None:
    # "half a million" = 0.5 * 1e6; "two and a half" = 2.5; "a million and a half"
    acc.seen = True
    if i + 2 < len(parts) and parts[i + 1] in ("a", "an") and parts[i + 2] in SCALE_WORDS:
        acc.total += 0.5 * SCALE_WORDS[parts[i + 2]]
        return i + 3
    if acc.current == 0 and acc.last_scale:
        acc.total += 0.5 * acc.last_scale
    else:
        acc.current += 0.5
    return i + 1


def _point(acc: _Spelled, parts: list[str], i: int) -> int | None:
    """ "one point five million": decimal digits spoken one by one."""
    if not (acc.seen and i + 1 < len(parts) and parts[i + 1] in UNITS_WORDS):
        return None
    frac = ""
    i += 1
    while i < len(parts) and parts[i] in UNITS_WORDS and UNITS_WORDS[parts[i]] < 10:
        frac += str(UNITS_WORDS[parts[i]])
        i += 1
    acc.current += float("0." + frac) if frac else 0
    return i


def _skip(acc: _Spelled, parts: list[str], i: int) -> int | None:
    return i + 1  # "a", "an", "and" join the number words


def _not_a_number(acc: _Spelled, parts: list[str], i: int) -> int | None:
    return None


_STEPS: dict[str, _Step] = {
    "dozen": _dozen,
    "hundred": _hundred,
    "half": _half,
    "point": _point,
    "a": _skip,
    "an": _skip,
    "and": _skip,
}


def fraction_value(numerator: str, denominator: str) -> float | None:
    """Spoken fraction ("two", "thirds") to a float.

    >>> fraction_value("two", "thirds"), fraction_value("a", "quarter")
    (0.6666666666666666, 0.25)
    """
    den = FRACTION_WORDS.get(denominator.lower())
    if den is None:
        return None
    num_word = numerator.lower()
    num = 1.0 if num_word in ("a", "an", "one") else words_value([num_word])
    if num is None:
        return None
    return num / den
