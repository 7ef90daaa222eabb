"""What a figure's sentence says about it: names, clause, time, role, poll, measure.

:mod:`copytrail.claims.conflicts` decides whether two figures on two pages are about the same
thing from these readings of their sentences: the names in the figure's own clause
(:func:`anchor_tokens`), the years and periods named (:func:`time_scope`), whether the figure is
a level, a difference, a part, a whole or a target (:func:`role`), the pollster of a poll
share (:func:`pollster`), and words of one measure ("attended", "came", "took part").

>>> sorted(time_scope("Turnout rose in 2016 compared with March."))
['2016', 'mar']
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from copytrail.claims.figures.counted import lemma
from copytrail.dates import calendar, month_names, weekday_names

if TYPE_CHECKING:
    from copytrail.claims.conflicts import FigureRow

STOPWORDS = frozenset(
    """the and for that with this from have has had were was are been being will would could
    should about into over after before than then they them their there these those which while
    what when where who whom whose said says also more most less least only just very some many
    such other another each every both either neither again still even already around across
    according told added people year years percent per cent million billion thousand hundred
    almost always never often ever nearly enough long out back get got just now here much well far""".split()
)

SHARE_UNITS = frozenset({"%", "percent", "point", "percentage point", "pp"})


def without_counted(tokens: frozenset[str], counted_key: str) -> frozenset[str]:
    """Context tokens minus the counted noun itself, which every figure of the key shares.

    Left in, "at most 12 classrooms remain open" and "200 classrooms were damaged" would
    share context through "classrooms" alone.

    >>> sorted(without_counted(frozenset({"classrooms", "district", "open"}), "classroom"))
    ['district', 'open']
    """
    key_words = set(counted_key.split())
    return frozenset(t for t in tokens if t not in key_words and lemma(t) not in key_words)


# A capitalised word is a name past the sentence start, or at it when a capitalised word follows
# ("Pastor Osei won"; not "Police said").
_ENTITY = re.compile(
    r"(?<![.!?]\s)(?<!^)(?<!^[“\x22‘'(])\b[A-Z][\w'’\-]*[a-z][\w'’\-]*|\b[A-Z]{2,}\b"
    r"|^[A-Z][\w'’\-]*[a-z][\w'’\-]*(?=\s+[A-Z][a-z])"
)


def entity_tokens(sentence: str, start: int = 0, end: int | None = None) -> frozenset[str]:
    """Capitalised words past the sentence start and acronyms: the names a sentence (or its part
    from ``start`` to ``end``) is about.

    >>> sorted(entity_tokens("Port Selden's teachers rallied on the Harbor Mall's lawn, said the NTU."))
    ['harbor', 'mall', 'ntu', 'port', 'selden']
    """
    out = set()
    lead = len(sentence) - len(sentence.lstrip())
    stop = len(sentence) if end is None else end
    for m in _ENTITY.finditer(sentence.strip()):
        if not start <= m.start() + lead < stop:
            continue
        w = re.sub(r"['’]s$", "", m.group(0).lower()).strip("'’-")
        if w and w not in STOPWORDS:
            out.add(w)
    return frozenset(out)


# Where a clause ends: punctuation, and the words that join two figures about different things
# ("Clinton 45 percent and Sanders 42 percent", "$16 million ... compared with $103 million").
_CLAUSE_END = re.compile(
    r"[,;:()\[\]\"“”—–]|\s-+\s|\s(?:and|but|while|whereas|versus|vs\.?|compared (?:with|to)|than)\s",
    re.I,
)


def clause(sentence: str, offset: int, length: int) -> tuple[int, int]:
    """Where the part of ``sentence`` around the figure at ``offset`` starts and ends, between
    clause marks.

    >>> s = "A WBUR poll showed Rubio at 11 percent, Kasich at 10 percent and Bush at 7 percent."
    >>> start, end = clause(s, s.index("10"), 10)
    >>> s[start:end]
    ' Kasich at 10 percent'
    """
    if offset < 0:
        return 0, len(sentence)
    start, end = 0, len(sentence)
    for m in _CLAUSE_END.finditer(sentence):
        if m.end() <= offset:
            start = m.end()
        elif m.start() >= offset + length:
            end = m.start()
            break
    return start, end


def anchor_tokens(r: FigureRow) -> frozenset[str]:
    """Names in the figure's own clause, counted noun left out: whose or where the figure is
    ("Kasich at 10 percent" is Kasich's). When the clause names none, the nearest clause before
    it that does (the subject comes first: "Rubio (who has 110 delegates) must win 64 percent"),
    else the whole sentence.

    >>> from copytrail.claims.conflicts import FigureRow
    >>> s = "A WBUR poll showed Rubio at 11 percent, Kasich at 10 percent and Bush at 7 percent."
    >>> sorted(anchor_tokens(FigureRow("c", "a", "%", "%", 10, 10, 10, "", None, s, "x", "u", s.index("10"), 10)))
    ['kasich']
    >>> s = "Sen. Marco Rubio (who has 110 delegates) must win 64 percent."
    >>> sorted(anchor_tokens(FigureRow("c", "a", "%", "%", 64, 64, 64, "", None, s, "x", "u", s.index("64"), 10)))
    ['rubio']
    """
    start, end = clause(r.sentence, r.offset, r.length)
    while True:
        # Months and weekdays name when, not what: they are time scope (:func:`time_scope`).
        names = without_counted(entity_tokens(r.sentence, start, end), r.counted_key) - _TIME_NAMES
        if names or start <= 0:
            break
        end = start
        start, _ = clause(r.sentence, max(0, start - 2), 1)
        if start >= end:
            break
    return names or without_counted(entity_tokens(r.sentence), r.counted_key) - _TIME_NAMES


# Month names and abbreviations from the project's date reader (copytrail.dates), in English.
_MONTHS: list[str] = list(month_names("en"))
_MONTH_WORDS = [w for names in calendar("en").months for w in names]
_TIME = re.compile(
    r"\b(?:(?:19|20)\d\d|(?:"
    + "|".join(_MONTH_WORDS)
    + r")\b\.?"
    r"|(?:last|this|next|past) (?:year|month|week|quarter|decade)|(?:first|second|third|fourth) (?:quarter|half)"
    r"|since)\b",
)


def time_scope(sentence: str) -> frozenset[str]:
    """Years, months and relative periods a sentence names: what time its figures are about.

    >>> sorted(time_scope("Romney won 27 percent in 2012, up from last year and in Sept. 2011."))
    ['2011', '2012', 'last year', 'sep']
    """
    out = set()
    for m in _TIME.finditer(sentence):
        w = m.group(0).rstrip(".").lower()
        out.add(w[:3] if w[:3].title() in {x[:3] for x in _MONTHS} else w)
    return frozenset(out)


_RELATIVE = re.compile(r"^(this|last) (week|month|year)$")


def resolved_time(scope: frozenset[str], day: date | None) -> frozenset[str]:
    """``scope`` plus the month and year that "this week", "last month", "this year" name on a
    page published on ``day``: "this week" on a 20 March page is in March.

    >>> sorted(resolved_time(frozenset({"this week"}), date(2026, 3, 20)))
    ['2026', 'mar', 'this week']
    >>> sorted(resolved_time(frozenset({"last year"}), date(2016, 2, 1)))
    ['2015', 'last year']
    """
    if day is None:
        return scope
    out = set(scope)
    for t in scope:
        m = _RELATIVE.match(t)
        if not m:
            continue
        when, unit = m.groups()
        if unit == "year":
            out.add(str(day.year - (when == "last")))
        elif unit == "month":
            month = (day.month - 2) % 12 + 1 if when == "last" else day.month
            out.add(_MONTHS[month - 1][:3].lower())
        elif when == "this":
            out |= {_MONTHS[day.month - 1][:3].lower(), str(day.year)}
    return frozenset(out)


def antecedent_names(text: str, sentences: list[tuple[int, int]], index: int) -> str:
    """Names of the nearest earlier sentence (up to three back) that names someone or somewhere,
    for a sentence that names no one: "1,800 workers will lose their jobs when the plant closes"
    is about the Calder plant of the sentence before. Empty when the sentence names someone.

    >>> t = "Calder Metalworks will shut its Eastbank foundry. Figures show that 1,800 workers will lose jobs."
    >>> antecedent_names(t, [(0, 49), (50, len(t))], 1)
    'calder eastbank metalworks'
    """
    s, e = sentences[index]
    if entity_tokens(text[s:e]):
        return ""
    for k in range(index - 1, max(-1, index - 4), -1):
        names = entity_tokens(text[sentences[k][0] : sentences[k][1]])
        if names:
            return " ".join(sorted(names))
    return ""


def other_years(scope: frozenset[str], other: frozenset[str], other_day: date | None) -> bool:
    """True when ``scope`` names only years and the other sentence, naming none, was published in
    none of them nor the year after (a page naming no year is about its own year or the last).

    >>> y = frozenset({"2012"})
    >>> other_years(y, frozenset(), date(2016, 2, 22)), other_years(y, y, date(2016, 2, 22))
    (True, False)
    >>> other_years(frozenset({"2015"}), frozenset(), date(2016, 1, 4))
    False
    """
    years = {int(t) for t in scope if t.isdigit()}
    if (
        not years
        or other_day is None
        or len(scope) != len(years)
        or any(t.isdigit() for t in other)
    ):
        return False
    return years.isdisjoint({other_day.year, other_day.year - 1})


def is_share(r: FigureRow) -> bool:
    return (r.unit or "").lower() in SHARE_UNITS or r.counted_key in SHARE_UNITS


# What a figure measures besides its noun, read from the words right after and before it.
_DIFF_AFTER = re.compile(
    r"^\s*(?:[\w'’-]+\s+){0,2}?(?:more|fewer|less|other|additional|extra|short|ahead|behind|higher|lower|"
    r"lead|margin|edge|advantage|deficit|gap|swing|increase|decrease|drop|rise|jump|cut|away)\b",
    re.I,
)
_DIFF_BEFORE = re.compile(
    r"\b(?:by|another|additional|extra|other|of about|lead of|margin of|gap of|within)\s+$", re.I
)
# A number to reach, not one reached: "until 55 countries", "a goal of raising $64 million".
_TARGET_BEFORE = re.compile(
    r"\b(?:until|unless|need|needs|needed|must|goal|target|aim|aims|hope|hopes|hoping|would|could|plans?|"
    r"promised|pledged|wants?|seeks?)\s+(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
_PART_AFTER = re.compile(
    r"^\s*(?:[\w'’-]+\s+)?of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+)?"
    r"(?:past\s+|last\s+|next\s+|first\s+|remaining\s+)?[\d\w,.]+",
    re.I,
)
_WHOLE_BEFORE = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|half|most|all|some|"
    r"many|none|majority|first|second|third|fourth|last|final)\s+(?:[\w-]+\s+)?of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+)?"
    r"(?:remaining\s+|total\s+)?$",
    re.I,
)
# "Seven of the past eight contests", "the last 24 hours": a count of a window that moves.
_WINDOW_ANY = re.compile(
    r"\b(?:of\s+)?(?:the\s+|its\s+|his\s+|her\s+)?(?:past|last|next|previous|coming)\s+$", re.I
)
_WINDOW_BEFORE = re.compile(
    r"\b(?:first|last|past|next|final|top|coming|previous|within|in)\s+$", re.I
)
_WINDOW_AFTER = re.compile(
    r"^\s*(?:[\w'’-]+\s+)?(?:ago|later|earlier|before|after|from now|away|into)\b", re.I
)


# A count narrowed by a superlative ("its six longest routes", "the 10 largest cities", "the top
# five donors", "its biggest 10 clients") is a part of the set, not the set's size.
_SUPERLATIVE = re.compile(r"^(?:top|best|worst|most|least|[^\W\d_]{2,}est)$", re.I)
_NOT_SUPERLATIVE = frozenset(
    """interest forest protest west midwest northwest southwest guest test contest request harvest honest
    modest earnest rest arrest chest nest pest vest quest crest priest conquest digest invest manifest suggest
    inquest unrest behest bequest detest attest infest wrest zest lest""".split()
)


def _superlative(word: str) -> bool:
    w = word.lower().strip("'’-")
    return bool(_SUPERLATIVE.match(w)) and w not in _NOT_SUPERLATIVE


def subset(r: FigureRow, before: str) -> bool:
    """True when a superlative narrows the counted set: in the counted phrase before its head
    noun, or right before the figure.

    >>> from copytrail.claims.conflicts import FigureRow
    >>> row = lambda counted: FigureRow("c", "a", "route", "", 6, 6, 6, "", None, "", "x", "u", counted=counted)
    >>> subset(row("longest route"), "its "), subset(row("route"), "the top "), subset(row("interest payment"), "")
    (True, True, False)
    >>> subset(row("route"), "at least ")
    False
    """
    words = (r.counted or "").split()[:-1]
    # Right before the figure, "at least / at most / at best 40" is a bound, not a subset.
    last = [w for w in before.split()[-1:] if w.lower() not in ("least", "most", "best", "worst")]
    return any(_superlative(w) for w in words + last)


def role(r: FigureRow) -> str:
    """What the figure is of its noun: a ``level`` ("14 people were killed"), a ``difference``
    ("2.5 million more votes", "leads by 271"), a ``part`` of a whole ("seven of the nine"), the
    ``whole`` ("23 of its 29", "the first of three"), a part narrowed by a superlative ("its six
    longest routes", "the top five donors"), a ``target`` ("until 55 countries", "a goal
    of raising $64 million"), or a ``window`` counted from the writing ("the past seven months",
    "six of the past seven contests", "two years later"): only figures of one role can contradict
    each other, and windows move with the date of each page, so they never do.

    >>> from copytrail.claims.conflicts import FigureRow
    >>> s = "Clinton has 2.5 million more votes; she won seven of the nine contests in the past 10 days."
    >>> row = lambda t, unit="": FigureRow("c", "a", "x", unit, 1, 1, 1, "", None, s, "x", "u", s.index(t), len(t))
    >>> [role(row("2.5 million")), role(row("seven")), role(row("nine")), role(row("10 days", "day"))]
    ['difference', 'part', 'whole', 'window']
    """
    if r.offset < 0:
        return "level"
    before, after = r.sentence[: r.offset], r.sentence[r.offset + r.length :]
    if r.unit in ("year", "month", "week", "day", "h", "hour", "minute") and (
        _WINDOW_BEFORE.search(before) or _WINDOW_AFTER.match(after)
    ):
        return "window"
    if _WINDOW_ANY.search(before) or (
        _PART_AFTER.match(after)
        and re.match(r"^\s*(?:[\w'’-]+\s+)?of\s+(?:the\s+)?(?:past|last|next)\b", after, re.I)
    ):
        return "window"
    if _DIFF_AFTER.match(after) or _DIFF_BEFORE.search(before):
        return "difference"
    if subset(r, before):
        return "part"  # "its six longest routes" is not how many routes there are
    if _WHOLE_BEFORE.search(before):
        return "whole"
    if _TARGET_BEFORE.search(before):
        return "target"
    if _PART_AFTER.match(after):
        return "part"
    return "level"


POLL = re.compile(
    r"\b(?:poll|polls|polling|pollsters?|survey|surveys|surveyed|respondents|would vote|"
    r"favou?rabl[ey]|unfavou?rabl[ey]|approv(?:e|al)|disapprov(?:e|al)|margin of error)\b",
    re.I,
)
# Words of a result on the day ("won 35 percent", "finished with 12 percent"), not of a poll.
RESULT = re.compile(
    r"\b(?:won|wins|win|finished|took|carried|captured|garnered|received|got|beat|defeated|"
    r"results?|returns|exit polls?|caucus(?:es)?|primary|election)\b",
    re.I,
)
CURRENT = re.compile(
    r"\b(?:right now|currently|so far|to date|as of|now (?:has|have|leads?|trails?|stands?)|"
    r"entering|at the moment|at this point|still needs?|thus far|yet to|already)\b",
    re.I,
)
# Words of when, not of what: "the first half of 2015" on both pages says nothing of the measure.
TIME_WORDS = frozenset(
    "first second third fourth half quarter last next past early late end start".split()
)
_TIME_NAMES = frozenset(m.lower() for m in _MONTH_WORDS) | frozenset(
    d.lower() for d in weekday_names("en")
)
_POLLSTER = re.compile(
    r"((?:[A-Z][\w&.'’-]*(?:/|\s+|-))*[A-Z][\w&.'’-]*)\s+(?:University\s+|College\s+)?(?:poll|survey|tracking)\b"
    r"|(?:poll|survey)\s+(?:by|from|of|for|conducted by)\s+(?:the\s+)?((?:[A-Z][\w&.'’-]*(?:/|\s+|-))*[A-Z][\w&.'’-]*)"
)


_NOT_POLLSTER = frozenset(
    "new latest recent national state statewide university college the".split()
)


def pollster(sentence: str) -> frozenset[str]:
    """Names of the poll a sentence cites ("a Reuters/Ipsos poll", "a poll by Monmouth").

    >>> sorted(pollster("The latest Reuters/Ipsos poll showed Trump at 31 percent."))
    ['ipsos', 'reuters']
    >>> sorted(pollster("Trump won 35 percent in New Hampshire.")), sorted(pollster("A new poll by Monmouth shows"))
    ([], ['monmouth'])
    """
    out: set[str] = set()
    for m in _POLLSTER.finditer(sentence):
        for w in re.split(r"[\s/-]+", m.group(1) or m.group(2) or ""):
            w = re.sub(r"['’]s$", "", w.lower()).strip(".'’&")
            if len(w) > 1 and w not in STOPWORDS and w not in _NOT_POLLSTER:
                out.add(w)
    return frozenset(out)


# Measures of one event's toll (a march, an attack, a closure): one true number per event, so two
# reports of it conflict even when their sentences share few words ("1,200 workers out of a job",
# "1,800 workers will lose their jobs"); money raised or spent is per period and needs the words.
EVENT_MEASURES = frozenset({"~attendance", "~deaths", "~injuries", "~jobs"})

# Words that say what is measured, by what they measure: reports phrase one thing differently
# ("100,000 people attended" and "600,000 came to the march"; "killed" and "dead").
_MEASURES = {
    "~attendance": "attended attend attending came come turned turnout marched marcher march joined gathered rallied "
    "rally protested protest part crowd demonstrated showed flocked packed filled filling",
    "~deaths": "killed kill killing dead died die death fatality life slain perished shot toll",
    "~injuries": "injured wounded hurt hospitalized",
    "~jobs": "job lose lost losing layoff laid cut redundant unemployed fired employed employ",
    "~raised": "raised raise raising collected brought haul fundraising",
    "~given": "donated donate contributed contribute gave give given pledged",  # the giver, not the raiser
    "~spent": "spent spend spending burned burning plowed poured invested",
    "~cost": "cost price paid pay worth valued value",
    "~campaign": "campaigned campaign fought fight fighting struggled battled pushed lobbied",
    "~votes": "voted vote ballot",
}
_MEASURE_OF = {w: k for k, ws in _MEASURES.items() for w in ws.split()}


def with_measures(words: frozenset[str]) -> frozenset[str]:
    """Words plus what they measure (``~attendance`` for "attended" and "came").

    >>> sorted(with_measures(frozenset({"came", "northgate"})))
    ['came', 'northgate', '~attendance']
    """
    return words | {_MEASURE_OF[w] for w in words if w in _MEASURE_OF}


def with_lemmas(names: frozenset[str]) -> frozenset[str]:
    return names | {lemma(n) for n in names}
