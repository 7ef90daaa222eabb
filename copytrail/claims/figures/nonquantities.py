"""Numbers that are not quantities: years, dates, times, ordinals, labels, phones, codes.

Two passes. ``blocked_spans`` finds dates, times, phone numbers, URLs, ordinals, list numbers
and decades by pattern before any number is read; ``classify_digits`` then tells years, labels
("Part 12"), addresses and product codes ("iPhone 11") apart from counts among bare digits,
and :func:`~copytrail.claims.figures.scores.is_final_score` tells a game's result ("beat Charlton
2-1") from an amount. Ages are read in :mod:`~copytrail.claims.figures.ages`.

>>> from copytrail.claims.figures import extract_figures
>>> [(f.text, f.kind) for f in extract_figures("Since 2019, Section 4 of the iPhone 11 manual.", True)]
[('2019', 'year'), ('4', 'part'), ('11', 'code')]
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from copytrail.claims.figures.counted import WORD, is_plural
from copytrail.claims.figures.units import TIME_UNITS, match_unit_after
from copytrail.claims.figures.wordlists import lexicon

if TYPE_CHECKING:
    from copytrail.claims.figures.mentions import Mention


NON_QUANTITY_KINDS = (
    "year", "date", "time", "ordinal", "phone", "list-number", "part", "code", "address",
    "modifier", "score",
)  # fmt: skip
# A duration hyphenated onto a noun ("a five-year contract", "the 10-year yield", "a two-month
# deal") names a kind of thing rather than asserting an amount, and news annotators leave it
# out. Measurements keep their hyphen ("a 3.5-liter engine", "a 185-hp V-6").
_DURATION_MODIFIER = re.compile(
    r"-(?:year|month|week|day|hour|minute|second|decade|century)s?(?:-long)?"
    r"(?= (?!(?:and|or|to|of|in|on|at|for|with|by|from|as|than|ago|old|long|later|earlier|"
    r"before|after|is|was|are|were|has|had)\b)[A-Za-z]"
    # ... or stacked onto an amount ("a five-year $700,000 grant", like "the 10-year $1bn
    # bond"); with a comma the two are coordinate measures ("a five-year, $70m deal").
    r"| (?:US|C|A)?[$€£¥]\s?\d)",
    re.IGNORECASE,
)


def is_duration_modifier(t: str, r: Mention) -> bool:
    """Is this a duration used as an adjective before a noun ("a five-year plan")?

    >>> from copytrail.claims.figures import extract_figures
    >>> [f.text for f in extract_figures("He signed a five-year contract worth $70m.")]
    ['$70m']
    >>> [f.text for f in extract_figures("The deal lasts five years; a five-year, $70m deal.")]
    ['five years', 'five-year', '$70m']
    >>> [f.text for f in extract_figures("He won a five-year $700,000 grant.")]
    ['$700,000']
    """
    if r.unit not in TIME_UNITS or "-" not in t[r.start : r.end] or r.counted == "age":
        return False
    if r.qualifier != "exact":
        return False
    m = _DURATION_MODIFIER.search(t, r.start, r.end + 200)
    return m is not None and m.end() == r.end


# --------------------------------------------------------------------------- lexicons
# Month names in any case: scraped and social text is often lower-cased ("june 3 2021").
# Lower-case "may" and "march" are also a verb, so they name a month only after a
# preposition of time or before a year ("on may 1", "march 3 2021"; not "they may 2").
_TIME_PREP = "|".join(
    rf"(?<=\b{w} )" for w in "on by in of to and from since until till before after between".split()
)
_MONTH = (
    r"(?=[JjFfMmAaSsOoNnDd])(?:(?i:jan(?:uary)?|feb(?:ruary)?|apr(?:il)?|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)|Mar(?:ch)?|MAR(?:CH)?|May|MAY|"
    rf"(?=ma[ry])(?:{_TIME_PREP}|(?<=\d ))(?:mar(?:ch)?|may)"  # cheap guard first
    r"|(?:mar(?:ch)?|may)(?=\.?\s+(?:\d{1,2},?\s+)?\d{4}\b))\.?"
)
MONTHS = frozenset(m.lower() for m in lexicon()["months"]) | frozenset(
    lexicon()["month_abbreviations"]
)
WEEKDAYS = frozenset(lexicon()["weekdays"])

# Words after which a number is a label, not a quantity: "Part 12", "Section 427", "No. 10".
LABELS = frozenset(lexicon()["labels"])
STREET = re.compile(
    r"\s+(?:(?:[A-Z][\w.]*|\d+(?:st|nd|rd|th))\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|"
    r"Drive|Dr|Boulevard|Blvd|Way|Place|Pl|Court|Ct|Terrace|Square|Highway|Parkway|Crescent|"
    r"Close)\b\.?|\s+(?:Ave|Avenue|Rue|Via|Calle|Boulevard|Blvd|Piazza|Plaza)\.?\s+[A-Z]"
)


# Every spelling of a month starts with one of these (lower-cased).
_MONTH_TRIGGERS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
# (kind, pattern, triggers): a pattern runs only when one of its triggers is in the lower-cased
# text (or always, with no triggers); most texts have no e-mail, DOI or clock time.
# A pattern opens with a look-ahead on the character its match starts with: ``re`` then skips
# the other positions quickly, where a leading ``\b`` or look-behind is tried at every one.
_BLOCKERS: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    (
        "code",
        re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]+\.[\w.]+"),
        ("@", "www.", "http"),
    ),
    ("code", re.compile(r"\b10\.\d{4,9}/\S+"), ("10.",)),  # a DOI
    ("code", re.compile(r"(?=\d)\b\d{3}\s?\([a-z]\)(?:\(\d\))?"), ("(",)),  # "401(k)", "501(c)(3)"
    # Reference marks closing a sentence in health and science copy: "... joint pain (14)."
    (
        "code",
        re.compile(r"(?=\()(?<=\s)\(\d{1,3}(?:\s?[,–-]\s?\d{1,3})*\)(?=[.;]?\s*$|[.;]\s)", re.M),
        ("(",),
    ),
    (
        "date",
        re.compile(r"(?=\d)\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?"),
        ("-",),
    ),
    ("date", re.compile(r"(?=[12])\b(?:19|20)\d{2}([./])\d{1,2}\1\d{1,2}\b"), ()),  # "2021.09.14"
    (
        "date",
        re.compile(r"(?=\d)(?<![\d.])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d%]|\.\d)"),
        (),
    ),
    (
        "date",
        re.compile(
            rf"(?=[JjFfMmAaSsOoNnDd])\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s?[-–]\s?\d{{1,2}}\b)?(?![\d,.]\d)(?:,?\s+\d{{4}})?\b"
        ),
        _MONTH_TRIGGERS,
    ),
    (
        "date",  # "27 March", "23–27 March 2024"
        re.compile(
            rf"(?=\d)\b(?:\d{{1,2}}\s?[-–]\s?)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b"
        ),
        _MONTH_TRIGGERS,
    ),
    ("date", re.compile(rf"(?=[JjFfMmAaSsOoNnDd])\b{_MONTH}\s+\d{{4}}\b"), _MONTH_TRIGGERS),
    (
        "time",
        re.compile(
            r"(?=\d)\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\b\.?|[AP]\.?M\b\.?)", re.I
        ),
        (),
    ),
    ("time", re.compile(r"(?=\d)(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"), (":",)),
    ("code", re.compile(r"(?=\d)(?<![\d:])\d{1,2}:\d(?![\d:])"), (":",)),  # an aspect ratio: "16:9"
    (
        "phone",  # "freephone 121 454", "call 0800 555 0100"
        re.compile(
            r"(?=[FfHhPpCcDdTt])\b(?:freephone|helpline|hotline|phone|call|dial|tel\.) (?:on )?"
            r"(?P<n>\d{2,5}(?:[ -]\d{2,5}){1,3})\b(?![%.,]?\d)",
            re.IGNORECASE,
        ),
        ("phone", "call", "dial", "tel.", "line"),
    ),
    ("time", re.compile(r"(?=\d)\b\d{1,2}\s?(?:[ap]\.m\.|[ap]m\b|[AP]M\b|[AP]\.M\.|o'clock)"), ()),
    (
        "time",
        re.compile(
            r"(?=[012])\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|UTC|BST|EDT|EST|PDT|PST|CET|CEST|hrs)\b"
        ),
        (),
    ),
    ("phone", re.compile(r"(?=\+)(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?!\w)"), ("+",)),
    (
        "phone",  # an emergency or short line: "call 911", "dial 999", "text 988"
        re.compile(
            r"(?=[CcDdTtRrPp])\b(?:call(?:s|ed|ing)?|dial(?:s|ed|led|ing)?|text(?:ed|ing)?|ring|phone)\s+"
            r"(?:on\s+)?(?P<n>911|999|112|988|000|111|101|311|211|411)\b"
            r"(?![%.,-]?\d|\s+(?:people|[a-z]+s)\b)",
            re.IGNORECASE,
        ),
        ("call", "dial", "text", "ring", "phone"),
    ),
    (
        "phone",  # "(555) 123-4567", "1-800-555-0199", "212 555 0198"
        re.compile(
            r"(?=[\d(])(?<![\w(])(?:1[\s.-])?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}(?:[.-]|(?<=\d{3} \d{3}) )\d{4}"
            r"(?!\w)"
        ),
        (),
    ),
    # A local number, NNN-NNNN. A range's low end is below its high end, so a four-digit
    # group with a leading zero ("555-0142") can only be a phone number's line number.
    ("phone", re.compile(r"(?=\d)(?<![\w.,$€£/-])\d{3}-0\d{3}(?![\w-]|[.,]\d)"), ("-",)),
    # Any NNN-NNNN (or NNN.NNNN) after a word of calling in the same sentence: "call the
    # hotline at 555-2368", "text 555-1234". A plural after it makes it a range again ("call
    # for 300-1200 troops"), as does a word that opens an amount ("from", "about").
    (
        "phone",
        re.compile(
            r"(?=[CcPpTtFfHhDdRr])\b(?:call(?:s|ed|ing)?|phon(?:e|es|ed|ing)|telephone|tel|fax|hotlines?|helplines?|"
            r"dial(?:s|ed|led|ing)?|text(?:ed|ing)?|ring)\b[^.!?\n]{0,40}?"
            r"(?<!\bfrom )(?<!\bbetween )(?<!\bto )(?<!\bby )(?<!\bof )(?<!\babout )"
            r"(?<![\w.,$€£/-])(?P<n>\d{3}[-. ]\d{4})(?![\w-]|[.,]\d|\s+[a-z]+s\b)",
            re.IGNORECASE,
        ),
        ("call", "phon", "tel", "fax", "line", "dial", "text", "ring"),
    ),
    # An SMS short code: "text HOME to 741741"
    (
        "phone",
        re.compile(
            r"(?=[Tt])\btext(?:ing)?\s+\S+\s+to\s+(?P<n>\d{5,6})\b(?![.,]\d)", re.IGNORECASE
        ),
        ("text",),
    ),
    ("phone", re.compile(r"(?=0)(?<![\w.,])0\d{1,4}[\s-]\d{3,4}[\s-]?\d{3,4}(?![\w,])"), ()),
    # Three or more digit groups joined by hyphens: an ISBN, a serial, a "4-4-2" formation
    (
        "code",
        re.compile(
            r"(?=\d)(?<![\w.,-])(?!\d{4}-\d\d-\d\d\b|(?:1-)?\d{3}-\d{3}-\d{4}\b)"  # dates, phones
            r"\d+(?:-\d+){2,}(?![\w.,]?\d)"
        ),
        ("-",),
    ),
    # A day written with a slash after a preposition of time: "on 4/5", "by 10/31"
    (
        "date",
        re.compile(
            r"(?=[OoBbSsUuTtFfAa])\b(?i:on|by|since|until|till|from|before|after)\s+(?P<n>\d{1,2}/\d{1,2})\b(?!/)"
        ),
        ("/",),
    ),
    ("ordinal", re.compile(r"(?=\d)\b\d+(?:st|nd|rd|th)\b"), ()),
    # "its 10 millionth visitor": a rank among many, not an amount
    (
        "ordinal",
        re.compile(
            r"(?=\d)\b\d+(?:\.\d+)?[ -]?(?:hundredth|thousandth|millionth|billionth)\b", re.I
        ),
        ("th",),
    ),
    ("list-number", re.compile(r"(?m)^[ \t]*\d{1,3}[.)](?=[ \t])"), ()),
    # "the 1990s", "the '80s" ("100s of people" and "1,000s of" are vague amounts)
    ("year", re.compile(r"(?=[\d'’])(?<![\w'’,])(?!10s\s+of\s)['’]?(?:1[5-9]|20)?\d0s\b"), ("0s",)),
    (
        "year",
        re.compile(r"(?=[12])\b(?:1\d|20)\d{2}\s?[-–/]\s?(?:\d{2}|(?:1\d|20)\d{2})\b(?![-–/]\d)"),
        (),
    ),
    (
        "year",
        re.compile(r"(?=['’])(?<![\w'’])['’]\d{2}\b(?![%'’.,]?\d)"),
        ("'", "’"),
    ),  # "from 1988 to ’89"
    ("year", re.compile(r"(?=[12])\b(?:19|20)\d{2}['’]s\b"), ("'s", "’s")),
]


# --------------------------------------------------------------------------- blocking
_PARA_BREAK = re.compile(r"\n\s*\n")  # as copytrail.claims.sentences reads one
_DIGIT = re.compile(r"\d")


def blocked_spans(t: str) -> list[tuple[int, int, str]]:
    """Dates, times, phones, URLs, ordinals, list numbers and years, longest first on overlap."""
    spans: list[tuple[int, int, str]] = []
    if not _DIGIT.search(t):
        return spans  # every pattern holds a digit; most paragraphs have none
    low = t.lower()
    # Each pattern runs within one paragraph: "in May\n\n5 people died" is no date.
    bounds = [0]
    for b in _PARA_BREAK.finditer(t):
        bounds += [b.start(), b.end()]
    bounds.append(len(t))
    paras = list(zip(bounds[::2], bounds[1::2], strict=True))
    for kind, rx, triggers in _BLOCKERS:
        if triggers and not any(x in low for x in triggers):
            continue
        for m in (m for ps, pe in paras for m in rx.finditer(t, ps, pe)):
            if kind == "year" and re.search(r"\d[-–/]\d", m.group(0)):
                if _quantity_follows(t, m.end()):
                    continue  # "2000-3000 people" is a range of people, not of years
            # A pattern with a group "n" blocks only that part ("call 121 454": the number).
            start, end = m.span("n") if "n" in rx.groupindex else m.span()
            spans.append((start, end, kind))
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for s in spans:
        if merged and s[0] < merged[-1][1]:
            if s[1] > merged[-1][1] and s[1] - s[0] > merged[-1][1] - merged[-1][0]:
                merged[-1] = s
            continue
        merged.append(s)
    return merged


def blocking(
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
    w = WORD.match(t, pos + 1) if t[pos : pos + 1] == " " else None
    return bool(w and is_plural(w.group(0)) and w.group(0).islower())


def first_number(s: str) -> float:
    m = re.search(r"\d+(?:\.\d+)?", s)
    return float(m.group(0)) if m else 0.0


def title_case_number(t: str, r: Mention) -> bool:
    """Is a number word capitalised inside a sentence, so part of a name or title?

    >>> from copytrail.claims.figures import extract_figures
    >>> [f.text for f in extract_figures("He watched BBC One and bought an Xbox One X.")]
    []
    >>> [f.text for f in extract_figures("The party has four Democrats; Three people died.")]
    ['four', 'Three']
    >>> [f.text for f in extract_figures("Storm Kills Three In Texas")]
    ['Three']
    """
    word = t[r.start : r.end]
    if not word[:1].isupper() or word.isupper() or word.lower().startswith(("a ", "an ", "half")):
        return False
    before = t[max(0, r.start - 3) : r.start]
    # The start of a sentence, a quotation or a list item capitalises any word.
    if re.search(r"(?:^|[.!?:;\n\"“‘(\[—–-])\s*$", before) is not None or r.start == 0:
        return False
    # So does a headline in title case ("Storm Kills Three In Texas").
    words = re.findall(r"[A-Za-z]+", t[max(0, r.start - 60) : r.start] + t[r.end : r.end + 60])
    return sum(w[0].isupper() for w in words) <= 0.7 * len(words)
