"""The engine-neutral stage functions over Arrow batches (pyarrow and DuckDB only, no Spark)."""

from __future__ import annotations

from pathlib import Path

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


def test_overlap_links_across_batches_equal_one_batch() -> None:
    """An article cut between two Arrow batches is linked as when it comes in one batch."""
    from copytrail.spark.components import overlap_links

    rows = {
        "node": [0, 2, 4, 6, 1, 3],
        "art": [7, 7, 7, 7, 8, 8],
        "s": [0, 10, 60, 500, 0, 40],
        "e": [100, 110, 160, 600, 60, 100],
    }
    whole = pa.RecordBatch.from_pydict(rows)
    cut = [whole.slice(0, 2), whole.slice(2, 4)]

    def links(batches: list[pa.RecordBatch]) -> set[tuple[int, int]]:
        t = pa.Table.from_batches(list(overlap_links(iter(batches))))
        return set(zip(t["src"].to_pylist(), t["dst"].to_pylist(), strict=True))

    got = links(cut)
    # 0-10-60 chain by half overlaps in article 7 (500-600 stands apart); 1 and 3 in article 8
    # overlap by 20 of 60: not half, so no link
    assert got == links([whole]) == {(2, 0), (4, 0)}


def test_families_built_per_component_and_loaded_equal_the_stage(tmp_path: Path) -> None:
    """The Spark family step's function over the stored alignments, written as Parquet and
    loaded, gives the store's own passages, families, parents and site edges."""
    import shutil

    import pyarrow.parquet as pq

    from copytrail.spark.families import (
        ALIGNED_COLUMNS,
        META_COLUMNS,
        SparkFamilies,
        build_component,
        families_schema,
        load_families,
    )

    settings = Settings(progress=False, workers=1)
    shared = passage(11, 40)
    rows = _rows() + [
        {"id": "third", "site": "d.example", "text": shared + ". " + filler(9, 3)},
        {"id": "fourth", "site": "e.example", "text": filler(10, 2) + " " + shared + "."},
    ]
    duck_path, spark_path = tmp_path / "duck.duckdb", tmp_path / "spark.duckdb"
    duck = Store(str(duck_path))
    add_articles(duck, rows)
    run_reuse(duck, settings)
    duck.close()
    shutil.copy(duck_path, spark_path)
    duck, sp = Store(str(duck_path)), Store(str(spark_path))
    aligned = sp.con.sql(f"SELECT {', '.join(ALIGNED_COLUMNS)} FROM alignments").to_arrow_table()
    meta = sp.con.sql(
        f"SELECT article_id, {', '.join(META_COLUMNS)} FROM corpus_articles"
    ).to_arrow_table()
    with sp.transaction():
        for table in ("passages", "families", "site_edges"):
            sp.con.execute(f"DELETE FROM {table}")
    # all alignments as one group: components never share a link, so this is what per-component
    # calls give together
    (tmp_path / "out" / "families").mkdir(parents=True)
    built = build_component(aligned, meta, settings, families_schema())
    pq.write_table(built, tmp_path / "out" / "families" / "part-0.parquet")
    assert load_families(sp, SparkFamilies(str(tmp_path / "out"), 0, "", ()), settings) == 2
    run_reuse(sp, settings)  # banality by n-gram DF and site edges over the loaded families
    for table in ("passages", "families", "site_edges", "family_alignments", "family_ngrams"):
        want = duck.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        assert sp.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() == want, table
