"""Persian, Arabic and Russian figures: F1 on the development tables and the held-out sets.

The development tables sit beside each language file (copytrail/claims/data/numerals_<lang>
.examples.tsv) and were written with the rules; benchmarks/data/numerals_heldout_<lang>.tsv were
written after the rules were frozen and are read once per release. Run:

    python benchmarks/numerals.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "claims"))

from test_numerals import examples, found, parse  # noqa: E402

from copytrail.claims.figures.numerals import LANGUAGES  # noqa: E402


def heldout(lang: str) -> list[tuple[str, list]]:
    rows = []
    for line in (HERE / "data" / f"numerals_heldout_{lang}.tsv").read_text("utf-8").splitlines():
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
    print(f"{'lang':5} {'dev F1':>8} {'n':>4} {'held-out F1':>12} {'n':>4} {'sent/CPU-s':>11}")
    for lang in LANGUAGES:
        dev, n_dev = f1(examples(lang), lang)
        t = time.process_time()
        held, n_held = f1(heldout(lang), lang)
        rows = examples(lang) * 20
        t = time.process_time()
        for sentence, _ in rows:
            found(sentence, lang)
        speed = len(rows) / max(time.process_time() - t, 1e-9)
        print(f"{lang:5} {dev:8.3f} {n_dev:4d} {held:12.3f} {n_held:4d} {speed:11.0f}")


if __name__ == "__main__":
    main()
