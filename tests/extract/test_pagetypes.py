"""Page types on article pages that carry menus, teaser strips, anchors or forum posts, and on
forum thread lists (invented pages, modelled on what real sites do)."""

from __future__ import annotations

from pathlib import Path

from copytrail.claims.stage import run_claims
from copytrail.extract import extract_page
from copytrail.model import Article, IngestError, RawPage
from copytrail.pipeline import ingest
from copytrail.settings import Settings
from copytrail.store import Store

PROSE = "".join(
    f"<p>The agency measured the {w} district in spring and found that 40 of 120 homes had "
    f"levels above the guide value, so it asks owners there to ventilate and to test again.</p>"
    for w in ("northern", "eastern", "southern", "western", "central", "coastal", "upland")
)


def kinds(result: list[Article] | IngestError) -> list[str]:
    assert isinstance(result, list), result
    return [a.page_type for a in result]


def page(body: str, url: str = "https://agency.example/press/2022/radon-survey") -> RawPage:
    html = f"<html><head><title>Radon survey</title></head><body>{body}</body></html>"
    return RawPage(url=url, source="p.html", kind="html", body=html.encode())


def test_a_mega_menu_outside_nav_does_not_make_a_press_release_a_listing() -> None:
    # A site menu built of list items: a heading linking to a section over a list of
    # links to its sub-sections, no <nav> around it, and more text than the release itself.
    columns = "".join(
        f'<li><h2><a href="/{s}/">{s.title()}</a></h2><ul>'
        + "".join(
            f'<li><a href="/{s}/{i}/">Everything about {s} subject number {i} explained</a></li>'
            for i in range(12)
        )
        + "</ul></li>"
        for s in ("topics", "news", "media", "about")
    )
    body = f'<div class="header-area"><ul>{columns}</ul></div><main><h1>Radon survey</h1>{PROSE}</main>'
    result = extract_page(page(body), Settings())
    assert kinds(result) == ["article"]
    assert "ventilate" in result[0].text  # type: ignore[index]


def test_related_teasers_around_an_article_do_not_make_it_a_listing() -> None:
    # More teaser text than article text, and no og:type to say which the page is.
    strip = "".join(
        f'<div class="card"><h3><a href="/news/story-{i}">Other story {i}</a></h3>'
        f"<p>A summary of other story number {i}: what happened, where it happened and who "
        f"said what about it afterwards, as the site shows it under every article.</p></div>"
        for i in range(24)
    )
    body = f"<main><h1>Radon survey</h1>{PROSE}</main><section>{strip}</section>"
    assert kinds(extract_page(page(body), Settings())) == ["article"]


def test_section_anchors_of_the_page_itself_are_not_teasers() -> None:
    url = "https://food.example/recipes/roast-chicken"
    sections = "".join(
        f'<div class="card"><h2><a href="{url}#{s}">{s.upper()}</a></h2>'
        f"<p>The {s} of the roast chicken with rice, step by step, with the amounts for four "
        f"people and what to do when a part of it is not at hand in the kitchen.</p></div>"
        for s in ("ingredients", "nutrition", "method", "reviews")
    )
    assert kinds(extract_page(page(sections, url), Settings())) == ["article"]


def test_posts_of_a_thread_headed_by_their_authors_are_not_teasers() -> None:
    posts = "".join(
        f'<article class="message"><h4><a href="/members/{who}.{n}/">{who}</a></h4>'
        f"<p>Reply number {n}: my cat sheds a lot at night too, brushing twice a day helped.</p></article>"
        for n, who in enumerate(["alma", "bodo", "alma", "cleo", "dina", "alma"])
    )
    result = extract_page(page(posts, "https://cats.example/threads/shedding.123/"), Settings())
    assert "teaser" not in kinds(result)


def test_a_real_listing_is_still_a_listing() -> None:
    items = "".join(
        f'<article class="post"><h2><a href="/2024/05/story-{i}">Story {i}</a></h2>'
        f"<p>The opening lines of story {i}, as the home page shows them.</p></article>"
        for i in range(6)
    )
    result = extract_page(page(f"<main>{items}</main>", "https://paper.example/"), Settings())
    assert kinds(result) == ["teaser"] * 6


FORUM = """<h1>Forum: general discussion</h1>
<table class="forumTable"><tr><th>Subject</th><th>Poster</th><th>Replies</th><th>Date</th></tr>
{rows}</table>"""
SUBJECTS = [
    "Dear William",
    "Re: Dear William",
    "Re: Dear William",
    "Missing pages in volume 2",
    "Re: Missing pages in volume 2",
    "Scan quality",
    "Re: Scan quality",
    "Re: Re: Scan quality",
]


def forum_page() -> str:
    rows = "".join(
        f'<tr><td><a href="/forum-post.php?id={i}">{s}</a></td><td><a href="/user/{i}">reader{i}</a></td>'
        f"<td>{i % 4}</td><td>March {i + 3}, 2009</td></tr>"
        for i, s in enumerate(SUBJECTS)
    )
    return FORUM.format(rows=rows)


def test_a_forum_thread_list_is_typed_forum() -> None:
    result = extract_page(
        page(forum_page(), "https://archive.example/forum-display.php?f=3"), Settings()
    )
    assert kinds(result) == ["forum"]


def test_a_forum_thread_list_gives_no_claims(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus" / "archive.example"
    corpus.mkdir(parents=True)
    (corpus / "forum.html").write_text(f"<html><body>{forum_page()}</body></html>")
    (corpus / "survey.html").write_text(f"<html><body><article>{PROSE}</article></body></html>")
    settings = Settings(workers=1, progress=False)
    with Store(tmp_path / "s.duckdb") as store:
        ingest([str(corpus.parent)], settings, store)
        run_claims(store, settings)
        types = dict(store.con.execute("SELECT url, page_type FROM articles").fetchall())
        assert sorted(types.values()) == ["article", "forum"]
        claimed = {
            r[0]
            for r in store.con.execute(
                "SELECT DISTINCT a.page_type FROM claims c JOIN articles a USING (article_id)"
            ).fetchall()
        }
        speakers = [
            r[0] for r in store.con.execute("SELECT DISTINCT speaker FROM claims").fetchall()
        ]
    assert claimed == {"article"}  # the survey's figures, nothing from the thread list
    assert not any(s and ("William" in s or s.strip() == "Re") for s in speakers)
