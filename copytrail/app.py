"""What each command does: open the store, call the library, render the summary.

The CLI (``cli.py``) only parses options into :class:`Settings` and calls these; notebooks can
call the library functions (``pipeline.ingest``, ``export.export`` ...) directly.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from copytrail import stages
from copytrail.console import console, err_console, print_record, print_rows, print_summary
from copytrail.progress import Progress
from copytrail.settings import Settings
from copytrail.store import Store


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


def explain_store_error(message: str, store: str) -> str:
    """A store error in words a user can act on: which process holds a locked store, and what to do.

    >>> print(explain_store_error('cannot open store s.duckdb: IO Error: Could not set lock on file '
    ...     '"s.duckdb": Conflicting lock is held in /usr/bin/python3 (PID 4242). See also https://x', "s.duckdb"))
    the store s.duckdb is in use by another process: PID 4242 (/usr/bin/python3).
    DuckDB lets only one process open a store while it is being written. Stop that process (Ctrl-C in its terminal, or `kill 4242`) and run this command again; to keep it running, run this command on a copy of the store (`cp s.duckdb copy.duckdb`).
    """
    held = re.search(r"Conflicting lock is held in (.*?) \(PID (\d+)\)", message)
    if not held:
        return message
    program, pid = held.group(1), held.group(2)
    try:  # what that process is, as its command line says (Linux)
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        cmdline = ""
    who = cmdline if cmdline else program
    return (
        f"the store {store} is in use by another process: PID {pid} ({who}).\n"
        "DuckDB lets only one process open a store while it is being written. Stop that process "
        f"(Ctrl-C in its terminal, or `kill {pid}`) and run this command again; to keep it running, "
        f"run this command on a copy of the store (`cp {store} copy.duckdb`)."
    )


def describe_source(source: str) -> str:
    """What is at ``source``, for a user whose ingest found nothing there.

    >>> describe_source("/no/such/folder")
    '/no/such/folder: no such file or folder (relative paths are read from the current folder)'
    """
    path = Path(source)
    if re.match(r"(?i)https?://", source):
        return f"{source}: a URL; to download it use `copytrail fetch {source}`"
    if not path.exists():
        return f"{source}: no such file or folder (relative paths are read from the current folder)"
    if path.is_file():
        return (
            f"{source}: a file of {path.stat().st_size} bytes that held no page copytrail can read"
        )
    kinds: Counter[str] = Counter()
    for _root, _dirs, files in os.walk(path):
        kinds.update(Path(f).suffix.lower() or "(no extension)" for f in files)
        if sum(kinds.values()) > 100_000:
            break
    if not kinds:
        return f"{source}: an empty folder"
    found = ", ".join(f"{n} {ext}" for ext, n in kinds.most_common(6))
    return f"{source}: a folder of {sum(kinds.values())} files ({found}), none of them a page copytrail can read"


def _nothing_found(summary: Any, sources: list[str], settings: Settings) -> None:
    err_console.print("[red]Nothing was ingested.[/red] What was found:")
    for source in sources:
        err_console.print(f"  {describe_source(source)}", highlight=False, soft_wrap=True)
    if summary.error_count:
        err_console.print(
            f"{summary.error_count} input(s) gave errors; "
            f"see `copytrail export --what errors --store {settings.store}`",
            highlight=False,
        )
    err_console.print(
        "copytrail reads folders of HTML, WARC/ARC files, RSS/Atom feeds, XML sitemaps, "
        "JSONL/JSON/CSV dumps and Telegram exports (see `copytrail ingest --help`)."
    )


def _nothing_ingested(summary: Any) -> bool:
    return bool(summary.pages_new + summary.pages_known + summary.links == 0)


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
        import duckdb

        from copytrail.pipeline import interrupted

        try:
            return command(*args, **kwargs)
        except (KeyboardInterrupt, duckdb.Error, RuntimeError) as exc:
            # DuckDB turns Ctrl-C inside a call into its own errors ("Query interrupted").
            if not interrupted(exc):
                raise
            err_console.print(
                "interrupted: what was stored is kept; run the same command again to resume"
            )
            return 130

    return wrapper


@_clean_interrupt
def ingest_command(sources: list[str], settings: Settings) -> int:
    from copytrail.pipeline import ingest

    with Store.open(settings) as store, Progress(settings.progress) as progress:
        summary = ingest(sources, settings, store, progress)
    if _nothing_ingested(summary):
        _nothing_found(summary, sources, settings)
        return 1
    _print_ingest(summary, settings)
    return _ingest_exit_code(summary, settings)


_announced = False


def _announce_compilation() -> None:
    """Say so before numba compiles the kernels (once per machine; ~30-40 s on a slow one)."""
    global _announced
    if _announced or "copytrail.reuse.jit" not in sys.modules:
        return
    from copytrail.reuse.jit import cache_dir, kernels_to_compile

    if kernels_to_compile():
        _announced = True
        err_console.print(
            f"compiling alignment kernels (first run only; cached in {cache_dir()})…",
            highlight=False,
            soft_wrap=True,
        )


def run_stages(store: Store, settings: Settings, progress: Progress) -> dict[str, Any]:
    """Every later stage (:data:`copytrail.stages.STAGES`) in order; their summaries by name."""
    out: dict[str, Any] = {}
    for stage in stages.STAGES:
        if stage.run is None:
            continue
        run = stage.run_function()
        _announce_compilation()
        out[stage.name] = run(store, settings, progress)
    return out


@_clean_interrupt
def run_command(sources: list[str], settings: Settings) -> int:
    from copytrail.pipeline import ingest
    from copytrail.store.queries import stats

    with Store.open(settings) as store, Progress(settings.progress) as progress:
        summary = ingest(sources, settings, store, progress)
        if _nothing_ingested(summary) and not store.count("articles"):
            _nothing_found(summary, sources, settings)  # no later stage has anything to do
            return 1
        stage_summaries = run_stages(store, settings, progress)
        corpus = stats(store)
    _print_ingest(summary, settings)
    for name, st in stage_summaries.items():
        print_summary(name, _as_dict(st))
    print_summary(
        "corpus",
        {k: v for k, v in corpus.items() if not isinstance(v, dict)}
        | {"by page type": corpus["by_page_type"]},
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


def find_record(store: Store, ident: str) -> dict[str, Any] | None:
    """The record of any id copytrail prints (or its prefix) or any form of an article's URL."""
    from copytrail.lookup import find_article_by_url, find_id, looks_like_url
    from copytrail.store.queries import show

    if looks_like_url(ident):
        article_id = find_article_by_url(store, ident)
        return show(store, article_id) if article_id else None
    found = find_id(store, ident)
    if found is None:
        return None
    kind, full = found
    if kind in ("article", "page", "error", "family"):
        return show(store, full)
    table = {
        "passage": "passages",
        "alignment": "alignments",
        "claim": "claims",
        "conflict": "conflicts",
    }[kind]
    rows = (
        store.con.sql(f"SELECT * FROM {table} WHERE {kind}_id = ?", params=[full])
        .to_arrow_table()
        .to_pylist()
    )
    record: dict[str, Any] = {"kind_of_record": kind}
    if kind == "conflict":  # one row per figure in conflict: show them all
        record |= {"conflict_id": full, "figures": rows}
    else:
        record |= rows[0]
    return record


def show_command(ident: str, settings: Settings) -> int:
    from copytrail.lookup import FilterError

    with Store.open(settings, read_only=True) as store:
        try:
            record = find_record(store, ident)
        except FilterError as exc:
            err_console.print(f"[red]error:[/red] {exc}")
            return 2
    if record is None:
        err_console.print(
            f"nothing with id or URL {ident!r} in {settings.store}: give an id (or its first 6+ "
            "characters) as a command printed it, or an article's URL"
        )
        return 1
    print_record(record)
    return 0


def export_command(what: str, fmt: str, out: str, settings: Settings) -> int:
    from copytrail.export import export

    with Store.open(settings, read_only=True) as store:
        try:
            n = export(store, what, fmt, sys.stdout if out == "-" else out)
        except ValueError as exc:
            err_console.print(f"[red]error:[/red] {exc}")
            return 2
    if out != "-":
        err_console.print(f"{n} rows of {what} written to {out}")
    return 0


def stage_command(name: str, settings: Settings) -> int:
    """Run one later stage (e.g. `copytrail claims`) over the store and print its summary."""
    run = stages.stage(name).run_function()
    with Store.open(settings) as store, Progress(settings.progress) as progress:
        _announce_compilation()
        summary = run(store, settings, progress)
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
    print_rows(
        "figures",
        rows,
        ["value", "qualifier", "unit", "counted", "text", "speaker", "site", "published"],
        40,
    )
    return 0


def quotes_command(
    settings: Settings, speaker: str | None, limit: int, beliefs: bool = False
) -> int:
    from copytrail.claims.queries import quotes

    with Store.open(settings, read_only=True) as store:
        rows = quotes(store, speaker, limit, hidden=beliefs)
    _shorten(rows)
    # ``shown``: only a direct quote between quote marks; reported speech as paraphrase.
    print_rows("quotes", rows, ["speaker", "kind", "shown", "published", "url", "family_id"], 70)
    return 0


def conflicts_command(settings: Settings) -> int:
    from copytrail.claims.queries import conflict_list, conflicts

    with Store.open(settings, read_only=True) as store:
        rows = conflict_list(store)  # one row per conflict, changed copies first
        urls: dict[str, list[str]] = {}
        for w in conflicts(store):  # the witnesses' pages, in date order, to open or `show`
            if w["url"] and w["url"] not in urls.setdefault(w["conflict_id"], []):
                urls[w["conflict_id"]].append(w["url"])
    for r in rows:
        r["urls"] = " ".join(urls.get(r["conflict_id"], []))
    _shorten(rows)
    print_rows(
        "conflicts",
        rows,
        # the witnesses' URLs name their sites too: no separate sites column at 80 columns
        ["conflict_id", "kind", "counted", "values", "urls", "context"],
        70,
    )
    return 0


def families_command(settings: Settings, site: str | None, min_witnesses: int, limit: int) -> int:
    from copytrail.lookup import FilterError, check_site
    from copytrail.reuse.queries import families

    with Store.open(settings, read_only=True) as store:
        try:
            site = check_site(store, site) if site else None
        except FilterError as exc:
            err_console.print(f"[red]error:[/red] {exc}")
            return 2
        rows = families(store, site=site, min_witnesses=min_witnesses, limit=limit)
    # Ids and dates shortened and headers kept short, so that site names stay whole and the
    # text keeps room at 80 columns; export gives every column in full.
    shown = [
        {
            "family": r["family"][:12],
            "copies": r["witnesses"],
            "sites": r["sites"],
            "first": (r["first_date"] or "")[:10],
            "earliest": r["earliest_site"],
            # only the families whose dates need a look say so
            "dates": "" if r["date_status"] == "ok" else r["date_status"],
            "text": r["text"],
        }
        for r in rows
    ]
    print_rows("families", shown, None, 60)
    return 0


def show_family_command(settings: Settings, family_id: str) -> int:
    from copytrail.lookup import FilterError, resolve_family
    from copytrail.reuse.render import render_family

    with Store.open(settings, read_only=True) as store:
        try:  # a family id as `families` prints it, or the id of one of its passages
            fid = resolve_family(store, family_id)
        except FilterError as exc:
            err_console.print(f"[red]error:[/red] {str(exc).replace('--family ', '', 1)}")
            return 2
        render_family(store, fid, console)
    return 0


def serve_command(settings: Settings, host: str, port: int, word_index: bool = True) -> int:
    from copytrail.report.server import PortInUse, serve

    Store.open(settings, read_only=True).close()  # a clear error now rather than on first request
    try:
        serve(settings, host=host, port=port, word_index=word_index)
    except PortInUse as exc:
        err_console.print(
            f"[red]error:[/red] port in use: {exc.strerror}; is another `copytrail serve` running? Choose another with --port"
        )
        return 2
    return 0


def report_command(
    settings: Settings, out: str, site: str | None, family: str | None, since: str | None
) -> int:
    from copytrail.lookup import FilterError, check_filters
    from copytrail.report.bundle import build_report

    with Store.open(settings, read_only=True) as store:
        try:
            site, family, since = check_filters(store, site, family, since)
        except FilterError as exc:
            err_console.print(f"[red]error:[/red] {exc}")
            return 2
    info = build_report(settings, out, site=site, family=family, since=since)
    print_summary("report", _as_dict(info))
    return 0
