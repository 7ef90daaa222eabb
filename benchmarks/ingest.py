"""Ingest throughput and peak memory on a generated WARC of N pages.

Builds a WARC from the bundled example corpus and the AEB pages (../shared, measurement only,
never committed), repeated under distinct URLs up to N records, then ingests it into a fresh
store in a subprocess per size and reports pages/s and peak RSS. Peak RSS should stay flat as N
grows (batches are streamed; only the store grows). Plain single-process trafilatura over the
same records runs in the same invocation as the peer.

    python benchmarks/ingest.py --sizes 2500 5000 10000
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def seed_pages() -> list[tuple[str, bytes]]:
    pages: list[tuple[str, bytes]] = []
    for f in sorted((REPO / "examples" / "corpus" / "html").rglob("*.html")):
        pages.append((f"https://{f.parent.name}/{f.stem}", f.read_bytes()))
    aeb = SHARED / "data" / "extraction" / "aeb" / "html"
    for f in sorted(aeb.glob("*.html.gz")):
        pages.append((f"https://aeb.example/{f.name[:-8]}", gzip.decompress(f.read_bytes())))
    if not pages:
        sys.exit("no seed pages found (examples/corpus/html or ../shared/data/extraction/aeb)")
    return pages


def write_warc(path: Path, n: int) -> None:
    seeds = seed_pages()
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(n):
            url, body = seeds[i % len(seeds)]
            # A distinct URL (and a distinct byte) per copy: every record is a new page.
            body = body + f"<!-- copy {i} -->".encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"{url}?copy={i}", "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(rec)


SAMPLER = """
import os, threading, time

def _tree_rss_mb(root):
    # Sum of resident memory of a process and all its descendants (workers included).
    kids = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(pid))
            except OSError:
                pass
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        todo.extend(kids.get(p, []))
    return total / 2**20

PEAK = [0.0]
def _sample():
    while True:
        PEAK[0] = max(PEAK[0], _tree_rss_mb(os.getpid()))
        time.sleep(0.25)
threading.Thread(target=_sample, daemon=True).start()
"""


def run_copytrail(warc: Path, store: Path, workers: int, memory: str = "1GB") -> dict[str, float]:
    code = SAMPLER + f"""
import json, resource
from copytrail import Settings
from copytrail.store import Store
from copytrail.pipeline import ingest
t = time.perf_counter()
with Store({str(store)!r}, memory_limit={memory!r}) as s:
    summ = ingest([{str(warc)!r}], Settings(workers={workers}, progress=False), s)
dt = time.perf_counter() - t
print(json.dumps({{"seconds": dt, "pages": summ.pages_new, "articles": summ.articles_new,
                  "errors": summ.error_count, "main_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "tree_rss_mb": PEAK[0]}}))
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_trafilatura(warc: Path, limit: int) -> dict[str, float]:
    code = f"""
import json, resource, time
import trafilatura
from warcio.archiveiterator import ArchiveIterator
t = time.perf_counter(); n = 0
with open({str(warc)!r}, "rb") as fh:
    for rec in ArchiveIterator(fh):
        if rec.rec_type != "response":
            continue
        trafilatura.extract(rec.content_stream().read().decode("utf-8", "replace"), with_metadata=True)
        n += 1
        if n >= {limit}:
            break
dt = time.perf_counter() - t
print(json.dumps({{"seconds": dt, "pages": n, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--peer-pages", type=int, default=1000, help="pages trafilatura runs on")
    ap.add_argument("--store-memory", default="1GB", help="DuckDB memory limit of the store")
    ap.add_argument("--json", help="write results here")
    args = ap.parse_args()
    results: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.python_version()}",
        "store_memory": args.store_memory,
    }
    with tempfile.TemporaryDirectory() as tmp:
        biggest = Path(tmp) / "bench.warc.gz"
        write_warc(biggest, max(args.sizes))
        rows = []
        for n in sorted(args.sizes):
            warc = Path(tmp) / f"bench-{n}.warc.gz"
            write_warc(warc, n)
            r = run_copytrail(warc, Path(tmp) / f"store-{n}.duckdb", args.workers, args.store_memory)
            r["n"] = n
            r["pages_per_s"] = r["pages"] / r["seconds"]
            r["store_mb"] = (Path(tmp) / f"store-{n}.duckdb").stat().st_size / 2**20
            rows.append(r)
            print(f"copytrail  N={n:>6}  {r['pages_per_s']:7.1f} pages/s  peak RSS main {r['main_rss_mb']:.0f} MB, "
                  f"all processes {r['tree_rss_mb']:.0f} MB  store {r['store_mb']:.0f} MB  errors {r['errors']}")
        peer = run_trafilatura(biggest, args.peer_pages)
        peer_rate = peer["pages"] / peer["seconds"]
        print(f"trafilatura (1 process, extract with metadata, first {peer['pages']} pages): "
              f"{peer_rate:.1f} pages/s, peak RSS {peer['rss_mb']:.0f} MB")
        ratio = rows[-1]["pages_per_s"] / peer_rate
        print(f"ratio copytrail ingest ({args.workers} workers, incl. store writes) / trafilatura: {ratio:.2f}x")
        results.update(copytrail=rows, trafilatura=peer, ratio=ratio)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
