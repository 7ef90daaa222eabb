"""Networks: groups of sites joined by coordination or shared-owner links, with their evidence.

:func:`update_links` recomputes ``site_links`` (:mod:`copytrail.sites.links`) and ``networks``
from the store as it is now, in one transaction: links are judged against the whole corpus (an
id's rarity, the co-publication window), so pages added later change old links too, and a rerun
on an unchanged store writes the same rows. A network is a connected component of the
coordination and shared-owner links; its id is a hash of its member sites.

>>> components([("a", "b"), ("b", "c"), ("x", "y")])
[['a', 'b', 'c'], ['x', 'y']]
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from copytrail.ids import stable_id
from copytrail.sites.links import compute_links
from copytrail.store import Store

NETWORK_LABELS = ("coordination", "shared-owner")

LINKS_DDL: tuple[str, ...] = (
    # one row per pair of sites with anything in common (site_a < site_b)
    """CREATE TABLE IF NOT EXISTS site_links (
        site_a VARCHAR NOT NULL,
        site_b VARCHAR NOT NULL,
        label VARCHAR NOT NULL,
        score DOUBLE,
        evidence JSON,
        PRIMARY KEY (site_a, site_b)
    )""",
    # one row per network x member site; evidence is the network's summary
    """CREATE TABLE IF NOT EXISTS networks (
        network_id VARCHAR NOT NULL,
        site VARCHAR NOT NULL,
        label VARCHAR,
        sites INTEGER,
        evidence JSON,
        PRIMARY KEY (network_id, site)
    )""",
    "CREATE TABLE IF NOT EXISTS site_links_state (key VARCHAR PRIMARY KEY, value VARCHAR)",
)

LINKS_EXPORTS: dict[str, str] = {
    "site-links": """SELECT site_a, site_b, label, score, evidence FROM site_links
        ORDER BY CASE label WHEN 'shared-owner' THEN 0 WHEN 'coordination' THEN 1
                 WHEN 'syndication' THEN 2 ELSE 3 END, score DESC, site_a, site_b""",
    "networks": """SELECT network_id, site, label, sites, evidence FROM networks
        ORDER BY sites DESC, network_id, site""",
}


def components(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components of an undirected graph (union-find), each sorted, sorted."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)
    return sorted(sorted(g) for g in groups.values())


def network_summary(
    members: list[str], links: list[tuple[str, str, str, dict[str, Any]]]
) -> dict[str, Any]:
    """What joins a network: its links by label, the ids and publishers shared, co-publication."""
    labels: Counter[str] = Counter()
    ids: Counter[tuple[str, str]] = Counter()
    weight: Counter[tuple[str, str]] = Counter()
    pubs: set[str] = set()
    families: set[str] = set()
    for _a, _b, label, ev in links:
        labels[label] += 1
        for i in ev.get("ids", []):
            if i["weight"] >= 0.1:  # a common theme or an agency's container joins nobody
                ids[(i["kind"], i["value"])] += 1
                weight[(i["kind"], i["value"])] += i["weight"]
        pubs.update(ev.get("publishers", []))
        families.update(b["family"] for b in ev.get("co_publication", {}).get("families", []))
    return {
        "links": dict(sorted(labels.items())),
        # what weighs most first: a rare account before a common theme
        "shared_ids": [
            {"kind": k, "value": v, "pairs": ids[(k, v)]} for (k, v), _w in weight.most_common(20)
        ],
        "publishers": sorted(pubs),
        "co_published_families": len(families),
        "pairs": [[a, b, label] for a, b, label, _ev in links],
    }


def network_rows(rows: list[tuple[str, str, str, float, str]]) -> list[tuple[Any, ...]]:
    """``networks`` rows from ``site_links`` rows."""
    linking = [
        (a, b, label, json.loads(ev)) for a, b, label, _s, ev in rows if label in NETWORK_LABELS
    ]
    out = []
    for members in components((a, b) for a, b, _l, _e in linking):
        inside = set(members)
        links = [x for x in linking if x[0] in inside]
        # An undisclosed link anywhere makes the group not (only) what its owners disclose.
        label = "coordination" if any(x[2] == "coordination" for x in links) else "shared-owner"
        nid = stable_id("network", *members, length=12)
        summary = json.dumps(network_summary(members, links))
        out += [(nid, site, label, len(members), summary) for site in members]
    return out


@dataclass
class LinksSummary:
    """What one recomputation found."""

    links: int = 0
    by_label: dict[str, int] | None = None
    networks: int = 0
    window_minutes: float = 0.0


def _insert(con: Any, table: str, names: list[str], rows: list[tuple[Any, ...]]) -> None:
    import pyarrow as pa

    data = pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)})  # noqa: F841
    con.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT * FROM data")


def update_links(store: Store) -> LinksSummary:
    """Recompute ``site_links`` and ``networks`` from the store as it is now."""
    store.ensure_tables(LINKS_DDL)
    result = compute_links(store)
    nets = network_rows(result.rows)
    with store.transaction() as con:
        con.execute("DELETE FROM site_links")
        con.execute("DELETE FROM networks")
        # Arrow, not executemany: DuckDB inserts parameter rows one statement at a time.
        if result.rows:
            _insert(
                con, "site_links", ["site_a", "site_b", "label", "score", "evidence"], result.rows
            )
        if nets:
            _insert(con, "networks", ["network_id", "site", "label", "sites", "evidence"], nets)
        con.execute(
            "INSERT OR REPLACE INTO site_links_state VALUES ('window_minutes', ?)",
            [str(round(result.window_minutes, 1))],
        )
    return LinksSummary(
        links=len(result.rows),
        by_label=dict(Counter(r[2] for r in result.rows)),
        networks=len({r[0] for r in nets}),
        window_minutes=round(result.window_minutes, 1),
    )
