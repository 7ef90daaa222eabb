"""Page types on pages that are all articles: how many copytrail splits into teasers.

Reads trafilatura's evaluation set (``tests/evaldata.json`` and ``tests/eval/*.html`` of a
checkout of github.com/adbar/trafilatura, given as the argument; measurement only, nothing is
copied) and the AEB and Fundus pages of ../shared. Every page there is an article page (the
evaluation data gives its body text), so every page typed ``teaser`` or ``forum`` is listed.

    nice python benchmarks/pagetypes.py /path/to/trafilatura/tests
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from copytrail.extract import extract_page  # noqa: E402
from copytrail.model import RawPage  # noqa: E402
from copytrail.settings import Settings  # noqa: E402

SHARED = REPO.parent / "shared" / "data" / "extraction"


def pages(trafilatura_tests: Path | None) -> list[tuple[str, str, bytes]]:
    out = []
    if trafilatura_tests is not None:
        for url, v in json.loads((trafilatura_tests / "evaldata.json").read_text()).items():
            f = trafilatura_tests / "eval" / v["file"]
            if f.exists():
                out.append(("trafilatura", url, f.read_bytes()))
    for name, gold in (("aeb", "ground-truth.json"), ("fundus", "ground_truth.json")):
        if not (SHARED / name).exists():
            continue
        truth = json.loads((SHARED / name / gold).read_text())
        for f in sorted((SHARED / name / "html").glob("*.html.gz")):
            pid = f.name[: -len(".html.gz")]
            entry = truth.get(pid)
            url = entry.get("url") if isinstance(entry, dict) else None
            out.append(
                (name, url or f"https://{name}.example/{pid}", gzip.decompress(f.read_bytes()))
            )
    return out


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    settings = Settings()
    counts: Counter[tuple[str, str]] = Counter()
    for corpus, url, body in pages(root):
        result = extract_page(RawPage(url=url, source="-", body=body, kind="html"), settings)
        kind = result[0].page_type if isinstance(result, list) and result else "error/empty"
        counts[corpus, kind] += 1
        if kind not in ("article", "error/empty"):
            print(
                f"{corpus:12s} {kind:8s} x{len(result) if isinstance(result, list) else 0:<4d} {url}"
            )
    for (corpus, kind), n in sorted(counts.items()):
        print(f"{corpus:12s} {kind:12s} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
