"""GEXF 1.3 of the site links (``copytrail export --what site-links --format gexf``).

Undirected edges, one per linked pair, with the label (``shared-owner``, ``coordination``,
``syndication``; ``none`` pairs are left out: they would fill the graph with agency containers
and common themes), the score and a one-line evidence summary; each node carries its network
and that network's label, so Gephi can colour nodes by network and edges by label.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from copytrail.sites.queries import describe_link

_NODE_ATTRS = (("network", "string"), ("network_label", "string"))
_EDGE_ATTRS = (("label", "string"), ("score", "double"), ("evidence", "string"))


def _attvalues(values: list[Any]) -> str:
    cells = "".join(
        f"<attvalue for={quoteattr(str(i))} value={quoteattr(str(v))}/>"
        for i, v in enumerate(values)
        if v is not None
    )
    return f"<attvalues>{cells}</attvalues>"


def write_links_gexf(store: Any, path: str | Path) -> int:
    """Write the labelled site links as GEXF; returns the number of edges written."""
    import json

    edges = store.con.execute(
        "SELECT site_a, site_b, label, score, evidence FROM site_links "
        "WHERE label <> 'none' ORDER BY site_a, site_b"
    ).fetchall()
    nets = {
        site: (nid, label)
        for nid, site, label in store.con.execute(
            "SELECT network_id, site, label FROM networks"
        ).fetchall()
    }
    sites = sorted({e[0] for e in edges} | {e[1] for e in edges})
    ids = {s: str(i) for i, s in enumerate(sites)}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        '<graph mode="static" defaultedgetype="undirected">',
        '<attributes class="node">',
        *(f'<attribute id="{i}" title="{t}" type="{ty}"/>' for i, (t, ty) in enumerate(_NODE_ATTRS)),
        '</attributes>',
        '<attributes class="edge">',
        *(f'<attribute id="{i}" title="{t}" type="{ty}"/>' for i, (t, ty) in enumerate(_EDGE_ATTRS)),
        "</attributes>",
        "<nodes>",
    ]  # fmt: skip
    for s in sites:
        net, label = nets.get(s, (None, None))
        lines.append(
            f"<node id={quoteattr(ids[s])} label={quoteattr(s)}>{_attvalues([net, label])}</node>"
        )
    lines += ["</nodes>", "<edges>"]
    for k, (a, b, label, score, evidence) in enumerate(edges):
        summary = describe_link(json.loads(evidence or "{}"))
        lines.append(
            f'<edge id="{k}" source="{ids[a]}" target="{ids[b]}" label={quoteattr(label)} '
            f'weight="{score or 0}">{_attvalues([label, score, summary])}</edge>'
        )
    lines += ["</edges>", "</graph>", "</gexf>"]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(edges)
