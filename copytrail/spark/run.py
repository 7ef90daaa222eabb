"""``copytrail run|reuse|claims --engine spark``: the later stages on Spark, results in the store.

:func:`run_spark` is the whole path, the same for the CLI and a notebook::

    store --export--> <work>/articles.parquet
          --Spark-->  <work>/reuse/{docs,postings,pairs,alignments,components,families}
                      <work>/claims/claims                          (Parquet step folders)
          --load-->   the store's reuse and claims tables
          --DuckDB--> banality by n-gram DF, site edges, speakers, family links, conflicts

The Parquet steps (:mod:`copytrail.spark.steps`) carry the key of their settings and input, so
a rerun over an unchanged store reads them back, and a run stopped midway redoes only what
it had not finished. The corpus-wide steps left to DuckDB are group-bys over the loaded rows;
the explorer and report then read the store as after a DuckDB run. The work folder defaults to
``<store>.spark`` beside the store.

>>> SparkOptions().master, SparkOptions(master="local-cluster[2,1,1024]").partitions
('local[2]', 4)
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from copytrail.settings import Settings

STAGES = ("reuse", "claims")


@dataclass(frozen=True, slots=True)
class SparkOptions:
    """How to run on Spark: the master URL, shuffle partitions, the work folder (``None``:
    ``<store>.spark``), the most alignments grouped into families on the driver (more: joins),
    whether to ship copytrail to the executors (``None``: when the master is not local) and
    extra Spark settings."""

    master: str = "local[2]"
    partitions: int = 4
    workdir: str | None = None
    driver_limit: int | None = None
    ship: bool | None = None
    conf: dict[str, str] = field(default_factory=dict)


def workdir_for(settings: Settings, options: SparkOptions) -> Path:
    """The folder of a run's Parquet steps.

    >>> str(workdir_for(Settings(store="/data/c.duckdb"), SparkOptions()))
    '/data/c.duckdb.spark'
    """
    if options.workdir:
        return Path(options.workdir)
    if settings.store in ("", ":memory:"):
        return Path(tempfile.mkdtemp(prefix="copytrail-spark-"))
    return Path(settings.store + ".spark")


def run_spark(
    store: Any,
    settings: Settings,
    stages: tuple[str, ...] = STAGES,
    options: SparkOptions | None = None,
    spark: Any = None,
) -> dict[str, dict[str, Any]]:
    """Run ``stages`` (reuse, claims) of the store's articles on Spark and load the results
    into the store; a summary per stage. ``spark``: a session to use (one is made, and stopped
    afterwards, when ``None``)."""
    from copytrail.spark.engine import export_articles
    from copytrail.spark.session import spark_session

    opts = options or SparkOptions()
    unknown = set(stages) - set(STAGES)
    if unknown:
        raise ValueError(f"no Spark engine for {sorted(unknown)}; choose from {STAGES}")
    work = workdir_for(settings, opts)
    articles = str(work / "articles.parquet")
    t0 = time.perf_counter()
    n = export_articles(store, articles)
    own = spark is None
    if own:
        spark = spark_session(
            opts.master, opts.partitions, workdir=work, ship=opts.ship, conf=opts.conf
        )
    out: dict[str, dict[str, Any]] = {}
    try:
        started = round(time.perf_counter() - t0, 3)
        if "reuse" in stages:
            out["reuse"] = _reuse(spark, store, settings, articles, work, opts)
        if "claims" in stages:
            out["claims"] = _claims(spark, store, settings, articles, work)
    finally:
        if own:
            spark.stop()
    for summary in out.values():
        summary["articles exported"] = n
        summary["export and session seconds"] = started
    return out


def _reuse(
    spark: Any, store: Any, settings: Settings, articles: str, work: Path, opts: SparkOptions
) -> dict[str, Any]:
    from copytrail.reuse.stage import run_reuse
    from copytrail.spark.engine import load_reuse, run_reuse_spark
    from copytrail.spark.families import DRIVER_LIMIT, load_families, run_families_spark

    t0 = time.perf_counter()
    out = str(work / "reuse")
    reuse = run_reuse_spark(spark, articles, out, settings)
    limit = DRIVER_LIMIT if opts.driver_limit is None else opts.driver_limit
    fams = run_families_spark(spark, articles, out, settings, reuse.key, limit, opts.partitions)
    spark_s = time.perf_counter() - t0
    load_reuse(store, reuse, settings)
    load_families(store, fams, settings)
    # in the store: banality by n-gram DF and site edges over the loaded families
    summary = run_reuse(store, settings)
    return {
        **{k: v for k, v in asdict(summary).items() if k not in ("step_seconds", "seconds")},
        "candidate pairs": reuse.rows["pairs"],
        "components": fams.components or "read back",
        "steps read back": ", ".join(reuse.skipped + fams.skipped) or "none",
        "step seconds": reuse.seconds | fams.seconds,
        "spark seconds": round(spark_s, 3),
        "seconds": round(time.perf_counter() - t0, 3),
    }


def _claims(
    spark: Any, store: Any, settings: Settings, articles: str, work: Path
) -> dict[str, Any]:
    from copytrail.claims.stage import run_claims
    from copytrail.spark.claims import load_claims, run_claims_spark

    t0 = time.perf_counter()
    result = run_claims_spark(spark, articles, str(work / "claims"), settings)
    spark_s = time.perf_counter() - t0
    load_claims(store, result, articles, settings)
    summary = run_claims(store, settings).as_dict()
    summary.update(
        articles=result.articles,
        failed=result.failed,
        seconds=round(time.perf_counter() - t0, 3),
    )
    summary["spark seconds"] = round(spark_s, 3)
    summary["steps read back"] = ", ".join(result.skipped) or "none"
    summary["step seconds"] = result.seconds
    return summary
