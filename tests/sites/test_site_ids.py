"""Identifiers through the real ingest on a generated network scenario (:mod:`networkgen`):
recall against the truth, site_ids as the per-site summary of page_ids, incremental ingest,
removal of pages, and the backfill of a store ingested before identifiers existed."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from networkgen import write_network_corpus
from networkscore import page_paths, score_ids

from copytrail.pipeline import ingest
from copytrail.settings import Settings
from copytrail.sites.index import forget_pages
from copytrail.sites.stage import run_sites
from copytrail.store import Store

SETTINGS = Settings(workers=1, progress=False)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("networks")
    return out, write_network_corpus(out, seed=5)


@pytest.fixture(scope="module")
def full(scenario: tuple[Path, dict[str, Any]]) -> Any:
    out, _ = scenario
    store = Store(":memory:")
    ingest([str(out / "corpus")], SETTINGS, store)
    yield store
    store.close()


def _site_ids(store: Store) -> list[tuple[Any, ...]]:
    return store.con.execute("SELECT * FROM site_ids ORDER BY site, kind, value").fetchall()


def test_ingest_extracts_the_planted_identifiers(
    scenario: tuple[Path, dict[str, Any]], full: Store
) -> None:
    _, truth = scenario
    scores = score_ids(full, truth)
    assert scores["pages_found"] == scores["pages"]
    assert scores["recall"] >= 0.98, scores["misses"][:10]
    assert scores["precision"] >= 0.98, scores["misses"][:10]
    for kind, s in scores["kinds"].items():
        assert s["tp"] > 0, kind  # every kind is planted and found at least once


def _expected(
    truth: dict[str, Any], paths: dict[str, str], without: set[str] = frozenset()
) -> dict[Any, Any]:
    """site_ids as the truth says they should be: pages and first/last date per identifier."""
    dates: dict[tuple[str, str, str], list[str | None]] = defaultdict(list)
    for pid, path in paths.items():
        if pid in without:
            continue
        page = truth["pages"][path]
        for kind, value in page["ids"]:
            dates[(page["site"], kind, value)].append(page["published"])
    return {
        key: (
            len(ds),
            min((d for d in ds if d), default=None),
            max((d for d in ds if d), default=None),
        )
        for key, ds in dates.items()
    }


def _got(store: Store) -> dict[Any, Any]:
    return {(s, k, v): (n, first, last) for s, k, v, n, first, last in _site_ids(store)}


def test_site_ids_count_the_pages_and_dates_of_each_identifier(
    scenario: tuple[Path, dict[str, Any]], full: Store
) -> None:
    _, truth = scenario
    assert _got(full) == _expected(truth, page_paths(full, truth))


def test_networks_share_their_planted_accounts_and_placeholders_link_nobody(
    scenario: tuple[Path, dict[str, Any]], full: Store
) -> None:
    _, truth = scenario
    sites_of = defaultdict(set)
    for site, kind, value in full.con.execute("SELECT site, kind, value FROM site_ids").fetchall():
        sites_of[(kind, value)].add(site)
    for net in truth["networks"]:
        for kind in net.get("shares", []):
            if kind == "co-publication":
                continue
            shared = [
                key
                for key, sites in sites_of.items()
                if key[0] == kind and set(net["sites"]) <= sites
            ]
            assert shared, (net["id"], kind)
    placeholder_values = {"UA-123456", "pub-0000000000000000", "GTM-XXXXXX", "G-XXXXXXXXXX"}
    assert not {v for _, v in sites_of} & placeholder_values


def _copy_pages(src: Path, dst: Path, keep: Any) -> None:
    for f in sorted(src.rglob("*")):
        if f.is_file() and keep(f):
            target = dst / f.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, target)


def test_adding_pages_updates_site_ids_as_one_ingest_would(
    scenario: tuple[Path, dict[str, Any]], full: Store, tmp_path: Path
) -> None:
    out, truth = scenario
    early = {p for p, page in truth["pages"].items() if (page["published"] or "") < "2026-03-20"}
    part = tmp_path / "corpus"  # the same root name: the pages get the same URLs and ids
    _copy_pages(out / "corpus", part, lambda f: str(f.relative_to(out / "corpus")) in early)
    store = Store(":memory:")
    ingest([str(part)], SETTINGS, store)
    before = _site_ids(store)
    ingest([str(out / "corpus")], SETTINGS, store)
    assert before != _site_ids(store)
    assert _site_ids(store) == _site_ids(full)
    store.close()


def test_removing_pages_recomputes_what_they_touched(
    scenario: tuple[Path, dict[str, Any]], full: Store
) -> None:
    _, truth = scenario
    paths = page_paths(full, truth)
    scraper = next(d for d, s in truth["sites"].items() if s["role"] == "scraper")
    victim = sorted(
        t["pair"] for t in truth["trap_pairs"] if t["trap"] == "scraper" and scraper in t["pair"]
    )[0]
    victim_site = victim[0] if victim[1] == scraper else victim[1]
    victim_ua = next(v for k, v in truth["sites"][victim_site]["ids"] if k == "ga-ua")
    # The scraper's copies of one victim: its other copies and its own ads.txt stay.
    gone = {pid for pid, path in paths.items() if truth["pages"][path]["site"] == scraper
            and ["ga-ua", victim_ua] in truth["pages"][path]["ids"]}  # fmt: skip
    assert gone and (scraper, "ga-ua", victim_ua) in _got(full)
    before = _got(full)
    full.con.execute("BEGIN TRANSACTION")
    try:
        forget_pages(full, sorted(gone))
        after = _got(full)
    finally:
        full.con.execute("ROLLBACK")
    assert (scraper, "ga-ua", victim_ua) not in after
    assert after == _expected(truth, paths, gone)
    assert any(k[0] == scraper for k in after)  # what the other pages carry is still there
    assert _got(full) == before


def test_backfill_scans_pages_stored_before_identifiers_existed(
    scenario: tuple[Path, dict[str, Any]], full: Store, tmp_path: Path
) -> None:
    out, _ = scenario
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        ingest([str(out / "corpus")], SETTINGS, store)
        with store.transaction():
            for table in ("page_ids", "site_ids", "page_ids_state"):
                store.con.execute(f"DROP TABLE {table}")  # as a store from before
    with Store(path) as store:  # opening makes the tables again, empty
        assert store.count("site_ids") == 0
        summary = run_sites(store, SETTINGS)
        assert summary.pages_scanned == store.count("pages")
        assert _site_ids(store) == _site_ids(full)
        assert run_sites(store, SETTINGS).pages_scanned == 0  # nothing left to scan


def test_a_page_whose_extraction_fails_is_an_error_row_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copytrail.sites import index

    real = index.extract_identifiers

    def flaky(body: bytes, url: str = "") -> Any:
        if b"GTM-BROKEN1" in body:
            raise ValueError("invented failure")
        return real(body, url)

    monkeypatch.setattr(index, "extract_identifiers", flaky)
    site = tmp_path / "corpus" / "ashby-echo.news"
    site.mkdir(parents=True)
    page = "<html><head><script>('dataLayer','{gtm}');</script></head><body><p>{text}</p></body></html>"
    (site / "a.html").write_text(
        page.format(gtm="GTM-BROKEN1", text="The ferry timetable changes in May. " * 8)
    )
    (site / "b.html").write_text(
        page.format(gtm="GTM-W3RT9QA", text="The library opens a new reading room. " * 8)
    )
    with Store(":memory:") as store:
        ingest([str(tmp_path / "corpus")], SETTINGS, store)
        assert store.con.execute("SELECT kind, value, pages FROM site_ids").fetchall() == [
            ("gtm", "GTM-W3RT9QA", 1)
        ]
        rows = store.con.execute(
            "SELECT reason, location FROM errors WHERE reason = 'identifiers-failed'"
        ).fetchall()
        assert len(rows) == 1 and rows[0][1].endswith("a.html")
        assert store.count("page_ids_state") == 2  # the failed page is not rescanned forever
