"""The engine-neutral stage functions over Arrow batches (pyarrow and DuckDB only, no Spark)."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from copytrail.reuse.stage import run_reuse
from copytrail.settings import Settings
from copytrail.spark import stages
from copytrail.store import Store
from tests.reuse.texts import add_articles, filler, passage


def _rows() -> list[dict[str, str]]:
    shared = passage(3, 36)
    return [
        {
            "id": "src",
            "site": "a.example",
            "text": filler(1, 5) + " " + shared + ". " + filler(2, 2),
        },
        {"id": "dst", "site": "b.example", "text": filler(4, 2) + " " + shared + "."},
        {"id": "other", "site": "c.example", "text": filler(5, 6)},
    ]


def test_pairs_sql_on_duckdb_equals_the_stage() -> None:
    """The shared candidate SQL, run by DuckDB over the batch postings, pairs what the stage pairs."""
    settings = Settings(progress=False, workers=1)
    params = stages.params_of(settings)
    batch = pa.RecordBatch.from_pylist(
        [{"article_id": r["id"], "text": r["text"]} for r in _rows()]
    )
    posts = pa.Table.from_batches(
        list(stages.postings(iter([batch]), params, settings.candidate_ngram))
    )
    con = duckdb.connect()
    con.register("posts", posts)
    got = con.execute(stages.pairs_sql("posts", settings) + " ORDER BY ALL").fetchall()

    store = Store(":memory:")
    add_articles(store, _rows())
    run_reuse(store, settings)
    want = store.con.execute("SELECT doc_a, doc_b, shared FROM reuse_pairs ORDER BY ALL").fetchall()
    assert got == want and len(got) == 1  # src-dst only: "other" shares nothing


def test_alignments_batch_finds_both_bounds() -> None:
    settings = Settings(progress=False)
    params = stages.params_of(settings)
    src, dst = _rows()[0]["text"], _rows()[1]["text"]
    shared = passage(3, 36)
    batch = pa.RecordBatch.from_pylist(
        [
            {
                "doc_a": 1,
                "article_a": "src",
                "text_a": src,
                "doc_b": 2,
                "article_b": "dst",
                "text_b": dst,
            }
        ]
    )
    out = pa.Table.from_batches(list(stages.alignments(iter([batch]), params))).to_pylist()
    assert len(out) == 1
    row = out[0]
    assert src[row["a_start"] : row["a_end"]] == shared
    assert dst[row["b_start"] : row["b_end"]] == shared
    assert (row["article_a"], row["article_b"], row["self_reuse"]) == ("src", "dst", False)
