"""Terminal rendering of summaries and records (rich). Presentation only: no logic."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

console = Console()
err_console = Console(stderr=True)


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


def print_rows(title: str, rows: Sequence[Mapping[str, Any]], columns: list[str] | None = None, width: int = 80) -> None:
    """Rows as a table; long cells are shortened (use export for full text)."""
    if not rows:
        console.print(f"{title}: none")
        return
    cols = columns or list(rows[0].keys())
    table = Table(title=f"{title} ({len(rows)})", title_justify="left")
    for i, c in enumerate(cols):
        # The last column (usually text) folds; the others keep their values on one line.
        last = i == len(cols) - 1
        table.add_column(c, overflow="fold" if last else "ellipsis", no_wrap=not last, ratio=3 if last else None)
    for r in rows:
        cells = []
        for c in cols:
            v = r.get(c)
            s = "" if v is None else str(v)
            cells.append(s if len(s) <= width else s[: width - 1] + "…")
        table.add_row(*cells)
    console.print(table)
