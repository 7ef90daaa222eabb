"""Reuse results as Arrow tables (passages and their parents, families, site edges) and GEXF.

The reuse stage's declaration in :mod:`copytrail.stages` offers these tables to ``copytrail
export`` (and :func:`write_gexf` for the site graph); nothing registers on import. Rows are
sorted so the same store always exports the same bytes.

``passage-parents`` has one row per reprint and parent: the whole witness for a reprint with
one parent, one row per part for a composite (see :mod:`copytrail.reuse.tables`).

>>> sorted(QUERIES)
['alignments', 'families', 'passage-parents', 'passages', 'site-edges']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

QUERIES: dict[str, str] = {
    "passages": """SELECT family_id AS family, article_id AS article, url, site, published,
        published_source, start, "end", text, earliest, copied_from_article AS copied_from,
        copied_from_passage, copy_similarity, copy_coverage, parent_reason, parent_parts,
        date_status, self_reuse, banal, passage_id AS passage
        FROM passages ORDER BY family_id, published NULLS LAST, article_id, start""",
    "passage-parents": """WITH parts AS (
            SELECT passage_id, start AS part_start, "end" AS part_end,
                   copied_from_passage AS parent, copy_coverage AS coverage
            FROM passages WHERE copied_from_passage IS NOT NULL AND parent_parts IS NULL
            UNION ALL
            SELECT passage_id, (j->>'start')::INTEGER, (j->>'end')::INTEGER, j->>'passage',
                   (j->>'coverage')::DOUBLE
            FROM (SELECT passage_id, unnest(from_json(parent_parts, '["JSON"]')) AS j
                  FROM passages WHERE parent_parts IS NOT NULL)
        )
        SELECT p.family_id AS family, p.article_id AS article, p.url, p.site, p.published,
            x.part_start AS start, x.part_end AS "end", s.article_id AS parent_article,
            s.url AS parent_url, s.site AS parent_site, s.published AS parent_published,
            x.coverage, p.parent_reason, p.passage_id AS passage, x.parent AS parent_passage
        FROM parts x JOIN passages p USING (passage_id) JOIN passages s ON s.passage_id = x.parent
        ORDER BY family, p.published NULLS LAST, article, start, parent_passage""",
    "families": """SELECT family_id AS family, witnesses, articles, sites, earliest_article,
        earliest_passage, first_date, last_date, date_status, undated, banal, banal_reason,
        self_reuse, text FROM families ORDER BY witnesses DESC, family_id""",
    "site-edges": """SELECT src_site, dst_site, families, reprints, witnesses, median_lag_days,
        reprint_share, family_ids FROM site_edges ORDER BY families DESC, src_site, dst_site""",
    "alignments": """SELECT alignment_id AS alignment, article_a, a_start, a_end, article_b,
        b_start, b_end, a_words, b_words, score, kind, self_reuse
        FROM alignments ORDER BY article_a, a_start, article_b, b_start, alignment_id""",
}


def reuse_table(store: Any, what: str) -> pa.Table:
    """One reuse result as an Arrow table: a name of :data:`QUERIES` (``passages`` ...)."""
    if what not in QUERIES:
        raise ValueError(f"unknown reuse table {what!r}; choose from {', '.join(sorted(QUERIES))}")
    return store.con.sql(QUERIES[what]).to_arrow_table()


def write_gexf(store: Any, path: str | Path) -> int:
    """Write the site graph as GEXF 1.3: sites with their attributes (articles, first/last
    dates, families, originals, reprints), edges with their evidence (families, witnesses,
    median lag, reprint share, family ids); see :func:`copytrail.report.network.write_gexf`.

    Returns the number of edges written.
    """
    from copytrail.report.network import write_gexf as write_site_graph

    return write_site_graph(store, path)
