"""Candidate pairs from an inverted n-gram index in DuckDB (no all-pairs comparison).

Every article's distinct word n-gram hashes go into ``reuse_ngrams(h, doc)``. Two articles are a
candidate pair when they share at least ``min_shared`` n-grams whose document frequency is
between 2 and ``max_df`` — passim's approach. The DF cut is what keeps the work near-linear: an
n-gram in ``df`` articles makes ``df²/2`` pairs, so frequent n-grams (share buttons, bylines,
standard disclaimers, formulaic phrases) would dominate the cost while saying nothing about
copying. Only pairs that involve at least one *pending* (newly indexed) article are generated, so
adding articles compares the new ones against the corpus and against each other, never old
against old.

Why this and not MinHash/LSH: LSH estimates whole-document (or fixed-window) Jaccard, so a
30-word reprint inside a 1,000-word article is invisible unless windows are small, and small
windows multiply the signatures; the inverted index finds any shared passage of one n-gram up,
is exact (no false negatives from banding), and its postings double as the seeds the aligner
needs. ``benchmarks/reuse_speed.py`` measures both.

Incremental equals full recompute: a pair's alignment depends only on the two texts, so the one
thing that can differ is *which* pairs are candidates, through DF changes. When new (or removed)
articles push an n-gram's DF across ``max_df``, the candidacy of old pairs holding that n-gram is
re-checked (:func:`recheck_pairs`): pairs that no longer qualify are dropped with their
alignments, pairs that now qualify are queued.
"""

from __future__ import annotations

import duckdb

_PENDING = "SELECT doc FROM reuse_docs WHERE state = 'indexed'"


def crossing_hashes(con: duckdb.DuckDBPyConnection, max_df: int) -> None:
    """Fill temp table ``reuse_crossing(h)``: n-grams of pending articles whose DF went above
    ``max_df`` because of them (old DF at most ``max_df``, new DF above)."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE reuse_crossing AS
        WITH p AS (SELECT h, count(*) AS k FROM reuse_ngrams WHERE doc IN ({_PENDING}) GROUP BY h)
        SELECT n.h FROM reuse_ngrams n JOIN p USING (h)
        GROUP BY n.h, p.k HAVING count(*) > ? AND count(*) - p.k <= ?""",
        [max_df, max_df],
    )


def recheck_pairs(con: duckdb.DuckDBPyConnection, max_df: int, min_shared: int) -> int:
    """Re-decide candidacy of settled pairs holding an n-gram of temp table ``reuse_crossing``.

    Returns the number of pairs dropped or added. Pending articles are left out: their pairs
    are generated afresh by :func:`insert_candidates`.
    """
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE reuse_affected AS
        WITH docs AS (
            SELECT DISTINCT n.doc, n.h FROM reuse_ngrams n JOIN reuse_crossing c USING (h)
            WHERE n.doc NOT IN ({_PENDING})
        )
        SELECT DISTINCT a.doc AS doc_a, b.doc AS doc_b
        FROM docs a JOIN docs b ON a.h = b.h AND a.doc < b.doc"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE reuse_recount AS
        WITH d AS (SELECT doc_a AS doc FROM reuse_affected UNION SELECT doc_b FROM reuse_affected),
        g AS (SELECT n.h, n.doc FROM reuse_ngrams n JOIN d USING (doc)),
        ok AS (SELECT h FROM reuse_ngrams WHERE h IN (SELECT h FROM g)
               GROUP BY h HAVING count(*) BETWEEN 2 AND ?),
        gg AS (SELECT g.h, g.doc FROM g JOIN ok USING (h))
        SELECT a.doc AS doc_a, b.doc AS doc_b, count(*) AS shared
        FROM gg a JOIN gg b ON a.h = b.h AND a.doc < b.doc
        JOIN reuse_affected x ON x.doc_a = a.doc AND x.doc_b = b.doc
        GROUP BY a.doc, b.doc""",
        [max_df],
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE reuse_drop AS
        SELECT p.doc_a, p.doc_b FROM reuse_pairs p JOIN reuse_affected x USING (doc_a, doc_b)
        LEFT JOIN reuse_recount r USING (doc_a, doc_b) WHERE coalesce(r.shared, 0) < ?""",
        [min_shared],
    )
    dropped = con.execute("SELECT count(*) FROM reuse_drop").fetchall()[0]
    con.execute(
        "DELETE FROM alignments WHERE (doc_a, doc_b) IN (SELECT (doc_a, doc_b) FROM reuse_drop)"
    )
    con.execute(
        "DELETE FROM reuse_pairs WHERE (doc_a, doc_b) IN (SELECT (doc_a, doc_b) FROM reuse_drop)"
    )
    added = con.execute(
        """INSERT INTO reuse_pairs
        SELECT r.doc_a, r.doc_b, r.shared, false FROM reuse_recount r
        WHERE r.shared >= ? AND (r.doc_a, r.doc_b) NOT IN (SELECT (doc_a, doc_b) FROM reuse_pairs)""",
        [min_shared],
    ).fetchall()[0]
    return int(dropped[0] if dropped else 0) + int(added[0] if added else 0)


def insert_candidates(con: duckdb.DuckDBPyConnection, max_df: int, min_shared: int) -> int:
    """Queue every pair involving a pending article that shares enough non-banal n-grams."""
    row = con.execute(
        f"""INSERT OR IGNORE INTO reuse_pairs
        WITH pend AS ({_PENDING}),
        -- one aggregation over the postings decides DF and "held by a pending article"
        -- together (most n-grams are in one article: no join of them with anything)
        ok AS (SELECT h FROM reuse_ngrams GROUP BY h
               HAVING count(*) BETWEEN 2 AND ? AND bool_or(doc IN (SELECT doc FROM pend))),
        x AS (SELECT n.h, n.doc, n.doc IN (SELECT doc FROM pend) AS new
              FROM reuse_ngrams n SEMI JOIN ok USING (h))
        SELECT a.doc, b.doc, count(*), false
        FROM x a JOIN x b ON a.h = b.h AND a.doc < b.doc
        WHERE a.new OR b.new
        GROUP BY a.doc, b.doc HAVING count(*) >= ?""",
        [max_df, min_shared],
    ).fetchall()[0]
    return int(row[0]) if row else 0


def remove_docs(con: duckdb.DuckDBPyConnection, max_df: int, min_shared: int) -> int:
    """Forget the articles of temp table ``reuse_removed(doc)`` (deleted, or text changed).

    Their n-grams, pairs and alignments go; n-grams whose DF fell to ``max_df`` or below
    because of the removal make old pairs holding them candidates again (re-checked).
    """
    n = con.execute("SELECT count(*) FROM reuse_removed").fetchall()[0]
    if not n or not n[0]:
        return 0
    con.execute(
        """CREATE OR REPLACE TEMP TABLE reuse_crossing AS
        WITH r AS (SELECT h, count(*) AS k FROM reuse_ngrams
                   WHERE doc IN (SELECT doc FROM reuse_removed) GROUP BY h)
        SELECT n.h FROM reuse_ngrams n JOIN r USING (h)
        GROUP BY n.h, r.k HAVING count(*) > ? AND count(*) - r.k <= ?""",
        [max_df, max_df],
    )
    for table, cond in (
        ("reuse_ngrams", "doc IN (SELECT doc FROM reuse_removed)"),
        (
            "reuse_pairs",
            "doc_a IN (SELECT doc FROM reuse_removed) OR doc_b IN (SELECT doc FROM reuse_removed)",
        ),
        (
            "alignments",
            "doc_a IN (SELECT doc FROM reuse_removed) OR doc_b IN (SELECT doc FROM reuse_removed)",
        ),
        ("reuse_docs", "doc IN (SELECT doc FROM reuse_removed)"),
    ):
        con.execute(f"DELETE FROM {table} WHERE {cond}")
    recheck_pairs(con, max_df, min_shared)
    return int(n[0])
