"""JSON-array datasets: a .json file holding one array of row objects, read item by item."""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources import detect_kind, iter_source
from copytrail.sources.tabular import iter_json_array

S = Settings()


def outcome(records: Sequence[RawPage | LinkRecord | IngestError]) -> list[object]:
    out: list[object] = []
    for r in records:
        assert not isinstance(r, LinkRecord)
        out.append(r.source_offset if isinstance(r, RawPage) else (r.reason, r.location))
    return out


def test_detected_by_its_first_byte() -> None:
    assert detect_kind("export.json", b'  [{"url": "u"') == "json"
    assert detect_kind("export.json.gz", b"[") == "json"
    assert detect_kind("other.json", b'{"a": 1}') is None


def test_items_bad_items_and_hints(tmp_path: Path) -> None:
    items = [
        {"url": "https://ex.org/1", "html": "<p>one</p>", "published": "2024-01-01"},
        ["not", "an", "object"],
        {"html": "<p>no url</p>"},
        {"url": "https://ex.org/4", "text": "four", "authors": ["A", "B"]},
    ]
    path = tmp_path / "d.json"
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    out = list(iter_source(str(path), S))
    assert outcome(out) == [1, ("json-malformed", "2"), ("json-malformed", "3"), 4]
    four = out[3]
    assert isinstance(four, RawPage) and four.hints["authors"] == ["A", "B"]
    assert four.body == b"four" and four.content_type == "text/plain"


def test_syntax_error_ends_the_file_with_one_error_after_the_good_items(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('[{"url": "https://ex.org/1", "text": "a"}, {"url": "https://ex.org/2", "text": }]')
    out = list(iter_json_array(str(path), S))
    assert outcome(out) == [1, ("json-malformed", "2")]
    assert "after 1 items" in out[1].detail  # type: ignore[union-attr]
    path.write_text('[{"url": "https://ex.org/1", "text": "a"} {"url": "https://ex.org/2", "text": "b"}]')
    assert outcome(list(iter_json_array(str(path), S))) == [1, ("json-malformed", "2")]
    path.write_text('[{"url": "https://ex.org/1", "text": "a"},')
    assert outcome(list(iter_json_array(str(path), S))) == [1, ("json-malformed", "2")]
    path.write_text('{"url": "https://ex.org/1"}')
    assert [e.reason for e in iter_json_array(str(path), S)] == ["json-malformed"]  # type: ignore[union-attr]
    path.write_bytes(b'[{"url": "https://ex.org/1", "text": "\xff"}]')
    assert [e.reason for e in iter_json_array(str(path), S)] == ["undecodable"]  # type: ignore[union-attr]


def test_items_larger_than_a_read_chunk_and_gzip(tmp_path: Path) -> None:
    # items of ~150 KB cross the 64 KB read chunks; numbers cut at a boundary must not split
    items = [{"url": f"https://ex.org/{i}", "text": f"word{i} " * 20_000, "n": 123456789} for i in range(5)]
    data = json.dumps(items).encode()
    path = tmp_path / "big.json.gz"
    path.write_bytes(gzip.compress(data))
    pages = list(iter_source(str(path), S))
    assert outcome(pages) == [1, 2, 3, 4, 5]
    assert [p.body for p in pages if isinstance(p, RawPage)] == [str(it["text"]).encode() for it in items]


def test_an_item_beyond_the_page_limit_is_refused_without_reading_on(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text(json.dumps([{"url": "https://ex.org/1", "text": "x" * 400_000}]))
    out = list(iter_json_array(str(path), S.replace(max_page_bytes=50_000)))
    assert isinstance(out[0], IngestError) and "too large" in out[0].detail


_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=200).filter(str.strip)


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_TEXT, min_size=0, max_size=6), indent=st.sampled_from([None, 1, 4]))
def test_round_trip_is_byte_exact(tmp_path: Path, texts: list[str], indent: int | None) -> None:
    path = tmp_path / "rt.json"
    rows = [{"url": f"https://ex.org/{i}", "text": t} for i, t in enumerate(texts)]
    path.write_text(json.dumps(rows, indent=indent, ensure_ascii=len(texts) % 2 == 0), encoding="utf-8")
    pages = list(iter_json_array(str(path), S))
    assert [p.body for p in pages] == [t.encode("utf-8") for t in texts]  # type: ignore[union-attr]
