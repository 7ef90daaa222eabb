"""The whole main job on the bundled example corpus, checked against its PLANTED.json."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.panel import Panel

from copytrail.app import run_stages
from copytrail.pipeline import ingest
from copytrail.progress import Progress
from copytrail.report import views
from copytrail.reuse.render import family_view
from copytrail.settings import Settings
from copytrail.store import Store

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
PLANTED: dict[str, Any] = json.loads((CORPUS / "PLANTED.json").read_text(encoding="utf-8"))


def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(tmp_path_factory.mktemp("e2e") / "example.duckdb")
    settings = Settings(workers=1, progress=False)
    summary = ingest([str(CORPUS)], settings, s)
    assert summary.error_count == 0, summary.errors
    run_stages(s, settings, Progress(enabled=False))
    yield s
    s.close()


def _witness_urls(store: Store, family_id: str) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT url FROM passages WHERE family_id = ?", [family_id]).fetchall()}


@pytest.mark.parametrize("fam", PLANTED["reuse_families"], ids=lambda f: f["id"])
def test_planted_family_found_with_earliest_witness(store: Store, fam: dict[str, Any]) -> None:
    snippet = _norm(fam["passage"])
    rows = store.con.execute(
        "SELECT family_id, url, text, earliest FROM passages WHERE NOT banal"
    ).fetchall()
    hits = [(fid, url, e) for fid, url, text, e in rows if snippet[:80] in _norm(text)]
    assert hits, f"no passage contains the planted text of {fam['id']}"
    families = {fid for fid, _, _ in hits}
    best = max(families, key=lambda f: len(_witness_urls(store, f) & set(fam["witness_urls"])))
    assert set(fam["witness_urls"]) <= _witness_urls(store, best)
    earliest = {url for fid, url, e in hits if fid == best and e}
    assert earliest == {fam["earliest"]}


def test_short_shared_name_is_not_reuse(store: Store) -> None:
    phrase = _norm(PLANTED["not_reuse"][0]["phrase"])
    for (text,) in store.con.execute("SELECT text FROM passages").fetchall():
        assert _norm(text) != phrase


def test_self_reuse_marked(store: Store) -> None:
    url = PLANTED["self_reuse"]["url"]
    rows = store.con.execute("SELECT self_reuse FROM passages WHERE url = ?", [url]).fetchall()
    assert any(r[0] for r in rows)


def test_two_sources_article_in_two_families(store: Store) -> None:
    info = PLANTED["two_sources"]
    fams = {r[0] for r in store.con.execute(
        "SELECT DISTINCT family_id FROM passages WHERE url = ? AND NOT self_reuse", [info["url"]]).fetchall()}
    linked = set()
    for fid in fams:
        linked |= _witness_urls(store, fid)
    assert len(fams) >= 2 and set(info["sources"]) <= linked


def test_listings_split_into_teasers(store: Store) -> None:
    for listing in PLANTED["listings"]:
        rows = store.con.execute(
            "SELECT links_to FROM articles WHERE url = ? AND page_type = 'teaser' ORDER BY item_index",
            [listing["url"]],
        ).fetchall()
        assert len(rows) == listing["teasers"]
        assert {r[0] for r in rows} == set(listing["links"])


def test_series_parts(store: Store) -> None:
    for part in PLANTED["series"]["parts"]:
        row = store.one("SELECT series, series_part FROM articles WHERE url = ?", [part["url"]])
        assert row == (PLANTED["series"]["name"], part["part"])


def test_planted_conflicts_surface(store: Store) -> None:
    groups = store.con.execute(
        "SELECT conflict_id, list(DISTINCT url), list(DISTINCT value) FROM conflicts GROUP BY 1"
    ).fetchall()
    def planted(urls: list[str], vals: list[float]) -> list[str]:
        # The planted conflicts a group is: its values are theirs, two of their witnesses in it.
        return [
            c["id"] for c in PLANTED["conflicts"]
            if set(vals) == {float(v["value"]) for v in c["values"]}
            and len({v["url"] for v in c["values"]} & set(urls)) >= 2
        ]

    found = [planted(us, vals) for _, us, vals in groups]
    # Every planted conflict is found once, and nothing else is reported.
    assert sorted(i for ids in found for i in ids) == sorted(c["id"] for c in PLANTED["conflicts"])
    assert all(len(ids) == 1 for ids in found), [(g[1], g[2]) for g, ids in zip(groups, found, strict=True) if not ids]


def test_planted_quotes_have_their_speakers(store: Store) -> None:
    ok = 0
    for q in PLANTED["quotes"]:
        rows = store.con.execute(
            """SELECT speaker FROM claims WHERE kind IN ('quote', 'attribution') AND url = ?
               AND (text ILIKE ? OR sentence ILIKE ?)""",
            [q["url"], f"%{q['text'][:40]}%", f"%{q['text'][:40]}%"],
        ).fetchall()
        if any(r[0] and q["speaker"].split()[-1] in r[0] for r in rows):
            ok += 1
    assert ok >= 0.8 * len(PLANTED["quotes"]), f"{ok}/{len(PLANTED['quotes'])} quotes with the right speaker"


# -- reprint parents ---------------------------------------------------------------------------

PLANTED_PARENTS = [
    (fam, w) for fam in PLANTED["reuse_families"] for w in fam["witnesses"] if w.get("copied_from")
]


def _parents_of(store: Store, fam: dict[str, Any], url: str) -> set[str | None]:
    """Parent URLs of the witnesses of ``url`` that hold the family's planted passage."""
    snippet = _norm(fam["passage"])[:80]
    rows = store.con.execute(
        """SELECT p.text, s.url FROM passages p
        LEFT JOIN passages s ON s.passage_id = p.copied_from_passage WHERE p.url = ?""",
        [url],
    ).fetchall()
    return {src for text, src in rows if snippet in _norm(text)}


@pytest.mark.parametrize(
    ("fam", "witness"), PLANTED_PARENTS, ids=[f"{f['id']}:{w['url']}" for f, w in PLANTED_PARENTS]
)
def test_planted_parent_of_every_reprint(
    store: Store, fam: dict[str, Any], witness: dict[str, Any]
) -> None:
    assert _parents_of(store, fam, witness["url"]) == {witness["copied_from"]}


def test_excerpt_published_first_is_nobodys_parent(store: Store) -> None:
    (fam,) = [f for f in PLANTED["reuse_families"] if f["kind"] == "excerpt-before-original"]
    excerpt, original = fam["witnesses"][0]["url"], fam["witnesses"][1]["url"]
    assert _parents_of(store, fam, original) == {None}
    rows = store.con.execute(
        """SELECT count(*) FROM passages p JOIN passages s ON s.passage_id = p.copied_from_passage
        WHERE s.url = ?""",
        [excerpt],
    ).fetchall()
    assert rows[0][0] == 0


def _oped_family(store: Store) -> str:
    (fam,) = [f for f in PLANTED["reuse_families"] if f["id"] == "oped-wenlow-cannot-wait"]
    snippet = _norm(fam["passage"])[:80]
    rows = store.con.execute(
        "SELECT family_id, text FROM passages WHERE url = ?", [fam["witnesses"][0]["url"]]
    )
    (fid,) = {f for f, text in rows.fetchall() if snippet in _norm(text)}
    return str(fid)


def test_show_family_names_citizens_voice_as_the_heralds_source(store: Store) -> None:
    herald = (
        "https://rivervale-herald.example/2026/04/18/opinion-the-wenlow-cannot-wait-another-summer/"
    )
    panels = [p for p in family_view(store, _oped_family(store)).renderables if isinstance(p, Panel)]
    (panel,) = [p for p in panels if herald in str(p.title)]
    assert str(panel.subtitle).startswith("copied from citizens-voice.example (")
    console = Console(record=True, width=400)
    console.print(family_view(store, _oped_family(store)))
    assert "copied from citizens-voice.example" in console.export_text()


def test_site_edges_follow_the_real_parents(store: Store) -> None:
    edges = {
        (r[0], r[1]): r[2:]
        for r in store.con.execute(
            "SELECT src_site, dst_site, families, reprints, witnesses, median_lag_days, family_ids FROM site_edges"
        ).fetchall()
    }
    site = dict(store.con.execute("SELECT url, site FROM passages").fetchall())
    for _fam, w in PLANTED_PARENTS:
        src, dst = site[w["copied_from"]], site[w["url"]]
        assert (src, dst) in edges, (src, dst)
    # the Telegram repost of one paragraph is the source of no newspaper reprint
    assert not [e for e in edges if e[0] == "Rivervale Watch"]
    for families, reprints, witnesses, lag, family_ids in edges.values():
        assert witnesses >= reprints >= 1 and len(family_ids.split()) == families
        assert lag is None or lag >= 0


def test_explorer_family_diffs_the_herald_against_the_original(store: Store) -> None:
    fid = _oped_family(store)
    corpus = views.Corpus(store.con)
    fam = views.family(corpus, fid)
    by_passage = {w["passage_id"]: w for w in fam["witnesses"]}
    (herald,) = [w for w in fam["witnesses"] if w["site"] == "rivervale-herald.example"]
    assert by_passage[herald["parent"]]["site"] == "citizens-voice.example"
    # diffed against the op-ed, only the Herald's few edits are new (not the whole text, as
    # against the one-paragraph repost)
    added = sum(len(t) for op, t in herald["diff"] if op == "ins")
    assert 0 < added < 0.1 * len(herald["text"])
    edge = views.edge_families(corpus, "citizens-voice.example", "rivervale-herald.example")
    assert fid in {f["family_id"] for f in edge["families"]}
    net = views.network(corpus)
    assert not [e for e in net["edges"] if e["src"] == "Rivervale Watch"]
    assert all(e["family_ids"] and e["witnesses"] >= 1 for e in net["edges"])
