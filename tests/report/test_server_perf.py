"""The explorer's response cache and transfer savings: behaviour only, nothing is timed."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import shutil
import threading
import time
from pathlib import Path

from copytrail.report.cache import Response, ResponseCache
from copytrail.report.server import Explorer, ExplorerServer, make_server
from copytrail.settings import Settings
from copytrail.store import Store

from .corpus import Built


def fetch(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}", **(headers or {})})
    r = conn.getresponse()
    r.body = r.read()  # type: ignore[attr-defined]
    conn.close()
    return r


def serving(path: str, word_index: bool = False) -> ExplorerServer:
    server = make_server(Settings(store=path), port=0, word_index=word_index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_view_is_computed_once_and_then_answered_from_the_cache(demo: Built) -> None:
    ex = Explorer(Settings(store=demo.path), word_index=False)
    try:
        target = f"/api/article?id={demo.article_ids[0]}"
        first = ex.get(target)
        misses = ex.cache.misses
        second = ex.get(target)
        assert second == first and first[0] == 200
        assert ex.cache.misses == misses  # the second answer did not reach the store
        assert json.loads(first[2])["article"]["article_id"] == demo.article_ids[0]
        # An unknown id is a 404 and is asked of the store again next time (not kept).
        assert ex.get("/api/article?id=no-such-article")[0] == 404
        assert ex.get("/api/article?id=no-such-article")[0] == 404
        assert ex.cache.misses == misses + 2
    finally:
        ex.close()


def test_a_replaced_store_file_is_served_fresh(demo: Built, tmp_path: Path) -> None:
    path = str(tmp_path / "served.duckdb")
    shutil.copy(demo.path, path)
    server = serving(path, word_index=True)
    try:
        ex = server.explorer
        assert ex.index_ready.wait(30)
        ex.cache.check_every = 0  # look at the file on every request
        port = server.server_address[1]
        before = json.loads(fetch(port, "/api/overview").body)  # type: ignore[attr-defined]
        assert before["counts"]["articles"] == len(demo.article_ids)
        found = json.loads(fetch(port, "/api/search?q=council").body)  # type: ignore[attr-defined]
        assert found["total"] >= 1 and found["index"] == "ready"
        empty = str(tmp_path / "empty.duckdb")
        Store(empty).close()
        os.replace(empty, path)  # e.g. a store rebuilt elsewhere and copied over this one
        after = json.loads(fetch(port, "/api/overview").body)  # type: ignore[attr-defined]
        assert after["counts"]["articles"] == 0
        assert ex.cache.invalidations == 1
        # The word index is rebuilt from the new texts, not kept from the old ones.
        assert ex.index_ready.wait(30)
        found = json.loads(fetch(port, "/api/search?q=council").body)  # type: ignore[attr-defined]
        assert found["total"] == 0 and found["index"] == "ready"
    finally:
        server.shutdown()
        server.server_close()


def test_json_is_gzipped_on_request_and_revalidated_by_etag(demo_server: str) -> None:
    port = int(demo_server.rsplit(":", 1)[1])
    plain = fetch(port, "/api/network")
    assert plain.status == 200 and plain.getheader("Content-Encoding") is None
    packed = fetch(port, "/api/network", {"Accept-Encoding": "gzip, deflate"})
    assert packed.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(packed.body) == plain.body  # type: ignore[attr-defined]
    etag = plain.getheader("ETag")
    assert etag and packed.getheader("ETag") == etag
    again = fetch(port, "/api/network", {"If-None-Match": etag})
    assert again.status == 304 and again.body == b""  # type: ignore[attr-defined]
    assert again.getheader("Content-Security-Policy") and again.getheader("X-Frame-Options")
    other = fetch(port, "/api/network", {"If-None-Match": '"something else"'})
    assert other.status == 200 and other.body == plain.body  # type: ignore[attr-defined]
    # The page shell and errors are never kept by the browser.
    assert fetch(port, "/").getheader("Cache-Control") == "no-store"
    assert fetch(port, "/api/nothing").getheader("Cache-Control") == "no-store"


def test_cache_drops_least_recently_used_beyond_its_byte_bound(tmp_path: Path) -> None:
    cache = ResponseCache(str(tmp_path / "none.duckdb"), max_bytes=25)
    for key in ("a", "b", "c"):
        cache.put(key, Response(200, "text/plain", key.encode() * 10))
    assert cache.get("a") is None and cache.get("c") is not None
    assert cache.get("b") is not None  # b is now more recent than c
    cache.put("d", Response(200, "text/plain", b"d" * 10))
    assert cache.get("c") is None and cache.get("b") is not None
    assert cache.size <= 25
    cache.put("huge", Response(200, "text/plain", b"x" * 26))  # larger than the whole cache
    assert cache.get("huge") is None and cache.get("b") is not None


def test_concurrent_asks_of_one_url_compute_it_once(tmp_path: Path) -> None:
    cache = ResponseCache(str(tmp_path / "none.duckdb"))
    calls = []
    release = threading.Event()

    def slow() -> Response:
        calls.append(1)
        release.wait(10)
        return Response(200, "application/json", b"{}")

    answers: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: answers.append(cache.get_or_compute("k", slow).body))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    while not calls and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)  # the others are now waiting for the first
    release.set()
    for t in threads:
        t.join(10)
    assert answers == [b"{}"] * 8 and len(calls) == 1


def test_an_answer_computed_from_a_store_that_then_changed_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    path.write_bytes(b"old")
    cache = ResponseCache(str(path), check_every=0)

    def changing() -> Response:
        path.write_bytes(b"new content")  # the store changes while the view runs
        return Response(200, "application/json", b'{"from": "old"}')

    cache.get_or_compute("k", changing)
    assert cache.get("k") is None  # the change is seen, and the old answer not kept
    assert cache.invalidations == 1


def test_start_up_warms_the_pages_the_network_links_to(demo: Built) -> None:
    server = make_server(Settings(store=demo.path), port=0)
    try:
        ex = server.explorer
        assert ex.index_ready.wait(30)
        warm = [t for t in threading.enumerate() if t.name == "word-index"]
        for t in warm:
            t.join(30)
        misses = ex.cache.misses
        con = ex.store.con.cursor()
        site = con.execute("SELECT site FROM articles LIMIT 1").fetchall()[0][0]
        con.close()
        for view, params in (("overview", {}), ("network", {}), ("site", {"id": site})):
            assert ex.api(view, params)[0] == 200
        assert ex.cache.misses == misses  # all three were ready before anyone asked
    finally:
        server.server_close()
