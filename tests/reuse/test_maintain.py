"""Incremental family maintenance equals a full recompute; components over compact arrays.

The reference is the rebuild as it was before maintenance became incremental: every alignment
grouped at once with ``build_families``, banality by DF from ``reuse_ngrams`` directly.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from copytrail.ids import stable_id
from copytrail.reuse import maintain
from copytrail.reuse.families import Aligned, SpanComponents, build_families
from copytrail.reuse.maintain import SITE_EDGES_SQL, family_rows, group, rebuild_families
from copytrail.reuse.shingles import doc_key, ngram_hashes
from copytrail.reuse.stage import run_reuse, text_hash
from copytrail.reuse.tables import REUSE_DDL
from copytrail.reuse.tokens import tokenize
from copytrail.settings import Settings
from copytrail.store import Store

from .texts import add_articles, filler, passage

ARTICLES = [f"art{k}" for k in range(8)]
SITES = ["alpha.org", "beta.net", "gamma.com"]
TEXT_LEN = 400

# -- a store driven at the level of alignments ---------------------------------------------


def new_store() -> Store:
    store = Store(":memory:")
    store.ensure_tables(REUSE_DDL)
    rows: list[dict[str, Any]] = [
        {
            "id": a,
            "site": SITES[k % 3],
            "published": f"2024-01-0{k % 4 + 1}" if k % 5 else None,
            "text": filler(k, 8),
        }
        for k, a in enumerate(ARTICLES)
    ]
    add_articles(store, rows)
    for r in rows:
        add_doc(store, r["id"], r["text"])
    return store


def add_doc(store: Store, article_id: str, text: str) -> None:
    """Index an article's n-grams the way the stage does (DF is counted over reuse_ngrams)."""
    doc = doc_key(article_id)
    grams = np.unique(ngram_hashes(tokenize(text).hashes, Settings().ngram))
    with store.transaction():
        store.con.execute(
            "INSERT INTO reuse_docs VALUES (?, ?, ?, 0, 'paired')",
            [doc, article_id, text_hash(text)],
        )
        store.con.register("_grams", pa.table({"h": grams, "doc": np.full(grams.shape[0], doc)}))
        store.con.execute("INSERT INTO reuse_ngrams SELECT h, doc FROM _grams")
        store.con.unregister("_grams")


def remove_doc(store: Store, article_id: str) -> None:
    with store.transaction():
        store.con.execute("DELETE FROM reuse_ngrams WHERE doc = ?", [doc_key(article_id)])
        store.con.execute("DELETE FROM reuse_docs WHERE article_id = ?", [article_id])


def add_alignment(
    store: Store, a: str, a_s: int, a_len: int, b: str, b_s: int, b_len: int, score: float
) -> None:
    a_e, b_e = min(TEXT_LEN, a_s + a_len), min(TEXT_LEN, b_s + b_len)
    aid = stable_id("alignment", a, a_s, a_e, b, b_s, b_e)
    store.con.execute(
        "INSERT OR IGNORE INTO alignments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 5, 5, ?, 'ngram', ?)",
        [aid, doc_key(a), doc_key(b), a, b, a_s, a_e, b_s, b_e, score, a == b],
    )


def reference(store: Store, settings: Settings) -> dict[str, set[tuple[Any, ...]]]:
    """Passages, families and site edges by the pre-incremental rule: everything at once."""
    con = store.con
    aligned = [
        Aligned(*r)
        for r in con.execute(
            "SELECT alignment_id, article_a, a_start, a_end, article_b, b_start, b_end, score FROM alignments"
        ).fetchall()
    ]
    meta = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT article_id, published, published_source, site, url, text FROM corpus_articles"
        ).fetchall()
    }
    fams, pas, _, _ = family_rows(group(aligned, meta, settings), meta, settings)
    df = dict(con.execute("SELECT h, count(*) FROM reuse_ngrams GROUP BY h").fetchall())
    for f in fams:
        grams = np.unique(ngram_hashes(tokenize(f["text"]).hashes, settings.ngram))
        frequent = [df.get(int(h), 0) > settings.max_ngram_df for h in grams]
        if not f["banal"] and frequent and sum(frequent) / len(frequent) >= 0.5:
            f["banal"], f["banal_reason"] = True, "frequent-ngrams"
    banal = {f["family_id"] for f in fams if f["banal"]}
    for p in pas:
        p["banal"] = p["family_id"] in banal
    ref = Store(":memory:")
    ref.ensure_tables(REUSE_DDL)
    ref.con.execute("ATTACH ':memory:' AS src")
    ref.con.execute("CREATE TABLE src.articles AS SELECT * FROM articles LIMIT 0")
    for table, rows in (("families", fams), ("passages", pas)):
        for r in rows:
            cols = ", ".join(f'"{c}"' for c in r)
            ref.con.execute(
                f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(r))})", list(r.values())
            )
    # site edges need the corpus' site sizes: copy corpus_articles' sites
    sizes = con.execute("SELECT article_id, site FROM corpus_articles").fetchall()
    ref.con.executemany(
        "INSERT INTO articles (article_id, page_id, site, page_type) VALUES (?, 'p', ?, 'article')",
        sizes,
    )
    ref.con.execute(SITE_EDGES_SQL)
    out = tables(ref)
    ref.close()
    return out


def tables(store: Store) -> dict[str, set[tuple[Any, ...]]]:
    return {
        t: set(store.con.execute(f"SELECT * FROM {t}").fetchall())
        for t in ("families", "passages", "site_edges")
    }


# -- the invariant ---------------------------------------------------------------------------

span = st.tuples(st.sampled_from(ARTICLES), st.integers(0, TEXT_LEN - 20), st.integers(15, 120))
op = st.one_of(
    st.tuples(st.just("add"), span, span, st.floats(0.1, 1.0)),
    st.tuples(st.just("remove"), st.integers(0, 10**6)),
    st.tuples(
        st.just("meta"),
        st.sampled_from(ARTICLES),
        st.sampled_from([None, "2023-12-31", "2024-02-01T10:00:00"]),
    ),
    st.tuples(st.just("site"), st.sampled_from(ARTICLES), st.sampled_from(SITES)),
    st.tuples(st.just("doc+"), st.sampled_from(ARTICLES), st.integers(0, 3)),
    st.tuples(st.just("doc-"), st.integers(0, 10**6)),
)


_copies = itertools.count()


def apply(store: Store, o: tuple[Any, ...], extra_docs: list[str]) -> None:
    """Apply one operation; ``extra_docs`` lists the copies added (and not removed) so far."""
    kind = o[0]
    con = store.con
    if kind == "add":
        (a, a_s, a_len), (b, b_s, b_len), score = o[1], o[2], o[3]
        add_alignment(store, a, a_s, a_len, b, b_s, b_len, round(score, 3))
    elif kind == "remove":
        ids = sorted(r[0] for r in con.execute("SELECT alignment_id FROM alignments").fetchall())
        if ids:
            con.execute("DELETE FROM alignments WHERE alignment_id = ?", [ids[o[1] % len(ids)]])
    elif kind == "meta":
        con.execute("UPDATE articles SET published = ? WHERE article_id = ?", [o[2], o[1]])
    elif kind == "site":
        con.execute("UPDATE articles SET site = ? WHERE article_id = ?", [o[2], o[1]])
    elif kind == "doc+":  # another article repeating this one's text: its n-grams' DF grows
        name = f"copy{next(_copies)}"  # copies have no alignments: only their n-grams count
        extra_docs.append(name)
        text = con.execute("SELECT text FROM articles WHERE article_id = ?", [o[1]]).fetchall()[0][
            0
        ]
        add_doc(store, name, text)
    elif kind == "doc-" and extra_docs:
        remove_doc(store, extra_docs.pop(o[1] % len(extra_docs)))


@hsettings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(batches=st.lists(st.lists(op, min_size=1, max_size=8), min_size=2, max_size=4))
def test_incremental_equals_full_recompute(batches: list[list[tuple[Any, ...]]]) -> None:
    cfg = Settings(progress=False, workers=1, max_ngram_df=1, banal_witnesses=3)
    inc, full = new_store(), new_store()
    docs_inc: list[str] = []
    docs_full: list[str] = []
    try:
        for batch in batches:
            for o in batch:
                apply(inc, o, docs_inc)
                apply(full, o, docs_full)
            rebuild_families(inc, cfg)
            rebuild_families(full, cfg, full=True)
            assert tables(inc) == tables(full)
        assert tables(inc) == reference(inc, cfg)
    finally:
        inc.close()
        full.close()


def test_banality_follows_ngram_df_both_ways() -> None:
    cfg = Settings(progress=False, workers=1, max_ngram_df=2)
    store = new_store()
    add_alignment(store, "art0", 0, 120, "art1", 200, 120, 1.0)
    add_alignment(store, "art2", 0, 120, "art3", 200, 120, 1.0)

    def reasons() -> list[Any]:
        return [
            r[0]
            for r in store.con.execute(
                "SELECT banal_reason FROM families ORDER BY banal_reason"
            ).fetchall()
        ]

    rebuild_families(store, cfg)
    assert reasons() == [None, None]
    # the family's text is its earliest witness's: art1's (art0 has no date)
    text = store.con.execute("SELECT text FROM articles WHERE article_id = 'art1'").fetchall()[0][0]
    add_doc(store, "copy1", text)
    add_doc(store, "copy2", text)  # art1's n-grams are now in 3 articles > max_ngram_df
    rebuild_families(store, cfg)
    assert reasons() == ["frequent-ngrams", None]
    assert tables(store) == reference(store, cfg)
    remove_doc(store, "copy2")
    rebuild_families(store, cfg)
    assert reasons() == [None, None]
    assert tables(store) == reference(store, cfg)
    store.close()


def test_many_chunks_and_a_settings_change(monkeypatch: pytest.MonkeyPatch) -> None:
    """Components cut into many chunks give the same tables; a new setting rebuilds everything."""
    monkeypatch.setattr(maintain, "CHUNK", 2)
    cfg = Settings(progress=False, workers=1)
    store = new_store()
    rng = random.Random(7)
    for k in range(18):  # six slots of text: spans in one slot overlap, other slots do not
        a, b = rng.sample(ARTICLES, 2)
        slot = 60 * (k % 6)
        add_alignment(
            store, a, slot + rng.randrange(0, 5), 40, b, slot + rng.randrange(0, 5), 40, 0.5
        )
    counts = rebuild_families(store, cfg)
    assert counts[0] > 3 and tables(store) == reference(store, cfg)
    tighter = cfg.replace(banal_witnesses=2)
    rebuild_families(store, tighter)
    assert tables(store) == reference(store, tighter)
    assert (
        store.con.execute(
            "SELECT count(*) FROM families WHERE banal_reason = 'witnesses'"
        ).fetchall()[0][0]
        > 0
    )
    # a call with nothing new changes nothing
    before = tables(store)
    assert rebuild_families(store, tighter)[0] == counts[0]
    assert tables(store) == before
    store.close()


def test_only_affected_families_are_regrouped() -> None:
    cfg = Settings(progress=False, workers=1)
    store = new_store()
    add_alignment(store, "art0", 0, 60, "art1", 0, 60, 1.0)
    add_alignment(store, "art2", 100, 60, "art3", 100, 60, 1.0)
    rebuild_families(store, cfg)
    con = store.con
    con.execute("CREATE TABLE seen AS SELECT rowid AS r, family_id FROM families")
    add_alignment(store, "art1", 10, 50, "art4", 0, 50, 0.9)  # joins the first family only
    rebuild_families(store, cfg)
    fams = con.execute("SELECT articles FROM families ORDER BY articles").fetchall()
    assert fams == [(2,), (3,)]
    # the untouched family's row was not rewritten
    kept = con.execute(
        "SELECT count(*) FROM families JOIN seen USING (family_id) WHERE families.rowid = seen.r"
    ).fetchall()
    assert kept == [(1,)]
    assert tables(store) == reference(store, cfg)
    store.close()


# -- components over compact arrays ------------------------------------------------------------


@hsettings(max_examples=60)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 4),
            st.integers(0, 200),
            st.integers(1, 80),
            st.integers(0, 4),
            st.integers(0, 200),
            st.integers(1, 80),
        ),
        max_size=40,
    ),
    batch=st.integers(1, 7),
)
def test_span_components_match_build_families(rows: list[tuple[int, ...]], batch: int) -> None:
    aligned = [
        Aligned(f"x{k:03d}", f"A{a}", s, s + n, f"A{b}", t, t + m, 1.0)
        for k, (a, s, n, b, t, m) in enumerate(rows)
    ]
    nodes = []
    for k, r in enumerate(aligned):
        nodes.append((int(r.article_a[1:]), r.a_start, r.a_end, 2 * k))
        nodes.append((int(r.article_b[1:]), r.b_start, r.b_end, 2 * k + 1))
    nodes.sort()
    comps = SpanComponents(len(aligned))
    for i in range(0, len(nodes), batch):  # batches cut anywhere, even inside an article
        art, s, e, node = (
            np.array(c, dtype=np.int64) for c in zip(*nodes[i : i + batch], strict=True)
        )
        comps.add_sorted(node, art, s, e)
    roots = comps.roots().tolist()
    expected = {frozenset(f.alignments) for f in build_families(aligned)}
    got: dict[int, set[str]] = {}
    for k, root in enumerate(roots):
        got.setdefault(root, set()).add(aligned[k].alignment_id)
    assert {frozenset(v) for v in got.values()} == expected


# -- through the stage: articles added, removed and edited --------------------------------------


def test_stage_add_remove_edit_equals_full(settings: Settings) -> None:
    p1, p2 = passage(801, 30), passage(802, 30)
    rows = [
        {
            "id": f"s{k}",
            "site": SITES[k % 3],
            "published": f"2024-03-0{k + 1}",
            "text": f"{filler(810 + k)} {p1 if k < 4 else p2}. {filler(820 + k)}",
        }
        for k in range(7)
    ]
    inc = Store(":memory:")
    add_articles(inc, rows[:4])
    run_reuse(inc, settings)
    add_articles(inc, rows[4:])
    run_reuse(inc, settings)
    # one article leaves, one is edited to carry the other passage
    inc.con.execute("DELETE FROM articles WHERE article_id = 's0'")
    inc.con.execute(
        "UPDATE articles SET text = ? WHERE article_id = 's1'",
        [f"{filler(830)} {p2}. {filler(831)}"],
    )
    run_reuse(inc, settings)
    full = Store(":memory:")
    add_articles(full, [r for r in rows if r["id"] != "s0"])
    full.con.execute(
        "UPDATE articles SET text = ? WHERE article_id = 's1'",
        [f"{filler(830)} {p2}. {filler(831)}"],
    )
    run_reuse(full, settings)
    assert tables(inc) == tables(full)
    arts = sorted(
        len(r[0])
        for r in inc.con.execute(
            "SELECT list(article_id) FROM passages GROUP BY family_id"
        ).fetchall()
    )
    assert arts == [2, 4]  # s2 s3 | s1 s4 s5 s6
    inc.close()
    full.close()


# -- boilerplate nested in a story: a change elsewhere decides whether the two join -----------


def test_incremental_follows_a_disclaimer_that_stops_being_boilerplate() -> None:
    """A story reprinted with its closing disclaimer is its own family while the disclaimer
    closes unrelated articles of three sites; when one of them goes (or moves to another's
    site), the disclaimer is a passage the story carries, and the two families join — the
    story's family must be regrouped although none of its alignments changed."""
    cfg = Settings(progress=False, workers=1)
    disclaimer = passage(901, 20)
    story = f"{filler(902, 10)} {disclaimer}."
    texts = {
        "orig": story,
        "reprint": story,
        **{f"u{k}": f"{filler(910 + k)} {disclaimer}." for k in range(2)},
    }
    sites = {"orig": "alpha.org", "reprint": "beta.net", "u0": "gamma.com", "u1": "delta.org"}
    rows = [
        {"id": a, "site": sites[a], "published": f"2024-05-0{k + 1}", "text": t}
        for k, (a, t) in enumerate(texts.items())
    ]

    def put(store: Store, a: str, b: str, whole: bool = False) -> None:
        sa = (0, len(texts[a])) if whole else (texts[a].index(disclaimer), len(texts[a]) - 1)
        sb = (0, len(texts[b])) if whole else (texts[b].index(disclaimer), len(texts[b]) - 1)
        aid = stable_id("alignment", a, *sa, b, *sb)
        store.con.execute(
            "INSERT OR IGNORE INTO alignments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 5, 5, 1.0, 'ngram', false)",
            [aid, doc_key(a), doc_key(b), a, b, *sa, *sb],
        )

    stores = []
    for _ in range(2):
        store = Store(":memory:")
        store.ensure_tables(REUSE_DDL)
        add_articles(store, rows)
        for r in rows:
            add_doc(store, r["id"], r["text"])
        put(store, "orig", "reprint", whole=True)
        for a, b in (("orig", "u0"), ("orig", "u1"), ("u0", "u1")):
            put(store, a, b)
        stores.append(store)
    inc, full = stores

    def check(families: int) -> None:
        rebuild_families(inc, cfg)
        rebuild_families(full, cfg, full=True)
        assert tables(inc) == tables(full) == reference(inc, cfg)
        assert inc.con.execute("SELECT count(*) FROM families").fetchall()[0][0] == families

    check(2)  # the story (orig, reprint) and the disclaimer (orig, u0, u1; banal)
    for s in stores:  # u1 moves to u0's site: the disclaimer is on two sites only
        s.con.execute("UPDATE articles SET site = 'gamma.com' WHERE article_id = 'u1'")
    check(1)
    for s in stores:
        s.con.execute("UPDATE articles SET site = 'delta.org' WHERE article_id = 'u1'")
    check(2)
    for s in stores:  # u1's alignments go: two sites again
        s.con.execute("DELETE FROM alignments WHERE article_a = 'u1' OR article_b = 'u1'")
    check(1)
    for s in stores:
        s.close()
