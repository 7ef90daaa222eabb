"""Reuse detection speed and accuracy: copytrail vs datasketch and rensa MinHash+LSH pipelines.

    nice python benchmarks/reuse_speed.py [--n 10000 100000] [--corpus ../shared/.../src]

Corpus: real text (PAN-13 source documents, read from ``../shared``, never copied into the
repo) cut into articles of 150–400 words on sentence boundaries, spread over 50 "sites" with
dates in 2024. When N exceeds the articles the text provides, further articles are copies with
a *permuted vocabulary* (each copy maps every word to another word of the corpus vocabulary:
same word-frequency distribution, different n-grams), so nothing is a reprint by accident.
Planted reprints: 5% of articles receive a 40–80-word passage of an earlier article, half
verbatim, half edited (~10% of words substituted, dropped or inserted, one pair of words
swapped). Truth = the (source, reprint) article pairs.

Engines, each in its own subprocess (peak RSS from ``resource.getrusage``), one worker; wall
time and CPU seconds (threads and worker processes included) are both reported:

* **copytrail**: articles written to a fresh store by another process, then ``run_reuse`` (index → candidates →
  alignment → families); reported pairs = aligned article pairs.
* **rensa** (Rust MinHash+LSH, when installed): the same hashes and threshold as datasketch.
* **datasketch**: MinHash (128 permutations) of the same word 5-gram hashes, MinHashLSH at a
  Jaccard threshold (tuned: the highest that reaches copytrail's recall, from a small grid),
  every article inserted then queried; reported pairs = LSH candidates whose estimated
  Jaccard reaches the threshold. No alignment (it gives no spans).

Precision counts a reported pair that is not planted as a false positive, although the real
text contains genuine reuse of its own, the same for both engines; ``precision_cross_doc``
leaves out pairs of articles cut from the same source document (which share that page's
repeated lists and records).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/data/reuse/pan13-train/src"
_SENT = re.compile(r"[^.!?\n]+[.!?]?")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.findall(text) if len(s.split()) >= 3]


def build_corpus(src_dir: Path, n: int, seed: int = 7) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Articles (id, site, published, text) and planted (source_id, reprint_id) pairs."""
    rng = random.Random(seed)
    base: list[list[str]] = []  # each article as a list of sentences
    origin: list[int] = []  # the source document an article was cut from
    for doc_no, path in enumerate(sorted(src_dir.glob("*.txt"))):
        sents = _sentences(path.read_text(encoding="utf-8", errors="replace"))
        cur: list[str] = []
        words = 0
        target = rng.randint(150, 400)
        for s in sents:
            cur.append(s)
            words += len(s.split())
            if words >= target:
                base.append(cur)
                origin.append(doc_no)
                cur, words, target = [], 0, rng.randint(150, 400)
    if not base:
        sys.exit(f"no text found in {src_dir} (pass --corpus DIR of .txt files)")
    vocab = sorted({w for art in base for s in art for w in s.split()})
    texts: list[str] = []
    origins: list[str] = []
    copy = 0
    while len(texts) < n:
        if copy == 0:
            mapping = None
        else:
            perm = list(vocab)
            random.Random(seed * 1000 + copy).shuffle(perm)
            mapping = dict(zip(vocab, perm, strict=True))
        for art, doc_no in zip(base, origin, strict=True):
            if len(texts) >= n:
                break
            origins.append(f"{doc_no}/{copy}")
            sents = art if mapping is None else [" ".join(mapping[w] for w in s.split()) for s in art]
            texts.append(" ".join(sents))
        copy += 1
    order = list(range(n))
    rng.shuffle(order)
    texts = [texts[i] for i in order]
    origins = [origins[i] for i in order]
    days = sorted(rng.randint(0, 364) for _ in range(n))
    articles = [
        {
            "id": f"art{k:07d}",
            "site": f"site{rng.randint(0, 49):02d}.example",
            "published": time.strftime("%Y-%m-%d", time.gmtime(1704067200 + days[k] * 86400)),
            "text": texts[k],
            "origin": origins[k],
        }
        for k in range(n)
    ]
    planted: list[tuple[str, str]] = []
    for k in range(1, n):
        if rng.random() >= 0.05:
            continue
        src = rng.randrange(0, k)
        if articles[src]["published"] >= articles[k]["published"]:
            continue
        w = articles[src]["text"].split()
        if len(w) < 100:
            continue
        length = rng.randint(40, 80)
        start = rng.randrange(0, len(w) - length)
        piece = w[start : start + length]
        if rng.random() < 0.5:
            edited: list[str] = []
            for t in piece:
                r = rng.random()
                if r < 0.04:
                    edited.append(rng.choice(vocab))
                elif r < 0.07:
                    continue
                elif r < 0.10:
                    edited += [t, rng.choice(vocab)]
                else:
                    edited.append(t)
            i = rng.randrange(5, len(edited) - 5)
            edited[i], edited[i + 1] = edited[i + 1], edited[i]
            piece = edited
        dst = articles[k]["text"].split(". ")
        at = rng.randrange(0, len(dst) + 1)
        dst.insert(at, " ".join(piece))
        articles[k]["text"] = ". ".join(dst)
        planted.append((articles[src]["id"], articles[k]["id"]))
    return articles, planted


# -- engines -----------------------------------------------------------------------------


def load_store(data: str, store_path: str) -> None:
    """Write the corpus into a fresh store (its own process: the engine's RSS stays its own)."""
    import pyarrow as pa

    from copytrail.store import Store

    articles = json.loads(Path(data).read_text())["articles"]
    store = Store(store_path)
    rows = [
        {
            "article_id": a["id"], "page_id": a["id"], "url": f"https://{a['site']}/{a['id']}",
            "site": a["site"], "page_type": "text", "published": a["published"],
            "published_source": "input", "text": a["text"],
        }
        for a in articles
    ]
    store.insert_arrow("articles", pa.Table.from_pylist(rows))
    store.close()


def run_copytrail(
    store_path: str, workers: int, candidates_only: bool = False
) -> tuple[set[tuple[str, str]], float, dict[str, Any]]:
    """run_reuse over a store written by :func:`load_store`; the engine's usage is read right
    after the run, before the pairs are collected for scoring. ``candidates_only``: index and
    candidate pairs only (what LSH delivers), scored on the candidate pairs."""
    from copytrail.reuse.stage import run_reuse
    from copytrail.settings import Settings
    from copytrail.store import Store

    before = _usage()
    settings = Settings(store=store_path, progress=False, workers=workers)
    store = Store.open(settings)  # with the settings' memory limit, as the CLI opens it
    t0 = time.perf_counter()
    summary = run_reuse(store, settings, candidates_only=candidates_only)
    elapsed = time.perf_counter() - t0
    after = _usage()
    extra = {"steps": dict(summary.step_seconds), "pairs_aligned": summary.pairs_aligned}
    extra |= {"cpu_seconds": round(after[0] - before[0], 2), "peak_rss_mb": round(after[1])}
    sql = (
        """SELECT a.article_id, b.article_id FROM reuse_pairs p
        JOIN reuse_docs a ON a.doc = p.doc_a JOIN reuse_docs b ON b.doc = p.doc_b"""
        if candidates_only
        else "SELECT DISTINCT article_a, article_b FROM alignments WHERE article_a <> article_b"
    )
    pairs = {(min(a, b), max(a, b)) for a, b in store.con.execute(sql).fetchall()}
    store.close()
    return pairs, elapsed, extra


def _usage() -> tuple[float, float]:
    """(CPU seconds of this process, its threads and its finished worker processes; peak RSS MB).

    CPU time is reported beside wall time because on a shared machine wall time swings with
    other people's jobs, CPU time much less.
    """
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, me.ru_maxrss / 1024


def run_datasketch(articles: list[dict[str, Any]], threshold: float) -> tuple[set[tuple[str, str]], float, dict[str, Any]]:
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from copytrail.reuse.shingles import ngram_hashes
    from copytrail.reuse.tokens import tokenize

    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    # one set of permutations for all sketches (datasketch regenerates them per MinHash
    # otherwise, which would make the baseline needlessly slow)
    perms = MinHash(num_perm=128).permutations
    sketches: dict[str, MinHash] = {}
    pairs: set[tuple[str, str]] = set()
    for a in articles:
        grams = np.unique(ngram_hashes(tokenize(a["text"]).hashes, 5)).view(np.uint64)
        m = MinHash(num_perm=128, hashfunc=lambda x: x, permutations=perms, scheme="affine32")
        m.update_batch((grams & np.uint64(0xFFFFFFFF)).tolist())
        for other in lsh.query(m):
            if m.jaccard(sketches[other]) >= threshold:
                pairs.add((min(a["id"], other), max(a["id"], other)))
        lsh.insert(a["id"], m)
        sketches[a["id"]] = m
    return pairs, time.perf_counter() - t0, {}


def run_rensa(articles: list[dict[str, Any]], threshold: float) -> tuple[set[tuple[str, str]], float, dict[str, Any]]:
    """rensa (Rust MinHash + LSH): the same 5-gram hashes, bands as datasketch chooses them for
    ``threshold`` (128 bands of one row at 0.01), query then insert, estimated Jaccard checked."""
    import numpy as np
    from datasketch.lsh import _optimal_param
    from rensa import RMinHash, RMinHashLSH

    from copytrail.reuse.shingles import ngram_hashes
    from copytrail.reuse.tokens import tokenize

    t0 = time.perf_counter()
    bands, _rows = _optimal_param(threshold, 128, 0.5, 0.5)
    lsh = RMinHashLSH(threshold=threshold, num_perm=128, num_bands=bands)
    sketches: list[Any] = []
    pairs: set[tuple[str, str]] = set()
    for k, a in enumerate(articles):
        raw = np.unique(ngram_hashes(tokenize(a["text"]).hashes, 5)).tobytes()
        m = RMinHash(num_perm=128, seed=42)
        m.update([raw[i : i + 8] for i in range(0, len(raw), 8)])
        for other in lsh.query(m):
            if m.jaccard(sketches[other]) >= threshold:
                pairs.add((min(a["id"], articles[other]["id"]), max(a["id"], articles[other]["id"])))
        lsh.insert(k, m)
        sketches.append(m)
    return pairs, time.perf_counter() - t0, {}


def engine_main(args: argparse.Namespace) -> None:
    if args.engine == "copytrail-load":
        load_store(args.data, args.store)
        return
    if args.engine in ("copytrail", "copytrail-candidates"):
        with tempfile.TemporaryDirectory() as tmp:
            store_path = os.path.join(tmp, "speed.duckdb")
            subprocess.run(
                [sys.executable, __file__, "--engine", "copytrail-load", "--data", args.data, "--store", store_path],
                check=True,
            )
            pairs, elapsed, extra = run_copytrail(
                store_path, args.workers, candidates_only=args.engine == "copytrail-candidates"
            )
        data = json.loads(Path(args.data).read_text())
    else:
        data = json.loads(Path(args.data).read_text())
        cpu0, input_rss = _usage()
        run = run_rensa if args.engine == "rensa" else run_datasketch
        pairs, elapsed, extra = run(data["articles"], args.threshold)
        cpu1, rss = _usage()
        # the corpus in memory is the LSH pipeline's input; its RSS is given apart
        extra = {"cpu_seconds": round(cpu1 - cpu0, 2), "peak_rss_mb": round(rss), "input_rss_mb": round(input_rss)}
    articles = data["articles"]
    planted = {(min(a, b), max(a, b)) for a, b in (tuple(p) for p in data["planted"])}
    found = len(pairs & planted)
    # pairs of articles cut from one source document share that document's own repeated text
    # (lists, records): real reuse, but not planted; counted apart.
    origin = {a["id"]: a.get("origin") for a in articles}
    cross = {p for p in pairs if p in planted or origin[p[0]] is None or origin[p[0]] != origin[p[1]]}
    cpu = extra.pop("cpu_seconds")
    print(json.dumps({
        "engine": args.engine, "n": len(articles), "seconds": round(elapsed, 2),
        "articles_per_s": round(len(articles) / elapsed, 1), "peak_rss_mb": extra.pop("peak_rss_mb"),
        "cpu_seconds": cpu, "articles_per_cpu_s": round(len(articles) / max(cpu, 1e-9), 1),
        "recall": round(found / max(1, len(planted)), 4),
        "precision": round(found / max(1, len(pairs)), 4), "reported_pairs": len(pairs),
        "precision_cross_doc": round(found / max(1, len(cross)), 4),
        "planted": len(planted), "threshold": args.threshold, "workers": args.workers,
    } | extra))


def _spawn(data: str, engine: str, threshold: float = 0.0, workers: int = 1) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--engine", engine, "--data", data, "--threshold", str(threshold), "--workers", str(workers)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{engine} failed:\n{proc.stderr[-3000:]}")
    out = proc.stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.1, 0.05, 0.02, 0.01])
    ap.add_argument("--engine", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    ap.add_argument("--store", help=argparse.SUPPRESS)
    ap.add_argument("--threshold", type=float, default=0.0, help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--datasketch-max-n", type=int, default=100_000, help="skip datasketch above this N")
    args = ap.parse_args()
    if args.engine:
        engine_main(args)
        return
    tuned: float | None = None
    for n in args.n:
        t0 = time.perf_counter()
        articles, planted = build_corpus(Path(args.corpus), n)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump({"articles": articles, "planted": planted}, fh)
            data = fh.name
        print(f"# N={n}: corpus built in {time.perf_counter() - t0:.0f}s, {len(planted)} planted reprints", flush=True)
        try:
            ct = _spawn(data, "copytrail", workers=args.workers)
            print(json.dumps(ct), flush=True)
            # candidate generation alone: the part of copytrail that does what LSH does
            print(json.dumps(_spawn(data, "copytrail-candidates", workers=args.workers)), flush=True)
            if n > args.datasketch_max_n:
                continue
            grid = [tuned] if tuned is not None else args.thresholds
            best = None
            for th in grid:  # highest threshold (fastest) that reaches copytrail's recall
                ds = _spawn(data, "datasketch", threshold=th)
                print(json.dumps(ds), flush=True)
                best = ds
                if ds["recall"] >= ct["recall"]:
                    break
            if best is not None:
                tuned = best["threshold"]
                try:  # the Rust MinHash/LSH at the same threshold (optional: rensa may be absent)
                    rs = _spawn(data, "rensa", threshold=best["threshold"])
                    print(json.dumps(rs), flush=True)
                    print(
                        f"# N={n}: copytrail vs rensa per CPU second: "
                        f"{ct['articles_per_cpu_s'] / rs['articles_per_cpu_s']:.2f}x "
                        f"(recall {ct['recall']:.3f} vs {rs['recall']:.3f})",
                        flush=True,
                    )
                except RuntimeError as exc:
                    print(f"# rensa not run: {str(exc)[-200:]}", flush=True)
                print(
                    f"# N={n}: copytrail {ct['articles_per_s']:.0f} art/s vs datasketch "
                    f"{best['articles_per_s']:.0f} art/s = {ct['articles_per_s'] / best['articles_per_s']:.1f}x "
                    f"(per CPU second: {ct['articles_per_cpu_s'] / best['articles_per_cpu_s']:.1f}x); "
                    f"recall {ct['recall']:.3f} vs {best['recall']:.3f}; precision {ct['precision']:.3f} vs "
                    f"{best['precision']:.3f}; RSS {ct['peak_rss_mb']} vs {best['peak_rss_mb']} MB",
                    flush=True,
                )
        finally:
            os.unlink(data)


if __name__ == "__main__":
    main()
