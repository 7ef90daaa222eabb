"""Persian, Arabic and Russian quotes: speaker, content and kind on the example and held-out tables.

The development tables sit beside each language file (copytrail/claims/data/quotes_<lang>
.examples.tsv) and were written with the rules. Two held-out sets, each written after the rules of
its day were frozen and read once per release: benchmarks/data/quotes_heldout_<lang>.tsv (set 1,
2026-12-07, 21 rows a language), quotes_heldout2_<lang>.tsv (set 2, 2026-12-08, 39-40 rows;
the speaker is the person's name, the role stays in the source span) and quotes_heldout3_<lang>.tsv
(set 3, 2026-12-08, 28 rows, written after the role rules were changed once set 2 had been read)
and quotes_heldout4_<lang>.tsv (set 4, 28 rows, written after a further change once set 3 was read). "before" is what the claims
stage did with these articles until it routed them by language: the English cascade
(copytrail.claims.attributions) on the same text. Run:

    nice python benchmarks/quotes_lang.py            # development tables and both held-out sets
    nice python benchmarks/quotes_lang.py --set 3    # development tables and one held-out set
    nice python benchmarks/quotes_lang.py --misses   # also print every miss
    nice python benchmarks/quotes_lang.py --aeb      # list what is read in the Russian AEB bodies

The AEB gold bodies (../shared, read only) hold four Russian pages (lifestyle, an interview, a
diet guide) and no Persian or Arabic one; ``--aeb`` lists every report read there for judging
by hand (speaker and span), the only real text in these languages available here.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from copytrail.claims.attributions import extract_attributions
from copytrail.claims.quotes_lang import LANGUAGES
from copytrail.claims.quotes_lang_tables import examples, read_table, score_table

HERE = Path(__file__).resolve().parent


_SETS = {
    "1": "quotes_heldout_{}.tsv",
    "2": "quotes_heldout2_{}.tsv",
    "3": "quotes_heldout3_{}.tsv",
    "4": "quotes_heldout4_{}.tsv",
}


def heldout(lang: str, which: str = "1") -> list[tuple[str, str, str | None, str | None]]:
    return read_table(HERE / "data" / _SETS[which].format(lang))


def line(name: str, lang: str, s: dict[str, Any]) -> str:
    return (
        f"{name:<22} {lang}  rows {s['rows']:>3}  speaker {s['speaker']:.3f}  content {s['content']:.3f}"
        f"  kind {s['kind']:.3f}  false reports {s['false_reports']}"
    )


def aeb_reads() -> None:
    import json
    import re

    from copytrail.claims.quotes_lang import extract_attributions_lang

    gold = HERE.parent.parent / "shared" / "data" / "extraction" / "aeb" / "ground-truth.json"
    pages = json.loads(gold.read_text("utf-8"))
    for key, page in sorted(pages.items()):
        body = page["articleBody"]
        if len(re.findall("[а-яА-Я]", body)) < 200:
            continue
        reads = extract_attributions_lang(body, "ru")
        print(f"{key[:8]} {page['url'][:60]} reads {len(reads)}")
        for a in reads:
            print(f"    {a.kind} | {a.speaker} | {a.cue_text(body)} | {a.text[:80]!r}")


def main(argv: list[str]) -> None:
    if "--aeb" in argv:
        aeb_reads()
        return
    show = "--misses" in argv
    which = argv[argv.index("--set") + 1] if "--set" in argv else "all"
    sets = sorted(_SETS) if which == "all" else [which]
    t0 = time.perf_counter()
    for lang in LANGUAGES:
        tables = [("dev", examples(lang))] + [(f"held-out {w}", heldout(lang, w)) for w in sets]
        for name, rows in tables:
            before = score_table(rows, lang, extract=extract_attributions)
            after = score_table(rows, lang)
            print(line(f"{name} before (English)", lang, before))
            print(line(f"{name} after", lang, after))
            if show:
                print("\n".join("    " + m for m in after["misses"]))
    print(f"{time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
