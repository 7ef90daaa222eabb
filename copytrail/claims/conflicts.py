"""Figures about the same thing across pages, and the groups of them that disagree.

Two figures are *about the same thing* when they count the same noun (``counted_key``) in the
same unit, their sentences share enough context (content words and named entities, numbers
left out), and their dates are within ``settings.conflict_days`` of each other. Figures linked
that way form a group; a group *disagrees* when two of its figures' value intervals cannot both
be true (``at least 300`` and ``500`` agree; ``53 years`` and ``55 years`` do not).

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
from dataclasses import dataclass
from datetime import date

from copytrail.claims.counted import lemma
from copytrail.ids import stable_id

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
STOPWORDS = frozenset(
    """the and for that with this from have has had were was are been being will would could
    should about into over after before than then they them their there these those which while
    what when where who whom whose said says also more most less least only just very some many
    such other another each every both either neither again still even already around across
    according told added people year years percent per cent million billion thousand hundred""".split()
)

# Relative tolerance within which two figures are the same number (rounding, "1.2m" vs 1,200,000).
SAME_VALUE = 0.02
# How loosely an approximate figure is read.
APPROX = 0.10
# "Up to X" is read as between this share of X and X.
UP_TO = 0.5
# Context overlap needed to say two sentences talk about the same thing.
MIN_CONTEXT = 0.25
# Context tokens in more figures than this (within one counted noun) are too common to link on.
MAX_TOKEN_DF = 200


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


def interval(f: FigureRow) -> tuple[float, float]:
    """The values a figure allows, read from its qualifier."""
    v = f.value if f.value is not None else (f.low if f.low is not None else 0.0)
    lo = f.low if f.low is not None else v
    hi = f.high if f.high is not None else v
    q = (f.qualifier or "exact").lower()
    if q in ("at least", "more than", "over", "above"):
        return lo, math.inf
    if q in ("up to", "as many as"):
        # "As many as 600,000" claims a number near its bound, not "anything below it".
        return hi * UP_TO, hi
    if q in ("at most", "less than", "under", "below"):
        return 0.0, hi
    if q in ("approximately", "about", "around", "nearly", "almost"):
        return lo * (1 - APPROX), hi * (1 + APPROX)
    return lo, hi


def disagree(a: FigureRow, b: FigureRow) -> bool:
    """True when both figures cannot be true at once (beyond rounding)."""
    alo, ahi = interval(a)
    blo, bhi = interval(b)
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


def _related(a: FigureRow, b: FigureRow, ta: frozenset[str], tb: frozenset[str], days: int) -> bool:
    if a.article_id == b.article_id:
        return False
    da, db = _day(a.published), _day(b.published)
    if da and db and abs((da - db).days) > days:
        return False
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= MIN_CONTEXT


def find_groups(rows: Iterable[FigureRow], days: int) -> list[list[FigureRow]]:
    """Groups of figures about the same thing on two articles or more, agreeing or not.

    Each group is sorted by date then id; :func:`group_disagrees` tells the conflicts apart.

    >>> a = FigureRow("c1", "a1", "nurse", "", 4500, 4500, 4500, "approximately", "2025-03-04",
    ...               "Roughly 4,500 nurses joined the picket lines in Port Selden.", "x.example", "u1")
    >>> b = FigureRow("c2", "a2", "nurse", "", 4600, 4600, 4600, "exact", "2025-03-05",
    ...               "Some 4,600 nurses joined the picket lines in Port Selden.", "y.example", "u2")
    >>> [([w.claim_id for w in g], group_disagrees(g)) for g in find_groups([a, b], days=365)]
    [(['c1', 'c2'], False)]
    """
    by_key: dict[tuple[str, str], list[FigureRow]] = defaultdict(list)
    for r in rows:
        if r.counted_key and (r.value is not None or r.low is not None):
            by_key[(r.counted_key, r.unit or "")].append(r)
    out: list[list[FigureRow]] = []
    for key in sorted(by_key):
        out.extend(_groups(sorted(by_key[key], key=lambda r: r.claim_id), days))
    return out


def group_disagrees(group: Sequence[FigureRow]) -> bool:
    """True when two figures of the group cannot both be true."""
    return any(disagree(a, b) for k, a in enumerate(group) for b in group[k + 1 :])


def find_conflicts(rows: Iterable[FigureRow], days: int) -> list[list[FigureRow]]:
    """Groups of related figures that contain a disagreement, each sorted by date then id."""
    return [g for g in find_groups(rows, days) if group_disagrees(g)]


def _without_counted(tokens: frozenset[str], counted_key: str) -> frozenset[str]:
    """Context tokens minus the counted noun itself, which every figure of the key shares.

    Left in, "at most 12 classrooms remain open" and "200 classrooms were damaged" would
    share context through "classrooms" alone.

    >>> sorted(_without_counted(frozenset({"classrooms", "district", "open"}), "classroom"))
    ['district', 'open']
    """
    key_words = set(counted_key.split())
    return frozenset(t for t in tokens if t not in key_words and lemma(t) not in key_words)


def _groups(rows: Sequence[FigureRow], days: int) -> list[list[FigureRow]]:
    toks = [_without_counted(context_tokens(r.sentence), r.counted_key) for r in rows]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ts in enumerate(toks):
        for t in ts:
            postings[t].append(i)
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: set[tuple[int, int]] = set()
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
                if _related(rows[i], rows[j], toks[i], toks[j], days):
                    parent[find(i)] = find(j)
    comps: dict[int, list[FigureRow]] = defaultdict(list)
    for i, r in enumerate(rows):
        comps[find(i)].append(r)
    groups = []
    for members in comps.values():
        if len({m.article_id for m in members}) < 2:
            continue
        groups.append(sorted(members, key=lambda r: (r.published or "9999", r.claim_id)))
    return groups


def conflict_id(group: Sequence[FigureRow]) -> str:
    """Id of a figure group (a conflict's id is its group's id): a hash of its claim ids."""
    return stable_id("conflict", *sorted(r.claim_id for r in group))
