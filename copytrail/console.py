"""Terminal rendering of summaries and records (rich). Presentation only: no logic."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

console = Console()
# Messages are not wrapped by rich: a path, URL or command in one must stay copyable whole.
err_console = Console(stderr=True, soft_wrap=True)


def summary_table(title: str, rows: Mapping[str, Any]) -> Table:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("value")
    for key, value in rows.items():
        if isinstance(value, Mapping):
            value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "none"
        table.add_row(str(key).replace("_", " "), str(value))
    return table


def print_summary(title: str, rows: Mapping[str, Any]) -> None:
    console.print(summary_table(title, rows))


def print_record(record: Mapping[str, Any]) -> None:
    """A record as indented JSON (text fields in full)."""
    console.print_json(json.dumps(record, ensure_ascii=False, default=str))


# Cells up to this long are "short" (values, qualifiers, dates, kinds, ids): they keep one line
# and their full width, so the squeeze of a narrow terminal falls on the text columns, which wrap.
SHORT_CELL = 14
# A wrapping column narrower than this is no longer readable: then rich sizes the table itself.
MIN_TEXT = 8
# Columns of names (one or two words, up to this long: sites, channels) are kept whole
# too, shortest first, while the text columns keep room: a site name folded mid-word
# ("citizens-voi|ce.example") cannot be read or copied. Longer cells (URLs, text) wrap.
WORD_CELL = 32
# ... as long as each wrapping column keeps at least this many characters.
TEXT_ROOM = 12


def rows_table(
    title: str,
    rows: Sequence[Mapping[str, Any]],
    columns: list[str] | None = None,
    width: int = 80,
    total: int = 80,
) -> Table:
    """Rows as a table that stays readable ``total`` columns wide (80 when piped).

    Short columns keep their values whole on one line, and so do columns of short names such
    as sites while the text columns keep room; longer ones (text, sentence, speaker, URLs)
    share the rest of the line by length and wrap inside their column instead of being cut to
    "…". Columns empty in every row are left out. Cells longer than ``width`` characters
    are shortened (export gives them in full).

    >>> t = rows_table("figures", [{"value": 600000.0, "qualifier": "up to", "unit": None,
    ...                             "text": "As many as 600,000 people attended the rally " * 3}], total=40)
    >>> [(c.header, c.no_wrap, c.width) for c in t.columns]
    [('value', True, 8), ('qualifier', True, 9), ('text', False, 21)]
    """
    cols = columns or list(rows[0].keys())
    cells = [[_cell(r.get(c), width) for c in cols] for r in rows]
    keep = [i for i in range(len(cols)) if any(row[i] for row in cells)]
    natural = {i: max([len(cols[i])] + [len(row[i]) for row in cells]) for i in keep}
    short = _whole_columns(keep, natural, cells, total)
    long = [i for i in keep if i not in short]
    room = total - (len(keep) - 1) - sum(natural[i] for i in short)
    widths = (
        _share(room, long, natural, cells) if long and sum(natural[i] for i in long) > room else {}
    )
    table = Table(
        title=f"{title} ({len(rows)})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=0,
    )
    for i in keep:
        if i in short:
            table.add_column(cols[i], no_wrap=True, width=natural[i])
        else:
            table.add_column(cols[i], overflow="fold", width=widths.get(i), min_width=MIN_TEXT)
    for row in cells:
        table.add_row(*(row[i] for i in keep))
    return table


def _whole_columns(
    keep: list[int], natural: dict[int, int], cells: list[list[str]], total: int
) -> set[int]:
    """The columns kept whole on one line: short values, then short names while text has room.

    >>> sorted(_whole_columns([0, 1, 2], {0: 5, 1: 20, 2: 90},
    ...                       [["12", "harbor-gazette.example", "text " * 18]], 80))
    [0, 1]
    """
    short = {i for i in keep if max(len(row[i]) for row in cells) <= SHORT_CELL}
    words = [i for i in keep if i not in short and _names_only(cells, i)]
    for i in sorted(words, key=lambda i: natural[i]):
        wrapping = len([j for j in keep if j not in short]) - 1
        # One space between columns (the box's divider, no padding).
        left = total - (len(keep) - 1) - sum(natural[j] for j in short) - natural[i]
        if left < TEXT_ROOM * wrapping:
            break  # keeping it whole would leave the text columns unreadable
        short.add(i)
    return short


def _names_only(cells: list[list[str]], i: int) -> bool:
    """Whether every cell of column ``i`` is a short name of at most two words."""
    return all(len(row[i]) <= WORD_CELL and len(row[i].split()) <= 2 for row in cells)


def _share(
    room: int, long: list[int], natural: dict[int, int], cells: list[list[str]]
) -> dict[int, int]:
    """Widths of the wrapping columns: ``room`` shared by length, none wider than it needs.

    A column whose text fits in its share gets just that, and what it leaves goes to the
    others (a short site name does not wrap so that a sentence gets a few more characters);
    shares weigh at most 60 characters, so one long sentence does not take everything. Each
    column keeps its longest word up to 12 characters ("classroom") when there is room, and
    at least MIN_TEXT; with less room than that rich sizes the table itself (empty result).

    >>> _share(30, [0, 1], {0: 10, 1: 80}, [["harbor-gaz", "text " * 16]])
    {0: 10, 1: 20}
    """
    if room < MIN_TEXT * len(long):
        return {}
    weight = {i: min(natural[i], 60) for i in long}
    floor = {
        i: max(MIN_TEXT, min(12, max(len(w) for row in cells for w in row[i].split() or [""])))
        for i in long
    }
    if sum(floor.values()) > room:
        floor = dict.fromkeys(long, MIN_TEXT)
    widths: dict[int, int] = {}
    left, rest = room, list(long)
    while rest:
        total = sum(weight[i] for i in rest)
        fits = [i for i in rest if natural[i] <= left * weight[i] / total]
        if not fits:
            break
        for i in fits:
            widths[i] = natural[i]
            left -= natural[i]
            rest.remove(i)
    if rest:
        total = sum(weight[i] for i in rest)
        for i in rest:
            widths[i] = max(floor[i], left * weight[i] // total)
        while sum(widths.values()) > room:  # the floors took more than their share: give back
            j = max(
                (i for i in rest if widths[i] > floor[i]),
                key=lambda i: widths[i] - floor[i],
                default=None,
            )
            if j is None:
                return {}
            widths[j] -= 1
        widths[max(rest, key=lambda i: weight[i])] += room - sum(widths.values())
    return widths


def _cell(value: Any, width: int) -> str:
    s = "" if value is None else str(value)
    if s and all(t.startswith(("http://", "https://")) for t in s.split()):
        return s  # a shortened URL can be neither opened nor looked up
    return s if len(s) <= width else s[: width - 1] + "…"


def print_rows(
    title: str, rows: Sequence[Mapping[str, Any]], columns: list[str] | None = None, width: int = 80
) -> None:
    """Rows as a table (:func:`rows_table`); ``title: none`` when there are no rows."""
    if not rows:
        console.print(f"{title}: none")
        return
    console.print(rows_table(title, rows, columns, width, console.width))
