"""The Spark engine at scale: parity with the DuckDB stage, time, shuffle bytes, task times.

    nice python benchmarks/spark_scale.py [--n 100000] [--masters 'local-cluster[1,1,1024]' ...]

Corpus: the one of ``benchmarks/reuse_speed.py`` (PAN-13 source text read from ``../shared``,
never copied into the repo; planted reprints, half of them edited). The articles are written to
one store; copies of it go to the DuckDB reuse stage (the reference) and to the Spark engine on
each master (:func:`copytrail.spark.run.run_spark`, reuse only: index, candidates, alignment,
components, families and provenance on Spark; banality by n-gram DF and site edges in the
store after loading). Parity: every row of ``alignments``, ``passages`` and ``families`` equal.

Each engine runs in its own subprocess; ``cpu_s`` is the CPU time of that process tree (the
driver, its JVM, the executors and their Python workers, as each exits and is waited for).
Spark's other figures come from its event log (``spark.eventLog.enabled``, written under the
work folder, no UI): shuffle bytes written, executor JVM CPU seconds (not the Python workers'),
and the maximum and median task run time. Wall time includes the session's start-up (reported
apart) and the load into the store. Results are printed as JSON lines and appended to
``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_speed import DEFAULT_CORPUS, build_corpus, load_store  # noqa: E402

TABLES = ("alignments", "passages", "families")


def _cpu() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def duckdb_reference(store_path: str) -> dict[str, Any]:
    from copytrail.reuse.stage import run_reuse
    from copytrail.settings import Settings
    from copytrail.store import Store

    settings = Settings(store=store_path, progress=False, workers=1)
    store = Store.open(settings)
    t0, c0 = time.perf_counter(), _cpu()
    summary = run_reuse(store, settings)
    out = {
        "engine": "duckdb",
        "wall_s": round(time.perf_counter() - t0, 1),
        "cpu_s": round(_cpu() - c0, 1),
        "alignments": summary.alignments,
        "families": summary.families,
        "steps": dict(summary.step_seconds),
    }
    store.close()
    return out


def event_metrics(log_dir: Path) -> dict[str, Any]:
    """Shuffle bytes, executor CPU and task run times of every task in the event logs."""
    shuffle = 0
    cpu_ns = 0
    runs: list[float] = []
    for path in sorted(p for p in log_dir.rglob("*") if p.is_file()):
        with path.open(encoding="utf-8") as f:
            for line in f:
                if '"SparkListenerTaskEnd"' not in line:
                    continue
                m = json.loads(line).get("Task Metrics") or {}
                shuffle += int(
                    (m.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0)
                )
                cpu_ns += int(m.get("Executor CPU Time", 0))
                runs.append(int(m.get("Executor Run Time", 0)) / 1000)
    return {
        "tasks": len(runs),
        "shuffle_mb": round(shuffle / 1e6, 1),
        "executor_cpu_s": round(cpu_ns / 1e9, 1),
        "task_max_s": round(max(runs), 2) if runs else 0.0,
        "task_median_s": round(statistics.median(runs), 2) if runs else 0.0,
    }


def spark_run(store_path: str, master: str, work: Path, partitions: int) -> dict[str, Any]:
    from copytrail.settings import Settings
    from copytrail.spark.run import SparkOptions, run_spark
    from copytrail.spark.session import spark_session
    from copytrail.store import Store

    logs = work / "events"
    logs.mkdir(parents=True, exist_ok=True)
    settings = Settings(store=store_path, progress=False, workers=1)
    t0 = time.perf_counter()
    spark = spark_session(
        master,
        partitions,
        conf={
            "spark.eventLog.enabled": "true",
            "spark.eventLog.dir": str(logs),
            # one plain JSON-lines file (Spark 4 compresses and may roll it by default)
            "spark.eventLog.compress": "false",
            "spark.eventLog.rolling.enabled": "false",
        },
    )
    started = time.perf_counter() - t0
    store = Store.open(settings)
    try:
        got = run_spark(
            store,
            settings,
            ("reuse",),
            SparkOptions(master=master, partitions=partitions, workdir=str(work / "steps")),
            spark=spark,
        )["reuse"]
    finally:
        spark.stop()
        store.close()
    return {
        "engine": "spark",
        "master": master,
        "partitions": partitions,
        "wall_s": round(time.perf_counter() - t0, 1),
        "session_start_s": round(started, 1),
        "spark_s": got["spark seconds"],
        "alignments": got["alignments"],
        "families": got["families"],
        "components": got["components"],
        "steps": got["step seconds"],
        **event_metrics(logs),
    }


def parity(ref: str, other: str) -> dict[str, Any]:
    """Rows of each result table missing on either side (0 and 0: equal row for row)."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"ATTACH '{ref}' AS r (READ_ONLY)")
    con.execute(f"ATTACH '{other}' AS o (READ_ONLY)")
    out: dict[str, Any] = {}
    for t in TABLES:
        only_ref = con.execute(
            f"SELECT count(*) FROM (SELECT * FROM r.{t} EXCEPT ALL SELECT * FROM o.{t})"
        ).fetchall()[0][0]
        only_other = con.execute(
            f"SELECT count(*) FROM (SELECT * FROM o.{t} EXCEPT ALL SELECT * FROM r.{t})"
        ).fetchall()[0][0]
        out[t] = [int(only_ref), int(only_other)]
    out["equal"] = all(v == [0, 0] for v in out.values())
    return out


def _children_cpu() -> float:
    import resource

    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ch.ru_utime + ch.ru_stime


def _subprocess(*args: str) -> dict[str, Any]:
    """One engine run in its own process; its JSON row with the process tree's CPU time."""
    import subprocess

    c0 = _children_cpu()
    res = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if res.returncode != 0:
        return {"error": res.stderr[-2000:]}
    row: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    row["cpu_s"] = round(_children_cpu() - c0, 1)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument(
        "--masters", nargs="+", default=["local-cluster[1,1,1024]", "local-cluster[2,1,1024]"]
    )
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument(
        "--work", type=Path, default=None, help="work folder (default: a temporary one)"
    )
    ap.add_argument("--out", type=Path, default=Path("benchmarks/out/spark_scale.jsonl"))
    ap.add_argument("--skip-duckdb", action="store_true", help="no reference run, no parity")
    ap.add_argument("--one", nargs=3, metavar=("ENGINE", "STORE", "WORK"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:  # a child process: one engine run, one JSON line
        engine, store, one_work = args.one
        if engine == "duckdb":
            print(json.dumps(duckdb_reference(store)))
        else:
            print(json.dumps(spark_run(store, engine, Path(one_work), args.partitions)))
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="spark-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("NUMBA_CACHE_DIR", str(work / "numba"))

    articles, planted = build_corpus(args.corpus, args.n)
    data = work / "corpus.json"
    data.write_text(json.dumps({"articles": articles}))
    base = str(work / "base.duckdb")
    load_store(str(data), base)
    results = []

    def emit(row: dict[str, Any]) -> None:
        row = {"n": args.n, "date": time.strftime("%Y-%m-%d %H:%M"), **row}
        print(json.dumps(row), flush=True)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("a", encoding="utf-8") as f:
            f.write(json.dumps(row) + "\n")
        results.append(row)

    ref = str(work / "duckdb.duckdb")
    if not args.skip_duckdb:
        shutil.copy(base, ref)
        emit(_subprocess("--one", "duckdb", ref, str(work)))
    for k, master in enumerate(args.masters):
        path = str(work / f"spark{k}.duckdb")
        shutil.copy(base, path)
        row = _subprocess(
            "--one", master, path, str(work / f"spark{k}"), "--partitions", str(args.partitions)
        )
        if not args.skip_duckdb:
            row["parity"] = parity(ref, path)
        emit(row)


if __name__ == "__main__":
    main()
