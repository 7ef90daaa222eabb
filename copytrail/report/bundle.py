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
from pathlib import Path
from typing import Any

from copytrail.report import views
from copytrail.report.html import report_page
from copytrail.settings import Settings
from copytrail.store import Store

MAX_FAMILIES = 1000  # families embedded with their witnesses and diffs
MAX_ARTICLES = 5000  # articles embedded (witnesses of those families first)


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
    return {
        "subset": {"site": subset.site, "family": subset.family, "since": subset.since},
        "overview": views.overview(c, subset),
        "network": network,
        "edges": edges,
        "families": families,
        "articles": articles,
        "claims": claims,
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
        data = report_data(views.Corpus(store.con), subset)
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
