"""Figures about the same thing across pages, and the groups of them that disagree.

Two figures on two articles are *about the same thing* when all of this holds:

* what is counted: the same noun (``counted_key``; a bare number before a people verb,
  "100,000 marched", counts people: :func:`implied_key`) in the same unit, the same change
  (a level is no rise), and the same :func:`role` (a level, a difference "2.5 million more",
  a part "seven of", a whole "of its 29", a target "until 55"; a moving window "the past 10
  days" never conflicts);
* whose or where: the names of the figure's clause overlap (:func:`anchor_tokens`: "Kasich at
  10 percent" is not Bush's), and neither clause names someone or somewhere the other page's
  sentence never does (San Bernardino's 14 dead are not Brussels' 32);
* what is measured: a word right next to one figure is near the other, or means the same
  (``~attendance`` for "attended", "came", "took part"; ``~deaths`` for "killed", "died"), and
  no two different measures ("contributed" against "raised");
* when: published within ``settings.conflict_days`` (a poll share within :data:`SHARE_DAYS`, a
  running tally "so far" within :data:`CURRENT_DAYS`), and no different years, months or periods
  named ("in 2015" against "in 2016");
* polls: shares (percent, points) are one claim only when both cite the same pollster, or both
  report a result on the day with no poll named;
* and the sentences and words around the figures share enough (corpus topic words such as
  "Trump" in campaign news do not count), values within a factor :data:`MAX_RATIO`.

Each figure pairs with at most one figure of another article, the likeliest, when that one picks
it back (a list "Rubio 11, Kasich 10" pairs item by item). Linked figures form a group; a group
*disagrees* when two directly linked figures cannot both be true beyond rounding and qualifiers
(``about 100`` and ``98``, ``between 200 and 300`` and ``250``, ``1.1 million`` and
``1,120,000`` agree; ``53 years`` and ``55 years`` do not; "more than 100,000" reads as up to
twice that, so it does not cover 600,000).

>>> a = FigureRow("c1", "a1", "year", "", 53, 53, 53, "exact", "2024-01-02",
...               "The Keepers have campaigned for 53 years on the Vale river.", "x.example", "u1")
>>> b = FigureRow("c2", "a2", "year", "", 55, 55, 55, "exact", "2024-03-02",
...               "The Keepers have campaigned for 55 years on the Vale river.", "y.example", "u2")
>>> [sorted(w.claim_id for w in g) for g in find_conflicts([a, b], days=365)]
[['c1', 'c2']]
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from copytrail.claims.figures.context import (
    CURRENT,
    EVENT_MEASURES,
    POLL,
    RESULT,
    STOPWORDS,
    TIME_WORDS,
    anchor_tokens,
    entity_tokens,
    is_share,
    other_years,
    pollster,
    resolved_time,
    role,
    time_scope,
    with_lemmas,
    with_measures,
    without_counted,
)
from copytrail.claims.figures.counted import lemma
from copytrail.ids import stable_id

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)

# The kind of a conflict found here: figures about the same thing on pages that are not copies
# of each other (the other kind, a figure changed inside a copy, is :mod:`copytrail.claims.copies`).
REPORT_KIND = "reports differ"

# Relative tolerance within which two figures are the same number (rounding, "1.2m" vs 1,200,000).
SAME_VALUE = 0.02
# How loosely an approximate figure is read.
APPROX = 0.10
# "Up to X" is read as between this share of X and X.
UP_TO = 0.5
# "More than X" is read as at most this many times X: a writer rounds down to the nearest round
# figure, so "more than 100,000 marched" does not cover a report of 600,000.
MORE_THAN = 2.0
# Context overlap needed to say two sentences talk about the same thing.
MIN_CONTEXT = 0.25
# Context tokens in more figures than this (within one counted noun) are too common to link on.
MAX_TOKEN_DF = 200
# Content words each side of the figure that say what it is about: a long sentence shares words
# with many others ("Trump", "Clinton"), the words next to the figure rarely do by chance.
LOCAL_WINDOW = 5
# Share of the smaller local context two figures must have in common.
MIN_LOCAL = 0.3
# Figures further apart than this factor are not two estimates of one thing ("62 million votes",
# "half a million fewer votes"); a planted 100,000 against 600,000 is within it.
MAX_RATIO = 10.0
# A local word in more distinct sentences than this (and this share of them) within one counted
# noun is the corpus topic ("Trump" in campaign news), not what tells two figures apart.
COMMON_MIN = 8
COMMON_SHARE = 0.05
# An exact figure ending in zeros is read as rounded to its last non-zero digit, by at most this
# share of its value ("1.1 million" covers 1,080,000; "100,000" does not cover 140,000).
ROUNDING_CAP = 0.05
# Shares (percentages, points) move with every new poll: two are one claim only this close in time.
SHARE_DAYS = 14
# A running tally ("right now", "so far", "entering June") is true on its page's date only.
CURRENT_DAYS = 7
# Content words each side of a figure that say what it measures (its verb or noun: "raised",
# "attended", "killed"); two figures about one thing share one of them.
NEAR_WINDOW = 2


@dataclass(frozen=True, slots=True)
class FigureRow:
    """A figure as the conflict finder sees it."""

    claim_id: str
    article_id: str
    counted_key: str
    unit: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    published: str | None
    sentence: str
    site: str
    url: str
    offset: int = (
        -1
    )  # where the figure starts in ``sentence`` (-1: unknown, whole sentence is context)
    length: int = 0
    counted: str = ""  # the counted phrase as written ("people", "members of Congress")
    change: str = ""  # a change figure ("up 5 percent") is not a level
    speaker_key: str = ""  # who the figure is attributed to
    antecedent: str = ""  # names of an earlier sentence, when the figure's own names no one


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figures about the same thing on two articles or more; ``disagrees`` when two of them,
    directly related, cannot both be true."""

    witnesses: list[FigureRow]
    disagrees: bool
    # The directly related pairs (claim ids) whose values cannot both be true.
    disagreeing: tuple[tuple[str, str], ...] = ()


def interval(f: FigureRow) -> tuple[float, float]:
    """The values a figure allows, read from its qualifier."""
    v = f.value if f.value is not None else (f.low if f.low is not None else 0.0)
    lo = f.low if f.low is not None else v
    hi = f.high if f.high is not None else v
    q = (f.qualifier or "exact").lower()
    if q in ("at least", "more than", "over", "above"):
        return lo, (lo * MORE_THAN if lo > 0 else math.inf)
    if q in ("up to", "as many as"):
        # "As many as 600,000" claims a number near its bound, not "anything below it".
        return hi * UP_TO, hi
    if q in ("at most", "less than", "under", "below"):
        return 0.0, hi
    if q in ("approximately", "about", "around", "nearly", "almost"):
        return lo * (1 - APPROX), hi * (1 + APPROX)
    return lo, hi


def rounding(value: float | None) -> float:
    """Half a unit of the last non-zero digit of a whole figure ending in zeros, capped at
    :data:`ROUNDING_CAP` of it: how far the true number may be from a rounded one.

    >>> rounding(1_100_000), rounding(100_000), rounding(53), rounding(2.5)
    (50000.0, 5000.0, 0.0, 0.0)
    """
    if value is None or value != value or abs(value) < 10 or value != int(value):
        return 0.0
    v, step = int(abs(value)), 1
    while v % 10 == 0:
        v //= 10
        step *= 10
    return min(step / 2 if step > 1 else 0.0, ROUNDING_CAP * abs(value))


def disagree(a: FigureRow, b: FigureRow) -> bool:
    """True when both figures cannot be true at once (beyond rounding).

    Ranges and open bounds overlapping a value agree; so do figures within each other's
    rounding ("about 100" and "98"; "1.1 million" and "1,120,000").

    >>> r = lambda v, q="exact", lo=None, hi=None: FigureRow("c", "a", "x", "", v, lo if lo else v,
    ...     hi if hi else v, q, None, "", "s", "u")
    >>> disagree(r(53), r(55)), disagree(r(100, "about"), r(98)), disagree(r(1_100_000), r(1_120_000))
    (True, False, False)
    >>> disagree(r(None, "range", 200, 300), r(250)), disagree(r(300, "at least"), r(500))
    (False, False)
    """
    alo, ahi = interval(a)
    blo, bhi = interval(b)
    if a.qualifier in ("", "exact"):
        alo, ahi = alo - rounding(alo), ahi + rounding(ahi)
    if b.qualifier in ("", "exact"):
        blo, bhi = blo - rounding(blo), bhi + rounding(bhi)
    slack = SAME_VALUE * max(abs(alo), abs(blo), 1e-9)
    return ahi + slack < blo or bhi + slack < alo


def context_tokens(sentence: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(sentence) if w.lower() not in STOPWORDS)


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def local_tokens(r: FigureRow, window: int = LOCAL_WINDOW) -> frozenset[str]:
    """Content words next to the figure (the counted noun left out), :data:`LOCAL_WINDOW` a side.

    >>> s = "Marvin Teske, 53, a security guard at a Reno casino, backs Clinton over Sanders."
    >>> row = FigureRow("c", "a", "age", "year", 53, 53, 53, "exact", None, s, "x", "u", s.index("53"), 2)
    >>> sorted(local_tokens(row))
    ['back', 'casino', 'guard', 'marvin', 'reno', 'security', 'teske']
    """
    if r.offset < 0:
        return without_counted(context_tokens(r.sentence), r.counted_key)
    key_words = set(r.counted_key.split())

    def words(part: str) -> list[str]:
        # Lemmatised, so "out of a job" and "lose their jobs" share a word.
        out = [lemma(w.lower()) for w in _WORD.findall(part) if w.lower() not in STOPWORDS]
        return [w for w in out if w not in key_words]

    left = words(r.sentence[: r.offset])[-window:]
    right = words(r.sentence[r.offset + r.length :])[:window]
    return frozenset(left + right)


def _far_apart(a: FigureRow, b: FigureRow) -> bool:
    """Values more than :data:`MAX_RATIO` apart (both known and non-zero).

    >>> r = lambda v: FigureRow("c", "a", "vote", "", v, v, v, "exact", None, "", "x", "u")
    >>> _far_apart(r(100000), r(600000)), _far_apart(r(500000), r(62000000))
    (False, True)
    """
    va = a.value if a.value is not None else a.low
    vb = b.value if b.value is not None else b.low
    if not va or not vb:
        return False
    lo, hi = sorted((abs(va), abs(vb)))
    return lo > 0 and hi / lo >= MAX_RATIO


@dataclass(frozen=True, slots=True)
class _Context:
    """What a figure is about, computed once per figure."""

    sentence: frozenset[str]  # content words of the sentence
    local: frozenset[str]  # content words right around the figure (corpus topic words left out)
    anchor: frozenset[str]  # names in the figure's clause
    time: frozenset[str]  # years, months, periods the sentence names
    names: frozenset[str]  # every name of the sentence, as written and singular
    own_names: frozenset[str]  # the sentence's names less the corpus topic names ("Trump")
    measures: frozenset[str]  # what the words right next to the figure measure (``~deaths``)
    words: frozenset[str]  # the local words before the corpus topic words are left out
    role: str  # level, difference, part, whole, target, window (:func:`role`)
    poll: frozenset[str] | None  # the pollster's names when the sentence cites a poll, else None
    near: frozenset[str]  # the few content words right next to the figure
    current: bool  # a running tally ("so far", "right now")
    result: bool  # words of a result ("won", "finished")
    borrowed: bool = False  # the sentence names no one: ``anchor`` is an earlier sentence's names


def _related(a: FigureRow, b: FigureRow, ca: _Context, cb: _Context, days: int) -> float | None:
    """How surely two figures are about the same thing (None: not), for picking the best match."""
    if a.article_id == b.article_id or (a.change or "") != (b.change or ""):
        return None  # "rose 5 percent" is no level; a page does not contradict itself
    da, db = _day(a.published), _day(b.published)
    share = is_share(a) or is_share(b)
    if _apart_in_time(da, db, share, ca.current or cb.current, days):
        return None
    if not ca.sentence or not cb.sentence or not ca.local or not cb.local or _far_apart(a, b):
        return None
    if a.sentence == b.sentence and a.offset >= 0 and b.offset >= 0:
        # A reprinted sentence: its figures pair with their own copies, not with their neighbours.
        return 3.0 if a.offset == b.offset else None
    if _other_claim(ca, cb, da, db) or _other_subject(ca, cb):
        return None
    overlap = _overlap(ca, cb)
    if overlap is None or _other_measure(ca, cb, share) or _other_poll(ca, cb, share, overlap[2]):
        return None
    context, local, _ = overlap
    return context + local + len(ca.anchor & cb.anchor) / min(len(ca.anchor), len(cb.anchor))


def _apart_in_time(da: date | None, db: date | None, share: bool, current: bool, days: int) -> bool:
    """Published too far apart for one claim (a poll share sooner, a running tally sooner still)."""
    if da and db and abs((da - db).days) > (min(days, SHARE_DAYS) if share else days):
        return True
    # "Clinton is 439 delegates short right now" is April's count, not June's
    return current and (not da or not db or abs((da - db).days) > min(days, CURRENT_DAYS))


def _other_claim(ca: _Context, cb: _Context, da: date | None, db: date | None) -> bool:
    """Another kind of figure, or another time named."""
    if ca.role != cb.role or ca.role == "window":
        return True  # "2.5 million more votes" is no vote count; "the past 10 days" moves daily
    if ca.time and cb.time and resolved_time(ca.time, da).isdisjoint(resolved_time(cb.time, db)):
        return True  # "in 2012" and "in 2016", "last year" and "this year": different times
    # "the 2012 cycle" is not the campaign of a 2016 page that names no year
    return other_years(ca.time, cb.time, db) or other_years(cb.time, ca.time, da)


def _other_subject(ca: _Context, cb: _Context) -> bool:
    """The two clauses are about different people, bodies or places."""
    # One event's toll ("1,200 workers out of a job", "1,800 workers will lose their jobs when the
    # plant closes") is one number however each page words it. When a sentence names no one, its
    # subject is borrowed from an earlier sentence (the article's, not a clause's), and only the
    # same measure of an event right next to both figures links it: no shared words needed.
    event = bool(ca.measures & cb.measures & EVENT_MEASURES) and ca.role == "level"
    if ca.borrowed or cb.borrowed:
        if not event or (ca.anchor | ca.names).isdisjoint(cb.anchor | cb.names):
            return True
    elif ca.anchor.isdisjoint(cb.anchor):
        return (
            True  # "Kasich at 10 percent" is not about Bush; the rally in Reno not the one in Elko
        )
    # Each clause names someone or somewhere the other page's sentence never does: "Islamic
    # State killed 14 in San Bernardino" and "Islamic State killed 32 in Brussels".
    return bool((ca.anchor & ca.own_names) - cb.names and (cb.anchor & cb.own_names) - ca.names)


def _overlap(ca: _Context, cb: _Context) -> tuple[float, float, int] | None:
    """(sentence overlap, local overlap, words in common) of two figures' contexts, or None
    when they share too little."""
    la, lb = ca.local, cb.local
    # Words around the figure in common, corpus topic words left out; a paraphrase shares what
    # is measured ("marched", "took part") and the names of its clause rather than words.
    common = (
        (la & lb)
        | (ca.measures & cb.measures)
        | (ca.anchor & cb.anchor & ca.own_names & cb.own_names)
    )
    shared = len(common)
    # Both the sentence and the words around the figure must match: a shared topic alone
    # ("… Sanders …") links the ages of two different voters.
    context = len(ca.sentence & cb.sentence) / min(len(ca.sentence), len(cb.sentence))
    local = shared / min(len(la | ca.anchor), len(lb | cb.anchor))
    if not (ca.borrowed or cb.borrowed) and (
        context < MIN_CONTEXT or shared < min(2, len(la), len(lb)) or local < MIN_LOCAL
    ):
        return None
    return context, local, shared


def _other_measure(ca: _Context, cb: _Context, share: bool) -> bool:
    """The figures measure different things ("contributed" against "raised")."""
    if ca.measures and cb.measures and ca.measures.isdisjoint(cb.measures):
        return True  # "contributed $2 million" and "raised $16 million": giver and raiser differ
    names = ca.names | cb.names
    # Frequent words are no topic when they are what is measured ("raised" near dollars): this
    # check reads the words before the topic words are left out.
    # nothing right next to either figure ("raised", "attended") is near the other
    return not share and not ((ca.near & cb.words) | (cb.near & ca.words)) - names - TIME_WORDS


def _other_poll(ca: _Context, cb: _Context, share: bool, shared: int) -> bool:
    """Shares (percent, points) that are not one poll's or one result's number."""
    if share and (shared < 2 or len(ca.names & cb.names) < 2):
        # A share alone ("45 percent") says little: its clause's name (the candidate) and another
        # (pollster or place) in common, or it is another poll's number.
        return True
    if ca.poll and cb.poll and ca.poll.isdisjoint(cb.poll):
        return True  # two polls disagree all the time: different samples, not a contradiction
    # A share is one claim when one poll is reported two ways, or both report one result.
    both_result = ca.result and cb.result and ca.poll is None and cb.poll is None
    return share and not (ca.poll and cb.poll) and not both_result


def find_groups(rows: Iterable[FigureRow], days: int) -> list[FigureGroup]:
    """Groups of figures about the same thing on two articles or more, agreeing or not.

    Witnesses are sorted by date then id. A group *disagrees* when two of its figures that are
    directly related (not only through a chain of others) cannot both be true.

    >>> a = FigureRow("c1", "a1", "nurse", "", 4500, 4500, 4500, "approximately", "2025-03-04",
    ...               "Roughly 4,500 nurses joined the picket lines in Port Selden.", "x.example", "u1")
    >>> b = FigureRow("c2", "a2", "nurse", "", 4600, 4600, 4600, "exact", "2025-03-05",
    ...               "Some 4,600 nurses joined the picket lines in Port Selden.", "y.example", "u2")
    >>> [([w.claim_id for w in g.witnesses], g.disagrees) for g in find_groups([a, b], days=365)]
    [(['c1', 'c2'], False)]
    """
    by_key: dict[tuple[str, str], list[FigureRow]] = defaultdict(list)
    for r in rows:
        if not r.counted_key and not r.unit:
            r = replace(r, counted_key=implied_key(r))
        if r.counted_key and (r.value is not None or r.low is not None):
            by_key[(r.counted_key, r.unit or "")].append(r)
    out: list[FigureGroup] = []
    for key in sorted(by_key):
        out.extend(_groups(sorted(by_key[key], key=lambda r: r.claim_id), days))
    return out


_PEOPLE_VERB = re.compile(
    r"^\s+(?:(?:were|was|have|had|are|reportedly|people|protesters|demonstrators)\s+){0,2}"
    r"(?:marched|attended|rallied|gathered|protested|joined|turned out|took part|came|showed up|died|"
    r"killed|dead|injured|wounded|hurt|perished|drowned|fled|evacuated|arrested)\b",
    re.I,
)


def implied_key(r: FigureRow) -> str:
    """``people`` for a bare number that a verb of people follows ("more than 100,000 marched",
    "at least 12 died"), so that it meets "600,000 people took part"; else empty.

    >>> s = "More than 100,000 marched through Port Selden."
    >>> implied_key(FigureRow("c", "a", "", "", 1e5, 1e5, 1e5, "more than", None, s, "x", "u", 0, 17))
    'people'
    """
    if r.offset < 0:
        return ""
    return "people" if _PEOPLE_VERB.match(r.sentence[r.offset + r.length :]) else ""


def find_conflicts(rows: Iterable[FigureRow], days: int) -> list[list[FigureRow]]:
    """Groups of related figures that contain a disagreement, each sorted by date then id."""
    return [g.witnesses for g in find_groups(rows, days) if g.disagrees]


def _drop_common(local: list[frozenset[str]], sentences: list[str]) -> list[frozenset[str]]:
    """Local contexts without the words found near figures of this noun in many sentences.

    Frequency counts distinct sentences, so a sentence reprinted on ten sites counts once.
    """
    df: dict[str, int] = defaultdict(int)
    done: set[str] = set()
    for ts, sentence in zip(local, sentences, strict=True):
        if sentence in done:
            continue
        done.add(sentence)
        for t in ts:
            df[t] += 1
    limit = max(COMMON_MIN, COMMON_SHARE * len(done))
    common = {t for t, n in df.items() if n > limit}
    return [ts - common for ts in local] if common else local


def _contexts(rows: Sequence[FigureRow]) -> list[_Context]:
    """What each figure of one counted noun is about (topic words read over all of them)."""
    sentences = [r.sentence for r in rows]
    words = [local_tokens(r) for r in rows]
    local = _drop_common(words, sentences)
    names = [entity_tokens(r.sentence) for r in rows]
    own = _drop_common(names, sentences)
    near = [with_measures(local_tokens(r, NEAR_WINDOW)) for r in rows]
    return [
        _Context(
            sentence=without_counted(context_tokens(r.sentence), r.counted_key),
            local=local[k],
            anchor=anchor_tokens(r) or frozenset(r.antecedent.split()),
            borrowed=not names[k] and bool(r.antecedent),
            time=time_scope(r.sentence),
            names=with_lemmas(names[k]),
            own_names=own[k],
            measures=frozenset(w for w in near[k] if w.startswith("~")),
            words=with_measures(words[k]),
            role=role(r),
            poll=pollster(r.sentence) if POLL.search(r.sentence) else None,
            near=near[k],
            current=bool(CURRENT.search(r.sentence)),
            result=bool(RESULT.search(r.sentence)),
        )
        for k, r in enumerate(rows)
    ]


def _groups(rows: Sequence[FigureRow], days: int) -> list[FigureGroup]:
    scored = _scored_pairs(rows, _contexts(rows), days)
    # One figure matches at most one figure of another article, the likeliest, and only when
    # that one picks it back: "Rubio 11, Kasich 10, Bush 7" on two pages pair item by item.
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (i, j), score in scored.items():
        for me, other in ((i, j), (j, i)):
            key = (me, rows[other].article_id)
            if key not in best or (-score, other) < (-best[key][0], best[key][1]):
                best[key] = (score, other)
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    disagreeing: list[tuple[int, int]] = []  # related pairs that disagree
    for i, j in sorted(scored):
        if best[(i, rows[j].article_id)][1] != j or best[(j, rows[i].article_id)][1] != i:
            continue
        parent[find(i)] = find(j)
        if disagree(rows[i], rows[j]):
            disagreeing.append((i, j))
    flagged: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for i, j in disagreeing:
        flagged[find(i)].append((rows[i].claim_id, rows[j].claim_id))
    comps: dict[int, list[FigureRow]] = defaultdict(list)
    for i, r in enumerate(rows):
        comps[find(i)].append(r)
    groups = []
    for root, members in comps.items():
        if len({m.article_id for m in members}) < 2:
            continue
        members.sort(key=lambda r: (r.published or "9999", r.claim_id))
        groups.append(FigureGroup(members, root in flagged, tuple(flagged.get(root, ()))))
    return groups


def _scored_pairs(
    rows: Sequence[FigureRow], ctx: Sequence[_Context], days: int
) -> dict[tuple[int, int], float]:
    """:func:`_related` of every pair of figures of one counted noun that share a word near
    the figure or a name of its clause (pairs by index, smaller first)."""
    # A sentence that names no one is about the names of an earlier one (its antecedent).
    names = [c.own_names if c.names else c.anchor for c in ctx]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(ctx):
        # Candidates share a word near the figure or a name of its clause; _related decides.
        for t in c.local | (c.anchor & c.own_names):
            postings[t].append(i)
    seen: set[tuple[int, int]] = set()
    scored: dict[tuple[int, int], float] = {}
    for t in sorted(postings):
        ids = postings[t]
        if len(ids) > MAX_TOKEN_DF:
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                i, j = ids[x], ids[y]
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                if names[i].isdisjoint(names[j]):
                    continue  # figures about the same thing name the same place, body or person
                score = _related(rows[i], rows[j], ctx[i], ctx[j], days)
                if score is not None:
                    scored[(i, j)] = score
    return scored


def conflict_id(group: Sequence[FigureRow]) -> str:
    """Id of a figure group (a conflict's id is its group's id): a hash of its claim ids."""
    return stable_id("conflict", *sorted(r.claim_id for r in group))
