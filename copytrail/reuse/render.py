"""Terminal view of one family: witnesses in date order, words that differ highlighted.

Each witness is compared with the witness it was copied from (or, for the earliest, shown as
is); words it does not share with that source are highlighted, so edits along the reprint chain
stand out. ``copytrail show-family ID`` calls :func:`render_family`.

>>> t = diff_text("the cat sat on the mat", "the cat sat on a red mat")
>>> [t.plain[s.start:s.end] for s in t.spans]
['a red']
"""

from __future__ import annotations

import difflib
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from copytrail.reuse.tokens import normalize, tokenize


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
        raise FamilyNotFound(f"no family {family_id!r}: list them with `copytrail export --what families`")
    witnesses, sites, status, banal, reason, first, last = fam[0]
    rows = con.execute(
        """SELECT passage_id, article_id, url, site, published, published_source, start, "end",
        text, earliest, copied_from_passage, copy_similarity, date_status, self_reuse
        FROM passages WHERE family_id = ? ORDER BY published NULLS LAST, article_id, start""",
        [family_id],
    ).fetchall()
    text_of = {r[0]: r[8] for r in rows}
    head = Text.assemble(
        (f"family {family_id}", "bold"),
        f"  {witnesses} witnesses on {sites} sites, {first or '?'} → {last or '?'}, dates: {status}",
        (f"  BANAL ({reason})" if banal else "", "yellow"),
    )
    panels: list[Any] = [head]
    for _pid, art, url, site, published, psource, start, end, text, earliest, src, sim, dstatus, selfr in rows:
        ref = text_of.get(src) if src else None
        body = diff_text(ref, text) if ref is not None else Text(text)
        bits = [f"{published or 'undated'} ({psource or '-'})", site or "", url or art, f"[{start}:{end}]"]
        if earliest:
            bits.append("EARLIEST")
        if src:
            bits.append(f"from {src}" + (f" sim {sim:.2f}" if sim is not None else ""))
        if dstatus != "ok":
            bits.append(f"date {dstatus}")
        if selfr:
            bits.append("self-reuse")
        panels.append(Panel(body, title="  ".join(bits), title_align="left"))
    return Group(*panels)


def render_family(store: Any, family_id: str, console: Console | None = None) -> None:
    """Print one family to the terminal."""
    (console or Console()).print(family_view(store, family_id))
