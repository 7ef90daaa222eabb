"""Worker processes that work from a script without a ``__main__`` guard and from a notebook.

Python's ``spawn`` and ``forkserver`` start methods re-run the user's script in every worker
(as ``__mp_main__``) so that functions defined there can be unpickled. copytrail's workers only
run functions of copytrail's own modules, so that re-run is pure cost, and in a script without
``if __name__ == "__main__":`` it is fatal: each worker runs the whole script again (opening the
locked store, starting workers of its own) and the pool dies with ``BrokenProcessPool``.
:class:`WorkerPool` starts its workers with the main module hidden, so they import copytrail
and nothing else, whatever the caller's script does.

How many workers: ``Settings.workers`` when set; with the default ``0`` (automatic), one
process for small jobs (starting a worker costs more than it saves there; measured in
``benchmarks/RESULTS.md``) and one per core for big ones (:func:`workers_for`).

>>> from copytrail.settings import Settings
>>> workers_for(Settings(workers=0), items=40, min_per_worker=500)
1
>>> workers_for(Settings(workers=3), items=40, min_per_worker=500)
3
>>> with WorkerPool(2, "spawn") as pool:
...     list(pool.map(abs, [-1, -2, 3]))
[1, 2, 3]
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from copytrail.settings import Settings


def workers_for(settings: Settings, items: int, min_per_worker: int) -> int:
    """Worker processes for a job of ``items`` units of work.

    An explicit ``workers`` setting is obeyed; automatic (``0``) gives each worker at least
    ``min_per_worker`` units, up to one worker per core (a small corpus runs in one process).

    >>> workers_for(Settings(), items=10_000, min_per_worker=500) == min(20, os.cpu_count() or 1)
    True
    """
    if settings.workers > 0:
        return settings.workers
    cores = max(1, os.cpu_count() or 1)
    return max(1, min(cores, items // max(1, min_per_worker)))


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """While starting a worker, make ``__main__`` look like an interactive session.

    multiprocessing decides what a new worker re-runs from ``__main__.__spec__`` and
    ``__main__.__file__`` (``spawn.get_preparation_data``); without them it re-runs nothing,
    exactly as it does for a notebook or the interactive prompt.
    """
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved: dict[str, Any] = {
        k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__
    }
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


class WorkerPool(ProcessPoolExecutor):
    """A process pool whose workers never re-run the caller's script (see the module docstring).

    ``method`` is the start method: ``forkserver`` or ``spawn`` (never ``fork``: the parent
    holds DuckDB's threads, and a forked copy of a locked mutex deadlocks).
    """

    def __init__(
        self,
        workers: int,
        method: str = "forkserver",
        initializer: Callable[..., Any] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        super().__init__(
            workers,
            mp_context=get_context(method),
            initializer=_start_worker,
            initargs=(os.getpid(), initializer, initargs),
        )

    def _spawn_process(self) -> None:
        # The forkserver itself starts here on first use, so it is started hidden too.
        with _main_module_hidden():
            super()._spawn_process()  # type: ignore[misc]


def _start_worker(
    main_pid: int, initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]
) -> None:
    """A worker's first step: die with the main process (``kill -9`` of it must not leave
    workers, the forkserver or the resource tracker behind), end quietly on Ctrl-C (the main
    process says it once; no traceback per worker), then the caller's initializer."""
    from copytrail.isolation import die_with

    die_with(main_pid)
    signal.signal(signal.SIGINT, _quiet_exit)
    if initializer is not None:
        initializer(*initargs)


def _quiet_exit(signum: int, frame: Any) -> None:
    os._exit(130)
