"""Golden files for extraction: small hand-written pages and their expected articles.

Regenerate after a deliberate change with ``UPDATE_GOLDEN=1 python -m pytest tests/extract``,
then review the diff. The facts below are checked against both the fresh extraction and the
stored golden file, so a golden regenerated from a regression still fails.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from copytrail.extract import extract_page
from copytrail.model import Article, RawPage
from copytrail.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"
FETCHED = "2024-05-01T00:00:00+00:00"

Facts = Callable[[list[dict[str, Any]]], None]


def _one_article(arts: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(arts) == 1 and arts[0]["page_type"] == "article"
    return arts[0]


def wordpress_article(arts: list[dict[str, Any]]) -> None:
    a = _one_article(arts)
    assert a["title"] == "Harbour council approves new flood wall after decade of delays"
    assert a["authors"] == ["Maria Keller"]
    assert (a["published"], a["published_source"]) == ("2023-09-14T08:12:00+00:00", "meta")
    assert a["language"] == "en" and a["site"] == "riverside-dispatch.example"
    assert a["text"].startswith("The harbour council voted seven to two")
    assert "Who pays for the wall" in a["paragraph_texts"]
    assert a["text"].endswith("published after the vote.")
    for junk in ("Share this", "Facebook", "newsletter", "All rights reserved", "Storm damage"):
        assert junk not in a["text"]


def blogger_post(arts: list[dict[str, Any]]) -> None:
    a = _one_article(arts)  # the "Popular posts" widget must not make it a listing
    assert a["title"] == "Grafting old apple varieties in late winter"
    assert a["authors"] == ["Ilse Marten"]
    assert a["published"].startswith("2022-02-2") and a["published_source"] == "text"
    assert len(a["paragraph_texts"]) == 4
    for junk in ("Popular posts", "Pressing cider", "June drop", "Thank you, this was"):
        assert junk not in a["text"]


def blogger_index(arts: list[dict[str, Any]]) -> None:
    assert [a["page_type"] for a in arts] == ["teaser"] * 4
    assert [a["item_index"] for a in arts] == [0, 1, 2, 3]
    assert arts[1]["title"] == "Frost cracks and what to do about them"
    assert arts[1]["links_to"] == "https://quietorchard.blogspot.com/2022/01/frost-cracks.html"
    assert arts[1]["published"] == "2022-01-16"
    assert arts[1]["text"].startswith("A long split in the bark")
    assert all("Read more" not in a["text"] and "Posted by" not in a["text"] for a in arts)


def tag_listing(arts: list[dict[str, Any]]) -> None:
    assert [a["page_type"] for a in arts] == ["teaser"] * 5
    assert (
        arts[0]["links_to"]
        == "https://riverside-dispatch.example/2024/03/11/ferry-timetable-changes/"
    )
    assert arts[0]["title"] == "Ferry timetable changes from April"
    assert arts[4]["published"].startswith("2024-02-12")
    assert arts[4]["text"].startswith("Hourly parking in the old town")
    assert all("Continue Reading" not in a["text"] for a in arts)


def series_part(arts: list[dict[str, Any]]) -> None:
    a = _one_article(arts)
    assert (a["series"], a["series_part"]) == ("Who are the Lindqvist Group?", 12)
    assert (a["published"], a["published_source"]) == ("2021-11-02", "meta")
    assert a["text"].startswith("Company filings show")
    assert "non-profit newsroom" not in a["text"]


def jsonld_date(arts: list[dict[str, Any]]) -> None:
    a = _one_article(arts)
    # The NewsArticle's date, not the WebPage's that comes first in the graph.
    assert (a["published"], a["published_source"]) == ("2022-12-05T06:30:00+01:00", "json-ld")
    assert a["authors"] == ["Jana Voss", "Peter Lang"]
    assert a["language"] == "de"
    assert a["paragraph_texts"][-1].startswith("Die neuen Preise gelten")


def url_date(arts: list[dict[str, Any]]) -> None:
    a = _one_article(arts)
    assert (a["published"], a["published_source"]) == ("2023-05-17", "url")
    assert len(a["paragraph_texts"]) == 3


def deep_nested(arts: list[dict[str, Any]]) -> None:
    a = _one_article(arts)
    assert a["paragraph_texts"][0].startswith("The central library will stay open")
    # The paragraph after the 900 unclosed-then-closed wrappers survives flattening.
    assert a["paragraph_texts"][-1].startswith("Security staff will be on duty")
    assert (a["published"], a["published_source"]) == (FETCHED, "crawl")


CASES: dict[str, tuple[str, Facts]] = {
    "wordpress_article": ("https://riverside-dispatch.example/2023/09/harbour-council-flood-wall/", wordpress_article),
    "blogger_post": ("https://quietorchard.blogspot.com/2022/02/grafting-old-apple-varieties.html", blogger_post),
    "blogger_index": ("https://quietorchard.blogspot.com/", blogger_index),
    "tag_listing": ("https://riverside-dispatch.example/tag/transport/", tag_listing),
    "series_part": ("https://openledger.example/investigations/lindqvist-group-part-12", series_part),
    "jsonld_date": ("https://nordkurier-beispiel.example/wirtschaft/fernwaerme-preis", jsonld_date),
    "url_date": ("https://marsh-news.example/2023/05/17/nesting-count/", url_date),
    "deep_nested": ("https://citylib.example/news/opening-hours", deep_nested),
}  # fmt: skip


def as_json(article: Article) -> dict[str, Any]:
    d = dataclasses.asdict(article)
    d["paragraphs"] = [[p.start, p.end, p.kind] for p in article.paragraphs]
    # Redundant with text + offsets, but it makes golden diffs readable.
    d["paragraph_texts"] = [article.text[p.start : p.end] for p in article.paragraphs]
    return json.loads(json.dumps(d, ensure_ascii=False))


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    url, facts = CASES[name]
    page = RawPage(
        url=url,
        source=f"{name}.html",
        body=(FIXTURES / f"{name}.html").read_bytes(),
        kind="html",
        fetched_at=FETCHED,
    )
    result = extract_page(page, Settings())
    assert isinstance(result, list), result
    got = [as_json(a) for a in result]
    for a in got:
        assert a["paragraph_texts"] == [a["text"][s:e] for s, e, _ in a["paragraphs"]]
    golden = FIXTURES / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    facts(expected)  # the stored golden is reviewed: it must hold the facts ...
    facts(got)  # ... and so must today's extraction,
    assert got == expected  # which must not drift from it unnoticed.


def test_every_fixture_has_a_case() -> None:
    assert {p.stem for p in FIXTURES.glob("*.html")} == set(CASES)
