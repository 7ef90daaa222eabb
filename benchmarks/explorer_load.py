"""Explorer under load: latency at 1 and 20 concurrent clients, and idle half-sent connections.

Serves one store (the big store of ``benchmarks/explorer.py``, built there and cached in
benchmarks/out/, copied to a temporary file so nothing else holds it) with two servers in turn:

* ``thread-per-request``: the standard library's ThreadingHTTPServer (the server before
  issue #10), with the explorer's own handler and views;
* ``bounded pool``: :class:`copytrail.report.server.ExplorerServer` as shipped.

Each client sends a random mix of views (overview, network, claims, family, article, edge,
site, search) one after the other; latency is end to end over HTTP. Run it with the response
cache on (as ``copytrail serve`` runs) and off (every request reaches the store). Then 150
connections each send half a request line and nothing more: how many server threads they
hold, at once and 15 s later.

    nice python benchmarks/explorer_load.py --articles 20000

``--phases`` serves the store from a child process (so the server's own CPU seconds are read
from /proc, apart from the clients') and times four phases: 1 client then 20 clients on URLs
not asked before (cache cold, after the server's start-up warm-up), then the same two URL
sequences again (cache warm). ``--server-module FILE`` serves with another copy of
copytrail/report/server.py, e.g. the code before a change:

    git show c3eba4e:copytrail/report/server.py > /tmp/server_before.py
    nice python benchmarks/explorer_load.py --articles 100000 --phases --server-module /tmp/server_before.py
    nice python benchmarks/explorer_load.py --articles 100000 --phases
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import os
import random
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from explorer import big_store  # noqa: E402

from copytrail.report import server as srv  # noqa: E402
from copytrail.settings import Settings  # noqa: E402


class ThreadPerRequest(ThreadingHTTPServer):
    """The server as it was: a new thread for every connection, no limit, no timeout."""

    daemon_threads = True

    def __init__(self, explorer: srv.Explorer) -> None:
        super().__init__(("127.0.0.1", 0), _OldHandler)
        self.explorer = explorer
        self.verbose = False
        self.allowed_hosts = {f"127.0.0.1:{self.server_address[1]}"}


class _OldHandler(srv._Handler):
    timeout = None  # type: ignore[assignment]  # no read timeout, as before

    def setup(self) -> None:  # no connection deadline either
        super(srv._Handler, self).setup()

    def finish(self) -> None:
        super(srv._Handler, self).finish()


def plans(explorer: srv.Explorer) -> list[Any]:
    con = explorer.store.con
    q = urllib.parse.quote
    fams = [
        r[0]
        for r in con.execute(
            "SELECT family_id FROM families USING SAMPLE 100 ROWS (reservoir, 7)"
        ).fetchall()
    ]
    arts = [
        r[0]
        for r in con.execute(
            "SELECT article_id FROM articles USING SAMPLE 100 ROWS (reservoir, 7)"
        ).fetchall()
    ]
    edges = con.execute(
        "SELECT src_site, dst_site FROM site_edges USING SAMPLE 100 ROWS (reservoir, 7)"
    ).fetchall()
    sites = [
        r[0]
        for r in con.execute("SELECT DISTINCT site FROM articles ORDER BY 1 LIMIT 50").fetchall()
    ]
    words = ["river", "council", "election", "police", "hospital", "school", "strike", "budget"]
    return [
        lambda r: "/api/overview",
        lambda r: "/api/network",
        lambda r: "/api/claims",
        lambda r: f"/api/family?id={q(r.choice(fams))}",
        lambda r: f"/api/article?id={q(r.choice(arts))}",
        lambda r: "/api/edge?src={}&dst={}".format(*map(q, r.choice(edges))),
        lambda r: f"/api/site?id={q(r.choice(sites))}",
        lambda r: f"/api/search?q={q(r.choice(words))}&page={r.randint(1, 3)}",
    ]


def load(base: str, views: list[Any], clients: int, per_client: int) -> dict[str, float]:
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(per_client):
            path = rng.choice(views)(rng)
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(base + path, timeout=120) as r:
                    r.read()
            except Exception:  # noqa: BLE001 - counted, the run goes on
                with lock:
                    errors[0] += 1
                continue
            with lock:
                times.append((time.perf_counter() - t) * 1000)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    times.sort()
    return {
        "requests": len(times),
        "errors": errors[0],
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(0.95 * len(times)) - 1)], 1),
        "max_ms": round(times[-1], 1),
        "per_s": round(len(times) / wall, 1),
    }


def idle(server: Any, port: int) -> tuple[int, int]:
    """Server threads while 150 half-sent requests wait, and 15 s later."""
    before = threading.active_count()
    socks = []
    for _ in range(150):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /api/overview HTTP/1.1\r\nHost: ")
        socks.append(s)
    time.sleep(2)
    held = threading.active_count() - before
    time.sleep(15)
    later = threading.active_count() - before
    for s in socks:
        s.close()
    return held, later


def run(store: Path, per_client: int, caches: tuple[bool, ...], servers: tuple[str, ...]) -> None:
    for cache in caches:
        for name in servers:
            explorer = srv.Explorer(Settings(store=str(store)))
            explorer.cache_enabled = cache
            explorer.index_ready.wait()
            server: Any = (
                ThreadPerRequest(explorer)
                if name == "thread-per-request"
                else srv.ExplorerServer(explorer, "127.0.0.1", 0)
            )
            threading.Thread(target=server.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{server.server_address[1]}"
            views = plans(explorer)
            load(base, views, 4, 5)  # warm DuckDB's buffers
            one = load(base, views, 1, per_client * 2)
            many = load(base, views, 20, per_client)
            print(
                f"cache {'on ' if cache else 'off'} {name:19s} 1 client: median {one['median_ms']:7.1f} "
                f"p95 {one['p95_ms']:7.1f} ms | 20 clients: median {many['median_ms']:7.1f} "
                f"p95 {many['p95_ms']:7.1f} max {many['max_ms']:7.1f} ms, {many['per_s']} req/s, "
                f"{many['errors']} errors",
                flush=True,
            )
            if cache:
                held, later = idle(server, server.server_address[1])
                print(
                    f"          {name:19s} 150 half-sent requests: {held} threads held, {later} after 15 s",
                    flush=True,
                )
            server.shutdown()
            server.server_close()


def paired(store: Path, per_client: int, rounds: int) -> None:
    """20 clients, cache on, the variants interleaved round by round: on a shared machine the
    load of the moment would otherwise decide which variant looks faster."""
    variants = ("thread-per-request", "bounded pool")
    times: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    for _ in range(rounds):
        for name in variants:
            explorer = srv.Explorer(Settings(store=str(store)))
            explorer.index_ready.wait()
            server: Any = (
                srv.ExplorerServer(explorer, "127.0.0.1", 0)
                if name == "bounded pool"
                else ThreadPerRequest(explorer)
            )
            threading.Thread(target=server.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{server.server_address[1]}"
            views = plans(explorer)
            load(base, views, 4, 5)
            times[name].append(load(base, views, 20, per_client))
            server.shutdown()
            server.server_close()
    for name, runs in times.items():
        p95 = sorted(r["p95_ms"] for r in runs)
        med = sorted(r["median_ms"] for r in runs)
        print(
            f"paired, cache on, 20 clients, {name:26s}: p95 per round {p95} ms, median per round {med} ms",
            flush=True,
        )


def _server_module(path: str | None) -> Any:
    if not path:
        return srv
    spec = importlib.util.spec_from_file_location("explorer_server_variant", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _child(store: str, module_path: str | None, conn: Any) -> None:
    """Serve ``store`` until told to stop; send the port once start-up work is done."""
    module = _server_module(module_path)
    server = module.make_server(Settings(store=store), port=0)
    server.explorer.index_ready.wait()
    for t in threading.enumerate():  # the start-up warm-up runs on after the index
        if t.name == "word-index":
            t.join()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    conn.send(server.server_address[1])
    conn.recv()
    server.shutdown()
    server.server_close()


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _sequence(views: list[Any], seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(views)(rng) for _ in range(n)]


def replay(base: str, sequences: list[list[str]]) -> dict[str, float]:
    """Each client sends its own URL sequence back to back; latencies in ms."""
    times: list[float] = []
    by_view: dict[str, list[float]] = {}
    errors = [0]
    lock = threading.Lock()

    def client(paths: list[str]) -> None:
        for path in paths:
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(base + path, timeout=120) as r:
                    r.read()
            except Exception:  # noqa: BLE001 - counted, the run goes on
                with lock:
                    errors[0] += 1
                continue
            with lock:
                times.append((time.perf_counter() - t) * 1000)
                by_view.setdefault(path.split("?")[0][5:], []).append(times[-1])

    threads = [threading.Thread(target=client, args=(seq,)) for seq in sequences]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times.sort()
    return {
        "requests": len(times),
        "errors": errors[0],
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(0.95 * len(times)) - 1)], 1),
        "slowest": ", ".join(
            f"{v} {round(statistics.median(ts))}/{round(max(ts))}"
            for v, ts in sorted(by_view.items(), key=lambda kv: -max(kv[1]))[:4]
        ),
    }


def phases(store: Path, per_client: int, module_path: str | None) -> None:
    """Cold then warm, 1 then 20 clients, with the server's CPU seconds per phase."""
    explorer = srv.Explorer(Settings(store=str(store)), word_index=False)
    views = plans(explorer)
    explorer.close()
    one = [_sequence(views, 1000, per_client * 4)]
    many = [_sequence(views, 2000 + i, per_client) for i in range(20)]
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    started = time.perf_counter()
    proc = ctx.Process(target=_child, args=(str(store), module_path, child))
    proc.start()
    port = parent.recv()
    startup = _cpu_seconds(proc.pid)
    print(
        f"server {module_path or 'as committed'}: ready in {time.perf_counter() - started:.1f} s, "
        f"{startup:.1f} CPU-s at start-up",
        flush=True,
    )
    base = f"http://127.0.0.1:{port}"
    for cache, clients, seqs in (
        ("cold", 1, one),
        ("cold", 20, many),
        ("warm", 1, one),
        ("warm", 20, many),
    ):
        cpu = _cpu_seconds(proc.pid)
        t = time.perf_counter()
        r = replay(base, seqs)
        print(
            f"  cache {cache}, {clients:2d} clients: p50 {r['p50_ms']:7.1f} ms, p95 {r['p95_ms']:7.1f} ms, "
            f"{r['requests']} requests ({r['errors']} errors) in {time.perf_counter() - t:.1f} s, "
            f"server {_cpu_seconds(proc.pid) - cpu:.1f} CPU-s\n"
            f"    slowest views (median/max ms): {r['slowest']}",
            flush=True,
        )
    parent.send("stop")
    proc.join(60)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--requests", type=int, default=15, help="requests per client")
    ap.add_argument("--cache", choices=("on", "off", "both"), default="both")
    ap.add_argument(
        "--server", choices=("thread-per-request", "bounded pool", "both"), default="both"
    )
    ap.add_argument("--paired", type=int, default=0, help="rounds of the interleaved comparison")
    ap.add_argument("--phases", action="store_true", help="cold/warm, 1/20 clients, server CPU")
    ap.add_argument("--server-module", help="serve with this copy of report/server.py")
    args = ap.parse_args()
    path = big_store(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        shutil.copy(path, copy)
        print(f"store: {args.articles:,} articles ({copy.stat().st_size / 1e6:.0f} MB)", flush=True)
        if args.phases:
            phases(copy, args.requests, args.server_module)
            return 0
        if args.paired:
            paired(copy, args.requests, args.paired)
            return 0
        caches = (True, False) if args.cache == "both" else (args.cache == "on",)
        servers = (
            ("thread-per-request", "bounded pool") if args.server == "both" else (args.server,)
        )
        run(copy, args.requests, caches, servers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
