"""Figures about the same thing across pages, and the groups of them that disagree.

Two figures are *about the same thing* when they count the same noun (``counted_key``) in the
same unit, their dates are within ``settings.conflict_days`` of each other, their values are
within a factor :data:`MAX_RATIO`, their sentences name a common entity and share enough content
words (numbers and the counted noun left out), and so do the few words right around each figure
(:func:`local_tokens`). Words found near this noun in many sentences of the corpus (its topic:
"Trump" in campaign news) do not count. Figures linked that way form a group; a group *disagrees*
when two directly linked figures' value intervals cannot both be true (``at least 300`` and
``500`` agree; ``53 years`` and ``55 years`` do not).

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
    offset: int = -1  # where the figure starts in ``sentence`` (-1: unknown, whole sentence is context)
    length: int = 0
    counted: str = ""  # the counted phrase as written ("people", "members of Congress")
    change: str = ""  # a change figure ("up 5 percent") is not a level
    speaker_key: str = ""  # who the figure is attributed to


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figures about the same thing on two articles or more; ``disagrees`` when two of them,
    directly related, cannot both be true."""

    witnesses: list[FigureRow]
    disagrees: bool


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


def local_tokens(r: FigureRow) -> frozenset[str]:
    """Content words next to the figure (the counted noun left out), :data:`LOCAL_WINDOW` a side.

    >>> s = "Marvin Teske, 53, a security guard at a Reno casino, backs Clinton over Sanders."
    >>> row = FigureRow("c", "a", "age", "year", 53, 53, 53, "exact", None, s, "x", "u", s.index("53"), 2)
    >>> sorted(local_tokens(row))
    ['back', 'casino', 'guard', 'marvin', 'reno', 'security', 'teske']
    """
    if r.offset < 0:
        return _without_counted(context_tokens(r.sentence), r.counted_key)
    key_words = set(r.counted_key.split())

    def words(part: str) -> list[str]:
        # Lemmatised, so "out of a job" and "lose their jobs" share a word.
        out = [lemma(w.lower()) for w in _WORD.findall(part) if w.lower() not in STOPWORDS]
        return [w for w in out if w not in key_words]

    left = words(r.sentence[: r.offset])[-LOCAL_WINDOW:]
    right = words(r.sentence[r.offset + r.length :])[:LOCAL_WINDOW]
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
    return lo > 0 and hi / lo > MAX_RATIO


def _related(
    a: FigureRow, b: FigureRow, ta: frozenset[str], tb: frozenset[str], la: frozenset[str], lb: frozenset[str],
    days: int,
) -> bool:
    if a.article_id == b.article_id:
        return False
    da, db = _day(a.published), _day(b.published)
    if da and db and abs((da - db).days) > days:
        return False
    if not ta or not tb or not la or not lb or _far_apart(a, b):
        return False
    if a.sentence == b.sentence and a.offset >= 0 and b.offset >= 0:
        # A reprinted sentence: its figures pair with their own copies, not with their neighbours.
        return a.offset == b.offset
    shared = len(la & lb)
    # Both the sentence and the words around the figure must match: a shared topic alone
    # ("… Sanders …") links the ages of two different voters.
    return (
        len(ta & tb) / min(len(ta), len(tb)) >= MIN_CONTEXT
        and shared >= min(2, len(la), len(lb))
        and shared / min(len(la), len(lb)) >= MIN_LOCAL
    )


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
        if r.counted_key and (r.value is not None or r.low is not None):
            by_key[(r.counted_key, r.unit or "")].append(r)
    out: list[FigureGroup] = []
    for key in sorted(by_key):
        out.extend(_groups(sorted(by_key[key], key=lambda r: r.claim_id), days))
    return out


def find_conflicts(rows: Iterable[FigureRow], days: int) -> list[list[FigureRow]]:
    """Groups of related figures that contain a disagreement, each sorted by date then id."""
    return [g.witnesses for g in find_groups(rows, days) if g.disagrees]


def _without_counted(tokens: frozenset[str], counted_key: str) -> frozenset[str]:
    """Context tokens minus the counted noun itself, which every figure of the key shares.

    Left in, "at most 12 classrooms remain open" and "200 classrooms were damaged" would
    share context through "classrooms" alone.

    >>> sorted(_without_counted(frozenset({"classrooms", "district", "open"}), "classroom"))
    ['district', 'open']
    """
    key_words = set(counted_key.split())
    return frozenset(t for t in tokens if t not in key_words and lemma(t) not in key_words)


_ENTITY = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’\-]*[a-z][\w'’\-]*|\b[A-Z]{2,}\b")


def entity_tokens(sentence: str) -> frozenset[str]:
    """Capitalised words past the sentence start and acronyms: the names a sentence is about.

    >>> sorted(entity_tokens("Port Selden's teachers rallied on the Harbor Mall's lawn, said the NTU."))
    ['harbor', 'mall', 'ntu', 'selden']
    """
    out = set()
    for m in _ENTITY.finditer(sentence.strip()):
        w = re.sub(r"['’]s$", "", m.group(0).lower()).strip("'’-")
        if w and w not in STOPWORDS:
            out.add(w)
    return frozenset(out)


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


def _groups(rows: Sequence[FigureRow], days: int) -> list[FigureGroup]:
    toks = [_without_counted(context_tokens(r.sentence), r.counted_key) for r in rows]
    local = _drop_common([local_tokens(r) for r in rows], [r.sentence for r in rows])
    names = _drop_common([entity_tokens(r.sentence) for r in rows], [r.sentence for r in rows])
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ts in enumerate(local):
        for t in ts:
            postings[t].append(i)
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: set[tuple[int, int]] = set()
    disagreeing: list[int] = []  # one end of each related pair that disagrees
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
                if _related(rows[i], rows[j], toks[i], toks[j], local[i], local[j], days):
                    parent[find(i)] = find(j)
                    if disagree(rows[i], rows[j]):
                        disagreeing.append(i)
    flagged = {find(i) for i in disagreeing}
    comps: dict[int, list[FigureRow]] = defaultdict(list)
    for i, r in enumerate(rows):
        comps[find(i)].append(r)
    groups = []
    for root, members in comps.items():
        if len({m.article_id for m in members}) < 2:
            continue
        members.sort(key=lambda r: (r.published or "9999", r.claim_id))
        groups.append(FigureGroup(members, root in flagged))
    return groups


def conflict_id(group: Sequence[FigureRow]) -> str:
    """Id of a figure group (a conflict's id is its group's id): a hash of its claim ids."""
    return stable_id("conflict", *sorted(r.claim_id for r in group))
