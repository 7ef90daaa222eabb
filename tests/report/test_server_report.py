"""The served app (HTTP, headers, read-only) and the report file (self-contained, escaped)."""

from __future__ import annotations

import hashlib
import http.client
import json
import re
import urllib.request
from html import unescape
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from copytrail.report import build_report
from copytrail.report.html import SERVER_CSP, csp_hash, esc, script_json
from copytrail.settings import Settings

from .corpus import Built


def get(
    base: str, path: str, host: str | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    hostport = base.split("//")[1]
    conn = http.client.HTTPConnection(hostport, timeout=10)
    conn.request(method, path, headers={"Host": host or hostport})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def test_api_views_answer_json(demo_server: str, demo: Built) -> None:
    for path in (
        "/api/overview",
        "/api/network",
        "/api/claims",
        "/api/search?q=river&tag=river",
        f"/api/family?id={demo.family_ids[0]}",
        f"/api/article?id={demo.article_ids[0]}",
        "/api/edge?src=rivervale-herald.example&dst=valleywire.example",
    ):
        status, headers, body = get(demo_server, path)
        assert status == 200, path
        assert headers["content-type"] == "application/json"
        assert "error" not in json.loads(body)
    data = json.load(urllib.request.urlopen(demo_server + "/api/search?q=river&tag=river"))
    assert data["total"] == 3 and data["filters"] == {"tag": "river"}


def test_security_headers_and_shell(demo_server: str) -> None:
    status, headers, body = get(demo_server, "/")
    assert status == 200 and headers["content-security-policy"] == SERVER_CSP
    assert "'unsafe-inline'" not in SERVER_CSP and "default-src 'none'" in SERVER_CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    html = body.decode()
    assert '<script src="/static/app.js"></script>' in html
    assert not re.search(r"<script>|\son\w+=|style=", html)  # no inline script, handler, style
    status, headers, _ = get(demo_server, "/static/app.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")


def test_unknown_things_and_writes_are_refused(demo_server: str) -> None:
    assert get(demo_server, "/api/family?id=nope")[0] == 404
    assert get(demo_server, "/api/nope")[0] == 404
    assert get(demo_server, "/static/../settings.py")[0] == 404
    assert get(demo_server, "/api/overview", method="POST")[0] == 405
    # DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host.
    assert get(demo_server, "/api/overview", host="evil.example:80")[0] == 421


def test_bad_parameters_do_not_break_the_server(demo_server: str) -> None:
    for path in (
        "/api/search?page=abc",
        "/api/search?q=%00%ff",
        "/api/article?id='%3B--",
        "/api/search?since=zzz&until=%27",
    ):
        assert get(demo_server, path)[0] in (200, 404), path
    assert get(demo_server, "/api/overview")[0] == 200


def test_store_is_opened_read_only(demo: Built) -> None:
    from copytrail.report.server import Explorer

    before = hashlib.sha256(Path(demo.path).read_bytes()).hexdigest()
    ex = Explorer(Settings(store=demo.path))
    assert ex.store.read_only
    ex.get("/api/overview")
    ex.close()
    assert hashlib.sha256(Path(demo.path).read_bytes()).hexdigest() == before


def test_report_is_self_contained(demo: Built, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    info = build_report(Settings(store=demo.path), str(out))
    assert (info.articles, info.families, info.edges) == (8, 2, 4)
    html = out.read_text()
    assert info.size == len(html.encode())
    # Nothing is loaded from anywhere: no src/href to other files, no @import or url().
    assert not re.search(r"\ssrc=|<link|@import|url\((?!#)", html)
    assert re.findall(r'href="([^"#][^"]*)"', html) == []
    csp = unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    )
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(scripts) == 1 and len(styles) == 1
    assert csp_hash(scripts[0]) in csp and csp_hash(styles[0]) in csp
    assert "unsafe" not in csp and "default-src 'none'" in csp
    data = json.loads(
        re.search(r'<script type="application/json" id="ct-data">(.*?)</script>', html, re.S).group(
            1
        )
    )
    assert set(data["families"]) == set(demo.family_ids)
    assert data["overview"]["counts"]["articles"] == 8


def test_report_subset(demo: Built, tmp_path: Path) -> None:
    info = build_report(
        Settings(store=demo.path), str(tmp_path / "f.html"), family=demo.family_ids[1]
    )
    assert info.families == 1 and info.articles == 3
    info = build_report(
        Settings(store=demo.path), str(tmp_path / "s.html"), site="lowmoor-post.example"
    )
    assert info.families == 0 and info.articles == 1 and info.edges == 0


@given(
    st.recursive(
        st.text() | st.integers() | st.none(),
        lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(), kids, max_size=4),
        max_leaves=20,
    )
)
def test_script_json_round_trips_and_never_closes_the_block(value: Any) -> None:
    out = script_json(value)
    assert json.loads(out) == value
    low = out.lower()
    assert "</" not in low and "<!--" not in low and "\u2028" not in out


def test_esc_escapes_quotes() -> None:
    assert esc("\"'<>&") == "&quot;&#x27;&lt;&gt;&amp;"


# -- hardening: bounded threads, timeouts, error pages, busy port --------------------------


def raw(base: str, data: bytes, timeout: float = 10) -> bytes:
    """Send raw bytes, return everything the server answers before closing."""
    import socket

    host, port = base.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_too_many_query_parameters_is_a_400_not_a_dropped_connection(demo_server: str) -> None:
    query = "&".join(f"p{i}=1" for i in range(40))
    status, headers, body = get(demo_server, f"/api/search?{query}")
    assert status == 400 and "query parameters" in json.loads(body)["error"]
    assert headers["x-content-type-options"] == "nosniff"
    assert get(demo_server, "/api/overview")[0] == 200


def test_standard_library_error_pages_carry_the_security_headers(demo_server: str) -> None:
    host = demo_server.split("//")[1]
    requests = {
        400: b"GET / two-paths HTTP/1.0\r\n\r\n",
        405: f"POST /api/overview HTTP/1.0\r\nHost: {host}\r\n\r\n".encode(),
        414: b"GET /" + b"a" * 70_000 + b" HTTP/1.0\r\n\r\n",
        431: b"GET / HTTP/1.0\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(150)) + b"\r\n",
        501: b"BREW / HTTP/1.0\r\n\r\n",
        505: b"GET / HTTP/2.0\r\n\r\n",
    }
    for status, request in requests.items():
        answer = raw(demo_server, request)
        head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        assert head.startswith(f"HTTP/1.0 {status} "), (status, head[:80])
        lines = {
            line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip()
            for line in head.splitlines()[1:]
        }
        assert lines["content-security-policy"] == SERVER_CSP, status
        assert lines["x-content-type-options"] == "nosniff", status
        assert lines["x-frame-options"] == "DENY", status


def test_idle_half_sent_requests_time_out_and_do_not_hold_threads(
    demo: Built, monkeypatch: Any
) -> None:
    import socket
    import threading
    import time

    from copytrail.report import server as srv

    monkeypatch.setattr(srv._Handler, "timeout", 0.5)
    server = srv.make_server(Settings(store=demo.path), port=0, word_index=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        idle = []
        for _ in range(3 * srv.THREADS):  # more than the pool has threads
            s = socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=10)
            s.sendall(b"GET /api/overview HTTP/1.1\r\nHost: ")  # and then nothing more
            idle.append(s)
        started = time.monotonic()
        assert get(base, "/api/overview")[0] == 200  # answered once idle ones time out
        assert time.monotonic() - started < 8
        for s in idle:  # every idle connection was closed by the server
            assert s.recv(65536) == b"" or s.recv(65536) == b""
            s.close()
        assert len(server._pool._threads) <= srv.THREADS  # the pool never grew past its bound
    finally:
        server.shutdown()
        server.server_close()


def test_a_second_serve_on_a_busy_port_says_so(demo: Built, demo_server: str) -> None:
    import subprocess
    import sys

    port = demo_server.rsplit(":", 1)[1]
    proc = subprocess.run(
        [sys.executable, "-m", "copytrail.cli", "serve", "--store", demo.path, "--port", port],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "port in use" in proc.stderr and "Traceback" not in proc.stderr + proc.stdout
