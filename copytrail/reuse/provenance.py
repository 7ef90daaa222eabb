"""Provenance inside a family: the earliest witness and a reprint chain.

For each witness, ``copied_from`` is the earlier witness (strictly earlier date, other article)
it most likely copied from: the one with the closest text (highest alignment score), then the
earliest date, then the smallest passage id — like passim's ``src``. When no earlier witness is
aligned with it directly, the family's earliest witness is named, without a similarity.

Dates are never guessed. ``date_status`` says why an answer is missing:

* ``missing`` — the witness (or, for a family, every witness) has no published date;
* ``tie`` — the earliest date is shared by witnesses of different articles (same day, at least
  one of them without a time of day), so the order is unknown;
* ``ok`` — the answer follows from the dates.

>>> from copytrail.reuse.families import Family, Witness
>>> f = Family("f", (Witness("p1", "A", 0, 9), Witness("p2", "B", 0, 9), Witness("p3", "C", 0, 9)),
...            (("p1", "p2", 0.9), ("p2", "p3", 1.0), ("p1", "p3", 0.5)))
>>> meta = {"A": Dated("2024-01-01", "meta"), "B": Dated("2024-01-02", "json-ld"), "C": Dated("2024-01-05", "url")}
>>> fp = trace(f, meta)
>>> fp.earliest_passage, fp.date_status, [(w.passage_id, w.copied_from_passage) for w in fp.witnesses]
('p1', 'ok', [('p1', None), ('p2', 'p1'), ('p3', 'p2')])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from copytrail.reuse.families import Family


@dataclass(frozen=True, slots=True)
class Dated:
    """Published date of an article (ISO 8601 or None) and where it came from."""

    published: str | None
    published_source: str | None = None


@dataclass(frozen=True, slots=True)
class WitnessProvenance:
    passage_id: str
    article_id: str
    earliest: bool
    copied_from_passage: str | None
    copied_from_article: str | None
    copy_similarity: float | None
    date_status: str


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


def trace(family: Family, dates: Mapping[str, Dated]) -> FamilyProvenance:
    """Earliest witness, reprint chain and date status of one family."""
    keys = {w.passage_id: date_key(dates.get(w.article_id, Dated(None)).published) for w in family.passages}
    article = {w.passage_id: w.article_id for w in family.passages}
    score: dict[tuple[str, str], float] = {}
    for a, b, s in family.edges:
        score[(a, b)] = score[(b, a)] = s
    dated = [w.passage_id for w in family.passages if keys[w.passage_id] is not None]
    undated = len(family.passages) - len(dated)

    earliest: list[str] = []
    for pid in sorted(dated):
        k = keys[pid]
        assert k is not None
        if not earliest:
            earliest = [pid]
            continue
        c = compare(k, keys[earliest[0]])  # type: ignore[arg-type]
        if c < 0:
            earliest = [pid]
        elif c == 0:
            earliest.append(pid)
    if not dated:
        status = "missing"
    elif len({article[p] for p in earliest}) > 1:
        status = "tie"
    else:
        status = "ok"
    first = min((dates[article[p]].published or "" for p in dated), default=None)
    last = max((dates[article[p]].published or "" for p in dated), default=None)
    unique_first = earliest[0] if status == "ok" else None

    witnesses = []
    for w in family.passages:
        pid = w.passage_id
        k = keys[pid]
        src: str | None = None
        sim: float | None = None
        if k is None:
            w_status = "missing"
        else:
            earlier = []
            same_time = False
            for other in dated:
                if article[other] == w.article_id:
                    continue
                c = compare(keys[other], k)  # type: ignore[arg-type]
                if c < 0:
                    earlier.append(other)
                elif c == 0:
                    same_time = True
            if earlier:
                w_status = "ok"
                linked = [o for o in earlier if (pid, o) in score]
                pool = linked or earlier
                src = min(pool, key=lambda o: (-score.get((pid, o), 0.0), keys[o], o))
                sim = score.get((pid, src))
            else:
                w_status = "tie" if same_time else "ok"
        witnesses.append(
            WitnessProvenance(
                pid, w.article_id, pid in earliest, src, article[src] if src else None, sim, w_status
            )
        )
    return FamilyProvenance(
        family.family_id,
        unique_first,
        article[unique_first] if unique_first else None,
        first,
        last,
        status,
        undated,
        tuple(witnesses),
    )
