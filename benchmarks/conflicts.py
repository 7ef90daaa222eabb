"""Figure groups and conflicts over a folder of real news texts, with a seeded sample to judge.

Usage: ``python benchmarks/conflicts.py [TEXT_DIR ...] [--metadata TSV] [--sample 40] [--seed 7]
[--out /tmp/conflicts-sample.txt] [--cache /tmp/conflicts-claims.jsonl]``

By default the texts are the PolNeAR political news articles
(``../shared/data/claims/polnear/{train,dev}/text/*.txt``) dated from the ``publication_date``
column of ``../shared/data/claims/polnear/metadata.tsv`` (matched on ``filename``). Each text
goes through the real stage function :func:`copytrail.claims.stage.article_claims` (figures,
attributions, the figure's speaker), its figure rows become :class:`FigureRow` exactly as
``_write_conflicts`` builds them (:func:`copytrail.claims.stage.figure_row`), and
:func:`copytrail.claims.conflicts.find_groups` groups them with the default date window.

Printed: articles, figures, groups, conflicts, and witnesses in the largest group. Written: a
random sample (seeded) of ``--sample`` conflicts as a readable text file, each with its
witnesses side by side (value, qualifier, date, site, the sentence with the figure marked), so
a person can judge whether a fact-checker would want to see the pair. The corpus text stays
out of the repository: the sample goes under /tmp.

The per-article claims can be cached (``--cache``) so that re-running the grouping after a
change to ``conflicts.py`` does not re-extract; the cache is keyed by the text's hash, so a
change to figure extraction is picked up only after deleting it. The machine is shared: run
with ``nice``; no timing is asserted.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copytrail.claims.conflicts import FigureGroup, find_groups  # noqa: E402
from copytrail.claims.stage import article_claims, figure_row  # noqa: E402
from copytrail.settings import Settings  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "data" / "claims" / "polnear"


def load_dates(metadata: Path) -> dict[str, str]:
    """``filename`` -> ``publication_date`` (ISO) from a PolNeAR-style metadata TSV."""
    if not metadata.exists():
        return {}
    with metadata.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return {r["filename"]: r["publication_date"] for r in rows if r.get("publication_date", "None") != "None"}


def load_articles(dirs: list[Path], dates: dict[str, str]) -> list[dict[str, Any]]:
    """One article dict per ``*.txt`` (id = file stem, site = the publisher prefix of the name)."""
    out = []
    for d in dirs:
        for p in sorted(d.glob("*.txt")):
            out.append({
                "article_id": p.stem, "text": p.read_text(encoding="utf-8"), "site": p.stem.split("_")[0],
                "url": str(p), "published": dates.get(p.stem), "published_source": "metadata",
            })
    return out


def figure_claims(articles: list[dict[str, Any]], cache: Path | None) -> list[dict[str, Any]]:
    """Figure rows of every article (through ``article_claims``), read from ``cache`` when there."""
    cached: dict[str, list[dict[str, Any]]] = {}
    if cache and cache.exists():
        for line in cache.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            cached[rec["key"]] = rec["rows"]
    out: list[dict[str, Any]] = []
    fresh = []
    for a in articles:
        key = hashlib.md5(json.dumps([a["article_id"], a["text"], a["published"]]).encode()).hexdigest()
        if key not in cached:
            rows = [r for r in article_claims(a)[0] if r["kind"] == "figure"]
            cached[key] = rows
            fresh.append({"key": key, "rows": rows})
        out.extend(cached[key])
    if cache and fresh:
        with cache.open("a", encoding="utf-8") as fh:
            for rec in fresh:
                fh.write(json.dumps(rec) + "\n")
    return out


def render(n: int, group: FigureGroup) -> str:
    """One conflict as text: its key, then each witness with the figure marked in its sentence."""
    g = group.witnesses
    lines = [f"=== conflict {n}: counted={g[0].counted_key!r} unit={g[0].unit!r} witnesses={len(g)}"]
    for w in g:
        s = w.sentence.replace("\n", " ")
        if w.offset >= 0:
            s = s[: w.offset] + "[[" + s[w.offset : w.offset + w.length] + "]]" + s[w.offset + w.length :]
        lines.append(f"  - {w.value!r} ({w.qualifier}) {w.published} {w.article_id}")
        lines.append(f"      {s[:400]}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--metadata", type=Path, default=POLNEAR / "metadata.tsv")
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=Path("/tmp/conflicts-sample.txt"))
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--groups-out", type=Path, default=None,
                    help="also write a seeded sample of agreeing groups here (are they one thing?)")
    args = ap.parse_args()
    dirs = args.dirs or [POLNEAR / "train" / "text", POLNEAR / "dev" / "text"]
    articles = load_articles(dirs, load_dates(args.metadata))
    started = time.perf_counter()
    claims = figure_claims(articles, args.cache)
    extracted = time.perf_counter() - started
    rows = [figure_row(c) for c in claims]
    started = time.perf_counter()
    groups = find_groups(rows, Settings().conflict_days)
    grouped = time.perf_counter() - started
    conflicts = [g for g in groups if g.disagrees]
    dated = sum(1 for a in articles if a["published"])
    print(f"articles {len(articles)} (dated {dated}), figures {len(rows)}")
    print(f"groups {len(groups)}, conflicts {len(conflicts)}, "
          f"largest group {max((len(g.witnesses) for g in groups), default=0)} witnesses")
    print(f"seconds: claims {extracted:.1f} (cached rows are not re-extracted), grouping {grouped:.2f}")
    sample = random.Random(args.seed).sample(conflicts, min(args.sample, len(conflicts)))
    args.out.write_text("\n\n".join(render(i + 1, g) for i, g in enumerate(sample)) + "\n", encoding="utf-8")
    print(f"sample of {len(sample)} conflicts written to {args.out}")
    if args.groups_out:
        agreeing = [g for g in groups if not g.disagrees]
        picked = random.Random(args.seed).sample(agreeing, min(args.sample, len(agreeing)))
        args.groups_out.write_text("\n\n".join(render(i + 1, g) for i, g in enumerate(picked)) + "\n", encoding="utf-8")
        print(f"sample of {len(picked)} agreeing groups written to {args.groups_out}")


if __name__ == "__main__":
    main()
