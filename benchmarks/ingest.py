"""Ingest throughput and peak memory on a generated WARC of N pages.

Builds a WARC from the bundled example corpus and the AEB pages (../shared, measurement only,
never committed), repeated under distinct URLs up to N records, then ingests it into a fresh
store in a subprocess per size and reports pages/s and peak RSS. Peak RSS should stay flat as N
grows (batches are streamed; only the store grows). Plain single-process trafilatura over the
same records runs in the same invocation as the peer.

    python benchmarks/ingest.py --sizes 2500 5000 10000
    python benchmarks/ingest.py --folder /path/to/trafilatura/tests/eval   # its own eval pages
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import resource
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
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            rec = writer.create_warc_record(
                f"{url}?copy={i}", "response", payload=io.BytesIO(body), http_headers=headers
            )
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


def _children_cpu() -> float:
    # Every finished descendant that was waited for (the benchmark's subprocess, and through it
    # the extraction workers it reaped): user + system seconds.
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_copytrail(warc: Path, store: Path, workers: int, memory: str = "1GB") -> dict[str, float]:
    code = (
        SAMPLER
        + f"""
import json, resource
from copytrail import Settings
from copytrail.store import Store
from copytrail.pipeline import ingest
t = time.perf_counter()
with Store({str(store)!r}, memory_limit={memory!r}) as s:
    summ = ingest([{str(warc)!r}], Settings(workers={workers}, progress=False), s)
dt = time.perf_counter() - t
import duckdb
con = duckdb.connect({str(store)!r}, read_only=True)
raw_bytes = con.execute("SELECT coalesce(sum(octet_length(raw)), 0) FROM pages").fetchone()[0]
con.close()
print(json.dumps({{"seconds": dt, "pages": summ.pages_new, "articles": summ.articles_new, "raw_bytes": raw_bytes,
                  "errors": summ.error_count, "main_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "tree_rss_mb": PEAK[0]}}))
"""
    )
    cpu = _children_cpu()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["cpu_seconds"] = _children_cpu() - cpu
    return result


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
    cpu = _children_cpu()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["cpu_seconds"] = _children_cpu() - cpu
    return result


def run_trafilatura_folder(folder: Path) -> dict[str, float]:
    code = f"""
import json, resource, time
from pathlib import Path
import trafilatura
t = time.perf_counter(); n = 0
for f in sorted(Path({str(folder)!r}).rglob("*.htm*")):
    trafilatura.extract(f.read_bytes().decode("utf-8", "replace"), with_metadata=True)
    n += 1
dt = time.perf_counter() - t
print(json.dumps({{"seconds": dt, "pages": n, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    cpu = _children_cpu()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["cpu_seconds"] = _children_cpu() - cpu
    return result


def folder_run(folder: Path, workers: int, memory: str) -> dict[str, object]:
    """``copytrail ingest FOLDER`` next to trafilatura over the same HTML files (e.g. the
    ``tests/eval`` pages of a trafilatura checkout, read in place), CPU seconds of each."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store.duckdb"
        r = run_copytrail(folder, store, workers, memory)
        size = store.stat().st_size
    peer = run_trafilatura_folder(folder)
    ratio = (r["pages"] / r["cpu_seconds"]) / (peer["pages"] / peer["cpu_seconds"])
    print(
        f"copytrail ingest {folder}: {r['pages']} pages, {r['cpu_seconds']:.1f} CPU-s "
        f"({r['pages'] / r['cpu_seconds']:.1f} pages/CPU-s), store {size / 2**20:.0f} MB "
        f"({(size - r['raw_bytes']) / 1024 / max(1, r['pages']):.1f} KB/page beyond raw HTML)\n"
        f"trafilatura extract(with_metadata): {peer['pages']} files, {peer['cpu_seconds']:.1f} "
        f"CPU-s ({peer['pages'] / peer['cpu_seconds']:.1f} pages/CPU-s)\n"
        f"ratio per CPU-second: {ratio:.2f}x"
    )
    return {"copytrail": r, "trafilatura": peer, "cpu_ratio": ratio}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--peer-pages", type=int, default=1000, help="pages trafilatura runs on")
    ap.add_argument("--store-memory", default="1GB", help="DuckDB memory limit of the store")
    ap.add_argument("--json", help="write results here")
    ap.add_argument("--folder", type=Path, help="ingest this folder of HTML files instead")
    args = ap.parse_args()
    results: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.python_version()}",
        "store_memory": args.store_memory,
    }
    if args.folder:
        results.update(folder_run(args.folder, args.workers, args.store_memory))
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2))
        return
    with tempfile.TemporaryDirectory() as tmp:
        biggest = Path(tmp) / "bench.warc.gz"
        write_warc(biggest, max(args.sizes))
        rows = []
        for n in sorted(args.sizes):
            warc = Path(tmp) / f"bench-{n}.warc.gz"
            write_warc(warc, n)
            r = run_copytrail(
                warc, Path(tmp) / f"store-{n}.duckdb", args.workers, args.store_memory
            )
            r["n"] = n
            r["pages_per_s"] = r["pages"] / r["seconds"]
            size = (Path(tmp) / f"store-{n}.duckdb").stat().st_size
            r["store_mb"] = size / 2**20
            r["pages_per_cpu_s"] = r["pages"] / r["cpu_seconds"]
            r["raw_kb_per_page"] = r["raw_bytes"] / 1024 / max(1, r["pages"])
            r["beyond_raw_kb_per_page"] = (size - r["raw_bytes"]) / 1024 / max(1, r["pages"])
            rows.append(r)
            print(
                f"copytrail  N={n:>6}  {r['pages_per_s']:7.1f} pages/s  {r['pages_per_cpu_s']:6.1f} pages/CPU-s  "
                f"peak RSS main {r['main_rss_mb']:.0f} MB, all processes {r['tree_rss_mb']:.0f} MB  "
                f"store {r['store_mb']:.0f} MB ({r['raw_kb_per_page']:.1f} KB/page raw HTML, "
                f"{r['beyond_raw_kb_per_page']:.1f} KB/page beyond it)  errors {r['errors']}"
            )
        peer = run_trafilatura(biggest, args.peer_pages)
        peer_rate = peer["pages"] / peer["seconds"]
        peer_cpu_rate = peer["pages"] / peer["cpu_seconds"]
        print(
            f"trafilatura (1 process, extract with metadata, first {peer['pages']} pages): "
            f"{peer_rate:.1f} pages/s, {peer_cpu_rate:.1f} pages/CPU-s, peak RSS {peer['rss_mb']:.0f} MB"
        )
        ratio = rows[-1]["pages_per_s"] / peer_rate
        cpu_ratio = rows[-1]["pages_per_cpu_s"] / peer_cpu_rate
        print(
            f"ratio copytrail ingest ({args.workers} workers, incl. store writes) / trafilatura: "
            f"{ratio:.2f}x wall, {cpu_ratio:.2f}x per CPU-second"
        )
        results.update(copytrail=rows, trafilatura=peer, ratio=ratio, cpu_ratio=cpu_ratio)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
