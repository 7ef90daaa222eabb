"""The reuse stage's candidate and alignment steps on Spark (``pip install 'copytrail[spark]'``).

The same stage functions as the DuckDB store (:mod:`copytrail.spark.stages`) run inside
``mapInArrow``; the candidate pairs come from the same SQL text (:data:`~copytrail.spark.stages.PAIRS_SQL`),
run by Spark SQL. Input and output are Parquet: articles (``article_id``, ``text``) in,
``alignments`` (the DuckDB table's columns) and ``pairs`` out, each written to its own folder
with a ``_SUCCESS`` marker and a ``_settings`` file holding the settings fingerprint, so a rerun
with the same settings skips a finished step. :func:`load_alignments` puts the result in a
DuckDB store, where the families, provenance and explorer run as usual.

Executors need the same Python with copytrail importable: ``spark.pyspark.python`` is set to
this interpreter and the package's folder is put on the executors' ``PYTHONPATH``, which covers
``local[N]``, ``local-cluster`` and a standalone cluster on this machine; on other machines
install copytrail there (the wheel) first.

Connected components (families) stay on the driver (:mod:`copytrail.reuse.families`,
union-find over integer ids), fed from the alignments once they are loaded.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from copytrail.reuse.stage import work_key
from copytrail.settings import Settings
from copytrail.spark import stages

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def spark_session(master: str = "local[2]", partitions: int = 4, app: str = "copytrail") -> Any:
    """A Spark session for copytrail: UI off, few shuffle partitions, executors on this Python."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError(
            "the Spark engine needs pyspark: pip install 'copytrail[spark]'"
        ) from exc
    path = os.pathsep.join(p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH")) if p)
    # the driver's Python workers read PYSPARK_PYTHON from the environment
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if master.startswith("local"):  # not the first network interface: nothing leaves the machine
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .config("spark.pyspark.python", sys.executable)
        .config("spark.executorEnv.PYTHONPATH", path)
        .config("spark.executorEnv.NUMBA_CACHE_DIR", os.environ.get("NUMBA_CACHE_DIR", ""))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


def _ddl(schema: pa.Schema) -> str:
    names = {
        pa.int64(): "bigint",
        pa.string(): "string",
        pa.float64(): "double",
        pa.bool_(): "boolean",
    }
    return ", ".join(f"{f.name} {names[f.type]}" for f in schema)


@dataclass(frozen=True, slots=True)
class SparkReuse:
    """Where one Spark run wrote its Parquet folders (``out/<step>``) and their row counts."""

    out: str
    rows: dict[str, int]
    skipped: tuple[str, ...]  # steps found finished with the same settings


STEPS = ("docs", "postings", "pairs", "alignments")


def _done(folder: Path, key: str) -> bool:
    marker = folder / "_settings"
    return (folder / "_SUCCESS").exists() and marker.exists() and marker.read_text() == key


def run_reuse_spark(spark: Any, articles: str, out: str, settings: Settings) -> SparkReuse:
    """Index, candidate pairs and alignments of the articles in Parquet ``articles`` → ``out``.

    Each step writes ``out/<step>`` (Parquet, Spark's ``_SUCCESS`` marker, a ``_settings``
    file with the settings fingerprint); a step found finished with the same settings is read
    back instead of recomputed, so a rerun after a crash redoes only the unfinished steps.
    """
    key = work_key(settings)
    root = Path(out)
    params = stages.params_of(settings)
    ngram = settings.candidate_ngram
    arts = spark.read.parquet(articles).select("article_id", "text")
    skipped: list[str] = []

    def step(name: str, make: Any) -> Any:
        folder = root / name
        if _done(folder, key):
            skipped.append(name)
        else:
            make().write.mode("overwrite").parquet(str(folder))
            (folder / "_settings").write_text(key)
        return spark.read.parquet(str(folder))

    docs = step("docs", lambda: arts.mapInArrow(stages.docs, _ddl(stages.DOCS_SCHEMA)))
    posts = step(
        "postings",
        lambda: arts.mapInArrow(
            lambda it: stages.postings(it, params, ngram), _ddl(stages.POSTINGS_SCHEMA)
        ),
    )
    posts.createOrReplaceTempView("reuse_postings")
    pairs = step("pairs", lambda: spark.sql(stages.pairs_sql("reuse_postings", settings)))

    def aligned() -> Any:
        texts = docs.select("doc", "article_id").join(arts, "article_id")
        a = texts.selectExpr("doc AS doc_a", "article_id AS article_a", "text AS text_a")
        b = texts.selectExpr("doc AS doc_b", "article_id AS article_b", "text AS text_b")
        schema = _ddl(stages.ALIGNMENT_SCHEMA)
        cross = (
            pairs.join(a, "doc_a")
            .join(b, "doc_b")
            .mapInArrow(lambda it: stages.alignments(it, params), schema)
        )
        selfs = arts.mapInArrow(lambda it: stages.self_alignments(it, params, ngram), schema)
        return cross.unionByName(selfs)

    result = step("alignments", aligned)
    rows = {
        "docs": docs.count(),
        "postings": posts.count(),
        "pairs": pairs.count(),
        "alignments": result.count(),
    }
    return SparkReuse(out, rows, tuple(skipped))


def load_reuse(store: Any, result: SparkReuse, settings: Settings) -> None:
    """Put a Spark run's index, pairs and alignments into a DuckDB store as the reuse stage
    would have made them: ``run_reuse`` there then only brings the families up to date, and
    later runs add articles incrementally as usual."""
    import pyarrow.dataset as ds

    from copytrail.reuse.tables import REUSE_DDL

    def read(step: str) -> pa.Table:
        return ds.dataset(str(Path(result.out) / step), format="parquet").to_table()

    store.ensure_tables(REUSE_DDL)
    con = store.con
    docs, pairs = read("docs"), read("pairs")
    with store.transaction():
        for table in ("reuse_ngrams", "reuse_pairs", "alignments", "reuse_docs"):
            con.execute(f"DELETE FROM {table}")
        store.insert_arrow(
            "reuse_docs", docs.append_column("state", pa.array(["paired"] * docs.num_rows))
        )
        store.insert_arrow("reuse_ngrams", read("postings"), on_conflict=None)
        store.insert_arrow(
            "reuse_pairs", pairs.append_column("done", pa.array([True] * pairs.num_rows))
        )
        store.insert_arrow("alignments", read("alignments"))
        con.execute(
            "INSERT OR REPLACE INTO reuse_state VALUES ('work_settings', ?)", [work_key(settings)]
        )


def export_articles(store: Any, path: str) -> int:
    """Write the store's corpus articles (``article_id``, ``text``) to a Parquet file: the input
    of :func:`run_reuse_spark`. Returns the number of articles."""
    con = store.con
    con.execute(
        "COPY (SELECT article_id, text FROM corpus_articles ORDER BY article_id) TO ? (FORMAT parquet)",
        [path],
    )
    return int(con.execute("SELECT count(*) FROM read_parquet(?)", [path]).fetchall()[0][0])
