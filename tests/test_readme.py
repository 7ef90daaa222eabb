"""Every code block of the README runs as written, on a tiny generated corpus.

Python blocks run as scripts (no ``__main__`` guard, as a reader would paste them) in a
subprocess; the quick start's ``copytrail ...`` lines run through the CLI on a store made the
way ``make demo`` makes it. Only ``make`` itself (checked on a fresh clone, see
benchmarks/RESULTS.md) and ``serve`` (it runs until stopped) are left out.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpusgen import write_site

from copytrail.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
TEXT = README.read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", TEXT, flags=re.DOTALL)


def tiny_corpus(root: Path) -> Path:
    """Two sites; the second reprints three stories of the first (so there are families)."""
    crawl = root / "crawl"
    write_site(crawl, "valley.example", 4)
    write_site(crawl, "hill.example", 3)
    return crawl


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    tiny_corpus(root)
    return root


def test_the_readme_has_the_blocks_this_test_runs() -> None:
    assert len(blocks("python")) >= 3
    assert any("copytrail families" in b for b in blocks("bash"))


# What each python block prints when it worked: the reprints found, the figure read.
EXPECTED = {
    0: r"([3-9]|\d\d+) families, ([6-9]|\d\d+) reused passages",
    1: r"([6-9]|\d\d+) reused passages",
    2: r"120000\.0 approximately people",
}


@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_python_block_runs_as_an_unguarded_script(workdir: Path, index: int) -> None:
    code = blocks("python")[index]
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPYTRAIL_")}
    script = workdir / f"readme_block_{index}.py"
    script.write_text(code, encoding="utf-8")
    res = subprocess.run(
        [sys.executable, str(script)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert res.returncode == 0, f"README python block {index} failed:\n{code}\n{res.stderr[-3000:]}"
    assert re.search(EXPECTED[index], res.stdout), res.stdout


def test_every_python_block_has_an_expected_output() -> None:
    assert set(EXPECTED) == set(range(len(blocks("python"))))


def _cli(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args))
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        import traceback

        return 99, "".join(traceback.format_exception(res.exception))
    return res.exit_code, res.output


def test_quick_start_commands_run_on_the_demo_store(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workdir)
    for key in [k for k in os.environ if k.startswith("COPYTRAIL_")]:
        monkeypatch.delenv(key)
    # What `make demo` runs, as the README states it, on the tiny corpus instead of the example.
    made = re.findall(
        r"`(copytrail (?:run|report) [^`]*--store out/demo.duckdb[^`]*)`", TEXT.replace("\n", " ")
    )
    assert len(made) == 2, made
    for command in made:
        args = shlex.split(command.replace("examples/corpus", "crawl"))[1:]
        code, out = _cli(*args, *(["--no-progress"] if args[0] == "run" else []))
        assert code == 0, (command, out)
    assert Path("out/demo-report.html").stat().st_size > 1000
    code, out = _cli("families", "--store", "out/demo.duckdb")
    family = re.search(r"^([0-9a-f]{12}) ", out, flags=re.MULTILINE)
    assert family, out
    url = "http://hill.example/news/story-1/?utm_source=newsletter"  # not the stored form
    ran = 0
    for block in blocks("bash"):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if not command.startswith("copytrail ") or " serve" in command:
                continue
            command = command.replace("<family id>", family.group(1)).replace(
                "<any id or URL>", url
            )
            args = shlex.split(command)[1:]
            if "--out" in args:  # exports go to the work folder
                args[args.index("--out") + 1] = str(workdir / args[args.index("--out") + 1])
            code, out = _cli(*args)
            assert code == 0, (command, out)
            ran += 1
            if args[0] == "show":
                assert "https://hill.example/news/story-1" in out
    assert ran >= 6
    assert (workdir / "passages.csv").read_text(encoding="utf-8").count("hill.example") >= 3
