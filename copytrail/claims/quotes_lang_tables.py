"""The example tables of :mod:`copytrail.claims.quotes_lang`, read and scored.

Each ``claims/data/quotes_<lang>.examples.tsv`` row is an invented sentence (or two) and the
report it states: kind, resolved speaker, exact content; the tests pin floors on these scores and
benchmarks/quotes_lang.py reports them with the held-out sets.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from copytrail.claims.quotes_lang import extract_attributions_lang


def read_table(path: Any) -> list[tuple[str, str, str | None, str | None]]:
    """Rows (text, kind, speaker, content) of an example table; "-" is None (kind "-": no report)."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, kind, speaker, content = line.split("\t")
        rows.append(
            (text, kind, None if speaker == "-" else speaker, None if content == "-" else content)
        )
    return rows


def examples(lang: str) -> list[tuple[str, str, str | None, str | None]]:
    """The example table shipped beside ``quotes_<lang>.json``."""
    return read_table(
        resources.files("copytrail.claims").joinpath(f"data/quotes_{lang}.examples.tsv")
    )


def score_table(
    rows: list[tuple[str, str, str | None, str | None]], lang: str, extract: Any = None
) -> dict[str, Any]:
    """Speaker accuracy, content exact match and kind accuracy over the rows that state a report
    (the report read is the one whose content overlaps the stated content most; none is a miss on
    all three), and the rows stating no report where one was read (``false_reports``).
    ``extract(text)`` replaces this module's reader (to score another one on the same rows).

    >>> s = score_table([("قال الوزير إن الوضع مستقر.", "indirect", "الوزير", "الوضع مستقر")], "ar")
    >>> s["speaker"], s["content"], s["kind"], s["misses"]
    (1.0, 1.0, 1.0, [])
    """
    n = speaker = content = kind = false_reports = 0
    misses = []
    for text, want_kind, want_speaker, want_content in rows:
        got = extract(text) if extract else extract_attributions_lang(text, lang)
        if want_kind == "-" or want_content is None:
            false_reports += bool(got)
            if got:
                misses.append(f"{text} | read {got[0].kind} {got[0].text!r}")
            continue
        n += 1
        a = text.find(want_content)
        b = a + len(want_content)
        best = max(got, key=lambda g: min(b, g.content_end) - max(a, g.content_start), default=None)
        if best is None or min(b, best.content_end) <= max(a, best.content_start):
            misses.append(f"{text} | nothing read")
            continue
        ok = (best.speaker == want_speaker, best.text == want_content, best.kind == want_kind)
        speaker, content, kind = speaker + ok[0], content + ok[1], kind + ok[2]
        if not all(ok):
            misses.append(f"{text} | {best.kind} {best.speaker!r} {best.text!r}")
    return {
        "rows": n,
        "speaker": speaker / n if n else 0.0,
        "content": content / n if n else 0.0,
        "kind": kind / n if n else 0.0,
        "false_reports": false_reports,
        "misses": misses,
    }
