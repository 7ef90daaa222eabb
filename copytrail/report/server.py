"""The local explorer web app: a read-only HTTP server over the store (standard library only).

``GET /`` serves the page shell, ``/static/*`` the explorer's own CSS and JS, and
``/api/<view>`` the JSON of one view from :mod:`copytrail.report.views`. The store is opened
read-only and every request gets its own DuckDB cursor. Served pages carry a strict
Content-Security-Policy (:data:`copytrail.report.html.SERVER_CSP`), and requests whose ``Host``
is not this server's own address are refused, so a web page cannot reach the explorer through
DNS rebinding.

>>> import tempfile, os, threading, urllib.request, json
>>> from copytrail.store import Store
>>> path = os.path.join(tempfile.mkdtemp(), "s.duckdb")
>>> Store(path).close()
>>> server = make_server(Settings(store=path), port=0)
>>> t = threading.Thread(target=server.serve_forever, daemon=True); t.start()
>>> url = f"http://127.0.0.1:{server.server_address[1]}/api/overview"
>>> json.load(urllib.request.urlopen(url))["counts"]["articles"]
0
>>> server.shutdown(); server.server_close()
"""

from __future__ import annotations

import errno
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from copytrail.report import views
from copytrail.report.cache import Response, ResponseCache
from copytrail.report.html import SERVER_CSP, server_page, static_text
from copytrail.report.networks import networks_view, with_identity
from copytrail.report.sites import site_page
from copytrail.report.wordindex import WordIndex
from copytrail.settings import Settings
from copytrail.sources.netguard import Deadline
from copytrail.store import Store

_STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
CACHE_BYTES = 128 * 1024 * 1024  # bodies kept by the response cache
# Requests that reach the store at once; the others wait here, not inside DuckDB: on a small
# machine twenty concurrent queries only share the same cores, each slower, and cached
# answers (which need no store) are then held up behind them for the interpreter's lock.
STORE_SLOTS = max(2, min(4, os.cpu_count() or 2))
MAX_QUERY_FIELDS = 20
# Request handling: a bounded pool of threads, each connection with a timeout per read and a
# total deadline, so neither many clients nor idle or trickled requests use up the server.
THREADS = 16
QUEUED = 64  # connections accepted beyond the busy threads; more get a quick 503
READ_TIMEOUT = 10.0
CONNECTION_DEADLINE = 30.0
SECURITY_HEADERS = (
    ("Content-Security-Policy", SERVER_CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
)


class Explorer:
    """The app behind the server: routes a GET to a view and returns (status, type, body)."""

    def __init__(self, settings: Settings, word_index: bool = True) -> None:
        self.settings = settings
        self.store = Store(settings.store, read_only=True)
        # Search scans texts until the in-memory word index is built (seconds per 10k articles).
        self.index: WordIndex | None = None
        self.index_ready = threading.Event()
        self._closed = False
        self.title = f"store {settings.store}"
        # Every view's answer is kept by URL: the store is read-only while served, and the
        # cache empties itself (and the store is reopened) if the file is changed under it.
        self.cache = ResponseCache(settings.store, CACHE_BYTES, on_change=self._reopen)
        self._store_slots = threading.BoundedSemaphore(STORE_SLOTS)
        self._static = {name: static_text(name).encode("utf-8") for name in _STATIC}
        self._columns = views.Corpus(self.store.con).columns
        self._routes: dict[str, Callable[[views.Corpus, dict[str, str]], Any]] = {
            "overview": lambda c, p: views.overview(c),
            "network": lambda c, p: views.network(c, min_families=_int(p.get("min"), 1)),
            "edge": lambda c, p: views.edge_families(c, p.get("src", ""), p.get("dst", "")),
            "family": lambda c, p: views.family(c, p.get("id", "")),
            "article": lambda c, p: views.article(c, p.get("id", "")),
            "claims": lambda c, p: views.claims(c),
            "search": self._search,
            "site": lambda c, p: with_identity(c, site_page(c, p.get("id", "")), p.get("id", "")),
            "networks": lambda c, p: networks_view(c),
            "compare": self._compare,
        }
        if word_index:
            threading.Thread(target=self._build_index, name="word-index", daemon=True).start()
        else:
            self.index_ready.set()

    @property
    def cache_enabled(self) -> bool:
        """Whether answers are cached (benchmarks turn it off to time the store itself)."""
        return self.cache.enabled

    @cache_enabled.setter
    def cache_enabled(self, value: bool) -> None:
        self.cache.enabled = value

    def _reopen(self) -> None:
        # The store file changed (replaced, or written once our lock was gone). DuckDB keeps
        # one open database per path in a process, so the old connection is closed first: once
        # every store slot is ours no request is reading through it.
        for _ in range(STORE_SLOTS):
            self._store_slots.acquire()
        try:
            self.store.close()
            self.store = Store(self.settings.store, read_only=True)
            self._columns = views.Corpus(self.store.con).columns
            if self.index is not None:  # the word index is of the old texts: built again
                old, self.index = self.index, None
                old.close()
                self.index_ready.clear()
                threading.Thread(target=self._build_index, name="word-index", daemon=True).start()
        except Exception as exc:  # noqa: BLE001 - requests answer 500 until it opens; say why
            print(f"copytrail explorer: store changed, not reopened ({type(exc).__name__}: {exc})")
        finally:
            for _ in range(STORE_SLOTS):
                self._store_slots.release()

    def _build_index(self) -> None:
        try:
            # Warm the cache with the views every visit starts from, then build the index,
            # then the page of every site (the network's nodes link to them).
            self.warm(("overview", "network", "claims", "networks"))
            cursor = self.store.con.cursor()
            try:
                self.index = WordIndex.build(cursor)
            finally:
                cursor.close()
        except Exception as exc:  # noqa: BLE001 - search keeps scanning; say why unless closing
            if not self._closed:
                print(f"copytrail explorer: word index not built ({type(exc).__name__}: {exc})")
        finally:
            self.index_ready.set()
        try:
            self.warm_pages()
        except Exception:  # noqa: BLE001 - only a warm-up: the pages are made on request
            pass

    def warm(self, names: tuple[str, ...]) -> None:
        """Compute and cache the parameterless views ``names``."""
        for view in names:
            if self._closed:
                return
            self.api(view, {})

    def warm_pages(self, limit: int = 1000) -> int:
        """Cache the pages the network links to: the ``limit`` sites with most articles and
        the ``limit`` site edges with most families; returns how many pages were made."""
        cursor = self.store.con.cursor()
        try:
            wanted = [
                ("site", {"id": site})
                for (site,) in cursor.execute(
                    "SELECT site FROM articles GROUP BY site ORDER BY count(*) DESC, site LIMIT ?",
                    [limit],
                ).fetchall()
            ]
            if {"src_site", "dst_site", "families"} <= self._columns.get("site_edges", set()):
                wanted += [
                    ("edge", {"src": src, "dst": dst})
                    for src, dst in cursor.execute(
                        "SELECT src_site, dst_site FROM site_edges "
                        "ORDER BY families DESC, src_site, dst_site LIMIT ?",
                        [limit],
                    ).fetchall()
                ]
        finally:
            cursor.close()
        made = 0
        for view, params in wanted:
            if self._closed or not self.cache.enabled:
                break
            self.api(view, params)
            made += 1
        return made

    def _search(self, c: views.Corpus, p: dict[str, str]) -> dict[str, Any]:
        index = self.index
        meta = index.corpus_connection() if index is not None else None
        try:
            data = views.search(
                # With the index, search runs on its in-memory copy of the metadata.
                views.Corpus(meta) if meta is not None else c,
                p.get("q", ""),
                {k: p.get(k, "") for k in (*views.FACETS, "since", "until")},
                page=_int(p.get("page"), 1),
                index=index,
                store=c,
            )
        finally:
            if meta is not None:
                meta.close()
        data["index"] = (
            "ready"
            if self.index is not None
            else ("building" if not self.index_ready.is_set() else "off")
        )
        return data

    def _compare(self, c: views.Corpus, p: dict[str, str]) -> dict[str, Any]:
        # Imported here: copytrail.compare imports the report package (URL lookup).
        from copytrail.compare import NotFound, compare_articles

        try:
            return compare_articles(c.con, p.get("a", ""), p.get("b", ""), self.settings)
        except NotFound as exc:
            return {"error": str(exc)}

    def close(self) -> None:
        self._closed = True
        self.store.close()
        if self.index is not None:
            self.index.close()

    def get(self, target: str) -> tuple[int, str, bytes]:
        """Answer ``GET target`` (path and query string)."""
        r = self.respond(target)
        return r.status, r.content_type, r.body

    def respond(self, target: str) -> Response:
        """The :class:`Response` to ``GET target``; API answers come from the cache."""
        parts = urlsplit(target)
        path = parts.path
        if path in ("/", "/index.html"):
            page = server_page(self.title).encode("utf-8")
            return Response(200, "text/html; charset=utf-8", page)
        if path.startswith("/static/") and path[8:] in self._static:
            return Response(200, _STATIC[path[8:]], self._static[path[8:]])
        if path.startswith("/api/") and path[5:] in self._routes:
            try:
                fields = parse_qs(parts.query, max_num_fields=MAX_QUERY_FIELDS)
            except ValueError:  # more fields than that: refused, not a dropped connection
                body = json.dumps({"error": f"more than {MAX_QUERY_FIELDS} query parameters"})
                return Response(400, "application/json", body.encode("utf-8"))
            params = {k: v[0] for k, v in fields.items()}
            return self.api_response(path[5:], params)
        return Response(404, "application/json", b'{"error": "not found"}')

    def api(self, view: str, params: dict[str, str]) -> tuple[int, str, bytes]:
        """JSON of one view as (status, content type, body)."""
        r = self.api_response(view, params)
        return r.status, r.content_type, r.body

    def api_response(self, view: str, params: dict[str, str]) -> Response:
        """JSON of one view, cached by view and parameters (the store is read-only)."""
        key = (view, tuple(sorted(params.items())))
        # Search answers change once the word index is ready ("index": "building" → "ready").
        searching = view == "search" and not self.index_ready.is_set()
        return self.cache.get_or_compute(
            key,
            lambda: self._compute(view, params),
            keep=lambda r: r.status == 200 and not searching,
        )

    def _compute(self, view: str, params: dict[str, str]) -> Response:
        with self._store_slots:
            cursor = self.store.con.cursor()  # one connection per request: never shared
            try:
                data = self._routes[view](views.Corpus(cursor, self._columns), params)
            except Exception as exc:  # noqa: BLE001 - a broken view answers 500, server lives on
                body = json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode("utf-8")
                return Response(500, "application/json", body)
            finally:
                cursor.close()
        body = json.dumps(data, default=str, ensure_ascii=False).encode("utf-8")
        status = 404 if isinstance(data, dict) and "error" in data else 200
        return Response(status, "application/json", body)


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


class _Handler(BaseHTTPRequestHandler):
    server: ExplorerServer
    server_version = "copytrail-explorer"
    sys_version = ""
    timeout = READ_TIMEOUT  # an idle or half-sent request gives its thread back
    # Never answer HTTP/0.9-style (a bare body, no headers at all): the stdlib does so for a
    # request line it cannot read ("HTTP/2.0", junk), and then no security header is sent.
    default_request_version = "HTTP/1.0"

    def setup(self) -> None:
        super().setup()
        self._deadline = Deadline(time.monotonic() + CONNECTION_DEADLINE)
        self._deadline.watch(self.connection)

    def finish(self) -> None:
        self._deadline.cancel()
        super().finish()

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._answer(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(with_body=False)

    def _refuse(self) -> None:
        self.send_error(405, "read-only explorer: GET only")

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse  # noqa: N815

    def _answer(self, with_body: bool) -> None:
        self._revalidate = False
        if self.headers.get("Host", "") not in self.server.allowed_hosts:
            r = Response(421, "text/plain", b"unknown Host header")
        else:
            r = self.server.explorer.respond(self.path)
        body = r.body
        if r.status == 200 and self.path.startswith("/api/"):
            # JSON answers carry a validator: a browser asking again gets a bodiless 304.
            self._revalidate = True
            if r.etag in self.headers.get("If-None-Match", ""):
                self.send_response(304)
                self.send_header("ETag", r.etag)
                self.end_headers()
                return
        self.send_response(r.status)
        self.send_header("Content-Type", r.content_type)
        packed = r.gzipped() if "gzip" in self.headers.get("Accept-Encoding", "") else None
        if packed is not None:
            body = packed
            self.send_header("Content-Encoding", "gzip")
        if r.status == 200:
            self.send_header("Vary", "Accept-Encoding")
        if self._revalidate:
            self.send_header("ETag", r.etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def end_headers(self) -> None:
        # Here rather than in _answer: the standard library's own error pages (400, 405, 414,
        # 431, 501, 505) are sent from inside http.server and must carry them too.
        revalidate = getattr(self, "_revalidate", False)
        for name, value in SECURITY_HEADERS:
            if name == "Cache-Control" and revalidate:
                # Kept by this browser only, and asked again each time (answered 304 when
                # the store has not changed): never served stale.
                value = "private, no-cache"
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:
            super().log_message(format, *args)


_BUSY = (
    "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
    "Retry-After: 1\r\nConnection: close\r\n"
    + "".join(f"{k}: {v}\r\n" for k, v in SECURITY_HEADERS)
    + "\r\nbusy\n"
).encode("ascii")


class PortInUse(OSError):
    """The explorer's address is taken (another ``copytrail serve``?)."""


class ExplorerServer(HTTPServer):
    """An HTTP server bound to one :class:`Explorer`, answering from a bounded thread pool.

    At most :data:`THREADS` requests run at once and :data:`QUEUED` more wait; beyond that a
    connection gets an immediate 503. Each connection has :data:`READ_TIMEOUT` seconds per
    read and :data:`CONNECTION_DEADLINE` seconds in all.
    """

    # The kernel's queue of connections not yet accepted. The standard library's 5 overflows
    # when twenty browsers' requests arrive together, and a dropped connection attempt is
    # retried by the client only after a second: that, not the views, was most of the p95.
    request_queue_size = THREADS + QUEUED

    def __init__(
        self, explorer: Explorer | None, host: str, port: int, verbose: bool = False
    ) -> None:
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(exc.errno, f"{host}:{port} is already in use") from None
            raise
        self._explorer = explorer
        self.verbose = verbose
        self._pool = ThreadPoolExecutor(THREADS, thread_name_prefix="explorer")
        self._slots = threading.BoundedSemaphore(THREADS + QUEUED)
        bound = self.server_address[1]
        names = {host, "127.0.0.1", "localhost", "[::1]"}
        self.allowed_hosts = {f"{n}:{bound}" for n in names} | (
            {n for n in names} if bound == 80 else set()
        )

    @property
    def explorer(self) -> Explorer:
        if self._explorer is None:
            raise RuntimeError("explorer server without an Explorer")
        return self._explorer

    @explorer.setter
    def explorer(self, value: Explorer) -> None:
        self._explorer = value

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            try:
                request.sendall(_BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        self._pool.submit(self._work, request, client_address)

    def _work(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001 - one broken connection, one line; the server lives on
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        if self.verbose:
            exc = sys.exc_info()[1]
            name = type(exc).__name__
            print(f"explorer: connection from {client_address[0]} failed: {name}: {exc}")

    def server_close(self) -> None:
        super().server_close()  # also called by the constructor when the bind fails
        if hasattr(self, "_pool"):
            self._pool.shutdown(wait=False, cancel_futures=True)
        if getattr(self, "_explorer", None) is not None:
            self.explorer.close()


def make_server(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8765,
    verbose: bool = False,
    word_index: bool = True,
) -> ExplorerServer:
    """A ready (not yet serving) explorer server; ``port=0`` picks a free port.

    The port is taken before the store is opened: a busy port is :class:`PortInUse` with
    nothing to undo (no store open, no index being built).
    """
    server = ExplorerServer(None, host, port, verbose)
    try:
        server.explorer = Explorer(settings, word_index)
    except BaseException:
        server.server_close()
        raise
    return server


def serve(
    settings: Settings, host: str = "127.0.0.1", port: int = 8765, word_index: bool = True
) -> None:
    """Serve the explorer of ``settings.store`` until interrupted (Ctrl-C).

    ``word_index=False`` skips the in-memory search index (about 12 bytes per distinct word
    of each article); search then scans the texts.
    """
    server = make_server(settings, host, port, verbose=True, word_index=word_index)
    print(f"copytrail explorer on http://{host}:{server.server_address[1]}/ (Ctrl-C stops)")
    started = time.monotonic()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        print(f"explorer stopped after {time.monotonic() - started:.0f} s")
