"""Kinds of claims: what the claims stage reads from each article, one :class:`ClaimKind` each.

A kind is data plus one pure function: its ``name``, a ``version`` (part of the stage's
fingerprint, so bumping it re-reads every article once), the ``columns`` it adds to the
``claims`` table (the only table declaration a new kind needs; the stage adds missing columns
with ``ALTER TABLE ... ADD COLUMN IF NOT EXISTS``), the row kinds it ``writes`` and ``read``,
a pure function :class:`Article` -> :class:`KindRows`.

The stage reads the kinds of :data:`DEFAULT_KINDS`, declared here and nowhere else (nothing
registers itself on import); a caller may pass another tuple to
:func:`copytrail.claims.stage.run_claims`. Kinds share one :class:`Article`, whose costly
readings (the attributions, the sentences) are made once when a kind first asks for them: the
figures kind takes a figure's speaker from the attributions the attributions kind lists.

A new kind (say, event dates) is one module with its ``read`` function and its ``ClaimKind``,
and one test file::

    >>> import re
    >>> def read_years(article: Article) -> KindRows:
    ...     return KindRows([
    ...         base_row(article, "year", m.start(), m.end(), *article.sentence_of(m.start()))
    ...         | {"year": int(m.group())}
    ...         for m in re.finditer(r"\\b(1[89]|20)\\d\\d\\b", article.text)
    ...     ])
    >>> YEARS = ClaimKind("years", "1", read_years, columns=(("year", pa.int32()),), writes=("year",))
    >>> rows = YEARS.rows({"article_id": "a1", "text": "Built in 1894. Closed in 2011."}).rows
    >>> [(r["kind"], r["text"], r["year"], r["sentence"]) for r in rows]
    [('year', '1894', 1894, 'Built in 1894.'), ('year', '2011', 2011, 'Closed in 2011.')]
    >>> kinds_ddl([YEARS])
    ('ALTER TABLE claims ADD COLUMN IF NOT EXISTS "year" INTEGER',)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

import pyarrow as pa

from copytrail.claims.attributions import (
    HIDDEN_KINDS,
    AttributionResult,
    extract_attributions_with_warnings,
    listed,
)
from copytrail.claims.figures import extract_figures
from copytrail.claims.figures.context import antecedent_names
from copytrail.claims.figures.counted import lemma
from copytrail.claims.quotes_lang import LANGUAGES as QUOTE_LANGUAGES
from copytrail.claims.quotes_lang import extract_attributions_lang_with_warnings
from copytrail.claims.sentences import sentence_spans
from copytrail.claims.speakers import canonical_speaker_key
from copytrail.ids import stable_id

# Columns every claim row has, whatever its kind (offsets are into articles.text).
BASE_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("claim_id", pa.string()), ("article_id", pa.string()), ("kind", pa.string()),
    ("start_char", pa.int32()), ("end_char", pa.int32()), ("text", pa.string()),
    ("sentence", pa.string()), ("sentence_start", pa.int32()), ("sentence_end", pa.int32()),
    ("speaker", pa.string()), ("speaker_key", pa.string()),
    ("site", pa.string()), ("url", pa.string()), ("published", pa.string()), ("published_source", pa.string()),
)  # fmt: skip
META_FIELDS = ("site", "url", "published", "published_source")

_SQL_TYPES = {
    pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
}  # fmt: skip


class KindRows(NamedTuple):
    """What a kind read in one article: claim rows, and what it could not parse (warnings)."""

    rows: list[dict[str, Any]]
    warnings: Sequence[str] = ()


class Article:
    """One article as the kinds read it: its text and metadata, and readings shared by kinds.

    >>> a = Article({"article_id": "a1", "text": "One. Two words."})
    >>> a.sentence_of(6)
    (5, 15)
    """

    def __init__(self, article: Mapping[str, Any], nlp: Any = None) -> None:
        self.article_id: str = article["article_id"]
        self.text: str = article.get("text") or ""
        self.language: str | None = article.get("language")
        self.meta = {k: article.get(k) for k in META_FIELDS}
        self.nlp = nlp

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The text's sentence spans (:func:`copytrail.claims.sentences.sentence_spans`)."""
        return sentence_spans(self.text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [a for a, _ in self.sentences]

    def sentence_index(self, pos: int) -> int:
        """Index in :attr:`sentences` of the sentence starting at or before ``pos`` (-1: none)."""
        return bisect_right(self._sentence_starts, pos) - 1

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The span of the sentence holding ``pos`` (the whole text when there is none)."""
        here = self.sentence_index(pos)
        return self.sentences[here] if here >= 0 else (0, len(self.text))

    @cached_property
    def reports(self) -> AttributionResult:
        """Quotes and attributions, each report listed once (:func:`listed`), with warnings.

        Routed by the article's language as figures are: Persian, Arabic and Russian reports
        are read from their language's data, everything else by the English cascade."""
        if self.language in QUOTE_LANGUAGES:
            result = extract_attributions_lang_with_warnings(self.text, self.language)
        else:
            result = extract_attributions_with_warnings(self.text, nlp=self.nlp)
        # One report listed once (not again as the shorter report nested in it by the same
        # speaker), and no fragment of a misread frame.
        return AttributionResult(listed(self.text, result.attributions), list(result.warnings))


def base_row(
    article: Article, kind: str, start: int, end: int, sentence_start: int, sentence_end: int
) -> dict[str, Any]:
    """The columns every claim has: a content-hashed id, the span, its sentence, the metadata.

    >>> row = base_row(Article({"article_id": "a", "text": "It rained."}), "weather", 3, 9, 0, 10)
    >>> row["text"], row["sentence"], row["claim_id"] == stable_id("a", "weather", 3, 9)
    ('rained', 'It rained.', True)
    """
    text = article.text
    return {
        "claim_id": stable_id(article.article_id, kind, start, end),
        "article_id": article.article_id,
        "kind": kind,
        "start_char": start,
        "end_char": end,
        "text": text[start:end],
        "sentence": text[sentence_start:sentence_end],
        "sentence_start": sentence_start,
        "sentence_end": sentence_end,
        **article.meta,
    }


@dataclass(frozen=True)
class ClaimKind:
    """One kind of claim: its name and version, the ``claims`` columns it adds, its reader.

    ``read`` is pure: the same article gives the same rows. ``writes`` names the values of
    ``claims.kind`` its rows carry (a row of another kind is refused, so kinds cannot clash).
    """

    name: str
    version: str
    read: Callable[[Article], KindRows]
    columns: tuple[tuple[str, pa.DataType], ...] = ()
    writes: tuple[str, ...] = field(default=())

    def rows(self, article: Mapping[str, Any] | Article, nlp: Any = None) -> KindRows:
        """The kind's rows of one article (an :class:`Article` or a row of ``corpus_articles``)."""
        art = article if isinstance(article, Article) else Article(article, nlp=nlp)
        got = self.read(art)
        for row in got.rows:
            if row.get("kind") not in self.writes:
                raise ValueError(
                    f"claim kind {self.name!r} wrote a row of kind {row.get('kind')!r}"
                )
        return got

    @property
    def tag(self) -> str:
        """``name@version``, as the stage's fingerprint lists it."""
        return f"{self.name}@{self.version}"


def claim_columns(kinds: Sequence[ClaimKind]) -> list[tuple[str, pa.DataType]]:
    """The ``claims`` columns the stage writes for ``kinds``: the base ones, then each kind's.

    >>> [c for c, _ in claim_columns(DEFAULT_KINDS)][-4:]
    ['change', 'counted', 'counted_key', 'antecedent']
    """
    out = list(BASE_COLUMNS)
    seen = {c for c, _ in out}
    for kind in kinds:
        for col, typ in kind.columns:
            if col not in seen:
                seen.add(col)
                out.append((col, typ))
    return out


def kinds_ddl(kinds: Sequence[ClaimKind]) -> tuple[str, ...]:
    """``ALTER TABLE`` statements adding each kind's columns to ``claims`` (no-ops when there)."""
    return tuple(
        f'ALTER TABLE claims ADD COLUMN IF NOT EXISTS "{col}" {_SQL_TYPES.get(typ, "VARCHAR")}'
        for kind in kinds
        for col, typ in kind.columns
    )


def kinds_tag(kinds: Sequence[ClaimKind]) -> str:
    """The kinds and their versions, in the stage's fingerprint.

    >>> kinds_tag(DEFAULT_KINDS)
    'attributions@1,figures@1'
    """
    return ",".join(k.tag for k in kinds)


# --- the built-in kinds --------------------------------------------------------------------


def read_attributions(article: Article) -> KindRows:
    """Direct, mixed and indirect quotes and "according to" attributions (rows ``quote`` for
    direct and mixed quotes, ``attribution`` for the rest), with what could not be parsed."""
    text = article.text
    rows = []
    for at in article.reports.attributions:
        kind = "quote" if at.kind in ("direct", "mixed") else "attribution"
        row = base_row(
            article, kind, at.content_start, at.content_end, at.sentence_start, at.sentence_end
        )
        row.update(
            speaker=at.speaker,
            speaker_key=canonical_speaker_key(at.speaker) if at.speaker else None,
            source=text[at.source_start : at.source_end] if at.source_start is not None else None,
            source_start=at.source_start,
            source_end=at.source_end,
            cue=text[at.cue_start : at.cue_end] if at.cue_start is not None else None,
            attribution_kind=at.kind,
        )
        rows.append(row)
    return KindRows(rows, list(article.reports.warnings))


def counted_key(counted: str | None, unit: str | None) -> str:
    """Grouping key of what a figure counts: the singular head noun (or the unit).

    >>> counted_key("members of Congress", None), counted_key("Activists", None), counted_key("", "year")
    ('member of congress', 'activist', 'year')
    """
    phrase = (counted or "").strip().lower()
    if not phrase:
        return (unit or "").strip().lower()
    words = phrase.split()
    if "of" in words[1:]:
        # "members of Congress": the head noun is the word before "of"; keep the complement.
        head = words.index("of", 1) - 1
        return " ".join([lemma(words[head]), *words[head + 1 :]])
    return lemma(words[-1])


def read_figures(article: Article) -> KindRows:
    """Figures (:func:`extract_figures`, by the article's language); a figure inside a report's
    content (or sentence) takes its speaker as its source."""
    text = article.text
    reports = [at for at in article.reports.attributions if at.kind not in HIDDEN_KINDS]
    antecedents: dict[int, str] = {}  # by sentence: figures of one sentence share it
    rows = []
    for fig in extract_figures(text, language=article.language):
        speaker = _speaker_for(fig.start, fig.end, fig.sentence_start, reports)
        row = base_row(article, "figure", fig.start, fig.end, fig.sentence_start, fig.sentence_end)
        row.update(
            text=fig.text,
            value=fig.value,
            low=fig.low,
            high=fig.high,
            qualifier=fig.qualifier,
            unit=fig.unit,
            counted=fig.counted,
            counted_key=counted_key(fig.counted, fig.unit),
            change=fig.change,
            speaker=speaker,
            speaker_key=canonical_speaker_key(speaker) if speaker else None,
            antecedent=_antecedent(
                article, article.sentence_index(fig.sentence_start), antecedents
            ),
        )
        rows.append(row)
    return KindRows(rows)


def _antecedent(article: Article, here: int, seen: dict[int, str]) -> str:
    """:func:`antecedent_names` of sentence ``here`` (none before the first), once per sentence."""
    if here < 0:
        return ""
    if here not in seen:
        seen[here] = antecedent_names(article.text, article.sentences, here)
    return seen[here]


def _speaker_for(start: int, end: int, sentence_start: int, reports: Sequence[Any]) -> str | None:
    # What someone wants or feels (a belief frame) is no source for a figure: the caller has
    # left those out.
    for at in reports:
        if at.content_start <= start and end <= at.content_end and at.speaker:
            return str(at.speaker)
    for at in reports:
        if at.sentence_start == sentence_start and at.speaker:
            return str(at.speaker)
    return None


ATTRIBUTIONS = ClaimKind(
    name="attributions",
    version="1",
    read=read_attributions,
    columns=(
        ("source", pa.string()),
        ("source_start", pa.int32()),
        ("source_end", pa.int32()),
        ("cue", pa.string()),
        ("attribution_kind", pa.string()),
    ),  # fmt: skip
    writes=("quote", "attribution"),
)
FIGURES = ClaimKind(
    name="figures",
    version="1",
    read=read_figures,
    columns=(
        ("value", pa.float64()),
        ("low", pa.float64()),
        ("high", pa.float64()),
        ("qualifier", pa.string()),
        ("unit", pa.string()),
        ("change", pa.string()),
        ("counted", pa.string()),
        ("counted_key", pa.string()),
        ("antecedent", pa.string()),
    ),  # fmt: skip
    writes=("figure",),
)

# The kinds the claims stage reads, in this order (rows of earlier kinds come first).
DEFAULT_KINDS: tuple[ClaimKind, ...] = (ATTRIBUTIONS, FIGURES)
