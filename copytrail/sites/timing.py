"""When sites publish the same text: the co-publication window and bursts of co-publication.

Coordinated sites publish the same text within minutes, again and again; ordinary reprinting
(a wire's clients, a scraper, a paper quoting a press release) comes hours or days later. The
window that separates the two is estimated from the corpus's own reprint lags, after CooRnet's
idea of taking the fast tail of the observed sharing delays rather than a fixed constant:
:func:`coordination_window` looks, among the faster half of the lags, for the widest break (as a
ratio, over a few ranks) after which the lags jump, and takes the lag just below it; a corpus
without such a break (too few lags, or no fast mode) falls back to the 10th percentile.

A *burst* (:func:`bursts`) is the set of sites whose copies of one family follow each other
with no gap longer than the window (single linkage in time).

>>> lags = [1, 2, 3, 4, 6, 8, 9] + [25, 40, 60, 90, 120, 200, 300, 360] + [3000, 5000]
>>> coordination_window(lags)
9.0
>>> fast = [1 + i % 9 for i in range(300)] + [13] + [20 + i for i in range(400)]
>>> coordination_window(fast)  # one stray lag at 13 minutes does not hide the break after 9
9.0
>>> [sorted(b) for b in bursts([("a", 0.0), ("b", 3.0), ("c", 7.0), ("d", 400.0)], 9.0)]
[['a', 'b', 'c'], ['d']]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

# Fewer reprint lags than this say nothing about a fast mode: the 10th percentile is used.
MIN_LAGS = 8
# The break must multiply the lag at least this much to count as the end of a fast mode.
MIN_BREAK = 1.6
FALLBACK_QUANTILE = 0.10


def quantile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile of sorted ``values`` (nearest rank, lower).

    >>> quantile([5, 1, 3], 0.5)
    3.0
    """
    xs = sorted(values)
    if not xs:
        return 0.0
    return float(xs[min(len(xs) - 1, max(0, math.ceil(q * len(xs)) - 1))])


def coordination_window(lags_minutes: Iterable[float]) -> float:
    """The co-publication window in minutes, from the corpus's reprint lags (minutes, >= 0).

    Lags of 0 (same-minute, or date-only pages published the same day) stay in the fast tail.

    >>> coordination_window([])
    0.0
    >>> coordination_window([0, 0, 0, 1440, 2880, 1440, 0, 4320, 1440])
    0.0
    """
    xs = sorted(max(0.0, float(x)) for x in lags_minutes)
    if not xs:
        return 0.0
    fallback = quantile(xs, FALLBACK_QUANTILE)
    if len(xs) < MIN_LAGS:
        return fallback
    # The jump is measured over a few ranks (1% of the lags), so that a stray lag or two inside
    # the break (a chance copy 13 minutes after its source) does not hide it.
    step = max(1, len(xs) // 100)
    best, cut = 0.0, -1
    # The break must fall within the faster half: the slow half holds the ordinary reprinting.
    for i in range(max(1, len(xs) // 2)):
        jump = (1 + xs[min(len(xs) - 1, i + step)]) / (1 + xs[i])
        if jump > best:
            best, cut = jump, i
    if cut < 0 or best < MIN_BREAK:
        return fallback
    return xs[cut]


def bursts(times: Sequence[tuple[str, float]], window: float) -> list[set[str]]:
    """Sites grouped by time: a new group starts after a gap longer than ``window`` minutes.

    ``times`` holds (site, minutes) of one family's dated copies; each site is placed by its
    earliest copy.
    """
    first: dict[str, float] = {}
    for site, t in times:
        if site not in first or t < first[site]:
            first[site] = t
    out: list[set[str]] = []
    last = -math.inf
    for site, t in sorted(first.items(), key=lambda x: (x[1], x[0])):
        if not out or t - last > window:
            out.append(set())
        out[-1].add(site)
        last = t
    return out
