"""DuckDB tables of the reuse stage (created at the stage's start if missing).

Working tables (``reuse_*``) hold the n-gram index and the stage's progress so that a rerun
after a crash resumes and a rerun with nothing new does nothing; result tables are
``alignments``, ``passages``, ``families`` and ``site_edges``. The ``family_*`` tables are the
bookkeeping of incremental family maintenance (:mod:`copytrail.reuse.maintain`).

Reprint parents (:mod:`copytrail.reuse.provenance`): each passage names one parent
(``copied_from_*``, ``copy_similarity``, ``copy_coverage``, ``parent_reason``). A composite
reprint, whose parts come from different earlier witnesses, also lists every part with its own
parent in ``parent_parts``, a JSON array of ``{"start", "end", "passage", "article",
"coverage"}`` (article offsets, largest part first; NULL for a single parent) — one column
rather than a table, so the passages rows stay the whole result of provenance; the export
``passage-parents`` gives one row per (passage, parent part). Each site edge carries its
evidence: families, reprinting articles and witnesses, median lag, and the family ids.

The stage's tables are not part of the core schema version (:mod:`copytrail.store.schema`):
they are created here if missing, and columns added later are added to older stores by the
``ALTER TABLE ... ADD COLUMN IF NOT EXISTS`` statements below.

>>> len(REUSE_DDL) >= 13
True
"""

from __future__ import annotations

REUSE_DDL: tuple[str, ...] = (
    # one row per indexed article; state: 'indexed' (n-grams stored) -> 'paired' (candidates found)
    """CREATE TABLE IF NOT EXISTS reuse_docs (
        doc BIGINT PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        text_hash VARCHAR,
        words INTEGER,
        state VARCHAR
    )""",
    # inverted index: distinct word n-gram hashes of each article
    "CREATE TABLE IF NOT EXISTS reuse_ngrams (h BIGINT NOT NULL, doc BIGINT NOT NULL)",
    # candidate pairs (doc_a < doc_b) sharing at least min_shared_ngrams non-banal n-grams
    """CREATE TABLE IF NOT EXISTS reuse_pairs (
        doc_a BIGINT NOT NULL,
        doc_b BIGINT NOT NULL,
        shared INTEGER,
        done BOOLEAN,
        PRIMARY KEY (doc_a, doc_b)
    )""",
    "CREATE TABLE IF NOT EXISTS reuse_state (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS alignments (
        alignment_id VARCHAR PRIMARY KEY,
        doc_a BIGINT,
        doc_b BIGINT,
        article_a VARCHAR,
        article_b VARCHAR,
        a_start INTEGER,
        a_end INTEGER,
        b_start INTEGER,
        b_end INTEGER,
        a_words INTEGER,
        b_words INTEGER,
        score DOUBLE,
        kind VARCHAR,
        self_reuse BOOLEAN
    )""",
    """CREATE TABLE IF NOT EXISTS passages (
        passage_id VARCHAR PRIMARY KEY,
        family_id VARCHAR,
        article_id VARCHAR,
        start INTEGER,
        "end" INTEGER,
        text VARCHAR,
        url VARCHAR,
        site VARCHAR,
        published VARCHAR,
        published_source VARCHAR,
        earliest BOOLEAN,
        copied_from_article VARCHAR,
        copied_from_passage VARCHAR,
        copy_similarity DOUBLE,
        date_status VARCHAR,
        self_reuse BOOLEAN,
        banal BOOLEAN,
        copy_coverage DOUBLE,
        parent_reason VARCHAR,
        parent_parts VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS families (
        family_id VARCHAR PRIMARY KEY,
        witnesses INTEGER,
        articles INTEGER,
        sites INTEGER,
        earliest_article VARCHAR,
        earliest_passage VARCHAR,
        first_date VARCHAR,
        last_date VARCHAR,
        date_status VARCHAR,
        undated INTEGER,
        banal BOOLEAN,
        banal_reason VARCHAR,
        self_reuse BOOLEAN,
        text VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS site_edges (
        src_site VARCHAR,
        dst_site VARCHAR,
        families INTEGER,
        reprints INTEGER,
        median_lag_days DOUBLE,
        reprint_share DOUBLE,
        witnesses INTEGER,
        family_ids VARCHAR,
        PRIMARY KEY (src_site, dst_site)
    )""",
    # Stores made before reprint parents were chosen by coverage: the same columns, added (the
    # families fingerprint changed with them, so every row is recomputed on the next run).
    *(
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column}"
        for table, column in (
            ("passages", "copy_coverage DOUBLE"),
            ("passages", "parent_reason VARCHAR"),
            ("passages", "parent_parts VARCHAR"),
            ("site_edges", "witnesses INTEGER"),
            ("site_edges", "family_ids VARCHAR"),
        )
    ),
    # which family each alignment was grouped into at the last family maintenance
    """CREATE TABLE IF NOT EXISTS family_alignments (
        alignment_id VARCHAR NOT NULL,
        family_id VARCHAR NOT NULL
    )""",
    # distinct word n-gram hashes of each family's representative text (banality by DF)
    "CREATE TABLE IF NOT EXISTS family_ngrams (family_id VARCHAR NOT NULL, h BIGINT NOT NULL)",
    # document frequency of each hash in family_ngrams, as of the last family maintenance
    "CREATE TABLE IF NOT EXISTS family_ngram_df (h BIGINT NOT NULL, df BIGINT NOT NULL)",
    # the indexed articles (reuse_docs) as of the last family maintenance: DF changes come from
    # the difference between this and reuse_docs
    "CREATE TABLE IF NOT EXISTS family_docs (doc BIGINT NOT NULL, text_hash VARCHAR)",
    # families written whose banality by n-gram DF is not decided yet (a run that stopped
    # between its chunk transactions and its last one leaves them for the next run)
    "CREATE TABLE IF NOT EXISTS family_pending (family_id VARCHAR NOT NULL)",
)
