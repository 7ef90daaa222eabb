"""One language's figure knowledge as loaded from ``claims/data/numerals_<lang>.json``, and the
tokens figures are read from (see :mod:`copytrail.claims.figures.numerals`).

>>> lx = lexicon("fa")
>>> [t.key for t in tokens("۶ هزار و ۱۲۷ ميليون", lx)]
['6', 'هزار', 'و', '127', 'میلیون']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from copytrail.claims.figures.numbers import fold_digits
from copytrail.reuse.tokens import normalize

# A token: a number with its separators, a word (ZWNJ and hyphen-joined parts kept together),
# or a sign. Separators are those of the folded text (see numbers.fold_digits).
_TOKEN = re.compile(
    r"\d{1,4}-\d{1,2}-\d{1,4}(?!\d)|\d+(?:[.,/:]\d+)*|[^\W\d_](?:[\w\u200c]|-(?=\w))*|[%٪$€₽£]|[-–—]",
    re.UNICODE,
)


def fold_word(word: str, lang: str) -> str:
    """The lookup key of a word: the reuse stage's matching form (:func:`normalize`).

    Case, diacritics, ZWNJ and the letters the two Arabic-script orthographies write differently
    are folded the same way for every language, so data keys and text always meet.

    >>> fold_word("ميليون", "fa") == fold_word("میلیون", "fa"), fold_word("Ёлка", "ru")
    (True, 'елка')
    """
    return normalize(word)


@dataclass(frozen=True)
class Lexicon:
    """One language's data file, with every key folded."""

    lang: str
    decimal_marks: tuple[str, ...]
    thousands_marks: tuple[str, ...]
    connectors: frozenset[str]
    words: dict[str, float]
    ambiguous: frozenset[str]
    hundred: frozenset[str]
    scales: dict[str, float]
    vague: dict[str, tuple[float, float]]
    qualifiers: dict[tuple[str, ...], str]
    units: dict[tuple[str, ...], str]
    counters: frozenset[str]
    year_words: frozenset[str]
    year_prepositions: frozenset[str]
    months: frozenset[str]
    function_words: frozenset[str]
    year_ranges: tuple[tuple[int, int], ...]
    fractions: dict[str, float] = field(default_factory=dict)
    ordinals: frozenset[str] = field(default=frozenset())
    ordinal_suffixes: frozenset[str] = field(default=frozenset())
    plural_suffixes: frozenset[str] = field(default=frozenset())
    labels: frozenset[str] = field(default=frozenset())
    time_before: frozenset[str] = field(default=frozenset())
    time_after: frozenset[str] = field(default=frozenset())
    between: frozenset[str] = field(default=frozenset())
    range_words: frozenset[str] = field(default=frozenset())
    short_years: bool = False
    duals: dict[str, str] = field(default_factory=dict)
    unit_prepositions: frozenset[str] = field(default=frozenset())
    change_words: frozenset[str] = field(default=frozenset())
    from_words: frozenset[str] = field(default=frozenset())
    prefixes: tuple[str, ...] = field(default=())
    unit_suffixes: tuple[str, ...] = field(default=())
    abbreviations: frozenset[str] = field(default=frozenset())
    qualifier_gap: frozenset[str] = field(default=frozenset())
    space_thousands: bool = False

    def key(self, word: str) -> str:
        return fold_word(word, self.lang)

    def strip_prefix(self, key: str, table: Any) -> str | None:
        """``key`` itself or, in Arabic, without one clitic ("وعشرون", "بنحو", "الآلاف")."""
        if key in table:
            return key
        for p in self.prefixes:
            if key.startswith(p) and key[len(p) :] in table:
                return key[len(p) :]
        return None


@cache
def lexicon(lang: str) -> Lexicon:
    """The folded data of ``lang`` (one of :data:`LANGUAGES`)."""
    raw = json.loads(
        resources.files("copytrail.claims")
        .joinpath(f"data/numerals_{lang}.json")
        .read_text("utf-8")
    )

    def fold(words: Any) -> frozenset[str]:
        return frozenset(fold_word(w, lang) for w in words)

    def phrases(table: dict[str, str]) -> dict[tuple[str, ...], str]:
        return {tuple(fold_word(w, lang) for w in k.split()): v for k, v in table.items()}

    return Lexicon(
        lang=lang,
        decimal_marks=tuple(fold_digits(m) for m in raw["decimal_marks"]),
        thousands_marks=tuple(fold_digits(m) for m in raw["thousands_marks"]),
        connectors=fold(raw["connectors"]),
        words={fold_word(k, lang): float(v) for k, v in raw["words"].items()},
        ambiguous=fold(raw.get("ambiguous_words", ())),
        hundred=fold(raw.get("hundred", ())),
        scales={fold_word(k, lang): float(v) for k, v in raw["scales"].items()},
        vague={fold_word(k, lang): (float(v[0]), float(v[1])) for k, v in raw["vague"].items()},
        qualifiers=phrases(raw["qualifiers"]),
        units=phrases(raw["units"]),
        counters=fold(raw.get("counters", ())),
        year_words=fold(raw.get("year_words", ())),
        year_prepositions=fold(raw.get("year_prepositions", ())),
        months=fold(raw.get("months", ())),
        function_words=fold(raw.get("function_words", ())),
        year_ranges=_year_ranges(raw["year_range"]),
        fractions={fold_word(k, lang): float(v) for k, v in raw.get("fractions", {}).items()},
        ordinals=fold(_ordinal_forms(raw)),
        ordinal_suffixes=fold(raw.get("ordinal_suffixes", ())),
        plural_suffixes=fold(raw.get("plural_suffixes", ())),
        labels=fold(raw.get("label_words", ())),
        time_before=fold(raw.get("time_words_before", ())),
        time_after=fold(raw.get("time_words_after", ())),
        between=fold(raw.get("between_words", ())),
        # folded like every key ("إلى" and "الى" are one word); a dash joins ranges everywhere
        range_words=fold(raw.get("range_words", ())) | {"-"},
        from_words=fold(raw.get("from_words", ())),
        short_years=bool(raw.get("short_years")),
        duals={fold_word(k, lang): v for k, v in raw.get("dual_nouns", {}).items()},
        unit_prepositions=fold(raw.get("unit_prepositions", ())),
        change_words=fold(raw.get("change_words", ())),
        prefixes=tuple(raw.get("clitics", ())),
        unit_suffixes=tuple(fold_word(w, lang) for w in raw.get("unit_suffixes", ())),
        abbreviations=fold(raw.get("abbreviations", ())),
        qualifier_gap=fold(raw.get("qualifier_gap_words", ())),
        space_thousands=" " in raw["thousands_marks"],
    )


def _year_ranges(raw: Any) -> tuple[tuple[int, int], ...]:
    """``[lo, hi]`` or a list of them: a calendar's span each (Persian text uses two)."""
    spans = raw if isinstance(raw[0], list) else [raw]
    return tuple((int(lo), int(hi)) for lo, hi in spans)


def _ordinal_forms(raw: dict[str, Any]) -> list[str]:
    """The ordinal words and their attributive forms ("دوم" and "دومین")."""
    words = list(raw.get("ordinal_words", ()))
    return words + [w + s for w in words for s in raw.get("ordinal_word_endings", ())]


@dataclass
class Tok:
    start: int
    end: int
    text: str  # of the folded-digit text
    key: str  # folded word, or the number text; "-" for every dash
    joined: bool  # only white space (or nothing) between the previous token and this one


def tokens(text: str, lex: Lexicon) -> list[Tok]:
    folded = fold_digits(text)
    out: list[Tok] = []
    end = 0
    for m in _TOKEN.finditer(folded):
        word = m.group()
        key = "-" if word in "-–—" else lex.key(word)
        gap = folded[end : m.start()]
        prev = out[-1] if out else None
        if (
            prev is not None
            and lex.space_thousands
            and gap == " "
            and re.fullmatch(r"\d{3}(?:[.,]\d+)?", word)
            and re.fullmatch(r"\d{1,3}|\d{1,3}(?: \d{3})+", prev.text)
        ):
            # "15 000": a space between digit groups is a thousands mark here
            prev.text, prev.key, prev.end = prev.text + " " + word, prev.key + " " + word, m.end()
            end = m.end()
            continue
        # "тыс. рублей": the stop of an abbreviation joins it to the next word
        joined = not gap.strip() or (
            gap.strip() == "." and prev is not None and prev.key in lex.abbreviations
        )
        if word[0] in lex.prefixes and word[1:].isdigit():
            # "و20": a clitic written onto a number (Arabic) is a word of its own
            out.append(Tok(m.start(), m.start() + 1, word[0], word[0], joined))
            out.append(Tok(m.start() + 1, m.end(), word[1:], word[1:], True))
        else:
            out.append(Tok(m.start(), m.end(), word, key, joined))
        end = m.end()
    return out


def digits_value(tok: str, lex: Lexicon) -> float | None:
    """Value of a digit token under the language's separators, None for dates, times, codes.

    >>> lx = lexicon("fa")
    >>> digits_value("12,500", lx), digits_value("2/5", lx), digits_value("1402/05/12", lx)
    (12500.0, 2.5, None)
    >>> digits_value("1,5", lexicon("ru")), digits_value("10:30", lx)
    (1.5, None)
    """
    if ":" in tok or "-" in tok:
        return None
    parts = re.split(r"([.,/ ])", tok)
    marks = parts[1::2]
    if len(set(marks)) > 1 or (marks and marks[0] == "/" and len(marks) > 1):
        if not (
            len(marks) >= 2
            and marks[-1] in lex.decimal_marks
            and all(m in lex.thousands_marks for m in marks[:-1])
        ):
            return None
    if not marks:
        return float(tok)
    groups = parts[0::2]
    dec = marks[-1] in lex.decimal_marks and (
        marks[-1] not in lex.thousands_marks or len(groups[-1]) != 3
    )
    int_groups = groups[:-1] if dec else groups
    if len(int_groups) > 1 and (
        any(len(g) != 3 for g in int_groups[1:]) or marks[0] not in lex.thousands_marks
    ):
        return None
    number = "".join(int_groups) + ("." + groups[-1] if dec else "")
    return float(number)


def match_phrase(
    toks: list[Tok], i: int, table: dict[tuple[str, ...], str], lex: Lexicon
) -> tuple[str, int] | None:
    """(value, tokens used) of the longest phrase of ``table`` starting at token ``i``."""
    for n in (3, 2, 1):
        if i + n > len(toks):
            continue
        keys = [t.key for t in toks[i : i + n]]
        if tuple(keys) in table:
            return table[tuple(keys)], n
        bare = lex.strip_prefix(keys[0], {k[0] for k in table if len(k) == n})
        if bare is not None and (bare, *keys[1:]) in table:
            return table[(bare, *keys[1:])], n
        for suffix in lex.unit_suffixes if table is lex.units else ():
            # an adjective made of a unit: "یورویی", "ریالی" (a 120-million-euro contract)
            last = keys[-1]
            if last.endswith(suffix) and (*keys[:-1], last[: -len(suffix)]) in table:
                return table[(*keys[:-1], last[: -len(suffix)])], n
    return None
