"""How many reprints of the example corpus have the parent PLANTED.json names.

Every witness of ``reuse_families`` in ``PLANTED.json`` with a ``copied_from`` URL is looked
up in a store's ``passages`` (its witness holding the family's passage) and its
``copied_from`` article's URL compared with the truth. Run from the repository root::

    python examples/planted_parents.py                  # runs the pipeline in a temporary store
    python examples/planted_parents.py --store out/demo.duckdb

It prints one line per planted reprint and the total (``parents: 11/12``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"


def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def planted_parents(con: Any, planted: dict[str, Any]) -> list[tuple[str, str, str, str | None]]:
    """(family id, reprint URL, true parent URL, found parent URL) for every planted reprint.

    The reprint's witness is the passage of its URL that holds the family's planted passage.
    """
    out = []
    rows = con.execute(
        """SELECT p.url, p.text, s.url FROM passages p
        LEFT JOIN passages s ON s.passage_id = p.copied_from_passage"""
    ).fetchall()
    for fam in planted["reuse_families"]:
        snippet = _norm(fam["passage"])[:80]
        for w in fam["witnesses"]:
            if not w.get("copied_from"):
                continue
            found = [src for url, text, src in rows if url == w["url"] and snippet in _norm(text)]
            out.append((fam["id"], w["url"], w["copied_from"], found[0] if found else None))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="a store the main job ran on (default: run it now)")
    args = ap.parse_args(argv)
    planted = json.loads((CORPUS / "PLANTED.json").read_text(encoding="utf-8"))
    from copytrail.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        if args.store:
            store = Store(args.store, read_only=True)
        else:
            from copytrail.app import run_stages
            from copytrail.pipeline import ingest
            from copytrail.progress import Progress
            from copytrail.settings import Settings

            store = Store(Path(tmp) / "example.duckdb")
            settings = Settings(workers=1, progress=False)
            ingest([str(CORPUS)], settings, store)
            run_stages(store, settings, Progress(enabled=False))
        rows = planted_parents(store.con, planted)
        store.close()
    ok = 0
    for fam, url, truth, found in rows:
        ok += found == truth
        print(
            f"{'ok ' if found == truth else 'BAD'} {fam:28} {url}\n      truth {truth}\n      found {found}"
        )
    print(f"parents: {ok}/{len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
