"""Terminal view of one family: witnesses in date order, words that differ highlighted.

Each witness is compared with its parent — the earlier witness it was copied from (see
:mod:`copytrail.reuse.provenance`), or for a composite reprint the parents of its parts, in
the order of the parts; a witness without a parent is shown as is. Words it does not share with
its parent are highlighted, so edits along the reprint chain stand out, and each panel names
the parent's site and URL with the coverage, similarity and reason of the choice.
``copytrail show-family ID`` calls :func:`render_family`.

>>> t = diff_text("the cat sat on the mat", "the cat sat on a red mat")
>>> [t.plain[s.start:s.end] for s in t.spans]
['a red']
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from copytrail.reuse.tokens import normalize, tokenize

_WITNESSES = """SELECT passage_id, article_id, url, site, published, published_source, start, "end",
    text, earliest, copied_from_passage, copy_similarity, date_status, self_reuse, copy_coverage,
    parent_reason, parent_parts
    FROM passages WHERE family_id = ? ORDER BY published NULLS LAST, article_id, start"""


def diff_text(reference: str, text: str, style: str = "bold red") -> Text:
    """``text`` with the words it does not share (in order) with ``reference`` highlighted."""
    ref_words = [normalize(w) for w, _, _ in tokenize(reference).words()]
    toks = tokenize(text).words()
    words = [normalize(w) for w, _, _ in toks]
    out = Text(text)
    sm = difflib.SequenceMatcher(a=ref_words, b=words, autojunk=False)
    for tag, _i1, _i2, j1, j2 in sm.get_opcodes():
        if tag in ("replace", "insert") and j2 > j1:
            out.stylize(style, toks[j1][1], toks[j2 - 1][2])
    return out


class FamilyNotFound(LookupError):
    """No family with this id in the store."""


def family_view(store: Any, family_id: str) -> Group:
    """A rich renderable of one family (raises :class:`FamilyNotFound`)."""
    con = store.con
    fam = con.execute(
        "SELECT witnesses, sites, date_status, banal, banal_reason, first_date, last_date FROM families WHERE family_id = ?",
        [family_id],
    ).fetchall()
    if not fam:
        raise FamilyNotFound(
            f"no family {family_id!r}: list them with `copytrail export --what families`"
        )
    witnesses, sites, status, banal, reason, first, last = fam[0]
    rows = con.execute(_WITNESSES, [family_id]).fetchall()
    by_id = {r[0]: r for r in rows}
    head = Text.assemble(
        (f"family {family_id}", "bold"),
        f"  {witnesses} witnesses on {sites} sites, {first or '?'} → {last or '?'}, dates: {status}",
        (f"  BANAL ({reason})" if banal else "", "yellow"),
    )
    panels: list[Any] = [head]
    panels.extend(_witness_panel(row, by_id) for row in rows)
    return Group(*panels)


def _witness_panel(row: tuple[Any, ...], by_id: dict[str, tuple[Any, ...]]) -> Panel:
    """One witness: its passage diffed against its parents', dates and sites in the title."""
    _pid, art, url, site, published, psource, start, end, text, earliest = row[:10]
    src, sim, dstatus, selfr, coverage, why, parts = row[10:]
    sources = _part_sources(parts) or ([src] if src else [])
    refs = [by_id[p][8] for p in sources if p in by_id]
    body = diff_text(" ".join(refs), text) if refs else Text(text)
    bits = [
        f"{published or 'undated'} ({psource or '-'})",
        site or "",
        url or art,
        f"[{start}:{end}]",
    ]
    flags = [
        ("EARLIEST", bool(earliest)),
        (f"date {dstatus}", dstatus != "ok"),
        ("self-reuse", bool(selfr)),
    ]
    bits.extend(label for label, on in flags if on)
    # The parent goes under the panel: a long URL in the title would push it out of sight.
    under = [f"({why})"] if why and why != "earliest" else []
    if src and src in by_id:
        parents = [by_id[p] for p in sources if p in by_id]
        under.insert(0, "copied from " + ", ".join(str(p[3] or p[1]) for p in parents))
        under.extend(
            f"· {name} {value:.2f}"
            for name, value in (("coverage", coverage), ("sim", sim))
            if value is not None
        )
        under.append("· " + ", ".join(str(p[2] or p[1]) for p in parents))
    return Panel(
        body,
        title="  ".join(bits),
        title_align="left",
        subtitle=" ".join(under) or None,
        subtitle_align="left",
    )


def _part_sources(parts: str | None) -> list[str]:
    """Parent passages of a composite's parts, in the order of the parts in the reprint.

    >>> _part_sources('[{"start": 50, "passage": "b"}, {"start": 0, "passage": "a"}]')
    ['a', 'b']
    """
    if not parts:
        return []
    return [p["passage"] for p in sorted(json.loads(parts), key=lambda p: p["start"])]


def render_family(store: Any, family_id: str, console: Console | None = None) -> None:
    """Print one family to the terminal."""
    (console or Console()).print(family_view(store, family_id))
