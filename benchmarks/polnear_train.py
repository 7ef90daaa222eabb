"""Train the attribution tagger (:mod:`copytrail.claims.tagger`) on PolNeAR's train split.

Usage::

    nice python benchmarks/polnear_train.py [TRAIN_DIR] [--validate] [--c1 X] [--c2 X]
        [--iterations N] [--out PATH]

TRAIN_DIR defaults to ``../shared/data/claims/polnear/train`` relative to the repository (840
articles). Gold source and cue spans become BIO token labels; features are those of
:func:`copytrail.claims.tagger.token_features` over the rule path's frames (single words,
shapes, flags; no sentence or passage of the corpus goes into the model). ``--validate`` holds
out every 10th article (sorted by name), trains on the rest and scores the held-out articles
with the benchmark's matching (source, cue, content overlap F1, rule path vs learned); without
it the model is trained on all of train and written to ``--out`` (default: the shipped
``copytrail/claims/data/attribution_tagger.crfsuite``). Training is deterministic: same data
and options give the same file. Needs ``python-crfsuite``.

Model selection (held-out tenth of train, source overlap F1; rule path 0.726): c1 0.1 / c2 0.01
0.753; + chunk-neighbour and article-speaker features 0.753; c1 0.05 / c2 0.05 0.760 (8.4 MB);
without word bigrams and minfreq 3 0.739; bigrams back, c1 0.15 0.758 (6.2 MB); keeping rule
sources the tagger gives >= 0.05 probability +0.01-0.02; c1 0.25 (shipped) 0.772 (5.2 MB);
content labels too, c1 0.3: 0.773 (8.8 MB). Each run is about 6-16 minutes on a shared core.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pycrfsuite  # type: ignore[import-not-found, import-untyped, unused-ignore]  # noqa: E402
from polnear import load_gold, predict, score  # noqa: E402

from copytrail.claims import tagger  # noqa: E402
from copytrail.claims.attributions import rule_frames  # noqa: E402
from copytrail.claims.nlp import load_model, parse  # noqa: E402
from copytrail.claims.subjects import tokens  # noqa: E402

Spans = list[tuple[int, int]]
GoldSpans = tuple[Spans, Spans, Spans]  # source, cue and content character spans of an article
# With --content, content tokens get their own labels (B-T/I-T) so that the chain learns the
# source-cue-content order; on the held-out tenth it gave 0.773 vs 0.772 and a 8.8 MB file, so
# the shipped model labels sources and cues only.
CONTENT = False
DEFAULT_TRAIN = ROOT.parent / "shared" / "data" / "claims" / "polnear" / "train"


NLP: Any = None  # with --spacy: the loaded pipeline; features then include the parse


def sequences(
    text: str, sources: list[tuple[int, int]], cues: list[tuple[int, int]], contents: list[tuple[int, int]]
) -> list[tuple[list[list[str]], list[str]]]:
    """(features, labels) of every sentence of one article."""
    found, outer, sentences, _ = rule_frames(text, NLP)
    doc = parse(NLP, text) if NLP is not None else None
    out = []
    speakers = tagger.article_speakers(text, found)
    for s0, s1 in sentences:
        toks = tokens(text, s0, s1)
        if not toks:
            continue
        local = [f for f in found if s0 <= (f.source or f.cue or f.content)[0] < s1]
        marks = tagger.rule_marks(toks, local, outer)
        feats = tagger.token_features(text, toks, marks, speakers)
        if doc is not None:
            for f, extra in zip(feats, tagger.parse_features(doc, toks), strict=True):
                f.extend(extra)
        out.append((feats, tagger.token_labels(toks, sources, cues, contents)))
    return out


def train(
    texts: dict[str, str], spans: dict[str, GoldSpans],
    names: list[str], out: Path, c1: float, c2: float, iterations: int,
) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for name in names:
        for feats, labels in sequences(texts[name], *spans[name]):
            trainer.append(feats, labels)
    trainer.set_params({
        "c1": c1,
        "c2": c2,
        "max_iterations": iterations,
        "feature.possible_transitions": True,
        "feature.minfreq": 2,
    })
    trainer.train(str(out))


def gold_spans(gold: dict, name: str) -> GoldSpans:  # type: ignore[type-arg]
    def raw(role: str) -> list[tuple[int, int]]:
        return [seg for sp in gold[role] if sp.doc == name for seg in sp.segments]

    return raw("source"), raw("cue"), raw("content") if CONTENT else []


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_TRAIN))
    ap.add_argument("--validate", action="store_true", help="hold out every 10th article and score it")
    ap.add_argument("--c1", type=float, default=0.25)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--content", action="store_true", help="label content tokens too (B-T/I-T)")
    ap.add_argument("--spacy", default=None, help="installed spaCy model: train the parse-feature tagger")
    ap.add_argument("--out", default=None, help="model file (default: the shipped plain or parsed model)")
    ap.add_argument("--keep", default=None, help="with --validate: also save the held-out model here")
    args = ap.parse_args(argv)
    global CONTENT, NLP
    CONTENT = args.content
    NLP = load_model(args.spacy)
    parsed = NLP is not None
    if args.out is None:
        args.out = str(tagger.PARSED_MODEL if parsed else tagger.MODEL)
    texts, gold = load_gold(Path(args.data), args.limit)
    names = sorted(texts)
    spans = {n: gold_spans(gold, n) for n in names}
    t0 = time.perf_counter()
    if not args.validate:
        train(texts, spans, names, Path(args.out), args.c1, args.c2, args.iterations)
        size = Path(args.out).stat().st_size
        print(f"trained on {len(names)} articles in {time.perf_counter() - t0:.0f}s -> {args.out} ({size / 1e6:.2f} MB)")
        return
    held = names[::10]
    fit = [n for n in names if n not in set(held)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        train(texts, spans, fit, path, args.c1, args.c2, args.iterations)
        print(f"trained on {len(fit)} articles in {time.perf_counter() - t0:.0f}s; validating on {len(held)}")
        if args.keep:
            Path(args.keep).write_bytes(path.read_bytes())
        vt = {n: texts[n] for n in held}
        vg = {role: [s for s in spans_ if s.doc in vt] for role, spans_ in gold.items()}
        for label, model in (("rules", None), ("learned", path)):
            tagger.use_model(None)
            tagger.use_model(model, parsed=True)
            if not parsed:
                tagger.use_model(model)
            pred, secs = predict(vt, NLP)
            res = score(vg, pred)
            cells = " ".join(
                f"{role} P {res[(role, 'overlap', 'all')][0]:.3f} R {res[(role, 'overlap', 'all')][1]:.3f} "
                f"F1 {res[(role, 'overlap', 'all')][2]:.3f} |"
                for role in ("source", "cue", "content")
            )
            types = " ".join(f"{t} {res[('source', 'overlap', t)][2]:.3f}" for t in ("direct", "indirect", "according-to"))
            print(f"{label:8} {cells} source by type: {types} ({len(vt) / secs:.0f} articles/s)")
    tagger.use_model(tagger.MODEL)
    tagger.use_model(tagger.PARSED_MODEL, parsed=True)


if __name__ == "__main__":
    main()
