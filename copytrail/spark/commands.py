"""The CLI's ``--engine spark`` commands: thin wrappers over :func:`copytrail.spark.run.run_spark`."""

from __future__ import annotations

from copytrail.settings import Settings
from copytrail.spark.run import SparkOptions, run_spark


def stage_command(stages: tuple[str, ...], settings: Settings, master: str | None) -> int:
    """Run ``stages`` on Spark over the store and print a summary of each."""
    from copytrail.console import print_summary
    from copytrail.store import Store

    options = SparkOptions(master=master or SparkOptions().master)
    with Store.open(settings) as store:
        summaries = run_spark(store, settings, stages, options)
    for name, summary in summaries.items():
        print_summary(f"{name} (spark, {options.master})", summary)
    return 0


def run_command(sources: list[str], settings: Settings, master: str | None) -> int:
    """Ingest ``sources`` (into the DuckDB store), then reuse and claims on Spark, then the
    sites stage in the store; the exit code is the ingest's."""
    from copytrail import app
    from copytrail.store import Store

    code = app.ingest_command(sources, settings)
    with Store.open(settings, read_only=True) as store:
        if not store.count("articles"):
            return code or 1  # no later stage has anything to do
    stage_command(("reuse", "claims"), settings, master)
    app.stage_command("sites", settings)
    return code
