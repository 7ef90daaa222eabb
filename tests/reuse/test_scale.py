"""Speedups keep results: the indexed witness date status equals the pairwise comparison, and
texts read by row id survive rows moved by deletions and a checkpoint."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from pathlib import Path

from copytrail.reuse.families import Witness
from copytrail.reuse.provenance import _Dates, _When, compare
from copytrail.reuse.stage import run_reuse
from copytrail.settings import Settings
from copytrail.store import Store
from tests.reuse.texts import add_articles, filler, passage


def _pairwise(w: Witness, ws: Sequence[Witness], when: Mapping[str, _When]) -> str:
    """The definition: compare the witness with every other article's exact date."""
    me = when[w.passage_id]
    if me.key is None:
        return "missing"
    if me.bound:
        return "crawl"
    earlier = same = False
    for o in ws:
        other = when[o.passage_id]
        if o.article_id == w.article_id or not other.exact or other.key is None:
            continue
        c = compare(other.key, me.key)
        earlier = earlier or c < 0
        same = same or c == 0
    return "tie" if same and not earlier else "ok"


def test_witness_status_equals_pairwise_definition() -> None:
    rng = random.Random(5)
    days = ["2024-03-01", "2024-03-02", "2024-03-03"]
    times = [None, "08:00", "09:30", "12:00"]
    statuses = set()
    for _ in range(400):
        n = rng.randint(1, 9)
        ws = [Witness(f"p{k}", f"A{rng.randint(0, n)}", 0, 10) for k in range(n)]
        when = {}
        for w in ws:
            r = rng.random()
            key = None if r < 0.1 else (rng.choice(days), rng.choice(times))
            when[w.passage_id] = _When(key, key is not None and r < 0.2)
        dated = _Dates(ws, when)
        for w in ws:
            got = dated.status(w, when[w.passage_id])
            assert got == _pairwise(w, ws, when)
            statuses.add(got)
    assert statuses == {"missing", "crawl", "tie", "ok"}


def _rows(extra: bool) -> list[dict[str, str]]:
    shared = passage(11, 40)
    rows = [
        {
            "id": "a-src",
            "site": "a.example",
            "text": filler(21, 5) + " " + shared + ".",
            "published": "2024-01-01",
        },
        {
            "id": "b-copy",
            "site": "b.example",
            "text": filler(22, 2) + " " + shared + ". " + filler(23, 2),
            "published": "2024-01-05",
        },
        {"id": "c-other", "site": "c.example", "text": filler(24, 6), "published": "2024-01-06"},
    ]
    if extra:  # rows that will be deleted before the reuse stage, moving the others' row ids
        rows = [
            {"id": f"0-gone{k}", "site": "z.example", "text": filler(300 + k, 3)} for k in range(50)
        ] + rows
    return rows


def test_texts_read_by_row_id_after_deletes_and_checkpoint(tmp_path: Path) -> None:
    settings = Settings(progress=False, workers=1)
    plain = Store(str(tmp_path / "plain.duckdb"))
    add_articles(plain, _rows(False))
    run_reuse(plain, settings)

    moved = Store(str(tmp_path / "moved.duckdb"))
    add_articles(moved, _rows(True))
    moved.con.execute("DELETE FROM articles WHERE article_id LIKE '0-gone%'")
    moved.con.execute("CHECKPOINT")
    run_reuse(moved, settings)

    sql = "SELECT article_a, a_start, a_end, article_b, b_start, b_end FROM alignments ORDER BY ALL"
    got = moved.con.execute(sql).fetchall()
    assert got == plain.con.execute(sql).fetchall()
    assert [tuple(sorted((r[0], r[3]))) for r in got] == [("a-src", "b-copy")]
