"""A site's page in the explorer: its articles, whom it reprints, who reprints it.

:func:`site_page` reads the site's articles (newest first), the ``site_edges`` that end on it
("reprints from": the sites it copied passages from, with families and median lag) and those
that start from it ("reprinted by"), and the families it takes part in, saying whether it
carried the earliest witness. Like every view it returns plain JSON-ready dicts and names a
missing later stage instead of failing.

>>> import duckdb
>>> from copytrail.report.views import Corpus
>>> con = duckdb.connect()
>>> _ = con.execute("CREATE TABLE articles (article_id VARCHAR, site VARCHAR, title VARCHAR, "
...                 "published VARCHAR, url VARCHAR, page_type VARCHAR)")
>>> _ = con.execute("INSERT INTO articles VALUES ('a1', 'a.example', 'T', '2024-01-02', 'https://a.example/1', 'article')")
>>> p = site_page(Corpus(con), "a.example")
>>> p["counts"]["articles"], p["missing"]
(1, 'not computed yet: run `copytrail reuse`')
>>> site_page(Corpus(con), "nowhere.example")["error"]
'no site nowhere.example'
"""

from __future__ import annotations

import math
from typing import Any

ARTICLES = 50  # newest articles listed
FAMILIES = 30  # families listed, most witnesses first


def _float(v: Any) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def site_page(
    c: Any, site: str, articles: int = ARTICLES, families: int = FAMILIES
) -> dict[str, Any]:
    """Counts, newest articles, reprint sources and reprinters, and families of one site."""
    from copytrail.report.views import MISSING_REUSE, _family_row, _n

    counts = c.rows(
        """SELECT count(*) AS articles, min(published) AS first, max(published) AS last
           FROM articles WHERE site = ?""",
        [site],
    )[0]
    if not counts["articles"]:
        return {"error": f"no site {site}"}
    counts["first"] = str(counts["first"])[:10] if counts["first"] else None
    counts["last"] = str(counts["last"])[:10] if counts["last"] else None
    out: dict[str, Any] = {
        "site": site,
        "counts": counts,
        "articles": c.rows(
            """SELECT article_id, title, published, url, page_type FROM articles WHERE site = ?
               ORDER BY published DESC NULLS LAST, article_id LIMIT ?""",
            [site, articles],
        ),
    }
    if not c.has("site_edges") or not c.reuse:
        out["missing"] = MISSING_REUSE
        return out
    e = c.cols["site_edges"]
    edge_sql = f"""SELECT {e["src"]} AS src, {e["dst"]} AS dst, {e["families"]} AS families,
                          {e["reprints"]} AS reprints, {e["lag"]} AS median_lag_days,
                          {e["share"]} AS reprint_share
                   FROM site_edges WHERE {{side}} = ? AND {e["src"]} <> {e["dst"]}
                   ORDER BY {e["families"]} DESC, 1, 2"""
    for key, side in (("reprints_from", e["dst"]), ("reprinted_by", e["src"])):
        rows = c.rows(edge_sql.format(side=side), [site])
        for r in rows:
            r["families"] = _n(r["families"])
            r["reprints"] = _n(r["reprints"])
            r["median_lag_days"] = _float(r["median_lag_days"])
            r["reprint_share"] = _float(r["reprint_share"])
        out[key] = rows
    p, f = c.cols["passages"], c.cols["families"]
    rows = c.rows(
        f"""WITH mine AS (SELECT {p["family_id"]} AS fid,
                                 bool_or(coalesce({p["earliest"]}, FALSE)) AS origin,
                                 count(*) AS here
                          FROM passages WHERE {p["site"]} = ? GROUP BY 1)
            SELECT {f["family_id"]} AS family_id, {f["witnesses"]} AS witnesses,
                   {f["sites"]} AS sites, {f["first"]} AS first, {f["last"]} AS last,
                   {f["text"]} AS text, {f["banal"]} AS banal, mine.origin, mine.here
            FROM families JOIN mine ON mine.fid = {f["family_id"]}
            ORDER BY {f["witnesses"]} DESC, 1 LIMIT ?""",
        [site, families],
    )
    out["families"] = [
        {**_family_row(r), "origin": bool(r["origin"]), "here": int(r["here"])} for r in rows
    ]
    out["families_total"] = c.scalar(
        f"SELECT count(DISTINCT {p['family_id']}) FROM passages WHERE {p['site']} = ?", [site]
    )
    return out
