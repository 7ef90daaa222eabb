"""The bundled example corpus is self-consistent with its ground truth (PLANTED.json).

These tests read the corpus with lxml and the standard library only, never with copytrail's
own readers, so they hold the corpus to its promises whatever state the pipeline is in.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import defusedxml.ElementTree as SafeET
import lxml.html
import pytest

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
HTML = CORPUS / "html"

# Elements after which text continues on a new line (so words of two paragraphs never glue).
_BLOCKS = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "figcaption",
    "header",
    "footer",
    "article",
    "section",
    "aside",
    "nav",
    "ul",
    "ol",
    "tr",
    "br",
    "title",
)
# Article body container of each site's template.
_BODY = {
    "rivervale-herald.example": "entry-content",
    "valleywire.example": "story-body",
    "citizens-voice.example": "post-body",
    "northgate-daily.example": "story-body",
    "lowmoor-post.example": "field--name-body",
}
_WORD = re.compile(r"\w+(?:[’'.,-]\w+)*")


def norm(text: str) -> str:
    return " ".join(text.split())


@cache
def planted() -> dict[str, Any]:
    return json.loads((CORPUS / "PLANTED.json").read_text(encoding="utf-8"))


@cache
def html_files() -> tuple[Path, ...]:
    return tuple(sorted(HTML.glob("*/*.html")))


@cache
def doc(path: Path) -> Any:
    return lxml.html.fromstring(path.read_bytes())


def visible_text(node: Any) -> str:
    """Text a reader sees: no script/style, block elements separated, whitespace normalised."""
    node = lxml.html.fromstring(lxml.html.tostring(node))  # work on a copy
    for bad in node.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    for el in node.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    return norm(node.text_content())


def canonical(path: Path) -> str:
    links = doc(path).xpath("//link[@rel='canonical']/@href")
    assert len(links) == 1, f"{path.name}: expected one canonical link, got {links}"
    return str(links[0])


def meta(path: Path, prop: str) -> list[str]:
    return [
        str(v) for v in doc(path).xpath(f"//meta[@property='{prop}' or @name='{prop}']/@content")
    ]


def jsonld(path: Path) -> list[dict[str, Any]]:
    return [json.loads(s) for s in doc(path).xpath("//script[@type='application/ld+json']/text()")]


@cache
def telegram() -> dict[str, Any]:
    (info,) = planted()["telegram"]
    return json.loads((CORPUS / info["file"]).read_text(encoding="utf-8"))


def flatten(text: str | list[Any]) -> str:
    if isinstance(text, str):
        return text
    return "".join(part if isinstance(part, str) else part["text"] for part in text)


@cache
def jsonl_records() -> tuple[dict[str, Any], ...]:
    out = []
    for info in planted()["jsonl"]:
        for line in (CORPUS / info["file"]).read_text(encoding="utf-8").splitlines():
            out.append(json.loads(line))
    return tuple(out)


@cache
def documents() -> dict[str, tuple[str, str]]:
    """url -> (site, visible text) for every page, Telegram message and JSONL record."""
    docs: dict[str, tuple[str, str]] = {}
    for f in html_files():
        docs[canonical(f)] = (f.parent.name, visible_text(doc(f)))
    export = telegram()
    for m in export["messages"]:
        if m["type"] == "message":
            docs[f"https://t.me/c/{export['id']}/{m['id']}"] = (
                export["name"],
                norm(flatten(m["text"])),
            )
    for r in jsonl_records():
        docs[r["url"]] = (r["site"], norm(r["text"]))
    return docs


def page_of(url: str) -> Path:
    for f in html_files():
        if canonical(f) == url:
            return f
    raise AssertionError(f"no page has canonical URL {url}")


def iso(value: str) -> datetime:
    return datetime.fromisoformat(value)


# ------------------------------------------------------------------------------------ layout
def test_licence_and_readme_ship_with_the_corpus() -> None:
    licence = (CORPUS / "LICENSE.md").read_text(encoding="utf-8")
    assert "CC0 1.0" in licence and "fictional" in licence
    assert "PLANTED.json" in (CORPUS / "README.md").read_text(encoding="utf-8")


def test_sites_are_folders_of_reserved_example_domains_with_five_pages_or_more() -> None:
    sites = {f.parent.name for f in html_files()}
    assert 4 <= len(sites) <= 5
    for site in sites:
        assert site.endswith(".example"), "fictional sites use the reserved .example TLD"
        assert len(list((HTML / site).glob("*.html"))) >= 5, site
    assert planted()["sites"] == {
        s: {"cms": planted()["sites"][s]["cms"], "pages": len(list((HTML / s).glob("*.html")))}
        for s in sites
    }
    assert 30 <= len(html_files()) <= 50


def test_every_page_has_head_metadata_and_a_canonical_url_on_its_folder_domain() -> None:
    seen: set[str] = set()
    for f in html_files():
        url = canonical(f)
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.hostname == f.parent.name, f
        assert url not in seen, f"duplicate canonical URL {url}"
        seen.add(url)
        assert doc(f).findtext(".//title").strip(), f
        assert meta(f, "og:url") == [url], f
        assert meta(f, "og:title") and meta(f, "og:site_name"), f


def test_date_markup_is_varied_as_promised() -> None:
    with_meta = [f for f in html_files() if meta(f, "article:published_time")]
    with_ld = [f for f in html_files() if any(d.get("@type") == "NewsArticle" for d in jsonld(f))]
    assert len(with_meta) > len(html_files()) / 2
    assert 5 <= len(with_ld) < len(html_files())
    best = [d["best_source"] for d in planted()["dates"]]
    assert best.count("url") in (1, 2) and best.count(None) == 1


def test_site_chrome_repeats_on_every_page_of_a_site() -> None:
    for f in html_files():
        text = visible_text(doc(f))
        assert "Subscribe to our newsletter" in text, f
        if f.parent.name == "citizens-voice.example":
            assert "Popular posts from this blog" in text, f


def test_article_bodies_are_250_to_700_words() -> None:
    listings = {entry["file"] for entry in planted()["listings"]}
    for f in html_files():
        if str(f.relative_to(CORPUS)) in listings:
            continue
        (body,) = doc(f).find_class(_BODY[f.parent.name])
        n = len(_WORD.findall(visible_text(body)))
        assert 250 <= n <= 700, f"{f.name}: {n} words"


# ------------------------------------------------------------------------------ ground truth
def _urls(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [u for v in node.values() for u in _urls(v)]
    if isinstance(node, list):
        return [u for v in node for u in _urls(v)]
    if isinstance(node, str) and node.startswith(("http://", "https://")) and "<" not in node:
        return [node]
    return []


def _files(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["file"]] if isinstance(node.get("file"), str) else []
        return own + [f for v in node.values() for f in _files(v)]
    if isinstance(node, list):
        return [f for v in node for f in _files(v)]
    return []


def test_every_planted_url_and_file_exists() -> None:
    known = set(documents())
    for smap in planted()["sitemaps"]:
        known |= set(smap["urls_without_page"])
    missing = [u for u in _urls(planted()) if u not in known]
    assert not missing
    assert all((CORPUS / f).is_file() for f in _files(planted()))


def test_family_passages_occur_verbatim_in_every_witness() -> None:
    docs = documents()
    families = planted()["reuse_families"]
    assert len(families) >= 5
    for fam in families:
        passage = norm(fam["passage"])
        assert len(passage.split()) >= 20 and fam["passage_words"] == len(passage.split())
        assert len(fam["witnesses"]) >= 2
        for w in fam["witnesses"]:
            assert passage in docs[w["url"]][1], f"{fam['id']}: passage missing from {w['url']}"
            if w["kind"] == "html":
                assert passage in visible_text(doc(CORPUS / w["file"])), w["file"]
        first = min(fam["witnesses"], key=lambda w: iso(w["published"]))
        assert fam["earliest"] == first["url"] == fam["witness_urls"][0], fam["id"]
        assert fam["witness_urls"] == [w["url"] for w in fam["witnesses"]]


def test_planted_parents_are_earlier_witnesses_that_hold_the_reprint() -> None:
    """Every ``copied_from`` names another, earlier witness of its family; and the family
    planted with an excerpt published first has full reprints whose parent is not the excerpt."""
    docs = documents()
    checked = 0
    for fam in planted()["reuse_families"]:
        when = {w["url"]: iso(w["published"]) for w in fam["witnesses"]}
        for w in fam["witnesses"]:
            if "copied_from" not in w:
                continue
            checked += 1
            src = w["copied_from"]
            assert src in when and src != w["url"], (fam["id"], w["url"])
            assert when[src] < when[w["url"]], (fam["id"], w["url"])
            # the parent holds the reprint's copied text: at least as many of its words
            assert len(docs[src][1].split()) >= 0.9 * len(norm(fam["passage"]).split())
    assert checked >= 10
    (teaser,) = [f for f in planted()["reuse_families"] if f["kind"] == "excerpt-before-original"]
    first, original, *reprints = teaser["witnesses"]
    assert iso(first["published"]) < iso(original["published"])
    full = norm(visible_text(doc(CORPUS / original["file"]).find_class("post-body")[0]))
    assert len(norm(docs[first["url"]][1])) * 3 < len(full)
    for r in reprints:
        assert r["copied_from"] == original["url"]
        assert full in norm(docs[r["url"]][1])


def test_reprint_variants_really_differ_but_stay_within_hours() -> None:
    (oped,) = [f for f in planted()["reuse_families"] if f["id"] == "oped-wenlow-cannot-wait"]
    html = [w for w in oped["witnesses"] if w["kind"] == "html"]
    assert len(html) == 4
    texts = {w["url"]: documents()[w["url"]][1] for w in html}
    assert len(set(texts.values())) == 4
    times = [iso(w["published"]) for w in oped["witnesses"]]
    assert (max(times) - min(times)).total_seconds() < 12 * 3600
    uncredited = [w for w in html[1:] if "credit" not in w]
    assert len(uncredited) >= 2
    (wire,) = [f for f in planted()["reuse_families"] if f["id"] == "wire-calder-closure"]
    reprints = [w for w in wire["witnesses"] if w.get("credit") == "(Wire)"]
    assert len(reprints) == 2
    for w in reprints:
        assert "(Wire)" in visible_text(doc(CORPUS / w["file"]))
        delay = iso(w["published"]) - iso(wire["witnesses"][0]["published"])
        assert 0.5 <= delay.total_seconds() / 86400 <= 2.5


def _shingles(text: str, n: int = 15) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_unplanted_reuse_across_sites() -> None:
    """Any 15-word run shared by two sites belongs to a planted family with both as witnesses."""
    # Listing pages are left out: their teasers repeat ledes (checked with the listings).
    listings = {item["url"] for item in planted()["listings"]}
    docs = {u: d for u, d in documents().items() if u not in listings}
    shingles = {url: _shingles(text) for url, (_, text) in docs.items()}
    together = {
        frozenset(pair)
        for fam in planted()["reuse_families"]
        for pair in combinations(fam["witness_urls"], 2)
    }
    for a, b in combinations(sorted(docs), 2):
        if docs[a][0] == docs[b][0]:
            continue  # within a site, repeated chrome is expected
        if shingles[a] & shingles[b]:
            assert frozenset((a, b)) in together, f"unplanted reuse between {a} and {b}"


def test_short_shared_phrase_is_below_the_threshold_and_really_shared() -> None:
    docs = documents()
    for item in planted()["not_reuse"]:
        assert item["words"] == len(item["phrase"].split()) < 15
        assert len({docs[u][0] for u in item["urls"]}) >= 2
        for url in item["urls"]:
            assert item["phrase"] in docs[url][1]


def test_self_reuse_page_prints_its_lede_twice() -> None:
    item = planted()["self_reuse"]
    text = visible_text(doc(CORPUS / item["file"]))
    assert len(item["passage"].split()) >= 20
    assert text.count(norm(item["passage"])) == 2


def test_two_sources_article_belongs_to_two_families_with_distinct_origins() -> None:
    item = planted()["two_sources"]
    fams = {f["id"]: f for f in planted()["reuse_families"]}
    origins = []
    for fid in item["families"]:
        assert item["url"] in fams[fid]["witness_urls"]
        assert fams[fid]["earliest"] != item["url"]
        origins.append(fams[fid]["earliest"])
    assert origins == item["sources"] and len(set(origins)) == 2
    assert len(_WORD.findall(documents()[item["url"]][1])) > 600


def test_listing_pages_have_the_planted_teasers() -> None:
    for item in planted()["listings"]:
        page = doc(CORPUS / item["file"])
        more = [a for a in page.iter("a") if norm(a.text_content()) == item["more_link_text"]]
        # Blogger's jump links point at the "#more" anchor of the post.
        assert [a.get("href").split("#")[0] for a in more] == item["links"]
        assert item["teasers"] == len(item["links"]) >= 4
        for url in item["links"]:
            target = page_of(url)
            assert urlsplit(url).hostname == urlsplit(item["url"]).hostname
            heading = [
                a
                for a in page.iter("a")
                if a.get("href") == url and a.getparent().tag in ("h2", "h3")
            ]
            assert [norm(a.text_content()) for a in heading] == meta(target, "og:title")
        # Each teaser's excerpt is the start of its article (so it is a teaser, not a reprint).
        summaries = page.find_class("entry-summary") or page.find_class("post-body")
        assert len(summaries) == item["teasers"]
        for box, url in zip(summaries, item["links"], strict=True):
            excerpt = visible_text(box).removesuffix(" […]")
            assert len(excerpt.split()) >= 20 and excerpt in documents()[url][1]


def test_series_parts_are_numbered_in_their_titles() -> None:
    series = planted()["series"]
    assert [p["part"] for p in series["parts"]] == [1, 2, 3]
    for p in series["parts"]:
        f = page_of(p["url"])
        assert meta(f, "og:title") == [p["title"]]
        assert p["title"] == f"{series['name']} Part {p['part']}"


def test_dates_match_the_markup_of_each_page() -> None:
    for d in planted()["dates"]:
        f = CORPUS / d["file"]
        published = meta(f, "article:published_time")
        ld = [x["datePublished"] for x in jsonld(f) if "datePublished" in x]
        assert ("meta" in d["signals"]) == bool(published), f
        assert ("json-ld" in d["signals"]) == bool(ld), f
        if published:
            assert published == [d["published"]]
        if ld:
            assert ld == [d["published"]]
        if d["best_source"] == "url":
            assert d["url"].find(d["published"].replace("-", "/")) > 0
            assert not doc(f).xpath("//time"), f
        if d["best_source"] is None:
            assert d["published"] is None
            assert not doc(f).xpath("//time") and not re.search(
                r"\b(19|20)\d\d\b", visible_text(doc(f))
            )


def test_figures_non_quantities_quotes_and_conflicts_occur_where_planted() -> None:
    docs = documents()
    for key in ("figures", "non_quantities", "quotes"):
        for item in planted()[key]:
            assert item["text"] in docs[item["url"]][1], (
                f"{key}: {item['text']!r} not in {item['url']}"
            )
    conflicts = planted()["conflicts"]
    assert {c["noun"] for c in conflicts} >= {"years", "people", "workers"}
    for c in conflicts:
        assert len({v["value"] for v in c["values"]}) == 2
        for v in c["values"]:
            assert v["text"] in docs[v["url"]][1] and f"{v['value']:,}" in v["text"]
    speakers = {q["speaker"] for q in planted()["quotes"]}
    for name, variants in planted()["name_variants"].items():
        assert name in speakers
        text = " ".join(t for _, t in docs.values())
        assert all(v in text for v in variants)


# ------------------------------------------------------------------------- non-HTML sources
def test_feed_is_rss2_with_full_entries_of_existing_pages() -> None:
    (info,) = planted()["feeds"]
    root = SafeET.parse(CORPUS / info["file"]).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    ns = {
        "content": "http://purl.org/rss/1.0/modules/content/",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    items = root.findall("./channel/item")
    assert [i.findtext("link") for i in items] == info["items"]
    for item in items:
        page = page_of(item.findtext("link") or "")
        assert parsedate_to_datetime(item.findtext("pubDate") or "") == iso(
            meta(page, "article:published_time")[0]
        )
        assert item.findtext("dc:creator", namespaces=ns) and item.findall("category")
        body = lxml.html.fromstring(item.findtext("content:encoded", namespaces=ns) or "<p></p>")
        assert len(_WORD.findall(visible_text(body))) >= 250


def test_sitemap_lists_the_sites_pages() -> None:
    (info,) = planted()["sitemaps"]
    root = SafeET.parse(CORPUS / info["file"]).getroot()
    sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert root.tag == f"{sm}urlset"
    locs = [u.findtext(f"{sm}loc") for u in root.findall(f"{sm}url")]
    assert sorted(locs) == sorted(info["urls"])
    site_pages = {canonical(f) for f in (HTML / info["site"]).glob("*.html")}
    assert set(locs) - set(info["urls_without_page"]) == site_pages


def test_telegram_export_has_the_desktop_structure() -> None:
    (info,) = planted()["telegram"]
    export = telegram()
    assert export["name"] == info["channel"] and export["id"] == info["channel_id"]
    assert export["type"] == "public_channel"
    msgs = export["messages"]
    assert len(msgs) == info["message_count"]
    assert sum(m["type"] == "service" for m in msgs) == info["service_messages"]
    assert [m["id"] for m in msgs if "forwarded_from" in m] == info["forwarded"]
    assert any(isinstance(m["text"], list) for m in msgs) and any(
        isinstance(m["text"], str) and m["text"] for m in msgs
    )
    for m in msgs:
        assert isinstance(m["id"], int) and m["date_unixtime"].isdigit()
        # "date" is the exporting computer's local time; it is within 14 hours of UTC.
        as_utc = iso(m["date"]).replace(tzinfo=UTC).timestamp()
        assert abs(as_utc - int(m["date_unixtime"])) <= 14 * 3600
        assert flatten(m["text"]) == "".join(e["text"] for e in m["text_entities"])
        if m["type"] == "message":
            assert m["from"] == export["name"] and m["from_id"] == f"channel{export['id']}"


def test_jsonl_records_have_url_text_published_and_site() -> None:
    (info,) = planted()["jsonl"]
    records = jsonl_records()
    assert len(records) == info["records"]
    assert [r["url"] for r in records] == info["urls"]
    for r in records:
        assert r["site"] == info["site"] == urlsplit(r["url"]).hostname
        assert iso(r["published"]).tzinfo is not None and r["text"].strip()


def test_txt_folder_holds_plain_utf8_text() -> None:
    (info,) = planted()["txt"]
    files = sorted((CORPUS / info["folder"]).glob("*.txt"))
    assert [f.name for f in files] == info["files"] and files
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert len(text.split()) > 150 and "<" not in text


@pytest.mark.parametrize("name", ["README.md", "LICENSE.md"])
def test_docs_quote_no_planted_passage(name: str) -> None:
    # The walker skips documentation files; they stay free of planted text all the same.
    text = norm((CORPUS / name).read_text(encoding="utf-8"))
    for fam in planted()["reuse_families"]:
        assert norm(fam["passage"]) not in text
    for item in planted()["figures"]:
        assert item["text"].lower() not in text.lower(), item["text"]
    for conflict in planted()["conflicts"]:
        for v in conflict["values"]:
            value = re.escape(f"{v['value']:,}")
            assert not re.search(rf"(?<![\d,.]){value}(?![\d,])", text), v["value"]
