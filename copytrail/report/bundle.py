"""The self-contained HTML report: the explorer's views for a subset, in one offline file.

:func:`build_report` computes the same view dicts the web app serves (:mod:`.views`) for the
chosen subset (a site, a family, a start date), embeds them as one JSON data block next to the
inlined CSS and JS, and writes one HTML file that needs no server and makes no request: views
are switched by the URL hash, search runs over the embedded articles, and a hash-based
Content-Security-Policy lets only the inlined script and style run.

>>> import tempfile, os
>>> from copytrail.store import Store
>>> d = tempfile.mkdtemp(); path = os.path.join(d, "s.duckdb"); Store(path).close()
>>> info = build_report(Settings(store=path), os.path.join(d, "r.html"))
>>> info.articles, info.families, info.size > 1000
(0, 0, True)
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from copytrail import __version__
from copytrail.report import views
from copytrail.report.html import report_page
from copytrail.report.networks import networks_view, with_identity
from copytrail.report.sites import site_pages
from copytrail.settings import Settings
from copytrail.store import Store

MAX_FAMILIES = 1000  # families embedded with their witnesses and diffs
MAX_ARTICLES = 5000  # articles embedded (witnesses of those families first)
MAX_SITES = 500  # site pages embedded (the network's sites, most shared families first)


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """What :func:`build_report` wrote."""

    path: str
    size: int  # bytes
    articles: int
    families: int
    edges: int
    seconds: float


def _subtitle(site: str | None, family: str | None, since: str | None) -> str:
    parts = [f"site {site}" if site else "", f"family {family}" if family else "",
             f"since {since}" if since else ""]
    return "report: " + (", ".join(p for p in parts if p) or "whole corpus")


def report_data(
    c: views.Corpus,
    subset: views.Subset,
    max_families: int = MAX_FAMILIES,
    max_articles: int = MAX_ARTICLES,
) -> dict[str, Any]:
    """Every view dict the report carries, keyed the way ``app.js`` looks them up."""
    network = views.network(c, subset)
    edges = {
        f"{e['src']}\u0000{e['dst']}": views.edge_families(c, e["src"], e["dst"])
        for e in network["edges"]
    }
    family_ids: list[str] = []
    if c.reuse:
        if subset.family:
            family_ids = [subset.family]
        else:
            family_ids = [f["family_id"] for f in views.top_families(c, subset, max_families)]
    families = views.families(c, family_ids)
    article_ids: dict[str, None] = {}
    for fam in families.values():
        for w in fam.get("witnesses", []):
            article_ids.setdefault(w["article_id"], None)
    claims = views.claims(c, subset)
    for g in claims.get("conflicts", []):
        for w in g["witnesses"]:
            article_ids.setdefault(w["article_id"], None)
    if not subset.family:
        # Articles of the subset that are in no family still belong in the report's search.
        where, params = subset.article_where("a", c)
        for (aid,) in c.con.execute(
            f"""SELECT a.article_id FROM articles a WHERE {where}
                ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT ?""",
            [*params, max_articles],
        ).fetchall():
            if len(article_ids) >= max_articles:
                break
            article_ids.setdefault(aid, None)
    articles = views.articles(c, list(article_ids)[:max_articles])
    site_names = [n["id"] for n in network["nodes"]][:MAX_SITES]
    if subset.site and subset.site not in site_names:
        site_names.append(subset.site)
    # Fewer rows per site than the explorer: hundreds of site pages ride in one file.
    sites = site_pages(c, site_names, articles=20, families=15)
    for name, page in sites.items():
        with_identity(c, page, name)
    return {
        "subset": {"site": subset.site, "family": subset.family, "since": subset.since},
        "overview": views.overview(c, subset),
        "network": network,
        "edges": edges,
        "families": families,
        "articles": articles,
        "claims": claims,
        "sites": sites,
        "networks": networks_view(c),
    }


def corpus_summary(c: views.Corpus) -> dict[str, Any]:
    """Counts of the whole store (not the subset) for the report's "About" section."""
    out: dict[str, Any] = {}
    row = c.rows(
        """SELECT count(*) AS articles, count(DISTINCT site) AS sites,
                  min(substr(published, 1, 10)) AS first_date, max(substr(published, 1, 10)) AS last_date
           FROM articles"""
    )[0]
    out.update(row)
    for table in ("pages", "errors", "passages", "families", "site_edges", "claims"):
        if c.has(table):
            out[table] = c.scalar(f"SELECT count(*) FROM {table}")
    if c.has("conflicts"):
        out["conflicts"] = c.scalar("SELECT count(DISTINCT conflict_id) FROM conflicts")
    return out


def about(c: views.Corpus, settings: Settings, subset_text: str) -> dict[str, Any]:
    """When and how the report was made: date (UTC), version, settings, corpus summary.

    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TABLE articles (article_id VARCHAR, site VARCHAR, published VARCHAR)")
    >>> a = about(views.Corpus(con), Settings(store="x.duckdb"), "whole corpus")
    >>> a["version"] == __version__, a["settings"]["store"], a["corpus"]["articles"]
    (True, 'x.duckdb', 0)
    """
    values = {f.name: getattr(settings, f.name) for f in settings.fields()}
    return {
        "generated": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "version": __version__,
        "store": str(settings.store),
        "subset_text": subset_text,
        "settings": {k: v if isinstance(v, int | float | bool | str) or v is None else str(v)
                     for k, v in values.items()},
        "corpus": corpus_summary(c),
    }


def build_report(
    settings: Settings,
    out: str,
    site: str | None = None,
    family: str | None = None,
    since: str | None = None,
) -> ReportInfo:
    """Write one self-contained HTML report of the store (or a subset) to ``out``."""
    started = time.perf_counter()
    subset = views.Subset(site=site, family=family, since=since)
    with Store(settings.store, read_only=True) as store:
        corpus = views.Corpus(store.con)
        data = report_data(corpus, subset)
        data["about"] = about(corpus, settings, _subtitle(site, family, since))
    page = report_page(f"copytrail report — {settings.store}", _subtitle(site, family, since), data)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, target)  # a reader never sees half a report
    return ReportInfo(
        path=str(target),
        size=target.stat().st_size,
        articles=len(data["articles"]),
        families=len(data["families"]),
        edges=len(data["edges"]),
        seconds=round(time.perf_counter() - started, 3),
    )
