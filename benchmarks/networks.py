"""Site-network scenarios, large run: identifier extraction recall/precision and its CPU cost.

    nice python3 benchmarks/networks.py --scale 10 --out /tmp/copytrail-networks
    nice python3 benchmarks/networks.py --scale 10 --links     # + reuse, sites stage, link scores

Writes a generated corpus (``tests/networkgen.py``: undisclosed networks sharing an ad/analytics
account, a tag container + metrica counter, or only uncredited co-publication; a disclosed
group; a wire service with credited reprinters; agency GTM, placeholder, theme, press-release
and scraper traps) and its truth to ``--out``, then:

1. times identifier extraction (:func:`copytrail.sites.identifiers.extract_identifiers`) and
   article extraction (:func:`copytrail.extract.page.extract_page`, the per-page work of ingest)
   on every page in this process: CPU milliseconds per page of each, and their ratio; the same
   on real saved news pages (``--real``, default ``../shared/data/extraction/aeb/html``, read
   for timing only) when they are there;
2. ingests the corpus into a fresh store with the identifier hooks timed inside it (they run
   in the main process, between batches): CPU ms per page of extracting and of storing
   identifiers, against the ingest's own CPU per page (main process + article extraction);
3. scores ``page_ids`` against the truth (``tests/networkscore.py``), overall and per kind;
4. with ``--links``, runs reuse and then the sites stage (site links and networks), each timed
   (wall and CPU; the sites stage against reuse is the issue's "< 10% of reuse" figure), and
   prints the link scores (``tests/networkscore.py:score_links``).

The scenario corpus is invented, deterministic from the seed; ``../shared`` is only timed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from networkgen import write_network_corpus  # noqa: E402
from networkscore import score_ids, score_links  # noqa: E402

from copytrail import pipeline  # noqa: E402
from copytrail.extract.page import extract_page  # noqa: E402
from copytrail.model import RawPage  # noqa: E402
from copytrail.pipeline import ingest  # noqa: E402
from copytrail.settings import Settings  # noqa: E402
from copytrail.sites.identifiers import extract_identifiers  # noqa: E402
from copytrail.sources import iter_source  # noqa: E402
from copytrail.store import Store  # noqa: E402

AEB = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "extraction"
    / "aeb"
    / "html"
)


def real_pages(folder: Path) -> list[RawPage]:
    """Saved real news pages (``*.html.gz``), for measuring CPU only: nothing is kept."""
    return [
        RawPage(
            url=f"https://example.org/{f.name}",
            source=str(f),
            body=gzip.decompress(f.read_bytes()),
            kind="html",
        )
        for f in sorted(folder.glob("*.html.gz"))
    ]


def per_page_cpu(corpus: Path | list[RawPage], settings: Settings) -> dict[str, float]:
    """CPU ms per page of identifier extraction and of article extraction, in this process."""
    if isinstance(corpus, list):
        pages = corpus
    else:
        pages = [r for r in iter_source(str(corpus), settings) if isinstance(r, RawPage)]
    t0 = time.process_time()
    for _ in range(3):
        for p in pages:
            extract_identifiers(p.body, p.url)
    ids = (time.process_time() - t0) / 3
    t0 = time.process_time()
    for p in pages:
        extract_page(p, settings)
    article = time.process_time() - t0
    kb = sum(len(p.body) for p in pages) / len(pages) / 1024
    return {"pages": len(pages), "page_kb": round(kb, 1), "ids_ms": 1000 * ids / len(pages),
            "extract_ms": 1000 * article / len(pages), "ratio": ids / article}  # fmt: skip


def timed_ingest(corpus: Path, path: Path, settings: Settings) -> tuple[Store, dict[str, float]]:
    """Ingest into a fresh store, timing the identifier hooks inside it (their CPU seconds),
    the main process's CPU and the wall time."""
    if path.exists():
        path.unlink()
    spent = {"ids_extract_s": 0.0, "ids_store_s": 0.0}
    real = pipeline.page_ids

    def timed(fn: Any, key: str) -> Any:
        def run(*args: Any) -> Any:
            t0 = time.process_time()
            try:
                return fn(*args)
            finally:
                spent[key] += time.process_time() - t0

        return run

    pipeline.page_ids = SimpleNamespace(  # type: ignore[assignment]
        ingest_rows=timed(real.ingest_rows, "ids_extract_s"),
        record_page_ids=timed(real.record_page_ids, "ids_store_s"),
    )
    try:
        store = Store(str(path))
        t0, w0 = time.process_time(), time.perf_counter()
        summary = ingest([str(corpus)], settings, store)
        cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    finally:
        pipeline.page_ids = real
    return store, {"pages": summary.pages_new, "main_cpu_s": cpu, "wall_s": wall, **spent}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--scale", type=int, default=10, help="1 = the tests' corpus (~31 sites)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/copytrail-networks"))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--links", action="store_true", help="also run reuse + sites and score links")
    ap.add_argument("--json", type=Path, default=None, help="write scores and misses here")
    ap.add_argument(
        "--real", type=Path, default=AEB, help="real saved pages (*.html.gz) to time too"
    )
    args = ap.parse_args(argv)

    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    truth = write_network_corpus(args.out, args.seed, args.scale)
    corpus = args.out / "corpus"
    print(f"corpus: {len(truth['sites'])} sites, {len(truth['pages'])} pages, {len(truth['networks'])} networks, "
          f"{len(truth['wire_pairs'])} wire pairs, {len(truth['trap_pairs'])} trap pairs")  # fmt: skip
    settings = Settings(workers=args.workers, progress=False)

    cpu = per_page_cpu(corpus, settings)
    print(f"in-process CPU per page ({cpu['pages']} pages, {cpu['page_kb']} KB mean): identifiers "
          f"{cpu['ids_ms']:.2f} ms, article extraction {cpu['extract_ms']:.2f} ms "
          f"(identifiers = {100 * cpu['ratio']:.1f}% of it)")  # fmt: skip

    results: dict[str, Any] = {"cpu": cpu}
    if args.real.is_dir():
        real = per_page_cpu(real_pages(args.real), settings)
        results["cpu_real"] = real
        print(f"real pages ({real['pages']} AEB pages, {real['page_kb']} KB mean): identifiers "
              f"{real['ids_ms']:.2f} ms, article extraction {real['extract_ms']:.2f} ms "
              f"(identifiers = {100 * real['ratio']:.1f}% of it)")  # fmt: skip
    store, t = timed_ingest(corpus, args.out / "store.duckdb", settings)
    results["ingest"] = t
    per = {k: 1000 * v / t["pages"] for k, v in t.items() if k.endswith("_s")}
    # Article extraction runs in worker processes: its per-page CPU is the in-process figure.
    total = per["main_cpu_s"] + cpu["extract_ms"]
    ids_ms = per["ids_extract_s"] + per["ids_store_s"]
    print(f"ingest ({t['pages']} pages, wall {t['wall_s']:.1f} s): main process {per['main_cpu_s']:.2f} ms/page "
          f"+ article extraction in workers ~{cpu['extract_ms']:.2f} ms/page; identifiers inside it "
          f"{per['ids_extract_s']:.2f} ms extract + {per['ids_store_s']:.2f} ms store = {ids_ms:.2f} ms/page "
          f"({100 * ids_ms / total:.1f}% of ingest CPU)")  # fmt: skip
    ids = score_ids(store, truth)
    results["ids"] = {k: v for k, v in ids.items() if k != "misses"}
    print(f"identifiers: recall {ids['recall']:.4f}, precision {ids['precision']:.4f} "
          f"(tp {ids['tp']}, fp {ids['fp']}, fn {ids['fn']})")  # fmt: skip
    for kind, s in ids["kinds"].items():
        print(
            f"  {kind:16} recall {s['recall']:.3f}  precision {s['precision']:.3f}  (tp {s['tp']})"
        )
    if args.links:
        results["times"] = _links(store, settings)
        if results["times"] is not None:
            results["links"] = score_links(store, truth)
            print(
                json.dumps(
                    {k: v for k, v in results["links"].items() if not isinstance(v, list)}, indent=1
                )
            )
    store.close()
    if args.json:
        results["id_misses"] = ids["misses"][:200]
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


def _links(store: Store, settings: Settings) -> dict[str, Any] | None:
    """Reuse, then the sites stage (links and networks), each timed (wall and CPU seconds)."""
    from copytrail.progress import Progress
    from copytrail.sites.networks import update_links
    from copytrail.stages import stage

    times: dict[str, Any] = {}
    for name in ("reuse", "sites"):
        t0, w0 = time.process_time(), time.perf_counter()
        stage(name).run_function()(store, settings, Progress(enabled=False))
        times[name] = {"cpu_s": time.process_time() - t0, "wall_s": time.perf_counter() - w0}
    # Links alone (the sites stage also checks for pages to backfill): a second, warm run.
    t0, w0 = time.process_time(), time.perf_counter()
    update_links(store)
    times["links"] = {"cpu_s": time.process_time() - t0, "wall_s": time.perf_counter() - w0}
    r, s = times["reuse"]["wall_s"], times["sites"]["wall_s"]
    print(f"reuse {r:.2f} s wall ({times['reuse']['cpu_s']:.2f} s CPU); sites stage {s:.2f} s wall "
          f"({times['sites']['cpu_s']:.2f} s CPU) = {100 * s / r:.1f}% of reuse; links recomputed alone "
          f"{times['links']['wall_s']:.2f} s wall")  # fmt: skip
    return {"times": times}


if __name__ == "__main__":
    raise SystemExit(main())
