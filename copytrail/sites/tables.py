"""DuckDB tables of site identifiers (written at ingest, so created when a store is opened).

``page_ids`` keeps every identifier of every page (history: which page carried which account,
found where); ``site_ids`` is its per-site summary, kept current batch by batch as pages are
added or removed (:mod:`copytrail.sites.index`); ``page_ids_state`` records which pages were
scanned, by which extractor version, and the date each page counts for (its article's
published date, else when it was fetched), so a store ingested before identifiers existed, or
by an older extractor, is scanned again by ``copytrail sites`` without rescanning the rest.

>>> [ddl.split("(")[0].split()[-1] for ddl in IDS_DDL]
['page_ids', 'site_ids', 'page_ids_state']
"""

from __future__ import annotations

IDS_DDL: tuple[str, ...] = (
    # one row per page x identifier; source: script, src, meta, noscript, text, jsonld, adstxt
    """CREATE TABLE IF NOT EXISTS page_ids (
        page_id VARCHAR NOT NULL,
        site VARCHAR,
        kind VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        source VARCHAR,
        PRIMARY KEY (page_id, kind, value)
    )""",
    """CREATE TABLE IF NOT EXISTS site_ids (
        site VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        pages INTEGER,
        first_seen VARCHAR,
        last_seen VARCHAR,
        PRIMARY KEY (site, kind, value)
    )""",
    """CREATE TABLE IF NOT EXISTS page_ids_state (
        page_id VARCHAR PRIMARY KEY,
        extractor VARCHAR,
        date VARCHAR
    )""",
)

IDS_EXPORTS: dict[str, str] = {
    "site-ids": """SELECT site, kind, value, pages, first_seen, last_seen,
        (SELECT count(DISTINCT s2.site) FROM site_ids s2
         WHERE s2.kind = site_ids.kind AND s2.value = site_ids.value) AS sites_with_value
        FROM site_ids ORDER BY site, kind, value""",
    "page-ids": """SELECT i.page_id, i.site, p.url, s.date, i.kind, i.value, i.source
        FROM page_ids i LEFT JOIN pages p USING (page_id) LEFT JOIN page_ids_state s USING (page_id)
        ORDER BY i.site, p.url, i.kind, i.value""",
}
