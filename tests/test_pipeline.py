"""Ingest: idempotence, order independence, exact duplicates, errors, kill -9 and resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from corpusgen import make_page, write_site
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from copytrail.export import export
from copytrail.pipeline import ingest
from copytrail.settings import Settings
from copytrail.store import Store
from copytrail.store.articles import as_extracted

# Content of a store that must not depend on run order, batching, or interruptions.
SNAPSHOT_SQL = {
    "pages": "SELECT page_id, url, canonical_url, site, kind, content_hash, size FROM pages ORDER BY 1",
    "page_sources": "SELECT * FROM page_sources ORDER BY ALL",
    "articles": """SELECT article_id, page_id, url, site, page_type, item_index, title, authors,
        published, published_source, tags, series, series_part, links_to, text, paragraphs
        FROM articles ORDER BY 1""",
    "boilerplate": "SELECT site, block_key, text, pages FROM boilerplate ORDER BY ALL",
    "errors": "SELECT error_id, source, location, reason, detail FROM errors ORDER BY 1",
    "sites_dirty": "SELECT * FROM sites_dirty ORDER BY ALL",
}


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {k: store.con.execute(q).fetchall() for k, q in SNAPSHOT_SQL.items()}


def test_ingest_twice_adds_nothing(tmp_path: Path, store: Store, settings: Settings) -> None:
    site = write_site(tmp_path / "corpus", "valley.example", 6)
    first = ingest([str(site.parent)], settings, store)
    assert first.pages_new == 6 and first.articles_new == 6
    before = snapshot(store)
    second = ingest([str(site.parent)], settings, store)
    assert second.pages_new == 0 and second.pages_known == 6
    assert snapshot(store) == before


def test_site_boilerplate_removed(tmp_path: Path, store: Store, settings: Settings) -> None:
    write_site(tmp_path / "corpus", "valley.example", 6)
    ingest([str(tmp_path / "corpus")], settings, store)
    texts = [r[0] for r in store.con.execute("SELECT text FROM articles").fetchall()]
    stored = store.con.execute(
        "SELECT text, paragraphs, removed, raw_text, raw_paragraphs FROM articles"
    ).fetchall()
    raw = [as_extracted(*r)[0] for r in stored]
    # The text is stored once: the removed paragraphs, not a second copy.
    assert all(r[3] is None and r[4] is None for r in stored)
    assert all(r[2] is not None for r in stored)
    # The shared council sentence is on every page: learned as site boilerplate...
    assert store.count("boilerplate") >= 1
    assert all("council will meet again" not in t for t in texts)
    assert any("council will meet again" in t for t in raw)
    # ... while each page's own report survives.
    assert all(t.startswith("Report") or "Report" in t for t in texts)


def test_exact_duplicates_keep_every_url(tmp_path: Path, store: Store, settings: Settings) -> None:
    html = make_page("a.example", 1)
    for name in ("a", "b"):
        d = tmp_path / name
        d.mkdir()
        # Same bytes, different canonical URL: both pages are kept (they are evidence).
        (d / "p.html").write_text(html.replace("https://a.example/", f"https://{name}.example/"))
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "p.html").write_text(html)  # identical to a/p.html: same page, 2 sources
    ingest([str(tmp_path)], settings, store)
    assert store.count("pages") == 2
    assert store.count("page_sources") == 3
    urls = sorted(r[0] for r in store.con.execute("SELECT url FROM pages").fetchall())
    assert urls == ["https://a.example/news/story-1", "https://b.example/news/story-1"]


def test_bad_input_reported_and_batch_goes_on(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    site = write_site(tmp_path, "ok.example", 3)
    (site / "empty.html").write_bytes(b"")
    (site / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    summary = ingest([str(tmp_path), str(tmp_path / "missing")], settings, store)
    assert summary.pages_new == 3
    reasons = {r[0] for r in store.con.execute("SELECT reason FROM errors").fetchall()}
    assert len(reasons) >= 3, reasons  # empty, not-html, missing path
    assert summary.error_count == store.count("errors")
    again = ingest([str(tmp_path), str(tmp_path / "missing")], settings, store)
    assert again.error_count == summary.error_count
    assert store.count("errors") == summary.error_count  # errors are not doubled


@hsettings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(order=st.permutations(range(4)), batch=st.integers(1, 5))
def test_order_and_batching_do_not_matter(tmp_path_factory, order, batch) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("c")
    sites = [write_site(root, f"s{i}.example", 4, start=i * 10) for i in range(2)]
    parts = [str(p) for s in sites for p in sorted(s.iterdir())[:2]] + [str(s) for s in sites]
    ref = Store(":memory:")
    ingest([str(root)], Settings(workers=1, progress=False), ref)
    got = Store(":memory:")
    for i in order:
        ingest([parts[i]], Settings(workers=1, progress=False, batch_size=batch), got)
    ingest([str(root)], Settings(workers=1, progress=False, batch_size=batch), got)
    a, b = snapshot(ref), snapshot(got)
    a.pop("page_sources"), b.pop("page_sources")  # sources differ by how files were named
    assert a == b


def test_export_articles_fields(tmp_path: Path, store: Store, settings: Settings) -> None:
    write_site(tmp_path, "valley.example", 3)
    ingest([str(tmp_path)], settings, store)
    out = tmp_path / "a.jsonl"
    n = export(store, "articles", "jsonl", out)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert n == len(rows) == 3
    need = {
        "id",
        "url",
        "source",
        "site",
        "title",
        "authors",
        "published",
        "published_source",
        "tags",
        "language",
        "page_type",
        "series",
        "text",
    }
    assert need <= rows[0].keys()
    assert rows[0]["site"] == "valley.example"
    assert rows[0]["published"].startswith("2024-03")
    export(store, "articles", "parquet", tmp_path / "a.parquet")
    export(store, "articles", "csv", tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_text().count("\n") >= 4


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "copytrail.cli", *args]


def test_kill_9_mid_ingest_then_resume_equals_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for i in range(3):
        write_site(corpus, f"site{i}.example", 150, start=i * 1000)
    killed = tmp_path / "killed.duckdb"
    args = ["ingest", str(corpus), "--workers", "1", "--no-progress"]
    env = dict(os.environ, COPYTRAIL_BATCH_SIZE="10")
    proc = subprocess.Popen(
        _cli(*args, "--store", str(killed)),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = Path(str(killed) + ".wal")
    deadline = time.time() + 60
    # Kill once some batches are committed (the WAL grows with each commit) but long before the end.
    while time.time() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 200_000:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(killed) as s:
        partial = s.count("pages")
    assert 0 < partial < 450
    subprocess.run(_cli(*args, "--store", str(killed)), check=True, env=env, capture_output=True)
    clean = tmp_path / "clean.duckdb"
    subprocess.run(_cli(*args, "--store", str(clean)), check=True, capture_output=True)
    with Store(killed) as a, Store(clean) as b:
        assert a.count("pages") == 450
        assert snapshot(a) == snapshot(b)


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley</title><link>https://valley.example/</link><description>d</description>
<item><title>Story number 1 about the council</title>
<link>https://valley.example/news/story-1</link>
<pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Report 1: an excerpt of the story as the feed carries it, long enough
to count as text for extraction and for reuse.</p>]]></content:encoded></item>
</channel></rss>"""


def test_corpus_articles_prefers_pages_over_feed_entries(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    write_site(tmp_path / "c", "valley.example", 2)
    (tmp_path / "feed.xml").write_text(FEED)
    ingest([str(tmp_path / "c"), str(tmp_path / "feed.xml")], settings, store)
    assert store.count("articles") == 3  # the feed entry is kept as evidence ...
    rows = store.con.execute(
        "SELECT a.url, p.kind FROM corpus_articles a JOIN pages p USING (page_id) ORDER BY 1"
    ).fetchall()
    # ... but later stages see one article per URL: the page, not its feed excerpt.
    assert [u for u, _ in rows] == [
        "https://valley.example/news/story-0",
        "https://valley.example/news/story-1",
    ]
    assert all(k != "feed" for _, k in rows)


def test_raw_pages_compressed_or_not_kept(tmp_path: Path, store: Store) -> None:
    from copytrail.store.queries import raw_page, show
    from copytrail.store.raw import ZSTD_MAGIC

    folder = write_site(tmp_path / "corpus", "valley.example", 3)
    body = (folder / "story-0.html").read_bytes()
    ingest([str(tmp_path / "corpus")], Settings(workers=1, progress=False), store)
    [(pid, raw)] = store.con.execute(
        "SELECT page_id, raw FROM pages WHERE source LIKE '%story-0.html'"
    ).fetchall()
    assert raw[:4] == ZSTD_MAGIC and len(raw) < len(body) and raw_page(store, pid) == body

    other = Store(":memory:")
    lean = Settings(workers=1, progress=False, keep_raw_html=False)
    assert ingest([str(tmp_path / "corpus")], lean, other).articles_new == 3
    assert other.con.execute("SELECT count(*) FROM pages WHERE raw IS NOT NULL").fetchall() == [
        (0,)
    ]
    assert show(other, pid)["raw_preview"] == ""  # type: ignore[index]
    other.close()
