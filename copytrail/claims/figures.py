"""Figures (quantities) in claims: every number that measures or counts something.

``extract_figures(text)`` is a pure, rule-based reader of English news conventions. It finds
digit numbers with any separator, number words ("a hundred and twenty thousand"), multipliers
("$2bn", "1.5 million"), vague quantities ("tens of thousands"), fractions ("two-thirds",
"1/16"), units and currencies, ranges, qualifiers ("more than", "up to") and the direction of
a change ("rose 5%"). Numbers that are not quantities — years, dates, times, ordinals,
"Part 12", phone numbers, list numbering, URLs and product codes — are recognised and skipped
(or returned with their ``kind`` when ``include_non_quantities=True``).

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
- A lone "1.200" is 1200 (continental thousands) unless the text writes English decimals
  elsewhere ("0.5", "1,200"); "1.356 billion" is always a decimal.
- Non-quantity kinds (``NON_QUANTITY_KINDS``): year, date, time, ordinal, phone, list-number,
  part ("Part 12", "No. 10"), code (product/model/index codes, URLs, IDs), address.

>>> [(f.text, f.value, f.unit, f.counted, f.qualifier) for f in extract_figures(
...     "In 2019 more than 1,200 activists marched; damage topped $2bn.")]
[('more than 1,200', 1200.0, None, 'activist', 'more than'), ('$2bn', 2000000000.0, '$', None, 'exact')]
>>> [(f.text, f.low, f.high) for f in extract_figures("Tens of thousands of people rallied.")]
[('Tens of thousands', 10000.0, 100000.0)]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from copytrail.claims.numbers import (
    FRACTION_WORDS,
    MULTIPLIERS,
    ORDINAL_WORDS,
    SCALE_WORDS,
    VULGAR_FRACTIONS,
    fold_digits,
    fraction_value,
    parse_digits,
    words_value,
)
from copytrail.claims.sentences import sentence_spans
from copytrail.claims.units import (
    CURRENCIES,
    CURRENCY_SUFFIX_SYMBOLS,
    match_currency_before,
    match_rate,
    match_unit_after,
)

QUALIFIERS = (
    "exact", "approximately", "more than", "at least", "less than", "at most", "up to",
    "range", "vague",
)  # fmt: skip
NON_QUANTITY_KINDS = (
    "year", "date", "time", "ordinal", "phone", "list-number", "part", "code", "address",
)  # fmt: skip


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


# --------------------------------------------------------------------------- lexicons
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTHS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun".split()
)
_QUALIFIER_WORDS: list[tuple[str, str]] = [
    ("approximately", "approximately"), ("approx.", "approximately"), ("about", "approximately"),
    ("around", "approximately"), ("roughly", "approximately"), ("nearly", "approximately"),
    ("almost", "approximately"), ("close to", "approximately"), ("circa", "approximately"),
    ("an estimated", "approximately"), ("estimated", "approximately"), ("some", "approximately"),
    ("~", "approximately"), ("≈", "approximately"), ("c.", "approximately"),
    ("more than", "more than"), ("over", "more than"), ("above", "more than"),
    ("upwards of", "more than"), ("in excess of", "more than"), ("exceeding", "more than"),
    ("just over", "more than"), ("well over", "more than"), (">", "more than"),
    ("at least", "at least"), ("no less than", "at least"), ("no fewer than", "at least"),
    ("a minimum of", "at least"), ("≥", "at least"),
    ("less than", "less than"), ("fewer than", "less than"), ("under", "less than"),
    ("below", "less than"), ("just under", "less than"), ("<", "less than"),
    ("at most", "at most"), ("no more than", "at most"), ("a maximum of", "at most"),
    ("≤", "at most"), ("up to", "up to"), ("as many as", "up to"), ("as much as", "up to"),
]  # fmt: skip
_QUALIFIER_RE = re.compile(
    r"(?:(?<=[\s(])|^)(?P<q>"
    + "|".join(re.escape(w) for w, _ in sorted(_QUALIFIER_WORDS, key=lambda x: -len(x[0])))
    + r")\s*$",
    re.IGNORECASE,
)
_QUALIFIER_OF = {w: q for w, q in _QUALIFIER_WORDS}

_UP = (
    "rose rise rises rising risen up increased increase increases increasing gained gain gains "
    "jumped jump jumps climbed climb climbs surged surge surges soared soar soars grew grow grows "
    "growing added adds advanced advances rallied rally higher hiked boosted lifted spiked "
    "expanded edged"
)
_DOWN = (
    "fell fall falls falling fallen down dropped drop drops dropping declined decline declines "
    "decreased decrease decreases lost lose loses slid slide slides slipped slip plunged plunge "
    "tumbled tumble sank sink lower cut cuts shed sheds eased ease plummeted plummet shrank "
    "shrunk contracted slumped slump dipped dip retreated"
)
_CHANGE_WORDS = {w: "up" for w in _UP.split()} | {w: "down" for w in _DOWN.split()}
_CHANGE_WORDS |= {"growth": "up", "hike": "up", "boost": "up", "increases": "up"}
_CHANGE_WORDS |= {"loss": "down", "losses": "down", "reduction": "down", "cuts": "down"}
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

# Words after which a number is a label, not a quantity: "Part 12", "Section 427", "No. 10".
_LABELS = frozenset(
    """part section chapter article row game week round level room channel category phase
    stage grade class episode season vol vol. volume no no. nos number # unit gate platform
    route highway flight page p. pp. figure fig fig. table act scene verse psalm title rule
    amendment box lot suite apartment apt apt. floor district ward precinct exhibit appendix
    item question clause paragraph step test match heat lane court terminal pier bus line
    squad jersey shirt model series version generation gen tier resolution code dial""".split()
)
_YEAR_BEFORE = frozenset("in since until till during circa year a.d. ad b.c. bc".split())
_INDEX_BEFORE = re.compile(
    r"(?:\bS\s?&\s?P|\bS P|\bsp|FTSE|Nasdaq|NASDAQ|Stoxx|STOXX|Russell|Fortune|DAX|dax|CAC|cac|"
    r"Nikkei|ASX|Nifty|NIFTY|IBEX|AEX|OMX|MIB|TSX|Dow Jones|Euro Stoxx|Hang Seng|KOSPI|WIG)\s$"
)
# Labels that also read as labels in lower case ("part 2 of 5", "page 12", "no. 10").
_LOWER_LABELS = frozenset(
    """part section chapter article episode volume vol vol. page pp. p. phase stage round season
    game week row no no. nos number # paragraph clause amendment verse figure fig fig. table
    exhibit appendix question category grade gate platform route flight channel resolution code
    dial""".split()
)
# Function words that may precede a number at the start of a sentence or after a name
# without making it a product code ("About 70%", "Only 5 people").
_STOP = frozenset(
    """a an the this that these those some any each every no not and or but nor so yet for of
    in on at to from by with without into onto over under about around above below between
    among through during before after since until till than as per via while when where which
    who whom whose what why how if then also just only even still already nearly almost
    roughly approximately exactly precisely more less fewer most least up down out off again
    i you he she it we they me him her us them my your his its our their is are was were be
    been being am has have had do does did will would shall should can could may might must
    said says say told tells according another other such there here all both half
    total top just last next first only roughly barely within across against toward towards
    including include includes included like unlike near beyond plus minus excluding versus
    vs vs. some""".split()
)
_PLURAL_IRREGULAR = {
    "people": "people", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "staff": "staff", "police": "police",
    "personnel": "personnel", "cattle": "cattle", "sheep": "sheep", "fish": "fish",
    "deer": "deer", "aircraft": "aircraft", "troops": "troop", "data": "data",
    "media": "media", "criteria": "criterion", "phenomena": "phenomenon", "crises": "crisis",
    "analyses": "analysis", "theses": "thesis", "indices": "index", "lives": "life",
    "wives": "wife", "knives": "knife", "leaves": "leaf", "halves": "half", "shelves": "shelf",
    "wolves": "wolf", "thieves": "thief", "viruses": "virus", "buses": "bus",
    "bonuses": "bonus", "campuses": "campus", "censuses": "census", "statuses": "status",
    "species": "species", "series": "series", "news": "news", "means": "means",
}  # fmt: skip
_NOT_PLURAL = frozenset(
    "this his its was has is us as yes thus less plus gas bus lens news".split()
)
_STREET = re.compile(
    r"\s+(?:(?:[A-Z][\w.]*|\d+(?:st|nd|rd|th))\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|"
    r"Drive|Dr|Boulevard|Blvd|Way|Place|Pl|Court|Ct|Terrace|Square|Highway|Parkway|Crescent|"
    r"Close)\b\.?|\s+(?:Ave|Avenue|Rue|Via|Calle|Boulevard|Blvd|Piazza|Plaza)\.?\s+[A-Z]"
)

# --------------------------------------------------------------------------- patterns
_NUMWORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen)"
)
_SCALE = r"(?:hundred|thousand|million|billion|trillion|dozen)"
_FRACWORD = "|".join(sorted(FRACTION_WORDS, key=len, reverse=True))
_ORDWORD = "|".join(sorted((w for w in ORDINAL_WORDS if w != "second"), key=len, reverse=True))
_DIGITS = (
    r"(?:\d{1,3}(?P<sep>[,.' ])\d{3}(?![0-9])(?:(?P=sep)\d{3}(?![0-9])){0,5}(?:[.,]\d{1,12})?"
    r"|\d{1,24}(?:[.,]\d{1,12})?|(?<![\w.,])[.,]\d{1,12})"
)
_CANDIDATE = re.compile(
    # Cheap guard first: a candidate starts at a digit, a fraction sign or a word start.
    r"(?:(?=[0-9.,½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])|\b(?=[A-Za-z]))(?:"
    r"(?P<vague>\b(?:(?:tens|hundreds|dozens|scores)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:several|a\s+few)\s+(?:hundred|thousand|million|billion|dozen)"
    r"|(?:hundreds|thousands|millions|billions|dozens))\b)"
    r"|(?P<frac>\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]+"
    rf"(?:{_FRACWORD})\b(?!-))"
    rf"|(?P<outof>\b(?:\d{{1,3}}|{_NUMWORD})\s+(?:out\s+of|in)\s+(?:\d{{1,3}}|{_NUMWORD})\b(?![.,]\d))"
    rf"|(?P<fold>\b(?:\d{{1,4}}|{_NUMWORD})-?fold\b)"
    r"|(?P<half>\bhalf\b(?!\s+an?\s+(?:hundred|thousand|million|billion|dozen)\b)"
    r"(?=\s+(?:of|the|a|an|its|their|his|her|our|all|which)\b))"
    rf"|(?P<words>\b(?:(?:a|an|half\s+an?)\s+(?={_SCALE}\b))?{_NUMWORD}(?:-{_NUMWORD})?"
    rf"(?:(?:\s+|\s*-\s*|[\s-]+and[\s-]+(?=(?:a[\s-]+half|{_NUMWORD})\b))"
    rf"(?:a[\s-]+half|{_NUMWORD}(?:-{_NUMWORD})?)){{0,12}}"
    r"(?:\s+point(?:\s+(?:zero|one|two|three|four|five|six|seven|eight|nine))+)?\b)"
    rf"|(?P<ordword>\b(?:{_ORDWORD})\b)"
    rf"|(?P<digits>(?<![0-9]){_DIGITS}(?P<vulgar> ?[½⅓⅔¼¾⅛⅜⅝⅞])?)"
    r"|(?P<vulgaronly>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]))",
    re.IGNORECASE,
)
_BLOCKERS: list[tuple[str, re.Pattern[str]]] = [
    ("code", re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]+\.[\w.]+")),
    ("date", re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?")),
    ("date", re.compile(r"(?<![\d.])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d.%])")),
    (
        "date",
        re.compile(
            rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s?[-–]\s?\d{{1,2}}\b)?(?![\d,.]\d)(?:,?\s+\d{{4}})?\b"
        ),
    ),
    ("date", re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b")),
    ("date", re.compile(rf"\b{_MONTH}\s+\d{{4}}\b")),
    (
        "time",
        re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\b\.?|[AP]\.?M\b\.?)", re.I),
    ),
    ("time", re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])")),
    ("time", re.compile(r"\b\d{1,2}\s?(?:[ap]\.m\.|[ap]m\b|[AP]M\b|[AP]\.M\.|o'clock)")),
    (
        "time",
        re.compile(r"\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|UTC|BST|EDT|EST|PDT|PST|CET|CEST|hrs)\b"),
    ),
    ("phone", re.compile(r"(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?!\w)")),
    ("phone", re.compile(r"(?<![\w(])(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[.-]\d{4}(?!\w)")),
    ("phone", re.compile(r"(?<![\w.,])0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}(?![\w,])")),
    ("ordinal", re.compile(r"\b\d+(?:st|nd|rd|th)\b")),
    ("list-number", re.compile(r"(?m)^[ \t]*\d{1,3}[.)](?=[ \t])")),
    ("year", re.compile(r"(?<![\w'’])['’]?(?:1[5-9]|20)?\d0s\b")),
    ("year", re.compile(r"\b(?:19|20)\d{2}\s?[-–/]\s?(?:\d{2}|(?:19|20)\d{2})\b(?![-–/]\d)")),
    ("year", re.compile(r"\b(?:19|20)\d{2}['’]s\b")),
]
_FRACTION_OF_SCALE = re.compile(
    r"\s+of\s+an?\s+(hundred|thousand|million|billion|trillion)\b", re.I
)
_SCI = re.compile(r"\s*[×x*]\s*10\s*(?:\^|\*\*)?\s*(?P<e>[-+]?\d{1,3}|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_MULT_SPACED = re.compile(
    r"[ \t]*(?:-[ \t]*)?(?P<m>hundred|thousand|million|billion|trillion|mn|mln|bn|bln|tn|trn|lakhs?|"
    r"crores?|ألف|آلاف|مليون|ملايين|مليار|مليارات|هزار|میلیون|میلیارد)s?\b",
    re.IGNORECASE,
)
_MULT_GLUED = re.compile(r"(?P<m>mln|mil|mn|bn|bln|tn|trn|tr|k|K|m|M|b|B)(?![A-Za-z0-9])")
_AGE = re.compile(r"[ \t-]*(?P<u>year|month|week|day)s?[ \t-]*old\b", re.IGNORECASE)
_CONNECT = re.compile(r"[ \t]*(?P<c>-to-|-|–|—|to|and|or|through)[ \t]*(?=\S)", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
# Common irregular past tenses that follow a bare number ("the 12 came back").
_VERBS = frozenset(
    """came went said made took got left ran won lost saw gave told became began brought bought
    fell rose grew thanks""".split()
)
_ONE_NOT_AFTER = frozenset(
    "each every any no which same on another anyone someone this that".split()
)
_ONE_NOT_BEFORE = frozenset("another 's ’s day thing way".split())
_DETS = frozenset("the a an his her its their our my your these those this that all".split())


@dataclass
class _Read:
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


# --------------------------------------------------------------------------- public API
def extract_figures(text: str, include_non_quantities: bool = False) -> list[Figure]:
    """Every quantity mentioned in ``text``, in order of appearance.

    With ``include_non_quantities=True`` years, dates, times, ordinals, labels ("Part 12"),
    phone numbers, list numbers and codes are returned too, each with its ``kind``.

    The cascade, per number found left to right (digits are folded to ASCII first, same length):
    blocked spans (dates, times, phones, URLs, ordinals, list numbers, decades) → the number
    itself (digits, words, fractions, vague plurals) → multiplier, unit, currency and rate to its
    right → year / label / address / product-code tests → a range with the next number →
    qualifier, sign and currency to its left → what it counts.

    >>> [f.text for f in extract_figures("On March 3, 2020, part 2 of 5 was 30 km long.")]
    ['5', '30 km']
    >>> [(f.text, f.kind) for f in extract_figures("Call 555-123-4567 at 5 p.m.", True)]
    [('555-123-4567', 'phone'), ('5 p.m.', 'time')]
    """
    folded = fold_digits(text)
    sents = sentence_spans(text)
    starts = [s for s, _ in sents]
    blocked = _blocked_spans(folded)
    block_starts = [b[0] for b in blocked]
    reads: list[_Read] = []
    pos = last_end = 0
    while (m := _CANDIDATE.search(folded, pos)) is not None:
        blk = _blocking(blocked, block_starts, m.start(), m.end())
        if blk is not None:
            if include_non_quantities and blk[0] >= pos:
                reads.append(
                    _Read(blk[0], blk[1], _first_number(folded[blk[0] : blk[1]]), kind=blk[2])
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
        if r.kind != "quantity" and not include_non_quantities:
            continue
        reads.append(r)
    out: list[Figure] = []
    for r in reads:
        i = bisect.bisect_right(starts, r.start) - 1
        j = bisect.bisect_right(starts, r.end - 1) - 1
        s_start = sents[i][0] if i >= 0 else 0
        # A figure that runs past a sentence boundary ("5. 6 km") keeps both sentences.
        s_end = max(sents[j][1] if j >= 0 else len(text), r.end)
        s_start = min(s_start, r.start)
        change = _change(folded, r) if r.kind == "quantity" else None
        low: float | None
        high: float | None
        if r.qualifier in ("more than", "at least"):
            low, high = r.value, None
        elif r.qualifier in ("less than", "at most", "up to"):
            low, high = None, r.value
        else:
            low = r.low if r.low is not None else r.value
            high = r.high if r.high is not None else r.value
        out.append(
            Figure(
                start=r.start,
                end=r.end,
                text=text[r.start : r.end],
                value=r.value,
                low=low,
                high=high,
                qualifier=r.qualifier,
                unit=r.unit,
                counted=r.counted,
                sentence_start=s_start,
                sentence_end=s_end,
                change=change,
                kind=r.kind,
            )
        )
    return out


# --------------------------------------------------------------------------- blocking
def _blocked_spans(t: str) -> list[tuple[int, int, str]]:
    """Dates, times, phones, URLs, ordinals, list numbers and years, longest first on overlap."""
    spans: list[tuple[int, int, str]] = []
    for kind, rx in _BLOCKERS:
        for m in rx.finditer(t):
            if kind == "year" and re.search(r"\d[-–/]\d", m.group(0)):
                if _quantity_follows(t, m.end()):
                    continue  # "2000-3000 people" is a range of people, not of years
            spans.append((m.start(), m.end(), kind))
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for s in spans:
        if merged and s[0] < merged[-1][1]:
            if s[1] > merged[-1][1] and s[1] - s[0] > merged[-1][1] - merged[-1][0]:
                merged[-1] = s
            continue
        merged.append(s)
    return merged


def _blocking(
    blocked: list[tuple[int, int, str]], starts: list[int], s: int, e: int
) -> tuple[int, int, str] | None:
    i = bisect.bisect_right(starts, s) - 1
    for j in (i, i + 1):
        if 0 <= j < len(blocked):
            b = blocked[j]
            if b[0] < e and s < b[1]:
                return b
    return None


def _quantity_follows(t: str, pos: int) -> bool:
    if match_unit_after(t, pos + 1 if t[pos : pos + 1] == " " else pos) is not None:
        return True
    w = _WORD.match(t, pos + 1) if t[pos : pos + 1] == " " else None
    return bool(w and _is_plural(w.group(0)) and w.group(0).islower())


def _first_number(s: str) -> float:
    m = re.search(r"\d+(?:\.\d+)?", s)
    return float(m.group(0)) if m else 0.0


# --------------------------------------------------------------------------- reading
def _read_quantity(t: str, m: re.Match[str]) -> _Read | None:
    """One candidate through the cascade of :func:`extract_figures`."""
    r = _read_core(t, m)
    if r is None:
        return None
    if r.kind != "quantity":
        return r
    _extend_right(t, r)
    if r.words and r.unit is None:
        prev = re.search(r"([A-Za-z][\w.]*)\s$", t[max(0, r.start - 20) : r.start])
        if prev and prev.group(1)[0].isupper() and prev.group(1).lower() in _LABELS:
            r.kind = "part"  # "Part Two", "Chapter Eleven"
    if r.kind == "quantity":
        _classify_digits(t, r, m)
    if r.kind != "quantity":
        return r
    _read_range(t, r)
    _left_context(t, r)
    if r.kind != "quantity":
        return r
    if r.qualifier == "range" and _STREET.match(t, r.end):
        r.kind = "address"
        return r
    _age_apposition(t, r)
    if r.unit is None and 0 < r.value < 1 and not r.vague:
        of = re.match(
            r"\s+of\s+(?:a|an|one)\s+(?:US\s+|U\.S\.\s+|imperial\s+)?", t[r.end : r.end + 200]
        )
        if of:
            hit = match_unit_after(t, r.end + of.end())
            if hit is not None:
                r.unit = hit[0]  # "1/16 of a US pint" = 1/16 pint
    if r.counted is None:
        r.counted = _counted(t, r)
    return r


def _read_core(t: str, m: re.Match[str]) -> _Read | None:
    g = m.lastgroup
    s, e = m.start(), m.end()
    word = m.group(0)
    if g == "vague":
        return _vague(word, s, e)
    if g == "frac":
        parts = re.split(r"[\s-]+", word)
        v = fraction_value(parts[0], parts[-1])
        if v is None:
            return None
        of = _FRACTION_OF_SCALE.match(t, e)
        if of:  # "a quarter of a million"
            return _Read(s, of.end(), v * SCALE_WORDS[of.group(1).lower()], words=True)
        return _Read(s, e, v, words=True)
    if g == "outof":
        a, b = re.split(r"\s+(?:out\s+of|in)\s+", word, flags=re.IGNORECASE)
        num = parse_digits(a) if a[0].isdigit() else words_value([a])
        den = parse_digits(b) if b[0].isdigit() else words_value([b])
        if num is None or not den or num >= den:
            return None
        return _Read(s, e, num / den, words=True)
    if g == "fold":
        n = word[:-4].rstrip("-")
        v = parse_digits(n) if n[0].isdigit() else words_value([n])
        return None if v is None else _Read(s, e, v, words=True, counted="time")
    if g == "half":
        before = t[max(0, s - 12) : s].lower().split()
        if before and (before[-1] in ORDINAL_WORDS or before[-1] in ("the", "second", "a")):
            return None
        return _Read(s, e, 0.5, words=True)
    if g == "words":
        return _number_words(t, word, s, e)
    if g == "ordword":
        return _Read(s, e, float(ORDINAL_WORDS[word.lower()]), kind="ordinal")
    if g == "vulgaronly":
        if s > 0 and t[s - 1].isalnum():
            return None
        return _Read(s, e, VULGAR_FRACTIONS[word])
    # digits
    vulgar = m.group("vulgar")
    body = word[: m.start("vulgar") - s] if vulgar else word
    vulgar = vulgar.strip() if vulgar else vulgar
    if body.endswith(" ") or (m.group("sep") == " " and re.match(r"\s\d", t[e : e + 2] or "")):
        return None
    v = parse_digits(body, decimal_hint=_decimal_point_text(t))
    if v is None:
        return None
    frac = VULGAR_FRACTIONS[vulgar] if vulgar else 0.0
    r = _Read(s, e, v + frac, frac=frac)
    # Scientific notation: "1.99×10−30", "6.02 x 10^23".
    sci = _SCI.match(t, e)
    if sci:
        exp = int(sci.group("e").translate(_SUPERSCRIPT))
        if abs(exp) <= 300:
            r.value = v * 10.0**exp
            r.end = sci.end()
    # Fractions written with a slash: "1/16", "3/4" (not "24/7" or "9/11").
    fm = re.match(r"/(\d{1,4})(?![\d/])", t[r.end : r.end + 200])
    if fm and "." not in body and "," not in body:
        den = int(fm.group(1))
        if den in (2, 3, 4, 5, 8, 10, 16, 32, 64, 100, 128, 1000) and 0 < v < den:
            r.value = v / den
            r.end += fm.end()
            whole = re.search(r"(?<![\d.,])(\d{1,3}) $", t[max(0, s - 5) : s])
            if whole:  # "2 1/2"
                r.start = s - len(whole.group(0))
                r.value += float(whole.group(1))
        else:
            r.kind = "code"
            r.end += fm.end()
    return r


@lru_cache(maxsize=4)
def _decimal_point_text(t: str) -> bool:
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


def _vague(word: str, s: int, e: int) -> _Read:
    w = word.lower().split()
    scale = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "hundreds": 1e2, "dozens": 12}
    single = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "dozen": 12}
    if w[0] in ("tens", "hundreds", "dozens", "scores") and len(w) == 3:
        base = scale[w[2]] * {"tens": 10, "hundreds": 100, "dozens": 12, "scores": 20}[w[0]]
        low, high = base, base * 10
    elif w[0] in ("several", "a", "few"):
        base = single[w[-1]]
        low, high = (3 * base, 9 * base) if w[0] == "several" else (2 * base, 9 * base)
    else:
        base = scale[w[0]]
        low, high = base, base * 10
    return _Read(s, e, low, low=low, high=high, vague=True, words=True, qualifier="vague")


def _number_words(t: str, word: str, s: int, e: int) -> _Read | None:
    parts = word.split()
    lower = word.lower()
    before = t[max(0, s - 20) : s].split()
    prev = before[-1].lower() if before else ""
    nxt = re.match(r"\s*([\w'’-]+|\S)", t[e : e + 200])
    nw = nxt.group(1).lower() if nxt else ""
    if lower in ("one", "a", "an"):
        # "one" is a number before a noun ("one solution", "one of the people") but a
        # pronoun in "each one", "the one who", "on one".
        if nw == "of":
            if re.match(
                r"\s+of\s+(?:the\s+)?(?:\d|" + _NUMWORD + r"\b)", t[e : e + 200], re.IGNORECASE
            ):
                return None  # "one of four concepts": the four is the figure
            if prev in ("no", "any", "every", "each", "which"):
                return None
        elif prev in _DETS - {"a", "an"} or prev in _ONE_NOT_AFTER:
            return None
        elif re.match(
            r"\s+(?:to|or|-)\s+(?:\d|" + _NUMWORD + r"\b)", t[e : e + 200], re.IGNORECASE
        ):
            pass  # "one to two years"
        elif nxt and nxt.group(1)[:1].isupper() and nxt.group(1) != "I":
            pass  # "One US fluid ounce"
        elif (
            nw in _ONE_NOT_BEFORE
            or nw[:1].isdigit()
            or not nw[:1].isalpha()
            or nw in _STOP - {"per"}
        ):
            return None
    if lower.split("-")[0] in SCALE_WORDS and re.search(
        r"[\w%$€£¥/:.,-]\s*$", t[max(0, s - 3) : s]
    ):
        if not re.search(r"\b(?:a|an)\s+$", t[max(0, s - 4) : s]):
            return None  # "million" left over after a number that was not a quantity
    if lower == "dozen" and prev not in ("a", "one", "half", "two", "three"):
        return None  # "a baker's dozen"
    if lower == "zero" and match_unit_after(t, e + 1) is None and not _plural_soon(t, e):
        return None  # "net zero", "ground zero", "zero tolerance"
    if re.match(r"-[A-Za-z]", t[e : e + 2]):
        # Idioms are not figures: "one-time", "two-way", "five-star".
        if re.match(
            r"-(?:time|off|on|way|sided|stop|shot|liner|star|size|fits)\b", t[e : e + 200].lower()
        ):
            return None
    v = words_value(parts)
    if v is None:
        # "five- and six-cylinder": two numbers joined by "and"; read the first, rescan the
        # rest. Other invalid sequences ("nineteen eighty-four") are not figures.
        cuts = [mm.start() for mm in re.finditer(r"[\s-]+and[\s-]", word, re.IGNORECASE)]
        for cut in reversed(cuts):
            head = word[:cut]
            v = words_value(head.replace("-", " ").split())
            if v is not None:
                e = s + cut
                break
        if v is None or e == s + len(word):
            return None
    r = _Read(s, e, v, words=True)
    last = parts[-1].lower().split("-")[-1]
    if last in SCALE_WORDS and v >= SCALE_WORDS[last]:
        r.scale = SCALE_WORDS[last]  # lets "four to five thousand" scale the four
    return r


def _extend_right(t: str, r: _Read) -> None:
    """Multiplier, age, unit, currency suffix and rate after the number."""
    e = r.end
    currency = match_currency_before(t, r.start) if not r.words else None
    sign_cur = None
    if currency is None and r.start >= 2 and t[r.start - 1] == "-" and not r.words:
        sign_cur = match_currency_before(t, r.start - 1)
    # multiplier
    mm = _MULT_SPACED.match(t, e)
    if mm and not r.vague:
        r.mult = MULTIPLIERS[
            mm.group("m").lower().rstrip("s")
            if mm.group("m").lower() not in MULTIPLIERS
            else mm.group("m").lower()
        ]
        e = mm.end()
    elif not r.words and not r.vague:
        gm = _MULT_GLUED.match(t, e)
        if gm:
            mult = gm.group("m")
            has_cur = currency is not None or sign_cur is not None
            ok = True
            if mult in ("K", "b", "B") and not has_cur and not _plural_soon(t, gm.end()):
                ok = False  # "4K" is a resolution and "2B" a code; "25K runners" is a count
            if mult == "m" and not has_cur and not _plural_soon(t, gm.end()):
                ok = False  # "37m" is metres unless counting something: "2.7m people"
            if ok:
                r.mult = MULTIPLIERS[mult]
                e = gm.end()
    if r.mult != 1.0:
        if not r.words:
            body = t[r.start : r.end].rstrip("½⅓⅔¼¾⅛⅜⅝⅞ ")
            v = parse_digits(body, decimal_hint=True)
            r.value = v + r.frac if v is not None else r.value
        r.value *= r.mult
        if r.low is not None:
            r.low *= r.mult
        if r.high is not None:
            r.high *= r.mult
    # "a dozen" after a number: "2 dozen"
    dz = re.match(r"\s+dozen\b", t[e : e + 200])
    if dz and not r.words:
        r.value *= 12
        e += dz.end()
    r.end = e
    # vague "of thousands"/"of dollars" continue below via counted/unit
    if currency is not None or sign_cur is not None:
        code, cstart = currency or sign_cur  # type: ignore[misc]
        r.unit = code
        if sign_cur is not None:
            r.value = -r.value
        r.start = cstart
        rate = match_rate(t, r.end)
        if rate is not None:
            r.unit = f"{code}/{rate[0]}"
            r.end = rate[1]
        return
    age = _AGE.match(t, r.end)
    if age:
        r.unit = age.group("u").lower()
        r.counted = "age"
        r.end = age.end()
        return
    sym = t[r.end : r.end + 2]
    for k in (2, 1):
        code = CURRENCY_SUFFIX_SYMBOLS.get(sym[:k].strip()) if sym[:k].strip() else None
        if code and (k == 1 or sym[0] == " "):
            r.unit = code
            r.end += k
            return
    p = r.end
    if r.vague:
        of = re.match(r"\s+of\s+", t[p : p + 200])
        if of:
            u = match_unit_after(t, p + of.end())
            if (
                u is not None
                and u[0] in CURRENCIES | {"$"}
                or (u and u[0] in ("mi", "km", "year", "t"))
            ):
                r.unit, r.end = u
            return
    glued = p < len(t) and t[p].isalpha()
    hyphen = t[p : p + 1] == "-" and not r.vague
    q = p + 1 if hyphen else p
    if not glued and not hyphen:
        sp = re.match(r"[ \t]?", t[p : p + 200])
        q = p + (sp.end() if sp else 0)
    hit = match_unit_after(t, q, glued=glued)
    if hit is not None and not (hyphen and hit[0] in ("%",)):
        unit, end = hit
        if t[q:end] == "in." and not glued:
            return
        r.unit, r.end = unit, end
        if (
            hyphen
            and t[end : end + 1] == "-"
            and re.match(r"-(long|high|wide|deep|tall|old)\b", t[end : end + 200])
        ):
            r.end = end + re.match(r"-\w+", t[end : end + 200]).end()  # type: ignore[union-attr]
        return
    times = re.match(r"[x×](?![A-Za-z0-9])", t[p : p + 2])
    if times and not r.vague:
        r.end, r.counted = p + 1, "time"  # "grew 3x": a factor, like "threefold"
        return
    if glued:
        # Letters glued to a number that are not a unit or multiplier: "9AB8", "3D", "4K".
        w = re.match(r"[A-Za-z]+", t[p : p + 200])
        if w and w.group(0).lower() not in ("s",):
            r.kind = "code"
            r.end = p + w.end()


_DOLLARS = frozenset({"$", "USD", "AUD", "CAD", "NZD", "HKD", "SGD"})


def _unit_join(a: str | None, b: str | None) -> str | None | bool:
    """The unit of "A to B", or False when the two cannot be one range."""
    if a is None or b is None or a == b:
        return a or b
    if b.startswith(a + "/"):
        return b  # "$62 and $68 per share"
    if a in _DOLLARS and b.split("/")[0] in _DOLLARS:
        return a if a != "$" else b  # "US$89 to $93 billion"
    return False


def _read_range(t: str, r: _Read) -> None:
    if r.kind != "quantity" or r.vague:
        return
    c = _CONNECT.match(t, r.end)
    if not c:
        return
    conn = c.group("c").lower()
    before = t[max(0, r.start - 12) : r.start].lower().split()
    prev = before[-1] if before else ""
    if conn == "and" and prev != "between":
        return
    m = _CANDIDATE.match(t, c.end())
    if m is None:
        # "$89 to $93 billion": a currency mark before the second number
        cm = re.match(
            r"(?:US\s?\$|\$US|[A-Z]{1,3}\s?\$|\$|€|£|¥|PS|Y=|RM)\s?", t[c.end() : c.end() + 200]
        )
        if not cm:
            return
        m = _CANDIDATE.match(t, c.end() + cm.end())
        if m is None:
            return
    if m.lastgroup not in ("digits", "words") or (
        m.lastgroup == "words" and not r.words and conn != "to"
    ):
        return
    other = _read_core(t, m)
    if other is None or other.kind != "quantity":
        return
    _extend_right(t, other)
    if other.kind != "quantity":
        return
    if conn == "or" and not (
        r.words
        and other.words
        or max(r.value, other.value) <= 12
        and r.mult == other.mult == 1
        and r.unit is None
    ):
        return  # "three or four years" is a range; "25k or 40k" are two figures
    if conn in ("to", "through", "or"):
        if r.unit is not None and (prev == "by" or prev in _CHANGE_WORDS):
            return  # "increased by $43.6bn to $419.2bn": a change and a new level
        if not (prev in ("from", "between") or r.unit is None or _unit_join(r.unit, other.unit)):
            return
    unit = _unit_join(r.unit, other.unit)
    if unit is False:
        return
    lo = r.value
    o_mult, r_mult = other.mult * other.scale, r.mult * r.scale
    if r_mult == 1.0 and o_mult != 1.0 and lo * o_mult <= other.value * 10:
        lo *= o_mult
    hi = other.value
    r.low, r.high = min(lo, hi), max(lo, hi)
    r.value = r.low
    r.unit = unit if isinstance(unit, str) else None
    r.end = other.end
    r.qualifier = "range"
    r.counted = other.counted
    if prev == "between":
        r.start = t.rfind("between", 0, r.start)


def _left_context(t: str, r: _Read) -> None:
    head = t[max(0, r.start - 25) : r.start]
    # signs and hyphen-glued prefixes: "-5 yards", "minus-5", "sub-7", "TA-35"
    if not r.words and r.start > 0 and t[r.start - 1] == "-":
        w = re.search(r"([A-Za-z]+)-$", head)
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
            elif word in ("then", "now", "mid", "pre", "post", "and", "or", "to"):
                pass
            else:
                r.kind = "code"
            return
        if r.start >= 2 and t[r.start - 2].isdigit():
            r.kind = "code"  # the tail of "3888-2" or a "2-1" that was not read as a range
            return
        if r.start >= 3 and t[r.start - 2] == " " and t[r.start - 3].isupper():
            r.kind = "code"  # "COVID -19"
            return
        if r.start == 1 or t[r.start - 2] in " (\t\n":
            r.value = -r.value
            r.start -= 1
            if r.low is not None:
                r.low, r.high = -(r.high or 0), -r.low
    elif not r.words and r.start > 0 and (t[r.start - 1].isalpha() or t[r.start - 1] in "&#"):
        if match_currency_before(t, r.start) is None:
            r.kind = "code" if t[r.start - 1] != "#" else "part"
            return
    elif not r.words and r.start > 1 and t[r.start - 1] in ".:" and t[r.start - 2].isdigit():
        r.kind = "code"  # the tail of "2.3.1" or "2:21-cv"
        return
    if re.search(r"(?:plus or minus|±)\s*$", head, re.IGNORECASE):
        return  # a margin of error, not a negative number
    if re.search(r"\bminus\s$", head, re.IGNORECASE):
        r.value, r.start = -r.value, r.start - 6
        return
    if r.qualifier != "exact":
        return
    qm = _QUALIFIER_RE.search(head)
    if qm:
        q = qm.group("q").lower()
        if q in ("over", "under", "above", "below", "some") and r.words and r.value < 2:
            return
        if q == "some" and not r.words and r.unit is None and r.counted is None:
            return
        r.qualifier = _QUALIFIER_OF[q]
        r.start = r.start - (len(head) - qm.start("q"))


def _classify_digits(t: str, r: _Read, m: re.Match[str]) -> None:
    """Years, labels, addresses and codes among bare digit numbers (before ranges are read)."""
    if m.lastgroup != "digits" or r.words:
        return
    raw = m.group(0)
    bare = r.unit is None and r.mult == 1.0
    before = t[max(0, m.start() - 30) : m.start()]
    prev_m = re.search(r"([A-Za-z][\w.&'’-]*|#)\s?$", before)
    prev = prev_m.group(1) if prev_m else ""
    low = prev.lower()
    nxt = _WORD.match(t, r.end + 1) if t[r.end : r.end + 1] == " " else None
    plural_next = bool(nxt and nxt.group(0).islower() and _is_plural(nxt.group(0)))
    if bare and re.fullmatch(r"\d{4}", raw) and 1000 <= r.value <= 2100 and not plural_next:
        counted_of = re.search(
            r"\b(?:average|total|sum|maximum|minimum|tally|estimate|price)\s+of\s$", before
        )
        after_year = re.search(r"\b(?:1\d|20)\d\d\s+(?:and|to|or|until|till)\s$", before)
        if (
            (r.value >= 1500 and not counted_of)
            or after_year
            or low in _YEAR_BEFORE
            or t[r.end : r.end + 1] == "s"
        ):
            r.kind = "year"
            return
    if low in _LABELS and (prev[:1].isupper() or low in _LOWER_LABELS):
        r.kind = "part"
        return
    if not bare:
        return
    if _STREET.match(t, r.end) or (nxt and nxt.group(0) in ("ZIP", "zip", "postcode")):
        r.kind = "address"
        return
    if _INDEX_BEFORE.search(before):
        r.kind = "code"  # "S&P 500", "FTSE 100": index names, not counts
        return
    if (
        before.endswith("(")
        and t[r.end : r.end + 1] == ")"
        and re.search(r"[A-Z][a-z]+ \($", before)
    ):
        r.kind = "code"  # "Dak Prescott (4)": a shirt number
        return
    # A number right after a capitalised name is a model/product code: "iPhone 11",
    # "Stoxx 600", "Big 12" — unless it counts something plural after it.
    possessive = prev.endswith(("'s", "’s", "s'", "s’"))
    if (
        prev
        and any(c.isupper() for c in prev)
        and before.endswith(" ")
        and not plural_next
        and not possessive
        and not re.search(r"\d[, ]\d{3}", raw)  # "Gaza 1,500": grouped thousands are counts
    ):
        if (
            low not in _STOP
            and low.rstrip(".") not in _MONTHS
            and low.rstrip(".,") not in _WEEKDAYS
            and low not in _QUALIFIER_OF
        ):
            start_of_sentence = re.search(r"(?:^|[.!?]\s+|\n)\S+\s$", before) is not None
            if not start_of_sentence:
                r.kind = "code"
                return
    # A number followed by a capitalised name that is not a unit: "787 Dreamliner".
    if nxt and nxt.group(0)[:1].isupper() and re.fullmatch(r"\d{3,}", raw):
        if not _plural_soon(t, r.end, capitals=True):
            if nxt.group(0).lower().rstrip(".") not in _MONTHS:
                r.kind = "code"


def _age_apposition(t: str, r: _Read) -> None:
    """Age in apposition: "Maddon, 66, has ..."."""
    before = t[max(0, r.start - 30) : r.start]
    if (
        r.unit is None and r.qualifier == "exact" and 0 < r.value < 120
        and float(r.value).is_integer()
        and re.search(r"[A-Za-z][a-z]+,\s$", before) and re.match(r",\s", t[r.end : r.end + 2])
    ):  # fmt: skip
        r.unit, r.counted = "year", "age"
    elif re.search(r"\baged\s$", before) and r.unit is None:
        r.unit, r.counted = "year", "age"


def _change(t: str, r: _Read) -> str | None:
    head = t[max(0, r.start - 40) : r.start]
    cm = _CHANGE_BEFORE.search(head)
    if cm and cm.group("w").lower() in _CHANGE_WORDS:
        return _CHANGE_WORDS[cm.group("w").lower()]
    an = _CHANGE_NOUN_AFTER.match(t, r.end)
    if an and r.unit is not None:
        return _CHANGE_NOUNS[an.group("w").lower()]
    return None


# --------------------------------------------------------------------------- counted noun
def _plural_soon(t: str, pos: int, capitals: bool = False) -> bool:
    """Is a plural noun among the next few words ("2.7m combined digital and physical sales")?"""
    for i, w in enumerate(_WORD.finditer(t[pos : pos + 60])):
        word = w.group(0)
        if capitals and word[:1].isupper() and not _is_plural(word):
            continue
        if i == 0 and w.start() > 1:
            return False
        if word.lower() in ("and", "or"):
            continue
        if word.lower() in _STOP or i > 5:
            return False
        if match_unit_after(word, 0) is not None and i == 0:
            return True
        if _is_plural(word):
            return True
    return False


def _is_plural(word: str) -> bool:
    w = word.lower()
    if w in _PLURAL_IRREGULAR:
        return True
    if w in _NOT_PLURAL or len(w) < 3:
        return False
    return w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def lemma(word: str) -> str:
    """Light singular of a plural noun.

    >>> [lemma(w) for w in ["activists", "properties", "viruses", "launches", "women", "Americans"]]
    ['activist', 'property', 'virus', 'launch', 'woman', 'American']
    """
    w = word.lower()
    if w in _PLURAL_IRREGULAR:
        base = _PLURAL_IRREGULAR[w]
    elif w.endswith("men") and len(w) > 4:
        base = w[:-3] + "man"
    elif not _is_plural(w):
        return word
    elif w.endswith("ies") and len(w) > 4:
        base = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        base = w[:-2]
    else:
        base = w[:-1]
    return (
        word[: len(base)]
        if word[: len(base)].lower() == base
        else (base.capitalize() if word[:1].isupper() else base)
    )


def _counted(t: str, r: _Read) -> str | None:
    pos = r.end
    of = re.match(
        r"[ \t]+of[ \t]+(?:(?:the|its|their|his|her|our|my|your|these|those|this|that|all)[ \t]+)?",
        t[pos : pos + 200],
    )
    if of:
        # "dozens of activists", "40% of voters", "1.5 million litres of untreated water"
        if not (r.words or r.vague or r.value < 1 or r.unit is not None):
            return None
        pos += of.end()
    elif r.unit is not None and r.unit not in CURRENCIES:
        return None
    elif t[pos : pos + 1] not in (" ", "-"):
        return None
    elif r.unit is not None and not t[pos + 1 : pos + 2].islower():
        return None  # "$2.3 million budget gap" names what the money is; "$6 (US$4.46)" not
    words: list[str] = []
    for w in _WORD.finditer(t, pos):
        gap = t[pos : w.start()]
        if gap.strip() not in ("", "-") or len(gap) > 2:
            break
        word = w.group(0)
        if word.lower() in _STOP or word.lower() in _CHANGE_WORDS and not _is_plural(word):
            break
        if word.lower().endswith("ly") or (
            words and word.lower().endswith("ed") and not word[0].isupper()
        ):
            break
        if words and r.value == 1 and not of and _is_plural(word):
            break  # "One proposal asks ...": after a singular head, an -s word is a verb
        words.append(word)
        pos = w.end()
        if _is_plural(word) or len(words) == 4:
            break
    if not words:
        return None
    if not any(_is_plural(w) for w in words) and r.value != 1 and not of:
        first = words[0].lower()
        if first.endswith(("ed", "ing")) or first in _VERBS or words[0][:1].isupper():
            return None  # "4 Started", "around 73 raising", "2-1 thanks": no counted noun
    head = words
    for i, word in enumerate(words):
        if _is_plural(word):
            head = words[: i + 1]
            break
    else:
        if r.value != 1 and len(words) > 2:
            head = words[:2]
    # "members of Congress": a head noun followed by "of" and a proper name.
    tail = (
        re.match(r" of ((?:[A-Z][\w'’-]*)(?: [A-Z][\w'’-]*)*)", t[pos : pos + 200])
        if len(head) == len(words)
        else None
    )
    phrase = " ".join(head[:-1] + [lemma(head[-1])])
    if tail:
        phrase += " of " + tail.group(1)
    elif len(head) == len(words):
        rate = match_rate(t, pos)
        if rate is not None:
            phrase += " per " + rate[0]  # "3,000 tests per day"
    return phrase


__all__ = ["Figure", "NON_QUANTITY_KINDS", "QUALIFIERS", "extract_figures", "lemma"]
