"""The reuse stage's index, candidate and alignment steps on Spark (``pip install 'copytrail[spark]'``).

The same stage functions as the DuckDB store (:mod:`copytrail.spark.stages`) run inside
``mapInArrow``; the candidate pairs come from the same SQL text (:data:`~copytrail.spark.stages.PAIRS_SQL`),
run by Spark SQL. Input and output are Parquet: articles (:data:`ARTICLE_COLUMNS`, written from
a store by :func:`export_articles`) in; ``docs``, ``postings``, ``pairs`` and ``alignments`` out,
each a step folder of :mod:`copytrail.spark.steps` (sharded, ``_SUCCESS`` marker, key of the
settings and of the input texts), so a rerun skips finished steps and redoes the others.
:func:`load_reuse` puts the result in a DuckDB store, as the reuse stage would have made it.

Families are grouped on Spark too (:mod:`copytrail.spark.families`); the session, and how
copytrail reaches the executors, is :mod:`copytrail.spark.session`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from copytrail.reuse.stage import work_key
from copytrail.settings import Settings
from copytrail.spark import stages
from copytrail.spark.session import spark_session
from copytrail.spark.steps import Steps, digest, input_key

__all__ = ["spark_session", "run_reuse_spark", "load_reuse", "export_articles", "SparkReuse"]

# What the Spark stages read of each article (the store's ``corpus_articles`` columns).
ARTICLE_COLUMNS = (
    "article_id",
    "text",
    "site",
    "url",
    "published",
    "published_source",
    "language",
    "page_type",
)
TEXT_COLUMNS = ("article_id", "text")
REUSE_STEPS = ("docs", "postings", "pairs", "alignments")

_SPARK_TYPES = {
    pa.int64(): "bigint",
    pa.int32(): "int",
    pa.string(): "string",
    pa.float64(): "double",
    pa.bool_(): "boolean",
}


def spark_type(t: pa.DataType) -> str:
    """The Spark SQL type of an Arrow type (the few the stages use, lists and structs of them).

    >>> spark_type(pa.list_(pa.struct([("a", pa.int64()), ("b", pa.string())])))
    'array<struct<`a`:bigint,`b`:string>>'
    """
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return f"array<{spark_type(t.value_type)}>"
    if pa.types.is_struct(t):
        return "struct<" + ",".join(f"`{f.name}`:{spark_type(f.type)}" for f in t) + ">"
    return _SPARK_TYPES[t]


def ddl(schema: pa.Schema) -> str:
    """A Spark DDL schema string of an Arrow schema (names quoted: ``end`` is a keyword)."""
    return ", ".join(f"`{f.name}` {spark_type(f.type)}" for f in schema)


@dataclass(frozen=True, slots=True)
class SparkReuse:
    """Where one Spark run wrote its Parquet folders (``out/<step>``) and their row counts."""

    out: str
    rows: dict[str, int]
    skipped: tuple[str, ...]  # steps found finished with the same settings and input
    key: str = ""  # the steps' key (settings and input texts), which later steps build on
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step computed


def reuse_key(settings: Settings, texts_key: str) -> str:
    """Key of the reuse steps: the reuse settings' fingerprint and the input texts'."""
    return digest("reuse", work_key(settings), texts_key)


def run_reuse_spark(spark: Any, articles: str, out: str, settings: Settings) -> SparkReuse:
    """Index, candidate pairs and alignments of the articles in Parquet ``articles`` → ``out``.

    Each step writes ``out/<step>`` (see :mod:`copytrail.spark.steps`); a step found finished
    with the same settings and input texts is read back instead of recomputed, so a rerun after
    a crash redoes only the unfinished steps.
    """
    params = stages.params_of(settings)
    ngram = settings.candidate_ngram
    arts = spark.read.parquet(articles).select(*TEXT_COLUMNS)
    key = reuse_key(settings, input_key(arts, TEXT_COLUMNS))
    steps = Steps(spark, Path(out))

    docs = steps.run("docs", key, lambda: arts.mapInArrow(stages.docs, ddl(stages.DOCS_SCHEMA)))
    posts = steps.run(
        "postings",
        key,
        lambda: arts.mapInArrow(
            lambda it: stages.postings(it, params, ngram), ddl(stages.POSTINGS_SCHEMA)
        ),
    )
    posts.createOrReplaceTempView("reuse_postings")
    pairs = steps.run("pairs", key, lambda: spark.sql(stages.pairs_sql("reuse_postings", settings)))

    def aligned() -> Any:
        texts = docs.select("doc", "article_id").join(arts, "article_id")
        a = texts.selectExpr("doc AS doc_a", "article_id AS article_a", "text AS text_a")
        b = texts.selectExpr("doc AS doc_b", "article_id AS article_b", "text AS text_b")
        schema = ddl(stages.ALIGNMENT_SCHEMA)
        cross = (
            pairs.join(a, "doc_a")
            .join(b, "doc_b")
            .mapInArrow(lambda it: stages.alignments(it, params), schema)
        )
        selfs = arts.mapInArrow(lambda it: stages.self_alignments(it, params, ngram), schema)
        return cross.unionByName(selfs)

    steps.run("alignments", key, aligned)
    rows = {name: count_rows(out, name) for name in REUSE_STEPS}
    return SparkReuse(out, rows, tuple(steps.skipped), key, steps.seconds)


def count_rows(out: str | Path, step: str) -> int:
    """Rows of a step's Parquet folder, from the files' footers (no Spark job)."""
    import pyarrow.dataset as ds

    return int(ds.dataset(str(Path(out) / step), format="parquet").count_rows())


def read_step(out: str | Path, step: str) -> pa.Table:
    """A step's Parquet folder as one Arrow table (Spark's marker files are skipped)."""
    import pyarrow.dataset as ds

    return ds.dataset(str(Path(out) / step), format="parquet").to_table()


def load_reuse(store: Any, result: SparkReuse, settings: Settings) -> None:
    """Put a Spark run's index, pairs and alignments into a DuckDB store as the reuse stage
    would have made them: ``run_reuse`` there then only brings the families up to date, and
    later runs add articles incrementally as usual."""
    from copytrail.reuse.tables import REUSE_DDL

    store.ensure_tables(REUSE_DDL)
    con = store.con
    docs, pairs = read_step(result.out, "docs"), read_step(result.out, "pairs")
    with store.transaction():
        for table in ("reuse_ngrams", "reuse_pairs", "alignments", "reuse_docs"):
            con.execute(f"DELETE FROM {table}")
        store.insert_arrow(
            "reuse_docs", docs.append_column("state", pa.array(["paired"] * docs.num_rows))
        )
        store.insert_arrow("reuse_ngrams", read_step(result.out, "postings"), on_conflict=None)
        store.insert_arrow(
            "reuse_pairs", pairs.append_column("done", pa.array([True] * pairs.num_rows))
        )
        store.insert_arrow("alignments", read_step(result.out, "alignments"))
        con.execute(
            "INSERT OR REPLACE INTO reuse_state VALUES ('work_settings', ?)", [work_key(settings)]
        )


def export_articles(store: Any, path: str) -> int:
    """Write the store's corpus articles (:data:`ARTICLE_COLUMNS`) to a Parquet file: the input
    of the Spark stages. Returns the number of articles."""
    con = store.con
    cols = ", ".join(ARTICLE_COLUMNS)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    con.execute(
        f"COPY (SELECT {cols} FROM corpus_articles ORDER BY article_id) TO '{_quote(path)}' (FORMAT parquet)"
    )
    return int(con.execute("SELECT count(*) FROM read_parquet(?)", [path]).fetchall()[0][0])


def _quote(path: str) -> str:
    return path.replace("'", "''")
