"""Fuzzing every source kind, small enough for CI: Hypothesis documents, then mutated seeds.

The large campaign is ``benchmarks/hostile.py`` (5,000+ inputs through ``copytrail ingest``);
these tests use its generators on a few hundred inputs. The properties are the promise of
issue 10: reading never raises, every record can be stored (its text encodes as UTF-8), every
input gives a page, a link, an error row or a skipped count, and good files next to bad ones
are kept.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources import iter_source

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import hostile  # noqa: E402 - the campaign's generators live with the benchmark

S = Settings()
FUZZ = hyp_settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text with what broke readers: lone surrogates, bad IPv6 hosts, huge numbers, markup debris.
NASTY_WORDS = [
    "http://[::1",
    "http://[",
    "1e400",
    "9" * 30,
    "&",
    "<p>",
    "]]>",
    "\x00",
    "\ud800",
    "%",
    "\\",
]
hostile_text = st.one_of(
    st.text(st.characters(blacklist_categories=()), max_size=40),
    st.lists(st.sampled_from(NASTY_WORDS + ["harbour", "vote", " "]), max_size=8).map("".join),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=12,
)


def storable(rec: RawPage | LinkRecord | IngestError) -> bool:
    """Every text field (and hint) encodes as UTF-8: what the store needs."""
    texts: list[str] = []
    for value in (getattr(rec, name) for name in rec.__slots__):  # type: ignore[attr-defined]
        if isinstance(value, str):
            texts.append(value)
    if isinstance(rec, RawPage | LinkRecord):
        texts.append(json.dumps(dict(rec.hints), default=str, ensure_ascii=False))
    try:
        for t in texts:
            t.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check(path: Path) -> list[RawPage | LinkRecord | IngestError]:
    skipped: Counter[str] = Counter()
    recs = list(iter_source(str(path), S, skipped))
    assert recs or skipped, f"{path.name}: no record, no error row, nothing skipped"
    assert all(storable(r) for r in recs), path.name
    return recs


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@FUZZ
@given(
    items=st.lists(st.tuples(hostile_text, hostile_text, hostile_text, hostile_text), max_size=4),
    channel_link=hostile_text,
    encoding=st.sampled_from(
        ["utf-8", "shift_jis", "euc_jp", "gb18030", "big5", "utf-32", "utf-7", "utf-16"]
    ),
)
def test_fuzzed_feeds(
    tmp_path: Path, items: list[tuple[str, ...]], channel_link: str, encoding: str
) -> None:
    body = "".join(
        f"<item><title>{xml_escape(t)}</title><link>{xml_escape(link)}</link><pubDate>{xml_escape(d)}</pubDate>"
        f"<description>{xml_escape(desc)}</description></item>"
        for t, link, d, desc in items
    )
    doc = (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>F</title>'
        f"<link>{xml_escape(channel_link)}</link>{body}</channel></rss>"
    )
    path = tmp_path / "feed.rss"
    path.write_bytes(doc.encode(encoding, "xmlcharrefreplace"))
    check(path)


@FUZZ
@given(
    rows=st.lists(
        st.dictionaries(
            st.sampled_from(
                ["url", "text", "html", "title", "authors", "published", "tags", "site"]
            )
            | hostile_text,
            json_values,
            max_size=6,
        ),
        max_size=4,
    )
)
def test_fuzzed_jsonl_and_json(tmp_path: Path, rows: list[dict[str, object]]) -> None:
    lines = [json.dumps(r) for r in rows]
    (tmp_path / "rows.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "rows.json").write_text("[" + ",".join(lines) + "]")
    for name in ("rows.jsonl", "rows.json"):
        check(tmp_path / name)


@FUZZ
@given(
    messages=st.lists(
        st.dictionaries(
            st.sampled_from(["id", "type", "date", "date_unixtime", "text", "from"]),
            json_values,
            max_size=6,
        ),
        max_size=4,
    ),
    full=st.booleans(),
)
def test_fuzzed_telegram_exports(
    tmp_path: Path, messages: list[dict[str, object]], full: bool
) -> None:
    chat = {"name": "C", "type": "public_channel", "id": 9, "messages": messages}
    export = {"personal_information": {}, "chats": {"list": [chat]}} if full else chat
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export))
    check(path)


@FUZZ
@given(cells=st.lists(st.lists(hostile_text, min_size=1, max_size=4), max_size=4))
def test_fuzzed_csv(tmp_path: Path, cells: list[list[str]]) -> None:
    text = "url,text,title\n" + "\n".join(",".join(row) for row in cells) + "\n"
    path = tmp_path / "rows.csv"
    path.write_bytes(text.encode("utf-8", "replace"))
    check(path)


def test_mutation_corpus_in_process(tmp_path: Path) -> None:
    """1,000 mutated seeds of every kind plus the small nasties: none raises, none vanishes."""
    inputs = list(hostile.mutations(1000, seed=11)) + hostile.nasties(big=False)
    for name, data in inputs:
        path = tmp_path / name
        path.write_bytes(data)
        check(path)
        path.unlink()


@pytest.mark.slow
def test_mutation_batch_through_the_cli(tmp_path: Path) -> None:
    """One batch through ``copytrail ingest`` in a subprocess, as the benchmark runs it."""
    rng = random.Random(5)
    batch = list(hostile.mutations(40, seed=rng.randrange(1000))) + [
        (n, d)
        for n, d in hostile.nasties(big=False)
        if n.startswith(("ipv6", "atom-deep", "enc-", "tg-", "surrogate"))
    ]
    camp = hostile.Campaign(
        hostile.os.environ.copy(), timeout=120, rss_limit_mb=2000, work=tmp_path
    )
    camp.batch(batch, "ci")
    report = camp.report()
    assert report["crashed_batches"] == 0 and report["hung_batches"] == 0, report["failures"]
    assert report["controls_kept"] == report["controls"] == 3
    assert report["silent"] == []
