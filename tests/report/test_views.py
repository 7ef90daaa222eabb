"""The explorer's queries: each view's dict on a small planted store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from copytrail.report import lineage, views
from copytrail.report.wordindex import WordIndex
from copytrail.store import Store

from .corpus import RELEASE, RELEASE_EDITED, STATEMENT, Built, build_demo


@pytest.fixture
def corpus(demo: Built) -> Iterator[views.Corpus]:
    store = Store(demo.path, read_only=True)
    yield views.Corpus(store.con)
    store.close()


def test_overview_counts_timeline_and_top_lists(corpus: views.Corpus) -> None:
    o = views.overview(corpus)
    assert o["counts"]["articles"] == 8 and o["counts"]["sites"] == 5
    assert o["timeline"]["months"] == ["2024-03", "2024-04", "2024-05"]
    assert sum(sum(s["counts"]) for s in o["timeline"]["series"]) == 8
    assert [f["witnesses"] for f in o["top_passages"]] == [3, 3]
    assert o["top_reprinters"][0] == {"site": "valleywire.example", "reprints": 2, "families": 2, "articles": 2}
    assert o["conflicts"][0]["counted_key"] == "reservoir upgrade cost"
    assert sorted(w["value"] for w in o["conflicts"][0]["witnesses"]) == [4.2e6, 4.2e6, 4.5e6]
    assert o["missing"] == {}


def test_views_say_what_is_not_computed_yet(tmp_path: Path) -> None:
    built = build_demo(tmp_path / "bare.duckdb", with_reuse=False, with_claims=False)
    with Store(built.path, read_only=True) as store:
        c = views.Corpus(store.con)
        o = views.overview(c)
        assert o["missing"] == {"reuse": views.MISSING_REUSE, "claims": views.MISSING_CLAIMS}
        assert "top_passages" not in o and o["counts"]["articles"] == 8
        assert views.network(c)["missing"] == views.MISSING_REUSE
        assert views.family(c, "x")["missing"] == views.MISSING_REUSE
        assert views.claims(c) == {"missing": views.MISSING_CLAIMS}
        art = views.article(c, built.article_ids[0])
        assert art["missing"]["reuse"] == views.MISSING_REUSE
        assert "".join(s["t"] for s in art["segments"]).startswith(RELEASE)


def test_family_witnesses_in_date_order_with_diffs_and_tree(corpus: views.Corpus, demo: Built) -> None:
    f = views.family(corpus, demo.family_ids[0])
    ws = f["witnesses"]
    assert [w["published"] for w in ws] == ["2024-03-04", "2024-03-05", "2024-03-09"]
    assert [w["earliest"] for w in ws] == [True, False, False]
    assert ws[1]["diff"] == [["eq", RELEASE]]  # verbatim reprint: nothing changed
    changed = {op: "".join(t for o, t in ws[2]["diff"] if o == op) for op in ("ins", "del")}
    assert changed == {"ins": "said4.5", "del": "announced4.2"}
    assert "".join(t for o, t in ws[2]["diff"] if o != "del") == RELEASE_EDITED
    assert ws[0]["published_source"] == "meta"
    root = f["tree"]
    assert len(root) == 1 and root[0]["article_id"] == demo.article_ids[0]
    assert {k["article_id"] for k in root[0]["children"]} == set(demo.article_ids[1:3])
    assert views.family(corpus, "nope") == {"error": "no family nope"}


def test_article_marks_exact_spans(corpus: views.Corpus, demo: Built) -> None:
    a = views.article(corpus, demo.article_ids[1])
    text = "".join(s["t"] for s in a["segments"])
    reused = "".join(s["t"] for s in a["segments"] if ["family", demo.family_ids[0]] in s["marks"])
    assert reused == RELEASE
    figures = [s["t"] for s in a["segments"] if any(m[0] == "figure" for m in s["marks"])]
    assert figures == ["4.2 million euros"]
    assert text.startswith("From our partners.\n\n" + RELEASE)
    assert a["article"]["authors"] == ["Wire staff"]
    q = views.article(corpus, demo.article_ids[3])
    assert any(m[0] == "quote" for s in q["segments"] for m in s["marks"])
    src = views.article(corpus, demo.article_ids[2])
    assert src["article"]["source_offset"] == 1234
    assert {"source": "crawl-2.warc.gz", "offset": 98765} in src["sources"]
    assert views.article(corpus, "missing")["error"] == "no article missing"


def test_segments_clip_and_nest() -> None:
    segs = views.segments("0123456789", [(2, 6, "family", "f"), (4, 8, "figure", "c"), (9, 99, "quote", "q"), (5, 3, "x", "y")])
    assert [(s["t"], [m[0] for m in s["marks"]]) for s in segs] == [
        ("01", []), ("23", ["family"]), ("45", ["family", "figure"]), ("67", ["figure"]),
        ("8", []), ("9", ["quote"])]


def test_network_edges_and_edge_families(corpus: views.Corpus, demo: Built) -> None:
    n = views.network(corpus)
    pairs = {(e["src"], e["dst"]): e for e in n["edges"]}
    assert pairs[("rivervale-herald.example", "northgate-daily.example")]["median_lag_days"] == 5.0
    assert {x["id"] for x in n["nodes"]} == {"rivervale-herald.example", "valleywire.example",
                                            "northgate-daily.example", "citizens-voice.example"}
    assert n == views.network(corpus)  # deterministic layout
    e = views.edge_families(corpus, "citizens-voice.example", "valleywire.example")
    assert [f["family_id"] for f in e["families"]] == [demo.family_ids[1]]
    # The other direction has no family: valleywire reprinted after citizens-voice.
    assert views.edge_families(corpus, "valleywire.example", "citizens-voice.example")["families"] == []


def test_claims_figures_and_speakers(corpus: views.Corpus) -> None:
    c = views.claims(corpus)
    top = c["figures"][0]
    assert (top["counted_key"], top["mentions"], top["values"]) == ("reservoir upgrade cost", 3, 2)
    assert c["speakers"][0]["name"] == "Maria Okafor" and c["speakers"][0]["quotes"] == 2
    assert len(c["speakers"][0]["examples"]) == 2


def test_search_substring_facets_and_pages(corpus: views.Corpus) -> None:
    r = views.search(corpus, "reservoir")
    assert r["mode"] == "substring" and r["total"] == 3
    assert dict(map(tuple, r["facets"]["tag"]))["budget"] == 1
    r2 = views.search(corpus, "reservoir", {"tag": "budget"})
    assert [x["title"] for x in r2["results"]] == ["Reservoir bill rises"]
    assert views.search(corpus, "", {"language": "de"})["total"] == 1
    assert views.search(corpus, "", {"since": "2024-04-01", "until": "2024-04"})["total"] == 3
    assert views.search(corpus, "", {"author": "Ann Reed"})["total"] == 2
    p1 = views.search(corpus, "", per_page=3)
    p3 = views.search(corpus, "", page=3, per_page=3)
    assert p1["pages"] == 3 and len(p3["results"]) == 2 and p3["total"] == 8
    ids = [x["article_id"] for p in (1, 2, 3) for x in views.search(corpus, "", page=p, per_page=3)["results"]]
    assert len(set(ids)) == 8
    # LIKE wildcards typed by the user are literal characters.
    assert views.search(corpus, "%")["total"] == 0 and views.search(corpus, "_")["total"] == 0
    assert views.search(corpus, "RESERVOIR bill")["total"] == 1
    assert views.search(corpus, "", page=99)["results"] == []


def test_subset_restricts_every_view(corpus: views.Corpus) -> None:
    sub = views.Subset(site="valleywire.example")
    assert views.overview(corpus, sub)["counts"]["articles"] == 2
    assert all(e["src"] == sub.site or e["dst"] == sub.site for e in views.network(corpus, sub)["edges"])
    assert views.search(corpus, "", subset=views.Subset(since="2024-05-01"))["total"] == 2


def test_renamed_reuse_columns_are_resolved() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE passages (passage_id VARCHAR, family_id VARCHAR, article_id VARCHAR, start_char INT, end_char INT, is_earliest BOOLEAN)")
    c = views.Corpus(con)
    cols = c.cols["passages"]
    assert cols["start"] == 'passages."start_char"' and cols["earliest"] == 'passages."is_earliest"'
    assert cols["copied_from"] == "NULL" and not cols.has("banal")


def test_word_diff_round_trips() -> None:
    old, new = STATEMENT, STATEMENT.replace("300", "three hundred") + " Extra."
    d = lineage.word_diff(old, new)
    assert "".join(t for o, t in d if o != "del") == new
    assert "".join(t for o, t in d if o != "ins") == old


def test_word_index_search_agrees_with_the_text(corpus: views.Corpus) -> None:
    index = WordIndex.build(corpus.con)
    assert index.postings > 100
    for q, filters in (("reservoir", {}), ("RESERVOIR bill", {}), ("river", {"tag": "river"}),
                       ("marktplatz", {}), ("volunteer", {}), ("4", {})):
        r = views.search(corpus, q, filters, index=index)
        assert r["mode"] == "words"
        texts = {a: (t or "") + " " + (x or "") for a, t, x in corpus.con.execute(
            "SELECT article_id, title, text FROM articles").fetchall()}
        want = {a for a, t in texts.items()
                if all(w in re.findall(r"[^\W_]+", t.lower()) for w in q.lower().split())
                and (not filters or a in {x["article_id"] for x in views.search(corpus, "", filters)["results"]})}
        assert {x["article_id"] for x in r["results"]} == want, q
    assert views.search(corpus, "keeper", index=index)["total"] == 0  # words, not substrings
    assert views.search(corpus, "keepers", index=index)["total"] == 3
    assert views.search(corpus, "keeper")["total"] == 3  # the substring scan finds "keepers"
