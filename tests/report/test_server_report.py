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


def get(base: str, path: str, host: str | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    hostport = base.split("//")[1]
    conn = http.client.HTTPConnection(hostport, timeout=10)
    conn.request(method, path, headers={"Host": host or hostport})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def test_api_views_answer_json(demo_server: str, demo: Built) -> None:
    for path in ("/api/overview", "/api/network", "/api/claims", "/api/search?q=river&tag=river",
                 f"/api/family?id={demo.family_ids[0]}", f"/api/article?id={demo.article_ids[0]}",
                 "/api/edge?src=rivervale-herald.example&dst=valleywire.example"):
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
    for path in ("/api/search?page=abc", "/api/search?q=%00%ff", "/api/article?id='%3B--",
                 "/api/search?since=zzz&until=%27"):
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
    assert not re.search(r'\ssrc=|<link|@import|url\((?!#)', html)
    assert re.findall(r'href="([^"#][^"]*)"', html) == []
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(scripts) == 1 and len(styles) == 1
    assert csp_hash(scripts[0]) in csp and csp_hash(styles[0]) in csp
    assert "unsafe" not in csp and "default-src 'none'" in csp
    data = json.loads(re.search(r'<script type="application/json" id="ct-data">(.*?)</script>', html, re.S).group(1))
    assert set(data["families"]) == set(demo.family_ids)
    assert data["overview"]["counts"]["articles"] == 8


def test_report_subset(demo: Built, tmp_path: Path) -> None:
    info = build_report(Settings(store=demo.path), str(tmp_path / "f.html"), family=demo.family_ids[1])
    assert info.families == 1 and info.articles == 3
    info = build_report(Settings(store=demo.path), str(tmp_path / "s.html"), site="lowmoor-post.example")
    assert info.families == 0 and info.articles == 1 and info.edges == 0


@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(), kids, max_size=4),
                    max_leaves=20))
def test_script_json_round_trips_and_never_closes_the_block(value: Any) -> None:
    out = script_json(value)
    assert json.loads(out) == value
    low = out.lower()
    assert "</" not in low and "<!--" not in low and "\u2028" not in out


def test_esc_escapes_quotes() -> None:
    assert esc("\"'<>&") == "&quot;&#x27;&lt;&gt;&amp;"
