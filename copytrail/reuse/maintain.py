"""Families, provenance, banality and the site graph, rebuilt from the stored alignments.

``rebuild_families(store, settings)`` groups the ``alignments`` table into families
(:mod:`copytrail.reuse.families`), traces provenance (:mod:`copytrail.reuse.provenance`), flags
banal families and writes ``passages``, ``families`` and ``site_edges`` in one transaction.

>>> from copytrail.store import Store
>>> from copytrail.reuse.tables import REUSE_DDL
>>> store = Store(":memory:")
>>> store.ensure_tables(REUSE_DDL)
>>> rebuild_families(store, Settings(progress=False))
(0, 0, 0)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from copytrail.reuse.align import AlignParams
from copytrail.reuse.families import Aligned, build_families
from copytrail.reuse.provenance import Dated, trace
from copytrail.reuse.shingles import ngram_hashes
from copytrail.reuse.tokens import tokenize
from copytrail.settings import Settings


def align_params(settings: Settings) -> AlignParams:
    """Alignment parameters from the settings."""
    return AlignParams(
        ngram=settings.ngram,
        min_words=settings.min_passage_words,
        gap=settings.passage_gap_words,
        sentence_threshold=settings.sentence_similarity,
        sentence_anchor=settings.sentence_anchor,
    )


def _insert(con: Any, table: str, data: pa.Table) -> None:
    if data.num_rows == 0:
        return
    name = f"_reuse_fam_{table}"
    con.register(name, data)
    try:
        cols = ", ".join(f'"{c}"' for c in data.column_names)
        con.execute(f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM {name}")
    finally:
        con.unregister(name)


def _banal_by_df(con: Any, reps: list[tuple[str, str]], params: AlignParams, max_df: int) -> set[str]:
    """Families whose representative text is mostly made of n-grams found in > max_df articles."""
    fids: list[np.ndarray] = []
    hs: list[np.ndarray] = []
    for k, (_fid, text) in enumerate(reps):
        g = np.unique(ngram_hashes(tokenize(text).hashes, params.ngram))
        hs.append(g)
        fids.append(np.full(g.shape[0], k, dtype=np.int64))
    if not hs:
        return set()
    con.register("_reuse_rep", pa.table({"k": np.concatenate(fids), "h": np.concatenate(hs)}))
    try:
        rows = con.execute(
            """WITH df AS (SELECT h, count(*) AS df FROM reuse_ngrams
                           WHERE h IN (SELECT h FROM _reuse_rep) GROUP BY h)
            SELECT r.k FROM _reuse_rep r LEFT JOIN df USING (h)
            GROUP BY r.k HAVING avg(CASE WHEN coalesce(df.df, 0) > ? THEN 1 ELSE 0 END) >= 0.5""",
            [max_df],
        ).fetchall()
    finally:
        con.unregister("_reuse_rep")
    return {reps[int(r[0])][0] for r in rows}


def rebuild_families(store: Any, settings: Settings) -> tuple[int, int, int]:
    """Recompute passages, families and site edges from the stored alignments."""
    con = store.con
    aligned = [
        Aligned(*r)
        for r in con.execute(
            """SELECT alignment_id, article_a, a_start, a_end, article_b, b_start, b_end, score
            FROM alignments ORDER BY alignment_id"""
        ).fetchall()
    ]
    families = build_families(aligned)
    articles = sorted({w.article_id for f in families for w in f.passages})
    con.register("_reuse_arts", pa.table({"article_id": articles}))
    meta = {
        r[0]: r[1:]
        for r in con.execute(
            """SELECT article_id, published, published_source, site, url, text FROM corpus_articles
            WHERE article_id IN (SELECT article_id FROM _reuse_arts)"""
        ).fetchall()
    }
    con.unregister("_reuse_arts")
    dates = {a: Dated(m[0], m[1]) for a, m in meta.items()}
    params = align_params(settings)
    provs = [trace(f, dates) for f in families]
    reps: list[tuple[str, str]] = []
    for f, p in zip(families, provs, strict=True):
        rep = next(w for w in f.passages if w.passage_id == (p.earliest_passage or f.passages[0].passage_id))
        reps.append((f.family_id, meta[rep.article_id][4][rep.start : rep.end]))
    banal_df = _banal_by_df(con, reps, params, settings.max_ngram_df)
    fam_rows: list[dict[str, Any]] = []
    pas_rows: list[dict[str, Any]] = []
    for f, p, (_, rep_text) in zip(families, provs, reps, strict=True):
        n_articles = len({w.article_id for w in f.passages})
        sites = {meta[w.article_id][2] for w in f.passages}
        reason = None
        if n_articles > settings.banal_witnesses:
            reason = "witnesses"
        elif f.family_id in banal_df:
            reason = "frequent-ngrams"
        fam_rows.append(
            {
                "family_id": f.family_id,
                "witnesses": len(f.passages),
                "articles": n_articles,
                "sites": len(sites),
                "earliest_article": p.earliest_article,
                "earliest_passage": p.earliest_passage,
                "first_date": p.first_date,
                "last_date": p.last_date,
                "date_status": p.date_status,
                "undated": p.undated,
                "banal": reason is not None,
                "banal_reason": reason,
                "self_reuse": f.self_reuse,
                "text": rep_text,
            }
        )
        per_article: dict[str, int] = {}
        for w in f.passages:
            per_article[w.article_id] = per_article.get(w.article_id, 0) + 1
        for w, wp in zip(f.passages, p.witnesses, strict=True):
            m = meta[w.article_id]
            pas_rows.append(
                {
                    "passage_id": w.passage_id,
                    "family_id": f.family_id,
                    "article_id": w.article_id,
                    "start": w.start,
                    "end": w.end,
                    "text": m[4][w.start : w.end],
                    "url": m[3],
                    "site": m[2],
                    "published": m[0],
                    "published_source": m[1],
                    "earliest": wp.earliest,
                    "copied_from_article": wp.copied_from_article,
                    "copied_from_passage": wp.copied_from_passage,
                    "copy_similarity": wp.copy_similarity,
                    "date_status": wp.date_status,
                    "self_reuse": per_article[w.article_id] > 1,
                    "banal": reason is not None,
                }
            )
    fam_schema = con.sql("SELECT * FROM families LIMIT 0").to_arrow_table().schema
    pas_schema = con.sql("SELECT * FROM passages LIMIT 0").to_arrow_table().schema
    with store.transaction():
        con.execute("DELETE FROM passages")
        con.execute("DELETE FROM families")
        con.execute("DELETE FROM site_edges")
        _insert(con, "families", pa.Table.from_pylist(fam_rows, schema=fam_schema))
        _insert(con, "passages", pa.Table.from_pylist(pas_rows, schema=pas_schema))
        con.execute(SITE_EDGES_SQL)
        con.execute("INSERT OR REPLACE INTO reuse_state VALUES ('families_dirty', 'false')")
    banal = sum(1 for r in fam_rows if r["banal"])
    return len(fam_rows), len(pas_rows), banal


# For every ordered pair of sites: families the later site reprinted from the earlier one
# (reprint-chain edges, banal families and same-site copies left out), the median lag in days
# and the share of the later site's articles that are such reprints.
SITE_EDGES_SQL = """
INSERT INTO site_edges
WITH e AS (
    SELECT s.site AS src_site, d.site AS dst_site, d.family_id, d.article_id,
           date_diff('day', TRY_CAST(substr(s.published, 1, 10) AS DATE),
                            TRY_CAST(substr(d.published, 1, 10) AS DATE)) AS lag
    FROM passages d JOIN passages s ON s.passage_id = d.copied_from_passage
    WHERE NOT d.banal AND s.site IS DISTINCT FROM d.site
),
sizes AS (SELECT site, count(*) AS n FROM corpus_articles GROUP BY site)
SELECT e.src_site, e.dst_site, count(DISTINCT e.family_id), count(DISTINCT e.article_id),
       median(e.lag), count(DISTINCT e.article_id) / max(sizes.n)
FROM e LEFT JOIN sizes ON sizes.site = e.dst_site
GROUP BY e.src_site, e.dst_site
"""
