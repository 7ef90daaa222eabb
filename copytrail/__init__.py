"""copytrail: trace text reuse and claims across web publications.

The data path reads as one line::

    sources -> pages -> articles -> passages -> families -> claims -> report

From a notebook or a script, three calls (:mod:`copytrail.api`)::

    import copytrail
    copytrail.run(["crawl/"], store="corpus.duckdb")     # ingest, reuse, claims
    corpus = copytrail.open("corpus.duckdb")
    corpus.families().to_pandas()                        # every table is a pyarrow.Table

>>> from copytrail import Settings
>>> Settings().min_passage_words
15
>>> import copytrail
>>> callable(copytrail.open) and callable(copytrail.run)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from copytrail.settings import Settings

if TYPE_CHECKING:
    from copytrail.api import Corpus, ingest, open, run

__all__ = ["Corpus", "Settings", "__version__", "ingest", "open", "run"]
__version__ = "0.1.0"

_API = ("Corpus", "ingest", "open", "run")


def __getattr__(name: str) -> Any:
    # The API loads DuckDB and Arrow: imported on first use, so `copytrail --help` stays quick.
    if name in _API:
        from copytrail import api

        return getattr(api, name)
    raise AttributeError(f"module 'copytrail' has no attribute {name!r}")
