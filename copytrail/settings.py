"""One typed settings object that flows through the whole pipeline.

Every knob is declared once here with its default and its help text; the CLI builds the same
object from its options (see :func:`Settings.replace`) so the CLI and the library share one path.

>>> s = Settings().replace(workers=1)
>>> s.workers
1
>>> "min_passage_words" in {f.name for f in Settings.fields()}
True
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import Any

DEFAULT_STORE = "copytrail.duckdb"


_KINDS = {bool: "true/false (1/0, yes/no, on/off)", int: "whole number", float: "number"}


def _parse(raw: str, default: Any, name: str) -> Any:
    """An environment value converted to the type of the setting's default."""
    try:
        if isinstance(default, bool):
            word = raw.strip().lower()
            if word not in ("1", "true", "yes", "on", "0", "false", "no", "off", ""):
                raise ValueError(word)
            return word in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError as exc:
        kind = _KINDS.get(type(default), "value")
        raise SettingsError(f"COPYTRAIL_{name.upper()}={raw!r} is not a valid {kind}") from exc
    return raw


class SettingsError(ValueError):
    """A setting has the wrong type or is out of its range; the message names it and the range."""


# Numeric settings that need more than ``>= 0`` (the rule for every other number): name ->
# (lowest, highest) allowed, ``None`` for no bound. A zero n-gram or passage length would match
# nothing, and a share is a fraction.
_RANGES: dict[str, tuple[float | None, float | None]] = {
    "batch_size": (1, None),
    "max_page_bytes": (1, None),
    "max_html_depth": (1, None),
    "fetch_timeout": (0.001, None),
    "fetch_max_pages": (1, None),
    "boilerplate_min_pages": (1, None),
    "boilerplate_min_share": (0, 1),
    "boilerplate_long_words": (1, None),
    "boilerplate_long_share": (0, 1),
    "min_teasers": (1, None),
    "min_passage_words": (1, None),
    "ngram": (1, None),
    "max_ngram_df": (1, None),
    "banal_witnesses": (1, None),
    "min_shared_ngrams": (1, None),
    "sentence_similarity": (0, 1),
}


def _check(name: str, value: Any, default: Any) -> str | None:
    """Why ``value`` is not a valid value of the setting ``name`` (None when it is)."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(default, int | float):
        kind = "a whole number" if isinstance(default, int) else "a number"
        if isinstance(value, bool) or not isinstance(value, int | float) or (
            isinstance(default, int) and not isinstance(value, int)
        ):
            return f"must be {kind}"
        low, high = _RANGES.get(name, (0, None))
        if low is not None and value < low:
            upper = f" and at most {high}" if high is not None else ""
            return f"must be {kind} of at least {low}{upper}"
        if high is not None and value > high:
            return f"must be {kind} from {low} to {high}"
        return None
    if value is not None and not isinstance(value, str):
        return "must be text"
    if default is not None and not value:
        return "must not be empty"
    return None


def _opt(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of copytrail, with its default and help text."""

    # -- store / run ------------------------------------------------------------------------
    store: str = _opt(DEFAULT_STORE, "Path of the DuckDB corpus store (env COPYTRAIL_STORE).")
    workers: int = _opt(0, "Worker processes for extraction, alignment and claims (0 = automatic: one process for a small corpus, up to one per core for a big one).")
    store_memory: str = _opt("2GB", "DuckDB memory limit; beyond it DuckDB spills to disk.")
    batch_size: int = _opt(200, "Pages per ingest batch; each batch is one store transaction.")
    strict: bool = _opt(False, "Exit non-zero when any input gives an error row.")
    progress: bool = _opt(True, "Show rich progress bars on long stages.")
    # -- sources ----------------------------------------------------------------------------
    site: str | None = _opt(None, "Site name for local files that carry no URL (default: folder name).")
    max_page_bytes: int = _opt(20_000_000, "Pages larger than this are refused with an error row.")
    max_html_depth: int = _opt(400, "HTML nested deeper than this is flattened before extraction.")
    max_depth: int = _opt(400, "JSON records and XML feed entries nested deeper than this are refused with an error row, before any parser recurses into them.")
    max_decompressed_bytes: int = _opt(2_000_000_000, "A gzip dataset (JSONL/CSV/JSON) that decompresses to more than this stops with an error row (gzip bombs).")
    max_line_bytes: int = _opt(50_000_000, "A JSONL/CSV line longer than this is refused with an error row and skipped without being held in memory.")
    max_feed_entry_bytes: int = _opt(2_000_000, "A feed entry whose content is larger than this is refused with an error row (a huge entry would stall extraction).")
    # -- fetch ------------------------------------------------------------------------------
    allow_private: bool = _opt(False, "Allow fetching loopback/private/link-local addresses.")
    user_agent: str = _opt("copytrail/0.1 (+https://github.com/copytrail)", "HTTP User-Agent.")
    fetch_delay: float = _opt(1.0, "Minimum seconds between two requests to one host.")
    fetch_timeout: float = _opt(20.0, "Seconds before a request is abandoned.")
    fetch_retries: int = _opt(3, "Retries with exponential backoff on 5xx/429/network errors.")
    fetch_max_pages: int = _opt(10_000, "Maximum pages one fetch command downloads.")
    warc_dir: str = _opt("warc", "Folder where fetch keeps the WARC files it writes.")
    # -- extraction -------------------------------------------------------------------------
    boilerplate: bool = _opt(True, "Learn boilerplate blocks per site and remove them from text.")
    boilerplate_min_pages: int = _opt(3, "A block is boilerplate when it recurs on at least this many pages of a site ...")
    boilerplate_min_share: float = _opt(0.1, "... and on at least this share of the site's pages (keeps text shared by a few articles of a big site).")
    boilerplate_long_words: int = _opt(40, "Blocks of this many words or more are 'long': a repeated lede must not count as boilerplate ...")
    boilerplate_long_share: float = _opt(0.5, "... so a long block must also recur on at least this share of the site's pages.")
    favor_recall: bool = _opt(False, "Use trafilatura's favor_recall mode (measured lower F1 on AEB and Fundus, see benchmarks/RESULTS.md).")
    fallback_below_chars: int = _opt(1000, "Extract fast first; rerun with trafilatura's fallback extractors when that found fewer characters (0 = never).")
    min_teasers: int = _opt(4, "A page with at least this many teaser items is a listing page.")
    extract_timeout: float = _opt(60.0, "Seconds one page's extraction may take; a slower page becomes a `time-limit` error row (0 = no limit).")
    worker_memory_mb: int = _opt(2048, "Memory (address space, MB) an extraction worker may take beyond what it needs at start; a page needing more becomes a `memory-limit` error row (0 = no limit).")
    keep_raw_html: bool = _opt(True, "Keep each page's bytes as read (zstd-compressed) in the store, for `show` and for re-reading site identifiers; off stores only what was extracted.")
    # -- reuse ------------------------------------------------------------------------------
    min_passage_words: int = _opt(15, "Shortest reused passage reported, in words.")
    ngram: int = _opt(5, "Word n-gram length used to find candidate passages.")
    candidate_ngram: int = _opt(0, "Word n-gram length of the candidate index (0 = same as ngram): shorter n-grams find more heavily edited copies, at the cost of more candidate pairs.")
    max_ngram_df: int = _opt(100, "N-grams found in more articles than this are ignored as banal.")
    banal_witnesses: int = _opt(50, "Families with more witnesses than this on many sites are flagged as boilerplate.")
    min_shared_ngrams: int = _opt(3, "Two articles are aligned only when they share at least this many non-banal n-grams.")
    passage_gap_words: int = _opt(20, "Shared n-grams at most this many words apart (in both texts) belong to one passage.")
    sentence_similarity: float = _opt(0.4, "Also join similar sentences (tf-idf cosine and Dice at least this) into passages, for edited text; 0 = off.")
    sentence_anchor: bool = _opt(True, "Sentence-similarity passages must contain an exact n-gram passage (off: also heavier paraphrase and translation, with more false positives).")
    # -- claims -----------------------------------------------------------------------------
    spacy_model: str | None = _opt(None, "Optional installed spaCy model name for claims (e.g. en_core_web_sm).")
    conflict_days: int = _opt(365, "Claims further apart than this many days are not compared.")

    def __post_init__(self) -> None:
        """Refuse a wrong type or an out-of-range value at once, naming the setting.

        >>> Settings(ngram=0)
        Traceback (most recent call last):
        ...
        copytrail.settings.SettingsError: setting ngram=0 must be a whole number of at least 1 (Word n-gram length used to find candidate passages.)
        """
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            problem = _check(f.name, value, f.default)
            if problem:
                raise SettingsError(f"setting {f.name}={value!r} {problem} ({f.metadata['help']})")

    @classmethod
    def fields(cls) -> tuple[dataclasses.Field[Any], ...]:
        """The declared settings, in order (used by the CLI and the docs test)."""
        return dataclasses.fields(cls)

    @classmethod
    def help(cls, name: str) -> str:
        """Help text of one setting."""
        return str({f.name: f for f in cls.fields()}[name].metadata["help"])

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed; ``None`` values keep the current setting."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, **changes: Any) -> Settings:
        """Defaults, then environment variables ``COPYTRAIL_<NAME>``, then explicit changes.

        >>> os.environ["COPYTRAIL_BATCH_SIZE"] = "7"
        >>> Settings.from_env().batch_size
        7
        >>> del os.environ["COPYTRAIL_BATCH_SIZE"]
        """
        env: dict[str, Any] = {}
        for f in cls.fields():
            raw = os.environ.get(f"COPYTRAIL_{f.name.upper()}")
            if raw is not None:
                env[f.name] = _parse(raw, f.default, f.name)
        try:
            from_env = cls().replace(**env)
        except SettingsError as exc:  # say where the bad value came from
            names = [f"COPYTRAIL_{k.upper()}" for k in env if f"setting {k}=" in str(exc)]
            where = ", ".join(names)
            raise SettingsError(f"{exc}; it comes from the environment variable {where}") from exc
        return from_env.replace(**changes)

    @classmethod
    def markdown(cls) -> str:
        """The settings reference (docs/settings.md is this text; a test keeps it current)."""
        lines = [
            "# Settings",
            "",
            "Every setting, its default and what it does. Set them in Python with",
            "`Settings(name=value)`, on the command line where a command has the option, or in the",
            "environment as `COPYTRAIL_<NAME>` (e.g. `COPYTRAIL_WORKERS=1`).",
            "",
            "| name | default | help |",
            "|---|---|---|",
        ]
        for f in cls.fields():
            lines.append(f"| `{f.name}` | `{f.default!r}` | {f.metadata['help']} |")
        return "\n".join(lines) + "\n"

    @property
    def n_workers(self) -> int:
        """Worker processes actually used."""
        return self.workers if self.workers > 0 else max(1, os.cpu_count() or 1)
