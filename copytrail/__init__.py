"""copytrail: trace text reuse and claims across web publications.

The data path reads as one line::

    sources -> pages -> articles -> passages -> families -> claims -> report

>>> from copytrail import Settings
>>> Settings().min_passage_words
15
"""

from copytrail.settings import Settings

__all__ = ["Settings", "__version__"]
__version__ = "0.1.0"
