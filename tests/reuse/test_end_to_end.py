"""Through the real ingest: .txt files → articles → reuse; export and terminal rendering."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from copytrail.pipeline import ingest
from copytrail.reuse.export import reuse_table, write_gexf
from copytrail.reuse.render import render_family
from copytrail.reuse.stage import run_reuse
from copytrail.settings import Settings
from copytrail.store import Store

from .texts import filler, passage


def test_text_files_reuse_and_render(tmp_path: Path, store: Store, settings: Settings) -> None:
    p = passage(700, 40)
    edited = p.replace(p.split()[10], "changed", 1)
    for site, name, text in [
        ("site-a", "one.txt", f"{filler(701)}\n{p}.\n{filler(702)}"),
        ("site-b", "two.txt", f"{filler(703)} {edited}. {filler(704)}"),
        ("site-c", "three.txt", filler(705, 6)),
    ]:
        (tmp_path / site).mkdir()
        (tmp_path / site / name).write_text(text, encoding="utf-8")
    ingest([str(tmp_path)], settings.replace(boilerplate=False), store)
    summary = run_reuse(store, settings)
    assert summary.indexed == 3 and summary.families == 1
    rows = reuse_table(store, "passages").to_pylist()
    assert {r["site"] for r in rows} == {"site-a", "site-b"}
    by_site = {r["site"]: r for r in rows}
    one = (tmp_path / "site-a" / "one.txt").read_text(encoding="utf-8")
    a = by_site["site-a"]
    assert one[a["start"] : a["end"]] == p == a["text"]  # offsets into the file text
    console = Console(record=True, width=100)
    render_family(store, a["family"], console)
    out = console.export_text()
    assert "2 witnesses" in out and "changed" in out
    assert write_gexf(store, tmp_path / "g.gexf") == 0  # no dates: no reprint direction
