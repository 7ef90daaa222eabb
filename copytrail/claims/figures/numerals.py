"""Figures in Persian, Arabic and Russian text, read from per-language data.

English figures have their own cascade (:mod:`copytrail.claims.figures`). For the other
languages this field reads most, the knowledge lives in ``claims/data/numerals_<lang>.json``
(number words, scale words in every common spelling, connectors, qualifiers, currencies, units,
counter words, month names, the span of plausible years), with example sentences beside each
file (``numerals_<lang>.examples.tsv``) that the test suite reads as a table. Adding a language
is a data file and its examples; this module only knows how figures are built:

* a **chain** of digit numbers, number words, hundreds and scale words, joined by white space or
  by the language's connector ("6 هزار و 127" = 6127, "4 ميليون و 890 هزار" = 4,890,000,
  "две тысячи триста" = 2300);
* then a **unit** or currency in the one or two words after it ("20 درصد", "в 120 миллионов
  рублей"), else a **counted** noun (after a counter word such as نفر where the language uses one);
* a **qualifier** in the words before it ("بیش از", "ما لا يقل عن", "не менее");
* a **range** when a range word joins two chains ("۱۰ تا ۲۰ میلیون": the scale applies to both);
* years (a bare four-digit number in the language's year span), dates (a number next to a
  month name, or digits joined by slashes), times and ordinals are not quantities.

Tokens are matched after folding letters that the two Arabic-script orthographies write
differently (ي/ی, ك/ک, alef forms, diacritics, tatweel, ZWNJ), so both spellings of a word hit the
same entry; offsets always refer to the original text.

>>> [(f.text, f.value, f.unit) for f in extract_figures_lang("بیش از 6 هزار و 127 نفر کشته شدند.", "fa")]
[('بیش از 6 هزار و 127 نفر', 6127.0, None)]
>>> [(f.value, f.unit, f.qualifier) for f in extract_figures_lang("بلغت الخسائر نحو 4 ميليون و 890 ألف دولار.", "ar")]
[(4890000.0, 'USD', 'approximately')]
>>> [(f.value, f.unit) for f in extract_figures_lang("Бюджет составил 120 миллионов рублей в 2023 году.", "ru")]
[(120000000.0, 'RUB')]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from copytrail.claims.figures.extract import Figure
from copytrail.claims.figures.numbers import fold_digits
from copytrail.claims.sentences import sentence_spans
from copytrail.reuse.tokens import normalize

LANGUAGES = ("fa", "ar", "ru")

# A token: a number with its separators, a word (ZWNJ and hyphen-joined parts kept together),
# or a sign. Separators are those of the folded text (see numbers.fold_digits).
_TOKEN = re.compile(r"\d+(?:[.,/:]\d+)*|[^\W\d_](?:[\w\u200c]|-(?=\w))*|[%٪$€₽£]|[-–—]", re.UNICODE)


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
    year_range: tuple[int, int]
    prefixes: tuple[str, ...] = field(default=())
    unit_suffixes: tuple[str, ...] = field(default=())
    abbreviations: frozenset[str] = field(default=frozenset())
    qualifier_gap: frozenset[str] = field(default=frozenset())
    space_thousands: bool = False

    def key(self, word: str) -> str:
        return fold_word(word, self.lang)

    def strip_prefix(self, key: str, table: Any) -> str | None:
        """``key`` itself or, in Arabic, without one clitic letter ("وعشرون", "بنحو")."""
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
        year_range=(int(raw["year_range"][0]), int(raw["year_range"][1])),
        prefixes=tuple(raw.get("clitics", ())),
        unit_suffixes=tuple(fold_word(w, lang) for w in raw.get("unit_suffixes", ())),
        abbreviations=fold(raw.get("abbreviations", ())),
        qualifier_gap=fold(raw.get("qualifier_gap_words", ())),
        space_thousands=" " in raw["thousands_marks"],
    )


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
    if ":" in tok:
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


@dataclass
class Chain:
    first: int  # token index
    last: int
    value: float
    low: float | None = None
    high: float | None = None
    scaled: bool = False


def read_chain(toks: list[Tok], i: int, lex: Lexicon) -> Chain | None:
    """The number that starts at token ``i`` (digits, words, hundreds, scales, connectors).

    Each token is read by :func:`_chain_step` into a :class:`_ChainSum`, until a token ends the
    number (or shows it is none: an ambiguous word or a vague scale with no number).
    """
    st = _ChainSum()
    j = i
    while j < len(toks):
        if j > i and _gap(toks[j - 1], toks[j]):
            break
        step = _chain_step(st, toks, i, j, lex)
        if step == _FAIL:
            return None
        if step == _STOP:
            break
        j += 1
    if st.last < 0:
        return None
    return Chain(i, st.last, st.total + (st.cur or 0.0), scaled=st.scaled)


@dataclass
class _ChainSum:
    """The running sum of :func:`read_chain`: "6 هزار و 127" is total 6000, then cur 127."""

    total: float = 0.0
    cur: float | None = None
    last: int = -1  # the last token of the number so far
    scaled: bool = False
    last_scale: float = 0.0
    prev: str = ""  # what the previous token was: "num", "scale", "conn" (or "" at the start)


# What a token does to the number being read: it joins it, ends it, or shows there is none.
_NEXT, _STOP, _FAIL = 0, 1, 2


def _chain_step(st: _ChainSum, toks: list[Tok], i: int, j: int, lex: Lexicon) -> int:
    t = toks[j]
    word = lex.strip_prefix(t.key, lex.words)
    scale = lex.strip_prefix(t.key, lex.scales)
    if word is not None and word != t.key and t.key[0] in lex.connectors and st.prev == "num":
        st.prev = "conn"  # "خمسة وعشرون": the connector is written onto the word
    if t.text[0].isdigit():
        return _chain_digits(st, t, i, j, lex)
    if word is not None and _joins(st.prev, st.cur, lex.words[word]):
        if st.prev == "" and word in lex.ambiguous and not _next_is_scale_or_unit(toks, j, lex):
            return _FAIL
        st.cur = (st.cur or 0.0) + lex.words[word]
        st.prev, st.last = "num", j
        return _NEXT
    if t.key in lex.hundred and st.cur is not None and st.prev == "num" and st.cur < 10:
        st.cur *= 100
        st.prev, st.last = "num", j
        return _NEXT
    if scale is not None:
        step = _chain_scale(st, t, j, lex, lex.scales[scale])
        if step is not None:
            return step
    if t.key in lex.connectors and st.prev in ("num", "scale") and j + 1 < len(toks):
        st.prev = "conn"
        return _NEXT
    return _STOP


def _chain_digits(st: _ChainSum, t: Tok, i: int, j: int, lex: Lexicon) -> int:
    v = digits_value(t.text, lex)
    if v is None or st.prev == "num" or (st.prev == "" and j != i):
        return _STOP
    if st.cur is not None and not (st.prev == "conn" and _adds(st.cur, v)):
        return _STOP
    st.cur = (st.cur or 0.0) + v
    st.prev, st.last = "num", j
    return _NEXT


def _chain_scale(st: _ChainSum, t: Tok, j: int, lex: Lexicon, value: float) -> int | None:
    if st.prev == "scale" and value > st.last_scale:
        # stacked scales: "۳ هزار میلیارد" is three thousand billion
        st.total *= value
        st.last_scale = value
        st.last = j
        return _NEXT
    if st.prev in ("num", ""):
        if st.prev == "" and t.key in lex.vague:
            return _FAIL
        st.total += (st.cur if st.cur is not None else 1.0) * value
        st.cur, st.scaled, st.last_scale = None, True, value
        st.prev, st.last = "scale", j
        return _NEXT
    return None


def _adds(cur: float | None, value: float) -> bool:
    """True when ``value`` fills an empty place of ``cur`` ("триста пятьдесят", not "пять шесть")."""
    if cur is None:
        return True
    place = 10 ** len(str(int(value)))
    return value < place and cur % place == 0 and cur > value


def _joins(prev: str, cur: float | None, value: float) -> bool:
    """True when a number word continues the number read so far.

    After a scale word anything below it continues ("6 هزار و 127"); after a connector the word
    fills an empty place ("سیصد و بیست", "مئة وعشرون") or, in Arabic order, tens follow units
    ("خمسة وعشرون"); without a connector only an empty place ("триста пятьдесят").
    """
    if prev in ("", "scale") or cur is None:
        return True
    if prev == "conn" and cur < 10 and value % 10 == 0 and value < 100:
        return True
    return _adds(cur, value)


def _next_is_scale_or_unit(toks: list[Tok], j: int, lex: Lexicon) -> bool:
    if j + 1 >= len(toks):
        return False
    key = toks[j + 1].key
    return lex.strip_prefix(key, lex.scales) is not None or (key,) in lex.units or key in lex.words


def _gap(a: Tok, b: Tok) -> bool:
    """True when something other than white space separates two tokens (a comma, a stop)."""
    return not b.joined


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


def qualifier_before(toks: list[Tok], i: int, lex: Lexicon) -> tuple[str, int] | None:
    """(qualifier, first token) of a qualifier ending just before token ``i``.

    A preposition the language puts between them is skipped ("примерно в 12 млн").
    """
    if i > 1 and toks[i - 1].key in lex.qualifier_gap:
        found = qualifier_before(toks, i - 1, lex)
        if found is not None and found[0] != "up to":
            return found
    for n in (4, 3, 2, 1):
        k = i - n
        if k < 0:
            continue
        hit = match_phrase(toks, k, lex.qualifiers, lex)
        if hit and hit[1] == n:
            return hit[0], k
    return None


def is_year(chain: Chain, toks: list[Tok], lex: Lexicon) -> bool:
    """A bare four-digit number in the year span, named as a year by its neighbours.

    A year word before or after it ("سال ۱۴۰۲", "2023 году"), a preposition of time before it
    ("في 2019"), or nothing after it in its clause; "1500 سلة" (1,500 baskets) is a count.
    """
    t = toks[chain.first]
    if chain.first != chain.last or not re.fullmatch(r"\d{4}", t.text):
        return False
    lo, hi = lex.year_range
    if not lo <= chain.value <= hi:
        return False
    prv = toks[chain.first - 1].key if chain.first > 0 else ""
    nxt = toks[chain.last + 1] if chain.last + 1 < len(toks) else None
    if prv in lex.year_words or prv in lex.year_prepositions or nxt is None or not nxt.joined:
        return True
    return nxt.key in lex.year_words or nxt.key in lex.months


def is_date_or_ordinal(chain: Chain, toks: list[Tok], lex: Lexicon) -> bool:
    nxt = toks[chain.last + 1].key if chain.last + 1 < len(toks) else ""
    prv = toks[chain.first - 1].key if chain.first > 0 else ""
    if nxt in lex.months or (prv in lex.months and toks[chain.first].text.isdigit()):
        return True
    # "5-й", "20-го": a number hyphenated onto an ending is an ordinal or a date
    suffix = chain.last + 2 < len(toks) and nxt == "-" and toks[chain.last + 2].text[0].isalpha()
    return bool(suffix and toks[chain.last + 2].start == toks[chain.last + 1].end)


def extract_figures_lang(text: str, lang: str) -> list[Figure]:
    """Every quantity in ``text`` written in ``lang`` (``fa``, ``ar`` or ``ru``), in order.

    >>> [(f.text, f.low, f.high) for f in extract_figures_lang("от 10 до 20 тысяч человек", "ru")]
    [('от 10 до 20 тысяч человек', 10000.0, 20000.0)]
    >>> [f.text for f in extract_figures_lang("در سال ۱۴۰۲ و در ۱۵ خرداد", "fa")]
    []
    """
    lex = lexicon(lang)
    toks = tokens(text, lex)
    sents = sentence_spans(text)
    out: list[Figure] = []
    i = 0
    while i < len(toks):
        fig, nxt = _figure_at(text, toks, i, lex, sents)
        if fig is not None:
            out.append(fig)
        i = nxt
    return out


def _figure_at(
    text: str, toks: list[Tok], i: int, lex: Lexicon, sents: list[tuple[int, int]]
) -> tuple[Figure | None, int]:
    """The figure that starts at token ``i`` (or None) and the token to read next."""
    vague = lex.strip_prefix(toks[i].key, lex.vague)
    chain = read_chain(toks, i, lex)
    if chain is None and vague is not None:
        v_low, v_high = lex.vague[vague]
        chain = Chain(i, i, v_low, v_low, v_high)
    if chain is None:
        return None, i + 1
    if chain.low is None and (is_year(chain, toks, lex) or is_date_or_ordinal(chain, toks, lex)):
        return None, chain.last + 1
    chain = _range(toks, chain, lex)
    i = min(i, chain.first)
    unit, counted, end_tok = _unit_after(toks, chain.last, lex)
    if unit is None:
        unit, i = _sign_before(toks, i, lex)
    qual = qualifier_before(toks, i, lex)
    start_tok = i
    qualifier = "exact"
    if qual is not None and not (qual[0] == "up to" and chain.low is not None):
        qualifier, start_tok = qual
    value = chain.low if chain.low is not None else chain.value
    low, high = _bounds(qualifier, chain, value)
    start, end = toks[start_tok].start, toks[end_tok].end
    s_start, s_end = next(((a, b) for a, b in sents if a <= start < b), (0, len(text)))
    fig = Figure(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        counted=counted,
        sentence_start=s_start,
        sentence_end=max(s_end, end),
    )
    return fig, max(end_tok, chain.last) + 1


def _unit_after(toks: list[Tok], end_tok: int, lex: Lexicon) -> tuple[str | None, str | None, int]:
    """The unit or counted noun right after the number's last token, and the figure's end."""
    hit = match_phrase(toks, end_tok + 1, lex.units, lex)
    if hit is None and end_tok + 1 < len(toks) and toks[end_tok + 1].text in ("%", "٪"):
        hit = ("%", 1)
    if hit is not None and not _gap(toks[end_tok], toks[end_tok + 1]):
        return hit[0], None, end_tok + hit[1]
    if end_tok + 1 < len(toks) and not _gap(toks[end_tok], toks[end_tok + 1]):
        noun = toks[end_tok + 1]
        if noun.key in lex.counters:
            return None, noun.key, end_tok + 1
        if noun.text[0].isalpha() and noun.key not in lex.function_words and len(noun.key) > 2:
            return None, noun.key, end_tok
    return None, None, end_tok


_SIGNS = {"$": "USD", "€": "EUR", "₽": "RUB", "£": "GBP"}


def _sign_before(toks: list[Tok], i: int, lex: Lexicon) -> tuple[str | None, int]:
    """A currency sign glued before the number ("$5"), or a Persian percent sign before it."""
    if i > 0 and toks[i - 1].text in _SIGNS and toks[i - 1].end == toks[i].start:
        return _SIGNS[toks[i - 1].text], i - 1
    if lex.lang == "fa" and i > 0 and toks[i - 1].text == "٪":
        return "%", i - 1
    return None, i


_RANGE_WORDS = {"fa": {"تا", "الی", "-"}, "ar": {"الى", "حتى", "-"}, "ru": {"до", "-"}}
_FROM_WORDS = {"fa": {"بین", "از"}, "ar": {"بين", "من"}, "ru": {"от", "с"}}


def _range(toks: list[Tok], chain: Chain, lex: Lexicon) -> Chain:
    """``chain`` joined to a second number by a range word ("10 تا 20", "от 10 до 20")."""
    j = chain.last + 1
    if j + 1 >= len(toks):
        return chain
    if toks[j].key not in _RANGE_WORDS[lex.lang] or not toks[j].joined or not toks[j + 1].joined:
        return chain
    second = read_chain(toks, j + 1, lex)
    if second is None or second.value <= 0:
        return chain
    low = chain.value
    if second.scaled and not chain.scaled and low < second.value:
        # "۱۰ تا ۲۰ میلیون": the scale written once belongs to both ends
        scale = _scale_of(toks, second, lex)
        low *= scale
    if low >= second.value:
        return chain
    first = chain.first
    if first > 0 and toks[first - 1].key in _FROM_WORDS[lex.lang]:
        first -= 1
    return Chain(first, second.last, low, low, second.value, scaled=True)


def _scale_of(toks: list[Tok], chain: Chain, lex: Lexicon) -> float:
    for t in toks[chain.first : chain.last + 1]:
        s = lex.strip_prefix(t.key, lex.scales)
        if s is not None:
            return lex.scales[s]
    return 1.0


def _bounds(qualifier: str, chain: Chain, value: float) -> tuple[float | None, float | None]:
    if chain.low is not None:
        return chain.low, chain.high
    if qualifier in ("more than", "at least"):
        return value, None
    if qualifier in ("less than", "at most", "up to"):
        return None, value
    return value, value
