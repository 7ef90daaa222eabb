"""The polite crawler against a real local HTTP server (127.0.0.1, free port)."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from copytrail.model import RawPage
from copytrail.settings import Settings
from copytrail.sources import netguard
from copytrail.sources.fetch import fetch
from copytrail.sources.warc import iter_warc


def page(name: str) -> bytes:
    return f"<html><head><title>{name}</title></head><body><p>Article {name}.</p></body></html>".encode()


class Handler(BaseHTTPRequestHandler):
    hits: Counter[str]

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str = "text/html; charset=utf-8",
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:  # the client gave up (timeout test)
            pass

    def do_GET(self) -> None:  # noqa: C901 - one route table
        path = self.path
        self.server.hits[path] += 1  # type: ignore[attr-defined]
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/robots.txt":
            status, body = self.server.robots  # type: ignore[attr-defined]
            self._send(status, body, "text/plain")
        elif path in ("/a", "/c", "/private/x"):
            self._send(200, page(path))
        elif path == "/flaky":
            if self.server.hits[path] == 1:  # type: ignore[attr-defined]
                self._send(503, b"busy", "text/plain", {"Retry-After": "0"})
            else:
                self._send(200, page(path))
        elif path == "/always503":
            self._send(503, b"down", "text/plain")
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * 20_000 + b"</p>")
        elif path in ("/stream-big", "/chunked"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            pieces = [b"<p>" + b"y" * 1000 + b"</p>"] * (20 if path == "/stream-big" else 1)
            for piece in pieces:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        elif path == "/caf%C3%A9%20au%20lait":
            self._send(200, page("café"))
        elif path == "/gz":
            self._send(200, gzip.compress(page("gz")), extra={"Content-Encoding": "gzip"})
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, page("slow"))
        elif path in ("/trickle-headers", "/trickle-body"):
            # A byte every 0.2 s: each read gets a byte well within any socket timeout.
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Pad: " + b"a" * 40 + b"\r\n"
            body = page("trickle")
            self.wfile.write(head if path == "/trickle-body" else b"")
            slow = (
                head
                if path == "/trickle-headers"
                else b"Content-Length: %d\r\n\r\n" % len(body) + body
            )
            try:
                for i in range(len(slow)):
                    self.wfile.write(slow[i : i + 1])
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:  # the client gave up
                pass
            self.close_connection = True
        elif path == "/redirect-ok":
            self._send(301, b"", extra={"Location": "/a"})
        elif path == "/redirect-private":
            self._send(302, b"", extra={"Location": "http://169.254.169.254/latest/meta-data/"})
        elif path == "/sitemap.xml":
            urls = "".join(
                f"<url><loc>{base}{p}</loc></url>"
                for p in ("/a", "/private/x", "/flaky", "/c", "/a")
            )
            self._send(
                200,
                f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode(),
                "application/xml",
            )
        elif path == "/index.xml":
            body = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{base}/sitemap.xml</loc></sitemap></sitemapindex>'
            self._send(200, gzip.compress(body.encode()), "application/x-gzip")
        elif path == "/bad-feed.xml":
            links = ("http://[::1/broken", "http://[zz::1]/x", f"{base}/a", f"{base}/c")
            items = "".join(f"<item><title>t</title><link>{u}</link></item>" for u in links)
            self._send(
                200,
                f'<rss version="2.0"><channel><title>F</title><link>http://[bad/</link>{items}</channel></rss>'.encode(),
                "application/rss+xml",
            )
        elif path == "/feed.xml":
            items = "".join(
                f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in ("/a", "/c")
            )
            self._send(
                200,
                f'<rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode(),
                "application/rss+xml",
            )
        else:
            self._send(404, b"not found", "text/plain")


SERVERS: list[ThreadingHTTPServer] = []


@pytest.fixture
def server() -> Iterator[tuple[str, Counter[str]]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    SERVERS.append(httpd)
    httpd.daemon_threads = True
    httpd.hits = Counter()  # type: ignore[attr-defined]
    httpd.robots = (200, b"User-agent: *\nDisallow: /private\n")  # type: ignore[attr-defined]
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", httpd.hits  # type: ignore[attr-defined]
    SERVERS.pop()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local(tmp_path: Path) -> Settings:
    return Settings(
        allow_private=True,
        fetch_delay=0.001,
        fetch_timeout=3.0,
        fetch_retries=2,
        warc_dir=str(tmp_path / "warc"),
    )


def warc_records(path: str) -> list[tuple[str, str | None, int | None]]:
    out = []
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            status = (
                rec.http_headers.get_statuscode()
                if rec.http_headers and rec.rec_type == "response"
                else None
            )
            out.append(
                (
                    rec.rec_type,
                    rec.rec_headers.get_header("WARC-Target-URI"),
                    int(status) if status else None,
                )
            )
    return out


def test_sitemap_index_crawl_with_robots_retry_and_dedup(
    server: tuple[str, Counter[str]], local: Settings
) -> None:
    base, hits = server
    result = fetch([base + "/index.xml"], local)
    assert result.errors == []
    assert result.fetched == 5  # index, sitemap, /a, /flaky (after one 503), /c
    assert result.skipped == {"robots": 1, "duplicate": 1}
    assert hits["/flaky"] == 2 and hits["/private/x"] == 0 and hits["/robots.txt"] == 1
    assert Path(result.warc_path).parent == Path(local.warc_dir) and result.warc_path.endswith(
        ".warc.gz"
    )
    records = warc_records(result.warc_path)
    responses = [(uri, status) for kind, uri, status in records if kind == "response"]
    assert responses == [
        (base + "/robots.txt", 200),
        (base + "/index.xml", 200),
        (base + "/sitemap.xml", 200),
        (base + "/a", 200),
        (base + "/flaky", 503),
        (base + "/flaky", 200),
        (base + "/c", 200),
    ]
    assert [k for k, _, _ in records].count("request") == len(responses)
    with open(result.warc_path, "rb") as f:
        ips = {
            r.rec_headers.get_header("WARC-IP-Address")
            for r in ArchiveIterator(f)
            if r.rec_type == "response"
        }
    assert ips == {"127.0.0.1"}
    assert records[0][0] == "warcinfo"
    # The pipeline's reader gets exactly the three HTML pages back.
    skipped: Counter[str] = Counter()
    pages = list(iter_warc(result.warc_path, Settings(), skipped))
    assert [(p.url, p.status, p.body) for p in pages if isinstance(p, RawPage)] == [
        (base + "/a", 200, page("/a")),
        (base + "/flaky", 200, page("/flaky")),
        (base + "/c", 200, page("/c")),
    ]
    assert skipped == Counter({"non-html": 3, "http-status": 1})


def test_refused_without_allow_private(server: tuple[str, Counter[str]], local: Settings) -> None:
    base, hits = server
    port = base.rsplit(":", 1)[1]
    targets = [base + "/a", f"http://localhost:{port}/c", f"http://[::ffff:127.0.0.1]:{port}/a"]
    result = fetch(targets, local.replace(allow_private=False))
    assert result.fetched == 0
    assert [e.reason for e in result.errors] == ["fetch-refused"] * 3
    assert "loopback" in result.errors[0].detail
    assert sum(hits.values()) == 0  # nothing ever reached the server


def test_redirect_to_private_address_is_refused(
    server: tuple[str, Counter[str]], local: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, hits = server
    original = netguard.blocked_reason
    # Treat the test server's 127.0.0.1 as public so that the redirect hop is what is refused.
    monkeypatch.setattr(
        netguard, "blocked_reason", lambda ip: None if str(ip) == "127.0.0.1" else original(ip)
    )
    result = fetch(
        [base + "/redirect-private", base + "/redirect-ok"], local.replace(allow_private=False)
    )
    assert [(e.reason, e.location) for e in result.errors] == [
        ("fetch-refused", base + "/redirect-private")
    ]
    assert "169.254.169.254" in result.errors[0].detail
    assert result.fetched == 1 and hits["/a"] == 1  # the ordinary redirect was followed


def test_size_cap_abandons_download(server: tuple[str, Counter[str]], local: Settings) -> None:
    base, _ = server
    result = fetch(
        [base + "/big", base + "/stream-big", base + "/chunked"], local.replace(max_page_bytes=5000)
    )
    assert [(e.reason, e.location) for e in result.errors] == [
        ("too-large", base + "/big"),
        ("too-large", base + "/stream-big"),
    ]
    assert result.fetched == 1
    [chunked] = [p for p in iter_warc(result.warc_path, Settings()) if isinstance(p, RawPage)]
    assert chunked.body == b"<p>" + b"y" * 1000 + b"</p>"


def test_timeout(server: tuple[str, Counter[str]], local: Settings) -> None:
    base, _ = server
    started = time.monotonic()
    result = fetch([base + "/slow"], local.replace(fetch_timeout=0.3, fetch_retries=0))
    assert time.monotonic() - started < 1.4
    assert [e.reason for e in result.errors] == ["fetch-failed"]
    assert (
        "timed out" in result.errors[0].detail.lower()
        or "timeout" in result.errors[0].detail.lower()
    )


@pytest.mark.parametrize("path", ["/trickle-headers", "/trickle-body"])
def test_deadline_covers_headers_and_body(
    server: tuple[str, Counter[str]], local: Settings, path: str
) -> None:
    base, _ = server
    started = time.monotonic()
    result = fetch([base + path], local.replace(fetch_timeout=1.0, fetch_retries=0))
    took = time.monotonic() - started
    # The whole response takes over 10 s to trickle in; the fetch ends at its 1 s deadline.
    assert took < 3.0, took
    assert result.fetched == 0
    assert [e.reason for e in result.errors] == ["fetch-failed"]
    assert "within 1.0s" in result.errors[0].detail


def test_bad_links_in_a_fetched_feed_do_not_end_the_crawl(
    server: tuple[str, Counter[str]], local: Settings
) -> None:
    base, hits = server
    result = fetch([base + "/bad-feed.xml"], local)
    assert hits["/a"] == 1 and hits["/c"] == 1  # the good links after the bad ones are fetched
    assert result.fetched == 3


def test_retries_give_up_with_http_error(server: tuple[str, Counter[str]], local: Settings) -> None:
    base, hits = server
    result = fetch([base + "/always503", base + "/missing"], local)
    assert [(e.reason, e.detail) for e in result.errors] == [
        ("http-error", "HTTP 503 Service Unavailable"),
        ("http-error", "HTTP 404 Not Found"),
    ]
    assert hits["/always503"] == 1 + local.fetch_retries and hits["/missing"] == 1


def test_url_file_feed_expansion_gzip_and_max_pages(
    server: tuple[str, Counter[str]], local: Settings, tmp_path: Path
) -> None:
    base, hits = server
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"# my targets\n{base}/feed.xml\n\nftp://example.org/x\n{base}/gz\n{base}/café au lait\n"
    )
    result = fetch([str(urls)], local)
    assert [(e.reason, e.location) for e in result.errors] == [("bad-url", "4")]
    assert (
        result.fetched == 5
        and hits["/a"] == 1
        and hits["/c"] == 1
        and hits["/caf%C3%A9%20au%20lait"] == 1
    )
    bodies = {
        p.url: p.body for p in iter_warc(result.warc_path, Settings()) if isinstance(p, RawPage)
    }
    assert bodies[base + "/gz"] == page("gz")  # stored gzip-encoded, decoded by the reader
    assert bodies[base + "/caf%C3%A9%20au%20lait"] == page("café")  # stored as requested
    limited = fetch([base + "/sitemap.xml"], local.replace(fetch_max_pages=2))
    assert limited.fetched == 2 and limited.skipped == {"duplicate": 1, "max-pages": 3}


def test_local_sitemap_file_as_target(
    server: tuple[str, Counter[str]], local: Settings, tmp_path: Path
) -> None:
    base, hits = server
    sitemap = tmp_path / "s.xml"
    sitemap.write_text(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}/c</loc></url></urlset>'
    )
    zipped = tmp_path / "s2.xml.gz"
    zipped.write_bytes(gzip.compress(sitemap.read_bytes().replace(b"/c<", b"/a<")))
    result = fetch([str(sitemap), str(zipped), str(tmp_path / "missing.txt")], local)
    assert result.fetched == 2 and hits["/c"] == 1 and hits["/a"] == 1
    assert [e.reason for e in result.errors] == ["bad-url"]


@pytest.mark.parametrize(("status", "fetched"), [(503, 0), (404, 1), (403, 1)])
def test_robots_unavailable_or_missing(
    server: tuple[str, Counter[str]], local: Settings, status: int, fetched: int
) -> None:
    """RFC 9309: a robots.txt that cannot be fetched (5xx) forbids everything; a 4xx one
    (missing, forbidden) allows everything."""
    base, hits = server
    SERVERS[-1].robots = (status, b"")  # type: ignore[attr-defined]
    result = fetch([base + "/a"], local)
    assert result.fetched == fetched
    assert result.skipped == ({"robots": 1} if fetched == 0 else {})
    assert hits["/robots.txt"] == (1 + local.fetch_retries if status == 503 else 1)


def test_connection_tries_the_next_vetted_address(server: tuple[str, Counter[str]]) -> None:
    base, hits = server
    port = int(base.rsplit(":", 1)[1])
    # Nothing listens on 127.0.0.2 (the server is bound to 127.0.0.1): the second address answers.
    conn = netguard.connection("http", "127.0.0.1", port, ["127.0.0.2", "127.0.0.1"], 2.0)
    try:
        conn.request("GET", "/a")
        assert conn.getresponse().status == 200
    finally:
        conn.close()
    assert hits["/a"] == 1
