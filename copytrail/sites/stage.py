"""The sites stage: which sites share identifiers (and, built on them, which are one network).

Identifiers are extracted at ingest (:mod:`copytrail.sites.index`); this stage first scans the
pages stored before that existed, or by an older extractor, from ``pages.raw``.

>>> from copytrail.store import Store
>>> run_sites(Store(":memory:"), Settings(progress=False)).pages_scanned
0
"""

from __future__ import annotations

from dataclasses import dataclass

from copytrail.progress import Progress
from copytrail.settings import Settings
from copytrail.sites.index import backfill
from copytrail.sites.networks import update_links
from copytrail.store import Store


@dataclass
class SitesSummary:
    """What one run of the stage did (printed by the CLI)."""

    pages_scanned: int = 0  # pages whose identifiers were extracted now (backfill)
    site_ids: int = 0  # (site, kind, value) rows in the store
    sites: int = 0  # sites with at least one identifier
    site_links: int = 0  # pairs of sites with evidence in common (copytrail/sites/links.py)
    links_by_label: str = ""  # e.g. "coordination 5, none 40"
    networks: int = 0  # groups joined by coordination or shared-owner links
    window_minutes: float = 0.0  # co-publication window estimated from the reprint lags


def run_sites(store: Store, settings: Settings, progress: Progress | None = None) -> SitesSummary:
    """Bring ``page_ids``/``site_ids`` up to date; returns a summary."""
    summary = SitesSummary(pages_scanned=backfill(store, progress))
    row = store.one("SELECT count(*), count(DISTINCT site) FROM site_ids")
    if row:
        summary.site_ids, summary.sites = int(row[0]), int(row[1])
    # Links are judged against the whole corpus (rarity, window): recomputed on every run.
    links = update_links(store)
    summary.site_links, summary.networks = links.links, links.networks
    summary.links_by_label = ", ".join(
        f"{k} {v}" for k, v in sorted((links.by_label or {}).items())
    )
    summary.window_minutes = links.window_minutes
    return summary
