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

import re
from dataclasses import dataclass

from copytrail.claims.figures.extract import Figure
from copytrail.claims.figures.numerals_lexicon import (
    Lexicon,
    Tok,
    digits_value,
    lexicon,
    match_phrase,
    tokens,
)
from copytrail.claims.sentences import sentence_spans

LANGUAGES = ("fa", "ar", "ru")


@dataclass
class Chain:
    first: int  # token index
    last: int
    value: float
    low: float | None = None
    high: float | None = None
    scaled: bool = False
    unit: str | None = None  # a unit the number word carries itself ("يومين": two days)
    change: bool = False  # "ارتفع من 6 إلى 9": the first of two values, not a range


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
    prev: str = ""  # the previous token: "num", "scale", "conn", "frac" (or "" at the start)


# What a token does to the number being read: it joins it, ends it, or shows there is none.
_NEXT, _STOP, _FAIL = 0, 1, 2


def _chain_step(st: _ChainSum, toks: list[Tok], i: int, j: int, lex: Lexicon) -> int:
    t = toks[j]
    if t.text[0].isdigit():
        return _chain_digits(st, t, i, j, lex)
    if t.key in lex.ordinals:
        return _FAIL  # "بیست و یکم": the whole number is an ordinal
    frac = lex.strip_prefix(t.key, lex.fractions)
    if frac is not None:
        if frac != t.key and st.prev in ("num", "scale"):
            st.prev = "conn"  # "مليون ونصف": the connector is written onto the fraction
        return _chain_fraction(st, toks, j, lex, lex.fractions[frac])
    word = lex.strip_prefix(t.key, lex.words)
    if word is not None:
        step = _chain_word(st, toks, j, word, lex)
        if step is not None:
            return step
    if t.key in lex.hundred and st.cur is not None and st.prev == "num" and st.cur < 10:
        st.cur *= 100
        st.prev, st.last = "num", j
        return _NEXT
    scale = lex.strip_prefix(t.key, lex.scales)
    if scale is not None:
        step = _chain_scale(st, t, j, lex, lex.scales[scale])
        if step is not None:
            return step
    if t.key in lex.connectors and st.prev in ("num", "scale") and j + 1 < len(toks):
        st.prev = "conn"
        return _NEXT
    return _STOP


def _chain_word(st: _ChainSum, toks: list[Tok], j: int, word: str, lex: Lexicon) -> int | None:
    """A number word: it adds to the number, shows there is none, or (None) is something else."""
    if word != toks[j].key and toks[j].key[0] in lex.connectors and st.prev == "num":
        st.prev = "conn"  # "خمسة وعشرون": the connector is written onto the word
    if not _joins(st.prev, st.cur, lex.words[word]):
        return None
    if st.prev == "" and word in lex.ambiguous and not _next_is_scale_or_unit(toks, j, lex):
        return _FAIL
    st.cur = (st.cur or 0.0) + lex.words[word]
    st.prev, st.last = "num", j
    return _NEXT


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
    if st.prev == "frac" and value == st.last_scale:
        st.last = j  # "مليون ونصف المليون": the scale named again after its fraction
        return _NEXT
    if st.prev == "scale" and value >= st.last_scale:
        # stacked scales: "۳ هزار میلیارد" is three thousand billion ("هزار هزار" a million)
        st.total *= value
        st.last_scale = value
        st.last = j
        return _NEXT
    if st.prev in ("num", ""):
        if st.prev == "" and t.key in lex.vague:
            return _FAIL
        if 0 < st.last_scale < value:
            # a larger scale after a smaller one scales all before it:
            # "۲ هزار و ۵۰۰ میلیارد" is 2,500 billion, not 2,000 + 500 billion
            st.total = (st.total + (st.cur or 0.0)) * value
        else:
            st.total += (st.cur if st.cur is not None else 1.0) * value
        st.cur, st.scaled, st.last_scale = None, True, max(value, st.last_scale)
        st.prev, st.last = "scale", j
        return _NEXT
    return None


def _chain_fraction(st: _ChainSum, toks: list[Tok], j: int, lex: Lexicon, value: float) -> int:
    """ "یک و نیم میلیون" (1.5 million), "نیم میلیون", "مليون ونصف" (a million and a half)."""
    if st.prev == "conn" and st.cur is not None and st.cur >= 1:
        st.cur += value
    elif st.prev == "conn" and st.cur is None and st.last_scale:
        st.total += value * st.last_scale
        st.prev, st.last = "frac", j
        return _NEXT
    elif st.prev == "" and j + 1 < len(toks) and lex.strip_prefix(toks[j + 1].key, lex.scales):
        st.cur = value
    else:
        return _STOP
    st.prev, st.last = "num", j
    return _NEXT


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
    if key in lex.connectors and j + 2 < len(toks) and toks[j + 2].key in lex.fractions:
        return True  # "یک و نیم میلیون"
    if key in lex.counters:
        return True  # "دو نفر": a counter word makes the number a count
    return lex.strip_prefix(key, lex.scales) is not None or (key,) in lex.units or key in lex.words


def _gap(a: Tok, b: Tok) -> bool:
    """True when something other than white space separates two tokens (a comma, a stop)."""
    return not b.joined


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
    if chain.first != chain.last:
        return False
    nxt = toks[chain.last + 1] if chain.last + 1 < len(toks) else None
    counted = nxt is not None and nxt.joined and _counts(nxt.key, lex)
    if lex.short_years and re.fullmatch(r"\d{2}", t.text) and chain.first > 0:
        # "سال ۹۸": a year without its century (not "در یک سال ۴۰ درصد")
        return toks[chain.first - 1].key in lex.year_words and not counted
    if not re.fullmatch(r"\d{4}", t.text):
        return False
    if not any(lo <= chain.value <= hi for lo, hi in lex.year_ranges):
        return False
    if counted and nxt is not None and nxt.key not in lex.year_words:
        return False  # "۱۴۰۰ نفر", "2000 долларов": a count
    qual = qualifier_before(toks, chain.first, lex)
    if qual is not None and qual[0] != "up to":
        return False  # "بیش از ۱۴۰۰": a year takes no "more than"
    return _year_by_neighbours(chain, toks, lex)


def _year_by_neighbours(chain: Chain, toks: list[Tok], lex: Lexicon) -> bool:
    prv = toks[chain.first - 1].key if chain.first > 0 else ""
    nxt = toks[chain.last + 1] if chain.last + 1 < len(toks) else None
    if prv in lex.year_words or prv in lex.year_prepositions or nxt is None or not nxt.joined:
        return True
    if match_phrase(toks, chain.last + 1, lex.qualifiers, lex) is not None:
        return True  # "بودجه عمومی ۱۴۰۳ حدود …": another figure begins, this one counts nothing
    if prv in lex.connectors and chain.first > 1:
        # "سال‌های ۱۳۹۷ و ۱۳۹۸": a number joined to a year is a year too
        before = Chain(chain.first - 2, chain.first - 2, 0.0)
        if re.fullmatch(r"\d{4}", toks[before.first].text):
            before.value = float(toks[before.first].text)
            return is_year(before, toks, lex)
    return nxt.key in lex.year_words or nxt.key in lex.months


def _counts(key: str, lex: Lexicon) -> bool:
    """True when a word after a number makes it a count: a unit, counter or scale word."""
    return (key,) in lex.units or key in lex.counters or key in lex.scales


def is_date_or_ordinal(chain: Chain, toks: list[Tok], lex: Lexicon) -> bool:
    """A day of a month, a time of day, an ordinal, or a label ("ماده ۱۲", "статья 228").

    >>> [f.text for f in extract_figures_lang("ساعت ۸ صبح در رتبه ۱۲م و طبق ماده ۱۲", "fa")]
    []
    """
    nxt_tok = toks[chain.last + 1] if chain.last + 1 < len(toks) else None
    nxt = nxt_tok.key if nxt_tok is not None else ""
    prv = toks[chain.first - 1].key if chain.first > 0 else ""
    digits = toks[chain.first].text[0].isdigit()
    if nxt in lex.months or (prv in lex.months and digits):
        return True
    if lex.strip_prefix(prv, lex.labels) is not None or (digits and prv in lex.time_before):
        return True
    if nxt in lex.time_after and nxt_tok is not None and nxt_tok.joined:
        return True
    if nxt in lex.ordinal_suffixes and nxt_tok is not None:
        # "۱۲م", "۲۰‌ام": an ordinal ending glued (or ZWNJ-joined) to the digits
        if nxt_tok.start - toks[chain.last].end <= 1 and toks[chain.last].text[0].isdigit():
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
    chain = _vague_chain(toks, i, lex) or read_chain(toks, i, lex) or _dual(toks, i, lex)
    if chain is None:
        return None, i + 1
    if chain.low is None and (is_year(chain, toks, lex) or is_date_or_ordinal(chain, toks, lex)):
        return None, chain.last + 1
    chain = _range(toks, chain, lex)
    i = min(i, chain.first)
    unit, counted, end_tok = _unit_after(toks, chain.last, lex)
    unit = unit or chain.unit or (_unit_of_next(toks, chain, lex) if chain.change else None)
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


def _dual(toks: list[Tok], i: int, lex: Lexicon) -> Chain | None:
    """An Arabic dual noun is a number with its noun: "يومين" two days, "مرتين" twice.

    >>> [(f.value, f.unit) for f in extract_figures_lang("استمرت المفاوضات يومين.", "ar")]
    [(2.0, 'day')]
    """
    dual = lex.strip_prefix(toks[i].key, lex.duals)
    if dual is None:
        return None
    return Chain(i, i, 2.0, unit=lex.duals[dual] or None)


def _unit_of_next(toks: list[Tok], chain: Chain, lex: Lexicon) -> str | None:
    """The unit of the value after "to" ("من 6 إلى 9 بالمئة": both are percentages)."""
    second = read_chain(toks, chain.last + 2, lex) if chain.last + 2 < len(toks) else None
    return _unit_after(toks, second.last, lex)[0] if second is not None else None


def _vague_chain(toks: list[Tok], i: int, lex: Lexicon) -> Chain | None:
    """ "هزاران", "ده ها", "صدها هزار", "десятки тысяч": a vague amount, scaled by what follows.

    >>> [(f.low, f.high, f.unit) for f in extract_figures_lang("ده‌ها میلیون دلار", "fa")]
    [(10000000.0, 100000000.0, 'USD')]
    """
    vague = lex.strip_prefix(toks[i].key, lex.vague)
    last = i
    if vague is not None:
        low, high = lex.vague[vague]
    elif (
        i + 1 < len(toks)
        and toks[i + 1].key in lex.plural_suffixes
        and toks[i + 1].joined
        and (toks[i].key in lex.words or toks[i].key in lex.scales)
    ):
        # the plural ending typed apart ("ده ها", "میلیون ها")
        low = lex.words.get(toks[i].key) or lex.scales[toks[i].key]
        high, last = low * 10, i + 1
    else:
        return None
    while last + 1 < len(toks) and toks[last + 1].joined:
        scale = lex.strip_prefix(toks[last + 1].key, lex.scales)
        if scale is None or lex.scales[scale] <= 1:
            break
        low, high, last = low * lex.scales[scale], high * lex.scales[scale], last + 1
    return Chain(i, last, low, low, high, scaled=True)


def _unit_after(toks: list[Tok], end_tok: int, lex: Lexicon) -> tuple[str | None, str | None, int]:
    """The unit or counted noun right after the number's last token, and the figure's end."""
    hit = match_phrase(toks, end_tok + 1, lex.units, lex)
    if hit is None and end_tok + 1 < len(toks) and toks[end_tok + 1].text in ("%", "٪"):
        hit = ("%", 1)
    if hit is not None and not _gap(toks[end_tok], toks[end_tok + 1]):
        return hit[0], None, end_tok + hit[1]
    if end_tok + 2 < len(toks) and toks[end_tok + 1].key in lex.unit_prepositions:
        # "مئات الملايين من الدولارات": the unit after "of"
        hit = match_phrase(toks, end_tok + 2, lex.units, lex)
        if hit is not None and toks[end_tok + 1].joined and toks[end_tok + 2].joined:
            return hit[0], None, end_tok + 1 + hit[1]
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
    if lex.lang == "fa" and i > 0 and toks[i - 1].text in ("%", "٪"):
        return "%", i - 1
    return None, i


def _range(toks: list[Tok], chain: Chain, lex: Lexicon) -> Chain:
    """``chain`` joined to a second number by a range word ("10 تا 20", "от 10 до 20")."""
    j = chain.last + 1
    if j + 1 >= len(toks):
        return chain
    if not toks[j].joined or not toks[j + 1].joined:
        return chain
    between = chain.first > 0 and toks[chain.first - 1].key in lex.between
    if toks[j].key not in lex.range_words and not (between and toks[j].key in lex.connectors):
        return chain
    second = read_chain(toks, j + 1, lex)
    if second is None or second.value <= 0:
        return chain
    first = chain.first
    if first > 0 and toks[first - 1].key in lex.from_words:
        if any(t.key in lex.change_words for t in toks[max(0, first - 6) : first - 1]):
            # "ارتفع التضخم من 6 إلى 9": a change from one value to another, not a range
            chain.change = True
            return chain
    low = chain.value
    if second.scaled and not chain.scaled and low < second.value:
        # "۱۰ تا ۲۰ میلیون": the scale written once belongs to both ends
        scale = _scale_of(toks, second, lex)
        low *= scale
    if low >= second.value:
        return chain
    if first > 0 and toks[first - 1].key in lex.from_words:
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
