"""Persian, Arabic and Russian figures: F1 on the development tables and the held-out sets.

The development tables sit beside each language file (copytrail/claims/data/numerals_<lang>
.examples.tsv) and were written with the rules. Two held-out sets, each written after the rules
of its day were frozen and read once per release, never tuned on:
benchmarks/data/numerals_heldout_<lang>.tsv (set 1, 2026-12-07, 15 sentences a language) and
benchmarks/data/numerals_heldout2_<lang>.tsv (set 2, 2026-12-08, 62-65 sentences) and
numerals_heldout3_<lang>.tsv (set 3, 2026-12-08, 61 sentences, written after the rules were changed
once set 2 had been read); numerals_heldout4_ar.tsv (set 4, Arabic only, 60 sentences, written
after the Arabic rules were changed once set 3 had been read). Run:

    python benchmarks/numerals.py             # dev tables and both held-out sets
    python benchmarks/numerals.py --set 3     # dev tables and one held-out set
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "claims"))

from test_numerals import examples, found, parse  # noqa: E402

from copytrail.claims.figures.numerals import LANGUAGES  # noqa: E402

_SETS = {
    "1": "numerals_heldout_{}.tsv",
    "2": "numerals_heldout2_{}.tsv",
    "3": "numerals_heldout3_{}.tsv",
    "4": "numerals_heldout4_{}.tsv",  # Arabic only
}


def heldout(lang: str, which: str = "1") -> list[tuple[str, list]]:
    rows = []
    path = HERE / "data" / _SETS[which].format(lang)
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sentence, expected = line.split("\t")
            rows.append((sentence, [] if expected.strip() == "-" else parse(expected)))
    return rows


def f1(rows: list[tuple[str, list]], lang: str) -> tuple[float, int]:
    tp = fp = fn = 0
    for sentence, gold in rows:
        want = Counter(k for k, _ in gold)
        got = Counter(k for k, _ in found(sentence, lang))
        hit = sum((want & got).values())
        tp, fp, fn = tp + hit, fp + sum(got.values()) - hit, fn + sum(want.values()) - hit
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return (2 * p * r / (p + r) if p + r else 0.0), len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=[*_SETS, "all"], default="all", help="held-out set(s)")
    sets = sorted(_SETS) if ap.parse_args().set == "all" else [ap.parse_args().set]
    head = "".join(f" {'held-out ' + w + ' F1':>14} {'n':>4}" for w in sets)
    print(f"{'lang':5} {'dev F1':>8} {'n':>4}{head} {'sent/CPU-s':>11}")
    for lang in LANGUAGES:
        dev, n_dev = f1(examples(lang), lang)
        cells = ""
        for w in sets:
            if not (HERE / "data" / _SETS[w].format(lang)).exists():
                cells += f" {'-':>14} {'-':>4}"
                continue
            held, n_held = f1(heldout(lang, w), lang)
            cells += f" {held:14.3f} {n_held:4d}"
        rows = examples(lang) * 20
        t = time.process_time()
        for sentence, _ in rows:
            found(sentence, lang)
        speed = len(rows) / max(time.process_time() - t, 1e-9)
        print(f"{lang:5} {dev:8.3f} {n_dev:4d}{cells} {speed:11.0f}")


if __name__ == "__main__":
    main()
