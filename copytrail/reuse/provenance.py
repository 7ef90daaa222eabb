"""Provenance inside a family: the earliest witness, and the parent of every reprint.

**Parent = the earlier witness that contains the copied text.** A witness can only have been
copied from one that holds what it reprints, so the candidates (witnesses of other articles
published before it) are ranked by

1. **coverage** — how much of this witness's text the candidate holds: the parts of its span
   made of word 4-grams the candidate's witness has (alignments can bridge a paragraph that
   one side lacks, so their spans alone would overstate it); candidates within
   :data:`COVERAGE_TOLERANCE` of the best count as equal;
2. **dated before undated** — a witness known only by its crawl date never displaces a
   dated original;
3. **similarity** — the closest text: the share of the reprint's word 4-grams the candidate
   holds, inside the part of the reprint all these candidates cover (an edit shared with a
   middle witness makes the reprint closer to it; a few words more at the edges, or a
   paragraph of the candidate the reprint left out, do not); within
   :data:`SIMILARITY_TOLERANCE`, equal;
4. **time** — the earliest, then the smallest passage id.

An excerpt is never the parent of a fuller text: when the earlier witnesses together cover
less than :data:`MIN_PARENT_COVERAGE` of a witness, it is the fuller text (a teaser or a
repost of one paragraph was published first) and has no parent. When no single earlier
witness covers a reprint, each part gets its own parent (greedy cover, largest part first):
``parts`` lists them and ``copied_from`` is the largest. ``parent_reason`` says why a parent
was named, or why none was:

=====================  ======================================================================
``coverage``           it covers more of the witness than any other earlier witness
``only-candidate``     it is the only earlier witness aligned with this one
``dated-over-undated`` others cover as much, but are known only by their crawl date
``similarity``         others cover as much; this one's text is the closest
``tie-broken-by-date`` others cover as much with the same similarity; this one is earliest
``tie-broken-by-id``   same coverage, similarity and time: the smallest passage id
``composite``          no single earlier witness covers it: its parts have their own parents
``earliest``           (no parent) no earlier witness of another article is aligned with it
``excerpt-earlier``    (no parent) only excerpts of it were published earlier
``date-tie``           (no parent) published at the same time as the earliest other witness
``undated``            (no parent) no date, no crawl date, and nothing dated to copy from
=====================  ======================================================================

Dates are never guessed. A published date whose source is ``crawl`` is only the latest
possible date (the page existed when it was crawled): such a witness can copy from witnesses
dated before its crawl, can be the parent of witnesses dated after it, and is the earliest
only when its crawl precedes every dated witness. A witness with no date at all may copy
from any dated witness (flagged ``date_status = 'missing'``) but is never anyone's parent.

``date_status`` says how far the dates carry: ``ok``; ``tie`` — the earliest date is shared
by witnesses of different articles (same day, at least one of them without a time of day);
``crawl`` — the witness is known only by its crawl date; ``missing`` — no date (for a
family: no witness has a date of its own).

>>> from copytrail.reuse.families import Family, Link, Witness
>>> ws = (Witness("ex", "T", 0, 200), Witness("full", "O", 0, 2000), Witness("rep", "R", 0, 2000))
>>> links = (Link("ex", 0, 200, "full", 600, 800, 1.0), Link("ex", 0, 200, "rep", 600, 800, 1.0),
...          Link("full", 0, 2000, "rep", 0, 2000, 0.97))
>>> f = Family("f", ws, (), (), links)
>>> meta = {"T": Dated("2024-01-01", "meta"), "O": Dated("2024-01-02", "meta"),
...         "R": Dated("2024-01-05", "meta")}
>>> [(w.passage_id, w.copied_from_passage, w.parent_reason) for w in trace(f, meta).witnesses]
[('ex', None, 'earliest'), ('full', None, 'excerpt-earlier'), ('rep', 'full', 'coverage')]
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from copytrail.reuse.coverage import Grams, Interval, length, merge, subtract
from copytrail.reuse.families import Family, Link, Witness

MIN_PARENT_COVERAGE = 0.5  # earlier witnesses must hold at least this share of a reprint
COVERAGE_TOLERANCE = 0.05  # coverages this close (share of the witness) count as equal ...
COVERAGE_TOLERANCE_CHARS = 80  # ... but never further apart than this many characters,
COVERAGE_TOLERANCE_MIN_CHARS = 40  # and a few words more or less at the edges always are ...
COVERAGE_TOLERANCE_MAX_SHARE = 0.2  # ... unless that is more than this share of the witness
# Text only one candidate shares with the reprint, shorter than the shortest passage the stage
# reports (``min_passage_words``' default), is no evidence that it was copied from that one: a
# credit line ("First published by the agency") two reprints of a wire story add alike is not
# the paragraph a middle witness of a chain added. Within the share cap above.
CHAIN_EVIDENCE_WORDS = 15
MIN_PART_SHARE = 0.1  # a part of a composite holds at least this share of the witness ...
MIN_PART_CHARS = 40  # ... and this many characters
# Closeness this near counts as equal, and the earlier witness wins: a line of credits or a
# single changed word in a long text is weaker evidence of a chain than the dates are.
SIMILARITY_TOLERANCE = 0.05


@dataclass(frozen=True, slots=True)
class Dated:
    """Published date of an article (ISO 8601 or None) and where it came from."""

    published: str | None
    published_source: str | None = None


@dataclass(frozen=True, slots=True)
class ParentPart:
    """``[start, end)`` of a reprint (article offsets) taken from ``passage`` of ``article``."""

    start: int
    end: int
    passage: str
    article: str
    coverage: float  # share of the reprint's witness this part holds


@dataclass(frozen=True, slots=True)
class WitnessProvenance:
    passage_id: str
    article_id: str
    earliest: bool
    copied_from_passage: str | None
    copied_from_article: str | None
    copy_similarity: float | None
    date_status: str
    copy_coverage: float | None = None
    parent_reason: str | None = None
    parts: tuple[ParentPart, ...] = ()  # composite reprints only: one parent per part


@dataclass(frozen=True, slots=True)
class FamilyProvenance:
    family_id: str
    earliest_passage: str | None
    earliest_article: str | None
    first_date: str | None
    last_date: str | None
    date_status: str
    undated: int
    witnesses: tuple[WitnessProvenance, ...]


def date_key(published: str | None) -> tuple[str, str | None] | None:
    """(day, time of day or None) of an ISO 8601 date; None when missing or unreadable.

    >>> date_key("2024-03-05T10:00:00+00:00"), date_key("2024-03-05"), date_key("n/a")
    (('2024-03-05', '10:00:00+00:00'), ('2024-03-05', None), None)
    >>> date_key("2024-03-05T00:30:00+02:00")
    ('2024-03-04', '22:30:00+00:00')
    """
    if not published or len(published) < 10 or published[4] != "-" or published[7] != "-":
        return None
    day = published[:10]
    rest = published[11:] if len(published) > 11 and published[10] in "T " else None
    if not rest:
        return day, None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return day, rest
    if moment.tzinfo is not None:
        # Compare instants, not wall clocks: 21:30+01:00 is before 21:05+00:00.
        moment = moment.astimezone(UTC)
    return moment.date().isoformat(), moment.time().isoformat() + "+00:00"


def compare(a: tuple[str, str | None], b: tuple[str, str | None]) -> int:
    """-1 if ``a`` is earlier, 1 if later, 0 if the order is unknown (same day, no times) or equal."""
    if a[0] != b[0]:
        return -1 if a[0] < b[0] else 1
    if a[1] is None or b[1] is None or a[1] == b[1]:
        return 0
    return -1 if a[1] < b[1] else 1


def parts_json(parts: Sequence[ParentPart]) -> str | None:
    """The parts of a composite reprint as stored in ``passages.parent_parts`` (JSON).

    >>> parts_json([ParentPart(0, 40, "p1", "A", 0.5)])
    '[{"start": 0, "end": 40, "passage": "p1", "article": "A", "coverage": 0.5}]'
    """
    if not parts:
        return None
    return json.dumps(
        [
            {
                "start": p.start,
                "end": p.end,
                "passage": p.passage,
                "article": p.article,
                "coverage": p.coverage,
            }
            for p in parts
        ]
    )


# -- the order of witnesses ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _When:
    """What is known of a witness's date: an exact date, a crawl bound, or nothing."""

    key: tuple[str, str | None] | None
    bound: bool  # key is only the latest possible date (the crawl date)

    @property
    def exact(self) -> bool:
        return self.key is not None and not self.bound


def _when(d: Dated) -> _When:
    key = date_key(d.published)
    return _When(key, key is not None and d.published_source == "crawl")


def may_copy(src: _When, dst: _When) -> bool:
    """Can a witness dated ``dst`` have copied one dated ``src``? (see the module docstring)"""
    if src.key is None or (src.bound and dst.key is None):
        return False  # an undated text is nobody's original: its date may be the latest
    if dst.key is None:
        return True
    if src.bound and dst.bound:
        return False  # two latest-possible dates say nothing about each other's order
    return compare(src.key, dst.key) < 0


def _earliest(ws: Sequence[Witness], when: Mapping[str, _When]) -> tuple[list[str], str]:
    """Passage ids of the earliest witnesses and the family's date status."""
    exact = sorted(w.passage_id for w in ws if when[w.passage_id].exact)
    bounded = sorted(w.passage_id for w in ws if when[w.passage_id].bound)
    first: list[str] = []
    for pid in exact:
        c = compare(when[pid].key, when[first[0]].key) if first else -1  # type: ignore[arg-type]
        if c < 0:
            first = [pid]
        elif c == 0:
            first.append(pid)
    if not exact:
        return [], "missing"
    # A page crawled before every dated witness was published is certainly earlier than them.
    before = [b for b in bounded if all(may_copy(when[b], when[e]) for e in exact)]
    if len(before) > 1:
        return [], "tie"
    first = before or first
    article = {w.passage_id: w.article_id for w in ws}
    return first, "tie" if len({article[p] for p in first}) > 1 else "ok"


# -- the parent of one witness ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    witness: Witness
    when: _When
    spans: tuple[Interval, ...]  # merged, on the reprint's side, inside its witness
    similarity: float  # the best alignment score (stored as copy_similarity)
    held: np.ndarray | None  # which of the reprint's word n-grams the candidate holds

    def rank(self) -> tuple[int, tuple[str, str], str]:
        """Dated first, then the earliest, then the smallest id (closeness is decided before)."""
        day = self.when.key or ("9999", None)
        return (0 if self.when.exact else 1, (day[0], day[1] or ""), self.witness.passage_id)


def _candidates(
    w: Witness,
    by_id: Mapping[str, Witness],
    when: Mapping[str, _When],
    sides: Sequence[tuple[str, int, int, float]],
    grams: Mapping[str, Grams],
    held_cache: dict[tuple[int, int], np.ndarray],
) -> list[_Candidate]:
    """Earlier witnesses aligned with ``w``, with what of ``w`` they cover.

    Coverage is read in the texts when ``grams`` has both (the n-grams of ``w`` the candidate
    holds: an alignment may bridge a paragraph one side lacks), else from the alignments' spans.
    ``sides`` are ``w``'s alignments: (other witness, start and end on ``w``'s side, score).
    """
    spans: dict[str, list[Interval]] = {}
    score: dict[str, float] = {}
    for other, s, e, sc in sides:
        src = by_id[other]
        if src.article_id == w.article_id or not may_copy(when[other], when[w.passage_id]):
            continue
        spans.setdefault(other, []).append((max(s, w.start), min(e, w.end)))
        score[other] = max(score.get(other, 0.0), sc)
    out = []
    for o, sp in sorted(spans.items()):
        mine, theirs = grams.get(w.passage_id), grams.get(o)
        if mine is not None and theirs is not None:
            # a wire story reprinted 100 times: the same pair of texts, compared once
            held = held_cache.get((mine.key, theirs.key))
            if held is None:
                held = held_cache[(mine.key, theirs.key)] = mine.held_by(theirs)
            out.append(_Candidate(by_id[o], when[o], tuple(mine.covered(held)), score[o], held))
        else:
            out.append(_Candidate(by_id[o], when[o], tuple(merge(sp)), score[o], None))
    return out


def _reason(tier: Sequence[_Candidate], close: Mapping[str, float], n: int) -> str:
    """Why the first of ``tier`` (ranked) won among the candidates covering about as much."""
    if n == 1:
        return "only-candidate"
    if len(tier) == 1:
        return "coverage"
    first, runner = tier[0], tier[1]
    if first.when.exact and not runner.when.exact:
        return "dated-over-undated"
    if close[first.witness.passage_id] > close[runner.witness.passage_id] + SIMILARITY_TOLERANCE:
        return "similarity"
    if first.when.key and runner.when.key and compare(first.when.key, runner.when.key) < 0:
        return "tie-broken-by-date"
    return "tie-broken-by-id"


def _closeness(tier: Sequence[_Candidate], grams: Grams | None) -> dict[str, float]:
    """Share of the reprint's word n-grams each candidate holds, inside the core they all cover.

    Differing words inside the text every candidate holds are evidence of who was copied (an
    edit shared with a middle witness); text at the edges that only some hold is not: coverage
    already counted it, and found it within the tolerance.
    """
    if grams is None or any(c.held is None or not c.spans for c in tier) or not grams.hashes.size:
        return {c.witness.passage_id: c.similarity for c in tier}
    lo = max(c.spans[0][0] for c in tier)
    hi = min(c.spans[-1][1] for c in tier)
    core = (grams.starts >= lo) & (grams.ends <= hi)
    if not core.any():
        core = np.ones(grams.hashes.shape[0], bool)
    return {c.witness.passage_id: float(c.held[core].mean()) for c in tier}  # type: ignore[index]


def _closest(
    tier: Sequence[_Candidate], grams: Grams | None
) -> tuple[list[_Candidate], dict[str, float]]:
    """``tier`` ranked: dated first; among those, the closest texts (within the tolerance of the
    closest) before the others, then by date; and each one's closeness."""
    close = _closeness(tier, grams)
    dated = [c for c in tier if c.when.exact] or list(tier)
    top = max(close[c.witness.passage_id] for c in dated)
    near = sorted(
        (c for c in dated if close[c.witness.passage_id] >= top - SIMILARITY_TOLERANCE),
        key=_Candidate.rank,
    )
    picked = {id(c) for c in near}
    rest = sorted(
        (c for c in tier if id(c) not in picked),
        key=lambda c: (-close[c.witness.passage_id], c.rank()),
    )
    return near + rest, close


def _snap(start: int, end: int, words: tuple[np.ndarray, np.ndarray] | None) -> Interval:
    """``[start, end)`` shrunk to whole words (``words``: their starts and ends), if any."""
    if words is None:
        return start, end
    starts, ends = words
    i = int(np.searchsorted(starts, start))
    j = int(np.searchsorted(ends, end, side="right")) - 1
    if i < starts.shape[0] and j >= 0 and starts[i] < ends[j]:
        return int(starts[i]), int(ends[j])
    return start, end


def _tolerance(size: int, grams: Grams | None) -> float:
    """Characters of coverage by which candidates may differ and still count as equal."""
    tol = min(
        max(COVERAGE_TOLERANCE * size, COVERAGE_TOLERANCE_MIN_CHARS),
        COVERAGE_TOLERANCE_CHARS,
        COVERAGE_TOLERANCE_MAX_SHARE * size,
    )
    if grams is not None and grams.words[0].shape[0]:
        line = CHAIN_EVIDENCE_WORDS * size / grams.words[0].shape[0]
        tol = max(tol, min(line, COVERAGE_TOLERANCE_MAX_SHARE * size))
    return tol


def choose_parent(
    w: Witness, cands: Sequence[_Candidate], grams: Grams | None = None
) -> tuple[list[ParentPart], float | None, float | None, str]:
    """Parts (largest first), coverage and similarity of the first, and the reason.

    ``grams`` (the witness's word n-grams) ranks candidates covering as much by closeness and
    puts the parts' bounds on words.
    """
    size = max(1, w.end - w.start)
    tol = _tolerance(size, grams)
    min_part = max(MIN_PART_SHARE * size, MIN_PART_CHARS)
    uncovered: list[Interval] = [(w.start, w.end)]
    left = list(cands)
    parts: list[ParentPart] = []
    reason = "earliest"
    while left:
        tier, best = _tier(left, uncovered, tol)
        if best <= 0 or (parts and best < min_part):
            break  # the first part may be small: the total coverage decides below
        tier, close = _closest(tier, grams)
        pick = tier[0]
        if not parts:
            reason = _reason(tier, close, len(cands))
        left = [c for c in left if c is not pick]
        part = _part(pick, uncovered, grams, size)
        if part is None:  # within the tolerance of the best but adds nothing: never a part
            continue
        parts.append(part)
        uncovered = subtract(uncovered, pick.spans)
    covered = size - length(uncovered)
    if not parts or covered < MIN_PARENT_COVERAGE * size:
        # Earlier witnesses hold only a small part of this one: they are excerpts of it.
        return [], None, None, "excerpt-earlier" if cands else "earliest"
    first = next(c for c in cands if c.witness.passage_id == parts[0].passage)
    coverage = round(length(first.spans) / size, 4)
    return parts, coverage, first.similarity, "composite" if len(parts) > 1 else reason


def _tier(
    left: Sequence[_Candidate], uncovered: list[Interval], tol: float
) -> tuple[list[_Candidate], int]:
    """The candidates adding about as much of ``uncovered`` as the best one, and its gain.
    Coverages within the tolerance are equal: date and similarity decide between them."""
    todo = length(uncovered)
    gains = {c.witness.passage_id: todo - length(subtract(uncovered, c.spans)) for c in left}
    best = max(gains.values())
    return [c for c in left if gains[c.witness.passage_id] >= best - tol], best


def _part(
    pick: _Candidate, uncovered: list[Interval], grams: Grams | None, size: int
) -> ParentPart | None:
    """The part of the reprint ``pick`` covers among what is still ``uncovered`` (None: nothing)."""
    taken = [iv for iv in uncovered if any(s < iv[1] and iv[0] < e for s, e in pick.spans)]
    got = merge(
        [(max(s, a), min(e, b)) for a, b in taken for s, e in pick.spans if s < b and a < e]
    )
    if not got:
        return None
    # the part begins where the previous one ended: after its last word, not on the space
    bounds = _snap(got[0][0], got[-1][1], grams.words if grams else None)
    return ParentPart(
        bounds[0],
        bounds[1],
        pick.witness.passage_id,
        pick.witness.article_id,
        round(length(got) / size, 4),
    )


def _links(family: Family) -> tuple[Link, ...]:
    """The family's links; a family built by hand with edges only covers whole witnesses."""
    if family.links or not family.edges:
        return family.links
    by_id = {w.passage_id: w for w in family.passages}
    return tuple(
        Link(a, by_id[a].start, by_id[a].end, b, by_id[b].start, by_id[b].end, s)
        for a, b, s in family.edges
    )


def trace(
    family: Family, dates: Mapping[str, Dated], texts: Mapping[str, str | None] | None = None
) -> FamilyProvenance:
    """Earliest witness, parent of each witness and date status of one family.

    ``texts`` (article id -> text) lets coverage be read in the texts; without it, coverage
    comes from the alignments' spans.

    >>> from copytrail.reuse.families import Family, Witness
    >>> f = Family("f", (Witness("p1", "A", 0, 9), Witness("p2", "B", 0, 9), Witness("p3", "C", 0, 9)),
    ...            (("p1", "p2", 0.9), ("p2", "p3", 1.0), ("p1", "p3", 0.5)))
    >>> meta = {"A": Dated("2024-01-01", "meta"), "B": Dated("2024-01-02", "json-ld"),
    ...         "C": Dated("2024-01-05", "url")}
    >>> fp = trace(f, meta)
    >>> fp.earliest_passage, fp.date_status, [(w.copied_from_passage, w.parent_reason) for w in fp.witnesses]
    ('p1', 'ok', [(None, 'earliest'), ('p1', 'only-candidate'), ('p2', 'similarity')])
    """
    when = {w.passage_id: _when(dates.get(w.article_id, Dated(None))) for w in family.passages}
    article = {w.passage_id: w.article_id for w in family.passages}
    earliest, status = _earliest(family.passages, when)
    exact = [w.passage_id for w in family.passages if when[w.passage_id].exact]
    keyed = exact or [w.passage_id for w in family.passages if when[w.passage_id].key]
    first = min((dates[article[p]].published or "" for p in keyed), default=None)
    last = max((dates[article[p]].published or "" for p in keyed), default=None)
    unique_first = earliest[0] if status == "ok" else None
    return FamilyProvenance(
        family.family_id,
        unique_first,
        article[unique_first] if unique_first else None,
        first,
        last,
        status,
        len(family.passages) - len(exact),
        _parents(family, when, set(earliest), texts),
    )


def _parents(
    family: Family,
    when: Mapping[str, _When],
    earliest: set[str],
    texts: Mapping[str, str | None] | None,
) -> tuple[WitnessProvenance, ...]:
    """The parent of every witness of ``family`` (see :func:`trace`)."""
    by_id = {w.passage_id: w for w in family.passages}
    dated = _Dates(family.passages, when)
    held_cache: dict[tuple[int, int], np.ndarray] = {}
    sides: dict[str, list[tuple[str, int, int, float]]] = defaultdict(list)
    for ln in _links(family):  # each witness's alignments, found once per family
        sides[ln.passage_a].append((ln.passage_b, ln.a_start, ln.a_end, ln.score))
        sides[ln.passage_b].append((ln.passage_a, ln.b_start, ln.b_end, ln.score))
    grams = {
        w.passage_id: Grams.of(text, w.start, w.end)
        for w in family.passages
        if (text := (texts or {}).get(w.article_id)) is not None
    }
    witnesses = []
    for w in family.passages:
        pid = w.passage_id
        cands = _candidates(w, by_id, when, sides.get(pid, ()), grams, held_cache)
        parts, coverage, sim, reason = choose_parent(w, cands, grams.get(pid))
        src = parts[0].passage if parts else None
        w_status = dated.status(w, when[pid])
        if not parts and w_status == "tie":
            reason = "date-tie"
        elif not parts and when[pid].key is None:
            reason = "undated"
        witnesses.append(
            WitnessProvenance(
                pid,
                w.article_id,
                pid in earliest,
                src,
                by_id[src].article_id if src else None,
                sim,
                w_status,
                coverage,
                reason,
                tuple(parts) if len(parts) > 1 else (),
            )
        )
    return tuple(witnesses)


class _Dates:
    """The exact dates of one family's witnesses, sorted, so that a witness's date status costs
    O(log W) (comparing each witness with every other was O(W²) a family: 1.9 ms at 100k).

    A witness is a ``tie`` when another article's exact date is the same as its own (same day,
    a time missing on either side or equal) and none is earlier (an earlier day, or the same
    day at an earlier time); see :func:`compare`.
    """

    def __init__(self, ws: Sequence[Witness], when: Mapping[str, _When]) -> None:
        self.days: dict[Any, list[str]] = defaultdict(list)  # None or article -> days
        self.times: dict[Any, list[str]] = defaultdict(list)  # (day, None or article) -> times
        self.untimed: dict[Any, int] = defaultdict(int)  # (day, None or article) -> count
        for o in ws:
            k = when[o.passage_id]
            if not k.exact or k.key is None:
                continue
            day, t = k.key
            for who in (None, o.article_id):
                self.days[who].append(day)
                if t is None:
                    self.untimed[(day, who)] += 1
                else:
                    self.times[(day, who)].append(t)
        for lists in (self.days, self.times):
            for v in lists.values():
                v.sort()

    def _other(
        self, table: Mapping[Any, list[str]], key: Any, mine: Any, lo: str, hi: str | None
    ) -> int:
        """Entries of other articles in [lo, hi) (``hi`` None: below ``lo``)."""

        def count(v: list[str]) -> int:
            if hi is None:
                return bisect_left(v, lo)
            return bisect_left(v, hi) - bisect_left(v, lo)

        return count(table.get(key, [])) - count(table.get(mine, []))

    def status(self, w: Witness, me: _When) -> str:
        if me.key is None:
            return "missing"
        if me.bound:
            return "crawl"
        day, t = me.key
        a = w.article_id
        earlier = self._other(self.days, None, a, day, None) > 0
        if not earlier and t is not None:
            earlier = self._other(self.times, (day, None), (day, a), t, None) > 0
        untimed = self.untimed.get((day, None), 0) - self.untimed.get((day, a), 0)
        if t is None:  # same day: every other article's date there is the same
            timed = len(self.times.get((day, None), [])) - len(self.times.get((day, a), []))
            same = untimed + timed > 0
        else:
            same = untimed + self._other(self.times, (day, None), (day, a), t, t + "\0") > 0
        return "tie" if same and not earlier else "ok"
