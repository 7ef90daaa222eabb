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
from copytrail.store import Store


@dataclass
class SitesSummary:
    """What one run of the stage did (printed by the CLI)."""

    pages_scanned: int = 0  # pages whose identifiers were extracted now (backfill)
    site_ids: int = 0  # (site, kind, value) rows in the store
    sites: int = 0  # sites with at least one identifier


def run_sites(store: Store, settings: Settings, progress: Progress | None = None) -> SitesSummary:
    """Bring ``page_ids``/``site_ids`` up to date; returns a summary."""
    summary = SitesSummary(pages_scanned=backfill(store, progress))
    row = store.one("SELECT count(*), count(DISTINCT site) FROM site_ids")
    if row:
        summary.site_ids, summary.sites = int(row[0]), int(row[1])
    return summary
