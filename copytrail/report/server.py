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

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from copytrail.compare import NotFound, compare_articles
from copytrail.report import views
from copytrail.report.html import SERVER_CSP, server_page, static_text
from copytrail.report.sites import site_page
from copytrail.report.wordindex import WordIndex
from copytrail.settings import Settings
from copytrail.store import Store

_STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
_CACHED_VIEWS = ("overview", "network", "claims", "edge", "family", "site", "compare")  # no paging
_CACHE_SIZE = 256


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
        self.cache_enabled = True  # benchmarks turn it off to time the store itself
        self._cache: OrderedDict[tuple[str, tuple[tuple[str, str], ...]], bytes] = OrderedDict()
        self._lock = threading.Lock()
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
            "site": lambda c, p: site_page(c, p.get("id", "")),
            "compare": self._compare,
        }
        if word_index:
            threading.Thread(target=self._build_index, name="word-index", daemon=True).start()
        else:
            self.index_ready.set()

    def _build_index(self) -> None:
        try:
            # Warm the cache with the views every visit starts from, then build the index.
            for view in ("overview", "network", "claims"):
                self.api(view, {})
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

    def _search(self, c: views.Corpus, p: dict[str, str]) -> dict[str, Any]:
        index = self.index
        meta = index.corpus_connection() if index is not None else None
        try:
            data = views.search(
                # With the index, search runs on its in-memory copy of the metadata.
                views.Corpus(meta) if meta is not None else c,
                p.get("q", ""), {k: p.get(k, "") for k in (*views.FACETS, "since", "until")},
                page=_int(p.get("page"), 1), index=index, store=c,
            )
        finally:
            if meta is not None:
                meta.close()
        data["index"] = "ready" if self.index is not None else (
            "building" if not self.index_ready.is_set() else "off")
        return data

    def _compare(self, c: views.Corpus, p: dict[str, str]) -> dict[str, Any]:
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
        parts = urlsplit(target)
        path = parts.path
        if path in ("/", "/index.html"):
            return 200, "text/html; charset=utf-8", server_page(self.title).encode("utf-8")
        if path.startswith("/static/") and path[8:] in self._static:
            return 200, _STATIC[path[8:]], self._static[path[8:]]
        if path.startswith("/api/") and path[5:] in self._routes:
            params = {k: v[0] for k, v in parse_qs(parts.query, max_num_fields=20).items()}
            return self.api(path[5:], params)
        return 404, "application/json", b'{"error": "not found"}'

    def api(self, view: str, params: dict[str, str]) -> tuple[int, str, bytes]:
        """JSON of one view; views without paging are cached (the store is read-only)."""
        key = (view, tuple(sorted(params.items())))
        cached = self.cache_enabled and view in _CACHED_VIEWS
        if cached:
            with self._lock:
                if key in self._cache:
                    self._cache.move_to_end(key)
                    return 200, "application/json", self._cache[key]
        cursor = self.store.con.cursor()  # one connection per request: threads never share one
        try:
            data = self._routes[view](views.Corpus(cursor, self._columns), params)
        except Exception as exc:  # noqa: BLE001 - a broken view answers 500, the server lives on
            body = json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode("utf-8")
            return 500, "application/json", body
        finally:
            cursor.close()
        body = json.dumps(data, default=str, ensure_ascii=False).encode("utf-8")
        status = 404 if isinstance(data, dict) and "error" in data else 200
        if cached and status == 200:
            with self._lock:
                self._cache[key] = body
                if len(self._cache) > _CACHE_SIZE:
                    self._cache.popitem(last=False)
        return status, "application/json", body


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


class _Handler(BaseHTTPRequestHandler):
    server: ExplorerServer
    server_version = "copytrail-explorer"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._answer(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(with_body=False)

    def _refuse(self) -> None:
        self.send_error(405, "read-only explorer: GET only")

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse  # noqa: N815

    def _answer(self, with_body: bool) -> None:
        if self.headers.get("Host", "") not in self.server.allowed_hosts:
            status, ctype, body = 421, "text/plain", b"unknown Host header"
        else:
            status, ctype, body = self.server.explorer.get(self.path)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", SERVER_CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:
            super().log_message(format, *args)


class ExplorerServer(ThreadingHTTPServer):
    """A threading HTTP server bound to one :class:`Explorer`."""

    daemon_threads = True

    def __init__(self, explorer: Explorer, host: str, port: int, verbose: bool = False) -> None:
        super().__init__((host, port), _Handler)
        self.explorer = explorer
        self.verbose = verbose
        bound = self.server_address[1]
        names = {host, "127.0.0.1", "localhost", "[::1]"}
        self.allowed_hosts = {f"{n}:{bound}" for n in names} | ({n for n in names} if bound == 80 else set())

    def server_close(self) -> None:
        super().server_close()
        self.explorer.close()


def make_server(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8765,
    verbose: bool = False,
    word_index: bool = True,
) -> ExplorerServer:
    """A ready (not yet serving) explorer server; ``port=0`` picks a free port."""
    return ExplorerServer(Explorer(settings, word_index), host, port, verbose)


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
