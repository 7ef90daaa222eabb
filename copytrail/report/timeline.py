"""A family's spread over time: one row per site, one mark per witness, parent links.

:func:`family_timeline` turns the witnesses of :func:`copytrail.report.views.families` (with
their ``parent`` links) into the plain coordinates the browser draws as an SVG (``app.js``,
both in the explorer and the offline report): rows are sites in the order they first carried
the passage, ``pos`` is a witness's day on a 0–1 axis from the first to the last dated witness,
and undated witnesses get ``pos = None`` (drawn in an "undated" column, never guessed).
Witnesses on one site and day are spread over ``lane``s so no mark hides another.

>>> ws = [
...     {"passage_id": "p1", "article_id": "a1", "site": "a.example", "published": "2024-03-01",
...      "earliest": True, "parent": None},
...     {"passage_id": "p2", "article_id": "a2", "site": "b.example", "published": "2024-03-05T10:00:00+02:00",
...      "earliest": False, "parent": "p1"},
...     {"passage_id": "p3", "article_id": "a3", "site": "a.example", "published": None,
...      "earliest": False, "parent": "p2"}]
>>> t = family_timeline(ws)
>>> t["sites"], [(m["row"], m["pos"]) for m in t["marks"]], t["links"]
(['a.example', 'b.example'], [(0, 0.0), (1, 1.0), (0, None)], [['p1', 'p2'], ['p2', 'p3']])
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

MAX_TICKS = 6


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _ticks(first: date, last: date) -> list[dict[str, Any]]:
    span = (last - first).days
    if span == 0:
        return [{"pos": 0.5, "label": first.isoformat()}]
    step = max(1, -(-span // (MAX_TICKS - 1)))
    ks = list(range(0, span + 1, step))
    if ks[-1] < span and span - ks[-1] >= step / 2:
        ks.append(span)  # the last day gets its own tick unless the previous one is close
    return [
        {"pos": round(k / span, 4), "label": (first + timedelta(days=k)).isoformat()} for k in ks
    ]


def _site_rows(witnesses: list[dict[str, Any]], days: list[date | None]) -> list[str]:
    """Sites in order of each site's first witness (undated last, then by name)."""
    first_seen: dict[str, tuple[int, date, str]] = {}
    for w, d in zip(witnesses, days, strict=True):
        site = w.get("site") or "?"
        key = (0, d, site) if d else (1, date.max, site)
        if site not in first_seen or key < first_seen[site]:
            first_seen[site] = key
    return sorted(first_seen, key=lambda s: first_seen[s])


def _position(d: date | None, first: date | None, span: int) -> float | None:
    """Where a day lies on the axis, 0–1 (the middle when the family spans one day)."""
    if d is None or first is None:
        return None
    return round((d - first).days / span, 4) if span else 0.5


def family_timeline(witnesses: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows, marks, parent links and axis ticks of one family's timeline (module docstring)."""
    days = [_day(w.get("published")) for w in witnesses]
    dated = [d for d in days if d is not None]
    first, last = (min(dated), max(dated)) if dated else (None, None)
    span = (last - first).days if first and last else 0
    sites = _site_rows(witnesses, days)
    row = {s: i for i, s in enumerate(sites)}
    lanes: dict[tuple[int, date | None], int] = defaultdict(int)
    marks = []
    for w, d in zip(witnesses, days, strict=True):
        r = row[w.get("site") or "?"]
        pos = _position(d, first, span)
        marks.append(
            {
                "passage_id": w["passage_id"],
                "article_id": w["article_id"],
                "site": w.get("site"),
                "day": d.isoformat() if d else None,
                "row": r,
                "pos": pos,
                "lane": lanes[(r, d)],
                "earliest": bool(w.get("earliest")),
                "parent": w.get("parent"),
            }
        )
        lanes[(r, d)] += 1
    ids = {m["passage_id"] for m in marks}
    links = [[m["parent"], m["passage_id"]] for m in marks if m["parent"] in ids]
    return {
        "sites": sites,
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        "ticks": _ticks(first, last) if first and last else [],
        "marks": marks,
        "links": links,
        "undated": sum(1 for d in days if d is None),
    }
