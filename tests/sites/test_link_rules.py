"""The link rules on small stores written by hand (invented sites and sentences, no generator):
what each kind of evidence leads to, and that odd rows (no date, a date that is not one, a
credited URL that is not a URL) are read as missing, not a crash."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from copytrail.reuse.tables import REUSE_DDL
from copytrail.sites.networks import update_links
from copytrail.store import Store

T0 = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


class Corpus:
    """A store with articles, passages and families, and ids, as the earlier stages leave them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.ensure_tables(REUSE_DDL)
        self.n = 0
        self.families: set[str] = set()

    def copy(self, family: str, site: str, minutes: float | str | None, text: str,
             parent: str | None = None, credited_url: str | None = None) -> str:  # fmt: skip
        """One article on ``site`` carrying one passage of ``family``; returns its article id."""
        self.n += 1
        aid, pid = f"a{self.n}", f"p{self.n}"
        if isinstance(minutes, (int, float)):
            published: str | None = (T0 + timedelta(minutes=minutes)).isoformat()
        else:
            published = minutes
        extra = json.dumps({"credited_url": credited_url} if credited_url else {})
        con = self.store.con
        con.execute(
            "INSERT INTO articles (article_id, page_id, url, site, published, text, extra) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [aid, pid, f"https://{site}/{self.n}", site, published, text, extra],
        )
        con.execute(
            "INSERT INTO passages (passage_id, family_id, article_id, site, published, copied_from_article, banal, self_reuse) "
            "VALUES (?, ?, ?, ?, ?, ?, false, false)",
            [f"s{self.n}", family, aid, site, published, parent],
        )
        if family not in self.families:
            self.families.add(family)
            con.execute("INSERT INTO families (family_id, banal) VALUES (?, false)", [family])
        return aid

    def ids(self, site: str, kind: str, value: str, page: str | None = None) -> None:
        page = page or f"own-{site}"
        self.store.con.execute(
            "INSERT OR IGNORE INTO page_ids VALUES (?, ?, ?, ?, 'script')",
            [page, site, kind, value],
        )
        self.store.con.execute(
            "INSERT OR REPLACE INTO site_ids SELECT site, kind, value, count(*), NULL, NULL FROM page_ids "
            "WHERE site = ? AND kind = ? AND value = ? GROUP BY ALL",
            [site, kind, value],
        )

    def links(self) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
        update_links(self.store)
        rows = self.store.con.execute(
            "SELECT site_a, site_b, label, evidence FROM site_links"
        ).fetchall()
        return {(a, b): (label, json.loads(ev)) for a, b, label, ev in rows}


STORY = "The harbour board voted on Tuesday to close the old ferry pier for repairs until spring."


def _background(c: Corpus, k: int = 20) -> None:
    """Ordinary reprinting at ordinary lags (hours to days), so the window has a slow mode."""
    for i in range(k):
        a = c.copy(f"bg{i}", f"paper{i}.example", 60 * 24 * i, f"Background story {i}.")
        c.copy(
            f"bg{i}",
            f"paper{i + 1}.example",
            60 * 24 * i + 90 + 37 * i,
            f"Background story {i}.",
            parent=a,
        )


def test_a_closed_set_publishing_together_again_and_again_is_coordination(store: Store) -> None:
    c = Corpus(store)
    _background(c)
    for story in range(3):
        at = 60 * 24 * 3 * story
        first = c.copy(f"cp{story}", "alpha.example", at, STORY)
        c.copy(f"cp{story}", "bravo.example", at + 2, STORY, parent=first)
        c.copy(f"cp{story}", "charlie.example", at + 4, STORY, parent=first)
    links = c.links()
    for pair in (
        ("alpha.example", "bravo.example"),
        ("alpha.example", "charlie.example"),
        ("bravo.example", "charlie.example"),
    ):
        label, ev = links[pair]
        assert label == "coordination", ev
        assert ev["co_publication"]["bursts"] == 3
    nets = store.con.execute(
        "SELECT list(site ORDER BY site), any_value(label) FROM networks GROUP BY network_id"
    ).fetchall()
    assert nets == [(["alpha.example", "bravo.example", "charlie.example"], "coordination")]


def test_one_shared_press_release_links_nobody(store: Store) -> None:
    c = Corpus(store)
    _background(c)
    first = c.copy("pr", "delta.example", 0, STORY)
    c.copy("pr", "echo.example", 3, STORY, parent=first)
    label, ev = c.links()[("delta.example", "echo.example")]
    assert label == "none" and ev["co_publication"]["bursts"] == 1


def test_wire_copy_by_a_dozen_outlets_within_hours_is_syndication(store: Store) -> None:
    c = Corpus(store)
    _background(c)
    outlets = [f"outlet{i}.example" for i in range(12)]
    for story in range(4):
        at = 60 * 24 * 2 * story
        wire = c.copy(f"w{story}", "wire.example", at, STORY)
        for i, o in enumerate(outlets):
            credit = (
                ("(Harbour Wire) — " + STORY)
                if i % 2
                else (STORY + "\n\nThis story first appeared on Harbour Wire.")
            )
            c.copy(f"w{story}", o, at + 1 + i, credit, parent=wire)
    links = c.links()
    assert all(
        links.get(("outlet0.example", o), ("absent",))[0] != "coordination" for o in outlets[1:]
    )
    for o in outlets:
        label, ev = links[(o, "wire.example")]
        assert label == "syndication"
        assert set(ev["copies"][f"{o} from wire.example"]["credits"]) <= {
            "wire-dateline",
            "first-appeared",
        }
    assert store.count("networks") == 0


def test_cross_domain_canonical_is_a_credit(store: Store) -> None:
    c = Corpus(store)
    first = c.copy("c", "origin.example", 0, STORY)
    c.copy(
        "c",
        "reprint.example",
        30,
        STORY,
        parent=first,
        credited_url="https://origin.example/2026/story",
    )
    label, ev = c.links()[("origin.example", "reprint.example")]
    assert label == "syndication"
    assert ev["copies"]["reprint.example from origin.example"]["credits"] == [
        "canonical:origin.example"
    ]


def test_rare_shared_account_links_and_agency_container_does_not(store: Store) -> None:
    c = Corpus(store)
    sites = [f"site{i}.example" for i in range(30)]
    for i, s in enumerate(sites):
        c.ids(s, "ga4", f"G-OWN{i}")
    c.ids("site0.example", "adsense", "pub-4417735120")
    c.ids("site1.example", "adsense", "pub-4417735120")
    for s in sites[2:11]:
        c.ids(s, "gtm", "GTM-AGENCY1")
    links = c.links()
    label, ev = links[("site0.example", "site1.example")]
    assert label == "coordination" and ev["ids"][0]["sites"] == 2
    label, ev = links[("site2.example", "site3.example")]
    assert label == "none" and ev["ids"][0]["sites"] == 9


def test_ids_only_on_copied_pages_are_the_victims(store: Store) -> None:
    c = Corpus(store)
    c.ids("victim.example", "ga-ua", "UA-5512345")
    c.ids("victim.example", "ga-ua", "UA-5512345", page="pv")
    original = c.copy("f", "victim.example", 0, STORY)
    store.con.execute("UPDATE articles SET page_id = 'pv' WHERE article_id = ?", [original])
    copied = c.copy("f", "scraper.example", 60 * 24 * 5, STORY, parent=original)
    page = store.one("SELECT page_id FROM articles WHERE article_id = ?", [copied])[0]  # type: ignore[index]
    c.ids("scraper.example", "ga-ua", "UA-5512345", page=page)
    c.ids("scraper.example", "adsense", "pub-9900112233")
    label, ev = c.links()[("scraper.example", "victim.example")]
    assert label == "none" and "ids" not in ev
    assert ev["copied_ids"] == [
        {
            "kind": "ga-ua",
            "value": "UA-5512345",
            "on": "scraper.example",
            "copied_from": "victim.example",
        }
    ]


def test_odd_rows_are_read_as_missing(store: Store) -> None:
    c = Corpus(store)
    first = c.copy("o", "one.example", "yesterday morning", STORY)
    c.copy("o", "two.example", None, STORY, parent=first, credited_url="not a url at all")
    c.copy("o", "three.example", 5, STORY, parent=first)
    links = c.links()
    label, ev = links[("one.example", "two.example")]
    assert label == "none" and ev["copies"]["two.example from one.example"]["lags_minutes"] == []
    assert "co_publication" not in links[("one.example", "three.example")][1]


def test_uncredited_copy_spreading_to_a_dozen_outlets_is_not_a_closed_set(store: Store) -> None:
    c = Corpus(store)
    _background(c)
    outlets = [f"outlet{i}.example" for i in range(12)]
    for story in range(4):
        at = 60 * 24 * 2 * story
        wire = c.copy(f"w{story}", "wire.example", at, STORY)
        for i, o in enumerate(outlets):
            c.copy(f"w{story}", o, at + 1 + i, STORY, parent=wire)  # no credit at all
    links = c.links()
    label, ev = links[("outlet0.example", "outlet1.example")]
    assert label == "none" and ev["co_publication"]["bursts"] == 4  # seen, and weighed as spread
    assert store.count("networks") == 0
