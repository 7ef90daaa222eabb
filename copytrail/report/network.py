"""The site network: a deterministic force layout for the explorer, and the GEXF export.

The explorer used to put sites on a circle, which stops being readable past ~30 sites: every
edge crosses the middle and labels overlap. :func:`force_layout` places sites with a
Fruchterman–Reingold spring model computed server-side with numpy (sites that reprint each
other often are pulled together, all sites repel, a weak gravity keeps small components near
the middle). It is deterministic: each site starts at a position derived from a hash of its
name and a seed, never from run order, so the same store always draws the same picture.
Only the busiest sites get a visible label (:data:`LABELS`); every site has a hover title.

:func:`write_gexf` writes the graph for Gephi with node attributes (articles, first and last
dates, families, passages first published there, reprints made there) and edge evidence
(families, witnesses, median lag, reprint share), so Gephi can size and colour by them.

>>> pos = force_layout(["a", "b", "c"], [("a", "b", 3.0), ("b", "c", 1.0)])
>>> pos == force_layout(["c", "b", "a"], [("b", "c", 1.0), ("a", "b", 3.0)])
True
>>> all(40 <= x <= 960 and 40 <= y <= 800 for x, y in pos.values())
True
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import numpy as np

WIDTH, HEIGHT, MARGIN = 1000, 840, 40
LABELS = 40  # sites labelled on the picture (most shared families first); the rest on hover
LABEL_PX = 13  # font size of a label, in layout units
ITERATIONS = 250
GRAVITY = (
    6.0  # pull towards the middle per pixel of distance: keeps clusters apart but the map compact
)


def _start(site: str, seed: int) -> tuple[float, float]:
    digest = hashlib.sha256(f"{seed}\u0000{site}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32, int.from_bytes(digest[4:8], "big") / 2**32


def force_layout(
    sites: list[str],
    edges: list[tuple[str, str, float]],
    width: int = WIDTH,
    height: int = HEIGHT,
    seed: int = 7,
    iterations: int = ITERATIONS,
) -> dict[str, tuple[float, float]]:
    """Positions of ``sites`` inside ``width`` × ``height`` (margins kept), by a spring model.

    ``edges`` are (site, site, weight); a pair's weights are summed, direction ignored.
    Cost is O(sites²) per iteration: about a second for 300 sites.
    """
    names = sorted(set(sites))
    n = len(names)
    if n == 0:
        return {}
    if n == 1:
        return {names[0]: (width / 2, height / 2)}
    index = {s: i for i, s in enumerate(names)}
    pairs: dict[tuple[int, int], float] = {}
    for a, b, w in edges:
        if a in index and b in index and a != b:
            key = (min(index[a], index[b]), max(index[a], index[b]))
            pairs[key] = pairs.get(key, 0.0) + w
    keys = sorted(pairs)
    ei = np.array([i for i, _ in keys], dtype=np.intp)
    ej = np.array([j for _, j in keys], dtype=np.intp)
    ew = np.array([pairs[key] for key in keys], dtype=np.float32)
    if ew.size:
        # Heavy edges pull harder, but only logarithmically: one giant edge must not fold the map.
        ew = np.log1p(ew) / np.log1p(ew.max())
    pos = np.array([_start(s, seed) for s in names]) * [width, height]
    # float32: half the memory traffic of the n×n arrays, ample precision for pixels.
    x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
    k = math.sqrt(width * height / n)  # ideal distance between two sites
    k2, pull, gravity = k * k, 2.0 / k, GRAVITY
    cx, cy = width / 2, height / 2
    temperature = width / 8
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        # Every pair repels (k²/d, per unit of (dx, dy): k²/d²) ...
        rep = k2 / (dx * dx + dy * dy + 0.25)
        np.fill_diagonal(rep, 0.0)
        fx = (rep * dx).sum(axis=1) - gravity * (x - cx)
        fy = (rep * dy).sum(axis=1) - gravity * (y - cy)
        # ... and the few linked pairs attract (w·d²/k): computed on the edge list only.
        ex, ey = x[ei] - x[ej], y[ei] - y[ej]
        pull_e = pull * ew * np.sqrt(ex * ex + ey * ey + 0.25)
        np.add.at(fx, ei, -pull_e * ex)
        np.add.at(fx, ej, pull_e * ex)
        np.add.at(fy, ei, -pull_e * ey)
        np.add.at(fy, ej, pull_e * ey)
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
        step = np.minimum(length, temperature) / length
        x += fx * step
        y += fy * step
        temperature = max(temperature * 0.985, 1.0)
    pos = np.stack([x, y], axis=1)
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    scale = min((width - 2 * MARGIN) / span[0], (height - 2 * MARGIN) / span[1])
    offset = (np.array([width, height]) - span * scale) / 2
    placed = (pos - lo) * scale + offset
    return {
        s: (round(float(x), 1), round(float(y), 1)) for s, (x, y) in zip(names, placed, strict=True)
    }


def _labels(sites: list[str], pos: dict[str, tuple[float, float]]) -> set[str]:
    """The busiest sites whose label (drawn centred above the mark) overlaps no other label.

    Widths are estimated from the label length at the explorer's font size (11-13 px); a
    site whose label would collide is left to its hover title.
    """
    boxes: list[tuple[float, float, float, float]] = []
    chosen: set[str] = set()
    for s in sites:
        if len(chosen) >= LABELS:
            break
        x, y = pos[s]
        half = 0.62 * LABEL_PX * len(s) / 2 + 2
        # Height: ascent and descent of the font plus the white halo drawn around letters.
        box = (x - half, y - 13 - 1.5 * LABEL_PX, x + half, y - 13 + 0.4 * LABEL_PX)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        boxes.append(box)
        chosen.add(s)
    return chosen


def place_nodes(
    degree: dict[str, int], articles: dict[str, int], edges: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Node dicts of the explorer's network view: id, degree, articles, x, y and label.

    >>> nodes = place_nodes({"a": 2, "b": 2}, {"a": 5}, [{"src": "a", "dst": "b", "families": 2}])
    >>> [(n["id"], n["articles"], n["label"]) for n in nodes]
    [('a', 5, True), ('b', 0, True)]
    """
    sites = sorted(degree, key=lambda s: (-degree[s], s))
    pos = force_layout(sites, [(e["src"], e["dst"], float(e["families"])) for e in edges])
    labelled = _labels(sites, pos)
    return [
        {
            "id": s,
            "degree": degree[s],
            "articles": int(articles.get(s, 0)),
            "x": pos[s][0],
            "y": pos[s][1],
            "label": s in labelled,
        }
        for s in sites
    ]


# -- GEXF ---------------------------------------------------------------------------------------

_NODE_ATTRS = (
    ("articles", "integer"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("families", "integer"),
    ("originals", "integer"),
    ("reprints", "integer"),
)
_EDGE_ATTRS = (
    ("families", "integer"),
    ("witnesses", "integer"),
    ("reprints", "integer"),
    ("median_lag_days", "double"),
    ("reprint_share", "double"),
    ("family_ids", "string"),
)


def site_attributes(con: Any) -> dict[str, dict[str, Any]]:
    """Per site: articles, first/last publication day, families, originals and reprints.

    ``originals`` counts passages whose earliest witness is on the site, ``reprints`` the
    later witnesses on it (self-reuse included: Gephi users can filter on edges instead).
    """
    out: dict[str, dict[str, Any]] = {}
    for site, n, first, last in con.execute(
        """SELECT site, count(*), min(substr(published, 1, 10)), max(substr(published, 1, 10))
           FROM corpus_articles WHERE site IS NOT NULL GROUP BY 1"""
    ).fetchall():
        out[site] = {"articles": n, "first_date": first, "last_date": last}
    for site, fams, originals, reprints in con.execute(
        """SELECT site, count(DISTINCT family_id), count(*) FILTER (WHERE earliest),
                  count(*) FILTER (WHERE NOT coalesce(earliest, FALSE))
           FROM passages WHERE site IS NOT NULL GROUP BY 1"""
    ).fetchall():
        out.setdefault(site, {}).update(families=fams, originals=originals, reprints=reprints)
    for values in out.values():  # a site in no family has 0 of each, not "unknown"
        for key in ("families", "originals", "reprints"):
            values.setdefault(key, 0)
    return out


def _attvalues(values: dict[str, Any], attrs: tuple[tuple[str, str], ...]) -> str:
    parts = []
    for i, (name, _) in enumerate(attrs):
        v = values.get(name)
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        parts.append(f'<attvalue for="{i}" value={quoteattr(str(v))}/>')
    return f"<attvalues>{''.join(parts)}</attvalues>" if parts else ""


def write_gexf(store: Any, path: str | Path) -> int:
    """Write the site graph as GEXF 1.3 with node and edge attributes; returns edges written.

    Nodes are every site with articles or edges; an edge goes from the earlier site to the
    reprinting one, weighted by families.
    """
    con = store.con
    present = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'site_edges'"
        ).fetchall()
    }
    # Older stores have no witnesses/family_ids columns: reprints count the witnesses there.
    witnesses = "witnesses" if "witnesses" in present else "reprints"
    family_ids = "family_ids" if "family_ids" in present else "NULL"
    edges = con.execute(
        f"""SELECT src_site, dst_site, families, {witnesses}, reprints, median_lag_days,
                   reprint_share, {family_ids}
            FROM site_edges ORDER BY families DESC, src_site, dst_site"""
    ).fetchall()
    attrs = site_attributes(con)
    sites = sorted(set(attrs) | {e[0] or "" for e in edges} | {e[1] or "" for e in edges})
    ids = {s: str(i) for i, s in enumerate(sites)}
    head = ['<attributes class="node">']
    head += [
        f'<attribute id="{i}" title="{t}" type="{ty}"/>' for i, (t, ty) in enumerate(_NODE_ATTRS)
    ]
    head += ["</attributes>", '<attributes class="edge">']
    head += [
        f'<attribute id="{i}" title="{t}" type="{ty}"/>' for i, (t, ty) in enumerate(_EDGE_ATTRS)
    ]
    head.append("</attributes>")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        '<graph mode="static" defaultedgetype="directed">',
        *head,
        "<nodes>",
    ]
    for s in sites:
        values = _attvalues(attrs.get(s, {}), _NODE_ATTRS)
        lines.append(f"<node id={quoteattr(ids[s])} label={quoteattr(s)}>{values}</node>")
    lines += ["</nodes>", "<edges>"]
    for k, (src, dst, *evidence) in enumerate(edges):
        names = [a for a, _ in _EDGE_ATTRS]
        values = _attvalues(dict(zip(names, evidence, strict=True)), _EDGE_ATTRS)
        fams = evidence[0]
        lines.append(
            f'<edge id="{k}" source="{ids[src or ""]}" target="{ids[dst or ""]}" '
            f'weight="{fams or 0}">{values}</edge>'
        )
    lines += ["</edges>", "</graph>", "</gexf>"]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(edges)
