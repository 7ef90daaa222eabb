"""The reuse stage as pure functions over Arrow record batches, plus the SQL between them.

These are what any engine runs: DuckDB in the laptop store (:mod:`copytrail.reuse.stage` calls
the same per-article and per-pair functions), Spark through ``mapInArrow``
(:mod:`copytrail.spark.engine`). Nothing here imports pyspark, so the functions are tested with
pyarrow alone.

* :func:`postings` — articles (``article_id``, ``text``) → distinct word n-gram hashes
  (``h``, ``doc``), the inverted index candidates are drawn from;
* :data:`PAIRS_SQL` — postings → candidate pairs (``doc_a`` < ``doc_b``, ``shared``), plain SQL
  that DuckDB and Spark SQL both run;
* :func:`self_alignments` — articles → passages repeated inside one article;
* :func:`alignments` — pairs with both texts → aligned passages.

>>> import pyarrow as pa
>>> from copytrail.settings import Settings
>>> p = params_of(Settings())
>>> art = pa.RecordBatch.from_pylist([{"article_id": "a1", "text": "one two three four five six"}])
>>> [b.num_rows for b in postings(iter([art]), p, 0)]  # fewer words than a passage: no postings
[0]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa

from copytrail.reuse.align import AlignParams
from copytrail.reuse.stage import align_pairs, align_params, index_articles
from copytrail.settings import Settings

POSTINGS_SCHEMA = pa.schema([("h", pa.int64()), ("doc", pa.int64())])
DOCS_SCHEMA = pa.schema(
    [
        ("doc", pa.int64()),
        ("article_id", pa.string()),
        ("text_hash", pa.string()),
        ("words", pa.int64()),
    ]
)
ALIGNMENT_SCHEMA = pa.schema(
    [
        ("alignment_id", pa.string()),
        ("doc_a", pa.int64()),
        ("doc_b", pa.int64()),
        ("article_a", pa.string()),
        ("article_b", pa.string()),
        ("a_start", pa.int64()),
        ("a_end", pa.int64()),
        ("b_start", pa.int64()),
        ("b_end", pa.int64()),
        ("a_words", pa.int64()),
        ("b_words", pa.int64()),
        ("score", pa.float64()),
        ("kind", pa.string()),
        ("self_reuse", pa.bool_()),
    ]
)

# Candidate pairs from the postings of a full run, written once for both engines: an n-gram in
# ``df`` articles makes df²/2 pairs, so n-grams above ``max_df`` (boilerplate, formulae) are
# left out, and n-grams in one article (most of them) pair nothing. ``IN (subquery)`` rather
# than a SEMI JOIN: the two dialects spell that differently.
PAIRS_SQL = """
WITH ok AS (SELECT h FROM {postings} GROUP BY h HAVING count(*) BETWEEN 2 AND {max_df}),
x AS (SELECT h, doc FROM {postings} WHERE h IN (SELECT h FROM ok))
SELECT a.doc AS doc_a, b.doc AS doc_b, count(*) AS shared
FROM x a JOIN x b ON a.h = b.h AND a.doc < b.doc
GROUP BY a.doc, b.doc HAVING count(*) >= {min_shared}
"""


def pairs_sql(postings: str, settings: Settings) -> str:
    """:data:`PAIRS_SQL` over the table or view ``postings`` with the settings' cuts."""
    return PAIRS_SQL.format(
        postings=postings,
        max_df=int(settings.max_ngram_df),
        min_shared=int(settings.min_shared_ngrams),
    )


def params_of(settings: Settings) -> AlignParams:
    """The alignment parameters (the reuse stage's own)."""
    return align_params(settings)


def _rows(batch: pa.RecordBatch) -> list[tuple[str, str | None]]:
    return list(
        zip(batch.column("article_id").to_pylist(), batch.column("text").to_pylist(), strict=True)
    )


def postings(
    batches: Iterator[pa.RecordBatch], params: AlignParams, index_ngram: int
) -> Iterator[pa.RecordBatch]:
    """(``h``, ``doc``) of every article's distinct n-grams, as the reuse stage indexes them."""
    for batch in batches:
        _, h, d, _ = index_articles(_rows(batch), params, index_ngram)
        yield pa.RecordBatch.from_arrays(
            [pa.array(h, pa.int64()), pa.array(d, pa.int64())], schema=POSTINGS_SCHEMA
        )


def docs(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """(``doc``, ``article_id``, ``text_hash``, ``words``): the integer key each article is
    indexed under, as the reuse stage's ``reuse_docs`` holds it."""
    from copytrail.reuse.shingles import doc_key
    from copytrail.reuse.stage import text_hash
    from copytrail.reuse.tokens import tokenize

    for batch in batches:
        ids = batch.column("article_id").to_pylist()
        texts = batch.column("text").to_pylist()
        yield pa.RecordBatch.from_pydict(
            {
                "doc": [doc_key(a) for a in ids],
                "article_id": ids,
                "text_hash": [text_hash(t) for t in texts],
                "words": [len(tokenize(t or "")) for t in texts],
            },
            schema=DOCS_SCHEMA,
        )


def _alignment_batch(rows: list[dict[str, Any]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist(rows, schema=ALIGNMENT_SCHEMA)


def self_alignments(
    batches: Iterator[pa.RecordBatch], params: AlignParams, index_ngram: int
) -> Iterator[pa.RecordBatch]:
    """Passages repeated inside one article, as the reuse stage stores them."""
    for batch in batches:
        _, _, _, selfs = index_articles(_rows(batch), params, index_ngram)
        yield _alignment_batch(selfs)


def alignments(batches: Iterator[pa.RecordBatch], params: AlignParams) -> Iterator[pa.RecordBatch]:
    """Aligned passages of pairs given as (doc_a, article_a, text_a, doc_b, article_b, text_b)."""
    for batch in batches:
        cols = {name: batch.column(name).to_pylist() for name in batch.schema.names}
        texts: dict[int, tuple[str, str]] = {}
        pairs: list[tuple[int, int]] = []
        for k in range(batch.num_rows):
            a, b = int(cols["doc_a"][k]), int(cols["doc_b"][k])
            texts[a] = (cols["article_a"][k], cols["text_a"][k] or "")
            texts[b] = (cols["article_b"][k], cols["text_b"][k] or "")
            pairs.append((a, b))
        # the order the DuckDB stage aligns in (the rows do not depend on it; sorting keeps
        # every batch's output deterministic whatever order the shuffle delivered)
        pairs.sort()
        yield _alignment_batch(align_pairs(pairs, texts, params))


def sort_alignments(table: pa.Table) -> pa.Table:
    """Alignments in one canonical order (engines deliver rows in different orders).

    >>> t = pa.table({"alignment_id": ["b", "a"], "x": [1, 2]})
    >>> sort_alignments(t)["alignment_id"].to_pylist()
    ['a', 'b']
    """
    order = np.argsort(
        np.asarray(table.column("alignment_id").to_pylist(), dtype=object), kind="stable"
    )
    return table.take(pa.array(order))
