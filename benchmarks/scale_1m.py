"""A million generated articles through the reuse stage (and claims) on one machine.

    nice python benchmarks/scale_1m.py --n 1000000 --store /tmp/scale1m.duckdb --log /tmp/scale1m.log

The corpus is generated as a stream, so the generator's memory does not grow with N: real text
(PAN-13 source documents read from ``../shared``, never copied into the repo) cut into articles of
150–400 words, then copies of that base with a *permuted vocabulary* per copy (same word-frequency
distribution, different n-grams: nothing is a reprint by accident), 50 sites, dates rising over
2024. 5% of articles receive a 40–80-word passage of one of the previous 20,000 articles (half
verbatim, half edited), as ``reuse_speed.py`` plants them.

Each stage runs in this process; every ``--every`` seconds, and at each stage's end, one JSON
line goes to the log: stage, done/total, wall and CPU seconds, peak RSS, store size. A run that
is stopped midway has told how far it got; rerunning with the same ``--store`` resumes (the
stages resume from what they stored; the load step skips when the store is full).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_speed import DEFAULT_CORPUS, _sentences  # noqa: E402

from copytrail.progress import Progress  # noqa: E402

CHUNK = 20_000  # articles per store insert
RECENT = 20_000  # planted reprints copy from this many previous articles


def base_articles(src_dir: Path, rng: random.Random) -> tuple[list[list[str]], list[str]]:
    """The real text cut into articles (lists of sentences), and its vocabulary."""
    base: list[list[str]] = []
    for path in sorted(src_dir.glob("*.txt")):
        cur: list[str] = []
        words, target = 0, rng.randint(150, 400)
        for s in _sentences(path.read_text(encoding="utf-8", errors="replace")):
            cur.append(s)
            words += len(s.split())
            if words >= target:
                base.append(cur)
                cur, words, target = [], 0, rng.randint(150, 400)
    if not base:
        sys.exit(f"no text found in {src_dir} (pass --corpus DIR of .txt files)")
    return base, sorted({w for art in base for s in art for w in s.split()})


def _plant(text: str, source: str, vocab: list[str], rng: random.Random) -> str:
    w = source.split()
    length = rng.randint(40, 80)
    start = rng.randrange(0, len(w) - length)
    piece = w[start : start + length]
    if rng.random() < 0.5:
        edited: list[str] = []
        for t in piece:
            r = rng.random()
            if r < 0.04:
                edited.append(rng.choice(vocab))
            elif r >= 0.07:
                edited += [t, rng.choice(vocab)] if r < 0.10 else [t]
        i = rng.randrange(5, len(edited) - 5)
        edited[i], edited[i + 1] = edited[i + 1], edited[i]
        piece = edited
    dst = text.split(". ")
    dst.insert(rng.randrange(0, len(dst) + 1), " ".join(piece))
    return ". ".join(dst)


def generate(n: int, src_dir: Path, seed: int = 7) -> Iterator[dict[str, Any]]:
    """``n`` articles as store rows, in date order, with planted reprints of recent articles."""
    rng = random.Random(seed)
    base, vocab = base_articles(src_dir, rng)
    recent: deque[str] = deque(maxlen=RECENT)
    k = 0
    copy = 0
    while k < n:
        mapping: dict[str, str] | None = None
        if copy:
            perm = list(vocab)
            random.Random(seed * 1000 + copy).shuffle(perm)
            mapping = dict(zip(vocab, perm, strict=True))
        order = list(range(len(base)))
        rng.shuffle(order)
        for i in order:
            if k >= n:
                return
            art = base[i]
            sents = (
                art if mapping is None else [" ".join(mapping[w] for w in s.split()) for s in art]
            )
            text = " ".join(sents)
            if recent and rng.random() < 0.05:
                src = recent[rng.randrange(len(recent))]
                if len(src.split()) >= 100:
                    text = _plant(text, src, vocab, rng)
            recent.append(text)
            aid = f"art{k:07d}"
            day = k * 365 // n
            site = f"site{rng.randint(0, 49):02d}.example"
            yield {
                "article_id": aid,
                "page_id": aid,
                "url": f"https://{site}/{aid}",
                "site": site,
                "page_type": "text",
                "published": time.strftime("%Y-%m-%d", time.gmtime(1704067200 + day * 86400)),
                "published_source": "input",
                "text": text,
            }
            k += 1
        copy += 1


class LogProgress(Progress):
    """Progress as JSON lines in a log file (tasks, done/total, CPU, RSS, store size)."""

    def __init__(self, log: Path, store_path: str, every: float) -> None:
        super().__init__(enabled=False)
        self.log, self.store_path, self.every = log, store_path, every
        self.t0 = time.perf_counter()
        self.last = 0.0
        self.tasks: dict[int, list[Any]] = {}

    def write(self, **fields: Any) -> None:
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        size = sum(
            p.stat().st_size
            for p in Path(self.store_path).parent.glob(Path(self.store_path).name + "*")
        )
        fields |= {
            "wall_s": round(time.perf_counter() - self.t0, 1),
            "cpu_s": round(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, 1),
            "peak_rss_mb": round(max(me.ru_maxrss, kids.ru_maxrss) / 1024),
            "store_mb": round(size / 2**20),
        }
        with self.log.open("a") as fh:
            fh.write(json.dumps(fields) + "\n")

    def task(self, description: str, total: float | None = None) -> Any:
        tid = len(self.tasks)
        self.tasks[tid] = [description, total, 0]
        self.write(task=description, done=0, total=total)
        return tid

    def advance(self, task: Any, n: float = 1) -> None:
        t = self.tasks[task]
        t[2] += n
        now = time.perf_counter()
        if now - self.last >= self.every or (t[1] is not None and t[2] >= t[1]):
            self.last = now
            self.write(task=t[0], done=t[2], total=t[1])


def load(store: Any, n: int, src_dir: Path, prog: LogProgress) -> None:
    import pyarrow as pa

    have = store.con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    if have >= n:
        return
    if have:
        sys.exit(f"store holds {have} of {n} articles: start from a fresh --store")
    task = prog.task("load", total=n)
    rows: list[dict[str, Any]] = []
    for row in generate(n, src_dir):
        rows.append(row)
        if len(rows) == CHUNK:
            store.insert_arrow("articles", pa.Table.from_pylist(rows))
            prog.advance(task, len(rows))
            rows = []
    if rows:
        store.insert_arrow("articles", pa.Table.from_pylist(rows))
        prog.advance(task, len(rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--store", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--every", type=float, default=60.0, help="seconds between progress lines")
    ap.add_argument("--stages", nargs="+", default=["load", "reuse", "claims"])
    args = ap.parse_args()

    from copytrail.settings import Settings
    from copytrail.store import Store

    prog = LogProgress(Path(args.log), args.store, args.every)
    settings = Settings(store=args.store, progress=False, workers=args.workers)
    store = Store.open(settings)
    for stage in args.stages:
        t0, c0 = time.perf_counter(), time.process_time()
        prog.write(stage=stage, event="start")
        if stage == "load":
            load(store, args.n, Path(args.corpus), prog)
            summary: Any = None
        elif stage == "reuse":
            from copytrail.reuse.stage import run_reuse

            summary = run_reuse(store, settings, progress=prog)
        else:
            from copytrail.claims.stage import run_claims

            summary = run_claims(store, settings, progress=prog)
        prog.write(
            stage=stage,
            event="end",
            stage_wall_s=round(time.perf_counter() - t0, 1),
            stage_main_cpu_s=round(time.process_time() - c0, 1),
            summary=repr(summary),
        )
    store.close()


if __name__ == "__main__":
    main()
