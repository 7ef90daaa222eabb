"""A family's reprint lineage: each witness's parent, its word diff against it, and the tree.

Pure functions over the witness dicts of :func:`copytrail.report.views.families` (no store), so
the explorer, the report and ``copytrail compare`` diff texts the same way.

>>> ws = [{"passage_id": "p1", "article_id": "a1", "site": "x", "text": "the council met on Monday",
...        "published": "2024-01-01", "earliest": True, "copied_from": None, "self_reuse": 0},
...       {"passage_id": "p2", "article_id": "a2", "site": "y", "text": "the council met on Tuesday",
...        "published": "2024-01-02", "earliest": False, "copied_from": "p1", "self_reuse": 0}]
>>> link_witnesses(ws)
>>> ws[1]["parent"], ws[1]["diff"][-1]
('p1', ['ins', 'Tuesday'])
>>> [n["passage_id"] for n in tree(ws)], [k["passage_id"] for k in tree(ws)[0]["children"]]
(['p1'], ['p2'])
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from typing import Any

MAX_DIFF_WORDS = 4000  # longer witnesses are compared on their first words only (cost is quadratic)


def _day(value: Any) -> str | None:
    return str(value)[:10] if value else None


_WORD = re.compile(r"\S+|\s+")


def word_diff(old: str, new: str) -> list[list[str]]:
    """What ``new`` changed relative to ``old``, as [op, text] runs (op: eq, ins, del).

    >>> word_diff("the council met on Monday", "the council met on Tuesday")
    [['eq', 'the council met on '], ['del', 'Monday'], ['ins', 'Tuesday']]
    """
    a, b = _WORD.findall(old)[:MAX_DIFF_WORDS], _WORD.findall(new)[:MAX_DIFF_WORDS]
    out: list[list[str]] = []

    def push(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1][1] += text
        else:
            out.append([op, text])

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            push("eq", "".join(b[j1:j2]))
        else:
            push("del", "".join(a[i1:i2]))
            push("ins", "".join(b[j1:j2]))
    tail = "".join(_WORD.findall(new)[MAX_DIFF_WORDS:])
    push("eq", tail)
    return out


def link_witnesses(witnesses: list[dict[str, Any]], fallback: bool = False) -> None:
    """Each witness's parent (what it was copied from) and its word diff against it.

    A composite reprint is diffed against the parents of its parts, in the order of the parts;
    a witness without a parent (the earliest, or the fuller text of an earlier excerpt) is
    shown as is. ``fallback``: a store made before parents were chosen by coverage links a
    witness without a parent to the earliest, as it did then.
    """
    by_article = {w["article_id"]: w for w in witnesses}
    by_passage = {w["passage_id"]: w for w in witnesses}
    earliest = next((w for w in witnesses if w["earliest"]), witnesses[0] if witnesses else None)
    for w in witnesses:
        parent = _parent_of(w, by_passage, by_article, earliest if fallback else None)
        parts = [
            by_passage[x["passage"]]
            for x in _parts(w.pop("parent_parts", None))
            if x["passage"] in by_passage
        ]
        w["parent"] = parent["passage_id"] if parent else None
        w["parents"] = [x["passage_id"] for x in parts] or ([w["parent"]] if parent else [])
        w["parent_site"] = parent["site"] if parent else None
        reference = (
            " ".join(x["text"] or "" for x in parts) if parts else (parent or {}).get("text")
        )
        w["diff"] = (
            word_diff(reference or "", w["text"] or "") if parent else [["eq", w["text"] or ""]]
        )
        w["published"] = str(w["published"]) if w["published"] else None
        w["earliest"] = w is earliest
        w["self_reuse"] = bool(w["self_reuse"])


def _parent_of(
    w: dict[str, Any],
    by_passage: dict[str, dict[str, Any]],
    by_article: dict[str, dict[str, Any]],
    earliest: dict[str, Any] | None,
) -> dict[str, Any] | None:
    """The witness ``w`` was copied from; ``earliest`` stands in when given and none is."""
    parent = by_passage.get(w["copied_from"]) or by_article.get(w["copied_from"])
    if parent is w:
        parent = None
    if parent is None and earliest is not None and w is not earliest:
        parent = earliest
    return parent


def _parts(parts: str | None) -> list[dict[str, Any]]:
    """Parts of a composite reprint (``passages.parent_parts``), in text order.

    >>> [p["passage"] for p in _parts('[{"start": 9, "passage": "b"}, {"start": 0, "passage": "a"}]')]
    ['a', 'b']
    """
    if not parts:
        return []
    try:
        rows = json.loads(parts)
    except ValueError:
        return []
    return sorted(
        (r for r in rows if isinstance(r, dict) and "passage" in r), key=lambda r: r.get("start", 0)
    )


def tree(witnesses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nested reprint chain from the ``parent`` links (cycles are cut at the first repeat)."""
    children: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for w in witnesses:
        children[w["parent"]].append(w)
    seen: set[str] = set()

    def node(w: dict[str, Any]) -> dict[str, Any]:
        seen.add(w["passage_id"])
        kids = [node(k) for k in children.get(w["passage_id"], []) if k["passage_id"] not in seen]
        return {
            "passage_id": w["passage_id"],
            "article_id": w["article_id"],
            "site": w["site"],
            "published": _day(w["published"]),
            "children": kids,
        }

    roots = [node(w) for w in children.get(None, [])]
    # Witnesses caught in a copied_from cycle have no root; show them flat rather than lose them.
    roots += [node(w) for w in witnesses if w["passage_id"] not in seen]
    return roots
