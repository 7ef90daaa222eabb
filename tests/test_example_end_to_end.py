"""The whole main job on the bundled example corpus, checked against its PLANTED.json."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from copytrail.app import run_stages
from copytrail.pipeline import ingest
from copytrail.progress import Progress
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
