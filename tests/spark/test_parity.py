"""Spark and DuckDB conclude the same: alignments, passages, families, parents, site edges, claims.

One Spark session on ``local[2]`` (UI off, 2 shuffle partitions) serves the whole module: its
start-up alone takes 20-90 s on a busy 2-core machine, hence ``slow``. Two corpora: a small
planted one (originals, verbatim and edited reprints, a three-way family, a self-repeat, a
short text) and the small provenance scenario suite (:mod:`scenariogen`: wire copies,
excerpts, chains, composites, undated reprints, embedded quotes and changed figures in four
languages). Each runs through the DuckDB stages in one store and through
:func:`copytrail.spark.run.run_spark` in a copy of it; every result table must hold the same
rows. Skipped when pyspark (the ``spark`` extra) or Java is missing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from copytrail.claims.stage import run_claims
from copytrail.reuse.stage import run_reuse
from copytrail.settings import Settings
from copytrail.store import Store
from tests.reuse.texts import add_articles, filler, passage

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("the Spark engine needs Java", allow_module_level=True)

pytestmark = pytest.mark.slow

SETTINGS = Settings(progress=False, workers=1)
REUSE_TABLES = ("reuse_docs", "reuse_ngrams", "reuse_pairs", "alignments", "passages", "families")
RESULT_TABLES = ("site_edges", "claims", "claim_warnings", "speakers", "conflicts")


def _corpus() -> list[dict[str, Any]]:
    """Originals, verbatim and edited reprints, a three-way family, a self-repeat, a short text."""
    rows = []
    for k in range(8):
        rows.append(
            {
                "id": f"orig{k}",
                "site": f"s{k % 3}.example",
                "text": filler(100 + k, 6),
                "published": f"2024-01-0{k + 1}",
            }
        )
    shared = passage(7, 40)
    rows[0]["text"] += " " + shared + "."
    edited = shared.split()
    edited[10], edited[11] = edited[11], edited[10]
    del edited[20]
    rows.append(
        {
            "id": "copy1",
            "site": "s3.example",
            "text": filler(201, 3) + " " + shared + ". " + filler(202, 2),
            "published": "2024-02-01",
        }
    )
    rows.append(
        {
            "id": "copy2",
            "site": "s4.example",
            "text": filler(203, 2) + " " + " ".join(edited) + ".",
            "published": "2024-02-02",
        }
    )
    other = passage(8, 35)
    rows[3]["text"] += " " + other + "."
    rows.append(
        {
            "id": "copy3",
            "site": "s1.example",
            "text": other + ". " + filler(204, 3) + " " + other + ".",
            "published": "2024-02-03",
        }
    )
    rows.append(
        {
            "id": "short",
            "site": "s2.example",
            "text": "Too short to hold a passage.",
            "published": "2024-02-04",
        }
    )
    return rows


def _table(store: Store, name: str) -> list[tuple[Any, ...]]:
    return store.con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from copytrail.spark.session import spark_session

    session = spark_session("local[2]", partitions=2)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory, spark: Any) -> dict[str, Any]:
    """The planted corpus through DuckDB and through Spark (the same session), and a rerun."""
    from copytrail.spark.run import SparkOptions, run_spark

    root = tmp_path_factory.mktemp("planted")
    duck = Store(str(root / "duck.duckdb"))
    add_articles(duck, _corpus())
    run_reuse(duck, SETTINGS)
    run_claims(duck, SETTINGS)
    sp = Store(str(root / "spark.duckdb"))
    add_articles(sp, _corpus())
    options = SparkOptions(workdir=str(root / "work"), partitions=2)
    first = run_spark(sp, SETTINGS, options=options, spark=spark)
    again = run_spark(sp, SETTINGS, options=options, spark=spark)
    return {"duck": duck, "spark": sp, "first": first, "again": again, "work": root / "work"}


def test_spark_equals_duckdb_on_the_planted_corpus(planted: dict[str, Any]) -> None:
    duck, sp = planted["duck"], planted["spark"]
    aligned = _table(duck, "alignments")
    # the planted reprints are found (both directions of the family and the self-repeat)
    pairs = {(min(r[3], r[4]), max(r[3], r[4])) for r in aligned}
    assert {("copy1", "orig0"), ("copy2", "orig0"), ("copy1", "copy2"), ("copy3", "copy3")} <= pairs
    for name in REUSE_TABLES + RESULT_TABLES:
        assert _table(sp, name) == _table(duck, name), name
    # the edited reprint's parent is the original, found on Spark as in the store
    parent = sp.con.execute(
        "SELECT copied_from_article FROM passages WHERE article_id = 'copy2'"
    ).fetchall()
    assert parent == [("orig0",)]
    assert planted["first"]["reuse"]["components"] == "driver"


def test_a_rerun_reads_every_finished_step_back(planted: dict[str, Any]) -> None:
    again = planted["again"]
    assert again["reuse"]["steps read back"] == (
        "docs, postings, pairs, alignments, components, families"
    )
    assert again["claims"]["steps read back"] == "claims"
    assert _table(planted["spark"], "families") == _table(planted["duck"], "families")


def test_a_changed_text_redoes_the_steps(
    planted: dict[str, Any], spark: Any, tmp_path: Path
) -> None:
    """A step's key holds its input: a store whose texts changed does not reuse old steps."""
    from copytrail.spark.run import SparkOptions, run_spark

    rows = _corpus()
    rows[-1]["text"] = "Still too short, but now different."
    sp = Store(str(tmp_path / "changed.duckdb"))
    add_articles(sp, rows)
    work = tmp_path / "work"
    shutil.copytree(planted["work"], work)  # the finished steps of the unchanged corpus
    got = run_spark(
        sp, SETTINGS, ("claims",), SparkOptions(workdir=str(work), partitions=2), spark=spark
    )
    assert got["claims"]["steps read back"] == "none"
    assert got["claims"]["articles"] == len(rows)


def _chain(spark: Any) -> Any:
    """6 alignments chained through overlaps: alignment i joins article i to article i + 1,
    where its span half-overlaps alignment i + 1's span; rows in shuffled order, so the one
    component is a long path over the node numbers. Two alignments that touch nothing else."""
    import random

    import pyarrow as pa

    rows = [(f"c{i:02d}", i, 220, 320, i + 1, 200, 300) for i in range(6)]
    random.Random(5).shuffle(rows)
    rows.append(("z1", 900, 0, 100, 901, 0, 100))
    rows.append(("z2", 900, 500, 600, 902, 0, 100))  # same article as z1, no overlap
    cols = ("alignment_id", "doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end")
    t = pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)})
    return spark.createDataFrame(t)


def test_join_components_over_a_long_chain(spark: Any) -> None:
    from copytrail.spark.components import driver_roots, join_roots, numbered

    al = numbered(_chain(spark)).cache()
    driver = dict(driver_roots(spark, al).collect())
    # local checkpoints (the scenario suite runs the reliable ones): fewer files, faster rounds
    joins = dict(join_roots(al, 2, checkpoint=False).collect())
    assert joins == driver
    ids = dict(al.select("k", "alignment_id").collect())
    by_id = {ids[k]: root for k, root in joins.items()}
    assert len({by_id[f"c{i:02d}"] for i in range(6)}) == 1  # the whole chain
    assert len(set(by_id.values())) == 3 and by_id["z1"] != by_id["z2"]


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory, spark: Any) -> dict[str, Store]:
    """The small scenario suite ingested once; the store copied; DuckDB and Spark stages."""
    from scenariogen import write_scenarios

    from copytrail.pipeline import ingest
    from copytrail.spark.run import SparkOptions, run_spark

    root = tmp_path_factory.mktemp("scenarios")
    write_scenarios(root, seed=11, families=8, langs=("en", "fa", "ar", "ru"))
    duck = Store(str(root / "duck.duckdb"))
    ingest([str(root / "corpus")], SETTINGS, duck)
    duck.close()
    shutil.copy(root / "duck.duckdb", root / "spark.duckdb")
    duck = Store(str(root / "duck.duckdb"))
    run_reuse(duck, SETTINGS)
    run_claims(duck, SETTINGS)
    sp = Store(str(root / "spark.duckdb"))
    # the join path for components: the small suite checks it end to end
    options = SparkOptions(workdir=str(root / "work"), partitions=2, driver_limit=0)
    got = run_spark(sp, SETTINGS, options=options, spark=spark)
    assert got["reuse"]["components"] == "joins"
    return {"duck": duck, "spark": sp}


@pytest.mark.parametrize("table", REUSE_TABLES + RESULT_TABLES)
def test_spark_equals_duckdb_on_the_scenario_suite(scenarios: dict[str, Store], table: str) -> None:
    duck, sp = scenarios["duck"], scenarios["spark"]
    want = _table(duck, table)
    if table in ("alignments", "passages", "families", "claims", "conflicts"):
        assert want, table  # the suite plants copies, figures and changed figures
    assert _table(sp, table) == want, table


def test_cli_run_with_the_spark_engine_equals_the_duckdb_engine(
    tmp_path: Path, spark: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``copytrail run --engine spark``: the same families and claims as a plain ``run``.

    Last in the module: the command stops the Spark session it was given (the module's)."""
    from click.testing import CliRunner
    from corpusgen import write_site

    from copytrail.cli import main

    for key in [k for k in os.environ if k.startswith("COPYTRAIL_")]:
        monkeypatch.delenv(key)
    crawl = tmp_path / "crawl"
    write_site(crawl, "valley.example", 4)
    write_site(crawl, "hill.example", 3)
    duck, sp = str(tmp_path / "duck.duckdb"), str(tmp_path / "spark.duckdb")
    runner = CliRunner()
    res = runner.invoke(main, ["run", str(crawl), "--store", duck, "--no-progress"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(
        main,
        ["run", str(crawl), "--store", sp, "--no-progress", "--engine", "spark"],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    assert "reuse (spark, local[2])" in res.output
    assert Path(sp + ".spark", "reuse", "families", "_SUCCESS").exists()
    a, b = Store(duck), Store(sp)
    for table in ("passages", "families", "site_edges", "claims", "conflicts"):
        assert _table(b, table) == _table(a, table), table
    assert _table(a, "families")  # hill.example reprints valley.example's stories
