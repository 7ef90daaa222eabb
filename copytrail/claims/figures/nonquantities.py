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

from copytrail.claims.figures.ages import PLACE_BEFORE, age_without_commas
from copytrail.claims.figures.counted import PLURAL_VERBS, STOP_WORDS, WORD, is_plural, plural_soon
from copytrail.claims.figures.qualifiers import QUALIFIER_OF
from copytrail.claims.figures.scores import RESULT_AFTER
from copytrail.claims.figures.units import TIME_UNITS, match_unit_after

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
MONTHS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun".split()
)

# Words after which a number is a label, not a quantity: "Part 12", "Section 427", "No. 10".
LABELS = frozenset(
    """junction junctions floor part section chapter article row game week round level room channel category phase
    stage grade class episode season vol vol. volume no no. nos number # unit gate platform
    route highway flight page p. pp. figure fig fig. table act scene verse psalm title rule
    amendment proposition prop measure initiative
    box lot suite apartment apt apt. floor district ward precinct exhibit appendix
    item question clause paragraph step test match heat lane court terminal pier bus line
    squad jersey shirt model series version generation gen tier resolution code dial""".split()
)
_YEAR_BEFORE = frozenset("in since until till during circa year a.d. ad b.c. bc".split())
_INDEX_BEFORE = re.compile(
    r"(?:\bS\s?&\s?P|\bS P|\bsp|FTSE|Nasdaq|NASDAQ|Stoxx|STOXX|Russell|Fortune|DAX|dax|CAC|cac|"
    r"Nikkei|ASX|Nifty|NIFTY|IBEX|AEX|OMX|MIB|TSX|Dow Jones|Euro Stoxx|Hang Seng|KOSPI|WIG)\s$",
    re.IGNORECASE,  # "the ftse 100" in lower-cased text names the index all the same
)
# Labels that also read as labels in lower case ("part 2 of 5", "page 12", "no. 10").
_SENTENCE_ADVERBS = frozenset(
    """yesterday today tonight overall altogether meanwhile now still however separately
    together then also nationwide worldwide globally elsewhere there here""".split()
)
_LOWER_LABELS = frozenset(
    """junction junctions floor part section chapter article episode volume vol vol. page pp. p. phase stage round season
    game week row no no. nos number # paragraph clause amendment verse figure fig fig. table
    exhibit appendix question category grade gate platform route flight channel resolution code
    dial""".split()
)

STREET = re.compile(
    r"\s+(?:(?:[A-Z][\w.]*|\d+(?:st|nd|rd|th))\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|"
    r"Drive|Dr|Boulevard|Blvd|Way|Place|Pl|Court|Ct|Terrace|Square|Highway|Parkway|Crescent|"
    r"Close)\b\.?|\s+(?:Ave|Avenue|Rue|Via|Calle|Boulevard|Blvd|Piazza|Plaza)\.?\s+[A-Z]"
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
        (),
    ),
    (
        "date",  # "27 March", "23–27 March 2024"
        re.compile(
            rf"(?=\d)\b(?:\d{{1,2}}\s?[-–]\s?)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b"
        ),
        (),
    ),
    ("date", re.compile(rf"(?=[JjFfMmAaSsOoNnDd])\b{_MONTH}\s+\d{{4}}\b"), ()),
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
    ("year", re.compile(r"(?=[\d'’])(?<![\w'’,])(?!10s\s+of\s)['’]?(?:1[5-9]|20)?\d0s\b"), ()),
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
    ("year", re.compile(r"(?=[12])\b(?:19|20)\d{2}['’]s\b"), ()),
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


# Score and vote context: "beat Charlton 2-1", "Labour won 68-32", "voted 52-48".
_SCORE_BEFORE = re.compile(
    r"\b(?:beat|beats|beating|won|win|wins|winning|lost|lose|loses|losing|defeat|defeated|"
    r"defeats|edged|drew|draw|drawn|tied|tie|led|lead|leads|leading|trailed|trail|trailing|"
    r"ended|finished|victory|score|scored|voted|vote|votes|tally|margin|thrashed|routed|"
    r"crushed|downed|over|against|past|triumphed|prevailed|outscored|blanked|swept|thumped|"
    r"trounced|edges|tops|topped|hammered|stunned)\b[^.!?;]{0,40}$",
    re.IGNORECASE,
)


def _count_after_name(t: str, r: Mention, before: str, prev: str) -> bool:
    """Does a number after a capitalised name count, not label? (see ``classify_digits``)

    >>> from copytrail.claims.figures import extract_figures
    >>> [f.text for f in extract_figures("In Gaza 32 died, and Ohio 12 were hurt.")]
    ['32', '12']
    >>> [f.text for f in extract_figures("City led Charlton 2-1 at half-time.")]
    ['2-1']
    """
    nxt = re.match(r" ([a-z]+)\b", t[r.end : r.end + 30])
    if nxt and nxt.group(1) in PLURAL_VERBS and r.value > 1:
        return True
    if age_without_commas(t, r):
        return True
    if (
        nxt
        and PLACE_BEFORE.search(before)
        and (nxt.group(1).endswith("ed") or nxt.group(1) in PLURAL_VERBS)
    ):
        return True
    if re.match(r"\s?[-–]\s?\d{1,3}\b(?![-–.,]\d)", t[r.end : r.end + 12]) and r.value < 1000:
        return _SCORE_BEFORE.search(before) is not None
    return False


# Verbs in -s that follow a product name and number ("Windows 10 runs on", "the Pixel 8
# comes with"); after a name they are the verb of the sentence, not a counted plural.
_NAME_VERBS = frozenset(
    """runs comes goes gets makes takes uses needs offers features ships starts supports
    includes remains looks arrives weighs packs boasts brings gives adds delivers launches
    debuts lands requires lacks retails sells""".split()
)


# Plural nouns that a bare four-digit number after "the" counts rather than dates: people
# and what they live, work or sit in.
_COUNT_NOUNS = frozenset(
    """people persons men women children adults kids students pupils teachers workers
    employees staff jobs troops soldiers officers police protesters demonstrators marchers
    activists residents families households homes houses flats apartments patients deaths
    victims refugees migrants members signatures participants passengers visitors tourists
    delegates runners athletes volunteers fans spectators attendees prisoners inmates detainees
    civilians casualties doctors nurses seats beds units acres hectares""".split()
)
_VERB_OBJECT = re.compile(r" (?:at|up|to|with|from|a|an|the|its|about|around|just|only)\b")
_THRESHOLD_NOUNS = frozenset(
    "majority threshold mark limit cap total minimum maximum level".split()
)


# A count, then a capitalised product name ending right before the number.
_COUNT_THEN_NAME = re.compile(
    r"\b(?:\d[\d,.]*|million|billion|thousand|hundred|two|three|four|five|six|seven|eight|"
    r"nine|ten|dozens|hundreds|thousands)\s+(?:[A-Z][\w-]*\s+){1,4}$",
    re.IGNORECASE,
)


def classify_digits(t: str, r: Mention, m: re.Match[str]) -> None:
    """Years, labels, addresses and codes among bare digit numbers (before ranges are read)."""
    if m.lastgroup != "digits" or r.words:
        return
    raw = m.group(0)
    bare = r.unit is None and r.mult == 1.0
    if bare and re.fullmatch(r"\d{10,}", raw):
        r.kind = "code"  # an ID or a timestamp: news writes amounts this big with commas
        return
    before = t[max(0, m.start() - 30) : m.start()]
    prev_m = re.search(r"([A-Za-z][\w.&'’-]*|#)\s?$", before)
    prev = prev_m.group(1) if prev_m else ""
    low = prev.lower()
    nxt = WORD.match(t, r.end + 1) if t[r.end : r.end + 1] == " " else None
    plural_next = bool(
        nxt
        and nxt.group(0).islower()
        and is_plural(nxt.group(0))
        and nxt.group(0) not in _NAME_VERBS
        # "the OnePlus 12 charges at 80W", "the RTX 4090 draws up to": a verb, then its object
        and not _VERB_OBJECT.match(t, nxt.end())
    )
    if plural_next and raw == "1" and prev[:1].isupper() and low not in STOP_WORDS:
        plural_next = False  # "Formula 1 drivers", "Ligue 1 clubs": one never counts a plural
    if plural_next and _COUNT_THEN_NAME.search(before):
        plural_next = False  # "3 million Galaxy Z Flip 5 units": the count is before the name
    if (
        bare
        and re.fullmatch(r"\d{4}", raw)
        and 1000 <= r.value <= 2100
        and (
            not plural_next
            or low in ("year", "fiscal", "fy", "season", "class")
            # "the Republican 2016 hopefuls", "Apple's 2019 models": a recent year after a
            # name or possessive names a cohort, not a count
            or (
                1990 <= r.value <= 2035
                and (prev[:1].isupper() or prev.endswith(("'s", "’s")))
                and low not in STOP_WORDS
                and not PLACE_BEFORE.search(before)
            )
            # "the 1998 floods", "its 2019 results": after "the" or a possessive a year names
            # which ones; a count this large is written with a comma ("the 2,000
            # protesters") unless it counts people or places for them ("the 2000 workers")
            # "in 2015 finds that", "the mid-2019 models": "in" or "mid-" before a recent year
            or (
                1900 <= r.value <= 2035
                and low in ("in", "since", "mid-", "mid")
                and nxt is not None
                and nxt.group(0).lower() not in _COUNT_NOUNS
            )
            or (
                1800 <= r.value <= 2100
                and low in ("the", "its", "their", "his", "her", "our")
                and nxt is not None
                and nxt.group(0).lower() not in _COUNT_NOUNS
            )
        )
    ):  # "fiscal year 2022 seizures": the year still names when
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
    if low in LABELS and (prev[:1].isupper() or low in _LOWER_LABELS):
        r.kind = "part"
        return
    if not bare:
        return
    if STREET.match(t, r.end) or (nxt and nxt.group(0) in ("ZIP", "zip", "postcode")):
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
        and not _count_after_name(t, r, before, prev)
        and any(c.isupper() for c in prev)
        and before.endswith(" ")
        and not plural_next
        and not possessive
        and not re.search(r"\d[, ]\d{3}", raw)  # "Gaza 1,500": grouped thousands are counts
        and not _range_of_unit(t, r.end)  # "Wait 60-90 minutes": a span, not a model name
    ):
        if (
            low not in STOP_WORDS
            and low.rstrip(".") not in MONTHS
            and low.rstrip(".,") not in _WEEKDAYS
            and low not in QUALIFIER_OF
        ):
            # At the start of a sentence only an adverb ("Yesterday 300 marched", "Overall
            # 40 died") leaves the number a count; "Formula 1 returns" is still a name.
            start_of_sentence = re.search(r"(?:^|[.!?]\s+|\n)\S+\s$", before) is not None
            if not (start_of_sentence and (low.endswith("ly") or low in _SENTENCE_ADVERBS)):
                r.kind = "code"
                return
    # A variant after a model number: "the 787-9 jet", "an A350-900" (not a "24-9" score).
    variant = re.match(r"-(\d{1,4})(?![\d.,-])\s+([A-Za-z]+)", t[r.end : r.end + 40])
    if (
        variant
        and re.fullmatch(r"\d{3,4}", raw)
        and not _SCORE_BEFORE.search(before)
        and (len(variant.group(1)) == 1 or re.search(r"\b(?:[Tt]he|an?)\s$", before))
        and not RESULT_AFTER.match(t, r.end + 1 + len(variant.group(1)))
        and match_unit_after(t, r.end + 2 + len(variant.group(1))) is None
    ):
        # "the 787-9 jet", "The 787-10 can fly", "an A350-1000" (not "a 110-98 win")
        if variant.group(2)[0].isupper() or not is_plural(variant.group(2)):
            r.kind = "code"
            return
    # "The 747 program", "the 911 call": a bare number between "the" and a singular noun
    # names something; a count takes a plural ("the 300 workers"), a participle ("the 270
    # needed to win") or a word of threshold ("the 176 majority").
    if (
        re.fullmatch(r"\d{3,4}", raw)
        and re.search(r"\b[Tt]he\s$", before)
        and nxt is not None
        and nxt.group(0).islower()
        and not plural_soon(t, r.end)
        and nxt.group(0).lower() not in STOP_WORDS
        and not nxt.group(0).endswith(("ly", "ed"))
        and nxt.group(0) not in _THRESHOLD_NOUNS
    ):
        r.kind = "code"
        return
    # "the 13 Pro Max", "and 13 Pro": a small number opening a phrase that goes on with a
    # capitalised name and counts nothing plural is a model name.
    if (
        nxt
        and nxt.group(0)[:1].isupper()
        and re.fullmatch(r"\d{1,2}", raw)
        and re.search(r"\b(?:the|The|a|an|and|or|its|their|his|her)\s$", before)
        and not plural_soon(t, r.end, capitals=True)
        and nxt.group(0).lower().rstrip(".,") not in MONTHS | _WEEKDAYS
        and match_unit_after(t, r.end + 1) is None
    ):
        r.kind = "code"
        return
    # A number followed by a capitalised name that is not a unit: "787 Dreamliner".
    if nxt and nxt.group(0)[:1].isupper() and re.fullmatch(r"\d{3,}", raw):
        # After a count ("two new 737 Max jets") the number names the model even before a
        # plural noun; otherwise a plural makes it a count ("300 Syrian refugees").
        counted_before = re.search(
            r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)"
            r"(?:\s+[a-z]+)?\s$",
            before,
            re.IGNORECASE,
        )
        if counted_before or not plural_soon(t, r.end, capitals=True):
            if nxt.group(0).lower().rstrip(".") not in MONTHS:
                r.kind = "code"


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


def _range_of_unit(t: str, pos: int) -> bool:
    """Does a range to a number with a unit start at ``pos`` ("–90 minutes", " to 3 hours")?"""
    m = re.match(r"(?:[-–]| to )(\d[\d.,]*) ?", t[pos : pos + 40])
    return m is not None and match_unit_after(t, pos + m.end()) is not None
