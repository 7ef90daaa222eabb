"""Speaker-precision and direct-quote-recall audit on real news text outside the development sets.

Usage::

    python benchmarks/speaker_audit.py --sample 200 --seed N [--out FILE]
    python benchmarks/speaker_audit.py --recall 40 --seed N      # paragraphs with quote marks
    python benchmarks/speaker_audit.py --score LABELS --seed N   # precision / recall from labels

The article bodies are the gold texts of two extraction benchmarks, AEB and Fundus
(``../shared/data/extraction/{aeb,fundus}``), read where they are and never copied into the
repository. Attributions are extracted from every body with the default claims path (rules and
the shipped tagger, no spaCy), and the ones a user sees by default (belief frames are hidden)
that carry a speaker are sampled with the seed, as the claims stage lists them
(:func:`copytrail.claims.attributions.listed`). The sample is written, with its context, to
``benchmarks/out/`` (ignored by git) for a person to judge.

A judgement file (``benchmarks/speaker_audit_labels.tsv``) holds no article text, only
``item<TAB>label<TAB>label`` rows:

* ``P<TAB>doc:content_start:content_end:speaker-key-hash<TAB>speaker<TAB>span`` with speaker ``y``
  (the speaker is the full, right name or a right definite description) or ``n``, and span ``y``
  (the content is what the speaker said, of the right kind: a direct quote is verbatim words
  between quote marks) or ``n``;
* ``R<TAB>doc:quote_start:quote_end<TAB>gold<TAB>-`` for a quoted span inside a sampled
  paragraph: gold ``q`` when it is someone's words (a direct quote), ``x`` when it is not (a
  title, a scare quote, a term).

Precision is the share of sampled items whose speaker (and, second figure, also span) is right.
Recall is the share of gold direct quotes (``q``) that the extractor lists as a direct or mixed
quote overlapping the quoted span. Labels are keyed by offsets and speaker, so a changed
extractor is judged again only on what it changed. Develop on one seed, report on another.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copytrail.claims.attributions import HIDDEN_KINDS, Attribution, extract_attributions, listed  # noqa: E402
from copytrail.claims.quotes import find_quotes  # noqa: E402
from copytrail.claims.speakers import canonical_speaker_key  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "extraction"
OUT = ROOT / "benchmarks" / "out"
LABELS = ROOT / "benchmarks" / "speaker_audit_labels.tsv"


@dataclass(frozen=True)
class Doc:
    id: str
    text: str


def load(data: Path = DATA) -> list[Doc]:
    """AEB and Fundus article bodies, sorted by id (the order sampling depends on)."""
    docs: list[Doc] = []
    aeb = json.loads((data / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for k, v in sorted(aeb.items()):
        docs.append(Doc(f"aeb/{k[:12]}", v["articleBody"]))
    fundus = json.loads((data / "fundus" / "ground_truth.json").read_text(encoding="utf-8"))
    for k, v in sorted(fundus.items()):
        body = v["body"]
        docs.append(
            Doc(
                f"fundus/{k.removesuffix('.html.gz')}",
                "\n\n".join(body) if isinstance(body, list) else body,
            )
        )
    return docs


def item_id(doc: Doc, a: Attribution) -> str:
    """Document, content offsets and a hash of the speaker key: no article text in a label file."""
    key = hashlib.sha1(canonical_speaker_key(a.speaker or "").encode("utf-8")).hexdigest()[:10]
    return f"{doc.id}:{a.content_start}:{a.content_end}:{key}"


def shown(doc: Doc) -> list[Attribution]:
    return [
        a for a in listed(doc.text, extract_attributions(doc.text)) if a.kind not in HIDDEN_KINDS
    ]


def _context(text: str, a: Attribution) -> str:
    s, e = a.sentence_start, a.sentence_end
    if e - s > 400:
        s, e = max(s, a.content_start - 150), min(e, a.content_end + 150)
    prev = text[max(0, s - 200) : s].replace("\n", " ")
    return f"…{prev}⟦{text[s:e]}⟧".replace("\n", " ")


def _rank(seed: int, key: str) -> str:
    # Items are drawn by a seeded hash of their id, not by position in a shuffled pool: an
    # item the extractor still gives keeps its place, so a changed extractor is judged again
    # only on what it changed.
    return hashlib.sha1(f"{seed}:{key}".encode()).hexdigest()


def precision_sample(docs: list[Doc], n: int, seed: int) -> list[tuple[Doc, Attribution]]:
    pool = [(d, a) for d in docs for a in shown(d) if a.speaker]
    pool.sort(key=lambda p: _rank(seed, item_id(*p)))
    return pool[:n]


def recall_sample(docs: list[Doc], n: int, seed: int) -> list[tuple[Doc, int, int]]:
    """``n`` paragraphs (doc, start, end) holding a quote mark, drawn with the seed."""
    paras: list[tuple[Doc, int, int]] = []
    for d in docs:
        for m in re.finditer(r"[^\n]+", d.text):
            if re.search('["“”«»„]', m.group(0)):
                paras.append((d, m.start(), m.end()))
    paras.sort(key=lambda p: _rank(seed, f"{p[0].id}:{p[1]}"))
    return paras[:n]


def write_sample(docs: list[Doc], n: int, seed: int, out: Path) -> None:
    lines = []
    for d, a in precision_sample(docs, n, seed):
        shown_text = d.text[a.content_start : a.content_end].replace("\n", " ")
        lines.append(
            f"P\t{item_id(d, a)}\t{a.kind}\t{a.speaker}\t{shown_text[:300]}\t{_context(d.text, a)}"
        )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} items -> {out}")


def write_recall(docs: list[Doc], n: int, seed: int, out: Path) -> None:
    lines = []
    for d, s, e in recall_sample(docs, n, seed):
        for q in find_quotes(d.text)[0]:
            if q.depth == 0 and s <= q.start < e:
                quoted = d.text[q.start : q.end][:200].replace("\n", " ")
                lines.append(f"R\t{d.id}:{q.start}:{q.end}\t{quoted}\t{d.text[s:e][:600]}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} quoted spans -> {out}")


def read_labels(path: Path) -> dict[str, tuple[str, str]]:
    labels: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 4 and parts[0] in "PR":
            labels[f"{parts[0]}\t{parts[1]}"] = (parts[2], parts[3])
    return labels


def score(
    docs: list[Doc], n: int, recall_n: int, seed: int, labels: dict[str, tuple[str, str]]
) -> int:
    """Print precision and recall from ``labels``; 1 when some sampled item is unjudged."""
    missing = _precision(docs, n, seed, labels)
    unjudged = _recall(docs, recall_n, seed, labels)
    counts(docs)
    return 1 if missing or unjudged else 0


def counts(docs: list[Doc]) -> dict[str, int]:
    """How many attributions are listed, and how many of them show a speaker (one the rules
    cannot resolve with confidence is listed with none): what precision is bought with."""
    out = {"listed": 0, "with_speaker": 0, "quotes": 0, "quotes_with_speaker": 0}
    for d in docs:
        for a in shown(d):
            quote = a.kind in ("direct", "mixed")
            out["listed"] += 1
            out["with_speaker"] += a.speaker is not None
            out["quotes"] += quote
            out["quotes_with_speaker"] += quote and a.speaker is not None
    print(
        f"listed: {out['listed']} attributions, {out['with_speaker']} with a speaker; "
        f"direct/mixed quotes: {out['quotes']}, {out['quotes_with_speaker']} with a speaker"
    )
    return out


def _precision(docs: list[Doc], n: int, seed: int, labels: dict[str, tuple[str, str]]) -> int:
    judged = [labels.get(f"P\t{item_id(d, a)}") for d, a in precision_sample(docs, n, seed)]
    got = [j for j in judged if j is not None]
    missing = len(judged) - len(got)
    if got:
        sp = sum(1 for s, _ in got if s == "y") / len(got)
        both = sum(1 for s, p in got if s == "y" and p == "y") / len(got)
        print(
            f"speaker precision: {sp:.3f}  speaker+span precision: {both:.3f}  "
            f"({len(got)} judged, {missing} unjudged)"
        )
    return missing


def _recall(docs: list[Doc], n: int, seed: int, labels: dict[str, tuple[str, str]]) -> int:
    by_doc: dict[str, list[Attribution]] = {}
    gold = found = unjudged = 0
    for d, s, e in recall_sample(docs, n, seed):
        for q in find_quotes(d.text)[0]:
            if q.depth != 0 or not s <= q.start < e:
                continue
            lab = labels.get(f"R\t{d.id}:{q.start}:{q.end}")
            unjudged += lab is None
            if lab is None or lab[0] != "q":
                continue
            gold += 1
            atts = by_doc.setdefault(d.id, listed(d.text, extract_attributions(d.text)))
            found += any(
                a.kind in ("direct", "mixed")
                and a.content_start < q.end
                and q.start < a.content_end
                for a in atts
            )
    if gold:
        print(
            f"direct-quote recall: {found / gold:.3f}  ({found}/{gold} gold quotes, {unjudged} unjudged spans)"
        )
    return unjudged


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sample", type=int, default=200, help="attributions to sample for precision")
    ap.add_argument(
        "--recall", type=int, default=0, help="paragraphs with quote marks to sample for recall"
    )
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", type=Path, default=None, help="where to write the sample to judge")
    ap.add_argument(
        "--score", type=Path, default=None, help="a judgement file: print precision and recall"
    )
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    docs = load(args.data)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.score is not None:
        return score(docs, args.sample, args.recall, args.seed, read_labels(args.score))
    if args.recall:
        write_recall(
            docs, args.recall, args.seed, args.out or OUT / f"speaker_recall_{args.seed}.tsv"
        )
    else:
        write_sample(
            docs, args.sample, args.seed, args.out or OUT / f"speaker_audit_{args.seed}.tsv"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
