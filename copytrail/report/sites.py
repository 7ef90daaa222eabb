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
    return site_pages(c, [site], articles, families).get(site) or {"error": f"no site {site}"}


def site_pages(
    c: Any, sites: list[str], articles: int = ARTICLES, families: int = FAMILIES
) -> dict[str, dict[str, Any]]:
    """:func:`site_page` of many sites in six queries in all (the report embeds hundreds)."""
    from copytrail.report.views import MISSING_REUSE

    out: dict[str, dict[str, Any]] = {}
    for r in c.rows(
        """SELECT site, count(*) AS articles, min(published) AS first, max(published) AS last
           FROM articles WHERE site IN (SELECT unnest(?)) GROUP BY site""",
        [list(sites)],
    ):
        first, last = r["first"], r["last"]
        out[r["site"]] = {
            "site": r["site"],
            "counts": {
                "articles": r["articles"],
                "first": str(first)[:10] if first else None,
                "last": str(last)[:10] if last else None,
            },
            "articles": [],
        }
    for r in c.rows(
        """SELECT site, article_id, title, published, url, page_type FROM articles
           WHERE site IN (SELECT unnest(?))
           QUALIFY row_number() OVER (PARTITION BY site
                                      ORDER BY published DESC NULLS LAST, article_id) <= ?
           ORDER BY site, published DESC NULLS LAST, article_id""",
        [list(out), articles],
    ):
        out[r.pop("site")]["articles"].append(r)
    if not c.has("site_edges") or not c.reuse:
        for page in out.values():
            page["missing"] = MISSING_REUSE
        return out
    _edges(c, out)
    _families(c, out, families)
    return out


def _edges(c: Any, out: dict[str, dict[str, Any]]) -> None:
    from copytrail.report.views import _n

    e = c.cols["site_edges"]
    for page in out.values():
        page["reprints_from"], page["reprinted_by"] = [], []
    for r in c.rows(
        f"""SELECT {e["src"]} AS src, {e["dst"]} AS dst, {e["families"]} AS families,
                   {e["reprints"]} AS reprints, {e["lag"]} AS median_lag_days,
                   {e["share"]} AS reprint_share
            FROM site_edges
            WHERE ({e["src"]} IN (SELECT unnest(?)) OR {e["dst"]} IN (SELECT unnest(?)))
              AND {e["src"]} <> {e["dst"]}
            ORDER BY {e["families"]} DESC, 1, 2""",
        [list(out), list(out)],
    ):
        r["families"] = _n(r["families"])
        r["reprints"] = _n(r["reprints"])
        r["median_lag_days"] = _float(r["median_lag_days"])
        r["reprint_share"] = _float(r["reprint_share"])
        if r["dst"] in out:
            out[r["dst"]]["reprints_from"].append(r)
        if r["src"] in out:
            out[r["src"]]["reprinted_by"].append(r)


def _families(c: Any, out: dict[str, dict[str, Any]], limit: int) -> None:
    from copytrail.report.views import _family_row

    p, f = c.cols["passages"], c.cols["families"]
    for page in out.values():
        page["families"], page["families_total"] = [], 0
    rows = c.rows(
        f"""WITH mine AS (SELECT {p["site"]} AS site, {p["family_id"]} AS fid,
                                 bool_or(coalesce({p["earliest"]}, FALSE)) AS origin,
                                 count(*) AS here
                          FROM passages WHERE {p["site"]} IN (SELECT unnest(?)) GROUP BY 1, 2),
                 ranked AS (SELECT mine.*, count(*) OVER (PARTITION BY mine.site) AS total,
                                   {f["family_id"]} AS family_id, {f["witnesses"]} AS witnesses,
                                   {f["sites"]} AS sites, {f["first"]} AS first,
                                   {f["last"]} AS last, {f["text"]} AS text, {f["banal"]} AS banal
                            FROM families JOIN mine ON mine.fid = {f["family_id"]}
                            QUALIFY row_number() OVER (PARTITION BY mine.site
                                                       ORDER BY witnesses DESC, family_id) <= ?)
            SELECT * FROM ranked ORDER BY site, witnesses DESC, family_id""",
        [list(out), limit],
    )
    for r in rows:
        page = out[r["site"]]
        page["families"].append(
            {**_family_row(r), "origin": bool(r["origin"]), "here": int(r["here"])}
        )
        page["families_total"] = int(r["total"])
