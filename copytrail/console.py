"""Terminal rendering of summaries and records (rich). Presentation only: no logic."""

from __future__ import annotations

import json
from collections.abc import Mapping
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
