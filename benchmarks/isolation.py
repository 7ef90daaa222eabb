"""Per-record isolation of ingest: bad pages among good ones, batch by batch.

For each class of bad page, a corpus of N batches, each holding one bad page (the culprit) and
three good control pages, is ingested with two workers and four pages per batch. Printed per
class: error rows by reason for the culprits, control pages kept, wall time. The classes:

* ``worker killed``: the worker extracting the page dies by SIGKILL (what a segfault or the
  kernel's OOM killer does; triggered with the test hook COPYTRAIL_TEST_CRASH_MARKER);
* ``slow page``: 100,000 attributes on one element (unlimited: ~97 s per page; here
  extract_timeout=5);
* ``memory``: 9 MB of paragraphs with worker_memory_mb=64.

Before issue #10 a dead worker broke the whole process pool (BrokenProcessPool: the run ended
with a traceback and lost the batches in flight); a slow page held its batch for minutes.

    nice python benchmarks/isolation.py --batches 10
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from corpusgen import write_site  # noqa: E402

from copytrail.pipeline import ingest  # noqa: E402
from copytrail.settings import Settings  # noqa: E402
from copytrail.store import Store  # noqa: E402

MARKER = "BENCHMARK-CRASH-MARKER"


def culprit(kind: str) -> str:
    if kind == "worker killed":
        return f"<p>{MARKER}</p>"
    if kind == "slow page":
        return "<div " + " ".join(f'data-a{i}="v"' for i in range(100_000)) + "><p>x</p></div>"
    return "<p>word " * 1_000_000


CLASSES = {
    "worker killed": {},
    "slow page": {"extract_timeout": 5.0},
    "memory": {"worker_memory_mb": 64},
}


def run(kind: str, batches: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = write_site(Path(tmp) / "corpus", "control.example", 3 * batches)
        files = sorted(site.iterdir())
        # One culprit after every three controls: every batch of four holds one of each.
        for b in range(batches):
            name = f"{files[3 * b].stem}-z.html"
            url = f"https://control.example/bad/{b}"
            (site / name).write_text(
                f'<html><head><link rel="canonical" href="{url}"></head><body>{culprit(kind)}</body></html>'
            )
        settings = Settings(
            workers=2, progress=False, batch_size=4, boilerplate=False, **CLASSES[kind]
        )
        started = time.perf_counter()
        with Store(Path(tmp) / "s.duckdb") as store:
            summary = ingest([str(site)], settings, store)
            kept = store.con.execute(
                "SELECT count(*) FROM articles WHERE url NOT LIKE '%/bad/%'"
            ).fetchone()[0]
        took = time.perf_counter() - started
        print(
            f"{kind:14s} culprits {batches:3d} -> error rows {dict(summary.errors)}; "
            f"controls kept {kept}/{3 * batches}; {took:.1f} s",
            flush=True,
        )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--batches", type=int, default=10)
    args = ap.parse_args()
    os.environ["COPYTRAIL_TEST_CRASH_MARKER"] = MARKER
    for kind in CLASSES:
        run(kind, args.batches)
    return 0


if __name__ == "__main__":
    sys.exit(main())
