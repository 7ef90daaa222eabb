"""What each command does: open the store, call the library, render the summary.

The CLI (``cli.py``) only parses options into :class:`Settings` and calls these; notebooks can
call the library functions (``pipeline.ingest``, ``export.export`` ...) directly.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any

from copytrail.console import console, err_console, print_record, print_rows, print_summary
from copytrail.progress import Progress
from copytrail.settings import Settings
from copytrail.store import Store

# Later stages, run in order by `copytrail run` after ingest: (name, "module:function").
# Each function is ``f(store, settings, progress) -> summary`` with an ``as_dict()``.
STAGES: list[tuple[str, str]] = [
    ("reuse", "copytrail.reuse.stage:run_reuse"),
    # After reuse: quotes and figures are linked to the reuse family that contains them.
    ("claims", "copytrail.claims.stage:run_claims"),
]


def _stage(path: str) -> Callable[..., Any]:
    mod, func = path.split(":")
    return getattr(import_module(mod), func)  # type: ignore[no-any-return]


def _as_dict(summary: Any) -> dict[str, Any]:
    if hasattr(summary, "as_dict"):
        return dict(summary.as_dict())
    import dataclasses

    return dataclasses.asdict(summary)


def _ingest_exit_code(summary: Any, settings: Settings) -> int:
    """Non-zero only when nothing could be ingested, or with --strict when anything failed."""
    if summary.pages_new + summary.pages_known + summary.links == 0:
        return 1
    if settings.strict and summary.error_count:
        return 1
    return 0


def _print_ingest(summary: Any, settings: Settings) -> None:
    data = summary.as_dict()
    data["errors"] = data["errors"] or "none"
    data["skipped"] = data["skipped"] or "none"
    print_summary("ingest", data)
    if summary.error_count:
        err_console.print(
            f"{summary.error_count} input(s) gave errors; see `copytrail export --what errors "
            f"--store {settings.store}`"
        )


def _clean_interrupt(command: Callable[..., int]) -> Callable[..., int]:
    """Ctrl-C ends a long command with one line (workers ignore SIGINT: no traceback each);
    the batch in flight is not stored and a rerun resumes after the last stored one."""

    def wrapper(*args: Any, **kwargs: Any) -> int:
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            err_console.print("interrupted: what was stored is kept; run the same command again to resume")
            return 130

    return wrapper


@_clean_interrupt
def ingest_command(sources: list[str], settings: Settings) -> int:
    from copytrail.pipeline import ingest

    with Store.open(settings) as store, Progress(settings.progress) as progress:
        summary = ingest(sources, settings, store, progress)
    _print_ingest(summary, settings)
    return _ingest_exit_code(summary, settings)


def run_stages(store: Store, settings: Settings, progress: Progress) -> dict[str, Any]:
    """Every later stage in order; returns their summaries by name."""
    out: dict[str, Any] = {}
    for name, path in STAGES:
        out[name] = _stage(path)(store, settings, progress)
    return out


@_clean_interrupt
def run_command(sources: list[str], settings: Settings) -> int:
    from copytrail.pipeline import ingest
    from copytrail.store.queries import stats

    with Store.open(settings) as store, Progress(settings.progress) as progress:
        summary = ingest(sources, settings, store, progress)
        stage_summaries = run_stages(store, settings, progress)
        corpus = stats(store)
    _print_ingest(summary, settings)
    for name, st in stage_summaries.items():
        print_summary(name, _as_dict(st))
    print_summary(
        "corpus",
        {k: v for k, v in corpus.items() if not isinstance(v, dict)} | {"by page type": corpus["by_page_type"]},
    )
    console.print(
        f"Results are in [bold]{settings.store}[/bold]: `copytrail stats --store {settings.store}`, "
        f"`copytrail export --what articles --store {settings.store}`"
    )
    return _ingest_exit_code(summary, settings)


@_clean_interrupt
def fetch_command(targets: list[str], settings: Settings) -> int:
    from copytrail.pipeline import ingest
    from copytrail.sources.fetch import fetch

    with Progress(settings.progress) as progress:
        result = fetch(targets, settings, progress)
    print_summary(
        "fetch",
        {"warc": result.warc_path, "fetched": result.fetched, "errors": len(result.errors)}
        | {f"skipped {k}": v for k, v in result.skipped.items()},
    )
    for e in result.errors[:20]:
        err_console.print(f"[red]{e.reason}[/red] {e.location or e.source}: {e.detail}")
    if not result.fetched:
        return 1
    with Store.open(settings) as store, Progress(settings.progress) as progress:
        summary = ingest([result.warc_path], settings, store, progress)
        if result.errors:
            from copytrail.pipeline import record_errors

            record_errors(store, result.errors)
    _print_ingest(summary, settings)
    return _ingest_exit_code(summary, settings)


def stats_command(settings: Settings, as_json: bool) -> None:
    from copytrail.store.queries import stats

    with Store.open(settings, read_only=True) as store:
        data = stats(store)
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
    else:
        print_summary(f"store {settings.store}", data)


def show_command(ident: str, settings: Settings) -> int:
    from copytrail.store.queries import show

    with Store.open(settings, read_only=True) as store:
        record = show(store, ident)
    if record is None:
        err_console.print(f"nothing with id or URL {ident!r} in {settings.store}")
        return 1
    print_record(record)
    return 0


def export_command(what: str, fmt: str, out: str, settings: Settings) -> int:
    from copytrail.export import export

    _load_exports()
    with Store.open(settings, read_only=True) as store:
        try:
            n = export(store, what, fmt, sys.stdout if out == "-" else out)
        except ValueError as exc:
            err_console.print(f"[red]error:[/red] {exc}")
            return 2
    if out != "-":
        err_console.print(f"{n} rows of {what} written to {out}")
    return 0


def _load_exports() -> None:
    """Import the stage modules that register their exports."""
    import_module("copytrail.claims.queries")
    import_module("copytrail.reuse.export")


def stage_command(name: str, settings: Settings) -> int:
    """Run one later stage (e.g. `copytrail claims`) over the store and print its summary."""
    path = dict(STAGES)[name]
    with Store.open(settings) as store, Progress(settings.progress) as progress:
        summary = _stage(path)(store, settings, progress)
    print_summary(name, _as_dict(summary))
    return 0


def _shorten(rows: list[dict[str, Any]]) -> None:
    # Dates and ids as the families table shows them, so the text columns keep room in 80
    # columns; export gives them in full and any id prefix of 12 still finds its record.
    for r in rows:
        for key in ("published", "first_date"):
            if isinstance(r.get(key), str):
                r[key] = r[key][:10]
        for key in ("conflict_id", "family_id", "family"):
            if isinstance(r.get(key), str):
                r[key] = r[key][:12]


def figures_command(settings: Settings, counted: str | None, limit: int) -> int:
    from copytrail.claims.queries import figures

    with Store.open(settings, read_only=True) as store:
        rows = figures(store, counted, limit)
    _shorten(rows)
    print_rows("figures", rows, ["value", "qualifier", "unit", "counted", "text", "speaker", "site", "published"], 40)
    return 0


def quotes_command(settings: Settings, speaker: str | None, limit: int) -> int:
    from copytrail.claims.queries import quotes

    with Store.open(settings, read_only=True) as store:
        rows = quotes(store, speaker, limit)
    _shorten(rows)
    print_rows("quotes", rows, ["speaker", "kind", "text", "site", "published", "family_id"], 70)
    return 0


def conflicts_command(settings: Settings) -> int:
    from copytrail.claims.queries import conflict_list

    with Store.open(settings, read_only=True) as store:
        rows = conflict_list(store)  # one row per conflict, changed copies first
    _shorten(rows)
    print_rows("conflicts", rows, ["conflict_id", "kind", "counted", "values", "sites", "context"], 70)
    return 0


def families_command(settings: Settings, site: str | None, min_witnesses: int, limit: int) -> int:
    from copytrail.reuse.queries import families

    with Store.open(settings, read_only=True) as store:
        rows = families(store, site=site, min_witnesses=min_witnesses, limit=limit)
    for r in rows:  # ids and dates shortened for the terminal; export gives them in full
        r["family"] = r["family"][:12]
        r["first_date"] = (r["first_date"] or "")[:10]
    print_rows(
        "families", rows,
        ["family", "witnesses", "sites", "first_date", "earliest_site", "date_status", "text"], 60,
    )
    return 0


def show_family_command(settings: Settings, family_id: str) -> int:
    from copytrail.reuse.queries import resolve_family
    from copytrail.reuse.render import render_family

    with Store.open(settings, read_only=True) as store:
        fid = resolve_family(store, family_id)
        if fid is None:
            err_console.print(f"no family {family_id!r} in {settings.store}")
            return 1
        render_family(store, fid, console)
    return 0


def serve_command(settings: Settings, host: str, port: int, word_index: bool = True) -> int:
    from copytrail.report.server import serve

    Store.open(settings, read_only=True).close()  # a clear error now rather than on first request
    serve(settings, host=host, port=port, word_index=word_index)
    return 0


def report_command(
    settings: Settings, out: str, site: str | None, family: str | None, since: str | None
) -> int:
    from copytrail.report.bundle import build_report

    Store.open(settings, read_only=True).close()
    info = build_report(settings, out, site=site, family=family, since=since)
    print_summary("report", _as_dict(info))
    return 0
