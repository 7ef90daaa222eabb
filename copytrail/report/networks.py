"""The explorer's networks view and the identity part of a site's page (issue #14).

:func:`networks_view` lists the networks (groups of sites joined by coordination or
shared-owner links, :mod:`copytrail.sites.networks`) with what joins them, and draws the graph
of labelled site links (``shared-owner``, ``coordination``, ``syndication``; ``none`` pairs are
left out), laid out like the reprint graph, each edge with its label and the evidence a reader
can check. :func:`site_identity` adds to a site's page its identifiers (with how many sites of
the corpus carry each) and its links with their evidence. Both name the missing stage instead of
failing on a store without site links.

>>> import duckdb
>>> from copytrail.report.views import Corpus
>>> networks_view(Corpus(duckdb.connect()))["missing"]
'not computed yet: run `copytrail sites`'
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from copytrail.report.network import place_nodes
from copytrail.sites.queries import describe_link, describe_network

MISSING_LINKS = "not computed yet: run `copytrail sites`"
MAX_EDGES = 600
LABEL_ORDER = "CASE label WHEN 'shared-owner' THEN 0 WHEN 'coordination' THEN 1 ELSE 2 END"


def networks_view(c: Any, max_edges: int = MAX_EDGES) -> dict[str, Any]:
    """Networks with their members and evidence, and the labelled link graph."""
    if not c.has("site_links", "networks"):
        return {"missing": MISSING_LINKS, "networks": [], "nodes": [], "edges": []}
    nets = c.rows(
        """SELECT network_id, any_value(label) AS label, count(*) AS size,
            list(site ORDER BY site) AS sites, any_value(evidence) AS evidence
        FROM networks GROUP BY network_id ORDER BY size DESC, network_id"""
    )
    for n in nets:
        ev = json.loads(n.pop("evidence") or "{}")
        n["summary"] = describe_network(ev)
        n["pairs"] = ev.get("pairs", [])
    edges = c.rows(
        f"""SELECT site_a AS src, site_b AS dst, label, score, evidence FROM site_links
        WHERE label <> 'none' ORDER BY {LABEL_ORDER}, score DESC, site_a, site_b LIMIT ?""",
        [max_edges],
    )
    member = {s: n["network_id"] for n in nets for s in n["sites"]}
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        e["evidence"] = describe_link(json.loads(e["evidence"] or "{}"))
        e["families"] = 1  # the layout's weight: every link pulls alike
        degree[e["src"]] += 1
        degree[e["dst"]] += 1
    nodes = place_nodes(dict(degree), {}, edges) if edges else []
    for node in nodes:
        node["network"] = member.get(node["id"])
    window = (
        c.rows("SELECT value FROM site_links_state WHERE key = 'window_minutes'")
        if c.has("site_links_state")
        else []
    )
    return {
        "networks": nets,
        "nodes": nodes,
        "edges": edges,
        "window_minutes": float(window[0]["value"]) if window else None,
    }


def site_identity(c: Any, site: str) -> dict[str, Any]:
    """A site's identifiers and links (strongest first), each link with its evidence in words."""
    out: dict[str, Any] = {"ids": [], "links": [], "networks": []}
    if c.has("site_ids"):
        out["ids"] = c.rows(
            """SELECT kind, value, pages, first_seen, last_seen,
                (SELECT count(DISTINCT s2.site) FROM site_ids s2
                 WHERE s2.kind = s.kind AND s2.value = s.value) AS sites_with_value
            FROM site_ids s WHERE site = ? ORDER BY sites_with_value, kind, value""",
            [site],
        )
    if not c.has("site_links", "networks"):
        out["links_missing"] = MISSING_LINKS
        return out
    for r in c.rows(
        f"""SELECT CASE WHEN site_a = ? THEN site_b ELSE site_a END AS other, label, score, evidence
        FROM site_links WHERE site_a = ? OR site_b = ?
        ORDER BY {LABEL_ORDER}, score DESC, other LIMIT 200""",
        [site, site, site],
    ):
        r["evidence"] = describe_link(json.loads(r["evidence"] or "{}"))
        out["links"].append(r)
    out["networks"] = [
        r["network_id"]
        for r in c.rows("SELECT network_id FROM networks WHERE site = ? ORDER BY 1", [site])
    ]
    return out


def with_identity(c: Any, page: dict[str, Any], site: str) -> dict[str, Any]:
    """A site page (:func:`copytrail.report.sites.site_page`) with its identity added."""
    if "error" not in page:
        page["identity"] = site_identity(c, site)
    return page
