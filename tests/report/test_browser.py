"""The explorer in a real browser (Chromium via Playwright): clicks, search, offline report, XSS.

Skipped with a reason when /usr/bin/chromium is missing (see ``conftest.browser``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from copytrail.report import build_report
from copytrail.settings import Settings

from .conftest import shot, start
from .corpus import RELEASE, Built, load_vectors

pytestmark = pytest.mark.browser


def ready(page: Any, view: str) -> None:
    page.wait_for_selector(f'body[data-ready="{view}"]')


def click_through(page: Any, base: str, name: str) -> None:
    """Overview → site network → an edge → a family behind it → an article of that family."""
    page.goto(base + "#/overview")
    ready(page, "overview")
    assert page.locator("main h2").first.text_content() == "Corpus"
    assert page.locator("svg.chart polyline").count() >= 4
    shot(page, f"{name}-overview")
    page.click('nav a[data-view="network"]')
    ready(page, "network")
    edge = page.locator('path.edge[data-src="citizens-voice.example"][data-dst="valleywire.example"]')
    assert "1 families" in edge.locator("title").text_content()
    edge.dispatch_event("click")
    page.wait_for_selector("#edge-panel[data-loaded]")
    shot(page, f"{name}-network")
    page.locator("#edge-panel a.family-link").first.click()
    ready(page, "family")
    assert page.locator("li.witness").count() == 3
    assert page.locator("li.witness.earliest").count() == 1
    assert page.locator(".diff ins").count() >= 1  # the edited reprint shows what it changed
    shot(page, f"{name}-family")
    page.locator("li.witness a.article-link").nth(2).click()
    ready(page, "article")
    assert page.locator(".text a.mark.family").count() >= 1
    assert page.locator(".text .mark.quote").count() == 1
    shot(page, f"{name}-article")
    page.click('nav a[data-view="claims"]')
    ready(page, "claims")
    assert "Maria Okafor" in page.locator("main").text_content()
    shot(page, f"{name}-claims")


def search_with_facet(page: Any, base: str, name: str, mode: str) -> None:
    page.goto(base + "#/search")
    ready(page, "search")
    page.fill('form.search input[name="q"]', "reservoir")
    page.click('form.search button[type="submit"]')
    expect(page.locator("p.total")).to_have_text("3 articles")
    assert page.locator("p.mode").get_attribute("data-mode") == mode
    page.locator('.facet[data-facet="tag"] a', has_text="budget").click()
    expect(page.locator("p.total")).to_have_text("1 articles")
    assert page.locator("a.result-title").text_content() == "Reservoir bill rises"
    shot(page, f"{name}-search")


def test_served_click_through_and_search(page: Any, demo_server: str) -> None:
    click_through(page, demo_server + "/", "served")
    search_with_facet(page, demo_server + "/", "served", "words")


def test_wheel_zooms_the_network(page: Any, demo_server: str) -> None:
    page.goto(demo_server + "/#/network")
    ready(page, "network")
    before = page.get_attribute("svg.network", "viewBox")
    page.hover("svg.network")
    page.mouse.wheel(0, -300)
    expect(page.locator("svg.network")).not_to_have_attribute("viewBox", before)


@pytest.fixture(scope="module")
def demo_report(demo: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    build_report(Settings(store=demo.path), str(out))
    return out


def offline(page: Any, allowed: str) -> list[str]:
    """Block every request except the report file itself; returns what was attempted."""
    attempted: list[str] = []

    def handle(route: Any) -> None:
        if route.request.url.split("#")[0] == allowed:
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    page.on("request", lambda r: r.url.split("#")[0] != allowed and attempted.append(r.url))
    return attempted


def test_report_works_offline(page: Any, demo_report: Path) -> None:
    url = demo_report.as_uri()
    attempted = offline(page, url)
    click_through(page, url, "report")
    search_with_facet(page, url, "report", "report")
    for ident in ("0" * 16, "__proto__", "constructor"):
        page.goto(url + "#/family/" + ident)
        ready(page, "family")
        assert "not included in this report" in page.locator("main").text_content()
        page.goto(url + "#/overview")
        ready(page, "overview")
    assert attempted == []


def test_article_text_is_shown_verbatim(page: Any, demo_server: str, demo: Built) -> None:
    page.goto(demo_server + f"/#/article/{demo.article_ids[0]}")
    ready(page, "article")
    assert page.locator(".text").text_content().startswith(RELEASE)


# -- hostile input ---------------------------------------------------------------------------

PROBE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name) || a.name === 'srcdoc' || a.name === 'style') bad.push(el.tagName + ' ' + a.name);
      if ((a.name === 'href' || a.name === 'src' || a.name === 'action' || a.name === 'xlink:href')
          && !/^(#|https?:)/i.test(a.value) && !(el.tagName === 'SCRIPT' && a.value.startsWith('/static/'))
          && !(el.tagName === 'LINK' && a.value === '/static/app.css'))
        bad.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  const main = document.getElementById('ct-main');
  for (const el of main.querySelectorAll('script,iframe,object,embed,img,meta,base,link,style,form[action],frame,frameset,video,audio,input:not(form.search input):not(form.ct-form input),textarea,select,math,template,noscript,marquee,details'))
    bad.push('element ' + el.tagName);
  if (document.querySelectorAll('script').length > 2) bad.push('extra script elements');
  if (window.xssRan !== undefined) bad.push('window.xssRan set');
  return bad;
}"""


WALK = """async (hashes) => {
  const probe = PROBE;
  const problems = [];
  for (const h of hashes) {
    const view = h.slice(2).split('/')[0].split('?')[0];
    if (location.hash !== h) { document.body.removeAttribute('data-ready'); location.hash = h; }
    for (let i = 0; i < 400 && document.body.getAttribute('data-ready') !== view; i++) {
      await new Promise(r => setTimeout(r, 5));
    }
    if (document.body.getAttribute('data-ready') !== view) { problems.push(h + ': not rendered'); continue; }
    for (const p of probe()) problems.push(h + ': ' + p);
  }
  return problems;
}""".replace("PROBE", PROBE)


def xss_sites() -> set[str]:
    """The hostile store's site names (see ``corpus.build_xss``)."""
    return {f"{v[:40]}{k % 3}" for k, v in enumerate(load_vectors())}


def visit_everything(page: Any, base: str, built: Built, dialogs: list[str]) -> int:
    """Every view and every article/family of the hostile store; returns views visited."""
    hashes = ["#/overview", "#/network", "#/claims", "#/search", "#/search?q=script",
              "#/search?q=%3Cimg"]
    hashes += [f"#/family/{f}" for f in built.family_ids]
    hashes += [f"#/article/{a}" for a in built.article_ids]
    # Site pages, compare and the filtered network show hostile values too.
    hashes += [f"#/site/{quote(s, safe='')}" for s in sorted(xss_sites())] + ["#/network?min=2"]
    ids = built.article_ids
    hashes += [f"#/compare?a={ids[k]}&b={ids[k + 1]}" for k in (0, 2, 4)]
    hashes += [f"#/compare?a={quote(ids[0])}&b={quote('https://evil.example/' + v, safe='')}"
               for v in load_vectors()[:3]]
    if base.startswith("http"):
        # Comparing aligns texts (the first call loads the aligner): answer each once up front,
        # the server caches it, so the walk's short per-view wait is about rendering.
        import urllib.error
        import urllib.request

        for h in hashes:
            if h.startswith("#/compare?"):
                try:
                    urllib.request.urlopen(base + "api/compare?" + h.split("?", 1)[1], timeout=120).read()
                except urllib.error.HTTPError as exc:
                    assert exc.code == 404  # an article that is not there: {"error": ...}
    seen = 0
    page.goto(base + "#/overview")
    ready(page, "overview")
    # Navigate inside the page (as clicks do) and probe after each view: one round trip.
    problems = page.evaluate(WALK, hashes)
    assert problems == []
    seen = len(hashes)
    # Follow facet links and an edge too: their targets are built from hostile values.
    page.evaluate(WALK, ["#/search"])
    hrefs = [page.locator(f'.facet[data-facet="{f}"] a').first.get_attribute("href")
             for f in ("site", "author", "tag", "language")]
    assert all(h.startswith("#/search?") for h in hrefs)
    assert page.evaluate(WALK, hrefs) == []
    page.goto(base + "#/network")
    ready(page, "network")
    page.locator("path.edge").first.dispatch_event("click")
    page.wait_for_selector("#edge-panel[data-loaded]")
    assert page.evaluate(PROBE) == []
    page.locator("#edge-panel a.family-link").first.click()
    ready(page, "family")
    for link in page.locator("main a.url").all()[:3]:
        assert link.get_attribute("rel") == "noopener noreferrer"
        assert link.get_attribute("href").startswith(("http://", "https://"))
    page.wait_for_timeout(300)  # give any delayed payload (setTimeout, onload) time to fire
    assert dialogs == [] and page.evaluate(PROBE) == []
    return seen


def watch_dialogs(page: Any) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(d: Any) -> None:
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def test_xss_vectors_do_not_run_when_served(page: Any, xss: Built) -> None:
    server = start(xss.path)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        dialogs = watch_dialogs(page)
        assert visit_everything(page, base, xss, dialogs) > 100
        # The hostile text is shown as text, not dropped.
        page.goto(base + f"#/article/{xss.article_ids[0]}")
        ready(page, "article")
        assert page.locator("h2.title").text_content() == "<script>alert(1)</script> title 0"
        shot(page, "xss-served-article")
    finally:
        server.shutdown()
        server.server_close()


def test_xss_vectors_do_not_run_in_report(page: Any, xss: Built, tmp_path: Path) -> None:
    out = tmp_path / "xss.html"
    build_report(Settings(store=xss.path), str(out))
    url = out.as_uri()
    attempted = offline(page, url)
    dialogs = watch_dialogs(page)
    assert visit_everything(page, url, xss, dialogs) > 100
    assert attempted == []
    shot(page, "xss-report-family")


def write_hostile_sources(root: Path) -> Path:
    """JSONL records and HTML pages with a vector in every field, for the real ingest."""
    import json

    from .corpus import load_vectors

    root.mkdir(parents=True, exist_ok=True)
    vectors = load_vectors()
    with open(root / "hostile.jsonl", "w", encoding="utf-8") as fh:
        for k, v in enumerate(vectors):
            fh.write(json.dumps({
                "url": f"https://evil{k % 7}.example/{k}?q={v}" if k % 3 else v,
                "site": v, "title": f"{v} title {k}", "authors": [v, f"Author {k}"],
                "tags": [v, "xss"], "published": f"2024-0{1 + k % 9}-1{k % 10}",
                "text": f"Opening {v} line {k}.\n\nAbout 1{k} protesters came, organisers said {v}.\n\n"
                        f'"{v} is what we want," said {v}.',
            }) + "\n")
    site = root / "html" / "evil.example"
    site.mkdir(parents=True)
    for k, v in enumerate(vectors[:40]):
        attr = v.replace('"', "&quot;")
        (site / f"page{k}.html").write_text(
            f'<!doctype html><html><head><title>{v} page {k}</title>'
            f'<meta name="author" content="{attr}"><meta name="keywords" content="{attr}">'
            f'<meta property="article:published_time" content="2024-05-{1 + k % 28:02d}">'
            f'<link rel="canonical" href="https://evil.example/p/{k}"></head><body><article>'
            f"<h1>{v} page {k}</h1><p>Paragraph one of hostile page {k} says {v} and more words "
            f"so that the extractor keeps it as article text for the test.</p>"
            f"<p>{v}</p><p>A second long paragraph, page {k}, with enough words to be kept by "
            f"the extractor as body text rather than boilerplate.</p></article></body></html>",
            encoding="utf-8",
        )
    return root


@pytest.mark.slow
def test_xss_through_the_real_ingest(page: Any, tmp_path: Path) -> None:
    from copytrail.pipeline import ingest
    from copytrail.store import Store

    src = write_hostile_sources(tmp_path / "src")
    path = str(tmp_path / "ingested.duckdb")
    settings = Settings(store=path, workers=1, progress=False)
    with Store(path) as store:
        summary = ingest([str(src)], settings, store)
        assert summary.articles_new > 100
        ids = [r[0] for r in store.con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()]
    built = Built(ids, [], [], path)
    server = start(path)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        dialogs = watch_dialogs(page)
        hashes = ["#/overview", "#/network", "#/claims", "#/search", "#/search?q=script"]
        hashes += [f"#/article/{a}" for a in built.article_ids]
        page.goto(base + "#/overview")
        ready(page, "overview")
        assert page.evaluate(WALK, hashes) == []
        # Missing stages are announced, not failures.
        assert "not computed yet: run `copytrail reuse`" in page.locator("main").text_content()
        page.wait_for_timeout(300)
        assert dialogs == []
        shot(page, "xss-ingested")
    finally:
        server.shutdown()
        server.server_close()
    out = tmp_path / "ingested.html"
    build_report(Settings(store=path), str(out))
    attempted = offline(page, out.as_uri())
    page.goto(out.as_uri() + "#/overview")
    ready(page, "overview")
    assert page.evaluate(WALK, hashes) == []
    assert dialogs == [] and attempted == []


# -- issue #11: timeline, site page, compare, search syntax, network at scale, report metadata --

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def doc_shot(page: Any, name: str) -> None:
    """A test artifact, and with COPYTRAIL_DOC_SHOTS=1 also the picture in docs/screenshots/."""
    import os

    shot(page, name)
    if os.environ.get("COPYTRAIL_DOC_SHOTS") == "1":
        page.screenshot(path=str(DOCS / f"{name}.png"), full_page=True)


def fresh(page: Any, view: str, action: Any) -> None:
    """Run a navigation and wait for *its* render (the body's data-ready is cleared first)."""
    page.evaluate("document.body.removeAttribute('data-ready')")
    action()
    ready(page, view)


def timeline_and_site(page: Any, base: str, demo: Built, served: bool, name: str) -> None:
    page.goto(base + f"#/family/{demo.family_ids[0]}")
    ready(page, "family")
    assert page.locator("svg.timeline a.tl-mark").count() == 3
    assert page.locator("svg.timeline a.tl-mark.earliest").count() == 1
    links = page.locator("svg.timeline path.tl-link")
    assert links.count() == 2
    assert {links.nth(i).get_attribute("data-from") for i in range(2)} == {demo.article_ids[0]}
    assert {links.nth(i).get_attribute("data-to") for i in range(2)} == set(demo.article_ids[1:3])
    assert page.locator("svg.timeline text.tl-site").all_text_contents() == [
        "rivervale-herald.example", "valleywire.example", "northgate-daily.example"]
    doc_shot(page, f"{name}-family-timeline")
    page.locator("svg.timeline a.tl-mark").nth(2).dispatch_event("click")
    ready(page, "article")
    assert page.locator("h2.title").text_content() == "Reservoir bill rises"
    page.goto(base + "#/site/valleywire.example")
    ready(page, "site")
    main = page.locator("main")
    tables = main.locator("table")
    assert tables.nth(0).locator("tbody tr").count() == 2  # reprints from two sites
    assert main.locator("section", has_text="Reprinted by").locator("p.muted").text_content() == "None found."
    fresh(page, "site", lambda: main.locator("a.site-link", has_text="rivervale-herald.example").first.click())
    reprinted_by = main.locator("section", has_text="Reprinted by").locator("tbody a.site-link")
    assert sorted(reprinted_by.all_text_contents()) == ["northgate-daily.example", "valleywire.example"]
    doc_shot(page, f"{name}-site")


def search_syntax(page: Any, base: str, name: str) -> None:
    def search(q: str) -> list[str]:
        fresh(page, "search", lambda: page.goto(base + "#/search"))
        page.fill('form.search input[name="q"]', q)
        fresh(page, "search", lambda: page.click('form.search button[type="submit"]'))
        return sorted(page.locator("a.result-title").all_text_contents())

    assert search('"water board" -bill') == ["Reservoir upgrade to cost 4.2 million",
                                             "Water board unveils reservoir plan"]
    assert search("-reservoir -river") == ["Der Markt bleibt offen", "Library hours extended"]
    assert search("reservoir site:northgate-daily.example") == ["Reservoir bill rises"]
    assert search("http://www.northgate-daily.example/news/reservoir-cost/?utm_source=feed") == [
        "Reservoir bill rises"]
    doc_shot(page, f"{name}-search-url")
    assert search("since:04/01/2026") == []
    assert page.locator("p.search-error").text_content() == (
        "since:04/01/2026 is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")


def test_served_timeline_site_compare_and_search_syntax(page: Any, demo_server: str, demo: Built) -> None:
    base = demo_server + "/"
    timeline_and_site(page, base, demo, True, "served")
    page.goto(base + f"#/family/{demo.family_ids[0]}")
    ready(page, "family")
    page.set_default_timeout(60_000)  # the first alignment loads (maybe compiles) numba kernels
    page.locator("li.witness", has_text="northgate-daily.example").locator("a.compare-link").click()
    ready(page, "compare")
    page.wait_for_selector(".cmp-grid")
    assert page.locator(".cmp-cell.shared.left del").all_text_contents() == ["announced", "4.2"]
    assert page.locator(".cmp-cell.shared.right ins").all_text_contents() == ["said", "4.5"]
    assert "Reservoir bill rises" in page.locator(".cmp-head").nth(1).text_content()
    doc_shot(page, "served-compare")
    # The form takes URLs in any normal form.
    page.fill('form.compare-form input[name="a"]', "http://valleywire.example/news/clean-up/")
    page.fill('form.compare-form input[name="b"]', "citizens-voice.example/news/river-clean-up")
    fresh(page, "compare", lambda: page.click('form.compare-form button[type="submit"]'))
    expect(page.locator(".cmp-head").first).to_contain_text("River clean-up a success")
    assert "group" in " ".join(page.locator(".cmp-cell.shared.left del").all_text_contents())
    search_syntax(page, base, "served")


def test_report_timeline_site_network_filter_and_about(page: Any, demo_report: Path, demo: Built) -> None:
    url = demo_report.as_uri()
    attempted = offline(page, url)
    timeline_and_site(page, url, demo, False, "report")
    search_syntax(page, url, "report")
    page.goto(url + "#/network?min=2")
    ready(page, "network")
    assert page.locator("svg.network").count() == 0  # every demo edge has one family
    assert "at least 2 families" in page.locator("main").text_content()
    page.goto(url + "#/network")
    ready(page, "network")
    page.locator("svg.network a.node").first.dispatch_event("click")
    ready(page, "site")
    page.goto(url + "#/compare?a=x&b=y")
    ready(page, "compare")
    assert "copytrail compare URL URL" in page.locator("main").text_content()
    page.goto(url + "#/overview")
    ready(page, "overview")
    about = page.locator("section", has_text="About this report")
    assert "copytrail version" in about.text_content() and "min_passage_words" in about.text_content()
    doc_shot(page, "report-about")
    assert attempted == []


def test_network_of_300_sites_stays_readable(page: Any, tmp_path: Path) -> None:
    from .test_explorer_features import write_network_store

    server = start(write_network_store(tmp_path / "net300.duckdb"))
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        page.goto(base + "#/network")
        ready(page, "network")
        assert page.locator("svg.network a.node").count() == 300
        labels = page.locator("svg.network text.label")
        assert 20 <= labels.count() <= 40
        boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
        overlaps = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
                       if a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
                       and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])
        assert overlaps == 0, [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]]
        doc_shot(page, "network-300-sites")
        page.fill('form.network-filter input[name="min"]', "4")
        fresh(page, "network", lambda: page.click('form.network-filter button[type="submit"]'))
        n_edges = int(page.get_attribute("svg.network", "data-edges"))
        assert 0 < n_edges < 300 and "min=4" in page.url
    finally:
        server.shutdown()
        server.server_close()
