"""The claims stage's per-article step on Spark, and its result loaded into a DuckDB store.

Each article's figures, quotes and attributions come from the function the DuckDB stage maps
over its articles (:func:`copytrail.claims.stage.article_claims`, through the same guard that
turns an article whose reading fails into an error value), run in ``mapInArrow``. One step
(``out/claims``, see :mod:`copytrail.spark.steps`) holds every record the articles gave, told
apart by ``record``: ``claim`` rows (the ``claims`` table's columns), ``warning`` rows (what
could not be parsed), ``error`` rows (an article whose reading failed, with the reason) and
one ``done`` row per article read. :func:`load_claims` writes them into the store; the stage
then finds nothing left to read and runs its corpus-wide steps (speakers merged, claims linked
to reuse families, quote groups, conflicts): group-bys over the loaded rows.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from copytrail.claims import stage as claims_stage
from copytrail.claims.stage import CLAIM_PAGE_TYPES, reader_tag, warning_kind
from copytrail.ids import stable_id
from copytrail.settings import Settings
from copytrail.spark.engine import ARTICLE_COLUMNS, ddl, read_step
from copytrail.spark.steps import Steps, digest, input_key

# What claims read of an article: what every stage reads, less the page type it filters on.
READ_COLUMNS = tuple(c for c in ARTICLE_COLUMNS if c != "page_type")
RECORD_SCHEMA = pa.schema(
    list(claims_stage._CLAIM_SCHEMA) + [("record", pa.string()), ("detail", pa.string())]
)

_model: list[str | None] = []  # the spaCy model this worker process loaded (once)


def _ensure_model(model: str | None) -> None:
    if not _model or _model[0] != model:
        claims_stage._load_nlp(model)
        _model[:] = [model]


def article_records(
    batches: Iterator[pa.RecordBatch], model: str | None = None
) -> Iterator[pa.RecordBatch]:
    """Claim, warning, error and done records of each article (:data:`RECORD_SCHEMA`).

    >>> art = {"article_id": "a1", "text": "About 120,000 people marched, organisers said."}
    >>> out = pa.Table.from_batches(list(article_records(iter([pa.RecordBatch.from_pylist([art])]))))
    >>> [(r["record"], r["kind"], r["value"]) for r in out.to_pylist()]
    [('claim', 'attribution', None), ('claim', 'figure', 120000.0), ('done', None, None)]
    """
    _ensure_model(model)
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for art in batch.to_pylist():
            aid = art["article_id"]
            got = claims_stage._safe_claims(art)
            if isinstance(got, str):
                rows.append({"article_id": aid, "record": "error", "detail": got})
            else:
                claims, warnings = got
                rows.extend(c | {"record": "claim"} for c in claims)
                rows.extend(
                    {"article_id": aid, "kind": warning_kind(w), "record": "warning", "detail": w}
                    for w in dict.fromkeys(warnings)  # once each, as the stage keeps them
                )
            rows.append({"article_id": aid, "record": "done"})
        yield pa.RecordBatch.from_pylist(rows, schema=RECORD_SCHEMA)


@dataclass(frozen=True, slots=True)
class SparkClaims:
    """Where the claims step was written, and what it holds."""

    out: str
    articles: int
    claims: int
    failed: int
    skipped: tuple[str, ...]
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step computed


def claims_key(settings: Settings, articles_key: str) -> str:
    """Key of the claims step: the readers' version (and spaCy model) and the articles read."""
    return digest("claims", reader_tag(settings), articles_key)


def run_claims_spark(spark: Any, articles: str, out: str, settings: Settings) -> SparkClaims:
    """Claims of the articles in Parquet ``articles`` (those of a claims page type) → ``out/claims``."""
    types = ", ".join(f"'{t}'" for t in CLAIM_PAGE_TYPES)
    arts = spark.read.parquet(articles).where(f"page_type IN ({types})").select(*READ_COLUMNS)
    key = claims_key(settings, input_key(arts, READ_COLUMNS))
    model = settings.spacy_model
    steps = Steps(spark, Path(out))
    steps.run(
        "claims",
        key,
        lambda: arts.mapInArrow(lambda it: article_records(it, model), ddl(RECORD_SCHEMA)),
    )
    counts = read_step(out, "claims").group_by("record").aggregate([("record", "count")])
    counts = dict(
        zip(counts["record"].to_pylist(), counts["record_count"].to_pylist(), strict=True)
    )
    return SparkClaims(
        out,
        counts.get("done", 0),
        counts.get("claim", 0),
        counts.get("error", 0),
        tuple(steps.skipped),
        steps.seconds,
    )


def load_claims(store: Any, result: SparkClaims, articles: str, settings: Settings) -> None:
    """Replace a store's per-article claims with a Spark run's (claims, warnings, the articles
    read and an error row for each article that failed); ``articles`` is the Parquet input."""
    from copytrail.claims.tables import CLAIMS_DDL

    store.ensure_tables(CLAIMS_DDL)
    t = read_step(result.out, "claims")
    con = store.con
    con.register("_spark_claims", t)
    try:
        claim_cols = [f.name for f in claims_stage._CLAIM_SCHEMA]
        claims = con.sql(
            f"SELECT {', '.join(claim_cols)} FROM _spark_claims WHERE record = 'claim'"
        ).to_arrow_table()
        warned = con.sql(
            """SELECT article_id, kind, detail FROM _spark_claims WHERE record = 'warning'"""
        ).to_arrow_table()
        failed = con.execute(
            "SELECT article_id, detail FROM _spark_claims WHERE record = 'error'"
        ).fetchall()
        when = time.strftime("%Y-%m-%dT%H:%M:%S")
        errors = [
            {
                "error_id": stable_id(aid, "claims-failed", detail),
                "source": "claims",
                "location": aid,
                "reason": "claims-failed",
                "detail": detail,
                "first_seen": when,
            }
            for aid, detail in failed
        ]
        with store.transaction():
            for table in ("claims", "claims_done", "claim_warnings"):
                con.execute(f"DELETE FROM {table}")
            store.insert_arrow("claim_warnings", warned)
            store.insert_arrow("claims", claims)
            # the hash the stage keeps of what it read: text and readers, as it writes it
            con.execute(
                """INSERT INTO claims_done
                SELECT a.article_id, md5(coalesce(a.text, '') || ?) FROM read_parquet(?) a
                WHERE a.article_id IN (SELECT article_id FROM _spark_claims WHERE record = 'done')""",
                [reader_tag(settings), articles],
            )
            if errors:
                store.insert_arrow("errors", pa.Table.from_pylist(errors))
    finally:
        con.unregister("_spark_claims")
