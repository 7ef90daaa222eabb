"""The word lists of the figure reader, kept as data in ``claims/data/figures_<lang>.json``.

A language's lexicon is one JSON file of named lists and tables: number words, scale words and
multipliers, units with their surface forms, currency marks, qualifier phrases, words of
change, months, weekdays and label words. The modules of :mod:`copytrail.claims.figures`
build their patterns from it, so extending a list is an edit of data, not of code. The
``figures_<lang>.examples.tsv`` file beside it holds invented sentences and the figures they
give, run by ``tests/claims/test_fig_examples.py``. Persian, Arabic and Russian have their own
files, read by :mod:`copytrail.claims.figures.numerals`.

>>> lexicon()["scale_words"]["million"], lexicon()["qualifiers"][0]
(1000000.0, ['approximately', 'approximately'])
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def lexicon(lang: str = "en") -> dict[str, Any]:
    """The lexicon of ``lang`` as stored (read once)."""
    path = resources.files("copytrail.claims").joinpath(f"data/figures_{lang}.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
