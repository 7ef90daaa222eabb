"""Explorer response times per view on a 100k-article store, and report build time/size.

1. A seed store: the example corpus and the AEB pages (../shared, measurement only) ingested,
   reused and claimed by copytrail itself (cached in benchmarks/out/, gitignored).
2. A big store: the seed articles repeated under distinct URLs on 300 sites over two years up
   to N articles, with planted reprints (every 5 copies of one seed on different sites form a
   family whose witnesses share the seed's opening text), site edges derived from those
   families, and the seed claims copied onto every 10th copy. Built with SQL inside DuckDB.
3. The explorer served on 127.0.0.1 (response cache off, so every request hits the store);
   each view is requested with distinct parameters and timed end to end over HTTP.
4. A report of the 1,000 most-reprinted families.

    nice python benchmarks/explorer.py --articles 100000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
OUT = REPO / "benchmarks" / "out"
sys.path.insert(0, str(REPO))

from copytrail.report import build_report  # noqa: E402
from copytrail.report.server import Explorer, ExplorerServer  # noqa: E402
from copytrail.settings import Settings  # noqa: E402
from copytrail.store import Store  # noqa: E402

SITES = 300
INDEX_SECONDS: list[float] = []
FAMILY_SIZE = 5


def seed_store() -> Path:
    path = OUT / "explorer-seed.duckdb"
    if path.exists():
        return path
    from copytrail.app import run_stages
    from copytrail.pipeline import ingest
    from copytrail.progress import Progress
    from copytrail.reuse.stage import run_reuse

    aeb = SHARED / "data" / "extraction" / "aeb" / "html"
    sources = [str(REPO / "examples" / "corpus")] + ([str(aeb)] if aeb.exists() else [])
    tmp = path.with_suffix(".tmp.duckdb")
    tmp.unlink(missing_ok=True)
    settings = Settings(store=str(tmp), workers=2, progress=False)
    with Store(tmp) as store:
        s = ingest(sources, settings, store)
        print(f"seed: {s.articles_new} articles from {sources}", flush=True)
        try:
            # The big store plants its own families; the seed's are only a bonus.
            run_reuse(store, settings, Progress(enabled=False))
        except Exception as exc:  # noqa: BLE001
            print(f"seed: reuse stage failed ({type(exc).__name__}: {exc}); continuing", flush=True)
        run_stages(store, settings, Progress(enabled=False))
    os.replace(tmp, path)
    return path


def big_store(n: int) -> Path:
    path = OUT / f"explorer-{n}.duckdb"
    if path.exists():
        return path
    seed = seed_store()
    tmp = path.with_suffix(".tmp.duckdb")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    with Store(tmp) as store:
        store.ensure_tables(_stage_ddl())
        con = store.con
        con.execute(f"ATTACH '{seed}' AS seed (READ_ONLY)")
        con.execute("""CREATE TEMP TABLE base AS
            SELECT row_number() OVER (ORDER BY article_id) - 1 AS b, *
            FROM seed.articles WHERE length(text) > 400""")
        nb = con.execute("SELECT count(*) FROM base").fetchone()[0]
        # Copy i of seed b = i % nb: new URL, site, date; opening text kept so the planted
        # families share it, a distinct first line so every article is distinct.
        con.execute(f"""CREATE TEMP TABLE copies AS
            SELECT r.range AS i, base.*,
                   'bench-' || r.range AS new_id,
                   'site' || (r.range % {SITES}) || '.example' AS new_site,
                   strftime(DATE '2024-01-01' + CAST((r.range // {nb}) % 700 AS INTEGER)
                            + CAST(r.range % {FAMILY_SIZE} AS INTEGER), '%Y-%m-%d') AS new_date,
                   (r.range // {nb}) // {FAMILY_SIZE} AS grp
            FROM range({n}) r JOIN base ON base.b = r.range % {nb}""")
        with store.transaction():
            con.execute("""INSERT INTO pages (page_id, url, canonical_url, site, kind, content_type,
                    content_hash, size, source, source_offset)
                SELECT 'p' || new_id, 'https://' || new_site || '/a/' || i,
                       'https://' || new_site || '/a/' || i, new_site, 'warc', 'text/html',
                       md5(new_id), length(text), 'bench-' || (i // 10000) || '.warc.gz', i * 4096
                FROM copies""")
            con.execute("""INSERT INTO articles (article_id, page_id, url, canonical_url, site,
                    page_type, item_index, title, authors, published, published_source,
                    language, tags, text, paragraphs, source, content_hash, extra)
                SELECT new_id, 'p' || new_id, 'https://' || new_site || '/a/' || i,
                       'https://' || new_site || '/a/' || i, new_site, page_type, 0,
                       title || ' #' || i, authors, new_date, 'meta', language, tags,
                       text || '\n\nBulletin ' || i || '.', paragraphs, source, md5(new_id), '{}'
                FROM copies""")
            # Families: 5 consecutive copies of one seed (on 5 different sites) share its
            # opening 600 characters; the earliest copy is the source.
            con.execute(f"""INSERT INTO passages (passage_id, family_id, article_id, start, "end",
                    text, url, site, published, published_source, earliest, copied_from_article,
                    copied_from_passage, copy_similarity, date_status, self_reuse, banal)
                SELECT 'ps' || i, 'f' || b || '-' || grp, new_id, 0, least(600, length(text)),
                       substr(text, 1, least(600, length(text))),
                       'https://' || new_site || '/a/' || i, new_site, new_date, 'meta',
                       i % {FAMILY_SIZE} = 0,
                       CASE WHEN i % {FAMILY_SIZE} = 0 THEN NULL ELSE 'bench-' || (i - i % {FAMILY_SIZE}) END,
                       CASE WHEN i % {FAMILY_SIZE} = 0 THEN NULL ELSE 'ps' || (i - i % {FAMILY_SIZE}) END,
                       1.0, 'ok', FALSE, FALSE
                FROM copies""")
            con.execute("""INSERT INTO families (family_id, witnesses, articles, sites,
                    earliest_article, earliest_passage, first_date, last_date, date_status,
                    undated, banal, self_reuse, text)
                SELECT family_id, count(*), count(*), count(DISTINCT site),
                       arg_min(article_id, published), arg_min(passage_id, published),
                       min(published), max(published), 'ok', 0, FALSE, FALSE, any_value(text)
                FROM passages GROUP BY family_id""")
            con.execute("""INSERT INTO site_edges (src_site, dst_site, families, reprints,
                    median_lag_days, reprint_share)
                WITH e AS (
                    SELECT s.site AS src, d.site AS dst, d.family_id,
                           date_diff('day', CAST(s.published AS DATE), CAST(d.published AS DATE)) AS lag
                    FROM passages d JOIN passages s ON s.passage_id = d.copied_from_passage)
                SELECT src, dst, count(DISTINCT family_id), count(*), median(lag),
                       count(*) / sum(count(*)) OVER (PARTITION BY dst)
                FROM e GROUP BY src, dst""")
            con.execute("""INSERT INTO claims BY NAME SELECT c.* REPLACE (
                        c.claim_id || '-' || k.i AS claim_id, k.new_id AS article_id,
                        k.new_site AS site, k.new_date AS published)
                FROM seed.claims c JOIN copies k ON k.article_id = c.article_id
                WHERE k.i % 10 = 0""")
            con.execute("""INSERT INTO conflicts BY NAME SELECT c.* REPLACE (
                        c.claim_id || '-' || k.i AS claim_id, k.new_id AS article_id,
                        k.new_site AS site, k.new_date AS published,
                        c.conflict_id || '-' || (k.i // 1000) AS conflict_id)
                FROM seed.conflicts c JOIN copies k ON k.article_id = c.article_id
                WHERE k.i % 10 = 0""")
            con.execute("INSERT INTO speakers SELECT * FROM seed.speakers")
        con.execute("DETACH seed")
        counts = {t: store.count(t) for t in ("articles", "passages", "families", "site_edges", "claims")}
    os.replace(tmp, path)
    print(f"built {path.name} in {time.perf_counter() - started:.1f} s: {counts}", flush=True)
    return path


def _stage_ddl() -> tuple[str, ...]:
    from copytrail.claims.tables import CLAIMS_DDL
    from copytrail.reuse.tables import REUSE_DDL

    return REUSE_DDL + CLAIMS_DDL


def timed(base: str, path: str) -> float:
    t = time.perf_counter()
    with urllib.request.urlopen(base + path) as r:
        r.read()
        assert r.status == 200, path
    return (time.perf_counter() - t) * 1000


def measure(path: Path, per_view: int) -> dict[str, dict[str, float]]:
    explorer = Explorer(Settings(store=str(path)))
    explorer.cache_enabled = False  # every request reaches the store
    explorer.index_ready.wait()
    index = explorer.index
    if index is not None:
        INDEX_SECONDS.append(round(index.seconds, 1))
        print(f"word index: {index.postings:,} postings built in {index.seconds:.1f} s "
              f"({(index.hashes.nbytes + index.docs.nbytes) / 1e6:.0f} MB)", flush=True)
    server = ExplorerServer(explorer, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    con = explorer.store.con
    rng = random.Random(7)
    fams = [r[0] for r in con.execute("SELECT family_id FROM families USING SAMPLE 200 ROWS (reservoir, 7)").fetchall()]
    arts = [r[0] for r in con.execute("SELECT article_id FROM articles USING SAMPLE 200 ROWS (reservoir, 7)").fetchall()]
    edges = con.execute("SELECT src_site, dst_site FROM site_edges USING SAMPLE 200 ROWS (reservoir, 7)").fetchall()
    sites = [r[0] for r in con.execute("SELECT DISTINCT site FROM articles ORDER BY 1 LIMIT 50").fetchall()]
    words = ["river", "council", "election", "police", "water budget", "hospital", "school", "strike"]
    q = urllib.parse.quote
    plans = {
        "overview": lambda i: "/api/overview",
        "network": lambda i: "/api/network",
        "edge": lambda i: "/api/edge?src={}&dst={}".format(*map(q, edges[i % len(edges)])),
        "family": lambda i: f"/api/family?id={q(fams[i % len(fams)])}",
        "article": lambda i: f"/api/article?id={q(arts[i % len(arts)])}",
        "claims": lambda i: "/api/claims",
        "search": lambda i: f"/api/search?q={q(words[i % len(words)])}&page={1 + i % 3}",
        "search+facet": lambda i: f"/api/search?q={q(words[i % len(words)])}&site={q(rng.choice(sites))}",
        "search, no query": lambda i: f"/api/search?tag=&since=2024-0{1 + i % 9}",
        "search, scan": lambda i: f"/api/search?q={q(words[i % len(words)])}&page={1 + i % 3}",
    }
    if "--new-views" in sys.argv:
        # Views added for issue #11 (not in the code before it; run with --new-views).
        urls = [r[0] for r in con.execute("SELECT url FROM articles USING SAMPLE 200 ROWS (reservoir, 7)").fetchall()]
        phrases = ['"city council"', '"the police"', '"school board"', '"water"']
        plans = {
            "network, min 2 families": lambda i: f"/api/network?min={2 + i % 3}",
            "site page": lambda i: f"/api/site?id={q(sites[i % len(sites)])}",
            "compare (align on the fly)": lambda i: f"/api/compare?a={q(arts[i % len(arts)])}&b={q(arts[(i * 7 + 1) % len(arts)])}",
            "search, phrase -exclusion": lambda i: f"/api/search?q={q(phrases[i % 4] + ' -' + words[(i + 1) % len(words)])}",
            "search, URL (any form)": lambda i: f"/api/search?q={q(urls[i % len(urls)].replace('https://', 'http://www.') + '/?utm_source=x')}",
            **plans,
        }
    out: dict[str, dict[str, float]] = {}
    for name, plan in plans.items():
        if name == "search, scan":
            explorer.index = None  # what search costs before the index is ready
            per_view = max(5, per_view // 4)
        timed(base, plan(0))  # first request warms DuckDB's buffers for this view
        times = sorted(timed(base, plan(i)) for i in range(per_view))
        out[name] = {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(0.95 * len(times)) - 1)], 1),
            "max_ms": round(times[-1], 1),
        }
        print(f"{name:18s} median {out[name]['median_ms']:7.1f} ms  p95 {out[name]['p95_ms']:7.1f} ms", flush=True)
    server.shutdown()
    server.server_close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=40, help="timed requests per view")
    ap.add_argument("--new-views", action="store_true", help="also time the views of issue #11")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = big_store(args.articles)
    print(f"store {path} ({path.stat().st_size / 1e6:.0f} MB), {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores (shared)", flush=True)
    views = measure(path, args.requests)
    t = time.perf_counter()
    info = build_report(Settings(store=str(path)), str(OUT / "report-1k.html"))
    print(f"report: {info.families} families, {info.articles} articles, {info.edges} edges, "
          f"{info.size / 1e6:.1f} MB in {time.perf_counter() - t:.1f} s", flush=True)
    result = {"articles": args.articles, "views": views, "index_seconds": INDEX_SECONDS,
              "report": {"families": info.families, "articles": info.articles, "edges": info.edges,
                         "mb": round(info.size / 1e6, 2), "seconds": info.seconds}}
    (OUT / "explorer.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
