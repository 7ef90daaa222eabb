"""Progress reporting shared by every stage: rich bars in a terminal, silence elsewhere.

Stages take an optional :class:`Progress`; the library never prints on its own.

>>> with Progress(enabled=False) as p:
...     task = p.task("ingest", total=3)
...     p.advance(task, 3)
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as _RichProgress


class Progress:
    """A thin wrapper over rich.progress that can be switched off."""

    def __init__(self, enabled: bool = True, console: Console | None = None) -> None:
        self.enabled = enabled
        self.console = console or Console(stderr=True)
        self._rich: _RichProgress | None = None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._rich = _RichProgress(
                SpinnerColumn(),
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=self.console,
                transient=False,
            )
            self._rich.__enter__()
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._rich is not None:
            self._rich.__exit__(et, ev, tb)
            self._rich = None

    def task(self, description: str, total: float | None = None) -> Any:
        if self._rich is None:
            return None
        return self._rich.add_task(description, total=total)

    def advance(self, task: Any, n: float = 1) -> None:
        if self._rich is not None and task is not None:
            self._rich.advance(task, n)

    def update(self, task: Any, **fields: Any) -> None:
        if self._rich is not None and task is not None:
            self._rich.update(task, **fields)
