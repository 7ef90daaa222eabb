"""English figures against the example table beside the lexicon (``claims/data/figures_en.*``).

Each row of ``figures_en.examples.tsv`` is an invented sentence and every figure it states, in
order (value or range, unit, qualifier); a row passes only when the reader finds exactly those.
The lexicon itself is data: these rows are its tests, as ``numerals_<lang>.examples.tsv`` are
for Persian, Arabic and Russian.
"""

from __future__ import annotations

from importlib import resources

import pytest

from copytrail.claims.figures import Figure, extract_figures
from copytrail.claims.figures.wordlists import lexicon

Row = tuple[float, float, str | None, str]


def _rows() -> list[tuple[str, list[Row]]]:
    path = resources.files("copytrail.claims").joinpath("data/figures_en.examples.tsv")
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, expected = line.split("\t")
        rows.append((sentence, [] if expected.strip() == "-" else _parse(expected)))
    return rows


def _parse(expected: str) -> list[Row]:
    out = []
    for item in expected.split(";"):
        item, _, qualifier = item.partition("~")
        parts = item.split()
        low, _, high = parts[0].partition("..")
        unit = parts[1] if len(parts) > 1 else None
        out.append((float(low), float(high or low), unit, qualifier.strip() or "exact"))
    return out


def _read(f: Figure) -> Row:
    ranged = f.low is not None and f.high is not None and f.low != f.high
    low, high = (f.low, f.high) if ranged else (f.value, f.value)
    qualifier = "exact" if f.qualifier == "range" else f.qualifier
    return (low, high, f.unit, qualifier)  # type: ignore[return-value]


ROWS = _rows()


@pytest.mark.parametrize(("sentence", "expected"), ROWS, ids=[s[:40] for s, _ in ROWS])
def test_example_row(sentence: str, expected: list[Row]) -> None:
    got = [_read(f) for f in extract_figures(sentence)]
    assert [(u, q) for _, _, u, q in got] == [(u, q) for _, _, u, q in expected]
    for (lo, hi, _, _), (want_lo, want_hi, _, _) in zip(got, expected, strict=True):
        assert (lo, hi) == (pytest.approx(want_lo, rel=1e-5), pytest.approx(want_hi, rel=1e-5))


def test_table_covers_each_kind_of_list() -> None:
    # A unit, a currency before and after a scale, a qualifier of each direction, a vague
    # plural, a fraction word and a sentence with no quantity at all.
    units = {u for _, rows in ROWS for _, _, u, _ in rows}
    qualifiers = {q for _, rows in ROWS for _, _, _, q in rows}
    assert {"%", "km", "pp", "bp", "GBP", "EUR", "INR", "JPY", "$/month"} <= units
    assert {"approximately", "more than", "at least", "less than", "up to", "vague"} <= qualifiers
    assert any(not rows for _, rows in ROWS)


def test_lexicon_lists_are_data() -> None:
    lex = lexicon()
    qualifier_phrases = {p for p, _ in lex["qualifiers"]}
    assert {"more than", "up to", "about"} <= qualifier_phrases
    assert lex["currency_prefixes"]["€"] == "EUR" and lex["multipliers"]["bn"] == 1e9
    assert lex["months"][0] == "January" and len(lex["months"]) == 12
