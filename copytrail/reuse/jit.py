"""numba's ``njit`` (cached compilation), or a no-op decorator when numba cannot be imported.

>>> @njit()
... def add(a, b):
...     return a + b
>>> add(2, 3)
5
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

try:
    from numba import njit as _njit
except ImportError:  # pragma: no cover - numba is a declared dependency
    _njit = None  # type: ignore[assignment]


def njit(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Compile with numba when available; the plain Python function otherwise."""
    if _njit is not None:
        return _njit(*args, **kwargs)  # type: ignore[no-any-return]
    return lambda f: f


@njit(cache=True)
def find_root(parent, x):  # type: ignore[no-untyped-def]
    """Root of ``x`` in a union-find parent array, halving the path on the way."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
