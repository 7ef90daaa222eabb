"""Families and provenance on Spark: components, then each component built where it lives.

Two steps of :mod:`copytrail.spark.steps` after the reuse steps of :mod:`copytrail.spark.engine`:

1. ``components``: (``alignment_id``, ``root``), each alignment's component
   (:mod:`copytrail.spark.components`: union-find on the driver when the alignments fit,
   large-star/small-star joins otherwise);
2. ``families``: the alignments of each component, cogrouped with the metadata and text of its
   articles, go through the very functions the DuckDB stage calls
   (:func:`copytrail.reuse.maintain.group`: families of the component, boilerplate never
   bridging two; then :func:`copytrail.reuse.maintain.family_rows`, which traces provenance): one row per family
   with its passages, alignment ids and representative n-gram hashes nested in it.

:func:`load_families` writes them into a DuckDB store's family tables as the stage's
maintenance would have; the stage's next call there (``run_reuse``) finds every alignment
grouped and only decides banality by n-gram DF and recomputes the site edges, both SQL over
the loaded tables.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from copytrail.reuse.families import Aligned
from copytrail.reuse.maintain import FAMILY_TABLES, family_fingerprint, family_rows, group
from copytrail.settings import Settings
from copytrail.spark.components import component_roots, numbered
from copytrail.spark.engine import count_rows, ddl, read_step
from copytrail.spark.steps import Steps, digest, input_key

META_COLUMNS = ("published", "published_source", "site", "url", "text")  # family_rows' order
ALIGNED_COLUMNS = (
    "alignment_id",
    "article_a",
    "a_start",
    "a_end",
    "article_b",
    "b_start",
    "b_end",
    "score",
)
DRIVER_LIMIT = 5_000_000  # alignments: ~32 bytes each on the driver for the union-find


@lru_cache(maxsize=1)
def table_schemas() -> dict[str, pa.Schema]:
    """Arrow schemas of the store's ``families`` and ``passages`` tables (their DDL, written once)."""
    from copytrail.reuse.tables import REUSE_DDL
    from copytrail.store import Store

    store = Store(":memory:")
    try:
        store.ensure_tables(REUSE_DDL)
        return {
            t: store.con.sql(f"SELECT * FROM {t} LIMIT 0").to_arrow_table().schema
            for t in ("families", "passages")
        }
    finally:
        store.close()


def families_schema() -> pa.Schema:
    """One row a family: the ``families`` columns, then its passages, alignments and n-grams."""
    s = table_schemas()
    return pa.schema(
        list(s["families"])
        + [
            pa.field("passages", pa.list_(pa.struct(list(s["passages"])))),
            pa.field("alignment_ids", pa.list_(pa.string())),
            pa.field("ngrams", pa.list_(pa.int64())),
        ]
    )


def build_component(
    aligned: pa.Table, meta: pa.Table, settings: Settings, schema: pa.Schema
) -> pa.Table:
    """The families of one component: its alignments (:data:`ALIGNED_COLUMNS`) and its
    articles' metadata (``article_id`` and :data:`META_COLUMNS`) → rows of ``schema``."""
    rows = [
        Aligned(*r) for r in zip(*(aligned[c].to_pylist() for c in ALIGNED_COLUMNS), strict=True)
    ]
    ids = meta["article_id"].to_pylist()
    cols = [meta[c].to_pylist() for c in META_COLUMNS]
    info = {aid: tuple(c[i] for c in cols) for i, aid in enumerate(ids)}
    fams, passages, members, grams = family_rows(group(rows, info, settings), info, settings)
    by_family: dict[str, dict[str, list[Any]]] = defaultdict(
        lambda: {"passages": [], "alignment_ids": [], "ngrams": []}
    )
    for p in passages:
        by_family[p["family_id"]]["passages"].append(p)
    for aid, fid in zip(members["alignment_id"], members["family_id"], strict=True):
        by_family[fid]["alignment_ids"].append(aid)
    for fid, h in zip(grams["family_id"], np.asarray(grams["h"]).tolist(), strict=True):
        by_family[fid]["ngrams"].append(h)
    return pa.Table.from_pylist([f | by_family[f["family_id"]] for f in fams], schema=schema)


@dataclass(frozen=True, slots=True)
class SparkFamilies:
    """Where the family steps were written, how components were found, and what was reused."""

    out: str
    families: int
    components: str  # "driver" or "joins" ("" when read back from a finished step)
    skipped: tuple[str, ...]
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step computed


def families_key(settings: Settings, reuse_key: str, articles_key: str) -> str:
    """Key of the family steps: family settings, the reuse steps' key, the articles' metadata."""
    return digest("families", family_fingerprint(settings), reuse_key, articles_key)


def run_families_spark(
    spark: Any,
    articles: str,
    out: str,
    settings: Settings,
    reuse_key: str,
    driver_limit: int = DRIVER_LIMIT,
    partitions: int = 4,
) -> SparkFamilies:
    """Components and families of the alignments in ``out/alignments`` → ``out/components``,
    ``out/families``; ``driver_limit`` is the most alignments grouped on the driver."""
    arts = spark.read.parquet(articles).select("article_id", *META_COLUMNS)
    key = families_key(settings, reuse_key, input_key(arts, ("article_id", *META_COLUMNS)))
    steps = Steps(spark, Path(out))
    if spark.sparkContext.getCheckpointDir() is None:
        spark.sparkContext.setCheckpointDir(str(Path(out) / "_checkpoints"))
    al = spark.read.parquet(str(Path(out) / "alignments"))
    how: list[str] = []

    def components() -> Any:
        nal = numbered(al)
        roots, way = component_roots(spark, nal, driver_limit, partitions)
        how.append(way)
        return nal.join(roots, "k").select("alignment_id", "root")

    roots = steps.run("components", key, components)
    schema = families_schema()

    def families() -> Any:
        grouped = al.join(roots, "alignment_id").select("root", *ALIGNED_COLUMNS)
        # the same rows read again: a plan of its own, so the cogroup below is no self-join
        again = spark.read.parquet(str(Path(out) / "alignments")).join(
            spark.read.parquet(str(steps.folder("components"))), "alignment_id"
        )
        members = (
            again.selectExpr("root", "article_a AS article_id")
            .unionByName(again.selectExpr("root", "article_b AS article_id"))
            .distinct()
        )
        meta = members.join(arts, "article_id", "left")

        def build(left: pa.Table, right: pa.Table) -> pa.Table:
            return build_component(left, right, settings, schema)

        return (
            grouped.groupBy("root").cogroup(meta.groupBy("root")).applyInArrow(build, ddl(schema))
        )

    steps.run("families", key, families)
    return SparkFamilies(
        out, count_rows(out, "families"), how[0] if how else "", tuple(steps.skipped), steps.seconds
    )


def load_families(store: Any, result: SparkFamilies, settings: Settings) -> int:
    """Replace a store's families with a Spark run's (``passages``, ``families`` and the
    maintenance tables, families pending their banality by DF). Returns the families loaded."""
    from copytrail.reuse.tables import REUSE_DDL

    store.ensure_tables(REUSE_DDL)
    t = read_step(result.out, "families")
    fam_cols = [f.name for f in table_schemas()["families"]]

    def nested(column: str) -> tuple[pa.Array, pa.Array]:
        """(family id of each item, items) of a list column."""
        lists = t[column].combine_chunks()
        owner = pc.take(t["family_id"].combine_chunks(), pc.list_parent_indices(lists))
        return owner, pc.list_flatten(lists)

    passages = pc.list_flatten(t["passages"].combine_chunks())  # they hold their family_id
    al_owner, al_ids = nested("alignment_ids")
    gram_owner, grams = nested("ngrams")
    con = store.con
    with store.transaction():
        for table in FAMILY_TABLES:
            con.execute(f"DELETE FROM {table}")
        store.insert_arrow("families", t.select(fam_cols))
        store.insert_arrow("passages", pa.Table.from_struct_array(passages))
        store.insert_arrow(
            "family_alignments",
            pa.table({"alignment_id": al_ids, "family_id": al_owner}),
            on_conflict=None,
        )
        store.insert_arrow(
            "family_ngrams", pa.table({"family_id": gram_owner, "h": grams}), on_conflict=None
        )
        store.insert_arrow("family_pending", t.select(["family_id"]), on_conflict=None)
        con.execute(
            "INSERT OR REPLACE INTO reuse_state VALUES ('families_settings', ?)",
            [family_fingerprint(settings)],
        )
    return t.num_rows
