"""Cue words learned from annotated news: the verbs that attribute a stance, not only speech.

PolNeAR-style annotation calls anything a source is said to believe, want, deny, back or
attack an attribution. The hand-written cue lists in :mod:`copytrail.claims.cues` cover speech
well; the rest comes from ``data/cue_lexicon.json``, counts learned from the PolNeAR *train*
split by ``benchmarks/cue_lexicon.py`` (word -> [gold cue spans holding it, occurrences]).
A word is kept when it is often enough a cue and precise enough as one; the thresholds were
tuned on train only.

>>> "criticized" in learned_cues(), "table" in learned_cues()
(True, False)
>>> len(learned_cues(min_precision=0.9)) < len(learned_cues())
True
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "cue_lexicon.json"
MIN_COUNT = 4
MIN_PRECISION = 0.2
# Adverbs, adjectives and nouns that sit inside annotated cue spans ("publicly", "clear",
# "statement") but are no verbs: as cues they would take the place of the real verb.
_NOT_VERB_SUFFIXES = ("ly", "ment", "tion", "sion", "ism", "ness", "ful", "ous", "ive", "ble")


@lru_cache(maxsize=8)
def learned_cues(min_precision: float = MIN_PRECISION, min_count: int = MIN_COUNT) -> frozenset[str]:
    """Lower-case word forms that are annotated cues at least ``min_count`` times and in at
    least ``min_precision`` of their occurrences; empty when the data file is missing."""
    try:
        words = json.loads(DATA.read_text(encoding="utf-8"))["words"]
    except (OSError, ValueError, KeyError):
        # The rule path still runs on the built-in cue lists alone.
        return frozenset()
    return frozenset(
        w
        for w, (cue, seen) in words.items()
        if cue >= min_count
        and cue / max(seen, 1) >= min_precision
        and len(w) >= 3
        and w.isalpha()
        and not w.endswith(_NOT_VERB_SUFFIXES)
    )


__all__ = ["learned_cues", "MIN_COUNT", "MIN_PRECISION"]
