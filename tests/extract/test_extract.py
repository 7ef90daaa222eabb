"""extract_page on plain text, hints, errors and pathological HTML; the helper modules."""

from __future__ import annotations

import pickle

import pytest

from copytrail.extract import extract_page
from copytrail.extract.dates import normalise_date, shown_date, url_date
from copytrail.extract.language import guess_language
from copytrail.extract.series import series_of
from copytrail.model import Article, IngestError, RawPage
from copytrail.settings import Settings

BODY = "".join(
    f"<p>Paragraph {w} of the report explains in plain words what the committee found and why "
    f"the members disagreed about the {w} recommendation.</p>"
    for w in ("one", "two", "three", "four")
)
HTML = f"<html><head><title>Committee report</title></head><body><article>{BODY}</article></body></html>"


def page(body: bytes | str, **kw: object) -> RawPage:
    data = body.encode() if isinstance(body, str) else body
    args: dict[str, object] = {
        "url": "https://news.example/report",
        "source": "x.html",
        "kind": "html",
    }
    args.update(kw)
    return RawPage(body=data, **args)  # type: ignore[arg-type]


def only(result: list[Article] | IngestError) -> Article:
    assert isinstance(result, list) and len(result) == 1, result
    return result[0]


def test_text_page_keeps_body_exactly() -> None:
    raw = "  Title line\r\n\r\nFirst block\nstill first.\n\n\n  Second block  \n"
    a = only(
        extract_page(page(raw, kind="text", content_type="text/plain", site="notes"), Settings())
    )
    assert a.text == raw and a.page_type == "text" and a.site == "notes"
    assert [raw[p.start : p.end] for p in a.paragraphs] == [
        "Title line",
        "First block\nstill first.",
        "Second block",
    ]


def test_telegram_post_takes_hints() -> None:
    hints = {
        "published": "2024-01-02T03:04:05+00:00",
        "authors": ["chan"],
        "forwarded_from": "other",
    }
    a = only(
        extract_page(page("Forwarded text.", kind="telegram", site="chan", hints=hints), Settings())
    )
    assert a.page_type == "post"
    assert (a.published, a.published_source) == ("2024-01-02T03:04:05+00:00", "telegram")
    assert a.authors == ("chan",) and a.extra["forwarded_from"] == "other"


def test_feed_hints_win_over_page_metadata() -> None:
    hints = {"published": "2020-02-02", "title": "Feed title, Part 3 of 4", "tags": ["a"]}
    html = HTML.replace(
        "<head>", '<head><meta property="article:published_time" content="2021-01-01">'
    )
    a = only(extract_page(page(html, kind="feed", hints=hints), Settings()))
    assert (a.published, a.published_source) == ("2020-02-02", "feed")
    assert (a.title, a.series, a.series_part) == ("Feed title, Part 3 of 4", "Feed title", 3)
    assert a.tags[0] == "a"


def test_crawl_date_is_the_last_resort() -> None:
    a = only(extract_page(page(HTML, fetched_at="2024-03-03T10:00:00Z"), Settings()))
    assert (a.published, a.published_source) == ("2024-03-03T10:00:00Z", "crawl")
    assert a.title == "Committee report" and len(a.paragraphs) == 4


@pytest.mark.parametrize(
    ("body", "kind", "reason"),
    [
        (b"", "html", "empty"),
        (b"   \n ", "html", "empty"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "html", "empty"),
        (b"\xff\xfe\xfa\xfb", "text", "undecodable"),
    ],
)
def test_bad_pages_are_error_values(body: bytes, kind: str, reason: str) -> None:
    result = extract_page(page(body, kind=kind), Settings())
    assert isinstance(result, IngestError) and result.reason == reason, result
    assert result.source == "x.html" and result.detail


def test_crash_inside_extraction_is_an_error_value() -> None:
    # A body of the wrong type stands in for any bug deeper down: the batch must go on.
    broken = RawPage(url="u", source="s", body=None, kind="html")  # type: ignore[arg-type]
    result = extract_page(broken, Settings())
    assert isinstance(result, IngestError) and result.reason == "extract-failed"
    assert "TypeError" in result.detail or "AttributeError" in result.detail


@pytest.mark.parametrize("depth", [1_000, 5_000, 50_000])
def test_deep_nesting_does_not_crash_or_lose_the_tail(depth: int) -> None:
    html = (
        "<html><body>" + "<div><span>" * depth + BODY + "</span></div>" * depth
        + "<p>The closing paragraph after the nest is still part of the article text here.</p>"
        "</body></html>"
    )  # fmt: skip
    a = only(extract_page(page(html), Settings().replace(max_html_depth=200)))
    assert "Paragraph four of the report" in a.text
    assert "closing paragraph after the nest" in a.text


def test_results_cross_process_boundaries() -> None:
    result = extract_page(page(HTML), Settings())
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(extract_page)) is extract_page


def test_article_with_related_posts_is_not_a_listing() -> None:
    related = "".join(
        f'<article class="post"><h3><a href="/r{i}">Related {i}</a></h3><p>Teaser {i}.</p>'
        f'<a href="/r{i}">Read more</a></article>'
        for i in range(6)
    )
    html = HTML.replace("</article>", f"</article><section class='related'>{related}</section>")
    assert only(extract_page(page(html), Settings())).page_type == "article"


def test_min_teasers_setting() -> None:
    items = "".join(
        f'<article class="post"><h2><a href="/p{i}">Post {i}</a></h2><p>Excerpt {i}.</p></article>'
        for i in range(3)
    )
    html = f"<html><body><main>{items}</main></body></html>"
    url = "https://blog.example/category/x/"
    three = extract_page(page(html, url=url), Settings().replace(min_teasers=3))
    assert isinstance(three, list) and [a.page_type for a in three] == ["teaser"] * 3
    assert three[2].links_to == "https://blog.example/p2"
    assert extract_page(page(html, url=url), Settings().replace(min_teasers=4)) != three


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Who are the X? Part 12", ("Who are the X?", 12)),
        ("Money trails, Part 3 of 5", ("Money trails", 3)),
        ("The long con (Part II)", ("The long con", 2)),
        ("Part IV: The reckoning", ("The reckoning", 4)),
        ("Spare parts for old tractors", None),
        ("Part of the plan", None),
        (None, None),
    ],
)
def test_series(title: str | None, expected: tuple[str, int] | None) -> None:
    assert series_of(title) == expected


def test_dates() -> None:
    assert normalise_date("2019-02-30") is None
    assert normalise_date("1850-01-01") is None
    assert normalise_date("2019-07-14T08:00:00") == "2019-07-14T08:00:00"
    assert url_date("https://ex.org/news/20190714/story") == "2019-07-14"
    assert url_date("https://ex.org/2019/13/40/story") is None
    assert shown_date("Posted 3rd March 2021 by Ann") == "2021-03-03"


def test_language_text_beats_template_declaration() -> None:
    text = "Le conseil a voté pour la construction du mur, et les travaux sont prévus pour le printemps."
    assert guess_language(text, declared="en-US") == "fr"
    assert guess_language("", declared="pt_BR") == "pt"
    assert guess_language("12 34") is None


def test_dek_goes_to_extra_and_heading_widgets_are_dropped() -> None:
    widget = "".join(f"<h3>Newsletter line {i}</h3>" for i in range(4))
    html = HTML.replace(
        "<article>",
        "<article><h1>Committee report</h1><h2>The committee split over two findings</h2>",
    ).replace(
        "</article>",
        f"{widget}<p>Closing words of the report, which is long enough to keep.</p></article>",
    )
    a = only(extract_page(page(html), Settings()))
    assert a.extra["lead_headings"] == ["The committee split over two findings"]
    assert a.text.startswith("Paragraph one of the report")
    assert "Newsletter line" not in a.text and "Committee report" not in a.text


def test_site_is_where_the_page_was_found() -> None:
    html = HTML.replace(
        "<head>", '<head><link rel="canonical" href="https://wire.example/story/123">'
    )
    syndicated = only(extract_page(page(html, url="https://local-paper.example/a"), Settings()))
    assert syndicated.site == "local-paper.example"
    # A cross-site canonical is the partner's credit to the original, not the reprint's identity.
    assert syndicated.canonical_url == "https://local-paper.example/a"
    assert syndicated.extra["credited_url"] == "https://wire.example/story/123"
    saved = only(extract_page(page(html, url="file:///corpus/x.html"), Settings()))
    assert saved.site == "wire.example"
    assert saved.canonical_url is None
    named = only(extract_page(page(html, url="file:///corpus/x.html", site="corpus"), Settings()))
    assert named.site == "corpus"


def test_http_charset_beats_guessing() -> None:
    para = "Café crème brûlée was served to the committee members on Tuesday afternoon. " * 4
    html = f"<html><body><article><p>{para}</p></article></body></html>".encode("latin-1")
    a = only(extract_page(page(html, content_type="text/html; charset=ISO-8859-1"), Settings()))
    assert a.text.startswith("Café crème brûlée")
    wrong = page(html, content_type="text/html; charset=utf-8")  # a lying header falls back
    assert isinstance(extract_page(wrong, Settings()), list)
