"""The word lists of attributions, as data: cue verbs, frame words, and cues learned from news.

``data/cues_<lang>.json`` holds the reporting verbs by class (:func:`cue_words`, expanded to
word forms by :mod:`copytrail.claims.cues`); ``data/frames_<lang>.json`` the function words,
verb forms and gap patterns of :mod:`copytrail.claims.frames` (:func:`frame_words`,
:func:`frame_patterns`). Adding a word is an edit of data, checked by the example table
``data/frames_<lang>.examples.tsv``.

Cue words learned from annotated news: the verbs that attribute a stance, not only speech.

PolNeAR-style annotation calls anything a source is said to believe, want, deny, back or
attack an attribution. The hand-written cue lists in :mod:`copytrail.claims.cues` cover speech
well; the rest comes from ``data/cue_lexicon.json``, counts learned from the PolNeAR *train*
split by ``benchmarks/cue_lexicon.py`` (word -> [gold cue spans holding it, occurrences]).
A word is kept when it is often enough a cue and precise enough as one; the thresholds were
tuned on train only.

>>> "criticized" in learned_cues(), "table" in learned_cues()
(True, False)
>>> len(learned_cues(min_precision=0.95)) < len(learned_cues())
True
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "cue_lexicon.json"
MIN_COUNT = 3
MIN_FRAMES = 3
MIN_PRECISION = 0.5
MAX_UNRELIABLE = 0.35
# A word written with a capital inside a sentence more often than this is a name ("Sanders"
# sits in many annotated cue spans as their subject), never a cue; seen capitalised at least
# MIN_CAPITALISED times, since a verb in a few title-case headlines is no name.
MAX_CAPITALISED = 0.5
MIN_CAPITALISED = 10


@cache
def frame_lexicon(lang: str = "en") -> dict[str, Any]:
    """The word lists and patterns of attribution frames, ``data/frames_<lang>.json`` as stored.

    >>> "said" in frame_words()["irregular_past"]
    True
    """
    path = resources.files("copytrail.claims").joinpath(f"data/frames_{lang}.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def frame_words(lang: str = "en") -> dict[str, frozenset[str]]:
    """Each named word list of :func:`frame_lexicon` as a set of lower-case forms."""
    return {name: frozenset(words.split()) for name, words in frame_lexicon(lang)["words"].items()}


@cache
def frame_patterns(lang: str = "en") -> dict[str, re.Pattern[str]]:
    """Each named pattern of :func:`frame_lexicon`, compiled."""
    return {name: re.compile(p) for name, p in frame_lexicon(lang)["patterns"].items()}


@cache
def cue_words(lang: str = "en") -> dict[str, Any]:
    """The reporting-verb lists of ``data/cues_<lang>.json``: ``strong`` and ``weak`` lemmas in
    order, ``ambiguous`` and ``object_cues`` sets, ``irregular`` lemma -> inflected forms.

    >>> cue_words()["irregular"]["say"]
    ['say', 'says', 'said', 'saying']
    """
    path = resources.files("copytrail.claims").joinpath(f"data/cues_{lang}.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {
        "strong": doc["strong"].split(),
        "weak": doc["weak"].split(),
        "ambiguous": frozenset(doc["ambiguous"].split()),
        "object_cues": frozenset(doc["object_cues"].split()),
        "irregular": {lemma: forms.split() for lemma, forms in doc["irregular"].items()},
    }


_W = frame_words()
# Adverbs, adjectives and nouns that sit inside annotated cue spans ("publicly", "clear",
# "statement") but are no verbs: as cues they would take the place of the real verb.
_NOT_VERB_SUFFIXES = tuple(sorted(_W["learned_not_verb_suffixes"]))
# Only verb forms: names and nouns next to a source ("campaign") also score well as cue
# positions on train, but only because they sit beside a real cue.
_VERB_SUFFIXES = tuple(sorted(_W["learned_verb_suffixes"]))
_IRREGULAR_VERBS = _W["learned_irregular_verbs"]
_NOT_VERBS = _W["learned_not_verbs"]


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    try:
        doc = json.loads(DATA.read_text(encoding="utf-8"))
        names = {
            w
            for w, n in doc.get("capitalised", {}).items()
            if w in doc["words"]
            and n >= MIN_CAPITALISED
            and n > MAX_CAPITALISED * doc["words"][w][1]
        }
        words = {w: v for w, v in doc["words"].items() if w not in names}
        return words, doc["frames"]
    except (OSError, ValueError, KeyError):
        # The rule path still runs on the built-in cue lists alone.
        return {}, {}


@lru_cache(maxsize=8)
def learned_cues(
    min_precision: float = MIN_PRECISION, min_frames: int = MIN_FRAMES
) -> frozenset[str]:
    """Lower-case word forms annotated as cues at least :data:`MIN_COUNT` times whose rule-path
    frames on train had a gold source at least ``min_precision`` of the time (over at least
    ``min_frames`` frames); empty when the data file is missing."""
    words, frames = _data()
    out = set()
    for w, (cue, _seen) in words.items():
        n, good = frames.get(w, (0, 0))
        if (
            cue >= MIN_COUNT
            and n >= min_frames
            and good / n >= min_precision
            and len(w) >= 3
            and w.isalpha()
            and not w.endswith(_NOT_VERB_SUFFIXES)
            and (w.endswith(_VERB_SUFFIXES) or w in _IRREGULAR_VERBS)
            and w not in _NOT_VERBS
        ):
            out.add(w)
    return frozenset(out)


@lru_cache(maxsize=8)
def unreliable_cues(max_precision: float = MAX_UNRELIABLE, min_frames: int = 8) -> frozenset[str]:
    """Cue forms whose rule-path frames on train rarely had a gold source ("seems", "appears"):
    belief and evidence verbs that mostly follow things, not people.

    >>> "said" in unreliable_cues()
    False
    """
    _, frames = _data()
    return frozenset(
        w for w, (n, good) in frames.items() if n >= min_frames and good / n < max_precision
    )


__all__ = [
    "frame_lexicon",
    "frame_patterns",
    "frame_words",
    "learned_cues",
    "unreliable_cues",
    "MIN_FRAMES",
    "MIN_PRECISION",
]
