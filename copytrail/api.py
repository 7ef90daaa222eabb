"""The notebook API: ``copytrail.ingest``, ``copytrail.run`` and ``copytrail.open``.

Three calls cover a notebook session; every table comes back as a ``pyarrow.Table``
(``.to_pandas()`` or ``polars.from_arrow(...)`` make a data frame of it in one call)::

    import copytrail
    copytrail.run(["crawl/", "feed.xml"], store="corpus.duckdb")  # ingest, reuse, claims
    corpus = copytrail.open("corpus.duckdb")
    corpus.families().to_pandas()

They work from a notebook cell and from a script without an ``if __name__ == "__main__":``
guard: worker processes never re-run the caller's code (:mod:`copytrail.workers`), and small
corpora are processed in-process. :class:`Corpus` opens the store read-only for each call and
closes it again, so it never keeps the store locked against a later ``run``.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("A short text about the harbour.", encoding="utf-8")
>>> summaries = run([str(folder)], store=str(folder / "c.duckdb"), progress=False)
>>> {"ingest", "reuse", "claims"} <= set(summaries)  # one summary per stage
True
>>> corpus = open(str(folder / "c.duckdb"))
>>> corpus.articles().num_rows, corpus.families().num_rows
(1, 0)
>>> corpus.stats()["articles"]
1
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from copytrail.export import export_table
from copytrail.progress import Progress
from copytrail.settings import Settings
from copytrail.store import Store, StoreError

__all__ = ["Corpus", "ingest", "open", "run"]


def _settings(
    store: str | Path | None, settings: Settings | None, changes: dict[str, Any]
) -> Settings:
    base = settings or Settings.from_env()
    if store is not None:
        changes["store"] = str(store)
    return base.replace(**changes)


def _open_for_writing(settings: Settings) -> Store:
    """The store, or a StoreError that says which process holds it and what to do."""
    from copytrail.app import explain_store_error

    try:
        return Store.open(settings)
    except StoreError as exc:
        raise StoreError(explain_store_error(str(exc), settings.store)) from exc


def ingest(
    sources: Sequence[str | Path],
    store: str | Path | None = None,
    settings: Settings | None = None,
    **changes: Any,
) -> Any:
    """Read ``sources`` (files, folders, WARC, feeds, sitemaps, JSONL/CSV ...) into ``store``.

    ``changes`` override single settings (``workers=1``, ``progress=False`` ...). Returns the
    ingest summary (``.articles_new``, ``.error_count``, ``.as_dict()``); bad inputs are rows
    of the ``errors`` table, never an exception.
    """
    from copytrail.pipeline import ingest as _ingest

    s = _settings(store, settings, changes)
    with _open_for_writing(s) as st, Progress(s.progress) as progress:
        return _ingest([str(x) for x in sources], s, st, progress)


def run(
    sources: Sequence[str | Path] = (),
    store: str | Path | None = None,
    settings: Settings | None = None,
    **changes: Any,
) -> dict[str, Any]:
    """Ingest ``sources`` (if any), then run every later stage; their summaries by stage name.

    Incremental like ``copytrail run``: what is already in the store is not redone.
    """
    from copytrail.app import run_stages
    from copytrail.pipeline import ingest as _ingest

    s = _settings(store, settings, changes)
    out: dict[str, Any] = {}
    with _open_for_writing(s) as st, Progress(s.progress) as progress:
        if sources:
            out["ingest"] = _ingest([str(x) for x in sources], s, st, progress)
        out.update(run_stages(st, s, progress))
    return out


def open(store: str | Path = "copytrail.duckdb") -> Corpus:  # noqa: A001 - copytrail.open reads well
    """The results in ``store``, as Arrow tables (see :class:`Corpus`)."""
    path = str(store)
    if not Path(path).exists():
        raise StoreError(f"no store at {path}: make one with copytrail.run([...], store={path!r})")
    return Corpus(path)


class Corpus:
    """Read access to one store: each method returns a ``pyarrow.Table``.

    The columns are those of ``copytrail export --what <name>``; :meth:`table` reads any
    export by name and :meth:`sql` runs a query of your own. A table of a stage that has not
    run yet raises a ``ValueError`` naming the command that makes it.
    """

    def __init__(self, path: str) -> None:
        self.path = path

    def __repr__(self) -> str:
        return f"copytrail.open({self.path!r})"

    def _store(self) -> Store:
        return Store(self.path, read_only=True)

    def table(self, what: str) -> pa.Table:
        """One export by name (:func:`copytrail.export.export_names` lists them).

        A table of a stage that has not run on this store yet is a ``ValueError`` that names
        the command to run.
        """
        with self._store() as st:
            return export_table(st, what)

    def sql(self, query: str, params: builtins.list[Any] | None = None) -> pa.Table:
        """The result of a query over the store's tables (read-only)."""
        with self._store() as st:
            return st.con.sql(query, params=params).to_arrow_table()

    def articles(self) -> pa.Table:
        """Every extracted article with its text, date (and where it came from) and site."""
        return self.table("articles")

    def pages(self) -> pa.Table:
        """Every page read, where from, and how."""
        return self.table("pages")

    def errors(self) -> pa.Table:
        """Every input that could not be read, with its reason."""
        return self.table("errors")

    def passages(self) -> pa.Table:
        """Reused passages: each copy with its exact bounds, family and what it was copied from."""
        return self.table("passages")

    def families(self) -> pa.Table:
        """Families of copies of one text, most witnesses first, with the earliest witness."""
        return self.table("families")

    def site_edges(self) -> pa.Table:
        """Who reprints whom: site pairs with families, reprints and median lag."""
        return self.table("site-edges")

    def alignments(self) -> pa.Table:
        """The aligned spans of every compared article pair."""
        return self.table("alignments")

    def claims(self) -> pa.Table:
        """Every figure, quote and attribution."""
        return self.table("claims")

    def figures(self) -> pa.Table:
        """Figures only (normalised value, qualifier, unit, what is counted, who says so)."""
        claims = self.claims()
        if claims.num_rows == 0:
            return claims
        return claims.filter(pc.equal(claims["kind"], "figure"))

    def quotes(self) -> pa.Table:
        """Quotes and attributions with their speakers."""
        return self.table("quotes")

    def conflicts(self) -> pa.Table:
        """Figures about the same thing that disagree, one row per witness of a conflict."""
        return self.table("conflicts")

    def stats(self) -> dict[str, Any]:
        """Counts per table, articles per site and page type, errors by reason."""
        from copytrail.store.queries import stats

        with self._store() as st:
            return stats(st)
