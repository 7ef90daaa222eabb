"""Ground-truth scenario suite, large run: parent, earliest, bounds, purity, copy conflicts per language.

    nice python3 benchmarks/scenarios.py --seed 7 --families 50 --out /tmp/scenarios

Writes a generated multi-site corpus (``tests/scenariogen.py``: wire stars, excerpts published
before their original, chains with added paragraphs, composites, undated reprints, passages
embedded mid-paragraph, figures changed in copies, banal disclaimers, unrelated articles on the
same topics; English, Persian, Arabic, Russian) with its truth to ``--out``, runs the real
pipeline on a fresh store there (ingest, reuse, claims) and prints the scores of
``tests/scenarioscore.py`` per language and per situation, with the CPU seconds of each stage.
Nothing is read from ``../shared``: the corpus is invented by the generator, deterministic
from the seed. ``--json FILE`` also writes the scores and the misses.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from scenariogen import write_scenarios  # noqa: E402
from scenarioscore import run_pipeline, score, table  # noqa: E402


def miss_summary(misses: list[dict[str, Any]]) -> str:
    """Planted copies missed, by situation and by what was wrong (parent, either bound), with the
    parent reasons the store gave for the wrong parents."""
    counts: Counter[tuple[str, str]] = Counter()
    reasons: Counter[str] = Counter()
    for m in misses:
        situation = m["family"].split("-", 2)[2]
        if m["got_parent"] != m["parent"]:
            counts[(situation, "parent")] += 1
            reasons[str(m["reason"])] += 1
        for side, want, k in (("bounds_src", m["src"], 0), ("bounds_copy", m["copy"], 1)):
            got = m["aligned"][k] if m["aligned"] else None
            if want and (got is None or abs(got[0] - want[0]) > 8 or abs(got[1] - want[1]) > 8):
                counts[(situation, side)] += 1
    lines = ["misses: " + ", ".join(f"{s} {w} {n}" for (s, w), n in sorted(counts.items()))]
    lines.append(
        "reasons given for wrong parents: "
        + ", ".join(f"{r} {n}" for r, n in reasons.most_common())
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--families", type=int, default=50, help="planted families per language")
    ap.add_argument("--langs", default="en,fa,ar,ru")
    ap.add_argument("--out", type=Path, default=Path("/tmp/copytrail-scenarios"))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", type=Path, default=None, help="write scores and misses here")
    args = ap.parse_args(argv)

    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    t0 = time.perf_counter()
    truth = write_scenarios(args.out, args.seed, args.families, tuple(args.langs.split(",")))
    gen = time.perf_counter() - t0
    print(f"corpus: {len(truth['articles'])} articles, {len(truth['families'])} planted families, "
          f"{len(truth['copies'])} copies, {len(truth['conflicts'])} changed figures ({gen:.1f} s)")  # fmt: skip
    wall = time.perf_counter()
    store, cpu = run_pipeline(args.out / "corpus", args.out / "store.duckdb", workers=args.workers)
    wall = time.perf_counter() - wall
    scores = score(store, truth)
    store.close()
    langs = ["all", *args.langs.split(",")]
    print(table(scores, langs))
    print()
    print(table(scores, sorted(k for k in scores if k.startswith("situation:"))))
    print()
    print(miss_summary(scores["misses"]))
    print()
    print("CPU seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items()) +
          f"; total {sum(cpu.values()):.1f}; wall {wall:.1f} s")  # fmt: skip
    if args.json:
        args.json.write_text(
            json.dumps({"scores": scores, "cpu": cpu, "wall": wall}, ensure_ascii=False, indent=1)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
