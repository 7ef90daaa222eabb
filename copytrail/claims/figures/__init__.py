"""Figures (quantities) in claims, one module per reading step.

``extract_figures(text)`` returns every number that measures or counts something as a
:class:`Figure`; :mod:`~copytrail.claims.figures.extract` runs the cascade and states its
conventions. The steps, in the order the cascade calls them:

- :mod:`~copytrail.claims.figures.mentions` reads the number itself (digits, words, fractions,
  vague plurals), with the number lexicon of :mod:`~copytrail.claims.figures.numbers`;
- :mod:`~copytrail.claims.figures.amounts` reads its scale, unit, currency, rate and range, with
  the unit and currency lexicon of :mod:`~copytrail.claims.figures.units`;
- :mod:`~copytrail.claims.figures.nonquantities` tells years, dates, labels and codes apart,
  :mod:`~copytrail.claims.figures.scores` game results, :mod:`~copytrail.claims.figures.ages` ages;
- :mod:`~copytrail.claims.figures.qualifiers` reads "more than" and the direction of a change;
- :mod:`~copytrail.claims.figures.counted` finds what is counted.

Persian, Arabic and Russian are read from data files by
:mod:`~copytrail.claims.figures.numerals`; :mod:`~copytrail.claims.figures.context` reads the
sentence around a stored figure (its role, source and named entities) for the conflict finder.
The word lists live in ``claims/data/`` as JSON, one file per language and sub-domain.

>>> [(f.text, f.value, f.unit) for f in extract_figures("Fares rose 5% to $2.50.")]
[('5%', 5.0, '%'), ('$2.50', 2.5, '$')]
"""

from copytrail.claims.figures.counted import lemma
from copytrail.claims.figures.extract import (
    NON_QUANTITY_KINDS,
    QUALIFIERS,
    Figure,
    extract_figures,
)

__all__ = ["Figure", "NON_QUANTITY_KINDS", "QUALIFIERS", "extract_figures", "lemma"]
