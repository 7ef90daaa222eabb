"""Site-network scenarios, large run: identifier extraction recall/precision and its CPU cost.

    nice python3 benchmarks/networks.py --scale 10 --out /tmp/copytrail-networks
    nice python3 benchmarks/networks.py --scale 10 --links     # + reuse, sites stage, link scores

Writes a generated corpus (``tests/networkgen.py``: undisclosed networks sharing an ad/analytics
account, a tag container + metrica counter, or only uncredited co-publication; a disclosed
group; a wire service with credited reprinters; agency GTM, placeholder, theme, press-release
and scraper traps) and its truth to ``--out``, then:

1. times identifier extraction (:func:`copytrail.sites.identifiers.extract_identifiers`) and
   article extraction (:func:`copytrail.extract.page.extract_page`, the per-page work of ingest)
   on every page in this process: CPU milliseconds per page of each, and their ratio;
2. ingests the corpus twice into fresh stores, with the identifier hook and with it replaced by
   a no-op, and prints the main process's CPU seconds per page of each (identifiers run in the
   main process, between batches) and the wall time;
3. scores ``page_ids`` against the truth (``tests/networkscore.py``), overall and per kind;
4. with ``--links``, runs reuse and the sites stage and, if ``site_links``/``networks`` exist,
   prints the link scores.

Nothing is read from ``../shared``: the corpus is invented, deterministic from the seed.
"""

from __future__ import annotations

import argparse
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


def per_page_cpu(corpus: Path, settings: Settings) -> dict[str, float]:
    """CPU ms per page of identifier extraction and of article extraction, in this process."""
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


_NO_IDS = SimpleNamespace(ingest_rows=lambda *a: (None, None), record_page_ids=lambda *a: None)


def timed_ingest(
    corpus: Path, path: Path, settings: Settings, with_ids: bool
) -> tuple[Store, dict[str, float]]:
    """Ingest into a fresh store; main-process CPU and wall seconds."""
    if path.exists():
        path.unlink()
    real = pipeline.page_ids
    if not with_ids:
        pipeline.page_ids = _NO_IDS  # type: ignore[assignment]
    try:
        store = Store(str(path))
        t0, w0 = time.process_time(), time.perf_counter()
        summary = ingest([str(corpus)], settings, store)
        cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    finally:
        pipeline.page_ids = real
    return store, {"pages": summary.pages_new, "main_cpu_s": cpu, "wall_s": wall}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--scale", type=int, default=10, help="1 = the tests' corpus (~31 sites)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/copytrail-networks"))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--links", action="store_true", help="also run reuse + sites and score links")
    ap.add_argument("--json", type=Path, default=None, help="write scores and misses here")
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
    for label, with_ids in (
        ("ingest without identifiers", False),
        ("ingest with identifiers", True),
    ):
        store, t = timed_ingest(
            corpus, args.out / f"{'ids' if with_ids else 'noids'}.duckdb", settings, with_ids
        )
        results[label] = t
        print(f"{label}: main-process CPU {1000 * t['main_cpu_s'] / t['pages']:.2f} ms/page, "
              f"wall {t['wall_s']:.1f} s for {t['pages']} pages")  # fmt: skip
        if not with_ids:
            store.close()
    ids = score_ids(store, truth)
    results["ids"] = {k: v for k, v in ids.items() if k != "misses"}
    print(f"identifiers: recall {ids['recall']:.4f}, precision {ids['precision']:.4f} "
          f"(tp {ids['tp']}, fp {ids['fp']}, fn {ids['fn']})")  # fmt: skip
    for kind, s in ids["kinds"].items():
        print(
            f"  {kind:16} recall {s['recall']:.3f}  precision {s['precision']:.3f}  (tp {s['tp']})"
        )
    if args.links:
        results["links"] = _links(store, settings)
        if results["links"] is not None:
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
    from copytrail.app import run_stages
    from copytrail.progress import Progress

    t0 = time.process_time()
    run_stages(store, settings, Progress(enabled=False))
    print(f"later stages: {time.process_time() - t0:.1f} s CPU")
    if not (store.has_table("site_links") and store.has_table("networks")):
        print("no site_links/networks tables yet: link scores skipped")
        return None
    return {}


if __name__ == "__main__":
    raise SystemExit(main())
