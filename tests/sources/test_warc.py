"""WARC/ARC reading: pages, skips, HTTP decoding, and damaged archives (built in each test)."""

from __future__ import annotations

import gzip
import io
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from copytrail.model import IngestError, RawPage
from copytrail.settings import Settings
from copytrail.sources import warc as warc_module
from copytrail.sources.warc import iter_warc

Rec = tuple[str, str, bytes, list[tuple[str, str]], str]  # url, status, body, headers, type


def html(n: int) -> bytes:
    return f"<html><body><p>Page number {n} with some text.</p></body></html>".encode()


def page(n: int, ctype: str = "text/html; charset=utf-8") -> Rec:
    return (f"https://ex.org/{n}", "200 OK", html(n), [("Content-Type", ctype)], "response")


def build(records: list[Rec], gz: bool) -> tuple[bytes, list[int]]:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    offsets = []
    for url, status, body, headers, rtype in records:
        offsets.append(buf.tell())
        if rtype == "resource":
            rec = writer.create_warc_record(
                url, "resource", payload=io.BytesIO(body), warc_content_type=headers[0][1]
            )
        elif rtype == "revisit":
            rec = writer.create_revisit_record(
                url, digest="sha1:AAAA", refers_to_uri=url, refers_to_date="2024-01-01T00:00:00Z"
            )
        else:
            head = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=head
            )
        writer.write_record(rec)
    return buf.getvalue(), offsets


def run(
    path: Path, settings: Settings | None = None
) -> tuple[list[RawPage], list[IngestError], Counter[str]]:
    skipped: Counter[str] = Counter()
    out = list(iter_warc(str(path), settings or Settings(), skipped))
    pages = [r for r in out if isinstance(r, RawPage)]
    errors = [r for r in out if isinstance(r, IngestError)]
    assert len(pages) + len(errors) == len(out)
    return pages, errors, skipped


@pytest.fixture(params=[True, False], ids=["fastwarc", "warcio"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run each test with the FastWARC fast path and with warcio alone."""
    if not request.param:
        monkeypatch.setattr(warc_module, "HAVE_FASTWARC", False)
    return bool(request.param)


@pytest.mark.parametrize("gz", [True, False], ids=["gz", "plain"])
def test_pages_offsets_and_skips(tmp_path: Path, gz: bool, reader: bool) -> None:
    data, offsets = build(
        [
            page(0),
            (
                "https://ex.org/i.png",
                "200 OK",
                b"\x89PNG\r\n\x1a\n...",
                [("Content-Type", "image/png")],
                "response",
            ),
            (
                "https://ex.org/gone",
                "404 Not Found",
                html(9),
                [("Content-Type", "text/html")],
                "response",
            ),
            ("https://ex.org/r", "", html(3), [("Content-Type", "text/html")], "resource"),
            ("https://ex.org/0", "", b"", [], "revisit"),
            page(4),
        ],
        gz,
    )
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(data)
    pages, errors, skipped = run(path)
    assert errors == []
    assert [(p.url, p.source_offset, p.status, p.kind) for p in pages] == [
        ("https://ex.org/0", offsets[0], 200, "warc"),
        ("https://ex.org/r", offsets[3], None, "warc"),
        ("https://ex.org/4", offsets[5], 200, "warc"),
    ]
    assert pages[0].body == html(0) and pages[1].body == html(3)
    assert pages[0].fetched_at and pages[0].fetched_at.endswith("Z")
    assert pages[0].source == str(path)
    assert (
        pages[0].content_type == "text/html; charset=utf-8" and pages[1].content_type == "text/html"
    )
    assert skipped == Counter({"non-html": 1, "http-status": 1, "revisit": 1})


def test_chunked_and_gzip_bodies_are_decoded(tmp_path: Path, reader: bool) -> None:
    body = html(1)
    zipped = gzip.compress(body)
    chunked = (
        b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (zipped[:10], zipped[10:])) + b"0\r\n\r\n"
    )
    data, _ = build(
        [
            (
                "https://ex.org/c",
                "200 OK",
                chunked,
                [
                    ("Content-Type", "text/html"),
                    ("Transfer-Encoding", "chunked"),
                    ("Content-Encoding", "gzip"),
                ],
                "response",
            ),
            # Already de-chunked by the crawler though the header remained: left alone.
            (
                "https://ex.org/d",
                "200 OK",
                body,
                [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
                "response",
            ),
            # No content type: sniffed as HTML.
            ("https://ex.org/e", "200 OK", body, [], "response"),
        ],
        True,
    )
    path = tmp_path / "c.warc.gz"
    path.write_bytes(data)
    pages, errors, _ = run(path)
    assert errors == []
    assert [p.body for p in pages] == [body, body, body]


@pytest.mark.parametrize("gz", [True, False], ids=["gz", "plain"])
def test_corrupt_record_between_good_ones(tmp_path: Path, gz: bool, reader: bool) -> None:
    png = (
        "https://ex.org/i.png",
        "200 OK",
        b"\x89PNG\r\n\x1a\n...",
        [("Content-Type", "image/png")],
        "response",
    )
    revisit: Rec = ("https://ex.org/0", "", b"", [], "revisit")
    data, offsets = build([page(0), png, revisit, page(1), page(2), png, page(3)], gz)
    damaged = bytearray(data)
    s = offsets[3]
    if gz:
        damaged[s + 20 : s + 60] = b"\x00" * 40  # deflate data destroyed
    else:
        damaged[s : s + 8] = b"XXXX/1.0"  # record header destroyed
    path = tmp_path / ("d.warc.gz" if gz else "d.warc")
    path.write_bytes(bytes(damaged))
    pages, errors, skipped = run(path)
    assert [p.url for p in pages] == ["https://ex.org/0", "https://ex.org/2", "https://ex.org/3"]
    assert [(e.reason, e.location) for e in errors] == [("warc-corrupt", str(offsets[3]))]
    assert [p.source_offset for p in pages] == [offsets[0], offsets[4], offsets[6]]
    # Records re-read while getting past the damage are not counted twice.
    assert skipped == Counter({"non-html": 2, "revisit": 1})


@pytest.mark.parametrize("gz", [True, False], ids=["gz", "plain"])
def test_truncated_last_record(tmp_path: Path, gz: bool, reader: bool) -> None:
    data, offsets = build([page(0), page(1), page(2)], gz)
    path = tmp_path / ("t.warc.gz" if gz else "t.warc")
    path.write_bytes(data[:-30])
    pages, errors, _ = run(path)
    assert [p.url for p in pages] == ["https://ex.org/0", "https://ex.org/1"]
    assert len(errors) == 1
    assert errors[0].reason == ("gzip-truncated" if gz else "warc-corrupt")
    assert errors[0].location == str(offsets[2])


def test_size_cap_and_bad_bodies(tmp_path: Path, reader: bool) -> None:
    big = b"<html><body>" + b"<p>word</p>" * 500 + b"</body></html>"
    data, offsets = build(
        [
            page(0),
            ("https://ex.org/big", "200 OK", big, [("Content-Type", "text/html")], "response"),
            (
                "https://ex.org/png",
                "200 OK",
                b"\x89PNG\r\n\x1a\nxxxx",
                [("Content-Type", "text/html")],
                "response",
            ),
            ("https://ex.org/empty", "200 OK", b"", [("Content-Type", "text/html")], "response"),
            (
                "https://ex.org/bomb",
                "200 OK",
                gzip.compress(b" " * 100_000),
                [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                "response",
            ),
            page(5),
        ],
        True,
    )
    path = tmp_path / "s.warc.gz"
    path.write_bytes(data)
    pages, errors, _ = run(path, Settings(max_page_bytes=2000))
    assert [p.url for p in pages] == ["https://ex.org/0", "https://ex.org/5"]
    assert [(e.reason, e.location) for e in errors] == [
        ("too-large", str(offsets[1])),
        ("not-html", str(offsets[2])),
        ("empty", str(offsets[3])),
        ("too-large", str(offsets[4])),
    ]


def _arc(records: list[tuple[str, bytes]]) -> bytes:
    version = b"1 0 Internet Archive\nURL IP-address Archive-date Content-type Archive-length\n"
    out = (
        b"filedesc://t.arc 0.0.0.0 20240101000000 text/plain %d\n" % len(version) + version + b"\n"
    )
    for url, body in records:
        http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
        out += (
            b"%s 1.2.3.4 20240102030405 text/html %d\n" % (url.encode(), len(http)) + http + b"\n"
        )
    return out


@pytest.mark.parametrize("gz", [True, False], ids=["gz", "plain"])
def test_arc_files(tmp_path: Path, gz: bool) -> None:
    raw = _arc([("http://ex.org/a", html(1)), ("http://ex.org/b", html(2))])
    path = tmp_path / ("x.arc.gz" if gz else "x.arc")
    path.write_bytes(gzip.compress(raw) if gz else raw)
    pages, errors, _ = run(path)
    assert errors == []
    assert [(p.url, p.kind, p.fetched_at, p.body) for p in pages] == [
        ("http://ex.org/a", "arc", "2024-01-02T03:04:05Z", html(1)),
        ("http://ex.org/b", "arc", "2024-01-02T03:04:05Z", html(2)),
    ]


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "x.warc"
    path.write_bytes(b"<html>hello</html>")
    pages, errors, _ = run(path)
    assert pages == [] and [e.reason for e in errors] == ["warc-corrupt"]


def test_whole_file_gzip_warc(tmp_path: Path, reader: bool) -> None:
    """A WARC gzipped as one member (not per record) is still read, as a stream."""
    data, offsets = build([page(0), page(1), page(2)], False)
    path = tmp_path / "w.warc.gz"
    path.write_bytes(gzip.compress(data))
    pages, errors, _ = run(path)
    assert errors == []
    assert [(p.url, p.source_offset) for p in pages] == [
        (f"https://ex.org/{i}", offsets[i]) for i in range(3)
    ]
    path.write_bytes(gzip.compress(data)[:-12])  # trailer and the last bytes of record 3
    pages, errors, _ = run(path)
    assert [p.url for p in pages] == ["https://ex.org/0", "https://ex.org/1"]
    assert [e.reason for e in errors] == ["gzip-truncated"]


def test_arc_member_per_record(tmp_path: Path) -> None:
    version = _arc([])
    one = _arc([("http://ex.org/a", html(1))])[len(version) :]
    path = tmp_path / "m.arc.gz"
    path.write_bytes(gzip.compress(version) + gzip.compress(one))
    pages, errors, _ = run(path)
    assert errors == [] and [p.url for p in pages] == ["http://ex.org/a"]
    assert pages[0].source_offset == len(gzip.compress(version))


@pytest.mark.parametrize("gz", [True, False], ids=["gz", "plain"])
def test_damage_anywhere_in_a_record_loses_only_that_record(
    tmp_path: Path, gz: bool, reader: bool
) -> None:
    """Four bad bytes at every position of one record: the other records always come out,
    errors point into the damaged record, no damaged text or URL passes as a good page (gzip
    members and sha1 block digests catch changed bytes; header values are checked), and damage
    that changes content is always reported."""
    png = (
        "https://ex.org/i.png",
        "200 OK",
        b"\x89PNG\r\n\x1a\n...",
        [("Content-Type", "image/png")],
        "response",
    )
    data, offsets = build([page(0), png, page(1), page(2), png, page(3)], gz)
    start, end = offsets[2], offsets[3]
    path = tmp_path / ("x.warc.gz" if gz else "x.warc")
    # Past the gzip header (mtime, flags) or the WARC header (ids, digests, dates), every
    # damaged byte changes the record's content: that must always be reported.
    must_report = start + 10 if gz else data.index(b"\r\n\r\n", start) + 4
    for pos in range(start, end - 4, 7):
        damaged = bytearray(data)
        damaged[pos : pos + 4] = b"\x00\xff\x00\xff"
        path.write_bytes(bytes(damaged))
        pages, errors, _ = run(path)
        got = {p.url: p.body for p in pages}
        assert {"https://ex.org/0", "https://ex.org/2", "https://ex.org/3"} <= set(got), pos - start
        assert set(got) <= {f"https://ex.org/{i}" for i in range(4)}, pos - start
        assert all(body == html(int(url[-1])) for url, body in got.items()), pos - start
        assert all(start <= int(e.location or -1) <= end for e in errors), (pos - start, errors)
        assert errors or pos + 4 <= must_report, pos - start


def test_brotli_body_and_brotli_bomb(tmp_path: Path) -> None:
    brotli = pytest.importorskip("brotli")
    data, offsets = build(
        [
            (
                "https://ex.org/br",
                "200 OK",
                brotli.compress(html(1)),
                [("Content-Type", "text/html"), ("Content-Encoding", "br")],
                "response",
            ),
            (
                "https://ex.org/bomb",
                "200 OK",
                brotli.compress(b" " * 5_000_000, quality=1),
                [("Content-Type", "text/html"), ("Content-Encoding", "br")],
                "response",
            ),
        ],
        True,
    )
    path = tmp_path / "b.warc.gz"
    path.write_bytes(data)
    pages, errors, _ = run(path, Settings(max_page_bytes=100_000))
    assert [p.body for p in pages] == [html(1)]
    assert [(e.reason, e.location) for e in errors] == [("too-large", str(offsets[1]))]
