"""Command line: a thin shell that builds :class:`Settings` and calls the library."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from copytrail import __version__
from copytrail.settings import Settings

_STORE_HELP = Settings.help("store")


def _settings(**kw: Any) -> Settings:
    """Settings from the environment and the options; a bad value is a usage error (exit 2)."""
    from copytrail.settings import SettingsError

    try:
        return Settings.from_env(**kw)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc


def store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--store", "store", default=None, metavar="PATH", help=_STORE_HELP)(f)


def ingest_options(f: Callable[..., Any]) -> Callable[..., Any]:
    opts = [
        click.option("--workers", type=int, default=None, help=Settings.help("workers")),
        click.option("--site", default=None, help=Settings.help("site")),
        click.option("--strict", is_flag=True, default=None, help=Settings.help("strict")),
        click.option(
            "--no-boilerplate",
            "boilerplate",
            flag_value=False,
            default=None,
            help="Do not learn and remove site-level boilerplate.",
        ),
        click.option(
            "--no-progress",
            "progress",
            flag_value=False,
            default=None,
            help="Do not show progress bars.",
        ),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _fail_on_store_error(f: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from copytrail.store import StoreError

        try:
            return f(*args, **kwargs)
        except StoreError as exc:
            from copytrail.app import explain_store_error

            store = kwargs.get("store") or Settings.from_env().store
            raise click.ClickException(explain_store_error(str(exc), store)) from exc

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copytrail")
def main() -> None:
    """copytrail: trace text reuse and claims across web publications.

    Point it at a crawl (folders of HTML, WARC/ARC files, feeds, sitemaps, JSONL/CSV, Telegram
    exports); it extracts articles into a DuckDB store and runs the later stages on them.
    """


def engine_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--engine`` and ``--master``: where reuse and claims run (copytrail.spark.run)."""
    f = click.option(
        "--master",
        default=None,
        metavar="URL",
        help="Spark master with --engine spark: local[N], local-cluster[...], spark://HOST:PORT (default local[2]).",
    )(f)
    return click.option(
        "--engine",
        type=click.Choice(["duckdb", "spark"]),
        default="duckdb",
        show_default=True,
        help="Run reuse and claims in the store (duckdb) or on Spark (pip install 'copytrail[spark]'; results are loaded into the store).",
    )(f)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@store_option
@ingest_options
@engine_options
@_fail_on_store_error
def run(sources: tuple[str, ...], engine: str, master: str | None, **kw: Any) -> None:
    """Ingest SOURCES, then run every later stage, then print a summary."""
    from copytrail import app

    settings = _settings(**kw)
    if engine == "spark":
        from copytrail.spark.commands import run_command

        sys.exit(run_command(list(sources), settings, master))
    code = app.run_command(list(sources), settings)
    sys.exit(code)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@store_option
@ingest_options
@_fail_on_store_error
def ingest(sources: tuple[str, ...], **kw: Any) -> None:
    """Read SOURCES (files, folders, WARC, feeds, sitemaps, JSONL/CSV, Telegram) into the store."""
    from copytrail import app

    sys.exit(app.ingest_command(list(sources), _settings(**kw)))


@main.command()
@click.argument("targets", nargs=-1, required=True)
@store_option
@click.option("--allow-private", is_flag=True, default=None, help=Settings.help("allow_private"))
@click.option("--delay", "fetch_delay", type=float, default=None, help=Settings.help("fetch_delay"))
@click.option(
    "--max-pages", "fetch_max_pages", type=int, default=None, help=Settings.help("fetch_max_pages")
)
@click.option("--warc-dir", default=None, help=Settings.help("warc_dir"))
@ingest_options
@_fail_on_store_error
def fetch(targets: tuple[str, ...], **kw: Any) -> None:
    """Download URL|SITEMAP|FEED|FILE-OF-URLS politely into a WARC file, then ingest it."""
    from copytrail import app

    sys.exit(app.fetch_command(list(targets), _settings(**kw)))


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_fail_on_store_error
def stats(store: str | None, as_json: bool) -> None:
    """Counts of pages, articles, errors and later-stage results in the store."""
    from copytrail import app

    app.stats_command(_settings(store=store), as_json)


@main.command()
@click.argument("ident")
@store_option
@_fail_on_store_error
def show(ident: str, store: str | None) -> None:
    """Show one record by any id copytrail prints (or its first 6+ characters) or by URL.

    Articles, pages, errors, families, passages, alignments, claims and conflicts; a URL may be
    given in any normal form (http or https, trailing slash, utm_ parameters).
    """
    from copytrail import app

    sys.exit(app.show_command(ident, _settings(store=store)))


@main.command()
@click.option(
    "--what",
    required=True,
    help="articles|pages|errors|boilerplate|links and the tables of later stages.",
)
@click.option(
    "--format",
    "fmt",
    default="jsonl",
    show_default=True,
    help="jsonl|csv|parquet (gexf for graphs).",
)
@click.option(
    "--out", default="-", show_default=True, help="Output file; - for standard output (jsonl/csv)."
)
@store_option
@_fail_on_store_error
def export(what: str, fmt: str, out: str, store: str | None) -> None:
    """Export a table of the store."""
    from copytrail import app

    sys.exit(app.export_command(what, fmt, out, _settings(store=store)))


def stage_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--no-progress",
        "progress",
        flag_value=False,
        default=None,
        help="Do not show progress bars.",
    )(f)
    f = click.option("--workers", type=int, default=None, help=Settings.help("workers"))(f)
    return store_option(f)


@main.command()
@stage_options
@click.option(
    "--min-words",
    "min_passage_words",
    type=int,
    default=None,
    help=Settings.help("min_passage_words"),
)
@engine_options
@_fail_on_store_error
def reuse(engine: str, master: str | None, **kw: Any) -> None:
    """Find every reused passage, group copies into families, trace provenance and site edges.

    Incremental: after new pages are ingested only the new articles are compared.
    """
    from copytrail import app

    if engine == "spark":
        from copytrail.spark.commands import stage_command

        sys.exit(stage_command(("reuse",), _settings(**kw), master))
    sys.exit(app.stage_command("reuse", _settings(**kw)))


@main.command()
@store_option
@click.option("--site", default=None, help="Only families with a witness on this site.")
@click.option(
    "--min-witnesses",
    default=2,
    show_default=True,
    help="Only families with at least this many witnesses.",
)
@click.option("--limit", default=100, show_default=True, help="At most this many rows.")
@_fail_on_store_error
def families(store: str | None, site: str | None, min_witnesses: int, limit: int) -> None:
    """List reuse families, most witnesses first."""
    from copytrail import app

    sys.exit(app.families_command(_settings(store=store), site, min_witnesses, limit))


@main.command("show-family")
@click.argument("family_id")
@store_option
@_fail_on_store_error
def show_family(family_id: str, store: str | None) -> None:
    """Witnesses of one family in date order, with the words each reprint changed highlighted."""
    from copytrail import app

    sys.exit(app.show_family_command(_settings(store=store), family_id))


@main.command()
@stage_options
@_fail_on_store_error
def sites(**kw: Any) -> None:
    """Bring site identifiers up to date (scans pages stored before they were extracted at ingest)."""
    from copytrail import app

    sys.exit(app.stage_command("sites", _settings(**kw)))


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_fail_on_store_error
def networks(store: str | None, as_json: bool) -> None:
    """Groups of sites joined by coordination or shared-owner links, with what joins them."""
    from copytrail.sites.commands import networks_command

    sys.exit(networks_command(_settings(store=store), as_json))


@main.command()
@click.argument("site")
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@_fail_on_store_error
def site(site: str, store: str | None, as_json: bool) -> None:
    """One site: its identifiers, its links with their evidence, what it reprints from whom."""
    from copytrail.sites.commands import site_command

    sys.exit(site_command(_settings(store=store), site, as_json))


@main.command()
@stage_options
@engine_options
@_fail_on_store_error
def claims(engine: str, master: str | None, **kw: Any) -> None:
    """Extract figures, quotes and attributions; find figures that disagree."""
    from copytrail import app

    if engine == "spark":
        from copytrail.spark.commands import stage_command

        sys.exit(stage_command(("claims",), _settings(**kw), master))
    sys.exit(app.stage_command("claims", _settings(**kw)))


@main.command()
@store_option
@click.option("--counted", default=None, help="Only figures counting this word (e.g. activists).")
@click.option("--limit", default=200, show_default=True, help="At most this many rows.")
@_fail_on_store_error
def figures(store: str | None, counted: str | None, limit: int) -> None:
    """List figures (normalised values, qualifier, what is counted, who says so)."""
    from copytrail import app

    sys.exit(app.figures_command(_settings(store=store), counted, limit))


@main.command()
@store_option
@click.option("--speaker", default=None, help="Only quotes of this speaker (any name variant).")
@click.option("--limit", default=200, show_default=True, help="At most this many rows.")
@click.option("--beliefs", is_flag=True, help="Also list belief frames (what someone wants or feels; hidden by default).")
@_fail_on_store_error
def quotes(store: str | None, speaker: str | None, limit: int, beliefs: bool) -> None:
    """List quotes and attributions by speaker: direct quotes in quote marks, reported speech
    as paraphrase."""
    from copytrail import app

    sys.exit(app.quotes_command(_settings(store=store), speaker, limit, beliefs))


@main.command()
@store_option
@_fail_on_store_error
def conflicts(store: str | None) -> None:
    """Figures about the same thing that disagree across pages, witnesses side by side."""
    from copytrail import app

    sys.exit(app.conflicts_command(_settings(store=store)))


@main.command()
@click.argument("article_a")
@click.argument("article_b")
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@_fail_on_store_error
def compare(article_a: str, article_b: str, store: str | None, as_json: bool) -> None:
    """Two articles (URL in any normal form, or id) side by side: shared passages, changed words."""
    from copytrail.compare import compare_command

    sys.exit(compare_command(_settings(store=store), article_a, article_b, as_json))


@main.command()
@store_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind (local only by default).",
)
@click.option("--port", default=8765, show_default=True, help="Port to listen on.")
@click.option(
    "--no-word-index",
    is_flag=True,
    help="Skip the in-memory search index (search then scans texts).",
)
@_fail_on_store_error
def serve(store: str | None, host: str, port: int, no_word_index: bool) -> None:
    """A local, read-only web explorer over the store."""
    from copytrail import app

    sys.exit(app.serve_command(_settings(store=store), host, port, word_index=not no_word_index))


@main.command()
@store_option
@click.option("--out", required=True, help="The HTML file to write.")
@click.option("--site", default=None, help="Only what concerns this site.")
@click.option(
    "--family",
    default=None,
    help="Only this reuse family (its id, or the first 12 characters as `families` prints them).",
)
@click.option(
    "--since", default=None, help="Only articles published on or after this date (YYYY-MM-DD)."
)
@_fail_on_store_error
def report(
    store: str | None, out: str, site: str | None, family: str | None, since: str | None
) -> None:
    """One self-contained HTML report (no network needed) of the store or a subset."""
    from copytrail import app

    sys.exit(app.report_command(_settings(store=store), out, site, family, since))


if __name__ == "__main__":  # pragma: no cover
    main()
