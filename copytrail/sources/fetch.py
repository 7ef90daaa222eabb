"""``copytrail fetch``: a small polite crawler that writes what it downloads to a WARC file.

Targets are page URLs, sitemap or feed URLs (expanded into the URLs they list; sitemap indexes
recursively, up to :data:`MAX_SITEMAP_DEPTH` levels and :data:`MAX_SITEMAPS` documents), local
sitemap/feed files, or local files with one URL per line (``#`` starts a comment). For every
URL, in order:

1. the address guard (:mod:`.netguard`) resolves the host and refuses private, loopback,
   link-local, multicast and reserved addresses unless ``settings.allow_private``;
2. ``robots.txt`` of the origin is fetched once and obeyed (RFC 9309: a 4xx robots.txt allows
   everything, a 5xx or unreachable one disallows everything), including ``Crawl-delay``;
3. requests to one host are spaced by ``settings.fetch_delay`` seconds;
4. 429, 5xx and network errors are retried ``settings.fetch_retries`` times with exponential
   backoff (``Retry-After`` honoured up to a minute);
5. a response over ``settings.max_page_bytes`` is abandoned as soon as that is known (header
   or body), a request taking longer than ``settings.fetch_timeout`` seconds is abandoned;
6. redirects are followed (up to 10 hops), each hop through the guard and robots again.

Every response, robots.txt included, is written as a WARC ``response`` record plus its
``request`` record to one new gzip WARC under ``settings.warc_dir``; the file is kept, and
the pipeline ingests it afterwards. The crawl is sequential: politeness per host matters more
here than speed. Only the standard library speaks HTTP; warcio writes the WARC.

>>> import tempfile
>>> from copytrail.settings import Settings
>>> result = fetch(["not a url"], Settings(warc_dir=tempfile.mkdtemp()))
>>> result.fetched, [e.reason for e in result.errors]
(0, ['bad-url'])
"""

from __future__ import annotations

import email.utils
import http.client
import io
import os
import time
import urllib.robotparser
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, quote, urljoin, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from copytrail.ids import stable_id
from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources.feeds import parse_feed
from copytrail.sources.netguard import Deadline, Refused, connection, resolve
from copytrail.sources.payload import PayloadError, decode_http_body, gunzip_capped, is_gzip
from copytrail.sources.sitemaps import parse_sitemap
from copytrail.urls import canonical_url

if TYPE_CHECKING:
    from copytrail.progress import Progress

MAX_REDIRECTS = 10
MAX_SITEMAP_DEPTH = 3
MAX_SITEMAPS = 1000
MAX_RETRY_AFTER = 60.0
_READ = 1 << 16
_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]
_SAFE = "!#$%&'()*+,/:;=?@[]~"


@dataclass
class FetchResult:
    """What one fetch run did. ``skipped`` counts URLs not downloaded, by reason:
    ``robots``, ``duplicate``, ``max-pages``, ``sitemap-limit``."""

    warc_path: str
    fetched: int = 0
    errors: list[IngestError] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class _Response:
    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes  # as received (content coding kept), chunked framing removed

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


class _Failure(Exception):
    """A URL that could not be fetched; ``reason`` is an IngestError reason code."""

    def __init__(self, reason: str, detail: str, retry: bool = False) -> None:
        super().__init__(detail)
        self.reason = reason
        self.retry = retry


@dataclass(slots=True)
class _Job:
    url: str
    expand: bool  # a target or a sitemap-index child: may turn out to list more URLs
    depth: int = 0


def _join(base: str, url: str) -> str:
    """``url`` resolved against ``base``; as it is when it cannot be (``_enqueue`` says why).

    >>> _join("https://a.example/x/", "y"), _join("https://a.example/", "http://[::1/")
    ('https://a.example/x/y', 'http://[::1/')
    """
    try:
        return urljoin(base, url)
    except ValueError:
        return url


def fetch(targets: list[str], settings: Settings, progress: Progress | None = None) -> FetchResult:
    """Download the targets politely into a new WARC file; see the module docs for the rules."""
    os.makedirs(settings.warc_dir, exist_ok=True)
    started = datetime.now(UTC)
    name = f"fetch-{started:%Y%m%d%H%M%S}-{stable_id(*targets, started.isoformat(), length=12)}.warc.gz"
    path = os.path.join(settings.warc_dir, name)
    result = FetchResult(warc_path=path)
    with open(path, "wb") as out:
        crawler = _Crawler(settings, WARCWriter(out, gzip=True), result)
        crawler.write_info(targets)
        crawler.run(targets, progress)
    result.skipped = dict(crawler.skipped)
    return result


class _Crawler:
    def __init__(self, settings: Settings, writer: WARCWriter, result: FetchResult) -> None:
        self.s = settings
        self.writer = writer
        self.result = result
        self.skipped: Counter[str] = Counter()
        self.robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.last_request: dict[str, float] = {}
        self.host_delay: dict[str, float] = {}
        self.seen: set[str] = set()
        self.downloads = 0
        self.sitemaps = 0

    # -- the queue ------------------------------------------------------------------------

    def run(self, targets: list[str], progress: Progress | None) -> None:
        queue: deque[_Job] = deque()
        for target in targets:
            try:
                self._add_target(target, queue)
            except Exception as exc:  # noqa: BLE001 - a bad target is its error row
                self._error(target, "read-failed", f"{type(exc).__name__}: {exc}"[:500])
        task = progress.task("fetch", total=len(queue)) if progress else None
        done = 0
        while queue:
            job = queue.popleft()
            if self.downloads >= self.s.fetch_max_pages:
                self.skipped["max-pages"] += 1 + len(queue)
                break
            self._visit(job, queue)
            done += 1
            if progress:
                progress.update(task, completed=done, total=done + len(queue))

    def _add_target(self, target: str, queue: deque[_Job]) -> None:
        if target.lower().startswith(("http://", "https://")):
            self._enqueue(queue, target, expand=True)
            return
        if not os.path.isfile(target):
            self._error(target, "bad-url", "neither an http(s) URL nor a readable file")
            return
        from copytrail.sources import READERS, detect_kind, read_head

        kind = detect_kind(target, read_head(target))
        if kind in ("sitemap", "feed"):
            for rec in READERS[kind](target, self.s):
                if isinstance(rec, IngestError):
                    self.result.errors.append(rec)
                else:
                    self._enqueue(
                        queue,
                        rec.url,
                        expand=isinstance(rec, LinkRecord) and rec.kind == "sitemapindex",
                    )
            return
        try:
            with open(target, encoding="utf-8-sig") as f:
                lines = f.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            self._error(target, "bad-url", f"not a URL list: {exc}")
            return
        for lineno, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.lower().startswith(("http://", "https://")):
                self._enqueue(queue, line, expand=True)
            else:
                self._error(
                    target,
                    "bad-url",
                    f"line {lineno}: not an http(s) URL: {line[:200]}",
                    str(lineno),
                )

    def _enqueue(self, queue: deque[_Job], url: str, expand: bool, depth: int = 0) -> None:
        try:
            key = canonical_url(url)
        except ValueError as exc:  # e.g. "Invalid IPv6 URL": this link is the error, not the crawl
            self._error(url[:500], "bad-url", f"{type(exc).__name__}: {exc}", url[:500])
            return
        if key in self.seen:
            self.skipped["duplicate"] += 1
            return
        self.seen.add(key)
        queue.append(_Job(url, expand, depth))

    def _visit(self, job: _Job, queue: deque[_Job]) -> None:
        try:
            resp = self._get(job.url)
        except _Failure as exc:
            self._error(job.url, exc.reason, str(exc), job.url)
            return
        if resp is None:
            return  # disallowed by robots.txt (counted)
        self.downloads += 1
        if not 200 <= resp.status < 300:
            self._error(job.url, "http-error", f"HTTP {resp.status} {resp.reason}", resp.url)
            return
        self.result.fetched += 1
        if job.expand:
            try:
                self._expand(job, resp, queue)
            except Exception as exc:  # noqa: BLE001 - a bad sitemap or feed is its error row, the crawl goes on
                self._error(resp.url, "read-failed", f"{type(exc).__name__}: {exc}"[:500], resp.url)

    def _expand(self, job: _Job, resp: _Response, queue: deque[_Job]) -> None:
        """Queue the URLs a fetched sitemap or feed lists (pages are left alone)."""
        from copytrail.sources import detect_kind

        try:
            body = decode_http_body(
                resp.body, None, resp.header("Content-Encoding"), self.s.max_page_bytes
            )
            if is_gzip(body):  # sitemap.xml.gz served as a plain file
                body = gunzip_capped(body, self.s.max_page_bytes)
        except PayloadError as exc:
            self._error(resp.url, exc.reason, exc.detail, resp.url)
            return
        kind = detect_kind(urlsplit(resp.url).path, body[:4096])
        if kind == "sitemap":
            for rec in parse_sitemap(body, resp.url, max_bytes=self.s.max_page_bytes):
                if isinstance(rec, IngestError):
                    self.result.errors.append(rec)
                elif rec.kind == "sitemapindex":
                    if job.depth + 1 > MAX_SITEMAP_DEPTH or self.sitemaps >= MAX_SITEMAPS:
                        self.skipped["sitemap-limit"] += 1
                    else:
                        self.sitemaps += 1
                        self._enqueue(queue, _join(resp.url, rec.url), True, job.depth + 1)
                else:
                    self._enqueue(queue, _join(resp.url, rec.url), False, job.depth + 1)
        elif kind == "feed":
            for item in parse_feed(body, resp.url, base_url=resp.url):
                if isinstance(item, RawPage | LinkRecord):
                    self._enqueue(queue, item.url, False, job.depth + 1)
                elif item.reason != "feed-entry-no-url":
                    self.result.errors.append(item)

    # -- one URL: robots, redirects, retries ------------------------------------------------

    def _get(self, url: str) -> _Response | None:
        """Final response for ``url`` after redirects, or None when robots.txt forbids it."""
        for _hop in range(MAX_REDIRECTS + 1):
            if not self._allowed(url):
                self.skipped["robots"] += 1
                return None
            resp = self._with_retries(url)
            location = resp.header("Location")
            if resp.status not in (301, 302, 303, 307, 308) or not location:
                return resp
            url = urljoin(url, location.strip())
            if not url.lower().startswith(("http://", "https://")):
                raise _Failure("fetch-refused", f"redirect to a non-http URL {url[:200]}")
        raise _Failure("http-error", f"more than {MAX_REDIRECTS} redirects")

    def _with_retries(self, url: str) -> _Response:
        attempt = 0
        while True:
            try:
                resp = self._request(url)
            except _Failure as exc:
                if not exc.retry or attempt >= self.s.fetch_retries:
                    raise
                time.sleep(self._backoff(attempt, None))
                attempt += 1
                continue
            if (resp.status == 429 or resp.status >= 500) and attempt < self.s.fetch_retries:
                time.sleep(self._backoff(attempt, resp.header("Retry-After")))
                attempt += 1
                continue
            return resp

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        wait = max(self.s.fetch_delay, 0.05) * 2**attempt
        if retry_after:
            try:
                wait = max(wait, float(retry_after))
            except ValueError:
                # An HTTP date; a header that is neither is ignored, not trusted.
                try:
                    when = email.utils.parsedate_to_datetime(retry_after)
                    if when.tzinfo is None:
                        when = when.replace(tzinfo=UTC)
                    wait = max(wait, (when - datetime.now(UTC)).total_seconds())
                except (TypeError, ValueError):
                    pass
        return min(wait, MAX_RETRY_AFTER)

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if origin not in self.robots:
            self.robots[origin] = self._robots(origin)
        rules = self.robots[origin]
        if rules is None:
            return True
        delay = rules.crawl_delay(self.s.user_agent)
        if delay:
            self.host_delay[parts.netloc.lower()] = min(float(delay), MAX_RETRY_AFTER)
        return rules.can_fetch(self.s.user_agent, url)

    def _robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """Parsed robots.txt of an origin; None means no rules (everything allowed)."""
        rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        url = origin + "/robots.txt"
        try:
            for _hop in range(5):  # RFC 9309: follow at least five redirects
                resp = self._with_retries(url)
                location = resp.header("Location")
                if resp.status in (301, 302, 303, 307, 308) and location:
                    url = urljoin(url, location)
                    continue
                break
        except _Failure as exc:
            if exc.reason == "fetch-refused":
                return None  # the page request will be refused with the real reason
            rules.parse(_DISALLOW_ALL)  # unreachable: assume complete disallow (RFC 9309)
            return rules
        if 200 <= resp.status < 300:
            try:
                body = decode_http_body(
                    resp.body, None, resp.header("Content-Encoding"), self.s.max_page_bytes
                )
            except PayloadError:
                body = b""
            rules.parse(body.decode("utf-8", "replace").splitlines())
            return rules
        if 400 <= resp.status < 500:
            return None
        rules.parse(_DISALLOW_ALL)
        return rules

    # -- one request -----------------------------------------------------------------------

    def _address(self, url: str) -> tuple[SplitResult, str, str, int, list[str]]:
        """(URL parts, scheme, host name, port, addresses) of a URL we may fetch, else a
        failure."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise _Failure("bad-url", f"not an http(s) URL: {url[:200]}")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as exc:
            raise _Failure("bad-url", str(exc)) from None
        try:
            ips = resolve(parts.hostname, port, self.s.allow_private)
        except Refused as exc:
            raise _Failure("fetch-refused", str(exc)) from None
        except OSError as exc:
            raise _Failure("fetch-failed", str(exc), retry=True) from None
        return parts, scheme, parts.hostname, port, ips

    def _read_body(self, resp: http.client.HTTPResponse, deadline: Deadline) -> bytes:
        """The response body, within the deadline and ``max_page_bytes``."""
        declared = resp.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.s.max_page_bytes:
            raise _Failure(
                "too-large",
                f"Content-Length {declared} > max_page_bytes {self.s.max_page_bytes}",
            )
        body = bytearray()
        while True:
            if deadline.left() < 0:
                raise TimeoutError(f"no complete response within {self.s.fetch_timeout}s")
            chunk = resp.read1(_READ) if hasattr(resp, "read1") else resp.read(_READ)
            if not chunk:
                if deadline.expired:  # the deadline shut the socket: not a complete body
                    raise TimeoutError(f"no complete response within {self.s.fetch_timeout}s")
                return bytes(body)
            body += chunk
            if len(body) > self.s.max_page_bytes:
                raise _Failure(
                    "too-large",
                    f"body passed max_page_bytes {self.s.max_page_bytes}; download abandoned",
                )

    def _request(self, url: str) -> _Response:
        parts, scheme, hostname, port, ips = self._address(url)
        self._wait(parts.netloc.lower())
        # Sitemaps list IRIs and URLs with spaces; the request line needs them percent-encoded.
        target = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=_SAFE)
        host = f"[{hostname}]" if ":" in hostname else hostname
        headers = [
            ("Host", host + (f":{parts.port}" if parts.port else "")),  # never the userinfo
            ("User-Agent", self.s.user_agent),
            ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            ("Accept-Encoding", "gzip"),
            ("Connection", "close"),
        ]
        # One deadline for the whole exchange (connect, TLS, headers, body): a socket timeout
        # alone bounds each wait for bytes, and a server trickling them never trips it.
        deadline = Deadline(time.monotonic() + self.s.fetch_timeout)
        conn = connection(scheme, hostname, port, ips, self.s.fetch_timeout, deadline)
        try:
            conn.connect()
            deadline.watch(conn.sock)  # the TLS socket, when there is one
            conn.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
            for k, v in headers:
                conn.putheader(k, v)
            conn.endheaders()
            peer = conn.sock.getpeername()[0] if conn.sock is not None else ips[0]
            resp = conn.getresponse()
            body = self._read_body(resp, deadline)
            response = _Response(
                url=f"{scheme}://{headers[0][1]}{target}",  # as sent: encoded, no userinfo
                status=resp.status,
                reason=resp.reason,
                # http.client has removed the chunked framing: the header must go too.
                headers=[(k, v) for k, v in resp.getheaders() if k.lower() != "transfer-encoding"],
                body=body,
            )
        except _Failure:
            raise
        except ValueError as exc:  # http.client's InvalidURL and header checks
            raise _Failure("bad-url", f"{type(exc).__name__}: {exc}") from None
        except (OSError, http.client.HTTPException) as exc:
            detail = f"{type(exc).__name__}: {exc}"
            if deadline.expired:
                detail = f"TimeoutError: no complete response within {self.s.fetch_timeout}s"
            raise _Failure("fetch-failed", detail, retry=True) from None
        finally:
            deadline.cancel()  # before the socket's number can be reused
            conn.close()
        self._write(response, target, headers, peer, resp.version)
        return response

    def _wait(self, host: str) -> None:
        delay = max(self.s.fetch_delay, self.host_delay.get(host, 0.0))
        last = self.last_request.get(host)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self.last_request[host] = time.monotonic()

    # -- the WARC --------------------------------------------------------------------------

    def write_info(self, targets: list[str]) -> None:
        info = {
            "software": "copytrail fetch",
            "format": "WARC File Format 1.1",
            "robots": "obey",
            "http-header-user-agent": self.s.user_agent,
            "description": "targets: " + " ".join(targets)[:2000],
        }
        self.writer.write_record(
            self.writer.create_warcinfo_record("copytrail-fetch.warc.gz", info)
        )

    def _write(
        self,
        resp: _Response,
        target: str,
        request_headers: list[tuple[str, str]],
        ip: str,
        version: int,
    ) -> None:
        protocol = "HTTP/1.0" if version == 10 else "HTTP/1.1"
        http_headers = StatusAndHeaders(
            f"{resp.status} {resp.reason}", resp.headers, protocol=protocol
        )
        record = self.writer.create_warc_record(
            resp.url,
            "response",
            payload=io.BytesIO(resp.body),
            length=len(resp.body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-IP-Address": ip},
        )
        request = self.writer.create_warc_record(
            resp.url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=StatusAndHeaders(
                f"GET {target} HTTP/1.1", request_headers, is_http_request=True
            ),
            warc_headers_dict={
                "WARC-Concurrent-To": record.rec_headers.get_header("WARC-Record-ID")
            },
        )
        self.writer.write_record(record)
        self.writer.write_record(request)

    def _error(self, source: str, reason: str, detail: str, location: str | None = None) -> None:
        self.result.errors.append(
            IngestError(source=source, reason=reason, detail=detail, location=location)
        )
