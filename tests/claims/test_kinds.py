"""A new claim kind, defined here, runs through the stage without editing stage.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa

from copytrail.claims.kinds import DEFAULT_KINDS, Article, ClaimKind, KindRows, base_row
from copytrail.claims.stage import run_claims
from copytrail.pipeline import ingest
from copytrail.settings import Settings
from copytrail.store import Store

_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def read_weekdays(article: Article) -> KindRows:
    return KindRows(
        [
            base_row(article, "weekday", m.start(), m.end(), *article.sentence_of(m.start()))
            | {"weekday": m.group().lower()}
            for m in _WEEKDAY.finditer(article.text)
        ]
    )


WEEKDAYS = ClaimKind(
    "weekdays", "1", read_weekdays, columns=(("weekday", pa.string()),), writes=("weekday",)
)


def test_a_new_kind_lands_in_the_store(tmp_path: Path, store: Store, settings: Settings) -> None:
    text = (
        "The Vale ferry stopped on Tuesday. About 300 riders waited, the operator said on Friday."
    )
    f = tmp_path / "docs.jsonl"
    f.write_text(json.dumps({"url": "https://a.example/ferry", "site": "a.example", "text": text}))
    ingest([str(f)], settings, store)
    summary = run_claims(store, settings, kinds=(*DEFAULT_KINDS, WEEKDAYS))
    assert summary.failed == 0
    got = store.con.execute(
        "SELECT weekday, text, start_char, end_char, sentence FROM claims WHERE kind = 'weekday' ORDER BY start_char"
    ).fetchall()
    assert got == [
        ("tuesday", "Tuesday", 26, 33, "The Vale ferry stopped on Tuesday."),
        ("friday", "Friday", text.index("Friday"), text.index("Friday") + 6, text[35:]),
    ]
    # The default kinds still write their rows beside the new one.
    assert store.count("claims", "kind = 'figure'") == 1
    # Dropping the kind re-reads the article (the kinds are in the fingerprint): its rows go.
    run_claims(store, settings)
    assert store.count("claims", "kind = 'weekday'") == 0


def test_a_kind_cannot_write_rows_of_another_kind() -> None:
    bad = ClaimKind(
        "bad", "1", lambda a: KindRows([base_row(a, "figure", 0, 1, 0, 1)]), writes=("weekday",)
    )
    try:
        bad.rows({"article_id": "a", "text": "x"})
    except ValueError as exc:
        assert "figure" in str(exc)
    else:
        raise AssertionError("a row of an undeclared kind was accepted")
