"""Folders, files, feeds, sitemaps, datasets and Telegram exports, good and bad."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources import detect_kind, iter_source
from copytrail.sources.feeds import iter_feed, parse_feed
from copytrail.sources.files import iter_files
from copytrail.sources.sitemaps import iter_sitemap, parse_sitemap
from copytrail.sources.tabular import iter_csv, iter_jsonl
from copytrail.sources.telegram import iter_telegram

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "sources" / "corpus"
S = Settings()

HTML = b"<html><head><title>t</title></head><body><p>A page about the harbour.</p></body></html>"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<ROOT><loc>&lol9;</loc></ROOT>"""


def split(records: list[RawPage | LinkRecord | IngestError]) -> tuple[list, list, list]:
    pages = [r for r in records if isinstance(r, RawPage)]
    links = [r for r in records if isinstance(r, LinkRecord)]
    errors = [r for r in records if isinstance(r, IngestError)]
    return pages, links, errors


# -- the fixture corpus, dispatched by iter_source ---------------------------------------------


def test_corpus_folder_dispatches_every_kind() -> None:
    pages, links, errors = split(list(iter_source(str(CORPUS), S)))
    assert errors == []
    by_url = {p.url: p for p in pages}
    # Sorted walk: channel/, datasets/, site-a/, site-b/.
    assert [p.kind for p in pages] == [
        "telegram",
        "telegram",
        "csv",
        "jsonl",
        "jsonl",
        "html",
        "html",
        "text",
        "feed",
    ]
    canonical = by_url["https://site-a.example/news/harbour-plan"]
    assert canonical.site is None and canonical.source == str(
        CORPUS / "site-a" / "harbour-plan.html"
    )
    local = by_url["file:///corpus/site-a/no-canonical.htm"]
    assert local.site == "site-a"
    notes = by_url["file:///corpus/site-a/notes.txt"]
    assert notes.content_type == "text/plain" and notes.body.startswith(b"Field notes")
    tg = by_url["https://t.me/c/1744839201/2"]
    assert (
        tg.body
        == b"Leaked: council will approve the harbour plan tomorrow. Two piers and a ferry terminal by 2027."
    )
    assert tg.site == "Harbour Watch" and tg.hints["published"] == "2024-03-05T18:12:00+00:00"
    forwarded = by_url["https://t.me/c/1744839201/3"]
    assert forwarded.hints["forwarded_from"] == "City Hall Leaks" and forwarded.hints[
        "authors"
    ] == ["M. K."]
    feed_page = by_url["https://site-b.example/ferry-terminal"]
    assert feed_page.hints == {
        "title": "Ferry terminal to open in 2027",
        "authors": ["Ana Ruiz"],
        "published": "2024-03-06T09:30:00+00:00",
        "published_source": "feed",
        "tags": ["Transport", "City"],
        "feed_title": "Site B News",
    }
    assert [(link.kind, link.url) for link in links] == [
        ("feed", "https://site-b.example/weather"),
        ("sitemap", "https://site-b.example/ferry-terminal"),
        ("sitemap", "https://site-b.example/weather"),
    ]
    news = links[1].hints
    assert (
        news["published"] == "2024-03-06T09:30:00+00:00"
        and news["title"] == "Ferry terminal to open in 2027"
    )
    assert news["tags"] == ["ferry", "harbour"] and news["images"] == [
        "https://site-b.example/img/ferry.jpg"
    ]
    assert links[2].hints == {"lastmod": None, "published": None, "title": None}


def test_skipped_archive_records_are_counted(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(tmp_path / "a.warc.gz", "wb") as f:
        w = WARCWriter(f, gzip=True)
        for url, ctype in [("https://ex.org/a", "text/html"), ("https://ex.org/s.css", "text/css")]:
            head = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(url, "response", payload=io.BytesIO(HTML), http_headers=head)
            )
    skipped: Counter[str] = Counter()
    assert [r.url for r in iter_source(str(tmp_path), S, skipped)] == ["https://ex.org/a"]  # type: ignore[union-attr]
    assert skipped == Counter({"non-html": 1})


def test_single_file_gets_folder_relative_url(tmp_path: Path) -> None:
    path = CORPUS / "site-a" / "no-canonical.htm"
    [page] = list(iter_source(str(path), S))
    assert isinstance(page, RawPage)
    assert page.url == "file:///site-a/no-canonical.htm" and page.site == "site-a"
    [page] = list(iter_source(str(path), S.replace(site="my-site")))
    assert isinstance(page, RawPage) and page.site == "my-site"


def test_missing_and_unknown(tmp_path: Path) -> None:
    assert [e.reason for e in iter_source(str(tmp_path / "nope"), S)] == ["missing"]
    odd = tmp_path / "data.bin"
    odd.write_bytes(b"\x00\x01\x02")
    assert [e.reason for e in iter_source(str(odd), S)] == ["unknown-format"]
    # Inside a folder, unknown files (images, scripts) are passed over.
    (tmp_path / "style.css").write_text("p { color: red }")
    (tmp_path / "p.html").write_bytes(HTML)
    assert [type(r).__name__ for r in iter_source(str(tmp_path), S)] == ["RawPage"]


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("x.warc.gz", b"WARC/1.0\r\n", "warc"),
        ("crawl.dat", b"WARC/1.1\r\n", "warc"),
        ("a.arc", b"filedesc://a.arc", "warc"),
        (
            "f.xml",
            b'<?xml version="1.0"?>\n<!-- <urlset> --><feed xmlns="http://www.w3.org/2005/Atom">',
            "feed",
        ),
        ("r.xml", b"<rdf:RDF xmlns:rdf='x'>", "feed"),
        ("s.xml.gz", b"<sitemapindex>", "sitemap"),
        ("result.json", b'{\n "name": "c",\n "messages": [', "telegram"),
        ("other.json", b'{"a": 1}', None),
        ("page", b"<!DOCTYPE html><html>", "html"),
        ("p.HTML", b"\x89PNG", "html"),
        ("d.ndjson", b"{}", "jsonl"),
        ("d.tsv", b"url\ttext", "csv"),
    ],
)
def test_detect_kind(name: str, head: bytes, kind: str | None) -> None:
    assert detect_kind(name, head) == kind


# -- HTML and text files --------------------------------------------------------------------


def test_bad_files_give_one_error_each_and_good_ones_survive(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    site = root / "site"
    site.mkdir(parents=True)
    (site / "a-good.html").write_bytes(HTML)
    (site / "b-binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (site / "c-nul.html").write_bytes(b"<html>\x00\x00\x00\x01binary</html>")
    (site / "d-empty.html").write_bytes(b"")
    (site / "e-blank.htm").write_bytes(b"  \n\t ")
    (site / "f-truncated.html.gz").write_bytes(gzip.compress(HTML)[:-10])
    (site / "g-big.html").write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    (site / "h-bomb.html.gz").write_bytes(gzip.compress(b" " * 1_000_000))
    (site / "i-undecodable.txt").write_bytes(bytes(range(128, 256)) * 4)
    (site / "j-good.html.gz").write_bytes(gzip.compress(HTML))
    (site / "k-latin1.txt").write_bytes(
        "Le café était déjà fermé à côté du théâtre.".encode("cp1252")
    )
    records = list(iter_files(str(root), S.replace(max_page_bytes=4000)))
    assert [
        (Path(r.source).name, r.reason if isinstance(r, IngestError) else "ok") for r in records
    ] == [
        ("a-good.html", "ok"),
        ("b-binary.html", "not-html"),
        ("c-nul.html", "not-html"),
        ("d-empty.html", "empty"),
        ("e-blank.htm", "empty"),
        ("f-truncated.html.gz", "gzip-truncated"),
        ("g-big.html", "too-large"),
        ("h-bomb.html.gz", "too-large"),
        ("i-undecodable.txt", "undecodable"),
        ("j-good.html.gz", "ok"),
        ("k-latin1.txt", "ok"),
    ]
    assert records[0].body == HTML and records[9].body == HTML  # type: ignore[union-attr]
    assert records[9].url == "file:///corpus/site/j-good.html.gz"  # type: ignore[union-attr]
    assert records[10].body == "Le café était déjà fermé à côté du théâtre.".encode()  # type: ignore[union-attr]


def test_legacy_encoding_goes_into_content_type(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_bytes(
        "<p>Привет, как дела? Это тестовая страница новостей.</p>".encode("cp1251")
    )
    (tmp_path / "q.html").write_bytes('<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251"))
    p, q = list(iter_files(str(tmp_path), S))
    assert p.content_type == "text/html; charset=cp1251"  # type: ignore[union-attr]
    assert q.content_type == "text/html; charset=windows-1251"  # type: ignore[union-attr]
    assert (
        list(iter_files(str(CORPUS / "site-a" / "harbour-plan.html"), S))[0].content_type
        == "text/html"
    )  # type: ignore[union-attr]


def test_og_url_used_without_canonical(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_bytes(
        b"<head><meta content='https://ex.org/og' property='og:url'></head>" + HTML
    )
    (tmp_path / "q.html").write_bytes(b'<link href="/relative" rel="canonical">' + HTML)
    p, q = list(iter_files(str(tmp_path), S))
    assert p.url == "https://ex.org/og"  # type: ignore[union-attr]
    assert q.url.startswith("file:///")  # type: ignore[union-attr]


# -- feeds and sitemaps: bombs, XXE, malformed --------------------------------------------


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><link>https://ex.org/x</link>
<description>&xxe;</description></item></channel></rss>"""


@pytest.mark.parametrize("kind", ["feed", "sitemap"])
def test_unsafe_and_malformed_xml_in_a_folder(tmp_path: Path, kind: str) -> None:
    good = (CORPUS / "site-b" / ("feed.xml" if kind == "feed" else "sitemap.xml")).read_bytes()
    (tmp_path / "a-good.xml").write_bytes(good)
    (tmp_path / "b-bomb.xml").write_bytes(
        BILLION_LAUGHS.replace(b"ROOT", b"rss" if kind == "feed" else b"urlset")
    )
    (tmp_path / "c-xxe.xml").write_bytes(
        XXE if kind == "feed" else XXE.replace(b"<rss", b"<urlset").replace(b"</rss>", b"</urlset>")
    )
    (tmp_path / "d-broken.xml").write_bytes(b'<?xml version="1.0"?>\n<<<>>>')
    (tmp_path / "e-good.xml").write_bytes(good)
    pages, links, errors = split(list(iter_source(str(tmp_path), S)))
    assert [(Path(e.source).name, e.reason) for e in errors] == [
        ("b-bomb.xml", "xml-unsafe"),
        ("c-xxe.xml", "xml-unsafe"),
        ("d-broken.xml", "xml-malformed"),
    ]
    sources = {Path(r.source).name for r in pages + links}
    assert {"a-good.xml", "e-good.xml"} <= sources
    assert all(b"root:" not in p.body for p in pages)


def test_cut_off_sitemap_keeps_its_complete_entries() -> None:
    good = (CORPUS / "site-b" / "sitemap.xml").read_bytes()
    cut = good[: good.index(b"<url>\n    <loc>https://site-b.example/weather")]
    out = parse_sitemap(cut, "cut.xml")
    assert [r.url for r in out if isinstance(r, LinkRecord)] == [
        "https://site-b.example/ferry-terminal"
    ]
    # The cut is not silent: one row says the sitemap is damaged (issue 10).
    assert [e.reason for e in out if isinstance(e, IngestError)] == ["xml-malformed"]


def test_broken_feed_is_repaired_safely() -> None:
    broken = b"""\n\n<?xml version="1.0"?><rss version="2.0"><channel><title>AT&T news</title>
<item><title>Caf&eacute; &nbsp;opens</title><link>https://ex.org/c?a=1&b=2</link>
<description>&lt;p&gt;Body&lt;/p&gt;</description></item></channel></rss>"""
    [page] = parse_feed(broken, "broken.xml")
    assert isinstance(page, RawPage)
    assert page.url == "https://ex.org/c?a=1&b=2"
    assert page.hints["title"] == "Caf\xe9 \xa0opens" and page.hints["feed_title"] == "AT&T news"


def test_atom_and_rdf_feeds(tmp_path: Path) -> None:
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/blog/">
<title>A</title>
<entry><title>One</title><link href="one"/><id>urn:1</id><updated>2024-05-01T10:00:00Z</updated>
<author><name>Kim</name></author><author><name>Lou</name></author>
<content type="html">&lt;p&gt;Full text&lt;/p&gt;</content></entry>
<entry><title>Two</title><link rel="alternate" href="https://a.example/two"/><link rel="enclosure" href="https://a.example/two.mp3"/>
<summary>Plain &lt;summary&gt;</summary></entry>
<entry><title>Three</title><link rel="alternate" href="/three"/></entry>
</feed>"""
    path = tmp_path / "a.atom.gz"
    path.write_bytes(gzip.compress(atom))
    one, two, three = list(iter_feed(str(path), S))
    assert (
        isinstance(one, RawPage)
        and one.url == "https://a.example/blog/one"
        and b"<body><article><p>Full text</p></article></body>" in one.body
    )
    assert (
        one.hints["authors"] == ["Kim", "Lou"]
        and one.hints["published"] == "2024-05-01T10:00:00+00:00"
    )
    assert (
        isinstance(two, RawPage) and b"<article><p>Plain &lt;summary&gt;</p></article>" in two.body
    )
    assert isinstance(three, LinkRecord) and three.url == "https://a.example/three"
    rdf = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>R</title></channel>
<item><title>I</title><link>https://r.example/i</link><dc:date>2024-01-01</dc:date></item></rdf:RDF>"""
    [item] = parse_feed(rdf, "r.rdf")
    assert isinstance(item, LinkRecord) and item.hints["published"] == "2024-01-01T00:00:00"


def test_sitemap_index_gzip_and_bad_entries(tmp_path: Path) -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://ex.org/s1.xml.gz</loc><lastmod>2024-01-01</lastmod></sitemap>
<sitemap><lastmod>2024-01-02</lastmod></sitemap></sitemapindex>"""
    path = tmp_path / "index.xml.gz"
    path.write_bytes(gzip.compress(index))
    first, bad = list(iter_sitemap(str(path), S))
    assert (
        isinstance(first, LinkRecord)
        and first.kind == "sitemapindex"
        and first.hints["lastmod"] == "2024-01-01"
    )
    assert (
        isinstance(bad, IngestError)
        and bad.reason == "sitemap-entry-no-url"
        and bad.location == "1"
    )
    assert [e.reason for e in parse_sitemap(b"<html><body/></html>", "x")] == ["not-sitemap"]  # type: ignore[union-attr]
    assert [e.reason for e in parse_sitemap(gzip.compress(index)[:-9], "x")] == ["gzip-truncated"]  # type: ignore[union-attr]
    assert [
        e.reason
        for e in parse_sitemap(gzip.compress(b"<urlset>" + b" " * 5000), "x", max_bytes=1000)
    ] == ["too-large"]  # type: ignore[union-attr]


# -- JSONL and CSV --------------------------------------------------------------------------


def test_jsonl_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://ex.org/1", "html": "<p>one</p>", "published": "2024-01-01"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"html": "<p>no url</p>"}),
        json.dumps({"url": "https://ex.org/5"}),
        "",
        json.dumps({"url": "https://ex.org/7", "text": "seven", "authors": "A; B", "tags": ["x"]}),
        json.dumps({"url": "https://ex.org/8", "text": "\ud800 lone surrogate"}),
    ]
    path = tmp_path / "d.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"url": "u", "text": "\xff"}\n')
    out = list(iter_jsonl(str(path), S))
    assert [
        (r.source_offset if isinstance(r, RawPage) else (r.reason, r.location)) for r in out
    ] == [
        1,
        ("json-malformed", "2"),
        ("json-malformed", "3"),
        ("json-malformed", "4"),
        ("empty", "5"),
        7,
        ("undecodable", "8"),
        ("json-malformed", "9"),
    ]
    one, seven = out[0], out[5]
    assert (
        isinstance(one, RawPage)
        and one.content_type == "text/html"
        and one.hints["published_source"] == "input"
    )
    assert isinstance(seven, RawPage) and seven.content_type == "text/plain"
    assert seven.hints["authors"] == ["A", "B"] and seven.hints["published"] is None


def test_gzip_jsonl_and_its_truncation(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"url": f"https://ex.org/{i}", "text": f"row {i} " * 50}) + "\n"
        for i in range(40)
    )
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(gzip.compress(lines.encode()))
    assert [p.source_offset for p in iter_source(str(path), S)] == list(range(1, 41))  # type: ignore[union-attr]
    path.write_bytes(gzip.compress(lines.encode())[:-30])
    out = list(iter_source(str(path), S))
    assert all(isinstance(r, RawPage) for r in out[:-1]) and len(out) > 1
    assert isinstance(out[-1], IngestError) and out[-1].reason == "gzip-truncated"


def test_csv_rows_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(
        b"url,html,title,site\n"
        b'https://ex.org/1,"<p>multi\nline</p>",T1,\n'
        b"https://ex.org/2,<p>two</p>\n"
        b"https://ex.org/3,<p>\xff</p>,T3,s3\n"
        b"https://ex.org/4,<p>four</p>,T4,s4\n"
    )
    out = list(iter_csv(str(path), S.replace(site="fallback")))
    assert [
        (r.source_offset if isinstance(r, RawPage) else (r.reason, r.location)) for r in out
    ] == [
        2,
        ("csv-malformed", "4"),
        ("csv-malformed", "5"),
        6,
    ]
    assert out[0].body == b"<p>multi\nline</p>" and out[0].site == "fallback"  # type: ignore[union-attr]
    assert out[3].site == "s4" and out[3].hints["title"] == "T4"  # type: ignore[union-attr]
    bad_header = tmp_path / "h.csv"
    bad_header.write_text("link,body\nx,y\n")
    assert [e.reason for e in iter_csv(str(bad_header), S)] == ["csv-malformed"]  # type: ignore[union-attr]


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1).filter(
    lambda t: t.strip() != ""
)


@hyp_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(_TEXT, min_size=1, max_size=5))
def test_jsonl_round_trip_is_byte_exact(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "rt.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(
                json.dumps({"url": f"https://ex.org/{i}", "text": t}, ensure_ascii=i % 2 == 0)
                + "\n"
            )
    pages = list(iter_jsonl(str(path), S))
    assert [p.body for p in pages] == [t.encode("utf-8") for t in texts]  # type: ignore[union-attr]


@hyp_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(
        _TEXT.filter(lambda t: "\x00" not in t and "\r" not in t), min_size=1, max_size=4
    )
)
def test_csv_round_trip_is_byte_exact(tmp_path: Path, texts: list[str]) -> None:
    import csv

    path = tmp_path / "rt.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["url", "text"])
        for i, t in enumerate(texts):
            w.writerow([f"https://ex.org/{i}", t])
    pages = list(iter_csv(str(path), S))
    assert [p.body for p in pages] == [t.encode("utf-8") for t in texts]  # type: ignore[union-attr]


# -- Telegram -------------------------------------------------------------------------------


def test_telegram_bad_message_and_malformed_json(tmp_path: Path) -> None:
    export = json.loads((CORPUS / "channel" / "result.json").read_text())
    export["username"] = "harbourwatch"
    export["messages"].insert(
        2, {"id": 99, "type": "message", "date": "2024-03-05T19:00:00", "text": [1, 2]}
    )
    export["messages"].insert(3, "not a message")
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export))
    out = list(iter_telegram(str(path), S))
    assert [(r.url if isinstance(r, RawPage) else (r.reason, r.location)) for r in out] == [
        "https://t.me/harbourwatch/2",
        ("telegram-malformed", "99"),
        ("telegram-malformed", "3"),
        "https://t.me/harbourwatch/3",
    ]
    assert out[0].site == "harbourwatch"  # type: ignore[union-attr]
    path.write_text(json.dumps(export)[:-20])
    assert [e.reason for e in iter_telegram(str(path), S)] == ["json-malformed"]  # type: ignore[union-attr]
    assert [e.reason for e in iter_telegram(str(path), S.replace(max_page_bytes=100))] == [
        "too-large"
    ]  # type: ignore[union-attr]
    path.write_text('{"name": "x", "no_messages": []}')
    assert [e.reason for e in iter_telegram(str(path), S)] == ["json-malformed"]  # type: ignore[union-attr]


def test_telegram_full_export_with_chat_list(tmp_path: Path) -> None:
    channel = json.loads((CORPUS / "channel" / "result.json").read_text())
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"about": "export", "chats": {"about": "", "list": [channel]}}))
    assert [p.url for p in iter_source(str(path), S)] == [
        "https://t.me/c/1744839201/2",
        "https://t.me/c/1744839201/3",
    ]  # type: ignore[union-attr]
