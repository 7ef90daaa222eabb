"""Spark and DuckDB find the same reuse: candidate pairs, alignments, then passages and families.

Spark runs on ``local[2]`` (UI off, 4 shuffle partitions), started once for the module; its
start-up alone takes 20-90 s on a busy 2-core machine, hence ``slow``. Skipped when pyspark (the
``spark`` extra) or Java is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from copytrail.reuse.stage import run_reuse
from copytrail.settings import Settings
from copytrail.store import Store
from tests.reuse.texts import add_articles, filler, passage

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("the Spark engine needs Java", allow_module_level=True)

pytestmark = pytest.mark.slow


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
def spark() -> Any:
    from copytrail.spark.engine import spark_session

    session = spark_session("local[2]", partitions=4)
    yield session
    session.stop()


def test_spark_equals_duckdb(tmp_path: Path, spark: Any) -> None:
    from copytrail.spark.engine import export_articles, load_reuse, run_reuse_spark

    settings = Settings(progress=False, workers=1)
    duck = Store(str(tmp_path / "duck.duckdb"))
    add_articles(duck, _corpus())
    run_reuse(duck, settings)

    sp = Store(str(tmp_path / "spark.duckdb"))
    add_articles(sp, _corpus())
    export_articles(sp, str(tmp_path / "articles.parquet"))
    result = run_reuse_spark(
        spark, str(tmp_path / "articles.parquet"), str(tmp_path / "out"), settings
    )
    assert result.skipped == ()
    load_reuse(sp, result, settings)
    run_reuse(sp, settings)  # families, provenance, banality from the loaded alignments

    aligned = _table(duck, "alignments")
    # the planted reprints are found (both directions of the family and the self-repeat)
    pairs = {(min(r[3], r[4]), max(r[3], r[4])) for r in aligned}
    assert {("copy1", "orig0"), ("copy2", "orig0"), ("copy1", "copy2"), ("copy3", "copy3")} <= pairs
    for name in ("reuse_docs", "reuse_ngrams", "reuse_pairs", "alignments", "passages", "families"):
        assert _table(sp, name) == _table(duck, name), name

    # a rerun with the same settings finds every step finished and rewrites nothing
    again = run_reuse_spark(
        spark, str(tmp_path / "articles.parquet"), str(tmp_path / "out"), settings
    )
    assert again.skipped == ("docs", "postings", "pairs", "alignments")
    assert again.rows == result.rows
