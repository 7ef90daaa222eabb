"""Article-body extraction: copytrail next to plain trafilatura, in one run.

    python benchmarks/extraction.py [--data DIR] [--workers 2] [--json OUT] [--limit N]

Datasets (read from ``../shared/data/extraction`` relative to the repository, never copied):

* ``aeb``: article-extraction-benchmark, ``html/<id>.html.gz`` + ``ground-truth.json``
  (``{id: {articleBody, url}}``);
* ``fundus``: fundus-evaluation, ``html/<Site>_<n>.html.gz`` + ``ground_truth.json``
  (``{file: {body: [paragraphs], url, crawl_date}}``); the pages of one ``<Site>`` are one site
  for boilerplate learning (AEB pages are grouped by their URL's site).

Measure (``shared/README.md``): tokens ``\\w+`` lower-cased, sets of 4-token shingles, per page
precision and recall, each averaged over pages, F1 from the two averages.

Rows: trafilatura ``extract()`` with default settings; copytrail with site boilerplate off and
on, each with trafilatura's ``favor_recall`` off (the default) and on. Throughput: copytrail
(extraction + boilerplate learning/removal) on ``--workers`` processes against single-process
trafilatura over both datasets, as a ratio.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # noqa: E402

from copytrail.extract import apply_boilerplate, extract_page, learn_boilerplate  # noqa: E402
from copytrail.extract.fastpath import fast_main_text  # noqa: E402
from copytrail.extract.tree import parse_html  # noqa: E402
from copytrail.ids import content_hash  # noqa: E402
from copytrail.model import Article, IngestError, RawPage  # noqa: E402
from copytrail.settings import Settings  # noqa: E402
from copytrail.urls import site_of  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "extraction"
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Doc:
    """One evaluation page: its id, site group, URL, raw HTML and gold body."""

    id: str
    site: str
    url: str
    html: bytes
    gold: str


def load(data: Path, name: str, limit: int | None) -> list[Doc]:
    root = data / name
    docs = []
    if name == "aeb":
        gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
        for k, v in sorted(gold.items()):
            html = gzip.decompress((root / "html" / f"{k}.html.gz").read_bytes())
            docs.append(Doc(k, site_of(v["url"]), v["url"], html, v["articleBody"]))
    else:
        gold = json.loads((root / "ground_truth.json").read_text(encoding="utf-8"))
        for k, v in sorted(gold.items()):
            html = gzip.decompress((root / "html" / k).read_bytes())
            docs.append(Doc(k, k.rsplit("_", 1)[0], v["url"], html, "\n\n".join(v["body"])))
    return docs[:limit] if limit else docs


def shingles(text: str) -> set[tuple[str, ...]]:
    toks = [t.lower() for t in _TOKEN.findall(text)]
    return {tuple(toks[i : i + 4]) for i in range(len(toks) - 3)}


def score(preds: dict[str, str], docs: list[Doc]) -> dict[str, float]:
    """Averaged per-page precision and recall of 4-gram shingles, F1 of the averages.

    An empty prediction scores precision 0 against a non-empty gold (1 against an empty one);
    this reproduces the published trafilatura figure on AEB.
    """
    p_sum = r_sum = 0.0
    for d in docs:
        pred, gold = shingles(preds.get(d.id, "")), shingles(d.gold)
        both = len(pred & gold)
        p_sum += both / len(pred) if pred else float(not gold)
        r_sum += both / len(gold) if gold else 1.0
    p, r = p_sum / len(docs), r_sum / len(docs)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def page_of(d: Doc) -> RawPage:
    return RawPage(url=d.url, source=d.id, body=d.html, kind="html")


def _extract(args: tuple[RawPage, Settings]) -> list[Article] | IngestError:
    return extract_page(*args)


def extracted(
    docs: list[Doc],
    settings: Settings,
    mapper: Callable[..., Iterable[list[Article] | IngestError]] = map,
) -> dict[str, list[Article]]:
    results = mapper(_extract, [(page_of(d), settings) for d in docs])
    return {d.id: r if isinstance(r, list) else [] for d, r in zip(docs, results, strict=True)}


def with_boilerplate(
    docs: list[Doc], arts: dict[str, list[Article]], settings: Settings
) -> dict[str, list[Article]]:
    """Learn per site from raw paragraphs, then remove, exactly as the pipeline does."""
    by_site: dict[str, list[Doc]] = defaultdict(list)
    for d in docs:
        by_site[d.site].append(d)
    out = {}
    for site_docs in by_site.values():
        pages = [
            (
                content_hash(d.html),
                [a.text[p.start : p.end] for a in arts[d.id] for p in a.paragraphs],
            )
            for d in site_docs
        ]
        blocks = learn_boilerplate(pages, settings)
        for d in site_docs:
            out[d.id] = [apply_boilerplate(a, blocks) for a in arts[d.id]]
    return out


def texts(arts: dict[str, list[Article]]) -> dict[str, str]:
    return {k: "\n\n".join(a.text for a in v) for k, v in arts.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder holding aeb/ and fundus/"
    )
    ap.add_argument(
        "--workers", type=int, default=2, help="worker processes for the throughput row"
    )
    ap.add_argument("--json", type=Path, help="write all numbers to this JSON file")
    ap.add_argument(
        "--limit", type=int, help="only the first N pages of each dataset (quick check)"
    )
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(
            f"no benchmark data at {args.data} (expected ../shared next to the repo)",
            file=sys.stderr,
        )
        return 2

    base = Settings().replace(progress=False)
    results: dict[str, object] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "trafilatura": trafilatura.__version__,
        "datasets": {},
    }
    all_docs: list[Doc] = []
    for name in ("aeb", "fundus"):
        docs = load(args.data, name, args.limit)
        all_docs += docs
        rows: dict[str, dict[str, float]] = {}

        t = time.perf_counter()
        preds = {d.id: trafilatura.extract(d.html, url=d.url) or "" for d in docs}
        rows["trafilatura"] = {
            **score(preds, docs),
            "pages_per_s": len(docs) / (time.perf_counter() - t),
        }

        for recall in (False, True):
            s = base.replace(favor_recall=recall)
            t = time.perf_counter()
            arts = extracted(docs, s)
            speed = len(docs) / (time.perf_counter() - t)
            tag = " favor_recall" if recall else ""
            rows[f"copytrail boilerplate off{tag}"] = {
                **score(texts(arts), docs),
                "pages_per_s": speed,
            }
            rows[f"copytrail boilerplate on{tag}"] = score(
                texts(with_boilerplate(docs, arts, s)), docs
            )

        # How often copytrail's own fast path answered (the rest went to trafilatura).
        fast = sum(
            fast_main_text(parse_html(d.html, base.max_html_depth)) is not None for d in docs
        )
        results["datasets"][name] = {"pages": len(docs), "fast_path_pages": fast, "rows": rows}  # type: ignore[index]
        print(
            f"\n{name} ({len(docs)} pages; copytrail's fast path on {fast}, trafilatura on {len(docs) - fast})"
        )
        print(f"  {'':38} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8}")
        for label, r in rows.items():
            rate = f"{r['pages_per_s']:8.1f}" if "pages_per_s" in r else ""
            print(f"  {label:38} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {rate}")

    # Throughput on both datasets together: single-process trafilatura vs copytrail on workers.
    # Wall-clock ratios are what a user sees but swing with other load on a shared machine, so
    # CPU seconds per page are recorded too (the workers' CPU is counted once they have exited).
    cpu0, t = time.process_time(), time.perf_counter()
    for d in all_docs:
        trafilatura.extract(d.html, url=d.url)
    traf_wall, traf_cpu = time.perf_counter() - t, time.process_time() - cpu0
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu0, t = time.process_time(), time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        arts = extracted(all_docs, base, lambda f, xs: pool.map(f, xs, chunksize=4))
    with_boilerplate(all_docs, arts, base)
    ours_wall = time.perf_counter() - t
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    ours_cpu = (
        time.process_time()
        - cpu0
        + children.ru_utime
        - children0.ru_utime
        + children.ru_stime
        - children0.ru_stime
    )
    n = len(all_docs)
    results["throughput"] = {
        "pages": n,
        "workers": args.workers,
        "trafilatura_1_process_pages_per_s": n / traf_wall,
        "copytrail_workers_pages_per_s": n / ours_wall,
        "wall_ratio": traf_wall / ours_wall,
        "trafilatura_cpu_ms_per_page": 1000 * traf_cpu / n,
        "copytrail_cpu_ms_per_page": 1000 * ours_cpu / n,
        "cpu_bound_ratio": args.workers * traf_cpu / ours_cpu,
    }
    print(
        f"\nthroughput ({n} pages): trafilatura 1 process {n / traf_wall:.1f} pages/s, copytrail "
        f"{args.workers} workers {n / ours_wall:.1f} pages/s (incl. pool start, boilerplate): "
        f"{traf_wall / ours_wall:.2f}x wall clock\n"
        f"CPU per page: trafilatura {1000 * traf_cpu / n:.0f} ms, copytrail {1000 * ours_cpu / n:.0f} ms"
        f" (incl. parent): {args.workers} free cores would give "
        f"{args.workers * traf_cpu / ours_cpu:.2f}x"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
