"""Reading site links and networks back: what ``copytrail networks``, ``copytrail site SITE``
and the explorer show. Every function takes a store and returns plain dicts.

>>> from copytrail.store import Store
>>> network_list(Store(":memory:"))
[]
"""

from __future__ import annotations

import json
from typing import Any

from copytrail.store import Store


def _rows(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def network_list(store: Store) -> list[dict[str, Any]]:
    """Every network, largest first: id, label, member sites, and its evidence summary."""
    if not store.has_table("networks"):
        return []
    rows = _rows(
        store,
        """SELECT network_id, any_value(label) AS label, count(*) AS size,
            list(site ORDER BY site) AS sites, any_value(evidence) AS evidence
        FROM networks GROUP BY network_id ORDER BY size DESC, network_id""",
    )
    for r in rows:
        r["evidence"] = json.loads(r["evidence"] or "{}")
    return rows


def describe_network(ev: dict[str, Any]) -> str:
    """One line of what joins a network, for a table cell.

    >>> describe_network({"links": {"coordination": 3}, "shared_ids": [{"kind": "adsense",
    ...     "value": "pub-1", "pairs": 3}], "publishers": [], "co_published_families": 0})
    'coordination links 3; shared adsense pub-1'
    """
    parts = ["; ".join(f"{k} links {v}" for k, v in ev.get("links", {}).items())]
    ids = ev.get("shared_ids", [])[:3]
    if ids:
        parts.append("shared " + ", ".join(f"{i['kind']} {i['value']}" for i in ids))
    if ev.get("publishers"):
        parts.append("publisher " + ", ".join(ev["publishers"]))
    if ev.get("co_published_families"):
        parts.append(f"{ev['co_published_families']} families co-published")
    return "; ".join(p for p in parts if p)


def site_links(store: Store, site: str) -> list[dict[str, Any]]:
    """The links of one site: the other site, label, score, evidence (strongest first)."""
    if not store.has_table("site_links"):
        return []
    rows = _rows(
        store,
        """SELECT CASE WHEN site_a = ? THEN site_b ELSE site_a END AS other, label, score, evidence
        FROM site_links WHERE site_a = ? OR site_b = ?
        ORDER BY CASE label WHEN 'shared-owner' THEN 0 WHEN 'coordination' THEN 1
                 WHEN 'syndication' THEN 2 ELSE 3 END, score DESC, other""",
        [site, site, site],
    )
    for r in rows:
        r["evidence"] = json.loads(r["evidence"] or "{}")
    return rows


def describe_link(ev: dict[str, Any]) -> str:
    """One line of a link's evidence, for a table cell.

    >>> describe_link({"ids": [{"kind": "gtm", "value": "GTM-A1", "sites": 9, "weight": 0.2}],
    ...     "id_score": 0.2})
    'ids: gtm GTM-A1 (9 sites, weight 0.2)'
    """
    parts = []
    if ev.get("publishers"):
        parts.append("publisher " + ", ".join(ev["publishers"]))
    if ev.get("ids"):
        parts.append(
            "ids: "
            + ", ".join(
                f"{i['kind']} {i['value']} ({i['sites']} sites, weight {i['weight']})"
                for i in ev["ids"][:4]
            )
        )
    cp = ev.get("co_publication")
    if cp:
        lags = sorted(b["lag_minutes"] for b in cp["families"])
        parts.append(
            f"{cp['bursts']} uncredited co-publications within {cp['window_minutes']} min "
            f"(lags {', '.join(str(x) for x in lags[:5])} min)"
        )
    for direction, d in ev.get("copies", {}).items():
        credits = f", credits: {', '.join(d['credits'])}" if d["credits"] else ""
        parts.append(
            f"{direction}: {d['credited']} credited, {d['uncredited']} uncredited{credits}"
        )
    if ev.get("copied_ids"):
        c = ev["copied_ids"][0]
        parts.append(
            f"{len(ev['copied_ids'])} ids of {c['copied_from']} only on pages {c['on']} copied"
        )
    return "; ".join(parts)


def site_ids(store: Store, site: str) -> list[dict[str, Any]]:
    """A site's identifiers with how many sites of the corpus carry each."""
    if not store.has_table("site_ids"):
        return []
    return _rows(
        store,
        """SELECT kind, value, pages, first_seen, last_seen,
            (SELECT count(DISTINCT s2.site) FROM site_ids s2
             WHERE s2.kind = s.kind AND s2.value = s.value) AS sites_with_value
        FROM site_ids s WHERE site = ? ORDER BY sites_with_value, kind, value""",
        [site],
    )


def reprints(store: Store, site: str) -> dict[str, list[dict[str, Any]]]:
    """What the site reprints from whom, and who reprints it (the reuse stage's site edges)."""
    if not store.has_table("site_edges"):
        return {"from": [], "by": []}
    cols = "families, reprints, median_lag_days"
    return {
        "from": _rows(
            store,
            f"SELECT src_site AS site, {cols} FROM site_edges WHERE dst_site = ? "
            "ORDER BY reprints DESC, site",
            [site],
        ),
        "by": _rows(
            store,
            f"SELECT dst_site AS site, {cols} FROM site_edges WHERE src_site = ? "
            "ORDER BY reprints DESC, site",
            [site],
        ),
    }


def site_profile(store: Store, site: str) -> dict[str, Any]:
    """Everything about one site: ids, links, networks, reprints."""
    nets = []
    if store.has_table("networks"):
        nets = [
            r[0]
            for r in store.con.execute(
                "SELECT network_id FROM networks WHERE site = ? ORDER BY network_id", [site]
            ).fetchall()
        ]
    ids = site_ids(store, site)
    if ids and store.has_table("passages"):
        from copytrail.sites.links import own_ids

        # ids this site carries only on pages copied from another site that has them
        copied = {(k, v): src for s, k, v, src in own_ids(store)[1] if s == site}
        for i in ids:
            i["only_on_copies_of"] = copied.get((i["kind"], i["value"]))
    return {
        "site": site,
        "ids": ids,
        "links": site_links(store, site),
        "networks": nets,
        "reprints": reprints(store, site),
    }
