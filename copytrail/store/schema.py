"""DuckDB schema of the corpus store, its version and its migrations.

Later stages (reuse, claims) create their own tables with ``CREATE TABLE IF NOT EXISTS`` from
their own ``tables.py``; this module holds the core tables every store has.
"""

from __future__ import annotations

from copytrail.sites.tables import IDS_DDL

# Bump when a core table changes; add a migration from the previous version below.
SCHEMA_VERSION = 2

# The articles later stages (reuse, claims) work on: one per URL and item, no teasers or listing
# pages (their text repeats the articles they link to), and where one URL was read both from a
# feed and as a page, the page (a feed entry is often an excerpt of it), then the latest fetch.
CORPUS_ARTICLES_VIEW = """CREATE OR REPLACE VIEW corpus_articles AS
SELECT * EXCLUDE (_rank) FROM (
    SELECT a.*, row_number() OVER (
        PARTITION BY coalesce(a.canonical_url, a.url, a.article_id), a.item_index
        ORDER BY CASE WHEN p.kind = 'feed' THEN 1 ELSE 0 END, p.fetched_at DESC NULLS LAST,
                 a.article_id) AS _rank
    FROM articles a LEFT JOIN pages p USING (page_id)
    WHERE a.page_type NOT IN ('teaser', 'listing')
) WHERE _rank = 1"""

CORE_DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    # One row per distinct (canonical URL, content): identical copies at other URLs are other
    # rows on purpose (they are evidence), and every place a page was read is in page_sources.
    """CREATE TABLE IF NOT EXISTS pages (
        page_id VARCHAR PRIMARY KEY,
        url VARCHAR NOT NULL,
        canonical_url VARCHAR NOT NULL,
        site VARCHAR,
        kind VARCHAR,
        content_type VARCHAR,
        fetched_at VARCHAR,
        status INTEGER,
        content_hash VARCHAR NOT NULL,
        size BIGINT,
        raw BLOB,              -- raw bytes, zstd (zlib before schema 2), NULL if not kept: store.raw
        hints JSON,
        source VARCHAR,        -- where it was first read
        source_offset BIGINT
    )""",
    """CREATE TABLE IF NOT EXISTS page_sources (
        page_id VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        source_offset BIGINT NOT NULL,   -- -1 when the source has no offsets
        PRIMARY KEY (page_id, source, source_offset)
    )""",
    """CREATE TABLE IF NOT EXISTS articles (
        article_id VARCHAR PRIMARY KEY,
        page_id VARCHAR NOT NULL,
        url VARCHAR,
        canonical_url VARCHAR,
        site VARCHAR,
        page_type VARCHAR,
        item_index INTEGER,
        title VARCHAR,
        authors VARCHAR[],
        published VARCHAR,
        published_source VARCHAR,
        language VARCHAR,
        tags VARCHAR[],
        series VARCHAR,
        series_part INTEGER,
        links_to VARCHAR,
        text VARCHAR,          -- after site-level boilerplate removal
        paragraphs JSON,       -- [[start, end, kind], ...] into text
        raw_text VARCHAR,      -- before schema 2 only: text as extracted (now NULL: see removed)
        raw_paragraphs JSON,
        source VARCHAR,
        content_hash VARCHAR,
        extra JSON,
        -- paragraphs site boilerplate removal took out: [[index as extracted, kind, text], ...];
        -- text plus these is the text as extracted (pipeline.as_extracted)
        removed JSON
    )""",
    """CREATE TABLE IF NOT EXISTS boilerplate (
        site VARCHAR NOT NULL,
        block_key VARCHAR NOT NULL,
        text VARCHAR,
        pages INTEGER,
        PRIMARY KEY (site, block_key)
    )""",
    # Sites whose page set changed since their boilerplate was last learned.
    """CREATE TABLE IF NOT EXISTS sites_dirty (site VARCHAR PRIMARY KEY)""",
    """CREATE TABLE IF NOT EXISTS errors (
        error_id VARCHAR PRIMARY KEY,
        source VARCHAR,
        location VARCHAR,
        reason VARCHAR,
        detail VARCHAR,
        first_seen VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS links (
        url VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        kind VARCHAR,
        hints JSON,
        PRIMARY KEY (url, source)
    )""",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY,
        command VARCHAR,
        started VARCHAR,
        finished VARCHAR,
        summary JSON
    )""",
    CORPUS_ARTICLES_VIEW,
    # Identifiers are written at ingest with the pages, so their tables are made on open.
    *IDS_DDL,
)

# version -> statements that bring a store of that version to version + 1.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    # Schema 2: an article's text is stored once (removed boilerplate paragraphs in `removed`
    # instead of a second copy in raw_text/raw_paragraphs); old rows keep their copy, which is
    # read as before and dropped when their site's boilerplate is next learned.
    1: ("ALTER TABLE articles ADD COLUMN IF NOT EXISTS removed JSON",),
}
