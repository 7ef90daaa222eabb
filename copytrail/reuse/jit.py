"""numba's ``njit`` (cached compilation), or a no-op decorator when numba cannot be imported.

Compiled kernels are cached on disk, in ``$NUMBA_CACHE_DIR`` when it is set and otherwise in
the user's cache folder (``~/.cache/copytrail/numba``; not next to the sources, which an
installed package may not be allowed to write). The first run compiles them (about 30-40 s on
a slow machine); :func:`kernels_to_compile` tells beforehand, so the reuse stage can say so.

>>> @njit()
... def add(a, b):
...     return a + b
>>> add(2, 3)
5
>>> os.environ["NUMBA_CACHE_DIR"] != ""
True
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """Where compiled kernels are kept: ``$NUMBA_CACHE_DIR``, else the user's cache folder."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return Path(os.environ["NUMBA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copytrail" / "numba"


# numba reads the variable once, on import: it must be set before the import below (worker
# processes inherit it from the environment).
os.environ["NUMBA_CACHE_DIR"] = str(cache_dir())

try:
    from numba import njit as _njit
except ImportError:  # pragma: no cover - numba is a declared dependency
    _njit = None  # type: ignore[assignment]

# The cached kernels made by :func:`njit`, so :func:`kernels_to_compile` can look them up.
_CACHED: list[Any] = []


def njit(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Compile with numba when available; the plain Python function otherwise."""
    if _njit is None:
        return lambda f: f
    decorate = _njit(*args, **kwargs)
    if not kwargs.get("cache"):
        return decorate  # type: ignore[no-any-return]

    def cached(f: Callable[..., Any]) -> Callable[..., Any]:
        kernel = decorate(f)
        _CACHED.append(kernel)
        return kernel  # type: ignore[no-any-return]

    return cached


def kernels_to_compile() -> list[str]:
    """Names of the cached kernels (of the modules imported so far) not compiled on disk yet.

    Empty once a run has compiled them; numba recompiles without a word when its version or a
    kernel's source changed, which this does not see.
    """
    missing = []
    for kernel in _CACHED:
        index = getattr(
            getattr(getattr(kernel, "_cache", None), "_cache_file", None), "_index_path", None
        )
        if index is not None and not os.path.exists(index):
            missing.append(kernel.py_func.__qualname__)
    return missing


@njit(cache=True)
def find_root(parent, x):  # type: ignore[no-untyped-def]
    """Root of ``x`` in a union-find parent array, halving the path on the way."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
