"""Screenshots of every explorer view over the example corpus, for docs/screenshots/.

Runs ``copytrail run`` (ingest + claims) and the reuse stage on ``examples/corpus`` into a
temporary store, serves it on a free local port and saves one PNG per view with Debian's
Chromium. Run from the repository root::

    python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from copytrail.app import run_stages
from copytrail.pipeline import ingest
from copytrail.progress import Progress
from copytrail.report import make_server
from copytrail.report.views import Corpus, overview, search
from copytrail.settings import Settings
from copytrail.store import Store

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_store(path: str) -> None:
    from copytrail.reuse.stage import run_reuse

    settings = Settings(store=path, workers=1, progress=False)
    with Store(path) as store:
        ingest([str(REPO / "examples" / "corpus")], settings, store)
        run_reuse(store, settings, Progress(enabled=False))
        run_stages(store, settings, Progress(enabled=False))


def main() -> int:
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "example.duckdb")
    build_store(path)
    with Store(path, read_only=True) as store:
        o = overview(Corpus(store.con))
        tag = search(Corpus(store.con), "river")["facets"]["tag"][0][0]
        family = o["top_passages"][0]["family_id"]
        edge = store.con.execute(
            "SELECT src_site, dst_site FROM site_edges ORDER BY families DESC, 1, 2 LIMIT 1"
        ).fetchone()
        article = store.con.execute(
            """SELECT p.article_id FROM passages p JOIN claims c ON c.article_id = p.article_id
               WHERE p.family_id = ? GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""", [family]
        ).fetchone()[0]
    server = make_server(Settings(store=path), port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    views = {
        "overview": "#/overview",
        "network": f"#/network/{edge[0]}/{edge[1]}",
        "family": f"#/family/{family}",
        "article": f"#/article/{article}",
        "claims": "#/claims",
        "search": f"#/search?q=river&tag={tag}",
    }
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        for name, h in views.items():
            page.goto(base + h)
            page.wait_for_selector(f'body[data-ready="{h[2:].split("/")[0].split("?")[0]}"]')
            if name == "network":
                page.wait_for_selector("#edge-panel[data-loaded]")
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(f"docs/screenshots/{name}.png")
        browser.close()
    server.shutdown()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
