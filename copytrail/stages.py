"""Every stage of copytrail, declared in one place: tables, exports, settings, commands.

The data path reads as one line::

    sources -> pages -> articles (ingest) -> passages -> families (reuse) -> claims -> report

Each :class:`Stage` below says which tables it writes (their DDL, written once in the stage's
``tables.py``), which of them ``copytrail export`` offers (name -> query, plus writers for extra
formats such as GEXF), what fingerprint of the settings its stored work depends on, and which
CLI commands belong to it. Nothing registers itself as a side effect of an import: the export
list, ``copytrail run`` and the notebook API all read :data:`STAGES`.

Functions are named as ``"module:attribute"`` and imported when first used, so listing the
exports does not load numba or the claims tagger.

>>> [s.name for s in STAGES]
['ingest', 'reuse', 'sites', 'claims']
>>> export_stage("passages").name, export_stage("quotes").commands[0]
('reuse', 'claims')
>>> sorted(exports())[:4]
['alignments', 'articles', 'boilerplate', 'claim-warnings']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from types import MappingProxyType
from typing import Any

from copytrail.claims.queries import CLAIMS_EXPORT, CONFLICTS_EXPORT, QUOTES_EXPORT, WARNINGS_EXPORT
from copytrail.claims.tables import CLAIMS_DDL
from copytrail.export import CORE_EXPORTS
from copytrail.reuse.export import QUERIES as REUSE_EXPORTS
from copytrail.reuse.tables import REUSE_DDL
from copytrail.settings import Settings
from copytrail.sites.networks import LINKS_DDL, LINKS_EXPORTS
from copytrail.sites.tables import IDS_DDL, IDS_EXPORTS
from copytrail.store.schema import CORE_DDL


def resolve(path: str) -> Any:
    """The object a ``"module:attribute"`` path names.

    >>> resolve("copytrail.settings:Settings").__name__
    'Settings'
    """
    module, _, attr = path.partition(":")
    return getattr(import_module(module), attr)


@dataclass(frozen=True)
class Stage:
    """One stage of the pipeline and everything it offers the rest of copytrail.

    ``run`` is ``f(store, settings, progress) -> summary`` (``None`` for ingest, which takes
    sources and has its own entry point); ``fingerprint`` is ``f(settings) -> str``, the settings
    its stored work depends on (when it changes, the stage redoes that work); ``writers`` maps
    ``(export, format)`` to ``f(store, path) -> rows`` for formats a query cannot give.
    """

    name: str
    tables: tuple[str, ...]
    exports: Mapping[str, str]
    commands: tuple[str, ...]
    run: str | None = None
    fingerprint: str | None = None
    writers: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def run_function(self) -> Callable[..., Any]:
        """The stage's run function (imported now)."""
        if self.run is None:
            raise ValueError(f"stage {self.name} has no store-to-store run function")
        return resolve(self.run)  # type: ignore[no-any-return]

    def settings_fingerprint(self, settings: Settings) -> str:
        """The settings this stage's stored work depends on, as one string ('' for none)."""
        return str(resolve(self.fingerprint)(settings)) if self.fingerprint else ""


def _ro(d: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(d))


INGEST = Stage(
    name="ingest",
    tables=CORE_DDL,
    exports=_ro(CORE_EXPORTS),
    commands=("ingest", "fetch", "stats", "show", "export"),
)

REUSE = Stage(
    name="reuse",
    tables=REUSE_DDL,
    exports=_ro(REUSE_EXPORTS),
    commands=("reuse", "families", "show-family", "compare"),
    run="copytrail.reuse.stage:run_reuse",
    fingerprint="copytrail.reuse.stage:work_key",
    writers=_ro({("site-edges", "gexf"): "copytrail.reuse.export:write_gexf"}),
)

# After reuse: quotes and figures are linked to the reuse family that contains them.
CLAIMS = Stage(
    name="claims",
    tables=CLAIMS_DDL,
    exports=_ro(
        {
            "claims": CLAIMS_EXPORT,
            "claim-warnings": WARNINGS_EXPORT,
            "quotes": QUOTES_EXPORT,
            "conflicts": CONFLICTS_EXPORT,
        }
    ),
    commands=("claims", "figures", "quotes", "conflicts"),
    run="copytrail.claims.stage:run_claims",
    fingerprint="copytrail.claims.stage:reader_tag",
)

# Site identifiers are written at ingest (their tables are made when a store opens); this stage
# scans pages stored before that, and links sites by what they share.
SITES = Stage(
    name="sites",
    tables=IDS_DDL + LINKS_DDL,
    exports=_ro(IDS_EXPORTS | LINKS_EXPORTS),
    commands=("sites", "networks", "site"),
    run="copytrail.sites.stage:run_sites",
    writers=_ro({("site-links", "gexf"): "copytrail.sites.gexf:write_links_gexf"}),
)

# In run order: `copytrail run` ingests, then runs every stage with a run function.
STAGES: tuple[Stage, ...] = (INGEST, REUSE, SITES, CLAIMS)


def stage(name: str) -> Stage:
    """The stage called ``name``."""
    for s in STAGES:
        if s.name == name:
            return s
    raise ValueError(f"unknown stage {name!r}; choose from {', '.join(s.name for s in STAGES)}")


def exports() -> dict[str, str]:
    """Every export of every stage: name -> query."""
    return {name: query for s in STAGES for name, query in s.exports.items()}


def export_stage(what: str) -> Stage:
    """The stage that offers the export ``what``."""
    for s in STAGES:
        if what in s.exports:
            return s
    raise ValueError(f"unknown export {what!r}; choose from {', '.join(sorted(exports()))}")


def writer(what: str, fmt: str) -> Callable[..., int] | None:
    """The writer of a format a query cannot give (e.g. GEXF for site-edges), if any."""
    for s in STAGES:
        if (what, fmt) in s.writers:
            return resolve(s.writers[(what, fmt)])  # type: ignore[no-any-return]
    return None
