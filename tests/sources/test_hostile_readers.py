"""Regression tests for the hostile inputs of issue 10, readers half: one class per test.

Every input is invented and written by the test. Each test checks the conclusion a user sees:
which pages are kept (with which URL, title, date), and which error row, with which reason and
which limit named, stands for what could not be read.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources import READERS, iter_source
from copytrail.sources.feeds import parse_feed
from copytrail.sources.sitemaps import parse_sitemap
from copytrail.sources.warc import iter_warc

S = Settings()
PARA = "The harbour council voted on Tuesday to keep the old ferry running for another year."


def records(path: Path, settings: Settings = S, skipped: Counter[str] | None = None) -> list:
    return list(iter_source(str(path), settings, skipped))


def pages_of(recs: list) -> dict[str, RawPage]:
    return {r.url: r for r in recs if isinstance(r, RawPage)}


def errors_of(recs: list) -> list[tuple[str, str | None]]:
    return [(r.reason, r.location) for r in recs if isinstance(r, IngestError)]


def rss(items: str, channel_link: str = "https://news.example/") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
        f"<link>{channel_link}</link>{items}</channel></rss>"
    ).encode()


def item(link: str, extra: str = "", body: str = f"&lt;p&gt;{PARA}&lt;/p&gt;") -> str:
    return f"<item><title>Ferry</title><link>{link}</link>{extra}<description>{body}</description></item>"


# -- exceptions that escaped the readers -------------------------------------------------------


def test_invalid_ipv6_links_cost_their_entry_only(tmp_path: Path) -> None:
    path = tmp_path / "f.rss"
    path.write_bytes(rss(item("http://[::1/x") + item("https://news.example/ok")))
    recs = records(path)
    assert list(pages_of(recs)) == ["https://news.example/ok"]
    assert errors_of(recs) == [("feed-entry-bad-url", "0")]
    # A broken channel link or xml:base is ignored: absolute entry links still resolve.
    path.write_bytes(rss(item("https://news.example/a"), channel_link="http://[fe80::1"))
    assert list(pages_of(records(path))) == ["https://news.example/a"]
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://[::x"><entry xml:base="http://[">'
        b'<title>t</title><link href="https://atom.example/1"/><content type="html">&lt;p&gt;x&lt;/p&gt;'
        b"</content></entry></feed>"
    )
    assert [r.url for r in parse_feed(atom, "a.atom")] == ["https://atom.example/1"]
    # fetch parses crawled feeds with the same function and a base URL
    assert [
        r.reason
        for r in parse_feed(rss(item("http://[")), "f", base_url="https://x.example/")
        if isinstance(r, IngestError)
    ] == ["feed-entry-bad-url"]


def test_invalid_ipv6_sitemap_locations_cost_their_entry_only() -> None:
    doc = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://[::1/x</loc></url>'
        b"<url><loc>https://map.example/ok</loc></url></urlset>"
    )
    out = parse_sitemap(doc, "s.xml")
    assert [r.url for r in out if isinstance(r, LinkRecord)] == ["https://map.example/ok"]
    assert [(e.reason, e.location) for e in out if isinstance(e, IngestError)] == [
        ("sitemap-entry-bad-url", "0")
    ]


def test_overflowing_dates_keep_the_entry_undated(tmp_path: Path) -> None:
    path = tmp_path / "f.rss"
    date = f"<pubDate>Tue, 02 Jan 2024 {'9' * 20}:00:00 GMT</pubDate>"
    path.write_bytes(rss(item("https://news.example/h", extra=date)))
    (page,) = pages_of(records(path)).values()
    assert page.hints["title"] == "Ferry" and page.hints["published"] is None


def telegram(messages: list[str]) -> str:
    return (
        '{"name": "Harbour", "type": "public_channel", "id": 55, "messages": ['
        + ", ".join(messages)
        + "]}"
    )


def test_telegram_id_1e400_and_huge_unixtime(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(
        telegram(
            [
                '{"id": 1e400, "type": "message", "date": "2024-01-02T03:04:05", "text": "lost id"}',
                '{"id": 2, "type": "message", "date": "2024-01-03T04:05:06", "date_unixtime": "'
                + "9" * 30
                + '", "text": "kept"}',
            ]
        )
    )
    recs = records(path)
    assert errors_of(recs) == [("telegram-malformed", "inf")]  # located by its (absurd) id
    (page,) = pages_of(recs).values()
    assert page.url == "https://t.me/c/55/2" and page.hints["published"] == "2024-01-03T04:05:06"


# -- nesting depth -----------------------------------------------------------------------------


def deep_atom(depth: int) -> bytes:
    return (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>D</title><entry><title>deep</title>'
        '<link href="https://d.example/1"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        + "<div>" * depth
        + "x"
        + "</div>" * depth
        + '</div></content></entry><entry><title>fine</title><link href="https://d.example/2"/>'
        f'<content type="html">&lt;p&gt;{PARA}&lt;/p&gt;</content></entry></feed>'
    ).encode()


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deep_atom_xhtml_is_one_error_row(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.atom"
    path.write_bytes(deep_atom(depth))
    recs = records(path)
    assert list(pages_of(recs)) == ["https://d.example/2"]
    (err,) = [r for r in recs if isinstance(r, IngestError)]
    assert (err.reason, err.location) == ("too-deep", "0") and "max_depth 400" in err.detail
    # The limit is a setting: a shallow entry passes under the default and fails under 2.
    path.write_bytes(deep_atom(3))
    assert len(pages_of(records(path))) == 2
    assert errors_of(records(path, S.replace(max_depth=2))) == [("too-deep", "0")]


def test_million_deep_atom_does_not_kill_the_process(tmp_path: Path) -> None:
    """It segfaulted in copy.deepcopy: run it in a child so a regression cannot take pytest down."""
    path = tmp_path / "deep.atom"
    path.write_bytes(deep_atom(1_000_000))
    code = (
        "import sys; from copytrail.sources import iter_source; from copytrail.settings import Settings\n"
        "for r in iter_source(sys.argv[1], Settings()):\n"
        "    print(type(r).__name__, getattr(r, 'reason', None) or r.url)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.split("\n")[:2] == ["IngestError too-deep", "RawPage https://d.example/2"]


def test_deep_json_jsonl_and_telegram(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    good = json.dumps({"url": "https://rows.example/1", "text": PARA})
    (tmp_path / "rows.jsonl").write_text(
        f'{good}\n{{"url": "https://rows.example/2", "text": "x", "n": {deep}}}\n'
    )
    recs = records(tmp_path / "rows.jsonl")
    assert list(pages_of(recs)) == ["https://rows.example/1"] and errors_of(recs) == [
        ("too-deep", "2")
    ]
    (tmp_path / "rows.json").write_text(f"[{good}, {deep}]")
    recs = records(tmp_path / "rows.json")
    assert list(pages_of(recs)) == ["https://rows.example/1"] and errors_of(recs) == [
        ("too-deep", "2")
    ]
    (tmp_path / "result.json").write_text(telegram([deep]))
    assert errors_of(records(tmp_path / "result.json")) == [("too-deep", None)]


# -- encodings ---------------------------------------------------------------------------------

TITLE_JA = "港の投票"
TITLE_ZH = "港口投票"


@pytest.mark.parametrize(
    ("declared", "codec", "title"),
    [
        ("Shift_JIS", "shift_jis", TITLE_JA),
        ("EUC-JP", "euc_jp", TITLE_JA),
        ("GB18030", "gb18030", TITLE_ZH),
        ("Big5", "big5", TITLE_ZH),
        ("UTF-32", "utf-32", TITLE_JA),  # with its BOM
        ("UTF-32", "utf-32-le", TITLE_JA),  # without: sniffed from the layout of "<?"
        ("UTF-7", "utf-7", TITLE_JA),
    ],
)
def test_feeds_in_other_encodings_are_read(
    tmp_path: Path, declared: str, codec: str, title: str
) -> None:
    doc = (
        f'<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://enc.example/</link><item><title>{title}</title><link>/1</link>"
        f"<description>&lt;p&gt;{title}。{title}。&lt;/p&gt;</description></item></channel></rss>"
    )
    path = tmp_path / "feed.rss"
    path.write_bytes(doc.encode(codec))
    (page,) = records(path)
    assert isinstance(page, RawPage)
    assert (page.url, page.hints["title"], page.hints["feed_title"]) == (
        "https://enc.example/1",
        title,
        title,
    )
    assert f"<p>{title}。{title}。</p>" in page.body.decode("utf-8")


def test_unknown_encoding_is_one_error_row(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(b'<?xml version="1.0" encoding="x-martian"?><rss><channel/></rss>')
    (err,) = records(path)
    assert (
        isinstance(err, IngestError) and err.reason == "undecodable" and "x-martian" in err.detail
    )


# -- numbers and text that cannot be stored ----------------------------------------------------


def test_json_integers_past_4300_digits_keep_the_row(tmp_path: Path) -> None:
    row = '{"n": ' + "9" * 5000 + f', "url": "https://rows.example/big", "text": "{PARA}"}}'
    (tmp_path / "rows.jsonl").write_text(row + "\n")
    (tmp_path / "rows.json").write_text(f"[{row}]")
    for name in ("rows.jsonl", "rows.json"):
        recs = records(tmp_path / name)
        assert list(pages_of(recs)) == ["https://rows.example/big"], name


def test_lone_surrogates_are_replaced_before_the_store(tmp_path: Path) -> None:
    from copytrail.pipeline import ingest
    from copytrail.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    row = {
        "url": "https://rows.example/s\ud800",
        "text": PARA,
        "title": "bad \ud800 title",
        "authors": ["\udfff"],
    }
    (folder / "rows.jsonl").write_text(json.dumps(row) + "\n")
    # A file name that is not UTF-8 reaches Python as a surrogate escape.
    (folder / os.fsdecode(b"bad-\xff.rss")).write_bytes(b"<rss><channel></channel></rss>")
    recs = records(folder)
    page = pages_of(recs)["https://rows.example/s\ufffd"]
    assert page.hints["title"] == "bad \ufffd title" and page.hints["authors"] == ["\ufffd"]
    bad = [r for r in recs if isinstance(r, IngestError)]
    assert [(Path(e.source).name, e.reason) for e in bad] == [("bad-\ufffd.rss", "empty")]
    with Store(":memory:") as store:
        ingest([str(folder)], Settings(workers=1, progress=False, boilerplate=False), store)
        assert store.con.execute(
            "SELECT reason FROM errors WHERE source LIKE '%bad-%'"
        ).fetchall() == [("empty",)]
        assert store.con.execute("SELECT title FROM articles").fetchall() == [("bad \ufffd title",)]


# -- unbounded resources -----------------------------------------------------------------------


def bomb(prefix: bytes, megabytes: int) -> bytes:
    member = gzip.compress(b"\0" * (1 << 20), 9)
    return gzip.compress(prefix) + member * megabytes


@pytest.mark.parametrize("name", ["bomb.jsonl.gz", "bomb.csv.gz"])
def test_gzip_bombs_stop_at_the_limits(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bomb(b"url,text\n" if "csv" in name else b"", 8))
    small = S.replace(max_decompressed_bytes=4_000_000, max_line_bytes=100_000)
    recs = records(path, small)
    reasons = [(r.reason, r.detail) for r in recs if isinstance(r, IngestError)]
    assert [r for r, _ in reasons] == ["too-large", "too-large"]
    assert (
        "max_line_bytes 100000" in reasons[0][1]
        and "max_decompressed_bytes 4000000" in reasons[1][1]
    )


def test_a_long_line_costs_that_line_only(tmp_path: Path) -> None:
    good = [json.dumps({"url": f"https://rows.example/{i}", "text": PARA}) for i in range(2)]
    long = json.dumps({"url": "https://rows.example/long", "text": "x" * 5000})
    (tmp_path / "rows.jsonl").write_text(f"{good[0]}\n{long}\n{good[1]}\n")
    recs = records(tmp_path / "rows.jsonl", S.replace(max_line_bytes=1000))
    assert list(pages_of(recs)) == ["https://rows.example/0", "https://rows.example/1"]
    assert errors_of(recs) == [("too-large", "2")]
    (tmp_path / "rows.csv").write_text(
        f"url,text\nhttps://rows.example/0,a\nhttps://rows.example/l,{'x' * 5000}\nhttps://rows.example/1,b\n"
    )
    recs = records(tmp_path / "rows.csv", S.replace(max_line_bytes=1000))
    assert list(pages_of(recs)) == ["https://rows.example/0", "https://rows.example/1"]
    assert errors_of(recs) == [("too-large", "3")]


def test_huge_feed_entry_is_refused_before_extraction(tmp_path: Path) -> None:
    huge = "<p>" + PARA * 40_000 + "</p>"
    path = tmp_path / "f.rss"
    path.write_bytes(
        rss(
            item("https://news.example/huge", body=f"<![CDATA[{huge}]]>")
            + item("https://news.example/ok")
        )
    )
    recs = records(path)
    assert list(pages_of(recs)) == ["https://news.example/ok"]
    (err,) = [r for r in recs if isinstance(r, IngestError)]
    assert (
        err.reason == "too-large" and "max_feed_entry_bytes" in err.detail and err.location == "0"
    )


# -- silent drops ------------------------------------------------------------------------------


def test_truncated_feed_keeps_its_entries_and_says_so(tmp_path: Path) -> None:
    whole = rss(
        item("https://news.example/1")
        + item("https://news.example/2")
        + item("https://news.example/3")
    )
    path = tmp_path / "f.rss"
    path.write_bytes(whole[: whole.index(b"https://news.example/3") + 5])
    recs = records(path)
    assert list(pages_of(recs)) == ["https://news.example/1", "https://news.example/2"]
    assert [e for e, _ in errors_of(recs)][-1] == "xml-malformed"


def test_truncated_arc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    info = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    data = b"filedesc://t.arc 0.0.0.0 20240101000000 text/plain %d\n%s\n" % (len(info), info)
    for i in range(3):
        rec = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>%d %s</p></body></html>"
            % (i, PARA.encode())
        )
        data += b"https://arc.example/%d 10.0.0.1 20240101000000 text/html %d\n%s\n" % (
            i,
            len(rec),
            rec,
        )
    path = tmp_path / "t.arc"
    path.write_bytes(data[: data.index(b"<p>2") + 3])
    recs = records(path)
    assert list(pages_of(recs)) == ["https://arc.example/0", "https://arc.example/1"]
    assert [e for e, _ in errors_of(recs)] == ["warc-corrupt"]


def test_every_file_in_a_folder_is_accounted(tmp_path: Path) -> None:
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (tmp_path / "broken.json").write_bytes(b'{"no": "closing brace"')
    (tmp_path / "rows.json").write_bytes(b'[{"url": "https://rows.example/1", "text": "x"')
    (tmp_path / "empty.rss").write_bytes(rss(""))
    skipped: Counter[str] = Counter()
    recs = records(tmp_path, skipped=skipped)
    assert sorted((Path(r.source).name, r.reason) for r in recs if isinstance(r, IngestError)) == [
        ("empty.rss", "empty"),
        ("rows.json", "json-malformed"),
    ]
    assert skipped == Counter({"unsupported .pdf": 1, "unsupported .json": 1})


def test_plain_text_rss_description_keeps_title_link_date_and_text(tmp_path: Path) -> None:
    from copytrail.extract import extract_page

    date = "<pubDate>Mon, 01 Jan 2024 08:00:00 GMT</pubDate>"
    path = tmp_path / "f.rss"
    path.write_bytes(
        rss(item("https://news.example/p", extra=date, body=f"{PARA} A &amp; B agreed."))
    )
    (page,) = records(path)
    assert isinstance(page, RawPage)
    (article,) = extract_page(page, Settings(workers=1))
    assert (article.url, article.title, article.published) == (
        "https://news.example/p",
        "Ferry",
        "2024-01-01T08:00:00+00:00",
    )
    assert article.text == f"{PARA} A & B agreed."


def full_export() -> str:
    chat = json.loads(
        telegram(['{"id": 3, "type": "message", "date": "2024-01-02T03:04:05", "text": "hello"}'])
    )
    export = {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 1, "bio": "b" * 10_000},
        "contacts": {"list": []},
        "chats": {"about": "chats", "list": [chat | {"type": "private_group", "name": "Group"}]},
        "left_chats": {"list": [chat | {"id": 56, "name": "Left"}]},
    }
    return json.dumps(export)


def test_full_account_telegram_export_as_file_and_in_folder(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(full_export())
    assert sorted(pages_of(records(path))) == ["https://t.me/c/55/3", "https://t.me/c/56/3"]
    assert sorted(pages_of(records(tmp_path))) == ["https://t.me/c/55/3", "https://t.me/c/56/3"]


# -- real archives -----------------------------------------------------------------------------


def warc(date: bytes, uri: bytes = b"https://warc.example/a") -> bytes:
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>"
        + PARA.encode()
        + b"</p></body></html>"
    )
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: "
        + uri
        + b"\r\nWARC-Date: "
        + date
        + b"\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: %d\r\n\r\n" % len(http)
    )
    return head + http + b"\r\n\r\n"


@pytest.mark.parametrize(
    ("date", "fetched"),
    [
        (b"2008-10-294T05:21:46-0700", None),
        (b"2019-08-15T01:02", "2019-08-15T01:02:00Z"),
        (b"2019-08-15T01:02:03+0200", "2019-08-14T23:02:03Z"),
    ],
)
def test_non_standard_warc_dates_keep_the_page(
    tmp_path: Path, date: bytes, fetched: str | None
) -> None:
    path = tmp_path / "c.warc"
    path.write_bytes(warc(date))
    (page,) = records(path)
    assert isinstance(page, RawPage) and page.url == "https://warc.example/a"
    assert page.fetched_at == fetched
    assert date.decode() in page.hints["warc_date_note"]


def test_spaces_in_archived_urls(tmp_path: Path) -> None:
    path = tmp_path / "s.warc"
    path.write_bytes(warc(b"2024-01-01T00:00:00Z", b"https://warc.example/a b"))
    assert list(pages_of(records(path))) == ["https://warc.example/a%20b"]
    info = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>"
        + PARA.encode()
        + b"</p></body></html>"
    )
    arc = b"filedesc://t.arc 0.0.0.0 20240101000000 text/plain %d\n%s\n" % (len(info), info)
    arc += b"https://arc.example/a b 10.0.0.1 20240101000000 text/html %d\n%s\n" % (len(http), http)
    path = tmp_path / "s.arc.gz"
    path.write_bytes(gzip.compress(arc))
    assert list(pages_of(records(path))) == ["https://arc.example/a%20b"]


def test_lz4_warc_read_through_fastwarc(tmp_path: Path) -> None:
    stream_io = pytest.importorskip("fastwarc.stream_io")
    out = io.BytesIO()
    w = stream_io.Lz4Writer(out)
    w.write(
        warc(b"2024-01-01T00:00:00Z") + warc(b"2024-01-02T00:00:00Z", b"https://warc.example/b")
    )
    w.close()
    for name in ("crawl.warc.lz4", "crawl.bin"):  # by its name, or by its magic number
        path = tmp_path / name
        path.write_bytes(out.getvalue())
        assert list(pages_of(records(path))) == [
            "https://warc.example/a",
            "https://warc.example/b",
        ], name
    counts: Counter[str] = Counter()
    assert len([r for r in iter_warc(str(path), S, counts) if isinstance(r, RawPage)]) == 2


# -- the boundary around every reader ----------------------------------------------------------


def test_a_reader_that_raises_keeps_what_it_gave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: str, settings: Settings):  # type: ignore[no-untyped-def]
        yield LinkRecord(url="https://x.example/1", source=path, kind="feed")
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(READERS, "jsonl", broken)
    (tmp_path / "a.jsonl").write_text("{}\n")
    (tmp_path / "b.txt").write_text(PARA)
    recs = records(tmp_path)
    assert [type(r).__name__ for r in recs] == ["LinkRecord", "IngestError", "RawPage"]
    assert recs[1].reason == "read-failed" and recs[1].detail.startswith("RecursionError")
