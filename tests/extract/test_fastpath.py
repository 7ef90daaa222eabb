"""copytrail's own fast extraction path: taken on pages with one clear body, refused otherwise.

Every page here is invented for the test. The conclusions checked are the article text the
whole extraction gives (and which extractor produced it), not a container score.
"""

from __future__ import annotations

from copytrail.extract import extract_page
from copytrail.extract.fastpath import fast_main_text
from copytrail.extract.tree import parse_html
from copytrail.model import Article, RawPage
from copytrail.settings import Settings

BODY = [
    "The river authority opened the new sluice gates on Tuesday after three years of work.",
    "Engineers said the gates can hold back a surge a metre higher than the old ones could.",
    "Residents of the lower town, flooded twice in a decade, gathered on the bank to watch.",
    "The project cost less than planned because the old foundations could be used again.",
    "A second phase, upstream, is due to start next spring once the permits are granted.",
]
QUOTE = "We have waited a long time for this day, and the whole valley feels safer for it."
ITEMS = ["Gates rebuilt on the old foundations below the mill", "Upstream phase planned for spring"]


def _page(inner: str, head: str = "<title>Sluice gates open</title>") -> RawPage:
    html = f"<html><head>{head}</head><body>{inner}</body></html>"
    return RawPage(
        url="https://valley-news.example/gates", source="t", body=html.encode(), kind="html"
    )


def _article_html(extra_inside: str = "", extra_outside: str = "") -> str:
    paras = "".join(f"<p>{t}</p>" for t in BODY[:3])
    rest = "".join(f"<p>{t}</p>" for t in BODY[3:])
    return (
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        "<main><article><h1>Sluice gates open</h1>"
        f"{paras}<h2>What comes next</h2><blockquote><p>{QUOTE}</p></blockquote>"
        f"<ul>{''.join(f'<li>{t}</li>' for t in ITEMS)}</ul>{rest}"
        "<figure><img src='g.jpg'><figcaption>The gates at dawn, seen from the bridge "
        "on the east bank of the river.</figcaption></figure>"
        "<div class='share-buttons'><p>Share this article with your friends and family "
        "on every network you use.</p></div>"
        f"{extra_inside}</article></main>{extra_outside}"
        "<footer><p>All rights reserved by the publisher of this fictional valley paper.</p>"
        "</footer>"
    )


def _one(page: RawPage) -> Article:
    arts = extract_page(page, Settings())
    assert isinstance(arts, list) and len(arts) == 1
    return arts[0]


def test_clear_article_is_read_by_the_fast_path_with_every_block_in_order() -> None:
    page = _page(_article_html())
    parts = fast_main_text(parse_html(page.body, 500))
    assert parts is not None  # one clear body: trafilatura is not needed
    kinds = [k for k, _ in parts]
    assert kinds == ["h", "p", "p", "p", "h", "quote", "li", "li", "p", "p"]
    text = _one(page).text
    # The whole body in document order; the title heading is a field, not text.
    expected = [*BODY[:3], "What comes next", QUOTE, *ITEMS, *BODY[3:]]
    paras = [text[p.start : p.end] for p in _one(page).paragraphs]
    assert paras == expected
    for left_out in ("Home", "Share this article", "The gates at dawn", "All rights reserved"):
        assert left_out not in text


def test_line_breaks_and_inline_markup_keep_their_order() -> None:
    inner = (
        "<div id='story'>"
        + "".join(f"<p>{t}</p>" for t in BODY + BODY)
        + "<p>First line of the <em>closing</em> note,<br>and its <a href='/x'>second</a> line"
        " which ends here.</p></div>"
    )
    parts = fast_main_text(parse_html(_page(inner).body, 500))
    assert parts is not None
    assert parts[-1] == (
        "p",
        "First line of the closing note,\nand its second line which ends here.",
    )


def test_two_rival_bodies_go_to_trafilatura() -> None:
    # A comment thread as long as the article, in a container outside it: not one clear body.
    comments = "".join(
        f"<p>Comment {i}: I live by the river and I think the new gates are a fine piece "
        "of engineering that was long overdue for our town.</p>"
        for i in range(6)
    )
    page = _page(_article_html(extra_outside=f"<section id='talk'>{comments}</section>"))
    assert fast_main_text(parse_html(page.body, 500)) is None
    # trafilatura still finds the article.
    assert BODY[0] in _one(page).text


def test_short_page_goes_to_trafilatura() -> None:
    page = _page(f"<div><p>{BODY[0]}</p><p>{BODY[1]}</p></div>")
    assert fast_main_text(parse_html(page.body, 500)) is None
    text = _one(page).text
    assert BODY[0] in text and BODY[1] in text


def test_link_lists_do_not_make_a_body() -> None:
    # Long linked teasers in paragraphs are navigation, however much text they hold.
    teasers = "".join(
        f"<p><a href='/story-{i}'>Story {i}: the valley council debates the budget for the "
        "coming year at length</a></p>"
        for i in range(30)
    )
    assert fast_main_text(parse_html(_page(f"<div>{teasers}</div>").body, 500)) is None


def test_page_without_paragraph_tags_goes_to_trafilatura() -> None:
    text = "<br><br>".join(BODY)
    page = _page(f"<div class='content'>{text}</div>")
    assert fast_main_text(parse_html(page.body, 500)) is None
    assert BODY[2] in _one(page).text


def test_body_split_into_sibling_sections_is_read_whole() -> None:
    # Each section alone holds half the body; their common parent holds all of it.
    halves = [BODY[:3], BODY[3:] + [QUOTE]]
    sections = "".join(
        "<div class='section'>" + "".join(f"<p>{t}</p>" for t in half) + "</div>" for half in halves
    )
    page = _page(f"<div class='story'>{sections}</div>")
    parts = fast_main_text(parse_html(page.body, 500))
    assert parts is not None
    assert [t for _, t in parts] == [*BODY, QUOTE]


def test_a_credit_line_in_the_body_is_kept() -> None:
    """'This story first appeared on …' is evidence for provenance and syndication labels, so a
    paragraph whose class names a credit is story text, not a widget."""
    credit = "This story first appeared on the Meridian Wire news service earlier today."
    page = _page(_article_html(extra_inside=f"<p class='credit'>{credit}</p>"))
    parts = fast_main_text(parse_html(page.body, 500))
    assert parts is not None and ("p", credit) in parts
    assert _one(page).text.rstrip().endswith(credit)
