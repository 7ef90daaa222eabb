"""Connected components of aligned spans on Spark: which alignments make one family.

The graph is the one :mod:`copytrail.reuse.families` links: node ``2k`` is alignment ``k``'s
span in article A, node ``2k + 1`` its span in article B; an alignment joins its two nodes, and
two spans of one article are joined by that module's half-overlap rule. Each alignment's
component is named by the smallest node in it, as
:meth:`copytrail.reuse.families.SpanComponents.roots` names it, so both ways below give the
same labels:

* **driver** (:func:`driver_roots`), when the alignments fit (``driver_limit``): the spans are
  collected (4 integers each) and linked by :class:`~copytrail.reuse.families.SpanComponents`,
  the union-find the DuckDB stage runs;
* **joins** (:func:`join_roots`) otherwise: the half-overlap links are found per article on the
  executors (spans partitioned by article, the module's own sweep over each partition), then
  the components by alternating *large-star* and *small-star* joins (Kiveris et al., 2014,
  "Connected Components in MapReduce and Beyond") until the edge set stops changing, each
  round checkpointed so the plan does not grow with the rounds.

Alignment numbers ``k`` come from ``monotonically_increasing_id`` over the alignments' Parquet
scan (deterministic for the same files); they only name nodes, never reach a result: family
and passage ids are content hashes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa

from copytrail.reuse.families import SpanComponents, _link_overlaps

SPANS = ("node", "art", "s", "e")
EDGE_SCHEMA = pa.schema([("src", pa.int64()), ("dst", pa.int64())])
MAX_ROUNDS = 64  # large-star/small-star converges in O(log² n) rounds; a guard, not a limit


def numbered(alignments: Any) -> Any:
    """The alignments with their node number ``k`` (see the module docstring)."""
    from pyspark.sql import functions as F

    return alignments.withColumn("k", F.monotonically_increasing_id())


def _spans(al: Any) -> Any:
    a = al.selectExpr("2 * k AS node", "doc_a AS art", "a_start AS s", "a_end AS e")
    b = al.selectExpr("2 * k + 1 AS node", "doc_b AS art", "b_start AS s", "b_end AS e")
    return a.unionByName(b)


def driver_roots(spark: Any, al: Any) -> Any:
    """(``k``, ``root``) of every numbered alignment, by union-find on the driver."""
    t = al.select("k", "doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end").toArrow()
    order = np.argsort(t["k"].to_numpy(), kind="stable")
    t = t.take(pa.array(order))
    ks = t["k"].to_numpy().astype(np.int64)
    m = ks.shape[0]
    idx = np.arange(m, dtype=np.int64)
    node = np.concatenate([2 * idx, 2 * idx + 1])
    col = {c: t[c].to_numpy().astype(np.int64) for c in t.column_names}
    art = np.concatenate([col["doc_a"], col["doc_b"]])
    s = np.concatenate([col["a_start"], col["b_start"]])
    e = np.concatenate([col["a_end"], col["b_end"]])
    sort = np.lexsort((node, e, s, art))  # the order SpanComponents is fed in
    comps = SpanComponents(m)
    comps.add_sorted(node[sort], art[sort], s[sort], e[sort])
    local = comps.roots().astype(np.int64)
    # local node i is global node 2 k[i // 2] + i % 2: an increasing map, so the smallest
    # local node of a component is its smallest global node
    root = 2 * ks[local // 2] + local % 2
    return spark.createDataFrame(pa.table({"k": ks, "root": root}))


def overlap_links(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Half-overlap links between spans of one article, from spans (``node``, ``art``, ``s``,
    ``e``) sorted by (art, s, e, node) with whole articles in one partition: each linked span
    gives an edge to the first span of its group (the families module's own sweep).

    >>> b = pa.RecordBatch.from_pydict({"node": [0, 2, 4, 1], "art": [7, 7, 7, 8],
    ...                                 "s": [0, 10, 500, 0], "e": [100, 110, 600, 9]})
    >>> pa.Table.from_batches(list(overlap_links(iter([b])))).to_pydict()
    {'src': [2], 'dst': [0]}
    """
    tail: list[np.ndarray] | None = None
    for batch in batches:
        cols = [batch.column(c).to_numpy(zero_copy_only=False).astype(np.int64) for c in SPANS]
        if tail is not None:
            cols = [np.concatenate([t, c]) for t, c in zip(tail, cols, strict=True)]
        if cols[0].shape[0] == 0:
            continue
        # the last article may go on in the next batch: keep its rows back
        cut = int(np.argmax(cols[1] == cols[1][-1]))
        tail = [c[cut:] for c in cols]
        if cut:
            yield _links([c[:cut] for c in cols])
    if tail is not None:
        yield _links(tail)


def _links(cols: list[np.ndarray]) -> pa.RecordBatch:
    node, art, s, e = cols
    parent = np.arange(node.shape[0], dtype=np.int64)
    _link_overlaps(parent, np.arange(node.shape[0], dtype=np.int64), art, s, e)
    while True:  # pointer jumping: every span points at its group's root
        up = parent[parent]
        if np.array_equal(up, parent):
            break
        parent = up
    linked = np.nonzero(parent != np.arange(parent.shape[0]))[0]
    return pa.RecordBatch.from_arrays(
        [pa.array(node[linked]), pa.array(node[parent[linked]])], schema=EDGE_SCHEMA
    )


def _fingerprint(edges: Any) -> tuple[int, int]:
    row = edges.selectExpr("count(1) AS n", "bit_xor(xxhash64(src, dst)) AS h").collect()[0]
    return int(row["n"]), int(row["h"] or 0)


def star_labels(edges: Any, checkpoint: bool = True) -> Any:
    """(``node``, ``label``): the smallest node of each node's component, for an undirected
    edge list (``src``, ``dst``) in which every node appears, by large-star/small-star joins."""
    from pyspark.sql import functions as F

    def norm(df: Any, a: str, b: str) -> Any:
        return (
            df.selectExpr(f"greatest({a}, {b}) AS src", f"least({a}, {b}) AS dst")
            .where("src <> dst")
            .distinct()
        )

    # reliable checkpoints where the session has a folder for them, local ones otherwise
    checkpoint = checkpoint and edges.sparkSession.sparkContext.getCheckpointDir() is not None
    e = norm(edges, "src", "dst")
    seen = _fingerprint(e)
    for _ in range(MAX_ROUNDS):
        # large-star: every neighbour larger than u is linked to u's smallest neighbour (or u)
        both = e.unionByName(e.selectExpr("dst AS src", "src AS dst"))
        low = both.groupBy("src").agg(F.min("dst").alias("m"))
        large = norm(
            both.join(low, "src").where("dst > src").selectExpr("dst AS a", "least(src, m) AS b"),
            "a",
            "b",
        )
        # small-star: u and its smaller neighbours are linked to the smallest of them
        low2 = large.groupBy("src").agg(F.min("dst").alias("m"))
        small = norm(
            large.join(low2, "src")
            .selectExpr("dst AS a", "m AS b")
            .unionByName(low2.selectExpr("src AS a", "m AS b")),
            "a",
            "b",
        )
        e = small.checkpoint(eager=True) if checkpoint else small.localCheckpoint(eager=True)
        now = _fingerprint(e)
        if now == seen:
            break
        seen = now
    else:  # pragma: no cover - would mean a bug in the joins above
        raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")
    leaves = e.selectExpr("src AS node", "dst AS label")
    centers = e.selectExpr("dst AS node").distinct().join(leaves, "node", "left_anti")
    return leaves.unionByName(centers.selectExpr("node", "node AS label"))


def join_roots(al: Any, partitions: int, checkpoint: bool = True) -> Any:
    """(``k``, ``root``) of every numbered alignment, by joins on the executors."""
    spans = (
        _spans(al).repartition(partitions, "art").sortWithinPartitions(*("art", "s", "e", "node"))
    )
    overlaps = spans.mapInArrow(overlap_links, "src bigint, dst bigint")
    pairs = al.selectExpr("2 * k AS src", "2 * k + 1 AS dst")
    labels = star_labels(pairs.unionByName(overlaps), checkpoint)
    return al.selectExpr("k", "2 * k AS node").join(labels, "node").selectExpr("k", "label AS root")


def component_roots(
    spark: Any, al: Any, driver_limit: int, partitions: int, checkpoint: bool = True
) -> tuple[Any, str]:
    """(``k``, ``root``) of the numbered alignments ``al``, and the way they were found:
    ``"driver"`` when there are at most ``driver_limit`` alignments, else ``"joins"``."""
    if al.count() <= driver_limit:
        return driver_roots(spark, al), "driver"
    return join_roots(al, partitions, checkpoint), "joins"
