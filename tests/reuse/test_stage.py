"""The reuse stage over a store: families, provenance, banality, determinism, incremental, resume."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from copytrail.reuse import stage
from copytrail.reuse.export import reuse_table
from copytrail.reuse.stage import run_reuse
from copytrail.settings import Settings
from copytrail.store import Store

from .texts import add_articles, filler, passage

SITES = ["alpha.org", "beta.net", "gamma.com", "delta.info", "epsilon.ru", "zeta.ir"]


def corpus() -> list[dict[str, Any]]:
    """Passage P1 on five sites (dated), P2 + P3 copied into one article, self-reuse, noise."""
    p1, p2, p3, lede = passage(101, 35), passage(102, 30), passage(103, 30), passage(104, 20)
    rows = [
        {"id": f"a{k}", "site": SITES[k], "published": f"2024-05-0{k + 1}", "text": f"{filler(200 + k)} {p1}. {filler(300 + k)}"}
        for k in range(5)
    ]
    rows += [
        {"id": "s2", "site": "beta.net", "published": "2024-04-01", "text": f"{filler(400)} {p2}. {filler(401)}"},
        {"id": "s3", "site": "gamma.com", "published": "2024-04-02", "text": f"{filler(402)} {p3}. {filler(403)}"},
        {"id": "mix", "site": "zeta.ir", "published": "2024-04-10", "text": f"{p2}. {filler(404, 6)} {p3}. {filler(405)}"},
        {"id": "self", "site": "alpha.org", "published": None, "text": f"{lede}. {filler(406)} {lede}. {filler(407)}"},
        {"id": "noise", "site": "delta.info", "published": "2024-01-01", "text": filler(408, 8)},
    ]
    return rows


def families_of(store: Store) -> dict[frozenset[str], dict[str, Any]]:
    out = {}
    for f in store.con.sql("SELECT * FROM families").to_arrow_table().to_pylist():
        arts = store.con.execute(
            "SELECT list(article_id ORDER BY article_id) FROM passages WHERE family_id = ?", [f["family_id"]]
        ).fetchall()[0][0]
        out[frozenset(arts)] = f | {"article_list": arts}
    return out


def test_families_provenance_and_self_reuse(store: Store, settings: Settings) -> None:
    add_articles(store, corpus())
    summary = run_reuse(store, settings)
    assert summary.indexed == 10
    fams = families_of(store)
    five = fams[frozenset({"a0", "a1", "a2", "a3", "a4"})]
    assert five["witnesses"] == 5 and five["sites"] == 5
    assert five["earliest_article"] == "a0" and five["date_status"] == "ok"
    # the article copying from two sources belongs to two families
    assert frozenset({"s2", "mix"}) in fams and frozenset({"s3", "mix"}) in fams
    selfish = [f for f in fams.values() if f["article_list"] == ["self", "self"]]
    assert len(selfish) == 1 and selfish[0]["self_reuse"] and selfish[0]["date_status"] == "missing"
    p = reuse_table(store, "passages").to_pylist()
    by_article = {r["article"]: r for r in p if r["family"] == five["family_id"]}
    assert by_article["a0"]["earliest"] and by_article["a0"]["copied_from"] is None
    assert by_article["a3"]["copied_from"] is not None
    text = store.con.execute("SELECT text FROM articles WHERE article_id = 'a2'").fetchall()[0][0]
    assert text[by_article["a2"]["start"] : by_article["a2"]["end"]] == passage(101, 35)
    # the noise article takes part in nothing
    assert "noise" not in {r["article"] for r in p}


def test_site_edges(store: Store, settings: Settings) -> None:
    add_articles(store, corpus())
    run_reuse(store, settings)
    edges = {(r["src_site"], r["dst_site"]): r for r in reuse_table(store, "site-edges").to_pylist()}
    assert ("beta.net", "zeta.ir") in edges and ("gamma.com", "zeta.ir") in edges
    e = edges[("beta.net", "zeta.ir")]
    assert e["families"] == 1 and e["median_lag_days"] == 9
    assert e["reprint_share"] == pytest.approx(1.0)  # zeta.ir's only article is a reprint


def test_tied_and_missing_dates_are_reported(store: Store, settings: Settings) -> None:
    p = passage(110, 30)
    add_articles(
        store,
        [
            {"id": "t1", "site": "alpha.org", "published": "2024-03-01", "text": f"{filler(500)} {p}."},
            {"id": "t2", "site": "beta.net", "published": "2024-03-01", "text": f"{p}. {filler(501)}"},
            {"id": "t3", "site": "gamma.com", "published": None, "text": f"{filler(502)} {p}. {filler(503)}"},
        ],
    )
    run_reuse(store, settings)
    (fam,) = store.con.sql("SELECT * FROM families").to_arrow_table().to_pylist()
    assert fam["date_status"] == "tie" and fam["earliest_article"] is None and fam["undated"] == 1
    st = dict(store.con.execute("SELECT article_id, date_status FROM passages").fetchall())
    assert st == {"t1": "tie", "t2": "tie", "t3": "missing"}


def test_banal_passages_are_flagged(store: Store) -> None:
    share = passage(120, 20)
    rows = [{"id": f"b{k}", "site": SITES[k % 6], "published": "2024-02-02", "text": f"{filler(600 + k)} {share}."} for k in range(6)]
    add_articles(store, rows)
    run_reuse(store, Settings(progress=False, workers=1, banal_witnesses=4))
    (fam,) = store.con.execute("SELECT banal, banal_reason FROM families").fetchall()
    assert fam == (True, "witnesses")
    assert store.con.execute("SELECT bool_and(banal) FROM passages").fetchall()[0][0]
    assert store.con.execute("SELECT count(*) FROM site_edges").fetchall()[0][0] == 0


def dump(store: Store) -> dict[str, Any]:
    return {w: reuse_table(store, w).to_pylist() for w in ("passages", "families", "site-edges")}


def test_one_and_two_workers_give_identical_output(settings: Settings) -> None:
    outs = []
    for workers in (1, 2):
        s = Store(":memory:")
        add_articles(s, corpus())
        run_reuse(s, settings.replace(workers=workers))
        tables = {w: reuse_table(s, w) for w in ("passages", "families", "site-edges")}
        outs.append({w: _ipc(t) for w, t in tables.items()})
        s.close()
    assert outs[0] == outs[1]


def _ipc(t: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, t.schema) as w:
        w.write_table(t)
    return sink.getvalue().to_pybytes()


@pytest.mark.parametrize("max_df", [100, 3])
def test_incremental_equals_full_recompute(settings: Settings, max_df: int) -> None:
    # max_df=3: the five-site passage's n-grams become banal only once the second batch
    # arrives, so old pairs must be dropped again for the result to equal a full run.
    s_full, s_inc = Store(":memory:"), Store(":memory:")
    cfg = settings.replace(max_ngram_df=max_df)
    rows = corpus()
    add_articles(s_full, rows)
    run_reuse(s_full, cfg)
    first, second = rows[:3] + rows[5:7], rows[3:5] + rows[7:]
    add_articles(s_inc, first)
    run_reuse(s_inc, cfg)
    add_articles(s_inc, second)
    summary = run_reuse(s_inc, cfg)
    assert summary.indexed == len(second)
    assert dump(s_inc) == dump(s_full)
    # a rerun with nothing new does nothing
    again = run_reuse(s_inc, cfg)
    assert (again.indexed, again.pairs_queued, again.pairs_aligned) == (0, 0, 0)
    s_full.close()
    s_inc.close()


def test_changed_text_is_realigned(store: Store, settings: Settings) -> None:
    rows = corpus()
    add_articles(store, rows)
    run_reuse(store, settings)
    store.con.execute("UPDATE articles SET text = ? WHERE article_id = 'a4'", [filler(999, 6)])
    summary = run_reuse(store, settings)
    assert summary.removed == 1 and summary.indexed == 1
    fresh = Store(":memory:")
    add_articles(fresh, [r if r["id"] != "a4" else r | {"text": filler(999, 6)} for r in rows])
    run_reuse(fresh, settings)
    assert dump(store) == dump(fresh)
    fresh.close()


def test_resume_after_interrupted_alignment(store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    add_articles(store, corpus())
    monkeypatch.setattr(stage, "ALIGN_CHUNK", 2)
    calls = {"n": 0}
    real = stage.align_pairs

    def crashing(*args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("simulated crash")
        return real(*args)

    monkeypatch.setattr(stage, "align_pairs", crashing)
    with pytest.raises(KeyboardInterrupt):
        run_reuse(store, settings)
    done = store.con.execute("SELECT count(*) FROM reuse_pairs WHERE done").fetchall()[0][0]
    assert done == 4  # two committed chunks survive the crash
    monkeypatch.setattr(stage, "align_pairs", real)
    summary = run_reuse(store, settings)
    assert summary.pairs_aligned > 0
    full = Store(":memory:")
    add_articles(full, corpus())
    run_reuse(full, settings)
    assert dump(store) == dump(full)
    full.close()
