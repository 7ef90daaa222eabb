"""Family maintenance at scale: time and peak memory of the old and the new family rebuild.

    nice python benchmarks/families_scale.py [--sizes 100000 1000000] [--out benchmarks/out]

Synthetic stores (no ``../shared`` data needed): families of reprinted passages with realistic
shapes — most families have 2–5 witnesses, ~3% have 6–10, and one family in ~300k alignments
has 100–150 witnesses — every pair of witnesses aligned (as the stage does when the passage's
n-grams are under ``max_ngram_df``), each alignment's spans jittered by a few characters so the
spans of one witness overlap without being equal. Articles hold 1–3 passages between filler,
on 50 sites, dated in 2024 (5% undated); ``reuse_docs`` and ``reuse_ngrams`` (60 random hashes
per article, so the DF joins scan an index of realistic size) are filled as the stage would.

Each measurement runs in its own subprocess on a copy of the store (DuckDB memory limit
``--memory``), reporting wall seconds and peak RSS. Peak RSS is the process's ``VmHWM``: on
Linux ``getrusage``'s ``ru_maxrss`` of a spawned child starts at its parent's RSS (the
high-water mark survives fork and exec), which would floor every figure at the size of the
process that generated the corpus; the stores are also generated in subprocesses. ``floor``
is a run that only imports and opens the store.

* **old**: the rebuild of git ``8d43c16`` (every alignment loaded as a Python object, one
  union-find, whole tables rewritten), re-implemented below;
* **new full**: ``rebuild_families(store, settings, full=True)``;
* **new +1%**: after the full rebuild, 1% more alignments (new articles reprinting old and new
  passages) are added and ``rebuild_families`` updates the tables incrementally.

``--check`` also verifies, per size, that old and new full give the same tables and that the
incremental update gives the same tables as a full rebuild (row-hash checksums).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from copytrail.reuse.families import Aligned, build_families  # noqa: E402
from copytrail.reuse.maintain import SITE_EDGES_SQL, rebuild_families  # noqa: E402
from copytrail.reuse.provenance import Dated, trace  # noqa: E402
from copytrail.reuse.shingles import doc_key, ngram_hashes  # noqa: E402
from copytrail.reuse.stage import align_params  # noqa: E402
from copytrail.reuse.tables import REUSE_DDL  # noqa: E402
from copytrail.reuse.tokens import tokenize  # noqa: E402
from copytrail.settings import Settings  # noqa: E402
from copytrail.store import Store  # noqa: E402

SYL = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "pa", "zu", "ge", "ho", "fi", "ba", "ce"]

# -- synthetic store ------------------------------------------------------------------------


class Corpus:
    """Families → witnesses → articles → alignments, generated from one seed."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        r = self.rng
        self.vocab = np.array(["".join(r.choice(SYL, size=r.integers(2, 5))) for _ in range(20000)])
        self.fam_text: list[str] = []
        self.next_article = 0
        self.next_alignment = 0

    def family_sizes(self, n_alignments: int) -> list[int]:
        r = self.rng
        sizes: list[int] = []
        total = 0
        big_every = 300_000
        while total < n_alignments:
            if total // big_every < (total + 50) // big_every or (not sizes and n_alignments >= big_every):
                k = int(r.integers(100, 151))
            else:
                u = r.random()
                k = 2 if u < 0.6 else 3 if u < 0.8 else 4 if u < 0.9 else 5 if u < 0.97 else int(r.integers(6, 11))
            sizes.append(k)
            total += k * (k - 1) // 2
        return sizes

    def passage(self) -> str:
        return " ".join(self.rng.choice(self.vocab, size=int(self.rng.integers(30, 60))))

    def generate(self, n_alignments: int, reuse_old: float = 0.0) -> tuple[dict[str, Any], dict[str, Any]]:
        """Articles and alignments for about ``n_alignments`` new alignments.

        ``reuse_old``: share of families that are old families (their passage) reprinted again
        by the new articles (each new witness aligned with two old ones).
        """
        r = self.rng
        sizes = self.family_sizes(n_alignments)
        # witnesses: (family, passage text); then spread over articles of 1–3 passages
        wit_fam: list[int] = []
        wit_old: list[int] = []
        for k in sizes:
            if self.fam_text and r.random() < reuse_old:
                f = int(r.integers(0, len(self.fam_text)))
                wit_fam += [f] * (k - 1)
                wit_old += [1] * (k - 1)
                continue
            f = len(self.fam_text)
            self.fam_text.append(self.passage())
            wit_fam += [f] * k
            wit_old += [0] * k
        order = r.permutation(len(wit_fam))
        per_article = r.integers(1, 4, size=len(wit_fam))
        arts: dict[str, list[Any]] = {c: [] for c in ("article_id", "site", "published", "text")}
        # witness -> (family, article, start, end)
        spans_by_w: list[tuple[int, str, int, int]] = [(0, "", 0, 0)] * len(wit_fam)
        i = 0
        while i < len(order):
            n = int(per_article[i])
            aid = f"art{self.next_article:08d}"
            self.next_article += 1
            parts: list[str] = []
            pos = 0
            for w in order[i : i + n]:
                filler = " ".join(r.choice(self.vocab, size=8)) + ". "
                pos += len(filler)
                text = self.fam_text[wit_fam[w]]
                spans_by_w[w] = (wit_fam[w], aid, pos, pos + len(text))
                parts += [filler, text, ". "]
                pos += len(text) + 2
            arts["article_id"].append(aid)
            arts["site"].append(f"site{int(r.integers(0, 50)):02d}.org")
            arts["published"].append(None if r.random() < 0.05 else f"2024-{int(r.integers(1, 13)):02d}-{int(r.integers(1, 29)):02d}")
            arts["text"].append("".join(parts))
            i += n
        # alignments: every pair of a new family's witnesses; an old family's new witnesses are
        # aligned with two of its earlier witnesses (found through self.witnesses)
        by_fam: dict[int, list[int]] = {}
        for w, f in enumerate(wit_fam):
            by_fam.setdefault(f, []).append(w)
        rows: dict[str, list[Any]] = {c: [] for c in ("a", "a_s", "a_e", "b", "b_s", "b_e")}
        if not hasattr(self, "witnesses"):
            self.witnesses: dict[int, list[tuple[str, int, int]]] = {}
        for f, ws in by_fam.items():
            placed = [spans_by_w[w] for w in ws]
            old = self.witnesses.get(f, [])
            pairs = [(placed[x], placed[y]) for x in range(len(placed)) for y in range(x + 1, len(placed))]
            if old:
                pairs += [(p, (f, *o)) for p in placed for o in old[:2]]
            for (_, a, a0, a1), (_, b, b0, b1) in pairs:
                j = r.integers(0, 6, size=4)
                rows["a"].append(a)
                rows["a_s"].append(a0 + int(j[0]))
                rows["a_e"].append(a1 - int(j[1]))
                rows["b"].append(b)
                rows["b_s"].append(b0 + int(j[2]))
                rows["b_e"].append(b1 - int(j[3]))
            self.witnesses.setdefault(f, []).extend((a, s, e) for _, a, s, e in placed)
        return arts, rows


def write(store: Store, arts: dict[str, Any], rows: dict[str, Any], start_alignment: int) -> None:
    con = store.con
    n = len(arts["article_id"])
    art = pa.table(
        {
            "article_id": arts["article_id"],
            "page_id": ["p-" + a for a in arts["article_id"]],
            "url": [f"https://{s}/{a}" for s, a in zip(arts["site"], arts["article_id"], strict=True)],
            "site": arts["site"],
            "page_type": ["article"] * n,
            "published": arts["published"],
            "published_source": [None if p is None else "meta" for p in arts["published"]],
            "text": arts["text"],
        }
    )
    docs = np.array([doc_key(a) for a in arts["article_id"]], dtype=np.int64)
    rng = np.random.default_rng(start_alignment)
    m = len(rows["a"])
    doc_of = dict(zip(arts["article_id"], docs.tolist(), strict=True))
    ids = np.arange(start_alignment, start_alignment + m, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    with store.transaction():
        store.insert_arrow("articles", art)
        con.register("_d", pa.table({"doc": docs, "article_id": arts["article_id"], "text": arts["text"]}))
        con.execute("INSERT INTO reuse_docs SELECT doc, article_id, md5(text), 0, 'paired' FROM _d")
        con.unregister("_d")
        grams = pa.table({"h": rng.integers(-(2**62), 2**62, size=60 * n), "doc": np.repeat(docs, 60)})
        con.register("_g", grams)
        con.execute("INSERT INTO reuse_ngrams SELECT h, doc FROM _g")
        con.unregister("_g")
        for k in ("a", "b"):
            rows["doc_" + k] = [doc_of.get(x) or doc_key(x) for x in rows[k]]
        al = pa.table(
            {
                "alignment_id": [f"{int(x):016x}" for x in ids],
                "doc_a": rows["doc_a"],
                "doc_b": rows["doc_b"],
                "article_a": rows["a"],
                "article_b": rows["b"],
                "a_start": rows["a_s"],
                "a_end": rows["a_e"],
                "b_start": rows["b_s"],
                "b_end": rows["b_e"],
                "score": np.round(rng.uniform(0.5, 1.0, size=m), 3),
                "kind": ["ngram"] * m,
                "self_reuse": [a == b for a, b in zip(rows["a"], rows["b"], strict=True)],
            }
        )
        con.register("_a", al)
        con.execute(
            """INSERT INTO alignments SELECT alignment_id, doc_a, doc_b, article_a, article_b, a_start,
            a_end, b_start, b_end, (a_end - a_start) // 6, (b_end - b_start) // 6, score, kind, self_reuse FROM _a"""
        )
        con.unregister("_a")


# -- the rebuild of 8d43c16, for comparison ------------------------------------------------


def old_rebuild(store: Any, settings: Settings) -> tuple[int, int, int]:
    """git 8d43c16's rebuild_families (every alignment as an object, everything rewritten)."""
    con = store.con
    aligned = [
        Aligned(*r)
        for r in con.execute(
            """SELECT alignment_id, article_a, a_start, a_end, article_b, b_start, b_end, score
            FROM alignments ORDER BY alignment_id"""
        ).fetchall()
    ]
    families = build_families(aligned)
    articles = sorted({w.article_id for f in families for w in f.passages})
    con.register("_reuse_arts", pa.table({"article_id": articles}))
    meta = {
        r[0]: r[1:]
        for r in con.execute(
            """SELECT article_id, published, published_source, site, url, text FROM corpus_articles
            WHERE article_id IN (SELECT article_id FROM _reuse_arts)"""
        ).fetchall()
    }
    con.unregister("_reuse_arts")
    dates = {a: Dated(m[0], m[1]) for a, m in meta.items()}
    params = align_params(settings)
    provs = [trace(f, dates) for f in families]
    reps: list[tuple[str, str]] = []
    for f, p in zip(families, provs, strict=True):
        rep = next(w for w in f.passages if w.passage_id == (p.earliest_passage or f.passages[0].passage_id))
        reps.append((f.family_id, meta[rep.article_id][4][rep.start : rep.end]))
    fids: list[np.ndarray] = []
    hs: list[np.ndarray] = []
    for k, (_fid, text) in enumerate(reps):
        g = np.unique(ngram_hashes(tokenize(text).hashes, params.ngram))
        hs.append(g)
        fids.append(np.full(g.shape[0], k, dtype=np.int64))
    banal_df: set[str] = set()
    if hs:
        con.register("_reuse_rep", pa.table({"k": np.concatenate(fids), "h": np.concatenate(hs)}))
        rows = con.execute(
            """WITH df AS (SELECT h, count(*) AS df FROM reuse_ngrams
                           WHERE h IN (SELECT h FROM _reuse_rep) GROUP BY h)
            SELECT r.k FROM _reuse_rep r LEFT JOIN df USING (h)
            GROUP BY r.k HAVING avg(CASE WHEN coalesce(df.df, 0) > ? THEN 1 ELSE 0 END) >= 0.5""",
            [settings.max_ngram_df],
        ).fetchall()
        con.unregister("_reuse_rep")
        banal_df = {reps[int(r[0])][0] for r in rows}
    fam_rows: list[dict[str, Any]] = []
    pas_rows: list[dict[str, Any]] = []
    for f, p, (_, rep_text) in zip(families, provs, reps, strict=True):
        n_articles = len({w.article_id for w in f.passages})
        reason = "witnesses" if n_articles > settings.banal_witnesses else "frequent-ngrams" if f.family_id in banal_df else None
        fam_rows.append(
            {
                "family_id": f.family_id, "witnesses": len(f.passages), "articles": n_articles,
                "sites": len({meta[w.article_id][2] for w in f.passages}),
                "earliest_article": p.earliest_article, "earliest_passage": p.earliest_passage,
                "first_date": p.first_date, "last_date": p.last_date, "date_status": p.date_status,
                "undated": p.undated, "banal": reason is not None, "banal_reason": reason,
                "self_reuse": f.self_reuse, "text": rep_text,
            }
        )
        per_article: dict[str, int] = {}
        for w in f.passages:
            per_article[w.article_id] = per_article.get(w.article_id, 0) + 1
        for w, wp in zip(f.passages, p.witnesses, strict=True):
            m = meta[w.article_id]
            pas_rows.append(
                {
                    "passage_id": w.passage_id, "family_id": f.family_id, "article_id": w.article_id,
                    "start": w.start, "end": w.end, "text": m[4][w.start : w.end], "url": m[3],
                    "site": m[2], "published": m[0], "published_source": m[1], "earliest": wp.earliest,
                    "copied_from_article": wp.copied_from_article,
                    "copied_from_passage": wp.copied_from_passage, "copy_similarity": wp.copy_similarity,
                    "date_status": wp.date_status, "self_reuse": per_article[w.article_id] > 1,
                    "banal": reason is not None,
                }
            )
    fam_schema = con.sql("SELECT * FROM families LIMIT 0").to_arrow_table().schema
    pas_schema = con.sql("SELECT * FROM passages LIMIT 0").to_arrow_table().schema
    with store.transaction():
        for t in ("passages", "families", "site_edges"):
            con.execute(f"DELETE FROM {t}")
        for t, data in (("families", pa.Table.from_pylist(fam_rows, schema=fam_schema)), ("passages", pa.Table.from_pylist(pas_rows, schema=pas_schema))):
            con.register("_x", data)
            con.execute(f"INSERT OR IGNORE INTO {t} SELECT * FROM _x")
            con.unregister("_x")
        con.execute(SITE_EDGES_SQL)
    return len(fam_rows), len(pas_rows), sum(1 for r in fam_rows if r["banal"])


# -- measurement -----------------------------------------------------------------------------


def checksum(store: Store) -> str:
    out = []
    for t in ("families", "passages", "site_edges"):
        row = store.con.execute(f"SELECT count(*), coalesce(sum(hash(x)::HUGEINT), 0) FROM {t} x").fetchall()[0]
        out.append(f"{t}:{row[0]}:{row[1]}")
    return hashlib.md5(" ".join(out).encode()).hexdigest()[:12]


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM), in MB; getrusage where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_store(path: str, n: int, add: bool) -> dict[str, int]:
    """Write the corpus of size ``n`` (or, with ``add``, the 1% added to it) into a store."""
    corpus = Corpus(seed=n)
    arts, rows = corpus.generate(n)
    m0 = len(rows["a"])
    store = Store(path)
    store.ensure_tables(REUSE_DDL)
    if add:  # regenerate the base corpus (same seed) to reprint its families, write only the 1%
        arts, rows = corpus.generate(max(1, m0 // 100), reuse_old=0.33)
    write(store, arts, rows, m0 if add else 0)
    store.close()
    return {"alignments": len(rows["a"]), "articles": len(arts["article_id"])}


def child(args: argparse.Namespace) -> None:
    if args.child in ("build", "add"):
        print(json.dumps(build_store(args.store, args.n, args.child == "add")))
        return
    settings = Settings(progress=False, workers=1)
    store = Store(args.store, memory_limit=args.memory)
    store.ensure_tables(REUSE_DDL)
    t0 = time.perf_counter()
    if args.child == "noop":  # imports and an open store: the floor of every other run
        counts = (0, 0, 0)
    elif args.child == "old":
        counts = old_rebuild(store, settings)
    else:
        counts = rebuild_families(store, settings, full=args.child == "full")
    seconds = time.perf_counter() - t0
    rss = peak_rss_mb()
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": round(rss), "families": counts[0],
                      "passages": counts[1], "checksum": checksum(store) if args.check else None}))
    store.close()


def measure(what: str, store: Path, memory: str, check: bool, n: int = 0) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", what, "--store", str(store), "--memory", memory, "--n", str(n)]
    out = subprocess.run(cmd + (["--check"] if check else []), capture_output=True, text=True, check=False)
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run_size(n: int, tmp: Path, memory: str, check: bool, skip_old_above: int) -> dict[str, Any]:
    base = tmp / f"fam-{n}.duckdb"
    t0 = time.perf_counter()
    res: dict[str, Any] = measure("build", base, memory, False, n)
    res["build_s"] = round(time.perf_counter() - t0, 1)
    print(f"[{n}] store: {res}", file=sys.stderr, flush=True)
    res["floor"] = measure("noop", base, memory, False)
    if n <= skip_old_above:
        old = tmp / "old.duckdb"
        shutil.copy(base, old)
        res["old"] = measure("old", old, memory, check)
        old.unlink()
        print(f"[{n}] old: {res['old']}", file=sys.stderr, flush=True)
    res["new_full"] = measure("full", base, memory, check)
    print(f"[{n}] new full: {res['new_full']}", file=sys.stderr, flush=True)
    # +1%: new articles, a third of their families reprinting old passages
    res["added_alignments"] = measure("add", base, memory, False, n)["alignments"]
    if check:
        full = tmp / "full.duckdb"
        shutil.copy(base, full)
    res["new_incremental"] = measure("inc", base, memory, check)
    print(f"[{n}] new +1%: {res['new_incremental']}", file=sys.stderr, flush=True)
    if check:
        res["full_after_add"] = measure("full", full, memory, check)
        full.unlink()
        res["incremental_equals_full"] = res["full_after_add"].get("checksum") == res["new_incremental"].get("checksum")
        if "old" in res:
            res["old_equals_new"] = res["old"].get("checksum") == res["new_full"].get("checksum")
    base.unlink()
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--memory", default="1GB", help="DuckDB memory limit of every run")
    ap.add_argument("--skip-old-above", type=int, default=10**9, help="run the old rebuild only up to this size")
    ap.add_argument("--check", action="store_true", help="compare tables (old vs new, incremental vs full)")
    ap.add_argument("--tmp", default=None, help="directory for the stores (default: a temp dir)")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "out"))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--store", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    results = []
    with tempfile.TemporaryDirectory(dir=args.tmp) as d:
        for n in args.sizes:
            results.append(run_size(n, Path(d), args.memory, args.check, args.skip_old_above))
    print(f"{'alignments':>10} {'old s':>8} {'old MB':>7} {'full s':>8} {'full MB':>8} {'+1% s':>7} {'+1% MB':>7}")
    for r in results:
        o, f, i = r.get("old", {}), r["new_full"], r["new_incremental"]
        print(f"{r['alignments']:>10} {o.get('seconds', '-'):>8} {o.get('peak_rss_mb', '-'):>7} {f.get('seconds')!s:>8} "
              f"{f.get('peak_rss_mb')!s:>8} {i.get('seconds')!s:>7} {i.get('peak_rss_mb')!s:>7}")
    os.makedirs(args.out, exist_ok=True)
    Path(args.out, "families_scale.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
