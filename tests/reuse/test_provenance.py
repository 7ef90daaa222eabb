"""Reprint parents with known truth: the parent named for each reprint, and the reason.

Each test writes a small corpus whose history is known (who copied whom, when), runs the reuse
stage on it and checks the conclusion a journalist would publish: the parent of each reprint
(``copied_from_article``) and ``parent_reason``. The texts are invented pseudo-word paragraphs
(:mod:`tests.reuse.texts`), so nothing is shared by chance.
"""

from __future__ import annotations

import json
from typing import Any

from copytrail.reuse.export import reuse_table
from copytrail.reuse.families import Family, Link, Witness
from copytrail.reuse.provenance import Dated, trace
from copytrail.reuse.stage import run_reuse
from copytrail.settings import Settings
from copytrail.store import Store

from .texts import filler, passage

COLUMNS = "article_id, page_id, url, site, page_type, published, published_source, text"


def para(seed: int, words: int = 30) -> str:
    return passage(seed, words) + "."


def edited(text: str, *swaps: tuple[str, str]) -> str:
    for old, new in swaps:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def run(
    store: Store, settings: Settings, rows: list[tuple[str, str, str | None, str]]
) -> dict[str, Any]:
    """Articles (id, site, published, text) in; each article's witnesses out, by article id.

    A published date ending in ``~crawl`` is stored as a crawl date (the latest possible date).
    """
    with store.transaction():
        for aid, site, published, text in rows:
            source = None
            if published and published.endswith("~crawl"):
                published, source = published.removesuffix("~crawl"), "crawl"
            elif published:
                source = "meta"
            store.con.execute(
                f"INSERT INTO articles ({COLUMNS}) VALUES (?, ?, ?, ?, 'article', ?, ?, ?)",
                [aid, "p-" + aid, f"https://{site}/{aid}", site, published, source, text],
            )
    run_reuse(store, settings)
    out: dict[str, Any] = {}
    for r in (
        store.con.sql(
            """SELECT article_id, start, "end", copied_from_article, parent_reason, copy_coverage,
        parent_parts, earliest, date_status, family_id FROM passages ORDER BY article_id, start"""
        )
        .to_arrow_table()
        .to_pylist()
    ):
        out.setdefault(r["article_id"], []).append(r)
    return out


def one(witnesses: dict[str, Any], article: str) -> dict[str, Any]:
    (w,) = witnesses[article]
    return w  # type: ignore[no-any-return]


def test_excerpt_published_before_the_original_is_not_the_parent(
    store: Store, settings: Settings
) -> None:
    body = [para(10 + k) for k in range(5)]
    full = " ".join(body)
    ws = run(
        store,
        settings,
        [
            ("teaser", "chat.example", "2024-05-02T08:00:00+00:00", f"{body[1]} {filler(1, 1)}"),
            ("original", "keepers.example", "2024-05-02T10:00:00+00:00", full),
            ("herald", "herald.example", "2024-05-02T13:00:00+00:00", f"{filler(2, 2)} {full}"),
            ("post", "post.example", "2024-05-03T09:00:00+00:00", f"{full} {filler(3, 2)}"),
        ],
    )
    assert one(ws, "teaser")["earliest"] and one(ws, "teaser")["parent_reason"] == "earliest"
    # the full text is not a copy of its own teaser
    assert one(ws, "original")["copied_from_article"] is None
    assert one(ws, "original")["parent_reason"] == "excerpt-earlier"
    herald = one(ws, "herald")
    assert (herald["copied_from_article"], herald["parent_reason"]) == ("original", "coverage")
    assert herald["copy_coverage"] >= 0.95
    # the original and the Herald hold the whole text verbatim: the earlier one wins
    post = one(ws, "post")
    assert (post["copied_from_article"], post["parent_reason"]) == (
        "original",
        "tie-broken-by-date",
    )


def test_a_paragraph_added_in_the_middle_of_a_chain_makes_that_witness_the_parent(
    store: Store, settings: Settings
) -> None:
    body = [para(20 + k) for k in range(4)]
    added = para(29)
    ws = run(
        store,
        settings,
        [
            ("orig", "a.example", "2024-03-01", " ".join(body)),
            ("middle", "b.example", "2024-03-02", " ".join(body[:2] + [added] + body[2:])),
            ("late", "c.example", "2024-03-04", " ".join(body[:2] + [added] + body[2:])),
            ("plain", "d.example", "2024-03-05", " ".join(body)),
        ],
    )
    assert one(ws, "middle")["copied_from_article"] == "orig"
    late = one(ws, "late")
    assert (late["copied_from_article"], late["parent_reason"]) == ("middle", "coverage")
    assert one(ws, "middle")["copy_coverage"] < 0.85  # the added paragraph is not the original's
    # both hold all of a reprint without the added paragraph, word for word: the earlier wins
    plain = one(ws, "plain")
    assert (plain["copied_from_article"], plain["parent_reason"]) == ("orig", "tie-broken-by-date")


def test_a_credit_line_two_reprints_add_alike_does_not_make_a_chain(
    store: Store, settings: Settings
) -> None:
    # both papers print the agency's story under the same short credit line: the later one
    # shares that line with the earlier paper only, but a line is no paragraph a middle
    # witness added (the chain test above): the later paper's source is still the agency
    body = " ".join(para(60 + k) for k in range(4))
    credit = "This story was first published by the Dasht news agency."
    ws = run(
        store,
        settings,
        [
            ("wire", "agency.example", "2024-06-01T08:00:00+00:00", body),
            ("first", "b.example", "2024-06-02T09:00:00+00:00", f"{credit} {body}"),
            ("second", "c.example", "2024-06-04T09:00:00+00:00", f"{credit} {body}"),
        ],
    )
    assert one(ws, "first")["copied_from_article"] == "wire"
    second = one(ws, "second")
    assert (second["copied_from_article"], second["parent_reason"]) == (
        "wire",
        "tie-broken-by-date",
    )


def test_an_edit_shared_with_a_middle_witness_makes_it_the_parent(
    store: Store, settings: Settings
) -> None:
    text = " ".join(para(40 + k) for k in range(4))
    words = text.split()
    swaps = [(words[i], "zazazu" + str(i)) for i in (33, 64, 95)]
    ws = run(
        store,
        settings,
        [
            ("orig", "a.example", "2024-03-01", text),
            ("middle", "b.example", "2024-03-02", edited(text, *swaps)),
            ("late", "c.example", "2024-03-03", edited(text, *swaps)),
        ],
    )
    late = one(ws, "late")
    assert (late["copied_from_article"], late["parent_reason"]) == ("middle", "similarity")


def test_composite_reprint_parts_have_their_own_parents(store: Store, settings: Settings) -> None:
    a, b, c, d, e = (para(50 + k) for k in range(5))
    x, y = para(60), para(61)
    ws = run(
        store,
        settings,
        [
            # two separate originals copied side by side: two witnesses, one parent each
            ("first", "one.example", "2024-04-01", f"{filler(5)} {x} {filler(6)}"),
            ("second", "two.example", "2024-04-02", f"{filler(7)} {y} {filler(8)}"),
            ("roundup", "three.example", "2024-04-05", f"{x} {y}"),
            # overlapping sources: 'quoting' copies c and adds d e; 'merged' holds all five
            ("source", "four.example", "2024-04-01", f"{a} {b} {c}"),
            ("quoting", "five.example", "2024-04-02", f"{c} {d} {e}"),
            ("merged", "six.example", "2024-04-06", f"{a} {b} {c} {d} {e}"),
        ],
    )
    assert sorted(w["copied_from_article"] for w in ws["roundup"]) == ["first", "second"]
    merged = one(ws, "merged")
    assert merged["parent_reason"] == "composite" and merged["copied_from_article"] == "source"
    parts = json.loads(merged["parent_parts"])
    text = f"{a} {b} {c} {d} {e}"
    got = [(p["article"], text[p["start"] : p["end"]]) for p in parts]
    assert got[0][0] == "source" and got[0][1].startswith(a[:20]) and c[-20:-1] in got[0][1]
    assert got[1][0] == "quoting" and d[:20] in got[1][1] and got[1][1].endswith(e[-20:-1])
    # the export has one row per part, each naming its own parent
    rows = [
        r for r in reuse_table(store, "passage-parents").to_pylist() if r["article"] == "merged"
    ]
    assert [(r["parent_article"], r["start"], r["end"]) for r in rows] == [
        (p["article"], p["start"], p["end"]) for p in parts
    ]
    edges = {(r["src_site"], r["dst_site"]) for r in reuse_table(store, "site-edges").to_pylist()}
    assert {("four.example", "six.example"), ("five.example", "six.example")} <= edges


def test_undated_reprints_are_flagged_and_never_displace_a_dated_original(
    store: Store, settings: Settings
) -> None:
    text = " ".join(para(70 + k) for k in range(4))
    words = text.split()
    swaps = [(words[i], "vovoka" + str(i)) for i in (20, 50, 80)]
    ws = run(
        store,
        settings,
        [
            ("orig", "a.example", "2024-06-01T09:00:00+00:00", text),
            # no date at all, with edits a later dated reprint shares: still not its parent
            ("nodate", "b.example", None, edited(text, *swaps)),
            ("later", "c.example", "2024-06-03T09:00:00+00:00", edited(text, *swaps)),
        ],
    )
    nodate = one(ws, "nodate")
    assert nodate["date_status"] == "missing" and not nodate["earliest"]
    assert nodate["copied_from_article"] == "later"  # anything dated may be earlier: the closest
    later = one(ws, "later")
    assert (later["copied_from_article"], later["parent_reason"]) == ("orig", "only-candidate")
    assert [a for a, w in ws.items() if w[0]["earliest"]] == ["orig"]


def test_a_crawl_date_is_the_latest_possible_date(store: Store, settings: Settings) -> None:
    text = " ".join(para(75 + k) for k in range(4))
    ws = run(
        store,
        settings,
        [
            ("orig", "a.example", "2024-06-01T09:00:00+00:00", text),
            # known only by its crawl date, after the original: a copy of it, flagged
            ("crawled", "d.example", "2024-06-02T00:00:00+00:00~crawl", text),
            # as close to both: the dated original wins over the page only known to exist
            ("last", "e.example", "2024-06-04T09:00:00+00:00", text),
        ],
    )
    crawled = one(ws, "crawled")
    assert (crawled["copied_from_article"], crawled["date_status"]) == ("orig", "crawl")
    last = one(ws, "last")
    assert (last["copied_from_article"], last["parent_reason"]) == ("orig", "dated-over-undated")
    assert [a for a, w in ws.items() if w[0]["earliest"]] == ["orig"]


def test_same_day_originals_without_times_are_a_tie(store: Store, settings: Settings) -> None:
    text = " ".join(para(80 + k) for k in range(3))
    ws = run(
        store,
        settings,
        [
            ("one", "a.example", "2024-07-01", text),
            ("two", "b.example", "2024-07-01", text),
            ("three", "c.example", "2024-07-03", text),
        ],
    )
    for aid in ("one", "two"):
        w = one(ws, aid)
        assert (w["copied_from_article"], w["parent_reason"], w["date_status"]) == (
            None,
            "date-tie",
            "tie",
        )
    three = one(ws, "three")
    assert (
        three["copied_from_article"] in {"one", "two"}
        and three["parent_reason"] == "tie-broken-by-id"
    )


# -- the rules on hand-made families (no alignment involved) ----------------------------------


def _family(
    spans: dict[str, tuple[int, int]], links: list[tuple[str, int, int, str, int, int]]
) -> Family:
    ws = tuple(Witness(p, p.upper(), s, e) for p, (s, e) in spans.items())
    return Family("f", ws, (), (), tuple(Link(*x, 1.0) for x in links))


def test_crawl_date_before_every_published_date_makes_the_earliest() -> None:
    f = _family({"u": (0, 500), "d": (0, 500)}, [("u", 0, 500, "d", 0, 500)])
    fp = trace(f, {"U": Dated("2024-01-01T00:00:00", "crawl"), "D": Dated("2024-02-01", "meta")})
    assert fp.earliest_article == "U" and fp.date_status == "ok" and fp.undated == 1
    assert [w.copied_from_article for w in fp.witnesses] == [None, "U"]


def test_small_overlaps_do_not_make_a_composite() -> None:
    # 'b' covers 96 % of 'r', 'a' adds only the last 4 %: one parent, not two parts
    f = _family(
        {"a": (0, 1000), "b": (0, 1000), "r": (0, 1000)},
        [("a", 960, 1000, "r", 960, 1000), ("b", 0, 960, "r", 0, 960)],
    )
    fp = trace(f, {"A": Dated("2024-01-01"), "B": Dated("2024-01-02"), "R": Dated("2024-01-03")})
    r = fp.witnesses[2]
    assert (r.copied_from_article, r.parent_reason, r.parts) == ("B", "coverage", ())


def test_a_store_made_before_parents_by_coverage_is_upgraded(
    store: Store, settings: Settings
) -> None:
    # the passages and site_edges tables as they were, with a family built by the old rules
    store.con.execute(
        """CREATE TABLE passages (passage_id VARCHAR PRIMARY KEY, family_id VARCHAR,
        article_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, url VARCHAR, site VARCHAR,
        published VARCHAR, published_source VARCHAR, earliest BOOLEAN, copied_from_article VARCHAR,
        copied_from_passage VARCHAR, copy_similarity DOUBLE, date_status VARCHAR,
        self_reuse BOOLEAN, banal BOOLEAN)"""
    )
    store.con.execute(
        """CREATE TABLE site_edges (src_site VARCHAR, dst_site VARCHAR, families INTEGER,
        reprints INTEGER, median_lag_days DOUBLE, reprint_share DOUBLE,
        PRIMARY KEY (src_site, dst_site))"""
    )
    store.con.execute("CREATE TABLE reuse_state (key VARCHAR PRIMARY KEY, value VARCHAR)")
    store.con.execute(
        "INSERT INTO reuse_state VALUES ('families_settings', 'ngram=5 max_ngram_df=100 banal_witnesses=50')"
    )
    # a row the old rules wrote: recomputed (here: gone) once the provenance rules changed
    store.con.execute(
        "INSERT INTO passages (passage_id, family_id, article_id) VALUES ('old', 'old', 'gone')"
    )
    text = " ".join(para(90 + k) for k in range(3))
    ws = run(
        store,
        settings,
        [("a", "a.example", "2024-01-01", text), ("b", "b.example", "2024-01-02", text)],
    )
    assert "gone" not in ws
    b = one(ws, "b")
    assert (b["copied_from_article"], b["parent_reason"], b["copy_coverage"]) == (
        "a",
        "only-candidate",
        1.0,
    )
    (edge,) = reuse_table(store, "site-edges").to_pylist()
    assert (edge["witnesses"], edge["family_ids"]) == (1, b["family_id"])
