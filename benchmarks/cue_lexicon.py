"""Learn the attribution cue lexicon from the PolNeAR TRAIN split (never dev).

Usage: ``python benchmarks/cue_lexicon.py [TRAIN_DIR] [--out PATH] [--min-count N]``

For every lower-case word form it counts how many gold cue spans contain it (``cue``, once per
span) and how often it occurs in the articles at all (``seen``), using the first annotator's
file of each article as :mod:`benchmarks.polnear` does. ``cue / seen`` is the word's precision
as a cue; :mod:`copytrail.claims.lexicon` selects words from these counts. Only words and counts
are written: no corpus text. ``capitalised`` counts a word's occurrences written with a capital
inside a sentence: a word mostly written so is a name, never a cue, however often annotators
put it inside a cue span. Auxiliaries, determiners and pronouns inside cue spans ("has
endorsed", "made it clear") are skipped: they carry no cue meaning of their own.

The output (default ``copytrail/claims/data/cue_lexicon.json``) is committed; re-run this
script to regenerate it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from polnear import Span, load_gold  # noqa: E402  (run as a script: benchmarks/ is on sys.path)

from copytrail.claims import cues  # noqa: E402
from copytrail.claims.attributions import extract_attributions  # noqa: E402

DEFAULT_TRAIN = ROOT.parent / "shared" / "data" / "claims" / "polnear" / "train"
DEFAULT_OUT = ROOT / "copytrail" / "claims" / "data" / "cue_lexicon.json"
_WORD = re.compile(r"[a-z]+(?:[’'][a-z]+)?")
_SKIP = frozenset(
    """a an the it its his her their he she they we i you to of in on for about at by with as
    is was were are be been being has have had do does did will would could should can may
    might must not n't also that this these those and or but""".split()
)


def learn(train: Path, min_count: int) -> dict[str, list[int]]:
    """``{word: [cue, seen]}`` for words inside at least ``min_count`` gold cue spans."""
    texts, gold = load_gold(train, None)
    cue: Counter[str] = Counter()
    for span in gold["cue"]:
        words = {w for w in _WORD.findall(texts[span.doc][span.start : span.end].lower()) if w not in _SKIP}
        cue.update(words)
    seen: Counter[str] = Counter()
    for text in texts.values():
        seen.update(w for w in _WORD.findall(text.lower()) if w in cue)
    return {w: [n, max(n, seen[w])] for w, n in sorted(cue.items()) if n >= min_count}


_CASED = re.compile(r"(?<![.!?:\"“‘(\n]\s)(?<!^)\b([A-Z][a-z]+(?:[’'][a-z]+)?)\b")


def capitalised(train: Path, words: dict[str, list[int]]) -> dict[str, int]:
    """``{word: occurrences written with a capital, not first in a sentence}`` for the counted
    words (names such as a surname often annotated inside cue spans)."""
    texts, _gold = load_gold(train, None)
    caps: Counter[str] = Counter()
    for text in texts.values():
        caps.update(w for m in _CASED.finditer(text) if (w := m.group(1).lower()) in words)
    return {w: n for w, n in sorted(caps.items()) if n}


def frame_precision(train: Path, words: dict[str, list[int]]) -> dict[str, list[int]]:
    """``{cue form: [frames, frames whose source overlaps a gold source]}`` from the rule path
    run on train with every counted word allowed as a cue: how reliable each cue is *where the
    rules fire*, which the raw word precision does not tell."""
    texts, gold = load_gold(train, None)
    by_doc: dict[str, list[Span]] = {}
    for g in gold["source"]:
        by_doc.setdefault(g.doc, []).append(g)
    saved = dict(cues.LEARNED)
    cues.LEARNED.clear()
    cues.LEARNED.update({w: w for w in words if w.isalpha() and w not in cues.STRONG and w not in cues.WEAK})
    tally: dict[str, list[int]] = {}
    try:
        for name, text in texts.items():
            for a in extract_attributions(text):
                if a.cue_start is None or a.cue_end is None or a.source_start is None or a.source_end is None:
                    continue
                form = text[a.cue_start : a.cue_end].lower()
                hit = any(g.start < a.source_end and a.source_start < g.end for g in by_doc.get(name, []))
                row = tally.setdefault(form, [0, 0])
                row[0] += 1
                row[1] += int(hit)
    finally:
        cues.LEARNED.clear()
        cues.LEARNED.update(saved)
    return dict(sorted(tally.items()))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", nargs="?", default=str(DEFAULT_TRAIN))
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args(argv)
    words = learn(Path(args.train), args.min_count)
    doc = {
        "about": "Cue word counts learned from PolNeAR train gold cue spans by benchmarks/cue_lexicon.py: "
        "words: word -> [spans containing it, occurrences in the articles]; frames: cue form -> "
        "[rule-path frames with that cue, frames whose source overlaps a gold source]; capitalised: "
        "word -> occurrences written with a capital inside a sentence.",
        "capitalised": capitalised(Path(args.train), words),
        "frames": frame_precision(Path(args.train), words),
        "min_count": args.min_count,
        "words": words,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    main()
