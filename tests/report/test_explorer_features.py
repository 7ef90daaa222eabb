"""Issue #11, explorer half: search syntax, family timeline, site page, compare, network
layout at scale, report metadata and the typed/attributed exports.

View functions are called directly on small planted stores (``corpus.py``); the browser side
of the same features is in ``test_explorer_browser.py``-style tests at the end of this file
(marked ``browser``). Texts are invented for the tests.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from copytrail.cli import main
from copytrail.compare import NotFound, compare_articles, resolve_article
from copytrail.export import export
from copytrail.report import build_report, views
from copytrail.report.network import LABELS, force_layout
from copytrail.report.search import parse_query
from copytrail.report.sites import site_page
from copytrail.report.wordindex import WordIndex
from copytrail.settings import Settings
from copytrail.store import Store
from copytrail.timestamps import parse_instant

from .corpus import RELEASE, RELEASE_EDITED, Built, Doc, write_store

# -- search -------------------------------------------------------------------------------------

SEWAGE = [
    Doc(
        "north.example",
        "plant",
        "Sewage plant opens",
        "2024-02-01",
        ["The new sewage plant on the east bank opened on Friday after three years of work."],
    ),
    Doc(
        "north.example",
        "budget",
        "Budget passed",
        "2024-03-15",
        ["The water board budget passed on Tuesday; the sewage upgrade gets a larger share."],
    ),
    Doc(
        "south.example",
        "board",
        "Board meets",
        "2024-03-20",
        ["Members of the water board met the mayor to discuss flood defences and the budget."],
    ),
    Doc(
        "south.example",
        "flood",
        "Flood warning",
        "2024-04-02",
        ["A flood warning was issued for the river; the board of water engineers met at dawn."],
    ),
]


@pytest.fixture(scope="module")
def sewage(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return write_store(tmp_path_factory.mktemp("sewage") / "s.duckdb", SEWAGE, [])


@pytest.fixture(scope="module", params=["substring", "words"])
def searcher(request: pytest.FixtureRequest, sewage: Built) -> Iterator[object]:
    """search(q) on the sewage store, by text scan and by the word index (same answers)."""
    store = Store(sewage.path, read_only=True)
    c = views.Corpus(store.con)
    index = WordIndex.build(store.con) if request.param == "words" else None
    meta = views.Corpus(index.corpus_connection()) if index else c

    def run(q: str, filters: dict[str, str] | None = None) -> dict:
        r = views.search(meta, q, filters, index=index, store=c)
        assert r["mode"] in (request.param, "url")
        return r

    yield run
    if index:
        index.close()
    store.close()


def titles(r: dict) -> set[str]:
    return {x["title"] for x in r["results"]}


def test_exclusion_leaves_out_every_page_with_the_word(searcher) -> None:  # type: ignore[no-untyped-def]
    assert titles(searcher("-sewage")) == {"Board meets", "Flood warning"}
    assert titles(searcher("water -sewage")) == {"Board meets", "Flood warning"}
    assert titles(searcher("budget -sewage")) == {"Board meets"}
    # A whole word: "sew" is not excluded by -sewage's neighbours, and -sew excludes nothing.
    assert len(searcher("-sew")["results"]) == 4


def test_phrase_needs_the_words_together_and_in_order(searcher) -> None:  # type: ignore[no-untyped-def]
    assert titles(searcher('"water board"')) == {"Budget passed", "Board meets"}
    assert titles(searcher('"board of water"')) == {"Flood warning"}
    assert titles(searcher('"water board" -"sewage upgrade"')) == {"Board meets"}
    assert searcher('"board water"')["total"] == 0


def test_site_and_date_filters_in_the_query(searcher) -> None:  # type: ignore[no-untyped-def]
    assert titles(searcher("site:south.example")) == {"Board meets", "Flood warning"}
    assert titles(searcher("board site:north.example")) == {"Budget passed"}
    assert titles(searcher("since:2024-03 until:2024-03")) == {"Budget passed", "Board meets"}
    assert titles(searcher("since:2024-03-16")) == {"Board meets", "Flood warning"}
    assert titles(searcher("", {"until": "2024-02"})) == {"Sewage plant opens"}
    bad = searcher("since:04/01/2026")
    assert bad["total"] == 0
    assert bad["errors"] == ["since:04/01/2026 is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"]
    assert searcher("", {"until": "2024-13"})["errors"] == [
        "until:2024-13 is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
    ]


@pytest.mark.parametrize(
    "form",
    [
        "https://north.example/news/budget",
        "http://north.example/news/budget/",
        "https://www.north.example/news/budget?utm_source=feed&utm_medium=rss",
        "north.example/news/budget",
        "url:HTTPS://NORTH.example/news/budget#top",
    ],
)
def test_url_in_any_normal_form_finds_its_article(searcher, form: str) -> None:  # type: ignore[no-untyped-def]
    r = searcher(form)
    assert r["mode"] == "url" and titles(r) == {"Budget passed"}


def test_parse_query_keeps_words_phrases_exclusions_apart() -> None:
    q = parse_query('-"flood defences" mayor "east  bank" -river since:2024')
    assert (q.terms, q.phrases, q.excluded) == (
        ("mayor",),
        ("east bank",),
        ("flood defences", "river"),
    )
    assert q.filters == {"since": "2024"} and q.errors == ()


# -- family timeline ----------------------------------------------------------------------------


@pytest.fixture
def corpus(demo: Built) -> Iterator[views.Corpus]:
    store = Store(demo.path, read_only=True)
    yield views.Corpus(store.con)
    store.close()


def test_family_timeline_rows_marks_and_parent_links(corpus: views.Corpus, demo: Built) -> None:
    fam = views.family(corpus, demo.family_ids[0])
    t = fam["timeline"]
    assert t["sites"] == [
        "rivervale-herald.example",
        "valleywire.example",
        "northgate-daily.example",
    ]
    assert (t["first"], t["last"]) == ("2024-03-04", "2024-03-09")
    by_article = {m["article_id"]: m for m in t["marks"]}
    assert [by_article[a]["pos"] for a in demo.article_ids[:3]] == [0.0, 0.2, 1.0]
    assert by_article[demo.article_ids[0]]["earliest"]
    # Both reprints were copied from the earliest witness: two links from it.
    pid = {m["article_id"]: m["passage_id"] for m in t["marks"]}
    assert sorted(t["links"]) == sorted(
        [
            [pid[demo.article_ids[0]], pid[demo.article_ids[1]]],
            [pid[demo.article_ids[0]], pid[demo.article_ids[2]]],
        ]
    )
    assert [k["label"] for k in t["ticks"]][0] == "2024-03-04" and t["ticks"][-1]["pos"] == 1.0


def test_undated_witness_is_placed_apart_not_guessed(tmp_path: Path) -> None:
    docs = [
        Doc("a.example", "one", "One", "2024-05-01", [RELEASE]),
        Doc("b.example", "two", "Two", None, [RELEASE]),
        Doc("c.example", "three", "Three", "2024-05-03", [RELEASE]),
    ]
    built = write_store(tmp_path / "u.duckdb", docs, [[(0, RELEASE), (1, RELEASE), (2, RELEASE)]])
    with Store(built.path, read_only=True) as store:
        t = views.family(views.Corpus(store.con), built.family_ids[0])["timeline"]
    pos = {m["site"]: m["pos"] for m in t["marks"]}
    assert pos == {"a.example": 0.0, "b.example": None, "c.example": 1.0}
    assert t["undated"] == 1 and t["sites"][-1] == "b.example"


# -- site page ----------------------------------------------------------------------------------


def test_site_page_says_whom_it_reprints_and_who_reprints_it(
    corpus: views.Corpus, demo: Built
) -> None:
    wire = site_page(corpus, "valleywire.example")
    assert {e["src"] for e in wire["reprints_from"]} == {
        "rivervale-herald.example",
        "citizens-voice.example",
    }
    assert wire["reprinted_by"] == []
    assert wire["counts"] == {"articles": 2, "first": "2024-03-05", "last": "2024-04-09"}
    assert [f["origin"] for f in wire["families"]] == [False, False]
    herald = site_page(corpus, "rivervale-herald.example")
    assert {e["dst"] for e in herald["reprinted_by"]} == {
        "valleywire.example",
        "northgate-daily.example",
    }
    lag = {e["dst"]: e["median_lag_days"] for e in herald["reprinted_by"]}
    assert lag == {"valleywire.example": 1.0, "northgate-daily.example": 5.0}
    origin = {f["family_id"]: f["origin"] for f in herald["families"]}
    assert origin[demo.family_ids[0]] is True and origin[demo.family_ids[1]] is False
    assert [a["title"] for a in herald["articles"]] == [
        "Weekend clean-up on the river",
        "Reservoir upgrade to cost 4.2 million",
    ]
    assert site_page(corpus, "nowhere.example") == {"error": "no site nowhere.example"}


# -- compare ------------------------------------------------------------------------------------


def test_compare_aligns_two_urls_without_a_stored_alignment(
    corpus: views.Corpus, demo: Built
) -> None:
    assert corpus.scalar("SELECT count(*) FROM alignments") == 0  # aligned on the fly
    r = compare_articles(
        corpus.con,
        "http://www.rivervale-herald.example/news/reservoir-upgrade/",
        "https://northgate-daily.example/news/reservoir-cost?utm_source=x",
        Settings(min_passage_words=10),
    )
    assert (r["a"]["article_id"], r["b"]["article_id"]) == (
        demo.article_ids[0],
        demo.article_ids[2],
    )
    shared = [row for row in r["rows"] if row["kind"] == "shared"]
    assert len(shared) == 1
    (a0, a1), (b0, b1) = shared[0]["a_span"], shared[0]["b_span"]
    # Both bounds of the shared passage, on both sides (the final full stop ends the sentence).
    assert (a0, a1) == (0, len(RELEASE) - 1) and (b0, b1) == (0, len(RELEASE_EDITED) - 1)
    assert [t for op, t in shared[0]["a"] if op == "del"] == ["announced", "4.2"]
    assert [t for op, t in shared[0]["b"] if op == "ins"] == ["said", "4.5"]
    assert "".join(t for _, t in shared[0]["b"]) == RELEASE_EDITED[b0:b1]
    # Unaligned text follows as a gap row on each side.
    assert r["rows"][-1]["kind"] == "gap" and "council" in r["rows"][-1]["a"][0][1]
    with pytest.raises(NotFound, match="nowhere.example"):
        compare_articles(corpus.con, "https://nowhere.example/x", demo.article_ids[0])
    assert resolve_article(corpus.con, demo.article_ids[3][:8]) == demo.article_ids[3]


def test_compare_command_prints_changed_words_and_exits_2_when_missing(demo: Built) -> None:
    runner = CliRunner()
    ok = runner.invoke(
        main,
        [
            "compare",
            "--store",
            demo.path,
            "rivervale-herald.example/news/reservoir-upgrade",
            "https://northgate-daily.example/news/reservoir-cost/",
        ],
    )
    assert ok.exit_code == 0, ok.output
    assert "[-announced-]" in ok.output and "{+said+}" in ok.output and "{+4.5+}" in ok.output
    missing = runner.invoke(
        main, ["compare", "--store", demo.path, "https://nowhere.example/a", "x"]
    )
    assert missing.exit_code == 2 and "no article at 'https://nowhere.example/a'" in missing.output


# -- network ------------------------------------------------------------------------------------


def big_network(n: int = 300) -> tuple[list[str], list[tuple[str, str, float]]]:
    """n sites in communities of 10 (a ring of reprints inside each, one edge between)."""
    sites = [f"site{i:03d}.example" for i in range(n)]
    edges = []
    for i in range(n):
        group = i // 10 * 10
        edges.append((sites[i], sites[group + (i + 1) % 10], float(1 + i * 7 % 5)))
        if i % 10 == 0:
            edges.append((sites[i], sites[(i + 10) % n], 1.0))
    return sites, edges


def test_force_layout_is_deterministic_and_spreads_300_sites() -> None:
    sites, edges = big_network()
    pos = force_layout(sites, edges)
    assert pos == force_layout(list(reversed(sites)), list(reversed(edges)))
    pts = list(pos.values())
    assert all(40 <= x <= 960 and 40 <= y <= 800 for x, y in pts)
    nearest = [min(math.dist(p, q) for q in pts if q is not p) for p in pts]
    assert min(nearest) > 8  # no site hides another (node radius is 3-10 px)
    # Communities stay together: a site is closer to its own ring than to the other sites.
    inside = [math.dist(pos[a], pos[b]) for a, b, _ in edges if a[4:6] == b[4:6]]
    everyone = [math.dist(p, q) for p in pts[:60] for q in pts[:60] if p is not q]
    assert sorted(inside)[len(inside) // 2] < sorted(everyone)[len(everyone) // 2] / 2


def write_network_store(path: Path, n: int = 300) -> str:
    from copytrail.reuse.tables import REUSE_DDL

    sites, edges = big_network(n)
    with Store(str(path)) as store:
        con = store.con
        for stmt in REUSE_DDL:
            con.execute(stmt)
        con.executemany(
            "INSERT INTO articles (article_id, page_id, url, site, published, text) VALUES (?, ?, ?, ?, ?, ?)",
            [
                [f"a{i}", f"p{i}", f"https://{s}/a", s, "2024-01-01", "text"]
                for i, s in enumerate(sites)
            ],
        )
        con.executemany(
            """INSERT INTO site_edges (src_site, dst_site, families, reprints, median_lag_days,
                   reprint_share) VALUES (?, ?, ?, ?, 1.0, 0.5)""",
            [[a, b, int(w), int(w)] for a, b, w in edges],
        )
    return str(path)


def test_network_view_filters_by_edge_weight_and_labels_the_busiest(tmp_path: Path) -> None:
    path = write_network_store(tmp_path / "net.duckdb")
    with Store(path, read_only=True) as store:
        c = views.Corpus(store.con)
        full = views.network(c)
        assert len(full["nodes"]) == 300
        labelled = [n for n in full["nodes"] if n["label"]]
        assert 20 <= len(labelled) <= LABELS
        # Labels go to the busiest sites first; one that would overlap another is skipped.
        top = sorted(full["nodes"], key=lambda n: (-n["degree"], n["id"]))
        assert top[0]["label"] and all(n["degree"] >= top[-1]["degree"] for n in labelled)
        for i, a in enumerate(labelled):
            for b in labelled[i + 1 :]:
                wide = 0.62 * 13 * (len(a["id"]) + len(b["id"])) / 2 + 4
                assert abs(a["x"] - b["x"]) >= wide or abs(a["y"] - b["y"]) >= 1.9 * 13, (a, b)
        heavy = views.network(c, min_families=4)
        assert heavy["edges"] and all(e["families"] >= 4 for e in heavy["edges"])
        assert {n["id"] for n in heavy["nodes"]} == {e["src"] for e in heavy["edges"]} | {
            e["dst"] for e in heavy["edges"]
        }


# -- exports ------------------------------------------------------------------------------------


def test_gexf_gives_sites_and_edges_their_attributes(demo: Built, tmp_path: Path) -> None:
    out = tmp_path / "sites.gexf"
    with Store(demo.path, read_only=True) as store:
        assert export(store, "site-edges", "gexf", out) == 4
    g = nx.read_gexf(out)
    nodes = {d["label"]: d for _, d in g.nodes(data=True)}
    herald = nodes["rivervale-herald.example"]
    assert (herald["articles"], herald["first_date"], herald["last_date"]) == (
        2,
        "2024-03-04",
        "2024-04-12",
    )
    assert (herald["families"], herald["originals"], herald["reprints"]) == (2, 1, 1)
    assert nodes["lowmoor-post.example"]["families"] == 0  # a site in no family is still a node
    label = {n: d["label"] for n, d in g.nodes(data=True)}
    edges = {(label[a], label[b]): d for a, b, d in g.edges(data=True)}
    e = edges[("rivervale-herald.example", "northgate-daily.example")]
    assert (e["families"], e["median_lag_days"], e["weight"]) == (1, 5.0, 1.0)


def test_parquet_dates_are_utc_timestamps_and_canonical_records_are_marked(tmp_path: Path) -> None:
    docs = [
        Doc("a.example", "one", "One", "2024-03-04T10:00:00+02:00", ["First text here."]),
        Doc("a.example", "two", "Two", "2024-03-04", ["Second text here."]),
        Doc("b.example", "three", "Three", "2024-03-04T23:30:00-05:00", ["Third text here."]),
        Doc("b.example", "four", "Four", "not a date", ["Fourth text here."]),
    ]
    built = write_store(tmp_path / "d.duckdb", docs, [], with_claims=False)
    with Store(built.path) as store:
        # The feed item of article "one": same URL, read from a feed.
        store.con.execute("""INSERT INTO pages (page_id, url, canonical_url, site, kind, content_hash)
                             VALUES ('feedpage', 'https://a.example/news/one', 'https://a.example/news/one',
                                     'a.example', 'feed', 'h')""")
        store.con.execute(
            """INSERT INTO articles (article_id, page_id, url, canonical_url, site, page_type,
                                 item_index, title, published, text)
                             SELECT 'feeditem', 'feedpage', url, canonical_url, site, 'article', 0,
                                    title, published, 'First' FROM articles WHERE article_id = ?""",
            [built.article_ids[0]],
        )
        export(store, "articles", "parquet", tmp_path / "a.parquet")
    t = pq.read_table(tmp_path / "a.parquet")
    assert str(t.schema.field("published").type) == "timestamp[us, tz=UTC]"
    rows = {r["title"] + ("/feed" if r["id"] == "feeditem" else ""): r for r in t.to_pylist()}
    assert rows["One"]["published"] == datetime(2024, 3, 4, 8, 0, tzinfo=UTC)
    assert rows["Two"]["published"] == datetime(2024, 3, 4, 0, 0, tzinfo=UTC)
    assert rows["Three"]["published"] == datetime(2024, 3, 5, 4, 30, tzinfo=UTC)
    assert rows["Four"]["published"] is None
    assert rows["One"]["is_canonical"] and not rows["One/feed"]["is_canonical"]
    assert rows["One/feed"]["canonical_id"] == rows["One"]["id"] == built.article_ids[0]
    assert parse_instant("2024") == datetime(2024, 1, 1, tzinfo=UTC)


# -- report metadata ----------------------------------------------------------------------------


def report_json(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="ct-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def test_report_records_date_version_settings_and_corpus(demo: Built, tmp_path: Path) -> None:
    from copytrail import __version__

    before = datetime.now(UTC).replace(microsecond=0)
    build_report(
        Settings(store=demo.path, min_passage_words=12),
        str(tmp_path / "r.html"),
        site="valleywire.example",
    )
    about = report_json(tmp_path / "r.html")["about"]
    generated = datetime.fromisoformat(about["generated"])
    assert before <= generated <= datetime.now(UTC)
    assert about["version"] == __version__ and about["settings"]["min_passage_words"] == 12
    assert about["subset_text"] == "report: site valleywire.example"
    c = about["corpus"]
    assert (c["articles"], c["sites"], c["families"], c["conflicts"]) == (8, 5, 2, 1)
    assert (c["first_date"], c["last_date"]) == ("2024-03-04", "2024-05-20")
    sites = report_json(tmp_path / "r.html")["sites"]
    assert "valleywire.example" in sites and sites["valleywire.example"]["counts"]["articles"] == 2
